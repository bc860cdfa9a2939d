// Placeholder until the PostgreSQL recorders land (issue 4): construct() reports it plainly.
#include "persistence/backends.h"

#include "es/errors.h"

namespace es::detail {
std::unique_ptr<InfrastructureFactory> makePostgresFactory(const Environment &)
{
    throw NotSupportedError(QStringLiteral("the PostgreSQL infrastructure is not built yet"));
}
} // namespace es::detail
