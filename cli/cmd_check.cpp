// esctl verify, export: checking a store, and exporting it as JSON lines (DESIGN §3.3) or CSV.
#include "esctl.h"

#include "es/inspect/exporter.h"
#include "es/inspect/verifier.h"
#include "es/uuid.h"

#include <QFile>

using es::json::Value;
namespace ins = es::inspect;

namespace esctl {

namespace {

QString location(const ins::Finding &f)
{
    QStringList parts;
    if (!f.table.isEmpty())
        parts << f.table;
    if (f.notificationId)
        parts << QStringLiteral("id %1").arg(*f.notificationId);
    if (f.originatorId)
        parts << es::uuid::toDashed(*f.originatorId)
                + (f.version ? QStringLiteral(" v%1").arg(*f.version) : QString());
    return parts.join(QLatin1Char(' '));
}

int verify(Context &ctx, const QCommandLineParser &p, const QStringList &args)
{
    if (!args.isEmpty())
        throw UsageError(QStringLiteral("verify takes no arguments"));
    ins::VerifyOptions options;
    if (p.isSet(QStringLiteral("max-findings")))
        options.maxFindingsPerKind = static_cast<int>(std::max<qint64>(
            1, parseCount(p.value(QStringLiteral("max-findings")), QStringLiteral("--max-findings"))));
    const bool strict = p.isSet(QStringLiteral("strict"));
    bool failed = false;
    bool clean = true;
    Value reports = Value::emptyArray();
    for (const QString &name : ctx.applicationNames()) {
        const ins::VerifyReport r = ins::verify(ctx.source(name), options);
        const int errors = r.count(ins::Finding::Severity::Error);
        const int warnings = r.count(ins::Finding::Severity::Warning);
        failed = failed || errors > 0 || (strict && warnings > 0);
        clean = clean && r.clean();
        if (ctx.json) {
            reports.append(r.toJson());
            continue;
        }
        ctx.print(QStringLiteral("%1: %2 events, %3 aggregates, %4 snapshots: %5")
                      .arg(r.application)
                      .arg(r.events)
                      .arg(r.aggregates)
                      .arg(r.snapshots)
                      .arg(r.clean()
                               ? QStringLiteral("clean")
                               : QStringLiteral("%1 error(s), %2 warning(s)").arg(errors).arg(warnings)));
        if (!r.findings.empty()) {
            Table t({QStringLiteral("SEVERITY"), QStringLiteral("KIND"), QStringLiteral("WHERE"),
                     QStringLiteral("MESSAGE")});
            for (const auto &f : r.findings)
                t.add({ins::Finding::severityName(f.severity), f.kind, location(f), f.message});
            ctx.print(t.render());
        }
    }
    if (ctx.json) {
        Value o = Value::emptyObject();
        o.insert("clean", Value(clean));
        o.insert("reports", std::move(reports));
        ctx.print(jsonLine(o));
    }
    return failed ? 1 : 0;
}

int exportCommand(Context &ctx, const QCommandLineParser &p, const QStringList &args)
{
    if (!args.isEmpty())
        throw UsageError(QStringLiteral("export takes no arguments"));
    ins::ExportOptions options;
    const QString format = p.value(QStringLiteral("format")).toLower();
    if (format.isEmpty() || format == QLatin1String("jsonl"))
        options.format = ins::ExportFormat::Jsonl;
    else if (format == QLatin1String("csv"))
        options.format = ins::ExportFormat::Csv;
    else
        throw UsageError(QStringLiteral("--format is jsonl or csv, not '%1'").arg(format));
    if (p.isSet(QStringLiteral("snapshots")) && p.isSet(QStringLiteral("aggregate")))
        throw UsageError(QStringLiteral("give --snapshots or --aggregate, not both"));
    if (p.isSet(QStringLiteral("snapshots")))
        options.selection = ins::ExportSelection::Snapshots;
    if (p.isSet(QStringLiteral("aggregate"))) {
        options.selection = ins::ExportSelection::Aggregate;
        options.aggregate = parseId(p.value(QStringLiteral("aggregate")));
    }

    const ins::Source source = ctx.source();
    // A wrong or missing key would make every row an error: say so once, before writing anything.
    const ins::KeyCheck key = ins::checkCipherKey(source);
    if (key.verdict == ins::KeyCheck::Verdict::WrongKey || key.verdict == ins::KeyCheck::Verdict::NeedsKey)
        throw es::CipherError(key.message);

    QFile file;
    if (p.isSet(QStringLiteral("output"))) {
        file.setFileName(p.value(QStringLiteral("output")));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            throw es::ValueError(
                QStringLiteral("cannot write '%1': %2").arg(file.fileName(), file.errorString()));
    }
    const ins::ExportSummary summary = ins::exportRecords(source, options, [&](const QByteArray &line) {
        if (file.isOpen()) {
            if (file.write(line) != line.size())
                throw es::ValueError(
                    QStringLiteral("cannot write '%1': %2").arg(file.fileName(), file.errorString()));
        } else {
            ctx.write(line);
        }
    });
    if (file.isOpen())
        file.close();
    if (options.selection == ins::ExportSelection::Aggregate && summary.rows == 0)
        throw es::AggregateNotFound(QStringLiteral("aggregate %1 has no events in '%2'")
                                        .arg(es::uuid::toDashed(options.aggregate), source.application));
    if (summary.wrongKey(source.decoder->hasKey()))
        throw es::CipherError(QStringLiteral("wrong key: none of the %1 encrypted records opens with %2")
                                  .arg(summary.encrypted)
                                  .arg(source.decoder->keySource()));
    if (summary.failed > 0) {
        Context::note(QStringLiteral("error: %1 of %2 records could not be decoded (first: %3)")
                          .arg(summary.failed)
                          .arg(summary.rows)
                          .arg(summary.firstError));
        return 1;
    }
    return 0;
}

const Registration verifyCommand(
    {QStringLiteral("verify"), QStringLiteral("verify [--strict] [--max-findings N]"),
     QStringLiteral("Check versions, ids, decoding, topics, snapshots and tracking (exit 1 on errors)"), 75,
     [](QCommandLineParser &p) {
         p.addOption(
             {QStringLiteral("strict"), QStringLiteral("Exit 1 on warnings too (unknown topics or types).")});
         p.addOption({QStringLiteral("max-findings"),
                      QStringLiteral("List at most N findings of each kind (default 100)."),
                      QStringLiteral("N")});
     },
     verify});

const Registration exportRegistration(
    {QStringLiteral("export"),
     QStringLiteral("export [--snapshots | --aggregate ID] [--format jsonl|csv] [--output FILE]"),
     QStringLiteral("Every record as JSON lines or CSV (exit 1 after the last row if any failed)"), 80,
     [](QCommandLineParser &p) {
         p.addOption(
             {QStringLiteral("snapshots"), QStringLiteral("Export the snapshots instead of the log.")});
         p.addOption({QStringLiteral("aggregate"), QStringLiteral("Export one aggregate's events."),
                      QStringLiteral("ID")});
         p.addOption(
             {QStringLiteral("format"), QStringLiteral("jsonl (default) or csv."), QStringLiteral("FORMAT")});
         p.addOption({{QStringLiteral("o"), QStringLiteral("output")},
                      QStringLiteral("Write to FILE instead of stdout."),
                      QStringLiteral("FILE")});
     },
     exportCommand});

} // namespace

} // namespace esctl
