#pragma once
// The infrastructure factories of the backends, made by InfrastructureFactory::construct().
// Private to the engine.

#include "es/infrastructure.h"

#include <memory>

namespace es::detail {

std::unique_ptr<InfrastructureFactory> makePopoFactory(const Environment &env);
std::unique_ptr<InfrastructureFactory> makeSqliteFactory(const Environment &env);
std::unique_ptr<InfrastructureFactory> makePostgresFactory(const Environment &env);

} // namespace es::detail
