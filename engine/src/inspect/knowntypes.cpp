#include "es/inspect/knowntypes.h"

#include <mutex>

namespace es::inspect {

namespace {

struct Known
{
    std::mutex mutex;
    QStringList sources;
    QStringList names; // transcoding names beyond the built-ins
};

Known &known()
{
    static Known k;
    return k;
}

} // namespace

void registerTypes(const QString &name, const std::function<void(JSONTranscoder &)> &registrar)
{
    // The registrar runs outside the lock: building an application may take a while, and may itself
    // ask for knownTranscoder().
    JSONTranscoder scratch;
    registrar(scratch);
    Known &k = known();
    std::lock_guard lock(k.mutex);
    if (!k.sources.contains(name))
        k.sources << name;
    for (const QString &n : scratch.names())
        if (!k.names.contains(n))
            k.names << n;
}

std::shared_ptr<const JSONTranscoder> knownTranscoder()
{
    auto t = std::make_shared<JSONTranscoder>();
    Known &k = known();
    std::lock_guard lock(k.mutex);
    for (const QString &n : k.names)
        t->registerName(n);
    return t;
}

QStringList registeredTypeSources()
{
    Known &k = known();
    std::lock_guard lock(k.mutex);
    return k.sources;
}

} // namespace es::inspect
