// The SQLite stores written by Python's eventsourcing 9.1.6 (../shared/fixtures) read through our
// SQLite recorders: every notification and every snapshot decodes (es::decodeStoredState) to the
// JSON of its line in *.notifications.jsonl / *.snapshots.jsonl, and a store our recorders create
// has the same schema as a Python-written one. The fixtures are reference data: each store is
// copied to a temporary directory first and only the copy is opened.
#include "fixtures.h"

#include "es/errors.h"
#include "es/infrastructure.h"
#include "es/json.h"
#include "es/transcoder.h"
#include "es/uuid.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <map>

using namespace es;

namespace {

struct Line
{
    std::optional<qint64> id;
    QUuid originatorId;
    qint64 originatorVersion = 0;
    QString topic;
    json::Value state;
};

std::vector<Line> readJsonl(const QString &path)
{
    std::vector<Line> out;
    const QByteArray text = test::readFile(path);
    for (const QByteArray &raw : text.split('\n')) {
        if (raw.trimmed().isEmpty())
            continue;
        const json::Value v = json::Value::parse(std::string_view(raw.constData(), size_t(raw.size())));
        Line line;
        if (const json::Value *id = v.find("id"))
            line.id = id->toInteger();
        line.originatorId = uuid::fromString(v.find("originator_id")->string());
        line.originatorVersion = v.find("originator_version")->toInteger();
        line.topic = v.find("topic")->toQString();
        line.state = *v.find("state");
        out.push_back(std::move(line));
    }
    return out;
}

QByteArray sha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Rows of sqlite_master (type, name, tbl_name, sql), ordered, read through a plain connection.
QStringList schemaOf(const QString &path)
{
    QStringList rows;
    const QString name = QStringLiteral("schema-%1").arg(reinterpret_cast<quintptr>(&rows));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"))) {
                while (q.next())
                    rows << QStringLiteral("%1|%2|%3|%4").arg(q.value(0).toString(), q.value(1).toString(),
                                                              q.value(2).toString(), q.value(3).toString());
            } else {
                rows << QStringLiteral("error: ") + q.lastError().text();
            }
            q.finish();
            QSqlQuery mode(db);
            if (mode.exec(QStringLiteral("PRAGMA journal_mode")) && mode.next())
                rows << QStringLiteral("journal_mode=") + mode.value(0).toString().toLower();
            mode.finish();
            db.close();
        } else {
            rows << QStringLiteral("cannot open: ") + db.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

// A transcoder that knows the custom types the Python examples of the fixtures registered.
JSONTranscoder fixtureTranscoder()
{
    JSONTranscoder t;
    for (const char *name : {"person_as_dict", "send_method_str", "status_str"})
        t.registerName(QString::fromLatin1(name));
    return t;
}

} // namespace

class TestSqliteCompat : public QObject
{
    Q_OBJECT

private slots:
    void storesDecodeAsPythonDecodedThem_data()
    {
        QTest::addColumn<QString>("store");
        QTest::addColumn<QString>("keyFile");
        QTest::addColumn<QString>("storage");
        QTest::newRow("bankaccounts") << QStringLiteral("bankaccounts") << QString() << QStringLiteral("plain");
        QTest::newRow("bankaccounts.zlib-aes") << QStringLiteral("bankaccounts.zlib-aes")
                                               << QStringLiteral("bankaccounts.zlib-aes.key")
                                               << QStringLiteral("encrypted+zlib");
        QTest::newRow("invoice") << QStringLiteral("invoice") << QString() << QStringLiteral("plain");
    }

    void storesDecodeAsPythonDecodedThem()
    {
        ES_REQUIRE_FIXTURES();
        QFETCH(QString, store);
        QFETCH(QString, keyFile);
        QFETCH(QString, storage);

        const QString original = test::fixture(store + QStringLiteral(".sqlite"));
        const QByteArray originalHash = sha256(original);
        QVERIFY(!originalHash.isEmpty());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(store + QStringLiteral(".sqlite"));
        QVERIFY(QFile::copy(original, copy));
        QVERIFY(QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner));

        QMap<QString, QString> vars{{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory")},
                                    {QStringLiteral("SQLITE_DBNAME"), copy}};
        if (!keyFile.isEmpty()) {
            vars.insert(QStringLiteral("CIPHER_TOPIC"), QStringLiteral("eventsourcing.cipher:AESCipher"));
            vars.insert(QStringLiteral("CIPHER_KEY"), QString::fromLatin1(test::readFile(test::fixture(keyFile)).trimmed()));
            vars.insert(QStringLiteral("COMPRESSOR_TOPIC"), QStringLiteral("eventsourcing.compressor:ZlibCompressor"));
        }
        const JSONTranscoder transcoder = fixtureTranscoder();
        try {
            auto factory = InfrastructureFactory::construct(Environment(QStringLiteral("BankAccounts"), vars));
            const std::shared_ptr<Cipher> cipher = factory->cipher();
            QCOMPARE(bool(cipher), !keyFile.isEmpty());
            auto events = factory->applicationRecorder();
            auto snapshots = factory->aggregateRecorder(QStringLiteral("snapshots"));

            // Notifications: read by key in pages, compared line by line.
            const auto expected = readJsonl(test::fixture(store + QStringLiteral(".notifications.jsonl")));
            QVERIFY(!expected.empty());
            std::vector<Notification> got;
            for (qint64 next = 1;;) {
                auto page = events->selectNotifications(next, 50);
                if (page.empty())
                    break;
                next = page.back().id + 1;
                got.insert(got.end(), page.begin(), page.end());
            }
            QCOMPARE(got.size(), expected.size());
            QCOMPARE(events->maxNotificationId(), *expected.back().id);
            for (size_t i = 0; i < got.size(); ++i) {
                const Notification &n = got[i];
                const Line &want = expected[i];
                const QByteArray where = QByteArray("notification ") + QByteArray::number(n.id);
                QVERIFY2(n.id == *want.id, where.constData());
                QVERIFY2(n.originatorId == want.originatorId, where.constData());
                QVERIFY2(n.originatorVersion == want.originatorVersion, where.constData());
                QVERIFY2(n.topic == want.topic, where.constData());
                const DecodedState decoded = decodeStoredState(n.state, cipher.get(), &transcoder);
                QVERIFY2(decoded.ok(), (where + ": " + decoded.error.toUtf8()).constData());
                QCOMPARE(decoded.storage(), storage);
                QVERIFY2(decoded.state == want.state,
                         (where + ": " + QByteArray::fromStdString(decoded.state.toJson()) + " != "
                          + QByteArray::fromStdString(want.state.toJson()))
                             .constData());
                // The same events through selectEvents().
                const auto again = events->selectEvents(n.originatorId, n.originatorVersion - 1, n.originatorVersion);
                QCOMPARE(again.size(), size_t(1));
                QCOMPARE(again.front().state, n.state);
            }

            // Snapshots: every one, per originator in version order.
            const auto expectedSnapshots = readJsonl(test::fixture(store + QStringLiteral(".snapshots.jsonl")));
            QVERIFY(!expectedSnapshots.empty());
            std::map<QUuid, std::vector<const Line *>> byOriginator;
            for (const Line &line : expectedSnapshots)
                byOriginator[line.originatorId].push_back(&line);
            size_t compared = 0;
            for (auto &[id, lines] : byOriginator) {
                std::sort(lines.begin(), lines.end(),
                          [](const Line *a, const Line *b) { return a->originatorVersion < b->originatorVersion; });
                const auto stored = snapshots->selectEvents(id);
                QCOMPARE(stored.size(), lines.size());
                for (size_t i = 0; i < stored.size(); ++i) {
                    QCOMPARE(stored[i].originatorVersion, lines[i]->originatorVersion);
                    QCOMPARE(stored[i].topic, lines[i]->topic);
                    const DecodedState decoded = decodeStoredState(stored[i].state, cipher.get(), &transcoder);
                    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
                    QCOMPARE(decoded.storage(), storage);
                    QVERIFY2(decoded.state == lines[i]->state, decoded.state.toJson().c_str());
                    ++compared;
                }
            }
            QCOMPARE(compared, expectedSnapshots.size());
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }

        // Every snapshot row was compared: the store holds no others.
        {
            const QString name = QStringLiteral("count-") + store;
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                db.setDatabaseName(copy);
                QVERIFY(db.open());
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM stored_snapshots")));
                QVERIFY(q.next());
                QCOMPARE(q.value(0).toLongLong(),
                         qint64(readJsonl(test::fixture(store + QStringLiteral(".snapshots.jsonl"))).size()));
                QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM stored_events")));
                QVERIFY(q.next());
                QCOMPARE(q.value(0).toLongLong(),
                         qint64(readJsonl(test::fixture(store + QStringLiteral(".notifications.jsonl"))).size()));
                q.finish();
            }
            QSqlDatabase::removeDatabase(name);
        }
        QCOMPARE(sha256(original), originalHash);
    }

    // A store our recorders create (an application with snapshots, as the Python examples make)
    // has exactly the tables, indexes, SQL text and journal mode of a Python-written one.
    void createdSchemaEqualsPythons()
    {
        ES_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString python = dir.filePath(QStringLiteral("python.sqlite"));
        QVERIFY(QFile::copy(test::fixture(QStringLiteral("bankaccounts.sqlite")), python));
        QVERIFY(QFile::setPermissions(python, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const QString ours = dir.filePath(QStringLiteral("ours.sqlite"));
        try {
            auto factory = InfrastructureFactory::construct(
                Environment(QStringLiteral("BankAccounts"),
                            {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory")},
                             {QStringLiteral("SQLITE_DBNAME"), ours}}));
            auto events = factory->applicationRecorder();
            auto snapshots = factory->aggregateRecorder(QStringLiteral("snapshots"));
            QVERIFY(events && snapshots);
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
        const QStringList expected = schemaOf(python);
        QVERIFY2(expected.size() == 4, qPrintable(expected.join(QLatin1Char('\n'))));
        QCOMPARE(schemaOf(ours), expected);
    }

    // The process recorder's tracking table is Python 9.1.6's, text for text.
    void trackingTableIsPythons()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("process.sqlite"));
        try {
            auto factory = InfrastructureFactory::construct(
                Environment(QStringLiteral("Counters"),
                            {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory")},
                             {QStringLiteral("SQLITE_DBNAME"), path}}));
            QVERIFY(factory->processRecorder());
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
        const QStringList schema = schemaOf(path);
        QVERIFY2(schema.contains(QStringLiteral(
                     "table|tracking|tracking|CREATE TABLE tracking (application_name TEXT, notification_id INTEGER, "
                     "PRIMARY KEY (application_name, notification_id)) WITHOUT ROWID")),
                 qPrintable(schema.join(QLatin1Char('\n'))));
        QVERIFY(schema.contains(QStringLiteral(
            "table|stored_events|stored_events|CREATE TABLE stored_events (originator_id TEXT, originator_version "
            "INTEGER, topic TEXT, state BLOB, PRIMARY KEY (originator_id, originator_version))")));
        QVERIFY(schema.contains(QStringLiteral("journal_mode=wal")));
    }
};

QTEST_GUILESS_MAIN(TestSqliteCompat)
#include "tst_sqlite_compat.moc"
