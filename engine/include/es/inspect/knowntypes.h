#pragma once
// The types a program makes known to the inspector: aggregate classes it can rebuild (they register
// their topics, topics.h) and the custom transcoding names (_type_ values such as "person_as_dict")
// that are legitimate in stored states.
//
// A program (esctl, es-inspector) registers what it links, before opening stores:
//
//   es::inspect::registerApplicationTypes<worlds::WorldsApplication>(QStringLiteral("worlds"));
//
// registerApplicationTypes<App>() builds an App on in-memory (POPO) infrastructure once, which runs
// its registerTypes() and registerTranscodings() — exactly what the application reads its own store
// with — and keeps its transcoding names. registerTypes() takes any other function.
//
// Thread-safety: every function here is thread-safe. Registering while stores are being decoded is
// allowed; decoders made before it keep the names they had.

#include "es/application.h"
#include "es/transcoder.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace es::inspect {

// Registers types under a name (shown by `esctl info`): `registrar` registers aggregates and adds
// transcoding names to the transcoder it is given. Runs at once; an exception from it propagates
// and nothing is kept.
void registerTypes(const QString &name, const std::function<void(JSONTranscoder &)> &registrar);

// A transcoder with the built-in names and every registered one (a snapshot of them now).
std::shared_ptr<const JSONTranscoder> knownTranscoder();
// The names given to registerTypes(), in registration order.
QStringList registeredTypeSources();

namespace detail {
// Builds App with its environment replaced by in-memory infrastructure (no cipher, no compressor:
// only the names are wanted), so that building it cannot touch a store or fail on settings.
template<typename App> class TypeProbe final : public App
{
public:
    using App::App;

protected:
    Environment constructEnv() override
    {
        QMap<QString, QString> vars;
        vars.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.popo:Factory"));
        return Environment(this->name(), vars);
    }
};
} // namespace detail

// Registers an application class's aggregates and transcodings (see above). App must be
// constructible without arguments.
template<typename App> void registerApplicationTypes(const QString &name)
{
    registerTypes(name, [](JSONTranscoder &transcoder) {
        detail::TypeProbe<App> probe;
        probe.initialise();
        for (const QString &n : probe.mapper().transcoder().names())
            transcoder.registerName(n);
    });
}

} // namespace es::inspect
