// The test harness (tests/support/with-postgres.sh) leaves nothing behind: after the command ends,
// fails, or is interrupted (SIGINT to the whole job, as Ctrl-C sends it; SIGTERM to the script), no
// PostgreSQL process and no data directory of its cluster remain.
#include "fixtures.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>
#include <csignal>

namespace {

// Processes whose command line mentions `dataDir` (a postmaster runs with -D <dataDir>).
int processesUsing(const QString &dataDir)
{
    int n = 0;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &pid : pids) {
        bool numeric = false;
        pid.toInt(&numeric);
        if (!numeric)
            continue;
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (!cmdline.open(QIODevice::ReadOnly))
            continue;
        QFile status(QStringLiteral("/proc/%1/status").arg(pid));
        if (status.open(QIODevice::ReadOnly) && status.readAll().contains("State:\tZ"))
            continue; // a zombie holds nothing
        if (QString::fromLocal8Bit(cmdline.readAll()).contains(dataDir))
            ++n;
    }
    return n;
}

struct Run
{
    QString dataDir;
    qint64 pid = 0;
};

// Starts the harness on `command` in a process group of its own and waits until the cluster is up.
Run start(QProcess &p, const QStringList &command)
{
    p.setProgram(QStringLiteral(ES_WITH_POSTGRES));
    p.setArguments(command);
    p.setChildProcessModifier([] { ::setpgid(0, 0); });
    p.start();
    Run run;
    if (!p.waitForStarted(10000))
        return run;
    run.pid = p.processId();
    const QRegularExpression ready(QStringLiteral("data in (\\S+)\\)"));
    QByteArray err;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 120000) {
        p.waitForReadyRead(200);
        err += p.readAllStandardError();
        const auto m = ready.match(QString::fromLocal8Bit(err));
        if (m.hasMatch()) {
            run.dataDir = m.captured(1);
            break;
        }
        if (p.state() == QProcess::NotRunning)
            break;
    }
    return run;
}

} // namespace

class TestPgHarnessCleanup : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(QStringLiteral("/usr/lib/postgresql/15/bin/initdb")) && !QFileInfo::exists(QStringLiteral("/usr/local/bin/initdb"))) {
            if (es::test::inCI())
                QFAIL("PostgreSQL server binaries are missing: run make deps");
            QSKIP("PostgreSQL server binaries are missing: run make deps");
        }
    }

    void cleansUp_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("command succeeds") << QStringLiteral("ok");
        QTest::newRow("command fails") << QStringLiteral("fail");
        QTest::newRow("Ctrl-C to the job") << QStringLiteral("sigint");
        QTest::newRow("SIGTERM to the script") << QStringLiteral("sigterm");
    }
    void cleansUp()
    {
        QFETCH(QString, how);
        QProcess p;
        QStringList command{QStringLiteral("sh"), QStringLiteral("-c")};
        if (how == QLatin1String("ok"))
            command << QStringLiteral("sleep 2; exit 0");
        else if (how == QLatin1String("fail"))
            command << QStringLiteral("sleep 2; exit 3");
        else
            command << QStringLiteral("sleep 120");
        const Run run = start(p, command);
        QVERIFY2(!run.dataDir.isEmpty(), "the harness did not start a cluster");
        QVERIFY(QFileInfo::exists(run.dataDir));
        QVERIFY(processesUsing(run.dataDir) > 0);
        if (how == QLatin1String("sigint"))
            ::kill(-static_cast<pid_t>(run.pid), SIGINT); // the whole process group, as a terminal does
        else if (how == QLatin1String("sigterm"))
            ::kill(static_cast<pid_t>(run.pid), SIGTERM);
        QVERIFY(p.waitForFinished(120000));
        if (how == QLatin1String("ok"))
            QCOMPARE(p.exitCode(), 0);
        else if (how == QLatin1String("fail"))
            QCOMPARE(p.exitCode(), 3);
        else
            QVERIFY(p.exitCode() != 0);
        QTRY_COMPARE_WITH_TIMEOUT(processesUsing(run.dataDir), 0, 30000);
        QVERIFY2(!QFileInfo::exists(QFileInfo(run.dataDir).path()), qPrintable(run.dataDir));
    }
};

QTEST_GUILESS_MAIN(TestPgHarnessCleanup)
#include "tst_pg_harness_cleanup.moc"
