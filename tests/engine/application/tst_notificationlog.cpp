// LocalNotificationLog's sections on a log with gaps in its ids (as PostgreSQL's sequences leave
// after rolled-back inserts), and the reader across them. The log is served by a small recorder
// holding a fixed list of notifications: the gaps are the point, and no backend makes them on demand.
#include "es/errors.h"
#include "es/notificationlog.h"

#include <QtTest>

#include <limits>

namespace {

class FixedLog final : public es::ApplicationRecorder
{
public:
    explicit FixedLog(std::vector<qint64> ids)
    {
        for (qint64 id : ids) {
            es::Notification n;
            n.id = id;
            n.originatorId = QUuid::createUuid();
            n.originatorVersion = 1;
            n.topic = id % 2 ? QStringLiteral("odd") : QStringLiteral("even");
            n.state = QByteArray("{}");
            m_items.push_back(n);
        }
    }
    std::vector<qint64> insertEvents(const std::vector<es::StoredEvent> &, const es::Tracking *) override
    {
        throw es::ProgrammingError(QStringLiteral("read-only"));
    }
    std::vector<es::StoredEvent> selectEvents(const QUuid &, std::optional<qint64>, std::optional<qint64>, bool,
                                              std::optional<qint64>) override
    {
        return {};
    }
    std::vector<es::Notification> selectNotifications(qint64 start, qint64 limit, const QStringList &topics) override
    {
        ++selects;
        std::vector<es::Notification> out;
        for (const auto &n : m_items) {
            if (n.id < start || (!topics.isEmpty() && !topics.contains(n.topic)))
                continue;
            if (static_cast<qint64>(out.size()) >= limit)
                break;
            out.push_back(n);
        }
        return out;
    }
    qint64 maxNotificationId() override { return m_items.empty() ? 0 : m_items.back().id; }
    int selects = 0;

private:
    std::vector<es::Notification> m_items;
};

std::vector<qint64> ids(const std::vector<es::Notification> &items)
{
    std::vector<qint64> out;
    for (const auto &n : items)
        out.push_back(n.id);
    return out;
}

} // namespace

class TestNotificationLog : public QObject
{
    Q_OBJECT
private slots:
    void sectionsWithGaps()
    {
        auto recorder = std::make_shared<FixedLog>(std::vector<qint64>{1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 30});
        es::LocalNotificationLog log(recorder);
        // As 9.1.6: the section is named by the ids actually returned; next starts after the last.
        es::Section s = log.section(QStringLiteral("1,10"));
        QCOMPARE(ids(s.items), (std::vector<qint64>{1, 2, 5, 6, 7, 8, 9, 10, 11, 12}));
        QCOMPARE(*s.id, QStringLiteral("1,12"));
        QCOMPARE(*s.nextId, QStringLiteral("13,22"));
        s = log.section(*s.nextId);
        QCOMPARE(ids(s.items), (std::vector<qint64>{13, 14, 30}));
        QCOMPARE(*s.id, QStringLiteral("13,30"));
        QVERIFY(!s.nextId);
        s = log.section(QStringLiteral("3,4"));
        QCOMPARE(ids(s.items), (std::vector<qint64>{5, 6}));
        QCOMPARE(*s.id, QStringLiteral("5,6"));
        QCOMPARE(*s.nextId, QStringLiteral("7,8"));
        s = log.section(QStringLiteral("31,40"));
        QVERIFY(s.items.empty());
        QVERIFY(!s.id && !s.nextId);
        s = log.section(QStringLiteral("5,4")); // last before first: nothing asked for
        QVERIFY(s.items.empty());
    }

    // Section ids at the ends of the 64-bit range (a remote log's clients send any): no overflow
    // (the sanitizer presets would stop here), and the answers of the clamped arithmetic.
    void extremeSectionIds()
    {
        constexpr qint64 Max = std::numeric_limits<qint64>::max();
        constexpr qint64 Min = std::numeric_limits<qint64>::min();
        es::LocalNotificationLog log(std::make_shared<FixedLog>(std::vector<qint64>{1, 2, 3, Max - 1, Max}), 2);
        es::Section s = log.section(QStringLiteral("1,%1").arg(Min));
        QVERIFY(s.items.empty() && !s.id && !s.nextId);
        s = log.section(QStringLiteral("%1,%2").arg(Min).arg(Max));
        QCOMPARE(ids(s.items), (std::vector<qint64>{1, 2}));
        QCOMPARE(*s.nextId, QStringLiteral("3,4"));
        s = log.section(QStringLiteral("%1,%2").arg(Max - 1).arg(Max));
        QCOMPARE(ids(s.items), (std::vector<qint64>{Max - 1, Max}));
        QCOMPARE(*s.id, QStringLiteral("%1,%2").arg(Max - 1).arg(Max));
        QVERIFY(!s.nextId); // nothing can come after the largest id
        s = log.section(QStringLiteral("%1,%1").arg(Max));
        QCOMPARE(ids(s.items), (std::vector<qint64>{Max}));
        QVERIFY(!s.nextId);
        s = log.section(QStringLiteral("%1,%2").arg(Max).arg(Min));
        QVERIFY(s.items.empty());
    }

    void malformedSectionIds()
    {
        es::LocalNotificationLog log(std::make_shared<FixedLog>(std::vector<qint64>{1}));
        for (const char *bad : {"", "1", "1,", ",1", "a,b", "1,2,3", "1;2", "99999999999999999999,1"})
            QVERIFY_THROWS_EXCEPTION(es::NotificationLogError, log.section(QString::fromLatin1(bad)));
    }

    void selectRejectsLimitAboveSectionSize()
    {
        es::LocalNotificationLog log(std::make_shared<FixedLog>(std::vector<qint64>{1, 2, 3}), 2);
        QCOMPARE(log.select(1, 2).size(), size_t(2));
        QVERIFY_THROWS_EXCEPTION(es::NotificationLogError, log.select(1, 3));
        QCOMPARE(*log.section(QStringLiteral("1,10")).id, QStringLiteral("1,2"));
    }

    void readerFollowsSectionsAcrossGaps()
    {
        auto recorder = std::make_shared<FixedLog>(std::vector<qint64>{1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 30, 31});
        auto log = std::make_shared<es::LocalNotificationLog>(recorder, 5);
        es::NotificationLogReader reader(log, 5);
        QCOMPARE(ids(reader.readAll(1)), (std::vector<qint64>{1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 30, 31}));
        QCOMPARE(ids(reader.readAll(12)), (std::vector<qint64>{12, 13, 14, 30, 31}));
        std::vector<qint64> seen;
        reader.read(1, [&](const es::Notification &n) {
            seen.push_back(n.id);
            return seen.size() < 3;
        });
        QCOMPARE(seen, (std::vector<qint64>{1, 2, 5}));
        std::vector<std::vector<qint64>> pages;
        reader.select(1, [&](const std::vector<es::Notification> &page) {
            pages.push_back(ids(page));
            return true;
        }, {QStringLiteral("odd")});
        QCOMPARE(pages, (std::vector<std::vector<qint64>>{{1, 5, 7, 9, 11}, {13, 31}}));
    }
};

QTEST_GUILESS_MAIN(TestNotificationLog)
#include "tst_notificationlog.moc"
