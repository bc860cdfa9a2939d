// Placeholder until the SQLite recorders land (issue 4): construct() reports it plainly.
#include "persistence/backends.h"

#include "es/errors.h"

namespace es::detail {
std::unique_ptr<InfrastructureFactory> makeSqliteFactory(const Environment &)
{
    throw NotSupportedError(QStringLiteral("the SQLite infrastructure is not built yet"));
}
} // namespace es::detail
