// What is particular to the SQLite backend (the recorder contract itself is tst_recorder_contract):
// the factory's settings and their errors, the bytes and types in the table, CREATE_TABLE, the lock
// timeout against a writer holding the database, WAL, and in-memory databases shared by threads.
#include "fixtures.h"

#include "es/errors.h"
#include "es/infrastructure.h"
#include "es/uuid.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>
#include <mutex>
#include <thread>

using namespace es;

namespace {

Environment sqliteEnv(const QString &app, QMap<QString, QString> vars)
{
    vars.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory"));
    return Environment(app, vars);
}

std::vector<StoredEvent> events(const QUuid &id, qint64 from, qint64 to)
{
    std::vector<StoredEvent> out;
    for (qint64 v = from; v <= to; ++v)
        out.push_back(StoredEvent{id, v, QStringLiteral("tests:Happened"), QByteArray("{\"v\": ") + QByteArray::number(v) + "}"});
    return out;
}

// The message of the exception of type E that f throws, or a note that it threw none / another.
template<typename E, typename F>
QString messageOf(F f)
{
    try {
        f();
    } catch (const E &e) {
        return QString::fromUtf8(e.what());
    } catch (const std::exception &e) {
        return QStringLiteral("<other exception: %1>").arg(QString::fromUtf8(e.what()));
    }
    return QStringLiteral("<no exception>");
}

// A plain QSQLITE connection of the test itself, to look at or lock the database behind the
// recorders' back. Removed when it goes.
class RawConnection
{
public:
    explicit RawConnection(const QString &path)
        : m_name(QStringLiteral("raw-%1").arg(++s_count))
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
        m_db.open();
    }
    ~RawConnection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool isOpen() const { return m_db.isOpen(); }
    // Runs one statement; returns its rows as "a|b|…" strings, or "error: …".
    QStringList exec(const QString &sql)
    {
        QStringList rows;
        QSqlQuery q(m_db);
        if (!q.exec(sql))
            return {QStringLiteral("error: ") + q.lastError().text()};
        while (q.next()) {
            QStringList values;
            for (int i = 0; i < q.record().count(); ++i)
                values << q.value(i).toString();
            rows << values.join(QLatin1Char('|'));
        }
        return rows;
    }

private:
    static inline int s_count = 0;
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace

class TestSqliteRecorders : public QObject
{
    Q_OBJECT

private slots:
    void dbNameIsRequired()
    {
        const QString message = messageOf<ConfigurationError>(
            [] { InfrastructureFactory::construct(sqliteEnv(QStringLiteral("MyApp"), {})); });
        QVERIFY2(message.contains(QLatin1String("'MYAPP_SQLITE_DBNAME' or 'SQLITE_DBNAME'")), qPrintable(message));
        const QString blank = messageOf<ConfigurationError>([] {
            InfrastructureFactory::construct(sqliteEnv(QString(), {{QStringLiteral("SQLITE_DBNAME"), QStringLiteral("  ")}}));
        });
        QVERIFY2(blank.contains(QLatin1String("'SQLITE_DBNAME'")), qPrintable(blank));
    }

    void lockTimeoutMustBeANumber()
    {
        const QString prefixed = messageOf<ConfigurationError>([] {
            InfrastructureFactory::construct(sqliteEnv(QStringLiteral("MyApp"),
                                                       {{QStringLiteral("SQLITE_DBNAME"), QStringLiteral(":memory:")},
                                                        {QStringLiteral("MYAPP_SQLITE_LOCK_TIMEOUT"), QStringLiteral("soon")}}));
        });
        QVERIFY2(prefixed.contains(QLatin1String("MYAPP_SQLITE_LOCK_TIMEOUT")) && prefixed.contains(QLatin1String("soon")),
                 qPrintable(prefixed));
        const QString plain = messageOf<ConfigurationError>([] {
            InfrastructureFactory::construct(sqliteEnv(QStringLiteral("MyApp"),
                                                       {{QStringLiteral("SQLITE_DBNAME"), QStringLiteral(":memory:")},
                                                        {QStringLiteral("SQLITE_LOCK_TIMEOUT"), QStringLiteral("-3")}}));
        });
        QVERIFY2(plain.startsWith(QLatin1String("SQLITE_LOCK_TIMEOUT=")), qPrintable(plain));
        for (const char *bad : {"inf", "nan"}) {
            const QString infinite = messageOf<ConfigurationError>([bad] {
                InfrastructureFactory::construct(sqliteEnv(QStringLiteral("MyApp"),
                                                           {{QStringLiteral("SQLITE_DBNAME"), QStringLiteral(":memory:")},
                                                            {QStringLiteral("SQLITE_LOCK_TIMEOUT"), QString::fromLatin1(bad)}}));
            });
            QVERIFY2(infinite.startsWith(QLatin1String("SQLITE_LOCK_TIMEOUT=")), qPrintable(infinite));
        }
        // Integers, fractions of seconds and an empty value (the default) are accepted.
        for (const char *ok : {"10", "2.5", ""}) {
            const QString none = messageOf<EventSourcingError>([ok] {
                InfrastructureFactory::construct(sqliteEnv(QStringLiteral("MyApp"),
                                                           {{QStringLiteral("SQLITE_DBNAME"), QStringLiteral(":memory:")},
                                                            {QStringLiteral("SQLITE_LOCK_TIMEOUT"), QString::fromLatin1(ok)}}))
                    ->applicationRecorder();
            });
            QCOMPARE(none, QStringLiteral("<no exception>"));
        }
        const QString badCreate = messageOf<ConfigurationError>([] {
            InfrastructureFactory::construct(sqliteEnv(QStringLiteral("MyApp"),
                                                       {{QStringLiteral("SQLITE_DBNAME"), QStringLiteral(":memory:")},
                                                        {QStringLiteral("CREATE_TABLE"), QStringLiteral("perhaps")}}));
        });
        QVERIFY2(badCreate.startsWith(QLatin1String("CREATE_TABLE=")), qPrintable(badCreate));
    }

    void rowsHoldPythonsTypesAndBytes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("rows.sqlite"));
        const QUuid id = QUuid(QStringLiteral("{973A34CF-D943-48B2-8578-41BCCB3657EC}"));
        std::vector<qint64> ids;
        try {
            auto factory = InfrastructureFactory::construct(sqliteEnv(QStringLiteral("App"), {{QStringLiteral("SQLITE_DBNAME"), path}}));
            auto recorder = factory->applicationRecorder();
            ids = recorder->insertEvents(events(id, 1, 3));
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
        QCOMPARE(ids, (std::vector<qint64>{1, 2, 3}));
        RawConnection raw(path);
        QVERIFY(raw.isOpen());
        QCOMPARE(raw.exec(QStringLiteral("SELECT rowid, originator_id, typeof(originator_id), originator_version, "
                                         "typeof(originator_version), topic, typeof(state), state FROM stored_events "
                                         "ORDER BY rowid")),
                 (QStringList{QStringLiteral("1|973a34cfd94348b2857841bccb3657ec|text|1|integer|tests:Happened|blob|{\"v\": 1}"),
                              QStringLiteral("2|973a34cfd94348b2857841bccb3657ec|text|2|integer|tests:Happened|blob|{\"v\": 2}"),
                              QStringLiteral("3|973a34cfd94348b2857841bccb3657ec|text|3|integer|tests:Happened|blob|{\"v\": 3}")}));
        QCOMPARE(raw.exec(QStringLiteral("PRAGMA journal_mode")), QStringList{QStringLiteral("wal")});
        // synchronous is left as SQLite's default (FULL), as Python leaves it.
        QCOMPARE(raw.exec(QStringLiteral("PRAGMA synchronous")), QStringList{QStringLiteral("2")});
    }

    void createTableNoCreatesNothing()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("none.sqlite"));
        const QString message = messageOf<OperationalError>([&] {
            auto factory = InfrastructureFactory::construct(sqliteEnv(
                QStringLiteral("App"), {{QStringLiteral("SQLITE_DBNAME"), path}, {QStringLiteral("APP_CREATE_TABLE"), QStringLiteral("no")}}));
            auto recorder = factory->processRecorder();
            recorder->insertEvents(events(uuid::v4(), 1, 1));
        });
        QVERIFY2(message.contains(QLatin1String("no such table")), qPrintable(message));
        RawConnection raw(path);
        QCOMPARE(raw.exec(QStringLiteral("SELECT name FROM sqlite_master")), QStringList());
    }

    void purposeMustBeAnIdentifier()
    {
        const QString message = messageOf<ProgrammingError>([] {
            auto factory = InfrastructureFactory::construct(
                sqliteEnv(QStringLiteral("App"), {{QStringLiteral("SQLITE_DBNAME"), QStringLiteral(":memory:")}}));
            factory->aggregateRecorder(QStringLiteral("x; DROP TABLE stored_events"));
        });
        QVERIFY2(message.contains(QLatin1String("not a valid recorder purpose")), qPrintable(message));
        const QString tracking = messageOf<ProgrammingError>([] {
            auto factory = InfrastructureFactory::construct(
                sqliteEnv(QStringLiteral("App"), {{QStringLiteral("SQLITE_DBNAME"), QStringLiteral(":memory:")}}));
            const Tracking t{QStringLiteral("up"), 1};
            factory->applicationRecorder()->insertEvents(events(uuid::v4(), 1, 1), &t);
        });
        QVERIFY2(tracking.contains(QLatin1String("does not record tracking")), qPrintable(tracking));
    }

    // Another connection holds the write lock: a writer waits SQLITE_LOCK_TIMEOUT, then fails with
    // OperationalError (SQLITE_BUSY); readers go on meanwhile (WAL); once the lock goes, it writes.
    void writerWaitsForTheLockTimeout()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("busy.sqlite"));
        try {
            auto factory = InfrastructureFactory::construct(sqliteEnv(
                QStringLiteral("App"), {{QStringLiteral("SQLITE_DBNAME"), path}, {QStringLiteral("SQLITE_LOCK_TIMEOUT"), QStringLiteral("1")}}));
            auto recorder = factory->applicationRecorder();
            const QUuid id = uuid::v4();
            recorder->insertEvents(events(id, 1, 1));

            RawConnection holder(path);
            QVERIFY(holder.isOpen());
            QCOMPARE(holder.exec(QStringLiteral("BEGIN IMMEDIATE")), QStringList());
            QElapsedTimer timer;
            timer.start();
            const QString message = messageOf<OperationalError>([&] { recorder->insertEvents(events(id, 2, 2)); });
            const qint64 waited = timer.elapsed();
            QVERIFY2(message.contains(QLatin1String("locked")) && message.contains(QLatin1String("code 5")),
                     qPrintable(message));
            QVERIFY2(waited >= 900 && waited < 4000, qPrintable(QString::number(waited)));
            QCOMPARE(recorder->selectNotifications(1, 10).size(), size_t(1));
            QCOMPARE(recorder->maxNotificationId(), 1);
            QCOMPARE(holder.exec(QStringLiteral("ROLLBACK")), QStringList());

            QCOMPARE(recorder->insertEvents(events(id, 2, 2)), (std::vector<qint64>{2}));
            QCOMPARE(recorder->selectEvents(id).size(), size_t(2));
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }

    // ":memory:" is one database for all of a factory's threads (not one per connection), and
    // another factory's ":memory:" is another database. A named shared in-memory database is one
    // database for every factory that names it.
    void memoryDatabasesAreSharedByThreads()
    {
        try {
            auto first = InfrastructureFactory::construct(
                sqliteEnv(QStringLiteral("App"), {{QStringLiteral("SQLITE_DBNAME"), QStringLiteral(":memory:")}}));
            auto second = InfrastructureFactory::construct(
                sqliteEnv(QStringLiteral("App"), {{QStringLiteral("SQLITE_DBNAME"), QStringLiteral(":memory:")}}));
            auto r1 = first->applicationRecorder();
            auto r2 = second->applicationRecorder();
            const QUuid id = uuid::v4();
            r1->insertEvents(events(id, 1, 2));
            size_t seenByThread = 0;
            qint64 maxByThread = 0;
            QString threadError;
            std::thread reader([&] {
                try {
                    seenByThread = r1->selectEvents(id).size();
                    r1->insertEvents(events(id, 3, 3));
                    maxByThread = r1->maxNotificationId();
                } catch (const std::exception &e) {
                    threadError = QString::fromUtf8(e.what());
                }
            });
            reader.join();
            QVERIFY2(threadError.isEmpty(), qPrintable(threadError));
            QCOMPARE(seenByThread, size_t(2));
            QCOMPARE(maxByThread, 3);
            QCOMPARE(r1->selectEvents(id).size(), size_t(3));
            QCOMPARE(r2->maxNotificationId(), 0);

            const QString shared = QStringLiteral("file:tst-sqlite-shared-%1?mode=memory&cache=shared")
                                       .arg(QCoreApplication::applicationPid());
            auto a = InfrastructureFactory::construct(sqliteEnv(QStringLiteral("App"), {{QStringLiteral("SQLITE_DBNAME"), shared}}));
            auto b = InfrastructureFactory::construct(sqliteEnv(QStringLiteral("App"), {{QStringLiteral("SQLITE_DBNAME"), shared}}));
            auto ra = a->applicationRecorder();
            auto rb = b->applicationRecorder();
            ra->insertEvents(events(id, 1, 4));
            QCOMPARE(rb->maxNotificationId(), 4);
            QVERIFY_THROWS_EXCEPTION(IntegrityError, rb->insertEvents(events(id, 4, 5)));
            QCOMPARE(ra->selectEvents(id).size(), size_t(4));
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }

    // Two factories (two applications) on one shared in-memory database, written and read from
    // several threads at once: shared-cache table locks would fail them at once with SQLITE_LOCKED,
    // so the in-process lock is the database's, not the factory's. The same for two on one file.
    void twoFactoriesOnOneDatabaseDoNotCollide_data()
    {
        QTest::addColumn<bool>("memory");
        QTest::newRow("shared memory") << true;
        QTest::newRow("file") << false;
    }
    void twoFactoriesOnOneDatabaseDoNotCollide()
    {
        QFETCH(bool, memory);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString name = memory ? QStringLiteral("file:tst-sqlite-two-%1?mode=memory&cache=shared")
                                          .arg(QCoreApplication::applicationPid())
                                    : dir.filePath(QStringLiteral("two.sqlite"));
        constexpr int ThreadsPerFactory = 3;
        constexpr int Batches = 100;
        try {
            auto a = InfrastructureFactory::construct(sqliteEnv(QStringLiteral("A"), {{QStringLiteral("SQLITE_DBNAME"), name}}));
            auto b = InfrastructureFactory::construct(sqliteEnv(QStringLiteral("B"), {{QStringLiteral("SQLITE_DBNAME"), name}}));
            std::vector<std::shared_ptr<ApplicationRecorder>> recorders{a->applicationRecorder(), b->applicationRecorder()};
            std::mutex mutex;
            QStringList errors;
            std::vector<std::thread> threads;
            for (int t = 0; t < 2 * ThreadsPerFactory; ++t) {
                threads.emplace_back([&, t] {
                    try {
                        auto &r = *recorders[size_t(t % 2)];
                        for (int i = 0; i < Batches; ++i) {
                            r.insertEvents(events(uuid::v4(), 1, 3));
                            r.selectNotifications(std::max<qint64>(1, r.maxNotificationId() - 5), 10);
                        }
                    } catch (const std::exception &e) {
                        std::lock_guard lock(mutex);
                        errors << QString::fromUtf8(e.what());
                    }
                });
            }
            for (auto &th : threads)
                th.join();
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
            const qint64 expected = 2 * ThreadsPerFactory * Batches * 3;
            QCOMPARE(recorders[0]->maxNotificationId(), expected);
            QCOMPARE(qint64(recorders[1]->selectNotifications(1, 10 * expected).size()), expected);
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }

    // A row whose originator_id is not a UUID is a DataError naming it, and the select that met it
    // is released: no read transaction stays open (a TRUNCATE checkpoint would report it busy).
    void badRowIsADataErrorAndReleasesTheSelect()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("bad.sqlite"));
        try {
            auto factory = InfrastructureFactory::construct(sqliteEnv(QStringLiteral("App"), {{QStringLiteral("SQLITE_DBNAME"), path}}));
            auto recorder = factory->applicationRecorder();
            recorder->insertEvents(events(uuid::v4(), 1, 1));
            RawConnection raw(path);
            QCOMPARE(raw.exec(QStringLiteral("INSERT INTO stored_events VALUES ('not-a-uuid', 1, 't', x'00')")), QStringList());
            recorder->insertEvents(events(uuid::v4(), 1, 1));
            const QString message = messageOf<DataError>([&] { recorder->selectNotifications(1, 10); });
            QVERIFY2(message.contains(QLatin1String("'not-a-uuid'")), qPrintable(message));
            QCOMPARE(raw.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")).value(0).section(QLatin1Char('|'), 0, 0),
                     QStringLiteral("0"));
            // Rows before the bad one are still readable by key.
            QCOMPARE(recorder->selectNotifications(1, 1).size(), size_t(1));
            QCOMPARE(recorder->maxNotificationId(), 3);
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }

    // A database that cannot be opened is an InterfaceError (as Python's create_connection()).
    void unopenableDatabaseIsAnInterfaceError()
    {
        const QString message = messageOf<InterfaceError>([] {
            auto factory = InfrastructureFactory::construct(sqliteEnv(
                QStringLiteral("App"), {{QStringLiteral("SQLITE_DBNAME"), QStringLiteral("/nonexistent-dir/x/y.sqlite")}}));
            factory->applicationRecorder();
        });
        QVERIFY2(message.contains(QLatin1String("/nonexistent-dir/x/y.sqlite")), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestSqliteRecorders)
#include "tst_sqlite_recorders.moc"
