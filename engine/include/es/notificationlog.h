#pragma once
// Notification logs, as Python's eventsourcing 9.1 (application.py): an application's recorded events
// in order, read in sections ("first,last", next_id) or selected in pages.
//
// - NotificationLog: the interface readers and followers use; LocalNotificationLog reads an
//   ApplicationRecorder; NotificationLogJSONClient (remotelog.h) reads one over HTTP.
// - NotificationLogReader: follows sections (read) or pages (select) from a position.
// Thread-safety: LocalNotificationLog is thread-safe (its recorder is); a reader is used by one thread.

#include "es/persistence.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace es {

// Python's Section: the id actually returned ("3,12"), the notifications, and the id of the next
// section (none when this section was not full).
struct Section
{
    std::optional<QString> id;
    std::vector<Notification> items;
    std::optional<QString> nextId;
};

class NotificationLog
{
public:
    virtual ~NotificationLog();
    // Python's log[section_id]: section "first,last" (clamped to the section size).
    // Throws NotificationLogError for a malformed section id.
    virtual Section section(const QString &sectionId) = 0;
    // At most `limit` notifications from id `start`, only `topics` when given.
    // Throws NotificationLogError when limit exceeds the section size.
    virtual std::vector<Notification> select(qint64 start, qint64 limit, const QStringList &topics = {}) = 0;
    virtual int sectionSize() const = 0;

    // "first,last".
    static QString formatSectionId(qint64 first, qint64 last);
    // Parses "first,last"; throws NotificationLogError naming the text when it is not two integers.
    static std::pair<qint64, qint64> parseSectionId(const QString &sectionId);
};

class LocalNotificationLog final : public NotificationLog
{
public:
    static constexpr int DefaultSectionSize = 10;
    explicit LocalNotificationLog(std::shared_ptr<ApplicationRecorder> recorder, int sectionSize = DefaultSectionSize);

    Section section(const QString &sectionId) override;
    std::vector<Notification> select(qint64 start, qint64 limit, const QStringList &topics = {}) override;
    int sectionSize() const override { return m_sectionSize; }

private:
    std::shared_ptr<ApplicationRecorder> m_recorder;
    int m_sectionSize;
};

class NotificationLogReader
{
public:
    static constexpr int DefaultSectionSize = 10;
    explicit NotificationLogReader(std::shared_ptr<NotificationLog> log, int sectionSize = DefaultSectionSize);

    // Python's read(start=): every notification from `start`, section by section, to f; stops when
    // f returns false or the log has no next section.
    void read(qint64 start, const std::function<bool(const Notification &)> &f);
    std::vector<Notification> readAll(qint64 start);
    // Python's select(start=, topics=): pages of at most the section size, to f; stops when a page
    // is empty or f returns false.
    void select(qint64 start, const std::function<bool(const std::vector<Notification> &)> &f,
                const QStringList &topics = {});

private:
    std::shared_ptr<NotificationLog> m_log;
    int m_sectionSize;
};

} // namespace es
