// esctl demo: writes deterministic demo stores through the example applications (examples/demo).
#include "esctl.h"

#include "demo/demo.h"
#include "es/inspect/decoding.h"

namespace esctl {

namespace {

int demoCommand(Context &ctx, const QCommandLineParser &p, const QStringList &args)
{
    if (args.isEmpty())
        throw UsageError(QStringLiteral("name an example to write: %1, or all").arg(demo::exampleNames().join(QStringLiteral(", "))));
    demo::Options o;
    o.examples = args;
    o.url = ctx.url;
    if (o.url.isEmpty())
        throw UsageError(QStringLiteral("give the target with --url (a directory for SQLite files, or postgresql://…)"));
    if (p.isSet(QStringLiteral("seed")))
        o.seed = static_cast<quint64>(parseCount(p.value(QStringLiteral("seed")), QStringLiteral("--seed")));
    if (p.isSet(QStringLiteral("size")))
        o.size = static_cast<int>(parseCount(p.value(QStringLiteral("size")), QStringLiteral("--size")));
    if (!ctx.keyFile.isEmpty())
        o.key = es::inspect::DecodingSettings::readKeyFile(ctx.keyFile);
    else
        o.key = ctx.key;
    const demo::Report report = demo::write(o, [](const QString &step) { Context::note(step); });
    if (ctx.json) {
        es::json::Value apps = es::json::Value::emptyArray();
        for (const QString &a : report.applications)
            apps.append(es::json::Value(a));
        es::json::Value out = es::json::Value::emptyObject();
        out.insert("target", es::json::Value(report.target));
        out.insert("applications", apps);
        out.insert("events", es::json::Value(report.events));
        ctx.print(jsonLine(out));
    } else {
        ctx.print(QStringLiteral("Wrote %1 events to %2:").arg(report.events).arg(report.target));
        for (const QString &line : report.lines)
            ctx.print(QStringLiteral("  ") + line);
    }
    return 0;
}

const Registration demoRegistration(
    {QStringLiteral("demo"), QStringLiteral("demo <example|all>… --url TARGET [--seed N] [--size N] [--key KEY]"),
     QStringLiteral("Write deterministic demo stores through the example applications"), 90,
     [](QCommandLineParser &p) {
         p.addOption({QStringLiteral("seed"), QStringLiteral("The seed (default 1): the same seed writes the same stores."),
                      QStringLiteral("N")});
         p.addOption({QStringLiteral("size"), QStringLiteral("Scale of the operations (default 1)."), QStringLiteral("N")});
     },
     demoCommand, false});

} // namespace

} // namespace esctl
