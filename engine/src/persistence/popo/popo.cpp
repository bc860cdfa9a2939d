// In-memory recorders (Python's eventsourcing.popo): plain containers behind a lock, the same
// contract as the database recorders.
#include "persistence/backends.h"

#include "es/errors.h"
#include "es/uuid.h"

#include <QHash>
#include <algorithm>
#include <map>
#include <mutex>
#include <shared_mutex>

namespace es {

namespace {

class POPORecorder : public ProcessRecorder
{
public:
    explicit POPORecorder(bool hasLog, bool hasTracking)
        : m_hasLog(hasLog)
        , m_hasTracking(hasTracking)
    {
    }

    std::vector<qint64> insertEvents(const std::vector<StoredEvent> &events, const Tracking *tracking) override
    {
        std::unique_lock lock(m_mutex);
        // Check everything first, so that a failure writes nothing.
        QHash<QUuid, std::vector<qint64>> fresh;
        for (const StoredEvent &s : events) {
            const auto it = m_index.constFind(s.originatorId);
            if (it != m_index.constEnd() && it->count(s.originatorVersion))
                throwConflict(s);
            auto &versions = fresh[s.originatorId];
            if (std::find(versions.begin(), versions.end(), s.originatorVersion) != versions.end())
                throwConflict(s);
            versions.push_back(s.originatorVersion);
        }
        if (tracking) {
            if (!m_hasTracking)
                throw ProgrammingError(QStringLiteral("this recorder does not record tracking"));
            // As Python's POPOProcessRecorder: a position at or below the last one is a conflict.
            const auto it = m_tracking.constFind(tracking->applicationName);
            if (it != m_tracking.constEnd() && tracking->notificationId <= *it)
                throw IntegrityError(QStringLiteral("tracking record for %1 notification %2 exists already (last %3)")
                                         .arg(tracking->applicationName)
                                         .arg(tracking->notificationId)
                                         .arg(*it));
        }
        std::vector<qint64> ids;
        ids.reserve(m_hasLog ? events.size() : 0);
        for (const StoredEvent &s : events) {
            m_events.push_back(s);
            const auto position = static_cast<qint64>(m_events.size());
            m_index[s.originatorId][s.originatorVersion] = position - 1;
            if (m_hasLog)
                ids.push_back(position);
        }
        if (tracking)
            m_tracking.insert(tracking->applicationName, tracking->notificationId);
        return ids;
    }

    std::vector<StoredEvent> selectEvents(const QUuid &originatorId, std::optional<qint64> gt,
                                          std::optional<qint64> lte, bool desc, std::optional<qint64> limit) override
    {
        std::shared_lock lock(m_mutex);
        std::vector<StoredEvent> out;
        const auto it = m_index.constFind(originatorId);
        if (it == m_index.constEnd())
            return out;
        const auto &versions = *it;
        auto take = [&](qint64 position) {
            out.push_back(m_events[static_cast<size_t>(position)]);
            return !(limit && static_cast<qint64>(out.size()) >= *limit);
        };
        if (limit && *limit <= 0)
            return out;
        if (!desc) {
            for (auto v = gt ? versions.upper_bound(*gt) : versions.begin(); v != versions.end(); ++v) {
                if (lte && v->first > *lte)
                    break;
                if (!take(v->second))
                    break;
            }
        } else {
            auto v = lte ? versions.upper_bound(*lte) : versions.end();
            while (v != versions.begin()) {
                --v;
                if (gt && v->first <= *gt)
                    break;
                if (!take(v->second))
                    break;
            }
        }
        return out;
    }

    std::vector<Notification> selectNotifications(qint64 start, qint64 limit, const QStringList &topics) override
    {
        std::shared_lock lock(m_mutex);
        std::vector<Notification> out;
        if (!m_hasLog || limit <= 0)
            return out;
        for (qint64 id = std::max<qint64>(start, 1); id <= static_cast<qint64>(m_events.size()); ++id) {
            const StoredEvent &s = m_events[static_cast<size_t>(id - 1)];
            if (!topics.isEmpty() && !topics.contains(s.topic))
                continue;
            Notification n;
            static_cast<StoredEvent &>(n) = s;
            n.id = id;
            out.push_back(std::move(n));
            if (static_cast<qint64>(out.size()) >= limit)
                break;
        }
        return out;
    }

    qint64 maxNotificationId() override
    {
        std::shared_lock lock(m_mutex);
        return m_hasLog ? static_cast<qint64>(m_events.size()) : 0;
    }

    qint64 maxTrackingId(const QString &applicationName) override
    {
        std::shared_lock lock(m_mutex);
        return m_tracking.value(applicationName, 0);
    }

private:
    [[noreturn]] static void throwConflict(const StoredEvent &s)
    {
        throw IntegrityError(QStringLiteral("an event of %1 at version %2 is recorded already")
                                 .arg(uuid::toDashed(s.originatorId))
                                 .arg(s.originatorVersion));
    }

    std::shared_mutex m_mutex;
    std::vector<StoredEvent> m_events; // notification id = position + 1
    QHash<QUuid, std::map<qint64, qint64>> m_index; // id → version → position
    QHash<QString, qint64> m_tracking;
    const bool m_hasLog;
    const bool m_hasTracking;
};

class POPOFactory final : public InfrastructureFactory
{
public:
    explicit POPOFactory(const Environment &env)
        : InfrastructureFactory(env)
    {
    }

    std::shared_ptr<AggregateRecorder> aggregateRecorder(const QString &) override
    {
        return std::make_shared<POPORecorder>(false, false);
    }
    std::shared_ptr<ApplicationRecorder> applicationRecorder() override
    {
        return std::make_shared<POPORecorder>(true, false);
    }
    std::shared_ptr<ProcessRecorder> processRecorder() override { return std::make_shared<POPORecorder>(true, true); }
};

} // namespace

AggregateRecorder::~AggregateRecorder() = default;

namespace detail {
std::unique_ptr<InfrastructureFactory> makePopoFactory(const Environment &env)
{
    return std::make_unique<POPOFactory>(env);
}
} // namespace detail

} // namespace es
