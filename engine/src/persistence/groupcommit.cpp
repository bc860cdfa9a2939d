#include "persistence/groupcommit.h"

namespace es {

GroupCommitCounters groupCommitCounters()
{
    GroupCommitCounters c;
    c.commits = detail::GroupCommit::batches().load(std::memory_order_relaxed);
    c.saves = detail::GroupCommit::saves().load(std::memory_order_relaxed);
    c.writeNanoseconds = detail::GroupCommit::writeNanoseconds().load(std::memory_order_relaxed);
    c.waitNanoseconds = detail::GroupCommit::waitNanoseconds().load(std::memory_order_relaxed);
    return c;
}

} // namespace es
