// The example applications esctl is linked with, registered (through the demo writer's
// registerTypes()) so that their aggregates can be rebuilt and their custom transcodings are known.
#include "esctl.h"

#include "demo/demo.h"

namespace esctl {

void registerExampleTypes();

void registerExampleTypes()
{
    for (const QString &problem : demo::registerTypes())
        Context::note(QStringLiteral("warning: ") + problem);
}

} // namespace esctl
