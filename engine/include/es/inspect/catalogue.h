#pragma once
// The aggregate catalogue of one application: every aggregate with its type, number of events,
// first and last version and time, paged by key.
//
// A page is one statement, `WHERE originator_id > ? GROUP BY originator_id ORDER BY originator_id
// LIMIT ?` on the primary key's index (joined to the first and last event of each aggregate for the
// type and the times), so the first page of a 10M-event store costs what the page holds, never a
// scan of the table. Totals walk the key in chunks, separately, cancellable. The type is the
// Created event's originator_topic, read from its (decoded) state; when the state cannot be read
// (no key, damaged) the event's topic stands in and `problem` says why.
//
// Thread-safety: an AggregateCatalogue is immutable; use it from any thread (each thread reads on
// its own connection). Pages are values owned by the caller.

#include "es/inspect/decoding.h"

#include <QMap>
#include <QUuid>
#include <optional>
#include <vector>

namespace es::inspect {

struct AggregateSummary
{
    QUuid id;
    QString type; // the aggregate's class topic ("…domainmodel:BankAccount")
    qint64 events = 0;
    qint64 firstVersion = 0;
    qint64 lastVersion = 0;
    QString firstTopic; // topics of the first and last event
    QString lastTopic;
    std::optional<Timestamp> firstTimestamp;
    std::optional<Timestamp> lastTimestamp;
    QString problem; // why type or times could not be read ("needs key: …"); "" when fine
};

struct CatalogueQuery
{
    // The key cursor: ids after this one (before it, when descending); none: from the first (last).
    std::optional<QUuid> after;
    bool descending = false;
    int limit = 100;
    // Ids starting with these hex digits (dashes ignored, any case); "" for all.
    QString idPrefix;
    // Only aggregates of this type: a full topic, or a class name matched against the topic's end
    // (":BankAccount" or ".BankAccount"). The type is in the events' states, so this filter examines
    // aggregates page by page: a page may come back with fewer rows than the limit (even none) and
    // atEnd false — ask again from `next`.
    QString type;
    // With a type filter, the most aggregates examined per call (0: max(1000, 20 × limit)).
    qint64 scanBudget = 0;
};

struct CataloguePage
{
    std::vector<AggregateSummary> rows;
    std::optional<QUuid> next; // pass as `after` for the following page (the last id examined)
    bool atEnd = false; // nothing more in this direction
};

struct CatalogueTotals
{
    qint64 aggregates = 0;
    qint64 events = 0;
    // Aggregates per type; filled only when asked (byType), which reads each first event.
    QMap<QString, qint64> types;
};

class AggregateCatalogue
{
public:
    explicit AggregateCatalogue(Source source);

    // Throws the store's errors; NotSupportedError for a remote log.
    CataloguePage page(const CatalogueQuery &query) const;
    // One aggregate's summary, or nullopt when it has no events.
    std::optional<AggregateSummary> find(const QUuid &id) const;
    // Counts aggregates and events (with idPrefix: of those ids only), in chunks; throws Cancelled.
    CatalogueTotals totals(const QString &idPrefix = QString(), bool byType = false,
                           const CancelFlag &cancel = CancelFlag(),
                           const Progress &progress = Progress()) const;

    // Whether a type (as in AggregateSummary::type) matches a filter (as in CatalogueQuery::type).
    static bool typeMatches(const QString &type, const QString &filter);
    // Normalises an id prefix (dashes removed, lower case); throws ValueError when not hex digits.
    static QString normalisePrefix(const QString &prefix);

    const Source &source() const { return m_source; }

private:
    Source m_source;
};

} // namespace es::inspect
