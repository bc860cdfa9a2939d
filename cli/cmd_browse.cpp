// esctl aggregates, events, log, snapshots: the catalogue and the pagers.
#include "esctl.h"

#include "es/inspect/catalogue.h"
#include "es/inspect/pagers.h"
#include "es/uuid.h"

using es::json::Value;
namespace ins = es::inspect;

namespace esctl {

namespace {

QCommandLineOption limitOption(const QString &defaultText)
{
    return {QStringLiteral("limit"), QStringLiteral("At most N rows (0: all; default %1).").arg(defaultText),
            QStringLiteral("N")};
}

qint64 limitOf(const QCommandLineParser &p, qint64 defaultValue)
{
    return p.isSet(QStringLiteral("limit"))
        ? parseCount(p.value(QStringLiteral("limit")), QStringLiteral("--limit"))
        : defaultValue;
}

QStringList recordCells(const ins::DecodedRecord &r)
{
    return {r.notificationId ? QString::number(*r.notificationId) : QString(),
            es::uuid::toDashed(r.originatorId),
            QString::number(r.originatorVersion),
            shortTopic(r.topic),
            timeText(r.timestamp()),
            r.storage(),
            r.status()};
}

const QStringList RecordHeaders = {
    QStringLiteral("ID"),   QStringLiteral("ORIGINATOR"), QStringLiteral("VERSION"), QStringLiteral("TOPIC"),
    QStringLiteral("TIME"), QStringLiteral("STORED"),     QStringLiteral("STATUS")};

void printRecords(Context &ctx, const std::vector<ins::DecodedRecord> &rows, bool withState)
{
    if (ctx.json) {
        Value list = Value::emptyArray();
        for (const auto &r : rows)
            list.append(recordJson(r));
        ctx.print(jsonLine(list));
        return;
    }
    QStringList headers = RecordHeaders;
    if (withState)
        headers << QStringLiteral("STATE");
    Table t(headers);
    for (const auto &r : rows) {
        QStringList cells = recordCells(r);
        if (withState)
            cells << (r.decoded.hasState() ? jsonLine(r.decoded.state) : r.decoded.error);
        t.add(cells);
    }
    ctx.print(t.render());
}

// --- aggregates -----------------------------------------------------------------------------------------

int aggregates(Context &ctx, const QCommandLineParser &p, const QStringList &args)
{
    if (!args.isEmpty())
        throw UsageError(QStringLiteral("aggregates takes no arguments (use --prefix to find ids)"));
    const ins::AggregateCatalogue catalogue(ctx.source());
    ins::CatalogueQuery q;
    q.idPrefix = p.value(QStringLiteral("prefix"));
    try {
        ins::AggregateCatalogue::normalisePrefix(q.idPrefix);
    } catch (const es::ValueError &e) {
        throw UsageError(e.message());
    }
    q.type = p.value(QStringLiteral("type"));
    q.descending = p.isSet(QStringLiteral("desc"));
    if (p.isSet(QStringLiteral("after")))
        q.after = parseId(p.value(QStringLiteral("after")));

    if (p.isSet(QStringLiteral("totals"))) {
        const ins::CatalogueTotals t = catalogue.totals(q.idPrefix, true);
        if (ctx.json) {
            Value o = Value::emptyObject();
            o.insert("aggregates", Value(static_cast<long long>(t.aggregates)));
            o.insert("events", Value(static_cast<long long>(t.events)));
            Value types = Value::emptyObject();
            for (auto it = t.types.constBegin(); it != t.types.constEnd(); ++it)
                types.insert(it.key().toStdString(), Value(static_cast<long long>(it.value())));
            o.insert("types", std::move(types));
            ctx.print(jsonLine(o));
        } else {
            Table table({QStringLiteral("TYPE"), QStringLiteral("AGGREGATES")});
            for (auto it = t.types.constBegin(); it != t.types.constEnd(); ++it)
                table.add({it.key(), QString::number(it.value())});
            ctx.print(table.render());
            ctx.print(QStringLiteral("%1 aggregates, %2 events").arg(t.aggregates).arg(t.events));
        }
        return 0;
    }

    const qint64 limit = limitOf(p, 100);
    std::vector<ins::AggregateSummary> rows;
    bool atEnd = false;
    std::optional<QUuid> next = q.after;
    while (limit == 0 || static_cast<qint64>(rows.size()) < limit) {
        q.limit = static_cast<int>(
            limit == 0 ? 1000 : std::min<qint64>(1000, limit - static_cast<qint64>(rows.size())));
        q.after = next;
        ins::CataloguePage page = catalogue.page(q);
        for (auto &r : page.rows)
            rows.push_back(std::move(r));
        next = page.next;
        if (page.atEnd) {
            atEnd = true;
            break;
        }
    }
    if (ctx.json) {
        Value list = Value::emptyArray();
        for (const auto &s : rows) {
            Value o = Value::emptyObject();
            o.insert("id", Value(es::uuid::toDashed(s.id)));
            o.insert("type", Value(s.type));
            o.insert("events", Value(static_cast<long long>(s.events)));
            o.insert("first_version", Value(static_cast<long long>(s.firstVersion)));
            o.insert("last_version", Value(static_cast<long long>(s.lastVersion)));
            o.insert("first_timestamp", s.firstTimestamp ? Value(s.firstTimestamp->toIsoString()) : Value());
            o.insert("last_timestamp", s.lastTimestamp ? Value(s.lastTimestamp->toIsoString()) : Value());
            if (!s.problem.isEmpty())
                o.insert("problem", Value(s.problem));
            list.append(std::move(o));
        }
        ctx.print(jsonLine(list));
    } else {
        Table t({QStringLiteral("ID"), QStringLiteral("TYPE"), QStringLiteral("EVENTS"),
                 QStringLiteral("FIRST"), QStringLiteral("LAST"), QStringLiteral("CREATED"),
                 QStringLiteral("MODIFIED"), QStringLiteral("PROBLEM")});
        for (const auto &s : rows)
            t.add({es::uuid::toDashed(s.id), shortTopic(s.type), QString::number(s.events),
                   QString::number(s.firstVersion), QString::number(s.lastVersion),
                   timeText(s.firstTimestamp), timeText(s.lastTimestamp), s.problem});
        ctx.print(t.render());
    }
    if (!atEnd && next)
        Context::note(QStringLiteral("more aggregates follow: --after %1 (or --limit 0 for all)")
                          .arg(es::uuid::toDashed(*next)));
    return 0;
}

// --- events -----------------------------------------------------------------------------------------------

int events(Context &ctx, const QCommandLineParser &p, const QStringList &args)
{
    if (args.size() != 1)
        throw UsageError(QStringLiteral("events wants one aggregate id"));
    const QUuid id = parseId(args[0]);
    const ins::EventPager pager(ctx.source());
    const qint64 limit = limitOf(p, 0);
    const auto direction
        = p.isSet(QStringLiteral("desc")) ? ins::Direction::Backward : ins::Direction::Forward;
    std::optional<qint64> after;
    if (p.isSet(QStringLiteral("after")))
        after = parseCount(p.value(QStringLiteral("after")), QStringLiteral("--after"));
    std::vector<ins::DecodedRecord> rows;
    bool atEnd = false;
    while (limit == 0 || static_cast<qint64>(rows.size()) < limit) {
        const int ask = static_cast<int>(
            limit == 0 ? 1000 : std::min<qint64>(1000, limit - static_cast<qint64>(rows.size())));
        ins::RecordPage page = pager.page(id, after, direction, ask);
        for (auto &r : page.rows) {
            after = r.originatorVersion;
            rows.push_back(std::move(r));
        }
        if (page.atEnd) {
            atEnd = true;
            break;
        }
    }
    if (rows.empty() && !p.isSet(QStringLiteral("after")))
        throw es::AggregateNotFound(QStringLiteral("aggregate %1 has no events in '%2'")
                                        .arg(es::uuid::toDashed(id), ctx.applicationName()));
    printRecords(ctx, rows, p.isSet(QStringLiteral("state")));
    if (!atEnd && after)
        Context::note(QStringLiteral("more events follow: --after %1").arg(*after));
    return 0;
}

// --- log --------------------------------------------------------------------------------------------------

int log(Context &ctx, const QCommandLineParser &p, const QStringList &args)
{
    if (!args.isEmpty())
        throw UsageError(QStringLiteral("log takes no arguments (use --start)"));
    const ins::LogPager pager(ctx.source());
    const bool withState = p.isSet(QStringLiteral("state"));

    if (p.isSet(QStringLiteral("section"))) {
        const ins::LogSection s = pager.section(p.value(QStringLiteral("section")));
        if (ctx.json) {
            Value o = Value::emptyObject();
            o.insert("id", s.id.isEmpty() ? Value() : Value(s.id));
            o.insert("next_id", s.nextId ? Value(*s.nextId) : Value());
            Value items = Value::emptyArray();
            for (const auto &r : s.rows)
                items.append(recordJson(r));
            o.insert("items", std::move(items));
            ctx.print(jsonLine(o));
        } else {
            ctx.print(QStringLiteral("section %1%2")
                          .arg(s.id.isEmpty() ? QStringLiteral("(empty)") : s.id,
                               s.nextId ? QStringLiteral(", next %1").arg(*s.nextId) : QString()));
            printRecords(ctx, s.rows, withState);
        }
        return 0;
    }

    ins::LogQuery q;
    q.direction = p.isSet(QStringLiteral("backward")) ? ins::Direction::Backward : ins::Direction::Forward;
    q.start = q.direction == ins::Direction::Backward ? 0 : 1;
    if (p.isSet(QStringLiteral("start")))
        q.start = parseCount(p.value(QStringLiteral("start")), QStringLiteral("--start"));
    q.topics = p.values(QStringLiteral("topic"));
    if (p.isSet(QStringLiteral("from")))
        q.from = parseTime(p.value(QStringLiteral("from")), QStringLiteral("--from"));
    if (p.isSet(QStringLiteral("to")))
        q.to = parseTime(p.value(QStringLiteral("to")), QStringLiteral("--to"));
    const qint64 limit = limitOf(p, 100);

    std::vector<ins::DecodedRecord> rows;
    std::vector<ins::LogGap> gaps;
    bool atEnd = false;
    while (limit == 0 || static_cast<qint64>(rows.size()) < limit) {
        q.limit = static_cast<int>(
            limit == 0 ? 1000 : std::min<qint64>(1000, limit - static_cast<qint64>(rows.size())));
        ins::LogPage page = pager.page(q);
        for (auto &r : page.rows)
            rows.push_back(std::move(r));
        gaps.insert(gaps.end(), page.gaps.begin(), page.gaps.end());
        q.start = page.next;
        if (page.atEnd) {
            atEnd = true;
            break;
        }
    }
    if (ctx.json) {
        Value o = Value::emptyObject();
        Value list = Value::emptyArray();
        for (const auto &r : rows)
            list.append(recordJson(r));
        o.insert("rows", std::move(list));
        Value g = Value::emptyArray();
        for (const auto &gap : gaps) {
            Value e = Value::emptyObject();
            e.insert("after", Value(static_cast<long long>(gap.after)));
            e.insert("before", Value(static_cast<long long>(gap.before)));
            g.append(std::move(e));
        }
        o.insert("gaps", std::move(g));
        o.insert("next", Value(static_cast<long long>(q.start)));
        o.insert("at_end", Value(atEnd));
        ctx.print(jsonLine(o));
    } else {
        printRecords(ctx, rows, withState);
        for (const auto &gap : gaps)
            ctx.print(gap.missing() == 1 ? QStringLiteral("gap: id %1 is not used").arg(gap.after + 1)
                                         : QStringLiteral("gap: ids %1 to %2 are not used")
                                               .arg(gap.after + 1)
                                               .arg(gap.before - 1));
    }
    if (!atEnd)
        Context::note(QStringLiteral("more notifications follow: --start %1").arg(q.start));
    return 0;
}

// --- snapshots -----------------------------------------------------------------------------------------

int snapshots(Context &ctx, const QCommandLineParser &p, const QStringList &args)
{
    if (!args.isEmpty())
        throw UsageError(QStringLiteral("snapshots takes no arguments (use --aggregate ID)"));
    const ins::Source source = ctx.source();
    if (!source.info().hasSnapshots() && !source.info().isRemote)
        Context::note(QStringLiteral("application '%1' has no snapshots table").arg(source.application));
    const ins::SnapshotPager pager(source);
    ins::SnapshotQuery q;
    if (p.isSet(QStringLiteral("aggregate")))
        q.originator = parseId(p.value(QStringLiteral("aggregate")));
    const qint64 limit = limitOf(p, 100);
    std::vector<ins::DecodedRecord> rows;
    bool atEnd = false;
    while (limit == 0 || static_cast<qint64>(rows.size()) < limit) {
        q.limit = static_cast<int>(
            limit == 0 ? 1000 : std::min<qint64>(1000, limit - static_cast<qint64>(rows.size())));
        ins::SnapshotPage page = pager.page(q);
        for (auto &r : page.rows)
            rows.push_back(std::move(r));
        q.after = page.next;
        if (page.atEnd) {
            atEnd = true;
            break;
        }
    }
    if (ctx.json) {
        Value list = Value::emptyArray();
        for (const auto &r : rows)
            list.append(recordJson(r));
        ctx.print(jsonLine(list));
    } else {
        QStringList headers
            = {QStringLiteral("ORIGINATOR"), QStringLiteral("VERSION"), QStringLiteral("TYPE"),
               QStringLiteral("TIME"),       QStringLiteral("STORED"),  QStringLiteral("STATUS")};
        const bool withState = p.isSet(QStringLiteral("state"));
        if (withState)
            headers << QStringLiteral("STATE");
        Table t(headers);
        for (const auto &r : rows) {
            QStringList cells = {es::uuid::toDashed(r.originatorId),
                                 QString::number(r.originatorVersion),
                                 shortTopic(r.snapshotAggregateTopic()),
                                 timeText(r.timestamp()),
                                 r.storage(),
                                 r.status()};
            if (withState)
                cells << (r.decoded.hasState() ? jsonLine(r.decoded.state) : r.decoded.error);
            t.add(cells);
        }
        ctx.print(t.render());
    }
    if (!atEnd && q.after)
        Context::note(QStringLiteral("more snapshots follow (--limit 0 for all)"));
    return 0;
}

const QCommandLineOption stateOption(QStringLiteral("state"),
                                     QStringLiteral("Show each record's state (JSON)."));

const Registration aggregatesCommand(
    {QStringLiteral("aggregates"),
     QStringLiteral("aggregates [--prefix HEX] [--type TYPE] [--after ID] [--desc] [--limit N] [--totals]"),
     QStringLiteral("The aggregate catalogue: id, type, events, versions, times"), 30,
     [](QCommandLineParser &p) {
         p.addOption({QStringLiteral("prefix"), QStringLiteral("Only ids starting with these hex digits."),
                      QStringLiteral("HEX")});
         p.addOption({QStringLiteral("type"), QStringLiteral("Only this type (topic or class name)."),
                      QStringLiteral("TYPE")});
         p.addOption({QStringLiteral("after"), QStringLiteral("Start after this id (the key cursor)."),
                      QStringLiteral("ID")});
         p.addOption({QStringLiteral("desc"), QStringLiteral("Descending ids.")});
         p.addOption(limitOption(QStringLiteral("100")));
         p.addOption(
             {QStringLiteral("totals"),
              QStringLiteral("Count aggregates and events per type instead (reads every aggregate).")});
     },
     aggregates});

const Registration eventsCommand(
    {QStringLiteral("events"), QStringLiteral("events ID [--after VERSION] [--desc] [--limit N] [--state]"),
     QStringLiteral("The events of one aggregate"), 35,
     [](QCommandLineParser &p) {
         p.addOption({QStringLiteral("after"),
                      QStringLiteral("Versions after (before, with --desc) this one."),
                      QStringLiteral("VERSION")});
         p.addOption({QStringLiteral("desc"), QStringLiteral("Newest first.")});
         p.addOption(limitOption(QStringLiteral("all")));
         p.addOption(stateOption);
     },
     events});

const Registration logCommand(
    {QStringLiteral("log"),
     QStringLiteral("log [--start N] [--limit M] [--topic T]… [--from TIME] [--to TIME] [--backward] "
                    "[--section FIRST,LAST] [--state]"),
     QStringLiteral("The notification log from any id, forwards or backwards, with gaps"), 40,
     [](QCommandLineParser &p) {
         p.addOption({QStringLiteral("start"),
                      QStringLiteral("The first id (the last, with --backward; default the log's end)."),
                      QStringLiteral("N")});
         p.addOption(limitOption(QStringLiteral("100")));
         p.addOption(
             {QStringLiteral("topic"), QStringLiteral("Only this topic (repeatable)."), QStringLiteral("T")});
         p.addOption({QStringLiteral("from"), QStringLiteral("Only events at or after this ISO time."),
                      QStringLiteral("TIME")});
         p.addOption({QStringLiteral("to"), QStringLiteral("Only events at or before this ISO time."),
                      QStringLiteral("TIME")});
         p.addOption({QStringLiteral("backward"), QStringLiteral("Read backwards.")});
         p.addOption({QStringLiteral("section"),
                      QStringLiteral("One section as the library numbers them (\"1,10\")."),
                      QStringLiteral("ID")});
         p.addOption(stateOption);
     },
     log});

const Registration snapshotsCommand({QStringLiteral("snapshots"),
                                     QStringLiteral("snapshots [--aggregate ID] [--limit N] [--state]"),
                                     QStringLiteral("The snapshots, or one aggregate's"), 50,
                                     [](QCommandLineParser &p) {
                                         p.addOption({QStringLiteral("aggregate"),
                                                      QStringLiteral("Only this aggregate's snapshots."),
                                                      QStringLiteral("ID")});
                                         p.addOption(limitOption(QStringLiteral("100")));
                                         p.addOption(stateOption);
                                     },
                                     snapshots});

} // namespace

} // namespace esctl
