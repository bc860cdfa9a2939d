// The reference stores written by Python's eventsourcing 9.1.6, replayed through the domain model:
// every event decodes into the test models (same topics and fields as the Python examples), the
// aggregates they rebuild have exactly the state Python recorded (*.accounts.json, counts.json),
// snapshots rebuild the same aggregates, and what we write for a decoded event or a snapshot is what
// Python wrote — byte for byte where the raw bytes are at hand (bankaccounts.sqlite).
#include "fixtures.h"
#include "testmodels.h"

#include "es/domain.h"
#include "es/transcoder.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <map>

using testmodels::BankAccount;
using testmodels::Counter;
using testmodels::World;

namespace {

es::json::Value parseJson(const QByteArray &text)
{
    return es::json::Value::parse(std::string_view(text.constData(), static_cast<size_t>(text.size())));
}

std::vector<es::json::Value> readJsonl(const QString &name)
{
    std::vector<es::json::Value> records;
    const QByteArray text = es::test::readFile(es::test::fixture(name));
    for (const QByteArray &line : text.split('\n'))
        if (!line.trimmed().isEmpty())
            records.push_back(parseJson(line));
    return records;
}

// A record of the export format as the StoredEvent a plain (unencrypted, uncompressed) store holds.
es::StoredEvent storedEventOf(const es::json::Value &record)
{
    es::StoredEvent s;
    s.originatorId = es::uuid::fromString(record.find("originator_id")->toQString());
    s.originatorVersion = record.find("originator_version")->toInteger();
    s.topic = record.find("topic")->toQString();
    s.state = QByteArray::fromStdString(record.find("state")->toJson());
    return s;
}

// Events of each originator, in notification order.
using EventsById = std::map<QUuid, std::vector<es::DomainEventPtr>>;

EventsById decodeNotifications(const es::Mapper &mapper, const std::vector<es::json::Value> &records, int *reencodedEqual)
{
    EventsById byId;
    for (const es::json::Value &r : records) {
        const es::StoredEvent stored = storedEventOf(r);
        const es::DomainEventPtr event = mapper.toDomainEvent(stored);
        // Written again, the state is the same JSON (Python's == on the decoded dicts).
        if (parseJson(mapper.fromDomainEvent(*event).state) == *r.find("state"))
            ++*reencodedEqual;
        byId[stored.originatorId].push_back(event);
    }
    return byId;
}

QString decimalText(const es::json::Value &v)
{
    return v.toQString();
}

class ReadOnlySqlite
{
public:
    // Opens a copy of the file: opening the reference store itself would leave -wal/-shm files.
    explicit ReadOnlySqlite(const QString &path)
        : m_name(QStringLiteral("fixturereplay-%1").arg(quintptr(this)))
    {
        const QString copy = m_dir.filePath(QFileInfo(path).fileName());
        QFile::copy(path, copy);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(copy);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        m_open = db.open();
        if (!m_open)
            m_error = db.lastError().text();
    }
    ~ReadOnlySqlite() { QSqlDatabase::removeDatabase(m_name); }
    ReadOnlySqlite(const ReadOnlySqlite &) = delete;
    ReadOnlySqlite &operator=(const ReadOnlySqlite &) = delete;

    bool isOpen() const { return m_open; }
    QString error() const { return m_error; }
    // All rows of a table of stored events, in rowid (or key) order.
    std::vector<es::StoredEvent> rows(const QString &table) const
    {
        std::vector<es::StoredEvent> out;
        QSqlQuery q(QSqlDatabase::database(m_name));
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT originator_id, originator_version, topic, state FROM %1").arg(table)))
            return out;
        while (q.next()) {
            es::StoredEvent s;
            s.originatorId = es::uuid::fromString(q.value(0).toString());
            s.originatorVersion = q.value(1).toLongLong();
            s.topic = q.value(2).toString();
            s.state = q.value(3).toByteArray();
            out.push_back(s);
        }
        return out;
    }

private:
    QTemporaryDir m_dir;
    QString m_name;
    bool m_open = false;
    QString m_error;
};

} // namespace

class TestFixtureReplay : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        es::registerAggregate<BankAccount>();
        es::registerAggregate<World>();
        es::registerAggregate<Counter>();
    }

    void bankAccounts_data()
    {
        QTest::addColumn<QString>("store");
        QTest::newRow("plain") << QStringLiteral("bankaccounts");
        QTest::newRow("zlib-aes") << QStringLiteral("bankaccounts.zlib-aes");
    }
    void bankAccounts()
    {
        ES_REQUIRE_FIXTURES();
        QFETCH(QString, store);
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        const std::vector<es::json::Value> records = readJsonl(store + QStringLiteral(".notifications.jsonl"));
        QVERIFY(records.size() >= 100);
        int reencoded = 0;
        const EventsById byId = decodeNotifications(mapper, records, &reencoded);
        QCOMPARE(reencoded, int(records.size()));

        // Every account has exactly the state Python recorded.
        const es::json::Value accounts = parseJson(es::test::readFile(es::test::fixture(store + QStringLiteral(".accounts.json"))));
        QCOMPARE(accounts.size(), byId.size());
        std::map<QUuid, std::unique_ptr<BankAccount>> rebuilt;
        for (const auto &m : accounts.members()) {
            const QUuid id = es::uuid::fromString(std::string_view(m.first));
            const auto it = byId.find(id);
            QVERIFY2(it != byId.end(), m.first.c_str());
            auto account = es::aggregate_cast<BankAccount>(es::project(nullptr, it->second));
            const es::json::Value &expected = m.second;
            const QByteArray where = QByteArray::fromStdString(m.first);
            QVERIFY2(account->fullName == expected.find("full_name")->toQString(), where.constData());
            QVERIFY2(account->emailAddress == expected.find("email_address")->toQString(), where.constData());
            // Decimal arithmetic exactly as Python's: the same digits, the same exponent.
            QVERIFY2(account->balance.toString() == decimalText(*expected.find("balance")),
                     (where + ": balance " + account->balance.toString().toUtf8() + ", Python "
                      + expected.find("balance")->toQString().toUtf8())
                         .constData());
            QVERIFY2(account->overdraftLimit.toString() == decimalText(*expected.find("overdraft_limit")), where.constData());
            QVERIFY2(account->isClosed == expected.find("is_closed")->toBool(), where.constData());
            QVERIFY2(account->version() == expected.find("version")->toInteger(), where.constData());
            QVERIFY(account->modifiedOn().isIdenticalTo(it->second.back()->timestamp));
            QVERIFY(account->createdOn().isIdenticalTo(it->second.front()->timestamp));
            rebuilt[id] = std::move(account);
        }

        // Snapshots rebuild the account at their version; the later events bring it up to date.
        const std::vector<es::json::Value> snapshots = readJsonl(store + QStringLiteral(".snapshots.jsonl"));
        QVERIFY(!snapshots.empty());
        for (const es::json::Value &r : snapshots) {
            const es::StoredEvent stored = storedEventOf(r);
            const es::DomainEventPtr event = mapper.toDomainEvent(stored);
            const auto *snapshot = dynamic_cast<const es::Snapshot *>(event.get());
            QVERIFY(snapshot);
            auto account = es::aggregate_cast<BankAccount>(snapshot->mutate(nullptr));
            QCOMPARE(account->version(), stored.originatorVersion);
            // Taken again, the snapshot's state is the one Python took.
            auto again = es::Snapshot::take(*account);
            again->timestamp = snapshot->timestamp;
            QVERIFY(parseJson(mapper.fromDomainEvent(*again).state) == *r.find("state"));
            std::vector<es::DomainEventPtr> later;
            for (const es::DomainEventPtr &e : byId.at(stored.originatorId))
                if (e->originatorVersion > stored.originatorVersion)
                    later.push_back(e);
            auto current = es::aggregate_cast<BankAccount>(es::project(std::move(account), later));
            QVERIFY(*current == *rebuilt.at(stored.originatorId));
        }
    }

    void bankAccountsByteForByte()
    {
        // The raw bytes Python stored: what we write for each decoded event and for each snapshot
        // taken of the rebuilt account is identical (key order, separators, escapes, numbers).
        ES_REQUIRE_FIXTURES();
        ReadOnlySqlite db(es::test::fixture(QStringLiteral("bankaccounts.sqlite")));
        QVERIFY2(db.isOpen(), qPrintable(db.error()));
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        const std::vector<es::StoredEvent> events = db.rows(QStringLiteral("stored_events"));
        QVERIFY(events.size() >= 100);
        EventsById byId;
        for (const es::StoredEvent &stored : events) {
            const es::DomainEventPtr event = mapper.toDomainEvent(stored);
            const es::StoredEvent written = mapper.fromDomainEvent(*event);
            QVERIFY2(written.state == stored.state,
                     (stored.state + "\n  written as\n" + written.state).constData());
            QCOMPARE(written.topic, stored.topic);
            QCOMPARE(written.originatorId, stored.originatorId);
            QCOMPARE(written.originatorVersion, stored.originatorVersion);
            byId[stored.originatorId].push_back(event);
        }
        const std::vector<es::StoredEvent> snapshots = db.rows(QStringLiteral("stored_snapshots"));
        QVERIFY(!snapshots.empty());
        for (const es::StoredEvent &stored : snapshots) {
            const auto snapshot = std::dynamic_pointer_cast<const es::Snapshot>(mapper.toDomainEvent(stored));
            QVERIFY(snapshot);
            // Rebuild the account from its events up to the snapshot's version, take a snapshot of it
            // at the time Python took its own: the same bytes.
            std::vector<es::DomainEventPtr> upTo;
            for (const es::DomainEventPtr &e : byId.at(stored.originatorId))
                if (e->originatorVersion <= stored.originatorVersion)
                    upTo.push_back(e);
            auto account = es::aggregate_cast<BankAccount>(es::project(nullptr, upTo));
            auto taken = es::Snapshot::take(*account);
            taken->timestamp = snapshot->timestamp;
            const es::StoredEvent written = mapper.fromDomainEvent(*taken);
            QVERIFY2(written.state == stored.state, (stored.state + "\n  written as\n" + written.state).constData());
            QCOMPARE(written.topic, QStringLiteral("eventsourcing.domain:Snapshot"));
            QCOMPARE(written.originatorVersion, stored.originatorVersion);
        }
    }

    void worldsAndCounters()
    {
        ES_REQUIRE_FIXTURES();
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());

        // Worlds: each one's history is what happened to it, in order.
        const std::vector<es::json::Value> worldRecords = readJsonl(QStringLiteral("worlds-counters.worldsapplication_events.jsonl"));
        int reencoded = 0;
        const EventsById worlds = decodeNotifications(mapper, worldRecords, &reencoded);
        QCOMPARE(reencoded, int(worldRecords.size()));
        QCOMPARE(worlds.size(), size_t(5));
        std::map<QString, int> happenings;
        int total = 0;
        for (const auto &w : worlds) {
            auto world = es::aggregate_cast<World>(es::project(nullptr, w.second));
            QCOMPARE(world->version(), qint64(w.second.size()));
            QCOMPARE(world->history.size(), qsizetype(w.second.size()) - 1);
            for (size_t i = 1; i < w.second.size(); ++i)
                QCOMPARE(world->history.at(qsizetype(i) - 1), dynamic_cast<const World::SomethingHappened &>(*w.second[i]).what);
            for (const QString &what : world->history)
                ++happenings[what];
            total += int(world->history.size());
        }
        QCOMPARE(total, 60);

        // Counters: one per name, id uuid5(NAMESPACE_URL, "/counters/<name>"), counting each happening.
        const std::vector<es::json::Value> counterRecords = readJsonl(QStringLiteral("worlds-counters.counters_events.jsonl"));
        reencoded = 0;
        const EventsById counters = decodeNotifications(mapper, counterRecords, &reencoded);
        QCOMPARE(reencoded, int(counterRecords.size()));
        const es::json::Value counts = parseJson(es::test::readFile(es::test::fixture(QStringLiteral("worlds-counters.counts.json"))));
        QCOMPARE(counters.size(), counts.size());
        for (const auto &m : counts.members()) {
            const QString name = QString::fromStdString(m.first);
            const auto it = counters.find(Counter::createId(name));
            QVERIFY2(it != counters.end(), m.first.c_str());
            auto counter = es::aggregate_cast<Counter>(es::project(nullptr, it->second));
            QCOMPARE(counter->id(), es::uuid::v5url(QStringLiteral("/counters/") + name));
            QCOMPARE(counter->count, int(m.second.toInteger()));
            QCOMPARE(counter->count, happenings[name]);
            QCOMPARE(counter->version(), qint64(counter->count) + 1);
            // A counter made here for the same name is the same aggregate.
            auto fresh = Counter::create(name);
            QCOMPARE(fresh->id(), counter->id());
        }
    }
};

QTEST_GUILESS_MAIN(TestFixtureReplay)
#include "tst_fixturereplay.moc"
