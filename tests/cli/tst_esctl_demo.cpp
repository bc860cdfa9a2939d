// `esctl demo` as a user runs it (a real process): `all` writes one SQLite file per application
// that verifies clean; `bankaccounts --key` writes an encrypted store that verifies clean with the
// key and reports its records as needing the key without it; --size changes the number of records;
// the same --seed writes the same bytes and records, another seed others; bad usage (an unknown
// example, an existing store, a bad --size, no target) is one line on stderr and a non-zero status,
// and writes nothing.
#include "esctlrunner.h"

#include "es/cipher.h"
#include "es/json.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using clitest::esctl;
using clitest::Run;

namespace {

const QStringList AllFiles {
    QStringLiteral("bankaccounts.sqlite"),     QStringLiteral("bookingapplication.sqlite"),
    QStringLiteral("counters.sqlite"),         QStringLiteral("invoices.sqlite"),
    QStringLiteral("parkinglot.sqlite"),       QStringLiteral("wikiapplication.sqlite"),
    QStringLiteral("worldsapplication.sqlite")};

es::json::Value parse(const QByteArray &text)
{
    return es::json::Value::parse(std::string_view(text.constData(), static_cast<size_t>(text.size())));
}

QByteArray describe(const Run &r)
{
    return "exit " + QByteArray::number(r.exitCode) + (r.crashed ? " (crashed)" : "")
        + "; stderr: " + r.err.left(600) + "; stdout: " + r.out.left(600);
}

bool succeeded(const Run &r)
{
    return r.exitCode == 0 && !r.crashed;
}

// The files of a directory, sorted ("" entries for none).
QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files, QDir::Name);
}

QByteArray bytesOf(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestEsctlDemo : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString target(const QString &name) const { return m_dir.filePath(name); }

    // `esctl --url <file> export`: every record of one application's store, one line each.
    QByteArrayList exportOf(const QString &file)
    {
        const Run r = esctl({QStringLiteral("--url"), file, QStringLiteral("export")});
        if (!succeeded(r))
            qWarning("%s", describe(r).constData());
        return r.lines();
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void allWritesEveryApplication()
    {
        const QString dir = target(QStringLiteral("all"));
        const Run r = esctl({QStringLiteral("demo"), QStringLiteral("all"), QStringLiteral("--url"), dir});
        QVERIFY2(succeeded(r), describe(r).constData());
        QVERIFY2(!r.err.contains("error"), r.err.constData());
        // One file per application, named as a Python system on SQLite names them.
        QCOMPARE(filesIn(dir), AllFiles);

        // "Wrote N events to DIR:" and a line per application whose events add up to N.
        const QByteArrayList lines = r.lines();
        QCOMPARE(lines.size(), 1 + AllFiles.size());
        const QRegularExpression head(QStringLiteral("^Wrote (\\d+) events to (.+):$"));
        const auto m = head.match(QString::fromUtf8(lines.front()));
        QVERIFY2(m.hasMatch(), lines.front().constData());
        QCOMPARE(QDir(m.captured(2)).canonicalPath(), QDir(dir).canonicalPath());
        const qint64 total = m.captured(1).toLongLong();
        QVERIFY(total > 500);
        qint64 sum = 0;
        const QRegularExpression app(QStringLiteral("^  (\\w+): (\\d+) events"));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const auto a = app.match(QString::fromUtf8(lines[i]));
            QVERIFY2(a.hasMatch(), lines[i].constData());
            QVERIFY2(AllFiles.contains(a.captured(1).toLower() + QStringLiteral(".sqlite")),
                     lines[i].constData());
            sum += a.captured(2).toLongLong();
        }
        QCOMPARE(sum, total);

        // The directory opens as one system that verifies clean, with as many events as said.
        const Run v
            = esctl({QStringLiteral("--url"), dir, QStringLiteral("--json"), QStringLiteral("verify")});
        QVERIFY2(succeeded(v), describe(v).constData());
        const es::json::Value report = parse(v.out.trimmed());
        QVERIFY2(report.find("clean")->toBool(), v.out.constData());
        QCOMPARE(int(report.find("reports")->size()), AllFiles.size());
        qint64 verified = 0;
        for (const es::json::Value &one : report.find("reports")->array())
            verified += one.find("events")->toInteger();
        QCOMPARE(verified, total);
    }

    void bankAccountsWithKey()
    {
        const QString key = es::AESCipher::createKey(32);
        const QString dir = target(QStringLiteral("keyed"));
        const Run r = esctl({QStringLiteral("demo"), QStringLiteral("bankaccounts"), QStringLiteral("--url"),
                             dir, QStringLiteral("--key"), key});
        QVERIFY2(succeeded(r), describe(r).constData());
        QCOMPARE(filesIn(dir), QStringList {QStringLiteral("bankaccounts.sqlite")});
        const QString file = dir + QStringLiteral("/bankaccounts.sqlite");

        // With the key: clean.
        Run v
            = esctl({QStringLiteral("--url"), file, QStringLiteral("--key"), key, QStringLiteral("verify")});
        QVERIFY2(succeeded(v) && v.out.contains(": clean") && v.err.isEmpty(), describe(v).constData());
        v = esctl({QStringLiteral("--url"), file, QStringLiteral("--key"), key, QStringLiteral("--json"),
                   QStringLiteral("verify")});
        QVERIFY2(succeeded(v), describe(v).constData());
        const es::json::Value clean = parse(v.out.trimmed()).find("reports")->array().front();
        QVERIFY(clean.find("clean")->toBool());
        const qint64 events = clean.find("events")->toInteger();
        const qint64 snapshots = clean.find("snapshots")->toInteger();
        QVERIFY(events > 100);
        QVERIFY(snapshots > 0);
        const Run e
            = esctl({QStringLiteral("--url"), file, QStringLiteral("--key"), key, QStringLiteral("export")});
        QVERIFY2(succeeded(e), describe(e).constData());
        QCOMPARE(qint64(e.lines().size()), events); // the events, in notification order
        QVERIFY(e.out.contains(
            "\"topic\": \"eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Opened\""));

        // Without it: every record is reported as needing the key.
        v = esctl({QStringLiteral("--url"), file, QStringLiteral("--json"), QStringLiteral("verify")});
        QVERIFY2(v.exitCode == 1 && !v.crashed, describe(v).constData());
        const es::json::Value locked = parse(v.out.trimmed()).find("reports")->array().front();
        QCOMPARE(locked.find("clean")->toBool(), false);
        QCOMPARE(locked.find("events")->toInteger(), events);
        qint64 reported = 0;
        for (const es::json::Value &f : locked.find("findings")->array()) {
            const QString kind = f.find("kind")->toQString();
            const QString message = f.find("message")->toQString();
            if (kind == QLatin1String("undecodable")) {
                QVERIFY2(message.contains(QLatin1String("a cipher key is needed")), qPrintable(message));
                ++reported;
            } else {
                // The findings not listed: "N more 'undecodable' findings not listed".
                QCOMPARE(kind, QStringLiteral("truncated"));
                const auto more
                    = QRegularExpression(QStringLiteral("^(\\d+) more 'undecodable'")).match(message);
                QVERIFY2(more.hasMatch(), qPrintable(message));
                reported += more.captured(1).toLongLong();
            }
        }
        QCOMPARE(reported, events + snapshots);
        const Run x = esctl({QStringLiteral("--url"), file, QStringLiteral("export")});
        QVERIFY2(x.exitCode == 1 && x.out.isEmpty() && x.errLines().size() == 1
                     && x.err.contains("are encrypted: give the cipher key"),
                 describe(x).constData());
    }

    void sizeScalesTheRecords()
    {
        qint64 events[2] = {0, 0};
        int worlds[2] = {0, 0};
        const QString sizes[2] = {QStringLiteral("1"), QStringLiteral("3")};
        for (int i = 0; i < 2; ++i) {
            const QString dir = target(QStringLiteral("size-") + sizes[i]);
            const Run r = esctl({QStringLiteral("--json"), QStringLiteral("demo"), QStringLiteral("worlds"),
                                 QStringLiteral("--url"), dir, QStringLiteral("--size"), sizes[i]});
            QVERIFY2(succeeded(r), describe(r).constData());
            events[i] = parse(r.out.trimmed()).find("events")->toInteger();
            worlds[i] = int(exportOf(dir + QStringLiteral("/worldsapplication.sqlite")).size());
        }
        // 5 worlds and 60 things happening per unit of size, each counted by Counters.
        QCOMPARE(worlds[0], 65);
        QCOMPARE(worlds[1], 3 * 65);
        QCOMPARE(events[0], qint64(65 + 65));
        QCOMPARE(events[1], qint64(3 * 65 + 5 + 3 * 60));
    }

    void seedDecides()
    {
        const QStringList seeds {QStringLiteral("5"), QStringLiteral("5"), QStringLiteral("6")};
        QStringList dirs;
        for (int i = 0; i < seeds.size(); ++i) {
            dirs << target(QStringLiteral("seed-%1").arg(i));
            const Run r = esctl({QStringLiteral("demo"), QStringLiteral("all"), QStringLiteral("--url"),
                                 dirs.back(), QStringLiteral("--seed"), seeds[i]});
            QVERIFY2(succeeded(r), describe(r).constData());
            QCOMPARE(filesIn(dirs.back()), AllFiles);
        }
        for (const QString &file : AllFiles) {
            const QByteArray a = bytesOf(dirs[0] + QLatin1Char('/') + file);
            QVERIFY2(!a.isEmpty(), qPrintable(file));
            // The same seed: the same bytes, and so the same records.
            QVERIFY2(bytesOf(dirs[1] + QLatin1Char('/') + file) == a, qPrintable(file));
            const QByteArrayList records = exportOf(dirs[0] + QLatin1Char('/') + file);
            QVERIFY2(records.size() > 10, qPrintable(file));
            QCOMPARE(exportOf(dirs[1] + QLatin1Char('/') + file), records);
            // Another seed: other ids, times and operations.
            QVERIFY2(bytesOf(dirs[2] + QLatin1Char('/') + file) != a, qPrintable(file));
            QVERIFY2(exportOf(dirs[2] + QLatin1Char('/') + file) != records, qPrintable(file));
        }
    }

    void badUsageIsOneLine_data()
    {
        QTest::addColumn<QStringList>("args"); // after "demo"; "TARGET" is a fresh directory
        QTest::addColumn<QString>("message");
        QTest::addRow("unknown example")
            << QStringList {QStringLiteral("nosuch"), QStringLiteral("--url"), QStringLiteral("TARGET")}
            << QStringLiteral("unknown example 'nosuch'");
        QTest::addRow("size 0") << QStringList {QStringLiteral("invoice"), QStringLiteral("--url"),
                                                QStringLiteral("TARGET"), QStringLiteral("--size"),
                                                QStringLiteral("0")}
                                << QStringLiteral("the demo size must be between 1 and 1000, not 0");
        QTest::addRow("size too big")
            << QStringList {QStringLiteral("invoice"), QStringLiteral("--url"), QStringLiteral("TARGET"),
                            QStringLiteral("--size"), QStringLiteral("1001")}
            << QStringLiteral("not 1001");
        QTest::addRow("size not a number")
            << QStringList {QStringLiteral("invoice"), QStringLiteral("--url"), QStringLiteral("TARGET"),
                            QStringLiteral("--size"), QStringLiteral("abc")}
            << QStringLiteral("--size wants a whole number, not 'abc'");
        QTest::addRow("negative size")
            << QStringList {QStringLiteral("invoice"), QStringLiteral("--url"), QStringLiteral("TARGET"),
                            QStringLiteral("--size"), QStringLiteral("-3")}
            << QStringLiteral("--size wants a whole number, not '-3'");
        QTest::addRow("no target") << QStringList {QStringLiteral("invoice")}
                                   << QStringLiteral("give the target with --url");
        QTest::addRow("no example") << QStringList {QStringLiteral("--url"), QStringLiteral("TARGET")}
                                    << QStringLiteral("name an example to write");
    }
    void badUsageIsOneLine()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString dir = target(
            QStringLiteral("bad-")
            + QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')));
        args.replaceInStrings(QStringLiteral("TARGET"), dir);
        const Run r = esctl(QStringList {QStringLiteral("demo")} + args);
        QVERIFY2(r.exitCode != 0 && !r.crashed, describe(r).constData());
        QVERIFY2(r.errLines().size() == 1 && r.errLines().front().startsWith("esctl: ")
                     && r.err.contains(message.toUtf8()),
                 describe(r).constData());
        QVERIFY2(r.out.isEmpty(), describe(r).constData());
        QVERIFY2(!QFileInfo::exists(dir), qPrintable(dir + QStringLiteral(" was created")));
    }

    void existingStoreRefused()
    {
        const QString dir = target(QStringLiteral("existing"));
        Run r = esctl({QStringLiteral("demo"), QStringLiteral("invoice"), QStringLiteral("--url"), dir});
        QVERIFY2(succeeded(r), describe(r).constData());
        const QString file = dir + QStringLiteral("/invoices.sqlite");
        const QByteArray before = bytesOf(file);
        QVERIFY(!before.isEmpty());
        // Again, and with every example: refused before anything is written.
        for (const QString &which : {QStringLiteral("invoice"), QStringLiteral("all")}) {
            r = esctl({QStringLiteral("demo"), which, QStringLiteral("--url"), dir, QStringLiteral("--seed"),
                       QStringLiteral("9")});
            QVERIFY2(r.exitCode != 0 && !r.crashed, describe(r).constData());
            QVERIFY2(r.errLines().size() == 1 && r.err.startsWith("esctl: ")
                         && r.err.contains("invoices.sqlite exists already"),
                     describe(r).constData());
            QCOMPARE(filesIn(dir), QStringList {QStringLiteral("invoices.sqlite")});
            QVERIFY(bytesOf(file) == before);
        }
    }
};

QTEST_GUILESS_MAIN(TestEsctlDemo)
#include "tst_esctl_demo.moc"
