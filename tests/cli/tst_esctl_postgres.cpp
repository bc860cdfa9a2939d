// esctl on PostgreSQL: the Python-written worlds/counters dump loaded into a scratch database; each
// application's export equals its reference jsonl, tracking shows the reference position with lag 0,
// verify is clean, and each counter rebuilt with `get` has the count Python's system counted.
#include "esctlrunner.h"
#include "fixtures.h"
#include "postgres.h"

#include "es/json.h"
#include "es/uuid.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

using clitest::esctl;
using clitest::Run;

namespace {

QByteArrayList fixtureLines(const QString &name)
{
    QByteArray text = es::test::readFile(es::test::fixture(name));
    if (text.endsWith('\n'))
        text.chop(1);
    return text.split('\n');
}

es::json::Value parse(const QByteArray &text)
{
    return es::json::Value::parse(std::string_view(text.constData(), static_cast<size_t>(text.size())));
}

QByteArray describe(const Run &r)
{
    return "exit " + QByteArray::number(r.exitCode) + "; stderr: " + r.err.left(600)
        + "; stdout: " + r.out.left(300);
}

} // namespace

class TestEsctlPostgres : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<es::test::ScratchDatabase> m_db;
    QString m_url;
    QProcessEnvironment m_env;

private slots:
    void initTestCase()
    {
        ES_REQUIRE_FIXTURES();
        ES_REQUIRE_POSTGRES();
        m_db = std::make_unique<es::test::ScratchDatabase>(QStringLiteral("es_esctl"));
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QString error;
        QVERIFY2(m_db->loadDump(es::test::fixture(QStringLiteral("worlds-counters.postgres.sql")), &error),
                 qPrintable(error));
        const auto &p = m_db->params();
        m_url = es::test::postgresUrl(
            p, QString()); // the password comes from PGPASSWORD, as libpq's tools take it
        m_env = clitest::cleanEnvironment();
        m_env.insert(QStringLiteral("PGPASSWORD"), p.password);
    }

    void cleanupTestCase() { m_db.reset(); }

    void exports_data()
    {
        QTest::addColumn<QString>("app");
        QTest::addColumn<QString>("jsonl");
        QTest::addRow("worldsapplication")
            << QStringLiteral("worldsapplication")
            << QStringLiteral("worlds-counters.worldsapplication_events.jsonl");
        QTest::addRow("counters") << QStringLiteral("counters")
                                  << QStringLiteral("worlds-counters.counters_events.jsonl");
    }

    void exports()
    {
        QFETCH(QString, app);
        QFETCH(QString, jsonl);
        const Run r = esctl(
            {QStringLiteral("--url"), m_url, QStringLiteral("--app"), app, QStringLiteral("export")}, m_env);
        QVERIFY2(r.exitCode == 0 && r.err.isEmpty(), describe(r).constData());
        const QByteArrayList lines = r.lines();
        const QByteArrayList expected = fixtureLines(jsonl);
        QCOMPARE(lines.size(), expected.size());
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QCOMPARE(parse(lines[i]), parse(expected[i]));
            QCOMPARE(lines[i], expected[i]);
        }
    }

    void trackingLagZero()
    {
        const QJsonArray tracked
            = QJsonDocument::fromJson(es::test::readFile(es::test::fixture(
                                          QStringLiteral("worlds-counters.counters_tracking.json"))))
                  .array();
        qint64 position = 0;
        QString upstream;
        for (const auto &row : tracked) {
            upstream = row.toArray().at(0).toString();
            position = std::max<qint64>(position, row.toArray().at(1).toInteger());
        }
        Run r = esctl({QStringLiteral("--url"), m_url, QStringLiteral("--app"), QStringLiteral("counters"),
                       QStringLiteral("--json"), QStringLiteral("tracking"), QStringLiteral("--counts")},
                      m_env);
        QVERIFY2(r.exitCode == 0, describe(r).constData());
        const es::json::Value v = parse(r.out.trimmed());
        QCOMPARE(v.size(), size_t(1));
        const es::json::Value &t = v.array().front();
        QCOMPARE(t.find("upstream")->toQString(), upstream);
        QCOMPARE(t.find("position")->toInteger(), position);
        QCOMPARE(t.find("records")->toInteger(), qint64(tracked.size()));
        QCOMPARE(t.find("upstream_application")->toQString(), QStringLiteral("worldsapplication"));
        QCOMPARE(t.find("lag")->toInteger(), 0);

        r = esctl({QStringLiteral("--url"), m_url, QStringLiteral("--app"), QStringLiteral("counters"),
                   QStringLiteral("tracking")},
                  m_env);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.lines().size(), 2);
        QVERIFY2(r.lines()[1].simplified() == QByteArray("counters WorldsApplication 65 65 0 -"),
                 r.out.constData());
    }

    void verifyAndRebuild()
    {
        Run r = esctl({QStringLiteral("--url"), m_url, QStringLiteral("--json"), QStringLiteral("verify"),
                       QStringLiteral("--strict")},
                      m_env);
        QVERIFY2(r.exitCode == 0, describe(r).constData());
        QVERIFY(parse(r.out.trimmed()).find("clean")->toBool());
        QCOMPARE(parse(r.out.trimmed()).find("reports")->size(), size_t(2));

        const QJsonObject counts
            = QJsonDocument::fromJson(
                  es::test::readFile(es::test::fixture(QStringLiteral("worlds-counters.counts.json"))))
                  .object();
        for (auto it = counts.begin(); it != counts.end(); ++it) {
            const QString id = es::uuid::toDashed(es::uuid::v5url(QStringLiteral("/counters/") + it.key()));
            r = esctl({QStringLiteral("--url"), m_url, QStringLiteral("--app"), QStringLiteral("counters"),
                       QStringLiteral("--json"), QStringLiteral("get"), id},
                      m_env);
            QVERIFY2(r.exitCode == 0, describe(r).constData());
            QCOMPARE(parse(r.out.trimmed()).find("state")->find("count")->toInteger(),
                     it.value().toInteger());
        }
    }

    void sslmodeReachesLibpq()
    {
        // The test server has no SSL: sslmode=require in the URL must make the connection fail,
        // saying so, while sslmode=disable connects.
        const auto &p = m_db->params();
        const Run ok = esctl({QStringLiteral("--url"), m_url + QStringLiteral("?sslmode=disable"),
                              QStringLiteral("--json"), QStringLiteral("apps")},
                             m_env);
        QVERIFY2(ok.exitCode == 0 && parse(ok.out.trimmed()).size() == 2, describe(ok).constData());
        const Run r = esctl(
            {QStringLiteral("--url"), m_url + QStringLiteral("?sslmode=require"), QStringLiteral("apps")},
            m_env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.err.startsWith("esctl: error: ") && r.err.contains("SSL"), describe(r).constData());
        QVERIFY2(r.err.contains(QStringLiteral("%1:%2").arg(p.host).arg(p.port).toUtf8()),
                 describe(r).constData());
        QVERIFY2(r.err.contains("SSL was required"), describe(r).constData());
    }

    void passwordFromPgpass()
    {
        // No password in the URL or the environment: esctl finds it in $HOME/.pgpass (mode 0600).
        const auto &p = m_db->params();
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QFile pgpass(home.filePath(QStringLiteral(".pgpass")));
        QVERIFY(pgpass.open(QIODevice::WriteOnly | QIODevice::Text));
        pgpass.write(QStringLiteral("otherhost:*:*:*:wrong\n%1:%2:%3:%4:%5\n")
                         .arg(p.host)
                         .arg(p.port)
                         .arg(p.dbname, p.user,
                              QString(p.password)
                                  .replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
                                  .replace(QLatin1Char(':'), QStringLiteral("\\:")))
                         .toUtf8());
        pgpass.close();
        QVERIFY(pgpass.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QProcessEnvironment env = clitest::cleanEnvironment();
        env.remove(QStringLiteral("PGPASSFILE"));
        env.insert(QStringLiteral("HOME"), home.path());
        Run r = esctl({QStringLiteral("--url"), m_url, QStringLiteral("--app"), QStringLiteral("counters"),
                       QStringLiteral("--json"), QStringLiteral("log"), QStringLiteral("--limit"),
                       QStringLiteral("3")},
                      env);
        QVERIFY2(r.exitCode == 0, describe(r).constData());
        QCOMPARE(parse(r.out.trimmed()).find("rows")->size(), size_t(3));

        // The same file with another password for this server: authentication fails, naming the file.
        QVERIFY(pgpass.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text));
        pgpass.write(QStringLiteral("*:*:*:%1:not-the-password\n").arg(p.user).toUtf8());
        pgpass.close();
        r = esctl({QStringLiteral("--url"), m_url, QStringLiteral("apps")}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("esctl: error: PostgreSQL: authentication failed")
                     && r.err.contains(".pgpass"),
                 describe(r).constData());
    }

    void connectionErrors()
    {
        QProcessEnvironment noPassword = clitest::cleanEnvironment();
        noPassword.insert(QStringLiteral("HOME"), QStringLiteral("/nonexistent")); // no ~/.pgpass
        const Run r = esctl({QStringLiteral("--url"), m_url, QStringLiteral("apps")}, noPassword);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.err.startsWith("esctl: error: PostgreSQL: authentication failed"),
                 describe(r).constData());
    }
};

QTEST_GUILESS_MAIN(TestEsctlPostgres)
#include "tst_esctl_postgres.moc"
