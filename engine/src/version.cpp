#include "es/version.h"

namespace es {

QString engineVersion()
{
    return QStringLiteral(ES_VERSION_STRING);
}

QString compatibleEventsourcingVersion()
{
    return QStringLiteral("9.1.6");
}

} // namespace es
