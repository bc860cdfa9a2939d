#include "persistence/groupcommit.h"

namespace es {

GroupCommitCounters groupCommitCounters()
{
    GroupCommitCounters c;
    c.commits = detail::GroupCommit::stats().batches.load(std::memory_order_relaxed);
    c.saves = detail::GroupCommit::stats().saves.load(std::memory_order_relaxed);
    c.writeNanoseconds = detail::GroupCommit::stats().writeNanoseconds.load(std::memory_order_relaxed);
    c.waitNanoseconds = detail::GroupCommit::stats().waitNanoseconds.load(std::memory_order_relaxed);
    return c;
}

} // namespace es
