// The demo writer (issue 7): every example application written to a directory of SQLite files (one
// per application) and to PostgreSQL; deterministic for a seed; encrypted bank accounts with a key;
// never writes into an existing store; the result opens in the inspect API as one system and
// verifies clean.
#include "demo/demo.h"
#include "postgres.h"

#include "es/cipher.h"
#include "es/inspect/decoding.h"
#include "es/inspect/pagers.h"
#include "es/inspect/store.h"
#include "es/inspect/verifier.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QStringList AllApps {QStringLiteral("BankAccounts"),     QStringLiteral("BookingApplication"),
                           QStringLiteral("Counters"),         QStringLiteral("Invoices"),
                           QStringLiteral("ParkingLot"),       QStringLiteral("WikiApplication"),
                           QStringLiteral("WorldsApplication")};

// Every notification of every application: (app, id, originator, version, topic, state bytes).
QStringList dump(const QString &url)
{
    QStringList out;
    const auto store = es::inspect::Store::open(url);
    for (const auto &app : store->applications()) {
        const auto recorder = store->recorder(app.name);
        for (const auto &n : recorder->selectNotifications(1, 1000000))
            out << QStringLiteral("%1 %2 %3 %4 %5 %6")
                       .arg(app.name)
                       .arg(n.id)
                       .arg(n.originatorId.toString())
                       .arg(n.originatorVersion)
                       .arg(n.topic, QString::fromLatin1(n.state.toBase64()));
    }
    return out;
}

} // namespace

class TestDemo : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { demo::registerTypes(); }
    void allToSqliteDirectory()
    {
        QTemporaryDir dir;
        demo::Options o;
        o.examples = {QStringLiteral("all")};
        o.url = dir.filePath(QStringLiteral("demo"));
        o.seed = 7;
        QStringList steps;
        const demo::Report report = demo::write(o, [&](const QString &s) { steps << s; });
        QCOMPARE(steps.size(), demo::exampleNames().size());
        QStringList apps = report.applications;
        apps.sort();
        QCOMPARE(apps, AllApps);
        QVERIFY(report.events > 500);
        // One file per application, named as a Python system on SQLite names them.
        for (const QString &app : AllApps)
            QVERIFY2(QFileInfo::exists(o.url + QLatin1Char('/') + app.toLower() + QStringLiteral(".sqlite")),
                     qPrintable(app));

        // The inspect API opens the directory as one system, and every application verifies clean.
        const auto store = es::inspect::Store::open(o.url);
        QCOMPARE(int(store->applications().size()), AllApps.size());
        for (const auto &app : store->applications()) {
            const auto source = es::inspect::Source::make(store, app.name, es::inspect::DecodingSettings());
            const es::inspect::VerifyReport r = es::inspect::verify(source);
            QVERIFY2(
                r.clean(),
                qPrintable(app.name + QStringLiteral(": ") + QString::fromStdString(r.toJson().toJson())));
            QVERIFY(r.events > 0);
        }
        // Counters followed WorldsApplication to its end: tracking lag 0.
        const auto counters
            = es::inspect::Source::make(store, QStringLiteral("Counters"), es::inspect::DecodingSettings());
        const auto positions = es::inspect::trackingPositions(counters);
        QCOMPARE(positions.size(), size_t(1));
        QVERIFY(positions[0].lag.has_value());
        QCOMPARE(*positions[0].lag, 0);
        // Snapshots were taken where the demo says it takes them.
        QVERIFY(store->application(QStringLiteral("BankAccounts")).hasSnapshots());
        QVERIFY(store->application(QStringLiteral("Invoices")).hasSnapshots());
    }

    void deterministicForASeed()
    {
        QTemporaryDir dir;
        demo::Options o;
        o.examples = {QStringLiteral("bankaccounts"), QStringLiteral("wiki"), QStringLiteral("worlds"),
                      QStringLiteral("cargoshipping")};
        o.seed = 42;
        o.url = dir.filePath(QStringLiteral("a"));
        demo::write(o);
        o.url = dir.filePath(QStringLiteral("b"));
        demo::write(o);
        o.seed = 43;
        o.url = dir.filePath(QStringLiteral("c"));
        demo::write(o);
        const QStringList a = dump(dir.filePath(QStringLiteral("a")));
        QVERIFY(a.size() > 100);
        QCOMPARE(dump(dir.filePath(QStringLiteral("b"))), a);
        QVERIFY(dump(dir.filePath(QStringLiteral("c"))) != a);
    }

    void keyEncryptsBankAccounts()
    {
        try {
            keyEncryptsBankAccountsBody();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }

private:
    void keyEncryptsBankAccountsBody()
    {
        QTemporaryDir dir;
        demo::Options o;
        o.examples = {QStringLiteral("bankaccounts"), QStringLiteral("invoice")};
        o.url = dir.path();
        o.key = es::AESCipher::createKey(32);
        demo::write(o);
        const auto store = es::inspect::Store::open(o.url);
        es::inspect::DecodingSettings withKey;
        withKey.keysFromEnvironment = false;
        withKey.applicationKeys.insert(QStringLiteral("BankAccounts"), o.key);
        const auto bank = es::inspect::Source::make(store, QStringLiteral("BankAccounts"), withKey);
        es::inspect::LogQuery q;
        q.limit = 50;
        const auto page = es::inspect::LogPager(bank).page(q);
        QCOMPARE(page.rows.size(), size_t(50));
        for (const auto &r : page.rows) {
            QCOMPARE(r.decoded.storage(), QStringLiteral("encrypted+zlib"));
            QVERIFY(r.decoded.ok());
        }
        es::inspect::DecodingSettings noKey;
        noKey.keysFromEnvironment = false;
        const auto locked = es::inspect::Source::make(store, QStringLiteral("BankAccounts"), noKey);
        for (const auto &r : es::inspect::LogPager(locked).page(q).rows)
            QCOMPARE(r.decoded.problem, es::DecodedState::Problem::NeedsKey);
        // Only the bank accounts are encrypted.
        const auto invoices = es::inspect::Source::make(store, QStringLiteral("Invoices"), noKey);
        for (const auto &r : es::inspect::LogPager(invoices).page(q).rows)
            QCOMPARE(r.decoded.storage(), QStringLiteral("plain"));
    }

private slots:
    // As the Python wiki example stores it (COMPRESSOR_TOPIC=gzip): every event and snapshot of the
    // demo's wiki is gzip-compressed, not zlib, and the other applications are not compressed.
    void wikiStoredGzipCompressed()
    {
        QTemporaryDir dir;
        demo::Options o;
        o.examples = {QStringLiteral("wiki"), QStringLiteral("invoice")};
        o.url = dir.path();
        o.size = 2;
        demo::write(o);
        const auto store = es::inspect::Store::open(o.url);
        es::inspect::DecodingSettings settings;
        settings.keysFromEnvironment = false;
        const auto wiki = es::inspect::Source::make(store, QStringLiteral("WikiApplication"), settings);
        es::inspect::LogQuery q;
        q.limit = 1000;
        const auto events = es::inspect::LogPager(wiki).page(q);
        QVERIFY(events.atEnd);
        QVERIFY(events.rows.size() > 20);
        for (const auto &r : events.rows) {
            QVERIFY2(r.decoded.ok(), qPrintable(r.decoded.error));
            QCOMPARE(r.decoded.storage(), QStringLiteral("gzip"));
        }
        es::inspect::SnapshotQuery sq;
        sq.limit = 1000;
        const auto snapshots = es::inspect::SnapshotPager(wiki).page(sq);
        QVERIFY(!snapshots.rows.empty()); // pages are snapshotted every 5 versions
        for (const auto &r : snapshots.rows) {
            QVERIFY2(r.decoded.ok(), qPrintable(r.decoded.error));
            QCOMPARE(r.decoded.storage(), QStringLiteral("gzip"));
        }
        const auto invoices = es::inspect::Source::make(store, QStringLiteral("Invoices"), settings);
        for (const auto &r : es::inspect::LogPager(invoices).page(q).rows)
            QCOMPARE(r.decoded.storage(), QStringLiteral("plain"));
    }

    void neverWritesIntoExistingStores()
    {
        QTemporaryDir dir;
        demo::Options o;
        o.examples = {QStringLiteral("invoice")};
        o.url = dir.path();
        demo::write(o);
        const QStringList before = dump(dir.path());
        QVERIFY_THROWS_EXCEPTION(es::ValueError, demo::write(o));
        QCOMPARE(dump(dir.path()), before);
        o.examples = {QStringLiteral("nosuch")};
        QVERIFY_THROWS_EXCEPTION(es::ValueError, demo::write(o));
        o.examples = {QStringLiteral("wiki")};
        o.key = QStringLiteral("not a key");
        QVERIFY_THROWS_EXCEPTION(es::EventSourcingError, demo::write(o));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("wikiapplication.sqlite"))));
    }

    void allToPostgres()
    {
        ES_REQUIRE_POSTGRES();
        es::test::ScratchDatabase db(QStringLiteral("es_demo"));
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        const auto &p = db.params();
        demo::Options o;
        o.examples = {QStringLiteral("all")};
        o.url = QStringLiteral("postgresql://%1:%2@%3:%4/%5")
                    .arg(p.user, p.password, p.host)
                    .arg(p.port)
                    .arg(p.dbname);
        demo::write(o);
        const auto store = es::inspect::Store::open(o.url);
        QStringList names;
        for (const auto &app : store->applications())
            names << app.name;
        QStringList expected;
        for (const QString &a : AllApps)
            expected << a.toLower();
        expected.sort();
        names.sort();
        QCOMPARE(names, expected);
        QVERIFY(store->application(QStringLiteral("counters")).hasTracking());
        QVERIFY_THROWS_EXCEPTION(es::ValueError, demo::write(o));
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
