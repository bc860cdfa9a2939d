// verify(): the aggregates pass (versions), the log pass (decoding, topics, id order, gaps), the
// snapshots pass and the tracking pass, each in key-bounded chunks.
#include "es/inspect/verifier.h"

#include "es/domain.h"
#include "es/inspect/catalogue.h"
#include "es/inspect/pagers.h"
#include "es/topics.h"
#include "es/uuid.h"
#include "inspect/storedata.h"

#include <QHash>

namespace es::inspect {

using detail::AppData;
using detail::Binds;
using detail::Row;

namespace {

class Collector
{
public:
    Collector(VerifyReport &report, const VerifyOptions &options, const ApplicationInfo &app)
        : m_report(report), m_options(options), m_app(app)
    { }

    Finding make(Finding::Severity severity, const QString &kind, const QString &table,
                 const QString &message) const
    {
        Finding f;
        f.severity = severity;
        f.kind = kind;
        f.application = m_app.name;
        f.table = table;
        f.message = message;
        return f;
    }

    void add(Finding f)
    {
        int &n = m_perKind[f.kind];
        if (n >= m_options.maxFindingsPerKind) {
            auto &s = m_suppressed[f.kind];
            s.first = f.severity;
            ++s.second;
            return;
        }
        ++n;
        m_report.findings.push_back(std::move(f));
    }

    void finish()
    {
        for (auto it = m_suppressed.constBegin(); it != m_suppressed.constEnd(); ++it)
            m_report.findings.push_back(
                make(it->first, QStringLiteral("truncated"), QString(),
                     QStringLiteral("%1 more '%2' findings not listed").arg(it->second).arg(it.key())));
    }

private:
    VerifyReport &m_report;
    const VerifyOptions &m_options;
    const ApplicationInfo &m_app;
    QHash<QString, int> m_perKind;
    QMap<QString, QPair<Finding::Severity, qint64>> m_suppressed;
};

QString idText(const QUuid &id)
{
    return uuid::toDashed(id);
}

QString rangesText(const std::vector<std::pair<qint64, qint64>> &ranges)
{
    QStringList parts;
    for (const auto &r : ranges)
        parts << (r.first == r.second ? QString::number(r.first)
                                      : QStringLiteral("%1-%2").arg(r.first).arg(r.second));
    if (parts.size() > 10) {
        const qsizetype more = parts.size() - 10;
        parts = parts.mid(0, 10);
        parts << QStringLiteral("… (%1 more ranges)").arg(more);
    }
    return parts.join(QStringLiteral(", "));
}

// Per-record problems shared by the log and snapshots passes.
struct RecordChecks
{
    Collector &out;
    VerifyReport &report;
    const RecordDecoder &decoder;
    QMap<QString, std::pair<qint64, Finding>> unknownTypes; // _type_ name → count, first place
    QMap<QString, Finding> unknownTopicFirst;
    qint64 encrypted = 0;
    qint64 encryptedFailed = 0;

    void check(const DecodedRecord &r, const QString &table, const QString &what)
    {
        Finding where = out.make(Finding::Severity::Error, QString(), table, QString());
        where.notificationId = r.notificationId;
        where.originatorId = r.originatorId;
        where.version = r.originatorVersion;
        if (r.decoded.encrypted) {
            ++encrypted;
            if (r.decoded.problem == DecodedState::Problem::CannotDecrypt
                || r.decoded.problem == DecodedState::Problem::NeedsKey)
                ++encryptedFailed;
        }
        if (r.decoded.problem == DecodedState::Problem::UnknownType) {
            const QString name = decoder.transcoder().firstUnknownType(r.decoded.state);
            auto &entry = unknownTypes[name.isEmpty() ? r.decoded.error : name];
            if (entry.first++ == 0) {
                entry.second = where;
                entry.second.message = r.decoded.error;
            }
        } else if (!r.ok()) {
            Finding f = where;
            f.kind = QStringLiteral("undecodable");
            f.message = QStringLiteral("%1 %2 version %3 (%4) cannot be decoded: %5")
                            .arg(what, idText(r.originatorId))
                            .arg(r.originatorVersion)
                            .arg(r.status(), r.decoded.error);
            out.add(std::move(f));
        }
        noteTopic(r.topic, where);
    }

    void noteTopic(const QString &topic, const Finding &where)
    {
        if (topic.isEmpty() || findTopic(topic))
            return;
        if (report.unknownTopics[topic]++ == 0)
            unknownTopicFirst.insert(topic, where);
    }

    void finish(bool keyGiven, const QString &keySource)
    {
        for (auto it = unknownTypes.constBegin(); it != unknownTypes.constEnd(); ++it) {
            Finding f = it->second;
            f.severity = Finding::Severity::Warning;
            f.kind = QStringLiteral("unknown-type");
            f.message = QStringLiteral(
                            "%1 record(s) hold _type_ '%2', which no linked code registers (shown as stored)")
                            .arg(it->first)
                            .arg(it.key());
            out.add(std::move(f));
        }
        for (auto it = report.unknownTopics.constBegin(); it != report.unknownTopics.constEnd(); ++it) {
            Finding f = unknownTopicFirst.value(it.key());
            f.severity = Finding::Severity::Warning;
            f.kind = QStringLiteral("unknown-topic");
            f.message = QStringLiteral("topic '%1' (%2 record(s)) names no class registered in this program")
                            .arg(it.key())
                            .arg(it.value());
            out.add(std::move(f));
        }
        if (keyGiven && encrypted > 0 && encryptedFailed == encrypted) {
            Finding f = out.make(Finding::Severity::Error, QStringLiteral("wrong-key"), QString(),
                                 QStringLiteral("wrong key: none of the %1 encrypted records opens with %2")
                                     .arg(encrypted)
                                     .arg(keySource));
            report.findings.insert(report.findings.begin(), std::move(f));
        }
    }
};

} // namespace

QString Finding::severityName(Severity s)
{
    switch (s) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        return QStringLiteral("error");
    }
    return {};
}

json::Value Finding::toJson() const
{
    json::Value o = json::Value::emptyObject();
    o.insert("severity", json::Value(severityName(severity)));
    o.insert("kind", json::Value(kind));
    o.insert("application", json::Value(application));
    o.insert("table", json::Value(table));
    if (notificationId)
        o.insert("id", json::Value(static_cast<long long>(*notificationId)));
    if (originatorId)
        o.insert("originator_id", json::Value(uuid::toDashed(*originatorId)));
    if (version)
        o.insert("originator_version", json::Value(static_cast<long long>(*version)));
    o.insert("message", json::Value(message));
    return o;
}

int VerifyReport::count(Finding::Severity s) const
{
    return static_cast<int>(
        std::count_if(findings.begin(), findings.end(), [s](const Finding &f) { return f.severity == s; }));
}

json::Value VerifyReport::toJson() const
{
    json::Value o = json::Value::emptyObject();
    o.insert("application", json::Value(application));
    o.insert("clean", json::Value(clean()));
    o.insert("events", json::Value(static_cast<long long>(events)));
    o.insert("aggregates", json::Value(static_cast<long long>(aggregates)));
    o.insert("snapshots", json::Value(static_cast<long long>(snapshots)));
    o.insert("errors", json::Value(count(Finding::Severity::Error)));
    o.insert("warnings", json::Value(count(Finding::Severity::Warning)));
    json::Value list = json::Value::emptyArray();
    for (const Finding &f : findings)
        list.append(f.toJson());
    o.insert("findings", std::move(list));
    return o;
}

VerifyReport verify(const Source &source, const VerifyOptions &options, const CancelFlag &cancel,
                    const Progress &progress)
{
    const AppData &a = source.store->data().app(source.application);
    VerifyReport report;
    report.application = a.info.name;
    Collector out(report, options, a.info);
    RecordChecks records {out, report, *source.decoder, {}, {}, 0, 0};
    const qint64 maxId = a.info.isRemote || !a.info.hasLog ? -1 : a.maxNotificationId();
    const qint64 estimate = maxId > 0 ? 2 * maxId : -1;
    qint64 done = 0;
    auto step = [&](qint64 n) {
        done += n;
        if (progress)
            progress(done, estimate);
    };

    // 1. Versions of every aggregate, along the key.
    QHash<QUuid, qint64>
        lastVersions; // for the snapshots pass (only aggregates that have snapshots are looked up)
    if (!a.info.isRemote) {
        const AggregateCatalogue catalogue(source);
        CatalogueQuery q;
        q.limit = 1000;
        for (;;) {
            cancel.throwIfCancelled();
            const CataloguePage page = catalogue.page(q);
            for (const AggregateSummary &s : page.rows) {
                ++report.aggregates;
                report.events += s.events;
                const AggregateClass *cls = findAggregateClass(s.type);
                const qint64 initial = cls ? cls->initialVersion : 1;
                if (s.firstVersion != initial) {
                    Finding f
                        = out.make(cls ? Finding::Severity::Error : Finding::Severity::Warning,
                                   QStringLiteral("first-version"), a.info.eventsTable,
                                   QStringLiteral("aggregate %1 starts at version %2, not %3%4")
                                       .arg(idText(s.id))
                                       .arg(s.firstVersion)
                                       .arg(initial)
                                       .arg(cls ? QStringLiteral(" (%1's INITIAL_VERSION)").arg(cls->name)
                                                : QStringLiteral(" (its class is not known here)")));
                    f.originatorId = s.id;
                    f.version = s.firstVersion;
                    out.add(std::move(f));
                }
                if (s.events != s.lastVersion - s.firstVersion + 1) {
                    // Which versions are missing: read this aggregate's versions (only for the damaged).
                    const auto rows = a.db->select(
                        QStringLiteral("SELECT originator_version FROM %1 WHERE originator_id = ? "
                                       "ORDER BY originator_version")
                            .arg(a.events),
                        {a.db->idValue(s.id)}, QStringLiteral("reading versions"));
                    std::vector<std::pair<qint64, qint64>> missing;
                    qint64 expect = s.firstVersion;
                    for (const Row &r : rows) {
                        const qint64 v = r[0].toLongLong();
                        if (v > expect)
                            missing.emplace_back(expect, v - 1);
                        expect = v + 1;
                    }
                    Finding f = out.make(
                        Finding::Severity::Error, QStringLiteral("version-gap"), a.info.eventsTable,
                        QStringLiteral(
                            "aggregate %1 lacks version(s) %2 (has %3 events from version %4 to %5)")
                            .arg(idText(s.id), rangesText(missing))
                            .arg(s.events)
                            .arg(s.firstVersion)
                            .arg(s.lastVersion));
                    f.originatorId = s.id;
                    if (!missing.empty())
                        f.version = missing.front().first;
                    out.add(std::move(f));
                }
            }
            step(static_cast<qint64>(page.rows.size()));
            if (page.atEnd)
                break;
            q.after = page.next;
        }
    }

    // 2. Every record of the log: decodable, topic known, ids increasing with versions, gaps.
    if (a.info.hasLog) {
        const LogPager pager(source);
        LogQuery q;
        q.limit = 1000;
        QHash<QUuid, qint64> seen;
        qint64 lastId = 0;
        for (;;) {
            cancel.throwIfCancelled();
            const LogPage page = pager.page(q);
            for (const LogGap &g : page.gaps) {
                Finding f = out.make(Finding::Severity::Info, QStringLiteral("id-gap"), a.info.eventsTable,
                                     g.missing() == 1
                                         ? QStringLiteral("notification id %1 is not used").arg(g.after + 1)
                                         : QStringLiteral("notification ids %1 to %2 are not used (%3 ids)")
                                               .arg(g.after + 1)
                                               .arg(g.before - 1)
                                               .arg(g.missing()));
                f.notificationId = g.after + 1;
                out.add(std::move(f));
            }
            for (const DecodedRecord &r : page.rows) {
                if (a.info.isRemote)
                    ++report.events;
                const qint64 id = *r.notificationId;
                if (id <= lastId) {
                    Finding f = out.make(
                        Finding::Severity::Error, QStringLiteral("version-order"), a.info.eventsTable,
                        QStringLiteral("notification id %1 follows id %2").arg(id).arg(lastId));
                    f.notificationId = id;
                    out.add(std::move(f));
                }
                lastId = id;
                auto it = seen.find(r.originatorId);
                if (it != seen.end() && r.originatorVersion <= *it) {
                    Finding f = out.make(
                        Finding::Severity::Error, QStringLiteral("version-order"), a.info.eventsTable,
                        QStringLiteral("notification %1 records version %2 of %3 after version %4")
                            .arg(id)
                            .arg(r.originatorVersion)
                            .arg(idText(r.originatorId))
                            .arg(*it));
                    f.notificationId = id;
                    f.originatorId = r.originatorId;
                    f.version = r.originatorVersion;
                    out.add(std::move(f));
                } else {
                    seen.insert(r.originatorId, r.originatorVersion);
                }
                records.check(r, a.info.eventsTable, QStringLiteral("notification %1: event").arg(id));
            }
            step(page.examined);
            if (page.atEnd)
                break;
            q.start = page.next;
        }
    } else if (a.db) {
        // An aggregate recorder's table: no log, so read it along its key.
        std::optional<std::pair<QVariant, qint64>> cursor;
        for (;;) {
            cancel.throwIfCancelled();
            Binds binds;
            QString where;
            if (cursor) {
                where = QStringLiteral(" WHERE (originator_id, originator_version) > (?, ?)");
                binds = {cursor->first, cursor->second};
            }
            binds.push_back(1000);
            const auto rows = a.db->select(
                QStringLiteral("SELECT originator_id, originator_version, topic, state FROM %1%2 "
                               "ORDER BY originator_id, originator_version LIMIT ?")
                    .arg(a.events, where),
                binds, QStringLiteral("reading %1").arg(a.info.eventsTable));
            for (const DecodedRecord &r : a.decodeRows(rows, false, *source.decoder))
                records.check(r, a.info.eventsTable, QStringLiteral("event"));
            step(static_cast<qint64>(rows.size()));
            if (rows.size() < 1000)
                break;
            cursor = std::make_pair(rows.back()[0], rows.back()[1].toLongLong());
        }
    }

    // 3. Snapshots: decodable, and not ahead of their aggregate.
    if (options.checkSnapshots && !a.snapshots.isEmpty()) {
        const SnapshotPager pager(source);
        SnapshotQuery q;
        q.limit = 1000;
        for (;;) {
            cancel.throwIfCancelled();
            const SnapshotPage page = pager.page(q);
            for (const DecodedRecord &r : page.rows) {
                ++report.snapshots;
                records.check(r, a.info.snapshotsTable, QStringLiteral("snapshot of"));
                if (r.decoded.hasState()) {
                    Finding where
                        = out.make(Finding::Severity::Warning, QString(), a.info.snapshotsTable, QString());
                    where.originatorId = r.originatorId;
                    where.version = r.originatorVersion;
                    records.noteTopic(r.snapshotAggregateTopic(), where);
                }
                auto it = lastVersions.find(r.originatorId);
                if (it == lastVersions.end()) {
                    const QVariant v = a.db->selectValue(
                        QStringLiteral("SELECT MAX(originator_version) FROM %1 WHERE originator_id = ?")
                            .arg(a.events),
                        {a.db->idValue(r.originatorId)}, QStringLiteral("reading the last version"));
                    it = lastVersions.insert(r.originatorId, v.isNull() ? -1 : v.toLongLong());
                }
                if (*it < 0) {
                    Finding f = out.make(Finding::Severity::Error, QStringLiteral("snapshot-orphan"),
                                         a.info.snapshotsTable,
                                         QStringLiteral("snapshot of %1 at version %2 has no events")
                                             .arg(idText(r.originatorId))
                                             .arg(r.originatorVersion));
                    f.originatorId = r.originatorId;
                    f.version = r.originatorVersion;
                    out.add(std::move(f));
                } else if (r.originatorVersion > *it) {
                    Finding f = out.make(
                        Finding::Severity::Error, QStringLiteral("snapshot-ahead"), a.info.snapshotsTable,
                        QStringLiteral("snapshot of %1 at version %2 is ahead of its last event (version %3)")
                            .arg(idText(r.originatorId))
                            .arg(r.originatorVersion)
                            .arg(*it));
                    f.originatorId = r.originatorId;
                    f.version = r.originatorVersion;
                    out.add(std::move(f));
                }
            }
            step(static_cast<qint64>(page.rows.size()));
            if (page.atEnd)
                break;
            q.after = page.next;
        }
    }

    // 4. Tracking: not ahead of the upstream's log.
    if (options.checkTracking && !a.tracking.isEmpty()) {
        for (const TrackingPosition &p : trackingPositions(source)) {
            ++report.trackingUpstreams;
            if (!p.upstreamMax) {
                out.add(out.make(
                    Finding::Severity::Info, QStringLiteral("tracking-upstream-unknown"),
                    a.info.trackingTable,
                    QStringLiteral("upstream '%1' (tracked to %2) is not in this store: its lag is unknown")
                        .arg(p.upstream)
                        .arg(p.position)));
            } else if (p.position > *p.upstreamMax) {
                Finding f = out.make(
                    Finding::Severity::Error, QStringLiteral("tracking-ahead"), a.info.trackingTable,
                    QStringLiteral(
                        "tracking of '%1' is at notification %2, ahead of its last notification %3")
                        .arg(p.upstream)
                        .arg(p.position)
                        .arg(*p.upstreamMax));
                f.notificationId = p.position;
                out.add(std::move(f));
            }
        }
    }

    records.finish(source.decoder->hasKey(), source.decoder->keySource());
    out.finish();
    return report;
}

} // namespace es::inspect
