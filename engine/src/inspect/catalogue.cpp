// The aggregate catalogue: pages by key on the events table's primary key index.
#include "es/inspect/catalogue.h"

#include "es/uuid.h"
#include "inspect/storedata.h"

namespace es::inspect {

using detail::AppData;
using detail::Binds;
using detail::Database;
using detail::Row;

namespace {

// The WHERE clause for a key cursor and an id prefix.
QString conditions(const Database &db, const std::optional<QUuid> &after, bool descending,
                   const QString &prefix, const std::optional<QUuid> &exact, Binds &binds,
                   const QString &column = QStringLiteral("originator_id"))
{
    QStringList parts;
    if (exact) {
        parts << column + QStringLiteral(" = ?");
        binds.push_back(db.idValue(*exact));
    }
    if (after) {
        parts << column + (descending ? QStringLiteral(" < ?") : QStringLiteral(" > ?"));
        binds.push_back(db.idValue(*after));
    }
    if (!prefix.isEmpty()) {
        parts << column + QStringLiteral(" >= ?") << column + QStringLiteral(" <= ?");
        binds.push_back(db.idBoundValue(prefix + QString(32 - prefix.size(), QLatin1Char('0'))));
        binds.push_back(db.idBoundValue(prefix + QString(32 - prefix.size(), QLatin1Char('f'))));
    }
    return parts.isEmpty() ? QString() : QStringLiteral(" WHERE ") + parts.join(QStringLiteral(" AND "));
}

// One statement: a page of aggregates grouped on the key, joined to their first and last events.
QString pageSql(const AppData &a, const QString &where, bool descending, bool withLast)
{
    const QString order = descending ? QStringLiteral(" DESC") : QString();
    QString sql = QStringLiteral("SELECT g.originator_id, g.n, g.first_v, g.last_v, f.topic, f.state");
    if (withLast)
        sql += QStringLiteral(", l.topic, l.state");
    sql += QStringLiteral(
               " FROM (SELECT originator_id, COUNT(*) AS n, MIN(originator_version) AS first_v, "
               "MAX(originator_version) AS last_v FROM %1%2 GROUP BY originator_id "
               "ORDER BY originator_id%3 LIMIT ?) AS g "
               "JOIN %1 AS f ON f.originator_id = g.originator_id AND f.originator_version = g.first_v")
               .arg(a.events, where, order);
    if (withLast)
        sql += QStringLiteral(
                   " JOIN %1 AS l ON l.originator_id = g.originator_id AND l.originator_version = g.last_v")
                   .arg(a.events);
    sql += QStringLiteral(" ORDER BY g.originator_id") + order;
    return sql;
}

AggregateSummary summarise(const AppData &a, const Row &r, const RecordDecoder &decoder, bool withLast)
{
    AggregateSummary s;
    s.id = a.db->readId(r[0]);
    s.events = r[1].toLongLong();
    s.firstVersion = r[2].toLongLong();
    s.lastVersion = r[3].toLongLong();
    StoredEvent first;
    first.originatorId = s.id;
    first.originatorVersion = s.firstVersion;
    first.topic = r[4].toString();
    first.state = r[5].toByteArray();
    const DecodedRecord f = decoder.decode(first);
    s.firstTopic = first.topic;
    s.type = f.originatorTopic();
    if (s.type.isEmpty() && f.decoded.hasState()) {
        // No created event first (versions lost?): the event's topic names its class
        // ("module:Class.Event"), so the aggregate's is the topic without the last part.
        const qsizetype colon = first.topic.indexOf(QLatin1Char(':'));
        const qsizetype dot = first.topic.lastIndexOf(QLatin1Char('.'));
        s.type = dot > colon && colon >= 0 ? first.topic.left(dot) : first.topic;
        s.problem = QStringLiteral("the first event (version %1, %2) is not a created event")
                        .arg(s.firstVersion)
                        .arg(first.topic);
    } else if (s.type.isEmpty()) {
        s.type = first.topic;
    }
    s.firstTimestamp = f.timestamp();
    if (!f.decoded.hasState())
        s.problem = QStringLiteral("%1: %2").arg(f.status(), f.decoded.error);
    if (withLast) {
        if (s.lastVersion == s.firstVersion) {
            s.lastTopic = s.firstTopic;
            s.lastTimestamp = s.firstTimestamp;
        } else {
            StoredEvent last;
            last.originatorId = s.id;
            last.originatorVersion = s.lastVersion;
            last.topic = r[6].toString();
            last.state = r[7].toByteArray();
            const DecodedRecord l = decoder.decode(last);
            s.lastTopic = last.topic;
            s.lastTimestamp = l.timestamp();
            if (!l.decoded.hasState() && s.problem.isEmpty())
                s.problem = QStringLiteral("last event: %1: %2").arg(l.status(), l.decoded.error);
        }
    }
    return s;
}

} // namespace

AggregateCatalogue::AggregateCatalogue(Source source) : m_source(std::move(source)) { }

QString AggregateCatalogue::normalisePrefix(const QString &prefix)
{
    QString p = prefix.trimmed().toLower();
    p.remove(QLatin1Char('-'));
    p.remove(QLatin1Char('{'));
    p.remove(QLatin1Char('}'));
    if (p.size() > 32)
        throw ValueError(QStringLiteral("'%1' is longer than an id").arg(prefix));
    for (const QChar c : p)
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9'))
              || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            throw ValueError(
                QStringLiteral("'%1' is not the beginning of an id (hex digits and dashes)").arg(prefix));
    return p;
}

bool AggregateCatalogue::typeMatches(const QString &type, const QString &filter)
{
    if (filter.isEmpty() || type == filter)
        return true;
    if (!type.endsWith(filter))
        return false;
    const QChar before = type.at(type.size() - filter.size() - 1);
    return before == QLatin1Char(':') || before == QLatin1Char('.');
}

CataloguePage AggregateCatalogue::page(const CatalogueQuery &query) const
{
    const AppData &a = m_source.store->data().app(m_source.application);
    const Database &db = a.database(QStringLiteral("the aggregates"));
    const QString prefix = normalisePrefix(query.idPrefix);
    const int limit = std::max(1, query.limit);
    CataloguePage page;

    if (query.type.isEmpty()) {
        Binds binds;
        const QString where = conditions(db, query.after, query.descending, prefix, std::nullopt, binds);
        binds.push_back(limit);
        const auto rows = db.select(pageSql(a, where, query.descending, true), binds,
                                    QStringLiteral("reading the aggregates of %1").arg(a.info.eventsTable));
        for (const Row &r : rows)
            page.rows.push_back(summarise(a, r, *m_source.decoder, true));
        page.atEnd = rows.size() < static_cast<size_t>(limit);
        page.next = page.rows.empty() ? query.after : std::optional<QUuid>(page.rows.back().id);
        return page;
    }

    // A type filter reads the states: examine aggregates chunk by chunk, within the budget.
    const qint64 budget = query.scanBudget > 0 ? query.scanBudget : std::max<qint64>(1000, 20LL * limit);
    const int chunk = static_cast<int>(std::min<qint64>(std::max(limit, 200), budget));
    std::optional<QUuid> cursor = query.after;
    qint64 examined = 0;
    while (examined < budget) {
        Binds binds;
        const QString where = conditions(db, cursor, query.descending, prefix, std::nullopt, binds);
        binds.push_back(chunk);
        const auto rows = db.select(pageSql(a, where, query.descending, true), binds,
                                    QStringLiteral("reading the aggregates of %1").arg(a.info.eventsTable));
        for (const Row &r : rows) {
            ++examined;
            AggregateSummary s = summarise(a, r, *m_source.decoder, true);
            cursor = s.id;
            if (typeMatches(s.type, query.type))
                page.rows.push_back(std::move(s));
            if (static_cast<int>(page.rows.size()) == limit) {
                page.next = cursor;
                return page; // whether more follow is for the next call to tell
            }
        }
        if (rows.size() < static_cast<size_t>(chunk)) {
            page.atEnd = true;
            break;
        }
    }
    page.next = cursor;
    return page;
}

std::optional<AggregateSummary> AggregateCatalogue::find(const QUuid &id) const
{
    const AppData &a = m_source.store->data().app(m_source.application);
    const Database &db = a.database(QStringLiteral("the aggregates"));
    Binds binds;
    const QString where = conditions(db, std::nullopt, false, QString(), id, binds);
    binds.push_back(1);
    const auto rows
        = db.select(pageSql(a, where, false, true), binds,
                    QStringLiteral("reading aggregate %1 of %2").arg(uuid::toDashed(id), a.info.eventsTable));
    if (rows.empty())
        return std::nullopt;
    return summarise(a, rows.front(), *m_source.decoder, true);
}

CatalogueTotals AggregateCatalogue::totals(const QString &idPrefix, bool byType, const CancelFlag &cancel,
                                           const Progress &progress) const
{
    const AppData &a = m_source.store->data().app(m_source.application);
    const Database &db = a.database(QStringLiteral("the aggregates"));
    const QString prefix = normalisePrefix(idPrefix);
    const qint64 estimate = a.info.hasLog && prefix.isEmpty() ? a.maxNotificationId() : -1;
    CatalogueTotals t;
    constexpr int Chunk = 10000;
    std::optional<QUuid> cursor;
    for (;;) {
        cancel.throwIfCancelled();
        Binds binds;
        const QString where = conditions(db, cursor, false, prefix, std::nullopt, binds);
        binds.push_back(Chunk);
        std::vector<Row> rows;
        if (byType) {
            rows = db.select(pageSql(a, where, false, false), binds,
                             QStringLiteral("counting the aggregates of %1").arg(a.info.eventsTable));
            for (const Row &r : rows)
                ++t.types[summarise(a, r, *m_source.decoder, false).type];
        } else {
            rows = db.select(QStringLiteral("SELECT originator_id, COUNT(*) FROM %1%2 GROUP BY originator_id "
                                            "ORDER BY originator_id LIMIT ?")
                                 .arg(a.events, where),
                             binds, QStringLiteral("counting the aggregates of %1").arg(a.info.eventsTable));
        }
        for (const Row &r : rows)
            t.events += r[1].toLongLong();
        t.aggregates += static_cast<qint64>(rows.size());
        if (progress)
            progress(t.events, estimate);
        if (rows.size() < static_cast<size_t>(Chunk))
            break;
        cursor = db.readId(rows.back()[0]);
    }
    return t;
}

} // namespace es::inspect
