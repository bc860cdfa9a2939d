// esctl info, apps, tracking: the store, its applications and their counts, followers' positions.
#include "esctl.h"

#include "es/inspect/knowntypes.h"
#include "es/inspect/pagers.h"

using es::json::Value;

namespace esctl {

namespace {

QString kindName(es::inspect::StoreKind k)
{
    switch (k) {
    case es::inspect::StoreKind::SqliteFile:
        return QStringLiteral("SQLite file");
    case es::inspect::StoreKind::SqliteDirectory:
        return QStringLiteral("SQLite folder (one file per application)");
    case es::inspect::StoreKind::Postgres:
        return QStringLiteral("PostgreSQL");
    case es::inspect::StoreKind::Remote:
        return QStringLiteral("remote notification log");
    }
    return {};
}

QString verdictName(es::inspect::KeyCheck::Verdict v)
{
    using V = es::inspect::KeyCheck::Verdict;
    switch (v) {
    case V::Empty:
        return QStringLiteral("empty");
    case V::NotEncrypted:
        return QStringLiteral("not encrypted");
    case V::NeedsKey:
        return QStringLiteral("encrypted: needs key");
    case V::KeyOpens:
        return QStringLiteral("encrypted: key opens it");
    case V::WrongKey:
        return QStringLiteral("encrypted: wrong key");
    case V::SomeFail:
        return QStringLiteral("encrypted: some records do not open");
    }
    return {};
}

QString count(qint64 n)
{
    return n < 0 ? QStringLiteral("-") : QString::number(n);
}

Value countValue(qint64 n)
{
    return n < 0 ? Value() : Value(static_cast<long long>(n));
}

int info(Context &ctx, const QCommandLineParser &, const QStringList &args)
{
    if (!args.isEmpty())
        throw UsageError(QStringLiteral("info takes no arguments"));
    auto store = ctx.store();
    Value apps = Value::emptyArray();
    Table table({QStringLiteral("APPLICATION"), QStringLiteral("MAX ID"), QStringLiteral("SNAPSHOTS"),
                 QStringLiteral("TRACKING"), QStringLiteral("STORED"), QStringLiteral("LOCATION")});
    for (const auto &a : store->applications()) {
        if (!ctx.app.isEmpty() && a.name.compare(ctx.app, Qt::CaseInsensitive) != 0 && !a.isRemote)
            continue;
        const es::inspect::KeyCheck key = es::inspect::checkCipherKey(ctx.source(a.name));
        const qint64 maxId = a.hasLog ? store->maxNotificationId(a.name) : -1;
        Value o = Value::emptyObject();
        o.insert("name", Value(a.name));
        o.insert("location", Value(a.location));
        o.insert("events_table", Value(a.eventsTable));
        o.insert("snapshots_table", a.hasSnapshots() ? Value(a.snapshotsTable) : Value());
        o.insert("tracking_table", a.hasTracking() ? Value(a.trackingTable) : Value());
        o.insert("has_log", Value(a.hasLog));
        o.insert("max_notification_id", countValue(maxId));
        o.insert("storage", Value(verdictName(key.verdict)));
        apps.append(std::move(o));
        table.add({a.name, count(maxId), a.hasSnapshots() ? a.snapshotsTable : QStringLiteral("-"),
                   a.hasTracking() ? a.trackingTable : QStringLiteral("-"), verdictName(key.verdict),
                   a.location});
    }
    const QStringList linked = es::inspect::registeredTypeSources();
    if (ctx.json) {
        Value o = Value::emptyObject();
        o.insert("url", Value(store->displayUrl()));
        o.insert("kind", Value(kindName(store->kind())));
        o.insert("read_only", Value(store->isReadOnly()));
        o.insert("applications", std::move(apps));
        Value l = Value::emptyArray();
        for (const QString &s : linked)
            l.append(Value(s));
        o.insert("linked_types", std::move(l));
        Value notes = Value::emptyArray();
        for (const QString &n : store->discoveryNotes())
            notes.append(Value(n));
        o.insert("notes", std::move(notes));
        ctx.print(jsonLine(o));
        return 0;
    }
    ctx.print(QStringLiteral("store:        %1").arg(store->displayUrl()));
    ctx.print(QStringLiteral("kind:         %1").arg(kindName(store->kind())));
    ctx.print(QStringLiteral("access:       read-only"));
    ctx.print(QStringLiteral("linked types: %1")
                  .arg(linked.isEmpty() ? QStringLiteral("none") : linked.join(QStringLiteral(", "))));
    for (const QString &n : store->discoveryNotes())
        ctx.print(QStringLiteral("note:         %1").arg(n));
    ctx.print();
    ctx.print(table.render());
    return 0;
}

int apps(Context &ctx, const QCommandLineParser &, const QStringList &args)
{
    if (!args.isEmpty())
        throw UsageError(QStringLiteral("apps takes no arguments"));
    auto store = ctx.store();
    Table table({QStringLiteral("APPLICATION"), QStringLiteral("EVENTS"), QStringLiteral("AGGREGATES"),
                 QStringLiteral("SNAPSHOTS"), QStringLiteral("TRACKING"), QStringLiteral("MAX ID"),
                 QStringLiteral("TABLES"), QStringLiteral("LOCATION")});
    Value list = Value::emptyArray();
    for (const QString &name : ctx.applicationNames()) {
        const es::inspect::ApplicationInfo &a = store->application(name);
        const es::inspect::ApplicationCounts c = store->counts(name);
        QStringList tables {a.eventsTable};
        if (a.hasSnapshots())
            tables << a.snapshotsTable;
        if (a.hasTracking())
            tables << a.trackingTable;
        tables.removeAll(QString());
        table.add({a.name, count(c.events), count(c.aggregates), count(c.snapshots), count(c.tracking),
                   count(c.maxNotificationId), tables.join(QLatin1Char(',')), a.location});
        Value o = Value::emptyObject();
        o.insert("name", Value(a.name));
        o.insert("events", countValue(c.events));
        o.insert("aggregates", countValue(c.aggregates));
        o.insert("snapshots", countValue(c.snapshots));
        o.insert("tracking", countValue(c.tracking));
        o.insert("max_notification_id", countValue(c.maxNotificationId));
        o.insert("events_table", Value(a.eventsTable));
        o.insert("snapshots_table", a.hasSnapshots() ? Value(a.snapshotsTable) : Value());
        o.insert("tracking_table", a.hasTracking() ? Value(a.trackingTable) : Value());
        o.insert("location", Value(a.location));
        list.append(std::move(o));
    }
    ctx.print(ctx.json ? jsonLine(list) : table.render());
    return 0;
}

int tracking(Context &ctx, const QCommandLineParser &parser, const QStringList &args)
{
    if (!args.isEmpty())
        throw UsageError(QStringLiteral("tracking takes no arguments"));
    const bool counts = parser.isSet(QStringLiteral("counts"));
    auto store = ctx.store();
    Table table({QStringLiteral("APPLICATION"), QStringLiteral("UPSTREAM"), QStringLiteral("POSITION"),
                 QStringLiteral("UPSTREAM MAX"), QStringLiteral("LAG"), QStringLiteral("RECORDS")});
    Value list = Value::emptyArray();
    int withTracking = 0;
    for (const QString &name : ctx.applicationNames()) {
        if (!store->application(name).hasTracking())
            continue;
        ++withTracking;
        for (const es::inspect::TrackingPosition &p :
             es::inspect::trackingPositions(ctx.source(name), counts)) {
            table.add({name, p.upstream, QString::number(p.position),
                       p.upstreamMax ? QString::number(*p.upstreamMax) : QStringLiteral("?"),
                       p.lag ? QString::number(*p.lag) : QStringLiteral("?"), count(p.records)});
            Value o = Value::emptyObject();
            o.insert("application", Value(name));
            o.insert("upstream", Value(p.upstream));
            o.insert("position", Value(static_cast<long long>(p.position)));
            o.insert("upstream_application",
                     p.upstreamApplication.isEmpty() ? Value() : Value(p.upstreamApplication));
            o.insert("upstream_max", p.upstreamMax ? Value(static_cast<long long>(*p.upstreamMax)) : Value());
            o.insert("lag", p.lag ? Value(static_cast<long long>(*p.lag)) : Value());
            o.insert("records", countValue(p.records));
            list.append(std::move(o));
        }
    }
    if (withTracking == 0)
        Context::note(
            ctx.app.isEmpty()
                ? QStringLiteral("no application in the store tracks another (no tracking table)")
                : QStringLiteral("application '%1' tracks no other (no tracking table)").arg(ctx.app));
    ctx.print(ctx.json ? jsonLine(list) : table.render());
    return 0;
}

const Registration
    infoCommand({QStringLiteral("info"),
                 QStringLiteral("info"),
                 QStringLiteral("The store: kind, applications, how they are stored, linked types"),
                 10,
                 {},
                 info});
const Registration
    appsCommand({QStringLiteral("apps"),
                 QStringLiteral("apps"),
                 QStringLiteral("The applications with their record counts (counts every record)"),
                 20,
                 {},
                 apps});
const Registration trackingCommand(
    {QStringLiteral("tracking"), QStringLiteral("tracking [--counts]"),
     QStringLiteral("Each follower's position per upstream application, and its lag"), 70,
     [](QCommandLineParser &p) {
         p.addOption({QStringLiteral("counts"), QStringLiteral("Also count the tracking records.")});
     },
     tracking});

} // namespace

} // namespace esctl
