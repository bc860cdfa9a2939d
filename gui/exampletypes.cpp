#include "exampletypes.h"

#include "demo/demo.h"
#include "es/inspect/knowntypes.h"

QStringList registerInspectorTypes(QString *error)
{
    // The demo writer links every example and keeps the one list of them (esctl uses it too).
    const QStringList problems = demo::registerTypes();
    if (error)
        *error = problems.join(QStringLiteral("; "));
    return es::inspect::registeredTypeSources();
}
