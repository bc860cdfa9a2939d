// The bank accounts example against the stores Python's eventsourcing 9.1.6 wrote with its own
// bank accounts example (bankaccounts.sqlite, bankaccounts.zlib-aes.sqlite):
// - reading: the C++ BankAccounts application, configured as Python's was, rebuilds every account
//   (from snapshots and from events alone) with the same name, e-mail, balance (same digits),
//   overdraft limit, closed flag and version; every record re-encodes to the bytes Python stored;
//   the C++ application can carry on writing to the Python store;
// - writing: a store written by the C++ application, decoded generically, has for each topic the
//   same keys in the same order and the same "_type_" names as Python's records of that topic, and
//   is stored the same way (plain, or zlib + AES).
#include "bankaccounts/application.h"
#include "examplestores.h"
#include "referencestore.h"

#include "es/cipher.h"

#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <map>

using bankaccounts::BankAccount;
using bankaccounts::BankAccounts;

namespace {

es::json::Value parseJson(const QByteArray &text)
{
    return es::json::Value::parse(std::string_view(text.constData(), static_cast<size_t>(text.size())));
}

struct Store
{
    QString name; // "bankaccounts" or "bankaccounts.zlib-aes"
    QString key; // CIPHER_KEY, empty when plain
};

Store currentStore()
{
    QFETCH(QString, store);
    Store s;
    s.name = store;
    if (store.contains(QLatin1String("zlib-aes")))
        s.key = es::test::referenceKey(store + QStringLiteral(".key"));
    return s;
}

// The environment Python's application had, on an SQLite file.
es::EnvMap pythonLikeEnv(const Store &s, const QString &path, bool snapshotting = true)
{
    es::EnvMap env {
        {QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory")},
        {QStringLiteral("SQLITE_DBNAME"), path},
        {QStringLiteral("IS_SNAPSHOTTING_ENABLED"),
         snapshotting ? QStringLiteral("yes") : QStringLiteral("no")}};
    if (!s.key.isEmpty()) {
        env.insert(QStringLiteral("COMPRESSOR_TOPIC"),
                   QStringLiteral("eventsourcing.compressor:ZlibCompressor"));
        env.insert(QStringLiteral("CIPHER_TOPIC"), QStringLiteral("eventsourcing.cipher:AESCipher"));
        env.insert(QStringLiteral("CIPHER_KEY"), s.key);
    }
    return env;
}

std::map<QUuid, qint64> snapshotVersions(const QString &store)
{
    std::map<QUuid, qint64> out;
    for (const QByteArray &line : es::test::readJsonLines(store + QStringLiteral(".snapshots.jsonl"))) {
        const es::json::Value r = parseJson(line);
        const QUuid id = es::uuid::fromString(r.find("originator_id")->toQString());
        out[id] = std::max(out[id], qint64(r.find("originator_version")->toInteger()));
    }
    return out;
}

void addStores()
{
    QTest::addColumn<QString>("store");
    QTest::newRow("plain") << QStringLiteral("bankaccounts");
    QTest::newRow("zlib-aes") << QStringLiteral("bankaccounts.zlib-aes");
}

} // namespace

class TestBankAccountsCompat : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // A writable copy of a reference store in a folder of its own.
    QString copyStore(const QString &store, const QString &purpose)
    {
        const QString dir = m_dir.filePath(store + QLatin1Char('-') + purpose);
        if (!QDir().mkpath(dir))
            return {};
        return es::test::copyFixture(store + QStringLiteral(".sqlite"), dir);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void everyAccountRebuilt_data() { addStores(); }
    void everyAccountRebuilt()
    {
        ES_REQUIRE_FIXTURES();
        const Store s = currentStore();
        const QString copy = copyStore(s.name, QStringLiteral("read"));
        QVERIFY2(!copy.isEmpty(), "cannot copy the reference store");
        const es::json::Value accounts
            = parseJson(es::test::readFile(es::test::fixture(s.name + QStringLiteral(".accounts.json"))));
        QVERIFY(accounts.size() >= 8);
        const std::map<QUuid, qint64> snapshots = snapshotVersions(s.name);
        QVERIFY(!snapshots.empty());

        for (const bool snapshotting : {true, false}) {
            auto app = es::makeApplication<BankAccounts>(pythonLikeEnv(s, copy, snapshotting));
            QCOMPARE(app->isSnapshottingEnabled(), snapshotting);
            int closed = 0, fromSnapshot = 0;
            for (const auto &m : accounts.members()) {
                const QUuid id = es::uuid::fromString(std::string_view(m.first));
                const es::json::Value &expected = m.second;
                const QByteArray where
                    = QByteArray::fromStdString(m.first) + (snapshotting ? " (snapshots)" : " (events)");
                auto account = app->getAccount(id);
                const qint64 read = es::Repository::lastReadCount();
                QVERIFY2(account->fullName() == expected.find("full_name")->toQString(), where.constData());
                QVERIFY2(account->emailAddress() == expected.find("email_address")->toQString(),
                         where.constData());
                QVERIFY2(account->balance().toString() == expected.find("balance")->toQString(),
                         (where + ": balance " + account->balance().toString().toUtf8() + ", Python "
                          + expected.find("balance")->toQString().toUtf8())
                             .constData());
                QVERIFY2(app->getBalance(id).toString() == expected.find("balance")->toQString(),
                         where.constData());
                QVERIFY2(account->overdraftLimit().toString()
                             == expected.find("overdraft_limit")->toQString(),
                         where.constData());
                QVERIFY2(app->getOverdraftLimit(id).toString()
                             == expected.find("overdraft_limit")->toQString(),
                         where.constData());
                QVERIFY2(account->isClosed() == expected.find("is_closed")->toBool(), where.constData());
                QVERIFY2(account->version() == expected.find("version")->toInteger(), where.constData());
                closed += account->isClosed() ? 1 : 0;
                // From the latest snapshot and the events after it, or from every event.
                const auto snap = snapshots.find(id);
                if (snapshotting && snap != snapshots.end()) {
                    QCOMPARE(read, 1 + account->version() - snap->second);
                    ++fromSnapshot;
                } else {
                    QCOMPARE(read, account->version());
                }
            }
            QCOMPARE(fromSnapshot, snapshotting ? int(snapshots.size()) : 0);
            if (s.name == QLatin1String("bankaccounts"))
                QCOMPARE(closed, 3);
        }
    }

    void snapshotsEqualReplayedEvents_data() { addStores(); }
    void snapshotsEqualReplayedEvents()
    {
        // Every Python snapshot is the account the events up to its version rebuild: taken again at
        // Python's time, the same plaintext bytes (ciphertexts differ by their random nonces).
        ES_REQUIRE_FIXTURES();
        const Store s = currentStore();
        const QString copy = copyStore(s.name, QStringLiteral("snap"));
        QVERIFY(!copy.isEmpty());
        auto eventsOnly = es::makeApplication<BankAccounts>(pythonLikeEnv(s, copy, false));
        const es::Mapper &mapper = eventsOnly->mapper();
        QString error;
        const std::vector<es::test::ReferenceRow> rows = es::test::readReferenceRows(
            s.name + QStringLiteral(".sqlite"), QStringLiteral("stored_snapshots"), &error);
        QVERIFY2(!rows.empty(), qPrintable(error));
        QCOMPARE(rows.size(), snapshotVersions(s.name).size());
        for (const es::test::ReferenceRow &row : rows) {
            const QUuid id = es::uuid::fromString(row.originatorId);
            es::StoredEvent stored;
            stored.originatorId = id;
            stored.originatorVersion = row.originatorVersion;
            stored.topic = row.topic;
            stored.state = row.state;
            const auto snapshot = std::dynamic_pointer_cast<const es::Snapshot>(mapper.toDomainEvent(stored));
            QVERIFY(snapshot);
            auto fromSnapshot = es::aggregate_cast<BankAccount>(snapshot->mutate(nullptr));
            auto fromEvents = eventsOnly->repository().get<BankAccount>(id, row.originatorVersion);
            QCOMPARE(es::Repository::lastReadCount(), row.originatorVersion);
            QVERIFY(*fromSnapshot == *fromEvents);
            QCOMPARE(fromSnapshot->balance().toString(), fromEvents->balance().toString());

            auto again = es::Snapshot::take(*fromEvents);
            again->timestamp = snapshot->timestamp;
            const es::StoredEvent written = mapper.fromDomainEvent(*again);
            const QByteArray ours = mapper.unprotect(written.state);
            const QByteArray python = mapper.unprotect(row.state);
            QVERIFY2(ours == python, (python + "\n  written as\n" + ours).constData());
        }
    }

    void recordsReencodeToPythonBytes()
    {
        // Each event Python stored, decoded into the example's model and written again: the same bytes.
        ES_REQUIRE_FIXTURES();
        QString error;
        const std::vector<es::test::ReferenceRow> rows = es::test::readReferenceRows(
            QStringLiteral("bankaccounts.sqlite"), QStringLiteral("stored_events"), &error);
        QVERIFY2(rows.size() >= 100, qPrintable(error));
        auto app = es::makeApplication<BankAccounts>(
            es::EnvMap {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("popo")}});
        std::map<QString, int> byTopic;
        for (const es::test::ReferenceRow &row : rows) {
            es::StoredEvent stored;
            stored.originatorId = es::uuid::fromString(row.originatorId);
            stored.originatorVersion = row.originatorVersion;
            stored.topic = row.topic;
            stored.state = row.state;
            const es::DomainEventPtr event = app->mapper().toDomainEvent(stored);
            QVERIFY(event->eventClass().type != nullptr);
            const es::StoredEvent written = app->mapper().fromDomainEvent(*event);
            QVERIFY2(written.state == row.state,
                     (row.state + "\n  written as\n" + written.state).constData());
            QCOMPARE(written.topic, row.topic);
            ++byTopic[row.topic];
        }
        // Every event class of the model occurs in the reference store.
        QCOMPARE(byTopic.size(), size_t(5));
        QVERIFY(byTopic.count(QString::fromUtf8(BankAccount::OverdraftLimitSet::TOPIC)));
        QVERIFY(byTopic.count(QString::fromUtf8(BankAccount::Closed::TOPIC)));
    }

    void carryOnWritingToPythonStore_data() { addStores(); }
    void carryOnWritingToPythonStore()
    {
        // The C++ application adds to a Python-written store; what it adds is stored as Python's
        // records are, and the accounts move on from where Python left them.
        ES_REQUIRE_FIXTURES();
        const Store s = currentStore();
        const QString copy = copyStore(s.name, QStringLiteral("write"));
        QVERIFY(!copy.isEmpty());
        const es::json::Value accounts
            = parseJson(es::test::readFile(es::test::fixture(s.name + QStringLiteral(".accounts.json"))));
        QUuid open1, open2;
        es::Decimal balance1, balance2;
        qint64 version1 = 0;
        for (const auto &m : accounts.members()) {
            if (m.second.find("is_closed")->toBool())
                continue;
            if (open1.isNull()) {
                open1 = es::uuid::fromString(std::string_view(m.first));
                balance1 = es::Decimal::fromString(m.second.find("balance")->toQString());
                version1 = m.second.find("version")->toInteger();
            } else if (open2.isNull()) {
                open2 = es::uuid::fromString(std::string_view(m.first));
                balance2 = es::Decimal::fromString(m.second.find("balance")->toQString());
            }
        }
        QVERIFY(!open2.isNull());
        qint64 before = 0;
        {
            auto app = es::makeApplication<BankAccounts>(pythonLikeEnv(s, copy));
            before = app->recorder().maxNotificationId();
            app->depositFunds(open1, es::Decimal::fromString("10.05"));
            app->transferFunds(open1, open2, es::Decimal::fromString("0.05"));
            app->takeSnapshot(open1);
        }
        auto app = es::makeApplication<BankAccounts>(pythonLikeEnv(s, copy));
        QCOMPARE(app->recorder().maxNotificationId(), before + 3);
        QCOMPARE(app->getBalance(open1).toString(), (balance1 + es::Decimal::fromString("10.00")).toString());
        QCOMPARE(es::Repository::lastReadCount(), qint64(1)); // the new snapshot
        QCOMPARE(app->getAccount(open1)->version(), version1 + 2);
        QCOMPARE(app->getBalance(open2).toString(), (balance2 + es::Decimal::fromString("0.05")).toString());

        QString error;
        const std::vector<es::test::examples::StoreRow> rows
            = es::test::examples::readStoreRows(copy, &error);
        QVERIFY2(!rows.empty(), qPrintable(error));
        std::shared_ptr<es::Cipher> cipher;
        if (!s.key.isEmpty())
            cipher = std::make_shared<es::AESCipher>(s.key);
        // Python's rows and ours are stored alike.
        const std::set<QString> kinds = es::test::examples::storages(rows, cipher.get());
        QCOMPARE(kinds.size(), size_t(1));
        QCOMPARE(*kinds.begin(),
                 s.key.isEmpty() ? QStringLiteral("plain") : QStringLiteral("encrypted+zlib"));
    }

    void writtenStoreHasPythonShapes_data() { addStores(); }
    void writtenStoreHasPythonShapes()
    {
        ES_REQUIRE_FIXTURES();
        const Store s = currentStore();
        std::shared_ptr<es::Cipher> cipher;
        if (!s.key.isEmpty())
            cipher = std::make_shared<es::AESCipher>(s.key);

        // Python's records, by topic, from both reference stores (the same Python application wrote
        // them; the encrypted one happens to have no closed account), each read with its own key.
        QString error;
        QStringList errors;
        std::map<QString, std::set<std::string>> python;
        std::vector<es::test::examples::StoreRow> pythonRows; // of this data row's store
        for (const QString &reference :
             {QStringLiteral("bankaccounts"), QStringLiteral("bankaccounts.zlib-aes")}) {
            std::shared_ptr<es::Cipher> referenceCipher;
            if (reference.contains(QLatin1String("zlib-aes")))
                referenceCipher = std::make_shared<es::AESCipher>(
                    es::test::referenceKey(reference + QStringLiteral(".key")));
            std::vector<es::test::examples::StoreRow> referenceRows;
            for (const char *table : {"stored_events", "stored_snapshots"}) {
                const auto rows = es::test::readReferenceRows(reference + QStringLiteral(".sqlite"),
                                                              QLatin1String(table), &error);
                QVERIFY2(!rows.empty(), qPrintable(error));
                for (const es::test::ReferenceRow &r : rows)
                    referenceRows.push_back({QLatin1String(table), r.originatorVersion, r.topic, r.state});
            }
            for (const auto &[topic, shapes] :
                 es::test::examples::shapesByTopic(referenceRows, referenceCipher.get(), &errors))
                python[topic].insert(shapes.begin(), shapes.end());
            if (reference == s.name)
                pythonRows = referenceRows;
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(python.size(), size_t(6)); // five event classes and the snapshots
        // One shape per topic: Python's records of a topic all have the same keys and types.
        for (const auto &[topic, shapes] : python)
            QVERIFY2(shapes.size() == 1, qPrintable(topic));

        // A store written by the C++ application with every kind of record.
        const QString path = m_dir.filePath(s.name + QStringLiteral("-cpp.sqlite"));
        {
            auto app = es::makeApplication<BankAccounts>(pythonLikeEnv(s, path));
            const QUuid a = app->openAccount(QStringLiteral("Alice"), QStringLiteral("alice@example.com"));
            const QUuid b = app->openAccount(QStringLiteral("Bob"), QStringLiteral("bob@example.com"));
            app->depositFunds(a, es::Decimal::fromString("415.8"));
            app->setOverdraftLimit(b, es::Decimal(215));
            app->transferFunds(a, b, es::Decimal::fromString("100.00"));
            app->withdrawFunds(b, es::Decimal::fromString("300.00"));
            app->takeSnapshot(a);
            app->closeAccount(b);
            app->takeSnapshot(b);
        }
        const std::vector<es::test::examples::StoreRow> rows
            = es::test::examples::readStoreRows(path, &error);
        QVERIFY2(rows.size() == 10, qPrintable(error + QStringLiteral(" rows: %1").arg(rows.size())));
        const auto ours = es::test::examples::shapesByTopic(rows, cipher.get(), &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));

        // Same topics, and each of our records has a shape Python's records of its topic have.
        QCOMPARE(ours.size(), python.size());
        for (const auto &[topic, shapes] : ours) {
            const auto p = python.find(topic);
            QVERIFY2(p != python.end(), qPrintable(QStringLiteral("topic Python never wrote: ") + topic));
            for (const std::string &shape : shapes)
                QVERIFY2(p->second.count(shape),
                         qPrintable(QStringLiteral("%1\n  ours:   %2\n  Python: %3")
                                        .arg(topic, QString::fromStdString(shape),
                                             QString::fromStdString(*p->second.begin()))));
        }
        // Stored alike: plain, or compressed and encrypted.
        const std::set<QString> kinds = es::test::examples::storages(rows, cipher.get());
        QCOMPARE(kinds, es::test::examples::storages(pythonRows, cipher.get()));
    }
};

QTEST_GUILESS_MAIN(TestBankAccountsCompat)
#include "tst_bankaccounts_compat.moc"
