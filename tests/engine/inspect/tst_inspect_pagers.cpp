// The catalogue and the pagers against what a raw connection reads from the same file: every page
// forwards and backwards, no row lost or repeated across pages, filters (topics, time, type, id
// prefix) with their scan budgets, gaps, sections as the library numbers them, snapshots, tracking
// lag, a remote log, several threads reading one store, and the first page of a big store without a
// scan of its table.
#include "inspectstores.h"

#include "es/inspect/catalogue.h"
#include "es/inspect/pagers.h"
#include "es/notificationlog.h"
#include "es/remotelog.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <set>
#include <thread>

using namespace es::inspect;
using inspecttest::RawSqlite;

namespace {

std::vector<qint64> idsOf(const std::vector<DecodedRecord> &rows)
{
    std::vector<qint64> out;
    for (const auto &r : rows)
        out.push_back(*r.notificationId);
    return out;
}

std::vector<qint64> toIds(const QVariantList &values)
{
    std::vector<qint64> out;
    for (const QVariant &v : values)
        out.push_back(v.toLongLong());
    return out;
}

} // namespace

class TestInspectPagers : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_file;
    std::vector<QUuid> m_ids;
    std::shared_ptr<const Store> m_store;
    Source m_source;
    std::vector<qint64> m_logIds; // as a raw connection reads them
    std::set<qint64> m_deleted = {1, 5, 6, 7, 40, 41, 99, 161};

    // Reads the whole log in pages of `limit` in a direction, checking each page's order.
    std::vector<qint64> readAll(LogQuery q, std::vector<LogGap> *gaps = nullptr, int *pages = nullptr)
    {
        const LogPager pager(m_source);
        std::vector<qint64> out;
        for (int n = 0; n < 10000; ++n) {
            const LogPage page = pager.page(q);
            if (pages)
                ++*pages;
            const auto ids = idsOf(page.rows);
            for (size_t i = 1; i < ids.size(); ++i)
                if (q.direction == Direction::Forward ? ids[i] <= ids[i - 1] : ids[i] >= ids[i - 1])
                    qWarning("page out of order");
            out.insert(out.end(), ids.begin(), ids.end());
            if (gaps)
                gaps->insert(gaps->end(), page.gaps.begin(), page.gaps.end());
            if (page.atEnd)
                return out;
            q.start = page.next;
        }
        qWarning("the pager never reached the end");
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        es::registerAggregate<inspecttest::Dog>();
        m_file = m_dir.filePath(QStringLiteral("kennel.sqlite"));
        m_ids = inspecttest::writeKennel(m_file, 30, 5);
        {
            // Gaps in the ids (rolled-back inserts leave them too): delete some rows.
            RawSqlite raw(m_file);
            for (qint64 id : m_deleted)
                QVERIFY(raw.exec(QStringLiteral("DELETE FROM stored_events WHERE rowid = ?"), {id}));
            m_logIds = toIds(raw.column(QStringLiteral("SELECT rowid FROM stored_events ORDER BY rowid")));
        }
        QCOMPARE(m_logIds.size(), size_t(180 - m_deleted.size()));
        m_store = Store::open(m_file);
        m_source = Source::make(m_store, QString(), DecodingSettings());
    }

    void logForwardAndBackward_data()
    {
        QTest::addColumn<int>("limit");
        for (int limit : {1, 7, 50, 1000})
            QTest::addRow("limit %d", limit) << limit;
    }

    void logForwardAndBackward()
    {
        QFETCH(int, limit);
        LogQuery q;
        q.limit = limit;
        std::vector<LogGap> gaps;
        int pages = 0;
        QCOMPARE(readAll(q, &gaps, &pages), m_logIds);
        QVERIFY(pages >= static_cast<int>(m_logIds.size()) / limit);
        // Every missing id is in exactly one gap, and nothing else is.
        std::set<qint64> missing;
        for (const LogGap &g : gaps)
            for (qint64 id = g.after + 1; id < g.before; ++id)
                QVERIFY2(missing.insert(id).second, "an id reported missing twice");
        QCOMPARE(missing, m_deleted);

        q.direction = Direction::Backward;
        q.start = 0; // from the end
        std::vector<LogGap> backGaps;
        std::vector<qint64> back = readAll(q, &backGaps);
        std::reverse(back.begin(), back.end());
        QCOMPARE(back, m_logIds);
        std::set<qint64> backMissing;
        for (const LogGap &g : backGaps)
            for (qint64 id = g.after + 1; id < g.before; ++id)
                QVERIFY2(backMissing.insert(id).second, "an id reported missing twice (backwards)");
        QCOMPARE(backMissing, m_deleted);

        // From the middle, both ways: the pages meet without overlap.
        q.start = 100;
        std::vector<qint64> below = readAll(q);
        q.direction = Direction::Forward;
        q.start = 101;
        const std::vector<qint64> above = readAll(q);
        std::reverse(below.begin(), below.end());
        below.insert(below.end(), above.begin(), above.end());
        QCOMPARE(below, m_logIds);
    }

    void logFilters()
    {
        const QString trick = QStringLiteral("inspecttest:Dog.TrickAdded");
        RawSqlite raw(m_file);
        const std::vector<qint64> tricks = toIds(raw.column(
            QStringLiteral("SELECT rowid FROM stored_events WHERE topic = ? ORDER BY rowid"), {trick}));
        QVERIFY(!tricks.empty());

        LogQuery q;
        q.topics = {trick};
        q.limit = 9;
        QCOMPARE(readAll(q), tricks);
        // A budget smaller than the gaps between matches: pages come back short, never wrong.
        q.scanBudget = 3;
        int pages = 0;
        QCOMPARE(readAll(q, nullptr, &pages), tricks);
        QVERIFY(pages > static_cast<int>(tricks.size()) / 9);
        q.direction = Direction::Backward;
        q.start = 0;
        std::vector<qint64> back = readAll(q);
        std::reverse(back.begin(), back.end());
        QCOMPARE(back, tricks);

        // A topic that is not there: an empty end, quickly.
        LogQuery none;
        none.topics = {QStringLiteral("no:Such")};
        const LogPage empty = LogPager(m_source).page(none);
        QVERIFY(empty.rows.empty());
        QVERIFY(empty.atEnd);

        // Time: the events whose timestamp is within the range, and only those.
        LogQuery everything;
        everything.limit = 1000;
        const LogPage all = LogPager(m_source).page(everything);
        std::vector<es::Timestamp> times;
        for (const auto &r : all.rows)
            times.push_back(*r.timestamp());
        std::vector<es::Timestamp> sorted = times;
        std::sort(sorted.begin(), sorted.end());
        LogQuery t;
        t.from = sorted[40];
        t.to = sorted[120];
        t.limit = 10;
        t.scanBudget = 25;
        std::vector<qint64> expected;
        for (const auto &r : all.rows)
            if (!(*r.timestamp() < *t.from) && !(*t.to < *r.timestamp()))
                expected.push_back(*r.notificationId);
        QCOMPARE(readAll(t), expected);
        QCOMPARE(expected.size(), size_t(81));

        // A time filter whose rest of the log comes back in one statement: a page that fills up
        // before that statement's last row is not the end.
        LogQuery open;
        open.from = sorted[1];
        open.limit = 10;
        const LogPage first = LogPager(m_source).page(open);
        QCOMPARE(first.rows.size(), size_t(10));
        QVERIFY(!first.atEnd);
        std::vector<qint64> fromSecond;
        for (const auto &r : all.rows)
            if (!(*r.timestamp() < *open.from))
                fromSecond.push_back(*r.notificationId);
        QCOMPARE(readAll(open), fromSecond);
    }

    void sections()
    {
        // As LocalNotificationLog numbers them: "first,last" clamped to the section size.
        const LogPager pager(m_source);
        const LogSection s = pager.section(QStringLiteral("1,10"));
        // Ids 1 and 5-7 were deleted: ten rows from id 2 (Python's section ids are the first and last
        // ids returned).
        QCOMPARE(s.id, QStringLiteral("2,14"));
        QCOMPARE(s.rows.size(), size_t(10));
        QCOMPARE(*s.rows.front().notificationId, 2);
        QCOMPARE(s.nextId.value_or(QString()), QStringLiteral("15,24"));
        const es::Section expected
            = m_store->notificationLog(m_source.application)->section(QStringLiteral("1,10"));
        QCOMPARE(s.id, expected.id.value_or(QString()));
        QCOMPARE(s.nextId, expected.nextId);
        QCOMPARE(s.rows.size(), expected.items.size());
        QVERIFY_THROWS_EXCEPTION(es::NotificationLogError, pager.section(QStringLiteral("x")));
    }

    void catalogue_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addRow("1") << 1;
        QTest::addRow("4") << 4;
        QTest::addRow("100") << 100;
    }

    void catalogue()
    {
        QFETCH(int, limit);
        RawSqlite raw(m_file);
        QStringList expected;
        for (const QVariant &v : raw.column(
                 QStringLiteral("SELECT DISTINCT originator_id FROM stored_events ORDER BY originator_id")))
            expected << v.toString();
        QCOMPARE(expected.size(), 30);

        const AggregateCatalogue catalogue(m_source);
        for (bool descending : {false, true}) {
            CatalogueQuery q;
            q.limit = limit;
            q.descending = descending;
            QStringList seen;
            for (int n = 0; n < 1000; ++n) {
                const CataloguePage page = catalogue.page(q);
                for (const AggregateSummary &s : page.rows) {
                    seen << es::uuid::toHex(s.id);
                    QCOMPARE(s.type, QStringLiteral("inspecttest:Dog"));
                    // Dogs 0, 4, 5 and 6 lost their created events (ids 1, 5, 6, 7): their type is
                    // read from their first event's topic, and the problem said.
                    const bool lostCreation
                        = s.id == m_ids[0] || s.id == m_ids[4] || s.id == m_ids[5] || s.id == m_ids[6];
                    QCOMPARE(s.problem.isEmpty(), !lostCreation);
                    QVERIFY(s.firstTimestamp && s.lastTimestamp);
                    QVERIFY(!(*s.lastTimestamp < *s.firstTimestamp));
                    // The deleted rows: versions missing, and the counts say so.
                    const qint64 rows
                        = raw.column(
                                 QStringLiteral("SELECT COUNT(*) FROM stored_events WHERE originator_id = ?"),
                                 {es::uuid::toHex(s.id)})
                              .value(0)
                              .toLongLong();
                    QCOMPARE(s.events, rows);
                }
                if (page.atEnd)
                    break;
                q.after = page.next;
            }
            if (descending)
                std::reverse(seen.begin(), seen.end());
            QCOMPARE(seen, expected);
        }

        // A prefix: exactly the ids that start with it, in any case and with dashes.
        const QString first = expected.front();
        CatalogueQuery p;
        p.idPrefix = first.left(2).toUpper();
        p.limit = limit;
        QStringList byPrefix;
        for (;;) {
            const CataloguePage page = catalogue.page(p);
            for (const auto &s : page.rows)
                byPrefix << es::uuid::toHex(s.id);
            if (page.atEnd)
                break;
            p.after = page.next;
        }
        QStringList expectedPrefix;
        for (const QString &id : expected)
            if (id.startsWith(first.left(2)))
                expectedPrefix << id;
        QCOMPARE(byPrefix, expectedPrefix);
        CatalogueQuery bad;
        bad.idPrefix = QStringLiteral("xyz");
        QVERIFY_THROWS_EXCEPTION(es::ValueError, catalogue.page(bad));

        // A type filter, by topic or class name, within a budget.
        for (const QString &type : {QStringLiteral("inspecttest:Dog"), QStringLiteral("Dog")}) {
            CatalogueQuery t;
            t.type = type;
            t.limit = limit;
            t.scanBudget = 3;
            int count = 0;
            for (;;) {
                const CataloguePage page = catalogue.page(t);
                count += static_cast<int>(page.rows.size());
                QVERIFY(static_cast<int>(page.rows.size()) <= limit);
                if (page.atEnd)
                    break;
                t.after = page.next;
            }
            QCOMPARE(count, 30);
        }
        CatalogueQuery cat;
        cat.type = QStringLiteral("Cat");
        cat.scanBudget = 1000;
        const CataloguePage none = catalogue.page(cat);
        QVERIFY(none.rows.empty());
        QVERIFY(none.atEnd);
        QVERIFY(!AggregateCatalogue::typeMatches(QStringLiteral("inspecttest:Dog"), QStringLiteral("og")));

        const std::optional<AggregateSummary> one = catalogue.find(m_ids[1]);
        QVERIFY(one);
        QCOMPARE(one->lastVersion, 6);
        QVERIFY(!catalogue.find(es::uuid::v4()));
        const CatalogueTotals totals = catalogue.totals(QString(), true);
        QCOMPARE(totals.aggregates, 30);
        QCOMPARE(totals.events, qint64(m_logIds.size()));
        QCOMPARE(totals.types.value(QStringLiteral("inspecttest:Dog")), 30);
    }

    void eventsAndSnapshots()
    {
        const EventPager events(m_source);
        const QUuid id = m_ids[3];
        std::vector<qint64> versions;
        std::optional<qint64> after;
        for (;;) {
            const RecordPage page = events.page(id, after, Direction::Forward, 2);
            for (const auto &r : page.rows) {
                versions.push_back(r.originatorVersion);
                QVERIFY(r.notificationId);
                QCOMPARE(r.storage(), QStringLiteral("plain"));
            }
            if (page.atEnd)
                break;
            after = versions.back();
        }
        QCOMPARE(versions, (std::vector<qint64> {1, 2, 3, 4, 5, 6}));
        const RecordPage back = events.page(id, 4, Direction::Backward, 10);
        QCOMPARE(back.rows.size(), size_t(3));
        QCOMPARE(back.rows.front().originatorVersion, 3);
        QCOMPARE(events.all(id, 4).size(), size_t(4));

        const SnapshotPager snapshots(m_source);
        std::vector<std::pair<QUuid, qint64>> keys;
        for (auto dir : {Direction::Forward, Direction::Backward}) {
            SnapshotQuery q;
            q.limit = 3;
            q.direction = dir;
            std::vector<std::pair<QUuid, qint64>> seen;
            for (;;) {
                const SnapshotPage page = snapshots.page(q);
                for (const auto &r : page.rows) {
                    seen.emplace_back(r.originatorId, r.originatorVersion);
                    QCOMPARE(r.snapshotAggregateTopic(), QStringLiteral("inspecttest:Dog"));
                    QVERIFY(!r.notificationId);
                }
                if (page.atEnd)
                    break;
                q.after = page.next;
            }
            if (dir == Direction::Backward)
                std::reverse(seen.begin(), seen.end());
            if (keys.empty())
                keys = seen;
            else
                QVERIFY(seen == keys);
        }
        QCOMPARE(keys.size(), size_t(10)); // every third of 30 dogs
        const std::optional<DecodedRecord> latest = snapshots.latest(m_ids[0]);
        QVERIFY(latest);
        QCOMPARE(latest->originatorVersion, 6);
        QVERIFY(!snapshots.latest(m_ids[0], 5));
        QVERIFY(!snapshots.latest(m_ids[1]));
    }

    void tracking()
    {
        // A downstream application in the same folder tracks the kennel: lag = kennel's max id - position.
        QTemporaryDir folder;
        QVERIFY(QFile::copy(m_file, folder.filePath(QStringLiteral("kennel.sqlite"))));
        {
            RawSqlite raw(folder.filePath(QStringLiteral("follower.sqlite")));
            QVERIFY(raw.exec(QStringLiteral(
                "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, topic TEXT, "
                "state BLOB, PRIMARY KEY (originator_id, originator_version))")));
            QVERIFY(raw.exec(
                QStringLiteral("CREATE TABLE tracking (application_name TEXT, notification_id INTEGER, "
                               "PRIMARY KEY (application_name, notification_id)) WITHOUT ROWID")));
            for (int i = 1; i <= 50; ++i)
                QVERIFY(raw.exec(QStringLiteral("INSERT INTO tracking VALUES ('Kennel', ?)"), {i}));
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO tracking VALUES ('Elsewhere', 7)")));
        }
        auto store = Store::open(folder.path());
        const auto positions
            = trackingPositions(Source::make(store, QStringLiteral("follower"), DecodingSettings()), true);
        QCOMPARE(positions.size(), size_t(2));
        QCOMPARE(positions[0].upstream, QStringLiteral("Elsewhere"));
        QVERIFY(!positions[0].lag);
        QCOMPARE(positions[0].records, 1);
        QCOMPARE(positions[1].upstream, QStringLiteral("Kennel"));
        QCOMPARE(positions[1].position, 50);
        QCOMPARE(positions[1].upstreamApplication, QStringLiteral("kennel"));
        QCOMPARE(*positions[1].upstreamMax, m_logIds.back());
        QCOMPARE(*positions[1].lag, m_logIds.back() - 50);
        QCOMPARE(positions[1].records, 50);
        QVERIFY(trackingPositions(Source::make(store, QStringLiteral("kennel"), DecodingSettings())).empty());
    }

    void remoteLog()
    {
        es::NotificationLogJSONService service(m_store->notificationLog(m_source.application));
        service.listen();
        auto remote = Store::open(service.url().toString());
        QCOMPARE(remote->kind(), StoreKind::Remote);
        QCOMPARE(remote->applications().size(), size_t(1));
        const Source source = Source::make(remote, QStringLiteral("whatever"), DecodingSettings());
        LogQuery q;
        q.limit = 13;
        std::vector<qint64> ids;
        std::vector<LogGap> gaps;
        for (;;) {
            const LogPage page = LogPager(source).page(q);
            for (qint64 id : idsOf(page.rows))
                ids.push_back(id);
            gaps.insert(gaps.end(), page.gaps.begin(), page.gaps.end());
            if (page.atEnd)
                break;
            q.start = page.next;
        }
        QCOMPARE(ids, m_logIds);
        std::set<qint64> missing;
        for (const LogGap &g : gaps)
            for (qint64 id = g.after + 1; id < g.before; ++id)
                missing.insert(id);
        QCOMPARE(missing, m_deleted);
        LogQuery back;
        back.direction = Direction::Backward;
        back.start = 45;
        back.limit = 6;
        const LogPage page = LogPager(source).page(back);
        QCOMPARE(idsOf(page.rows), (std::vector<qint64> {45, 44, 43, 42}));
        QCOMPARE(page.next, 39);
        back.start = 0;
        QVERIFY_THROWS_EXCEPTION(es::NotSupportedError, LogPager(source).page(back));
        QVERIFY_THROWS_EXCEPTION(es::NotSupportedError, AggregateCatalogue(source).page(CatalogueQuery()));
    }

    void readersLeaveNoLock()
    {
        // Each page is fetched completely and its statement finished: even on a rollback-journal
        // database, where an open select would hold a shared lock, a writer that will not wait gets in
        // between pages, and the next page sees what it wrote.
        const QString file = m_dir.filePath(QStringLiteral("journal.sqlite"));
        QVERIFY(QFile::copy(m_file, file));
        {
            RawSqlite raw(file);
            QVERIFY(raw.exec(QStringLiteral("PRAGMA journal_mode=DELETE")));
        }
        {
            // What the test would see if a page left its select open: the writer is refused.
            RawSqlite reader(file);
            QSqlQuery open(reader.db());
            open.setForwardOnly(true);
            QVERIFY(open.exec(QStringLiteral("SELECT * FROM stored_events")) && open.next());
            RawSqlite writer(file, QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("database is locked")));
            QVERIFY(!writer.exec(QStringLiteral("DELETE FROM stored_events WHERE rowid = 2")));
        }
        auto store = Store::open(file);
        const Source source = Source::make(store, QString(), DecodingSettings());
        LogQuery q;
        q.limit = 5;
        QCOMPARE(LogPager(source).page(q).rows.size(), size_t(5));
        QCOMPARE(AggregateCatalogue(source).page(CatalogueQuery()).rows.size(), size_t(30));
        QCOMPARE(SnapshotPager(source).page(SnapshotQuery()).rows.size(), size_t(10));
        QVERIFY(!EventPager(source).page(m_ids[2]).rows.empty());
        QVERIFY(!trackingPositions(source).size());
        store->counts(source.application);
        {
            RawSqlite writer(file, QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
            QVERIFY(writer.exec(
                QStringLiteral("INSERT INTO stored_events VALUES ('00000000000000000000000000000abc', 1, "
                               "'inspecttest:Dog.Registered', CAST('{}' AS BLOB))")));
        }
        LogQuery tail;
        tail.direction = Direction::Backward;
        tail.start = 0;
        tail.limit = 1;
        const LogPage last = LogPager(source).page(tail);
        QCOMPARE(es::uuid::toHex(last.rows.front().originatorId),
                 QStringLiteral("00000000000000000000000000000abc"));
        store->releaseThreadConnections();
    }

    void threads()
    {
        // One store, read from several threads at once (each on its own connection).
        std::vector<std::vector<qint64>> results(4);
        std::vector<std::thread> workers;
        for (size_t t = 0; t < results.size(); ++t)
            workers.emplace_back([&, t] {
                LogQuery q;
                q.limit = 5 + static_cast<int>(t);
                results[t] = readAll(q);
                m_store->releaseThreadConnections();
            });
        for (auto &w : workers)
            w.join();
        for (const auto &r : results)
            QCOMPARE(r, m_logIds);
    }

    void bigStoreFirstPage()
    {
        // The first page costs what it holds: the catalogue's statement walks the primary key's index
        // (no scan of the table, no temporary B-tree for the grouping), the log's pages the rowid.
        // Set ES_INSPECT_BIG_STORE to a 10M-event store to time that one.
        QString file = qEnvironmentVariable("ES_INSPECT_BIG_STORE");
        if (file.isEmpty()) {
            file = m_dir.filePath(QStringLiteral("bulk.sqlite"));
            QElapsedTimer writing;
            writing.start();
            QVERIFY(inspecttest::writeBulkStore(file, 20000, 10));
            qInfo("wrote 200k events in %lld ms", writing.elapsed());
        }
        {
            // The grouping the catalogue's page is built on, as SQLite plans it.
            RawSqlite raw(file);
            const QStringList plan = [&] {
                QStringList out;
                for (const QVariant &v : raw.column(
                         QStringLiteral("EXPLAIN QUERY PLAN SELECT originator_id, COUNT(*), "
                                        "MIN(originator_version), MAX(originator_version) FROM stored_events "
                                        "WHERE originator_id > ? GROUP BY originator_id ORDER BY "
                                        "originator_id LIMIT 100"),
                         {QStringLiteral("7")}, 3))
                    out << v.toString();
                return out;
            }();
            QVERIFY2(plan.join(QLatin1Char(' '))
                         .contains(QStringLiteral("USING COVERING INDEX sqlite_autoindex_stored_events_1")),
                     qPrintable(plan.join(QLatin1String(" | "))));
            QVERIFY2(!plan.join(QLatin1Char(' ')).contains(QStringLiteral("TEMP B-TREE")),
                     qPrintable(plan.join(QLatin1String(" | "))));
            // The log's last page: a search on the rowid, backwards.
            QStringList tail;
            for (const QVariant &v : raw.column(
                     QStringLiteral(
                         "EXPLAIN QUERY PLAN SELECT rowid, originator_id, originator_version, topic, state "
                         "FROM stored_events WHERE rowid <= ? ORDER BY rowid DESC LIMIT 100"),
                     {1000000}, 3))
                tail << v.toString();
            QVERIFY2(
                tail.join(QLatin1Char(' ')).contains(QStringLiteral("USING INTEGER PRIMARY KEY (rowid<?)")),
                qPrintable(tail.join(QLatin1String(" | "))));
        }
        auto store = Store::open(file);
        const Source source = Source::make(store, QString(), DecodingSettings());
        const AggregateCatalogue catalogue(source);
        QElapsedTimer timer;
        timer.start();
        const CataloguePage first = catalogue.page(CatalogueQuery());
        const qint64 firstMs = timer.elapsed();
        QCOMPARE(first.rows.size(), size_t(100));
        timer.restart();
        CatalogueQuery last;
        last.descending = true;
        const CataloguePage lastPage = catalogue.page(last);
        const qint64 lastMs = timer.elapsed();
        QCOMPARE(lastPage.rows.size(), size_t(100));
        timer.restart();
        LogQuery tail;
        tail.direction = Direction::Backward;
        tail.start = 0;
        const LogPage logTail = LogPager(source).page(tail);
        const qint64 tailMs = timer.elapsed();
        QCOMPARE(logTail.rows.size(), size_t(100));
        // Times are for information (the house measures speed in es-bench, not in timed tests); the
        // plans above are what keeps them small.
        qInfo("catalogue first page %lld ms, last page %lld ms, log's last page %lld ms", firstMs, lastMs,
              tailMs);
    }
};

QTEST_GUILESS_MAIN(TestInspectPagers)
#include "tst_inspect_pagers.moc"
