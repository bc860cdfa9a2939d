#include "es/notificationlog.h"

#include "es/errors.h"

#include <algorithm>
#include <limits>

namespace es {

NotificationLog::~NotificationLog() = default;

QString NotificationLog::formatSectionId(qint64 first, qint64 last)
{
    return QStringLiteral("%1,%2").arg(first).arg(last);
}

std::pair<qint64, qint64> NotificationLog::parseSectionId(const QString &sectionId)
{
    const QStringList parts = sectionId.split(QLatin1Char(','));
    bool ok1 = false, ok2 = false;
    qint64 first = 0, last = 0;
    if (parts.size() == 2) {
        first = parts[0].trimmed().toLongLong(&ok1);
        last = parts[1].trimmed().toLongLong(&ok2);
    }
    if (!ok1 || !ok2)
        throw NotificationLogError(QStringLiteral("invalid section id '%1': expected \"first,last\" (two integers)")
                                       .arg(sectionId.left(100)));
    return {first, last};
}

LocalNotificationLog::LocalNotificationLog(std::shared_ptr<ApplicationRecorder> recorder, int sectionSize)
    : m_recorder(std::move(recorder))
    , m_sectionSize(sectionSize)
{
    if (m_sectionSize < 1)
        throw NotificationLogError(QStringLiteral("section size must be at least 1, not %1").arg(sectionSize));
}

Section LocalNotificationLog::section(const QString &sectionId)
{
    // As 9.1.6's LocalNotificationLog.__getitem__: start at max(1, first), clamp the limit to the
    // section size, and describe what was actually returned.
    // Section ids come from clients of the remote log: every 64-bit pair is taken without overflow
    // (start >= 1, so last - start cannot overflow once last >= start).
    const auto [first, last] = parseSectionId(sectionId);
    const qint64 start = std::max<qint64>(1, first);
    const qint64 limit = last < start ? 0 : std::min<qint64>(last - start, m_sectionSize - 1) + 1;
    Section s;
    s.items = select(start, limit);
    if (!s.items.empty()) {
        const qint64 lastId = s.items.back().id;
        s.id = formatSectionId(s.items.front().id, lastId);
        // No next section after the largest id there can be.
        if (static_cast<qint64>(s.items.size()) == limit && lastId <= std::numeric_limits<qint64>::max() - limit)
            s.nextId = formatSectionId(lastId + 1, lastId + limit);
    }
    return s;
}

std::vector<Notification> LocalNotificationLog::select(qint64 start, qint64 limit, const QStringList &topics)
{
    if (limit > m_sectionSize)
        throw NotificationLogError(QStringLiteral("requested limit %1 greater than section size %2").arg(limit).arg(m_sectionSize));
    if (limit <= 0)
        return {};
    return m_recorder->selectNotifications(start, limit, topics);
}

NotificationLogReader::NotificationLogReader(std::shared_ptr<NotificationLog> log, int sectionSize)
    : m_log(std::move(log))
    , m_sectionSize(sectionSize)
{
}

void NotificationLogReader::read(qint64 start, const std::function<bool(const Notification &)> &f)
{
    QString sectionId = NotificationLog::formatSectionId(start, start + m_sectionSize - 1);
    for (;;) {
        const Section section = m_log->section(sectionId);
        for (const Notification &n : section.items)
            if (!f(n))
                return;
        if (!section.nextId)
            return;
        sectionId = *section.nextId;
    }
}

std::vector<Notification> NotificationLogReader::readAll(qint64 start)
{
    std::vector<Notification> all;
    read(start, [&](const Notification &n) {
        all.push_back(n);
        return true;
    });
    return all;
}

void NotificationLogReader::select(qint64 start, const std::function<bool(const std::vector<Notification> &)> &f,
                                   const QStringList &topics)
{
    for (;;) {
        const std::vector<Notification> page = m_log->select(start, m_sectionSize, topics);
        if (page.empty() || !f(page))
            return;
        start = page.back().id + 1;
    }
}

} // namespace es
