// esctl as a user runs it (a real process): exports of the Python-written reference stores equal
// their jsonl line for line; every bank account rebuilt with `get` equals accounts.json; an altered
// ciphertext is one error line and exit 1 after every other row; a wrong key is said plainly; verify
// is clean on every reference store and reports each planted defect; browsing commands, serve, and
// the errors and exit statuses of bad usage.
#include "../engine/inspect/inspectstores.h"
#include "esctlrunner.h"
#include "fixtures.h"

#include "es/json.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>
#include <set>

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
    return "exit " + QByteArray::number(r.exitCode) + (r.crashed ? " (crashed)" : "")
        + "; stderr: " + r.err.left(600) + "; stdout: " + r.out.left(600);
}

// Errors are one line on stderr, "esctl: …".
bool oneErrorLine(const Run &r, const QByteArray &contains)
{
    const QByteArrayList lines = r.errLines();
    return lines.size() == 1 && lines.front().startsWith("esctl: ") && lines.front().contains(contains)
        && !r.crashed;
}

// An RFC 4180 reader: records of fields separated by ',' and ended by CRLF or LF; a field in double
// quotes may hold ',', line breaks and '"' (doubled). Returns false on malformed text (a quote in an
// unquoted field, text after a closing quote, a quoted field never closed).
bool parseCsv(const QByteArray &text, QList<QByteArrayList> *records)
{
    records->clear();
    QByteArrayList record;
    QByteArray field;
    bool quoted = false; // inside a quoted field
    bool wasQuoted = false; // the current field was quoted (and closed)
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < n && text[i + 1] == '"') {
                    field += '"';
                    i += 2;
                    continue;
                }
                quoted = false;
                wasQuoted = true;
                ++i;
                continue;
            }
            field += c;
            ++i;
            continue;
        }
        if (c == ',') {
            record << field;
            field.clear();
            wasQuoted = false;
            ++i;
        } else if (c == '\n' || (c == '\r' && i + 1 < n && text[i + 1] == '\n')) {
            record << field;
            *records << record;
            record.clear();
            field.clear();
            wasQuoted = false;
            i += c == '\r' ? 2 : 1;
        } else if (c == '"') {
            if (!field.isEmpty() || wasQuoted)
                return false;
            quoted = true;
            ++i;
        } else {
            if (wasQuoted)
                return false;
            field += c;
            ++i;
        }
    }
    if (quoted)
        return false;
    if (!field.isEmpty() || wasQuoted || !record.isEmpty()) {
        record << field;
        *records << record;
    }
    return true;
}

const QByteArrayList csvColumns
    = {"id", "originator_id", "originator_version", "topic", "storage", "state", "error"};

// CSV rows (after the header) against JSONL lines of the same records: row for row the same id,
// originator, version and topic, the state cell JSON-equal to the line's state (or the error cell
// to its error). Returns "" or what differs.
QByteArray csvMatchesJsonl(const QList<QByteArrayList> &csv, const QByteArrayList &jsonl)
{
    if (csv.isEmpty() || csv.front() != csvColumns)
        return "header: " + (csv.isEmpty() ? QByteArray("none") : csv.front().join(','));
    if (csv.size() - 1 != jsonl.size())
        return "rows: " + QByteArray::number(csv.size() - 1) + " vs " + QByteArray::number(jsonl.size());
    for (qsizetype i = 0; i < jsonl.size(); ++i) {
        const QByteArrayList &row = csv[i + 1];
        const QByteArray where = "row " + QByteArray::number(i + 1) + ": ";
        if (row.size() != csvColumns.size())
            return where + "fields: " + QByteArray::number(row.size());
        const es::json::Value line = parse(jsonl[i]);
        const es::json::Value *id = line.find("id");
        if (row[0] != (id ? QByteArray::number(id->toInteger()) : QByteArray()))
            return where + "id " + row[0];
        if (QString::fromUtf8(row[1]) != line.find("originator_id")->toQString())
            return where + "originator_id " + row[1];
        if (row[2] != QByteArray::number(line.find("originator_version")->toInteger()))
            return where + "originator_version " + row[2];
        if (QString::fromUtf8(row[3]) != line.find("topic")->toQString())
            return where + "topic " + row[3];
        if (const es::json::Value *state = line.find("state")) {
            if (row[5].isEmpty() || parse(row[5]) != *state || !row[6].isEmpty())
                return where + "state " + row[5].left(200) + " error " + row[6];
        } else if (!row[5].isEmpty() || QString::fromUtf8(row[6]) != line.find("error")->toQString()) {
            return where + "error " + row[6] + " state " + row[5].left(200);
        }
    }
    return {};
}

// Fixed-point decimals (Python's Decimal strings of the bank accounts) in ten-thousandths.
qint64 decimal4(const QString &text)
{
    const bool negative = text.startsWith(QLatin1Char('-'));
    const QString digits = negative ? text.mid(1) : text;
    const QStringList parts = digits.split(QLatin1Char('.'));
    bool ok = parts.size() <= 2 && parts.value(1).size() <= 4;
    bool ok1 = false, ok2 = true;
    qint64 v = parts.value(0).toLongLong(&ok1) * 10000;
    if (parts.size() == 2)
        v += parts[1].leftJustified(4, QLatin1Char('0')).toLongLong(&ok2);
    if (!ok || !ok1 || !ok2)
        qWarning("not a decimal: %s", qPrintable(text));
    return negative ? -v : v;
}

} // namespace

class TestEsctl : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_keyFile;

    QString copy(const QString &name)
    {
        QTemporaryDir *dir = new QTemporaryDir; // one folder per copy, kept for the test's life
        dir->setAutoRemove(true);
        m_copies.emplace_back(dir);
        return es::test::copyFixture(name, dir->path());
    }

    // A copy of bankaccounts.zlib-aes.sqlite in which record 17's ciphertext is altered (one byte
    // after nonce and tag), so that it no longer decrypts; "" when the copy cannot be altered.
    QString copyWithAlteredCiphertext()
    {
        const QString file = copy(QStringLiteral("bankaccounts.zlib-aes.sqlite"));
        return inspecttest::alterStoredState(file, 17, 30, 0x20) ? file : QString();
    }

    std::vector<std::unique_ptr<QTemporaryDir>> m_copies;

private slots:
    void initTestCase()
    {
        ES_REQUIRE_FIXTURES();
        QVERIFY(m_dir.isValid());
        m_keyFile = es::test::fixture(QStringLiteral("bankaccounts.zlib-aes.key"));
    }

    void exportEqualsReference_data()
    {
        QTest::addColumn<QString>("store");
        QTest::addColumn<bool>("encrypted");
        QTest::addRow("bankaccounts") << QStringLiteral("bankaccounts") << false;
        QTest::addRow("bankaccounts.zlib-aes") << QStringLiteral("bankaccounts.zlib-aes") << true;
        QTest::addRow("invoice") << QStringLiteral("invoice") << false;
    }

    void exportEqualsReference()
    {
        QFETCH(QString, store);
        QFETCH(bool, encrypted);
        const QString file = copy(store + QStringLiteral(".sqlite"));
        QVERIFY(!file.isEmpty());
        const QByteArray before = inspecttest::sha256(file);
        QStringList base = {QStringLiteral("--url"), file};
        if (encrypted)
            base << QStringLiteral("--key-file") << m_keyFile;

        for (const QString &what : {QStringLiteral("notifications"), QStringLiteral("snapshots")}) {
            QStringList args = base;
            args << QStringLiteral("export");
            if (what == QLatin1String("snapshots"))
                args << QStringLiteral("--snapshots");
            const Run r = esctl(args);
            QVERIFY2(r.exitCode == 0 && r.err.isEmpty(), describe(r).constData());
            const QByteArrayList lines = r.lines();
            const QByteArrayList expected = fixtureLines(QStringLiteral("%1.%2.jsonl").arg(store, what));
            QCOMPARE(lines.size(), expected.size());
            for (qsizetype i = 0; i < lines.size(); ++i) {
                QCOMPARE(parse(lines[i]), parse(expected[i])); // JSON-equal…
                QCOMPARE(lines[i], expected[i]); // …and the same bytes (key order, separators)
            }
        }

        // CSV: a header and a row per record, states as the same JSON text.
        QStringList csv = base;
        csv << QStringLiteral("export") << QStringLiteral("--format") << QStringLiteral("csv");
        const Run c = esctl(csv);
        QVERIFY2(c.exitCode == 0, describe(c).constData());
        QCOMPARE(c.lines().front(),
                 QByteArray("id,originator_id,originator_version,topic,storage,state,error"));
        QCOMPARE(c.lines().size(), fixtureLines(store + QStringLiteral(".notifications.jsonl")).size() + 1);
        QVERIFY(c.lines()[1].startsWith("1,"));
        QVERIFY(c.lines()[1].contains(encrypted ? ",encrypted+zlib,\"{" : ",plain,\"{"));

        // One aggregate's events, to a file.
        const QByteArray first = fixtureLines(store + QStringLiteral(".notifications.jsonl")).front();
        const QString id = parse(first).find("originator_id")->toQString();
        const QString out = m_dir.filePath(store + QStringLiteral(".one.jsonl"));
        QStringList one = base;
        one << QStringLiteral("export") << QStringLiteral("--aggregate") << id << QStringLiteral("-o") << out;
        const Run o = esctl(one);
        QVERIFY2(o.exitCode == 0 && o.out.isEmpty(), describe(o).constData());
        QByteArrayList expectedOne;
        for (const QByteArray &line : fixtureLines(store + QStringLiteral(".notifications.jsonl")))
            if (parse(line).find("originator_id")->toQString() == id)
                expectedOne << line;
        QByteArray written = es::test::readFile(out);
        written.chop(1);
        QCOMPARE(written.split('\n'), expectedOne);

        QCOMPARE(inspecttest::sha256(file), before);
    }

    void getEveryBankAccount_data()
    {
        QTest::addColumn<QString>("store");
        QTest::addColumn<bool>("encrypted");
        QTest::addRow("bankaccounts") << QStringLiteral("bankaccounts") << false;
        QTest::addRow("bankaccounts.zlib-aes") << QStringLiteral("bankaccounts.zlib-aes") << true;
    }

    void getEveryBankAccount()
    {
        QFETCH(QString, store);
        QFETCH(bool, encrypted);
        const Run info = esctl({QStringLiteral("--url"), copy(store + QStringLiteral(".sqlite")),
                                QStringLiteral("--json"), QStringLiteral("info")});
        QVERIFY2(info.exitCode == 0, describe(info).constData());
        const es::json::Value linked = *parse(info.out).find("linked_types");
        bool hasBankAccounts = false;
        for (const auto &v : linked.array())
            hasBankAccounts = hasBankAccounts || v.string() == "bankaccounts";
        if (!hasBankAccounts)
            QFAIL("esctl is not linked with examples/bankaccounts (target esexample_bankaccounts), so it "
                  "cannot rebuild bank accounts");

        const QString file = copy(store + QStringLiteral(".sqlite"));
        const QJsonObject accounts
            = QJsonDocument::fromJson(
                  es::test::readFile(es::test::fixture(store + QStringLiteral(".accounts.json"))))
                  .object();
        QVERIFY(accounts.size() >= 8);
        for (auto it = accounts.begin(); it != accounts.end(); ++it) {
            QStringList args = {QStringLiteral("--url"), file, QStringLiteral("--json")};
            if (encrypted)
                args << QStringLiteral("--key-file") << m_keyFile;
            args << QStringLiteral("get") << it.key();
            const Run r = esctl(args);
            QVERIFY2(r.exitCode == 0, describe(r).constData());
            const es::json::Value a = parse(r.out.trimmed());
            const QJsonObject expected = it.value().toObject();
            const es::json::Value &state = *a.find("state");
            QCOMPARE(a.find("id")->toQString(), it.key());
            QCOMPARE(a.find("topic")->toQString(),
                     QStringLiteral("eventsourcing.examples.bankaccounts.domainmodel:BankAccount"));
            QCOMPARE(a.find("version")->toInteger(), expected.value(QStringLiteral("version")).toInteger());
            QCOMPARE(state.find("balance")->find("_data_")->toQString(),
                     expected.value(QStringLiteral("balance")).toString());
            QCOMPARE(state.find("overdraft_limit")->find("_data_")->toQString(),
                     expected.value(QStringLiteral("overdraft_limit")).toString());
            QCOMPARE(state.find("is_closed")->toBool(), expected.value(QStringLiteral("is_closed")).toBool());
            QCOMPARE(state.find("full_name")->toQString(),
                     expected.value(QStringLiteral("full_name")).toString());
            QCOMPARE(state.find("email_address")->toQString(),
                     expected.value(QStringLiteral("email_address")).toString());
        }
    }

    void alteredCiphertext()
    {
        const QString file = copyWithAlteredCiphertext();
        QVERIFY(!file.isEmpty());
        const Run r = esctl({QStringLiteral("--url"), file, QStringLiteral("--key-file"), m_keyFile,
                             QStringLiteral("export")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneErrorLine(r, "1 of 161 records could not be decoded"), describe(r).constData());
        const QByteArrayList lines = r.lines();
        const QByteArrayList expected
            = fixtureLines(QStringLiteral("bankaccounts.zlib-aes.notifications.jsonl"));
        QCOMPARE(lines.size(), expected.size());
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i == 16)
                continue;
            QCOMPARE(lines[i], expected[i]);
        }
        const es::json::Value bad = parse(lines[16]);
        const es::json::Value good = parse(expected[16]);
        QCOMPARE(bad.size(), size_t(5)); // error, id, originator_id, originator_version, topic
        QCOMPARE(bad.find("id")->toInteger(), 17);
        QCOMPARE(*bad.find("originator_id"), *good.find("originator_id"));
        QCOMPARE(*bad.find("originator_version"), *good.find("originator_version"));
        QCOMPARE(*bad.find("topic"), *good.find("topic"));
        QVERIFY2(bad.find("error")->toQString().startsWith(QStringLiteral("cannot decrypt")),
                 lines[16].constData());
        QVERIFY(lines[16].startsWith("{\"error\": "));

        // verify finds that one record, and exits 1.
        const Run v = esctl({QStringLiteral("--url"), file, QStringLiteral("--key-file"), m_keyFile,
                             QStringLiteral("--json"), QStringLiteral("verify")});
        QCOMPARE(v.exitCode, 1);
        const es::json::Value report = parse(v.out.trimmed());
        QCOMPARE(report.find("clean")->toBool(), false);
        const es::json::Value &findings = *report.find("reports")->array().front().find("findings");
        QCOMPARE(findings.size(), size_t(1));
        QCOMPARE(findings.array().front().find("kind")->toQString(), QStringLiteral("undecodable"));
        QCOMPARE(findings.array().front().find("id")->toInteger(), 17);
    }

    void wrongOrMissingKey()
    {
        const QString file = copy(QStringLiteral("bankaccounts.zlib-aes.sqlite"));
        const QString wrongKey = es::AESCipher::createKey(32);
        Run r = esctl(
            {QStringLiteral("--url"), file, QStringLiteral("--key"), wrongKey, QStringLiteral("export")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty()); // no garbage, no rows of errors: the key is wrong
        QVERIFY2(oneErrorLine(r, "esctl: error: wrong key: none of the 32 encrypted records sampled"),
                 describe(r).constData());

        // The same key from the environment, named as such.
        QProcessEnvironment env = clitest::cleanEnvironment();
        env.insert(QStringLiteral("CIPHER_KEY"), wrongKey);
        r = esctl({QStringLiteral("--url"), file, QStringLiteral("export")}, env);
        QVERIFY2(r.exitCode == 1 && oneErrorLine(r, "opens with CIPHER_KEY"), describe(r).constData());

        r = esctl({QStringLiteral("--url"), file, QStringLiteral("export")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneErrorLine(r, "are encrypted: give the cipher key"), describe(r).constData());

        const QString account = QJsonDocument::fromJson(es::test::readFile(es::test::fixture(QStringLiteral(
                                                            "bankaccounts.zlib-aes.accounts.json"))))
                                    .object()
                                    .keys()
                                    .front();
        r = esctl({QStringLiteral("--url"), file, QStringLiteral("--key"), wrongKey, QStringLiteral("get"),
                   account});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneErrorLine(r, "cannot decrypt"), describe(r).constData());

        r = esctl({QStringLiteral("--url"), file, QStringLiteral("--key"), QStringLiteral("not-a-key"),
                   QStringLiteral("log")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(oneErrorLine(r, "the key given is not a valid cipher key"), describe(r).constData());

        // The log still shows each row with its problem (the inspector's view of a wrong key).
        r = esctl({QStringLiteral("--url"), file, QStringLiteral("--key"), wrongKey, QStringLiteral("--json"),
                   QStringLiteral("log"), QStringLiteral("--limit"), QStringLiteral("3")});
        QCOMPARE(r.exitCode, 0);
        const es::json::Value page = parse(r.out.trimmed());
        QCOMPARE(page.find("rows")->size(), size_t(3));
        for (const auto &row : page.find("rows")->array()) {
            QCOMPARE(row.find("status")->toQString(), QStringLiteral("cannot decrypt"));
            QVERIFY(!row.find("state"));
        }
    }

    void verifyCleanOnReferenceStores_data()
    {
        QTest::addColumn<QString>("store");
        QTest::addColumn<bool>("encrypted");
        QTest::addRow("bankaccounts") << QStringLiteral("bankaccounts") << false;
        QTest::addRow("bankaccounts.zlib-aes") << QStringLiteral("bankaccounts.zlib-aes") << true;
        QTest::addRow("invoice") << QStringLiteral("invoice") << false;
    }

    void verifyCleanOnReferenceStores()
    {
        QFETCH(QString, store);
        QFETCH(bool, encrypted);
        QStringList args = {QStringLiteral("--url"), copy(store + QStringLiteral(".sqlite"))};
        if (encrypted)
            args << QStringLiteral("--key-file") << m_keyFile;
        args << QStringLiteral("--json") << QStringLiteral("verify") << QStringLiteral("--strict");
        const Run r = esctl(args);
        QVERIFY2(r.exitCode == 0 && r.err.isEmpty(), describe(r).constData());
        const es::json::Value report = parse(r.out.trimmed());
        QVERIFY2(report.find("clean")->toBool(), r.out.constData());
        QCOMPARE(report.find("reports")->array().front().find("findings")->size(), size_t(0));
        QCOMPARE(report.find("reports")->array().front().find("events")->toInteger(),
                 qint64(fixtureLines(store + QStringLiteral(".notifications.jsonl")).size()));
    }

    void verifyReportsPlantedDefects()
    {
        QTemporaryDir folder;
        const inspecttest::PlantedStore planted = inspecttest::plantDefects(folder.path());
        QVERIFY(planted.ok);
        const Run r = esctl(
            {QStringLiteral("--url"), folder.path(), QStringLiteral("--json"), QStringLiteral("verify")});
        QVERIFY2(r.exitCode == 1 && r.err.isEmpty(), describe(r).constData());
        const es::json::Value out = parse(r.out.trimmed());
        QCOMPARE(out.find("clean")->toBool(), false);
        QMap<QString, QList<es::json::Value>> byKind;
        for (const auto &report : out.find("reports")->array())
            for (const auto &f : report.find("findings")->array())
                byKind[f.find("kind")->toQString()] << f;
        QCOMPARE(byKind.value(QStringLiteral("version-gap")).size(), 1);
        QCOMPARE(byKind.value(QStringLiteral("version-gap")).front().find("originator_id")->toQString(),
                 es::uuid::toDashed(planted.ids[1]));
        QCOMPARE(byKind.value(QStringLiteral("version-gap")).front().find("originator_version")->toInteger(),
                 3);
        QCOMPARE(byKind.value(QStringLiteral("undecodable")).size(), 1);
        QCOMPARE(byKind.value(QStringLiteral("undecodable")).front().find("id")->toInteger(),
                 planted.damagedId);
        bool cat = false;
        for (const auto &f : byKind.value(QStringLiteral("unknown-topic")))
            cat = cat || f.find("message")->toQString().contains(QStringLiteral("inspecttest:Cat.Adopted"));
        QVERIFY(cat);
        QCOMPARE(byKind.value(QStringLiteral("snapshot-ahead")).size(), 1);
        QCOMPARE(
            byKind.value(QStringLiteral("snapshot-ahead")).front().find("originator_version")->toInteger(),
            9);
        QCOMPARE(byKind.value(QStringLiteral("snapshot-orphan")).size(), 1);
        QCOMPARE(byKind.value(QStringLiteral("tracking-ahead")).size(), 1);
        QCOMPARE(byKind.value(QStringLiteral("tracking-ahead")).front().find("application")->toQString(),
                 QStringLiteral("downstream"));
        QCOMPARE(byKind.value(QStringLiteral("id-gap")).size(), 1);
        QCOMPARE(byKind.value(QStringLiteral("id-gap")).front().find("severity")->toQString(),
                 QStringLiteral("info"));

        // The human report names them too, in a table.
        const Run human = esctl({QStringLiteral("--url"), folder.path(), QStringLiteral("--app"),
                                 QStringLiteral("upstream"), QStringLiteral("verify")});
        QCOMPARE(human.exitCode, 1);
        QVERIFY2(human.out.startsWith("upstream: 20 events, 6 aggregates, 4 snapshots: "),
                 human.out.constData());
        for (const char *kind :
             {"version-gap", "undecodable", "unknown-topic", "snapshot-ahead", "snapshot-orphan", "id-gap"})
            QVERIFY2(human.out.contains(kind), kind);
    }

    void browse()
    {
        const QString file = copy(QStringLiteral("bankaccounts.sqlite"));
        const QStringList url = {QStringLiteral("--url"), file};

        Run r = esctl(url + QStringList {QStringLiteral("--json"), QStringLiteral("apps")});
        QVERIFY2(r.exitCode == 0, describe(r).constData());
        es::json::Value v = parse(r.out.trimmed());
        QCOMPARE(v.size(), size_t(1));
        QCOMPARE(v.array()[0].find("name")->toQString(), QStringLiteral("bankaccounts"));
        QCOMPARE(v.array()[0].find("events")->toInteger(), 257);
        QCOMPARE(v.array()[0].find("aggregates")->toInteger(), 12);
        QCOMPARE(v.array()[0].find("snapshots")->toInteger(), 5);

        r = esctl(url + QStringList {QStringLiteral("apps")});
        QVERIFY(r.lines().size() == 2 && r.lines()[0].startsWith("APPLICATION")
                && r.lines()[1].contains("bankaccounts     257"));

        r = esctl(url
                  + QStringList {QStringLiteral("--json"), QStringLiteral("aggregates"),
                                 QStringLiteral("--limit"), QStringLiteral("5")});
        QCOMPARE(r.exitCode, 0);
        v = parse(r.out.trimmed());
        QCOMPARE(v.size(), size_t(5));
        QVERIFY(oneErrorLine(r, "more aggregates follow: --after "));
        const QString after = v.array()[4].find("id")->toQString();
        r = esctl(url
                  + QStringList {QStringLiteral("--json"), QStringLiteral("aggregates"),
                                 QStringLiteral("--after"), after});
        QCOMPARE(parse(r.out.trimmed()).size(), size_t(7));
        QVERIFY(r.err.isEmpty());

        const QString id = QStringLiteral("4713aead-4f88-4ae8-9503-c92e40897768");
        r = esctl(url + QStringList {QStringLiteral("--json"), QStringLiteral("events"), id});
        v = parse(r.out.trimmed());
        QCOMPARE(v.size(), size_t(37));
        QCOMPARE(v.array()[36].find("originator_version")->toInteger(), 37);
        r = esctl(url
                  + QStringList {QStringLiteral("events"), id, QStringLiteral("--desc"),
                                 QStringLiteral("--limit"), QStringLiteral("2")});
        QCOMPARE(r.lines().size(), 3);
        QVERIFY(r.lines()[1].contains(" 37  BankAccount."));

        r = esctl(url
                  + QStringList {QStringLiteral("--json"), QStringLiteral("log"), QStringLiteral("--start"),
                                 QStringLiteral("10"), QStringLiteral("--limit"), QStringLiteral("5")});
        v = parse(r.out.trimmed());
        QCOMPARE(v.find("rows")->size(), size_t(5));
        QCOMPARE(v.find("rows")->array()[0].find("id")->toInteger(), 10);
        QCOMPARE(v.find("next")->toInteger(), 15);
        QCOMPARE(v.find("at_end")->toBool(), false);
        r = esctl(url
                  + QStringList {QStringLiteral("--json"), QStringLiteral("log"),
                                 QStringLiteral("--backward"), QStringLiteral("--limit"),
                                 QStringLiteral("2")});
        v = parse(r.out.trimmed());
        QCOMPARE(v.find("rows")->array()[0].find("id")->toInteger(), 257);
        QCOMPARE(v.find("rows")->array()[1].find("id")->toInteger(), 256);
        r = esctl(url
                  + QStringList {
                      QStringLiteral("--json"), QStringLiteral("log"), QStringLiteral("--limit"),
                      QStringLiteral("0"), QStringLiteral("--topic"),
                      QStringLiteral("eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Opened")});
        QCOMPARE(parse(r.out.trimmed()).find("rows")->size(), size_t(12));
        r = esctl(url
                  + QStringList {QStringLiteral("--json"), QStringLiteral("log"), QStringLiteral("--section"),
                                 QStringLiteral("1,10")});
        v = parse(r.out.trimmed());
        QCOMPARE(v.find("id")->toQString(), QStringLiteral("1,10"));
        QCOMPARE(v.find("next_id")->toQString(), QStringLiteral("11,20"));

        r = esctl(url + QStringList {QStringLiteral("--json"), QStringLiteral("snapshots")});
        QCOMPARE(parse(r.out.trimmed()).size(), size_t(5));

        r = esctl(url
                  + QStringList {QStringLiteral("--json"), QStringLiteral("diff"), id, QStringLiteral("2"),
                                 QStringLiteral("5")});
        QVERIFY2(r.exitCode == 0, describe(r).constData());
        v = parse(r.out.trimmed());
        QStringList paths;
        for (const auto &c : v.array())
            paths << c.find("path")->toQString();
        QVERIFY2(paths.contains(QStringLiteral("version")) && paths.contains(QStringLiteral("state.balance")),
                 qPrintable(paths.join(QLatin1Char(','))));
        r = esctl(url + QStringList {QStringLiteral("get"), id, QStringLiteral("--check-snapshot")});
        QVERIFY2(r.exitCode == 0 && r.out.contains("matches a replay"), describe(r).constData());

        r = esctl(url + QStringList {QStringLiteral("info")});
        QVERIFY(r.out.contains("access:       read-only"));
        QVERIFY(r.out.contains("not encrypted"));

        // The URL from ES_URL.
        QProcessEnvironment env = clitest::cleanEnvironment();
        env.insert(QStringLiteral("ES_URL"), QStringLiteral("sqlite://") + file);
        r = esctl({QStringLiteral("--json"), QStringLiteral("apps")}, env);
        QCOMPARE(r.exitCode, 0);
    }

    void trackingInAFolder()
    {
        QTemporaryDir folder;
        const inspecttest::PlantedStore planted = inspecttest::plantDefects(folder.path());
        QVERIFY(planted.ok);
        const Run r = esctl({QStringLiteral("--url"), folder.path(), QStringLiteral("--json"),
                             QStringLiteral("tracking"), QStringLiteral("--counts")});
        QVERIFY2(r.exitCode == 0, describe(r).constData());
        const es::json::Value v = parse(r.out.trimmed());
        QCOMPARE(v.size(), size_t(2));
        QCOMPARE(v.array()[1].find("upstream")->toQString(), QStringLiteral("Upstream"));
        QCOMPARE(v.array()[1].find("position")->toInteger(), 25);
        QCOMPARE(v.array()[1].find("upstream_max")->toInteger(), planted.catId);
        QCOMPARE(v.array()[1].find("lag")->toInteger(), planted.catId - 25);
        QCOMPARE(v.array()[1].find("records")->toInteger(), 2);
        QVERIFY(v.array()[0].find("lag")->isNull());
    }

    void serve()
    {
        const QString file = copy(QStringLiteral("bankaccounts.sqlite"));
        QProcess server;
        server.setProcessEnvironment(clitest::cleanEnvironment());
        server.start(QStringLiteral(ESCTL_PATH),
                     {QStringLiteral("--url"), file, QStringLiteral("serve"), QStringLiteral("--port"),
                      QStringLiteral("0")});
        QVERIFY(server.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 10000);
        const QString url = QString::fromUtf8(server.readLine()).trimmed();
        QVERIFY2(url.startsWith(QStringLiteral("http://127.0.0.1:")), qPrintable(url));
        const Run r = esctl({QStringLiteral("--url"), url, QStringLiteral("export")});
        QVERIFY2(r.exitCode == 0, describe(r).constData());
        QCOMPARE(r.lines(), fixtureLines(QStringLiteral("bankaccounts.notifications.jsonl")));
        const Run agg = esctl({QStringLiteral("--url"), url, QStringLiteral("aggregates")});
        QVERIFY2(agg.exitCode == 1 && oneErrorLine(agg, "remote notification log"),
                 describe(agg).constData());
        server.terminate(); // SIGTERM: stops cleanly
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
    }

    void usageAndErrors()
    {
        Run r = esctl({});
        QVERIFY2(r.exitCode == 2 && oneErrorLine(r, "no command given"), describe(r).constData());
        r = esctl({QStringLiteral("frobnicate")});
        QVERIFY2(r.exitCode == 2 && oneErrorLine(r, "unknown command 'frobnicate'"), describe(r).constData());
        r = esctl({QStringLiteral("info")});
        QVERIFY2(r.exitCode == 2 && oneErrorLine(r, "no store given: use --url URL or set ES_URL"),
                 describe(r).constData());
        const QString file = copy(QStringLiteral("bankaccounts.sqlite"));
        r = esctl({QStringLiteral("--url"), file, QStringLiteral("log"), QStringLiteral("--bogus")});
        QVERIFY2(r.exitCode == 2 && oneErrorLine(r, "Unknown option 'bogus'"), describe(r).constData());
        r = esctl({QStringLiteral("--url"), file, QStringLiteral("events")});
        QVERIFY2(r.exitCode == 2 && oneErrorLine(r, "events wants one aggregate id"),
                 describe(r).constData());
        r = esctl({QStringLiteral("--url"), file, QStringLiteral("events"), QStringLiteral("xyz")});
        QVERIFY2(r.exitCode == 2 && oneErrorLine(r, "'xyz' is not an aggregate id"), describe(r).constData());
        r = esctl({QStringLiteral("--url"), file, QStringLiteral("log"), QStringLiteral("--limit"),
                   QStringLiteral("-3")});
        QVERIFY2(r.exitCode == 2 && oneErrorLine(r, "--limit wants a whole number"), describe(r).constData());
        r = esctl({QStringLiteral("--url"), file, QStringLiteral("export"), QStringLiteral("--format"),
                   QStringLiteral("xml")});
        QVERIFY2(r.exitCode == 2 && oneErrorLine(r, "--format is jsonl or csv"), describe(r).constData());
        r = esctl({QStringLiteral("--url"), file, QStringLiteral("events"),
                   QStringLiteral("00000000-0000-0000-0000-000000000001")});
        QVERIFY2(r.exitCode == 1 && oneErrorLine(r, "has no events"), describe(r).constData());
        r = esctl({QStringLiteral("--url"), file, QStringLiteral("export"), QStringLiteral("--aggregate"),
                   QStringLiteral("00000000-0000-0000-0000-000000000001")});
        QVERIFY2(r.exitCode == 1 && r.out.isEmpty() && oneErrorLine(r, "has no events"),
                 describe(r).constData());
        r = esctl({QStringLiteral("--url"), file, QStringLiteral("get"),
                   QStringLiteral("00000000-0000-0000-0000-000000000001")});
        QVERIFY2(r.exitCode == 1 && oneErrorLine(r, "not found"), describe(r).constData());

        r = esctl({QStringLiteral("--url"), m_dir.filePath(QStringLiteral("missing.sqlite")),
                   QStringLiteral("info")});
        QVERIFY2(r.exitCode == 1 && oneErrorLine(r, "esctl: error: no such file or folder"),
                 describe(r).constData());
        QFile text(m_dir.filePath(QStringLiteral("text.db")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write(QByteArray(3000, 't'));
        text.close();
        r = esctl({QStringLiteral("--url"), text.fileName(), QStringLiteral("info")});
        QVERIFY2(r.exitCode == 1 && oneErrorLine(r, "is not a SQLite database"), describe(r).constData());
        {
            inspecttest::RawSqlite raw(m_dir.filePath(QStringLiteral("plain.sqlite")));
            QVERIFY(raw.exec(QStringLiteral("CREATE TABLE t (x INTEGER)")));
        }
        r = esctl({QStringLiteral("--url"), m_dir.filePath(QStringLiteral("plain.sqlite")),
                   QStringLiteral("apps")});
        QVERIFY2(r.exitCode == 1 && oneErrorLine(r, "esctl: error: no event store in"),
                 describe(r).constData());
        r = esctl({QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:1/"), QStringLiteral("log")});
        QVERIFY2(r.exitCode == 1 && oneErrorLine(r, "127.0.0.1:1"), describe(r).constData());

        // A folder of several applications wants --app (a usage error), and says which there are.
        QTemporaryDir folder;
        QVERIFY(QFile::copy(file, folder.filePath(QStringLiteral("a.sqlite"))));
        QVERIFY(QFile::copy(file, folder.filePath(QStringLiteral("b.sqlite"))));
        r = esctl({QStringLiteral("--url"), folder.path(), QStringLiteral("log")});
        QVERIFY2(r.exitCode == 2 && oneErrorLine(r, "choose one with --app (a, b)"), describe(r).constData());
        r = esctl({QStringLiteral("--url"), folder.path(), QStringLiteral("--app"), QStringLiteral("c"),
                   QStringLiteral("log")});
        QVERIFY2(r.exitCode == 1 && oneErrorLine(r, "no application 'c' in the store (applications: a, b)"),
                 describe(r).constData());
        r = esctl({QStringLiteral("--url"), folder.path(), QStringLiteral("--app"), QStringLiteral("B"),
                   QStringLiteral("--json"), QStringLiteral("log"), QStringLiteral("--limit"),
                   QStringLiteral("1")});
        QCOMPARE(r.exitCode, 0);
    }

    void outputThatCannotBeWritten()
    {
        // A full disk is a failure, not a shorter export.
        if (!QFileInfo::exists(QStringLiteral("/dev/full")))
            QSKIP("no /dev/full here");
        QProcess p;
        p.setProcessEnvironment(clitest::cleanEnvironment());
        p.setStandardOutputFile(QStringLiteral("/dev/full"));
        p.start(
            QStringLiteral(ESCTL_PATH),
            {QStringLiteral("--url"), copy(QStringLiteral("bankaccounts.sqlite")), QStringLiteral("export")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().startsWith("esctl: error: cannot write the output"));
    }

    void csvParserRejectsMalformedText()
    {
        // The test's own reader, on what RFC 4180 allows and forbids (so that its verdicts count).
        QList<QByteArrayList> rows;
        QVERIFY(parseCsv("a,\"b,\"\"c\"\"\nd\",\r\n,x\n", &rows));
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0], QByteArrayList({"a", "b,\"c\"\nd", ""}));
        QCOMPARE(rows[1], QByteArrayList({"", "x"}));
        QVERIFY(!parseCsv("a,b\"c\n", &rows));
        QVERIFY(!parseCsv("a,\"b\"c\n", &rows));
        QVERIFY(!parseCsv("a,\"b\n", &rows));
    }

    void csvExportMatchesJsonl_data() { exportEqualsReference_data(); }

    void csvExportMatchesJsonl()
    {
        QFETCH(QString, store);
        QFETCH(bool, encrypted);
        const QString file = copy(store + QStringLiteral(".sqlite"));
        QVERIFY(!file.isEmpty());
        QStringList base = {QStringLiteral("--url"), file};
        if (encrypted)
            base << QStringLiteral("--key-file") << m_keyFile;
        const QString first = parse(fixtureLines(store + QStringLiteral(".notifications.jsonl")).front())
                                  .find("originator_id")
                                  ->toQString();

        const QList<QStringList> selections = {
            {},
            {QStringLiteral("--snapshots")},
            {QStringLiteral("--aggregate"), first},
        };
        for (const QStringList &selection : selections) {
            const QByteArray what = selection.join(QLatin1Char(' ')).toUtf8();
            const Run j = esctl(base + QStringList {QStringLiteral("export")} + selection);
            QVERIFY2(j.exitCode == 0 && j.err.isEmpty(), describe(j).constData());
            const Run c = esctl(
                base
                + QStringList {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv")}
                + selection);
            QVERIFY2(c.exitCode == 0 && c.err.isEmpty(), describe(c).constData());
            QList<QByteArrayList> rows;
            QVERIFY2(parseCsv(c.out, &rows), what.constData());
            QVERIFY2(!j.lines().isEmpty(), what.constData());
            const QByteArray mismatch = csvMatchesJsonl(rows, j.lines());
            QVERIFY2(mismatch.isEmpty(), (what + ": " + mismatch).constData());
            for (qsizetype i = 1; i < rows.size(); ++i)
                QCOMPARE(rows[i][4], QByteArray(encrypted ? "encrypted+zlib" : "plain"));
            if (selection.value(0) == QLatin1String("--snapshots")) {
                QCOMPARE(rows.size() - 1, fixtureLines(store + QStringLiteral(".snapshots.jsonl")).size());
                QVERIFY(rows[1][0].isEmpty()); // snapshots have no notification id
            } else if (selection.value(0) == QLatin1String("--aggregate")) {
                for (qsizetype i = 1; i < rows.size(); ++i) {
                    QCOMPARE(QString::fromUtf8(rows[i][1]), first);
                    QCOMPARE(rows[i][2], QByteArray::number(i)); // versions 1, 2, … in order
                }
            }
        }
    }

    void csvQuoting()
    {
        // A state with quotes, commas and line breaks, a topic with them, and a record that is not
        // JSON: each field reads back exactly through an RFC 4180 reader.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("quoting.sqlite"));
        const QString awkward = QStringLiteral("Rex \"the, dog\"\nline two\r\nthree, \"\"four\"\"");
        QUuid dogId;
        {
            inspecttest::Kennel kennel(inspecttest::sqliteEnv(file));
            dogId = kennel.add(awkward, 2);
        }
        const QByteArray oddTopic = "odd,\"topic\"\nwith a line break";
        {
            inspecttest::RawSqlite raw(file);
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO stored_events VALUES (?, 1, ?, CAST(? AS BLOB))"),
                             {es::uuid::toHex(es::uuid::v4()), QString::fromUtf8(oddTopic),
                              QStringLiteral("{\"a\": \"x,\\\"y\\\"\\nz\", \"b\": [1, 2]}")}));
            QVERIFY(
                raw.exec(QStringLiteral("INSERT INTO stored_events VALUES (?, 1, 'broken', CAST(? AS BLOB))"),
                         {es::uuid::toHex(es::uuid::v4()), QStringLiteral("{\"not\", json")}));
        }
        const Run j = esctl({QStringLiteral("--url"), file, QStringLiteral("export")});
        QCOMPARE(j.exitCode, 1); // the broken record
        const Run c = esctl({QStringLiteral("--url"), file, QStringLiteral("export"),
                             QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(c.exitCode == 1 && oneErrorLine(c, "1 of 5 records could not be decoded"),
                 describe(c).constData());
        QList<QByteArrayList> rows;
        QVERIFY(parseCsv(c.out, &rows));
        QCOMPARE(rows.size(), 6);
        // JSON lines hold no raw line break, so a record of JSONL is a line; CSV quotes it.
        QCOMPARE(j.lines().size(), 5);
        const QByteArray mismatch = csvMatchesJsonl(rows, j.lines());
        QVERIFY2(mismatch.isEmpty(), mismatch.constData());

        QCOMPARE(QString::fromUtf8(rows[1][1]), es::uuid::toDashed(dogId));
        QCOMPARE(parse(rows[1][5]).find("name")->toQString(), awkward);
        QCOMPARE(rows[4][3], oddTopic);
        QCOMPARE(parse(rows[4][5]).find("a")->toQString(), QStringLiteral("x,\"y\"\nz"));
        QVERIFY(c.out.contains("\"odd,\"\"topic\"\"\nwith a line break\""));
        QCOMPARE(rows[5][3], QByteArray("broken"));
        QVERIFY(rows[5][5].isEmpty());
        QVERIFY2(rows[5][6].startsWith("not JSON"), rows[5][6].constData());
    }

    void csvAlteredCiphertext()
    {
        const QString file = copyWithAlteredCiphertext();
        QVERIFY(!file.isEmpty());
        const Run c = esctl({QStringLiteral("--url"), file, QStringLiteral("--key-file"), m_keyFile,
                             QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(c.exitCode, 1);
        QVERIFY2(oneErrorLine(c, "1 of 161 records could not be decoded"), describe(c).constData());
        QList<QByteArrayList> rows;
        QVERIFY(parseCsv(c.out, &rows));
        const QByteArrayList expected
            = fixtureLines(QStringLiteral("bankaccounts.zlib-aes.notifications.jsonl"));
        QCOMPARE(rows.size() - 1, expected.size());
        // Every other row equals the reference; row 17 has its columns, no state and the error.
        QByteArrayList withError = expected;
        const es::json::Value good = parse(expected[16]);
        withError[16] = QByteArrayLiteral("{\"error\": \"") + rows[17][6]
            + "\", \"id\": 17, \"originator_id\": \"" + good.find("originator_id")->toQString().toUtf8()
            + "\", \"originator_version\": "
            + QByteArray::number(good.find("originator_version")->toInteger()) + ", \"topic\": \""
            + good.find("topic")->toQString().toUtf8() + "\"}";
        const QByteArray mismatch = csvMatchesJsonl(rows, withError);
        QVERIFY2(mismatch.isEmpty(), mismatch.constData());
        QVERIFY2(rows[17][6].startsWith("cannot decrypt"), rows[17][6].constData());
        QVERIFY(rows[17][5].isEmpty());
        QCOMPARE(rows[16][4], QByteArray("encrypted+zlib"));
    }

    void getAtEveryVersion_data()
    {
        QTest::addColumn<QString>("id");
        // 37 versions, a snapshot at 34; 10 versions, closed at the last, a snapshot at 10.
        QTest::addRow("4713aead") << QStringLiteral("4713aead-4f88-4ae8-9503-c92e40897768");
        QTest::addRow("d7ef6638") << QStringLiteral("d7ef6638-da20-44da-860d-27e891ccbb47");
    }

    void getAtEveryVersion()
    {
        QFETCH(QString, id);
        const QString file = copy(QStringLiteral("bankaccounts.sqlite"));
        // The expected progression, from the reference events.
        struct Expected
        {
            qint64 balance = 0, overdraft = 0;
            bool closed = false;
            QString created, modified;
        };
        std::vector<Expected> progression;
        Expected s;
        for (const QByteArray &line : fixtureLines(QStringLiteral("bankaccounts.notifications.jsonl"))) {
            const es::json::Value e = parse(line);
            if (e.find("originator_id")->toQString() != id)
                continue;
            QCOMPARE(e.find("originator_version")->toInteger(), qint64(progression.size() + 1));
            const QString topic = e.find("topic")->toQString().section(QLatin1Char('.'), -1);
            const es::json::Value &state = *e.find("state");
            const QString at = state.find("timestamp")->find("_data_")->toQString();
            if (topic == QLatin1String("Opened"))
                s.created = at;
            else if (topic == QLatin1String("Credited"))
                s.balance += decimal4(state.find("amount")->find("_data_")->toQString());
            else if (topic == QLatin1String("Debited"))
                s.balance -= decimal4(state.find("amount")->find("_data_")->toQString());
            else if (topic == QLatin1String("OverdraftLimitSet"))
                s.overdraft = decimal4(state.find("overdraft_limit")->find("_data_")->toQString());
            else if (topic == QLatin1String("Closed"))
                s.closed = true;
            else
                QFAIL(qPrintable(topic));
            s.modified = at;
            progression.push_back(s);
        }
        QVERIFY(progression.size() >= 10);
        const qint64 last = qint64(progression.size());
        const QStringList url = {QStringLiteral("--url"), file, QStringLiteral("--json")};
        std::set<qint64> balances;
        for (qint64 v = 1; v <= last; ++v) {
            const Expected &x = progression[size_t(v - 1)];
            const Run r = esctl(
                url
                + QStringList {QStringLiteral("get"), id, QStringLiteral("--version"), QString::number(v)});
            QVERIFY2(r.exitCode == 0 && r.err.isEmpty(), describe(r).constData());
            const es::json::Value a = parse(r.out.trimmed());
            const es::json::Value &state = *a.find("state");
            const QByteArray at = "version " + QByteArray::number(v);
            QVERIFY2(a.find("version")->toInteger() == v, at.constData());
            QVERIFY2(a.find("id")->toQString() == id, at.constData());
            QVERIFY2(decimal4(state.find("balance")->find("_data_")->toQString()) == x.balance,
                     at.constData());
            QVERIFY2(decimal4(state.find("overdraft_limit")->find("_data_")->toQString()) == x.overdraft,
                     at.constData());
            QVERIFY2(state.find("is_closed")->toBool() == x.closed, at.constData());
            QVERIFY2(state.find("_created_on")->find("_data_")->toQString() == x.created, at.constData());
            QVERIFY2(state.find("_modified_on")->find("_data_")->toQString() == x.modified, at.constData());
            balances.insert(x.balance);
            // The same without snapshots (a replay of every event).
            const Run full = esctl(url
                                   + QStringList {QStringLiteral("get"), id, QStringLiteral("--version"),
                                                  QString::number(v), QStringLiteral("--no-snapshots")});
            QVERIFY2(full.exitCode == 0, describe(full).constData());
            QVERIFY2(parse(full.out.trimmed()) == a, at.constData());
        }
        QVERIFY(balances.size() > 3); // the balance does move

        // Version 0 and versions past the last are errors, not the nearest state.
        Run r = esctl(
            url + QStringList {QStringLiteral("get"), id, QStringLiteral("--version"), QStringLiteral("0")});
        QVERIFY2(r.exitCode == 1 && r.out.isEmpty() && oneErrorLine(r, "no events at or below version 0"),
                 describe(r).constData());
        for (const qint64 beyond : {last + 1, last + 1000}) {
            r = esctl(url
                      + QStringList {QStringLiteral("get"), id, QStringLiteral("--version"),
                                     QString::number(beyond)});
            QVERIFY2(r.exitCode == 1 && r.out.isEmpty()
                         && oneErrorLine(r,
                                         QStringLiteral("has no version %1 (its last version is %2)")
                                             .arg(beyond)
                                             .arg(last)
                                             .toUtf8()),
                     describe(r).constData());
        }
        r = esctl(url
                  + QStringList {QStringLiteral("diff"), id, QStringLiteral("1"), QString::number(last + 1)});
        QVERIFY2(r.exitCode == 1 && r.out.isEmpty() && oneErrorLine(r, "has no version"),
                 describe(r).constData());
    }

    void snapshotDiffersFromReplay()
    {
        // A snapshot planted with another balance and name: --check-snapshot says it differs, and
        // where; get (which starts from the snapshot) shows the planted state, --no-snapshots the
        // events'.
        const QString file = copy(QStringLiteral("bankaccounts.sqlite"));
        const QString id = QStringLiteral("4713aead-4f88-4ae8-9503-c92e40897768");
        const QStringList url = {QStringLiteral("--url"), file};
        Run r = esctl(url
                      + QStringList {QStringLiteral("--json"), QStringLiteral("get"), id,
                                     QStringLiteral("--version"), QStringLiteral("34")});
        QVERIFY2(r.exitCode == 0, describe(r).constData());
        const es::json::Value at34 = parse(r.out.trimmed());
        const QString realBalance = at34.find("state")->find("balance")->find("_data_")->toQString();
        QVERIFY(realBalance != QLatin1String("12345.67"));
        {
            inspecttest::RawSqlite raw(file);
            const QByteArray stored
                = raw.column(QStringLiteral("SELECT state FROM stored_snapshots WHERE "
                                            "originator_id = ? AND originator_version = 34"),
                             {QString(id).remove(QLatin1Char('-'))})
                      .value(0)
                      .toByteArray();
            QVERIFY(stored.contains("\"balance\""));
            QByteArray changed = stored;
            changed.replace(QByteArray("\"") + realBalance.toUtf8() + '"', "\"12345.67\"");
            changed.replace("\"Holder 8\"", "\"Somebody Else\"");
            QVERIFY(changed != stored);
            QCOMPARE(parse(changed).find("state")->find("full_name")->toQString(),
                     QStringLiteral("Somebody Else"));
            QVERIFY(
                raw.exec(QStringLiteral("UPDATE stored_snapshots SET state = ? WHERE originator_id = ? AND "
                                        "originator_version = 34"),
                         {changed, QString(id).remove(QLatin1Char('-'))}));
        }
        r = esctl(url + QStringList {QStringLiteral("get"), id, QStringLiteral("--check-snapshot")});
        QVERIFY2(r.exitCode == 1, describe(r).constData());
        QVERIFY2(r.out.startsWith("the snapshot at version 34 differs from a replay of the events:"),
                 r.out.constData());
        QCOMPARE(r.lines().size(), 3);
        const QByteArray expectedName = "  ~ state.full_name: \"Somebody Else\" -> \"Holder 8\"";
        const QByteArray expectedBalance
            = "  ~ state.balance: {\"_data_\": \"12345.67\", \"_type_\": \"decimal_str\"} -> "
              "{\"_data_\": \""
            + realBalance.toUtf8() + "\", \"_type_\": \"decimal_str\"}";
        QVERIFY2((r.lines()[1] == expectedName && r.lines()[2] == expectedBalance)
                     || (r.lines()[1] == expectedBalance && r.lines()[2] == expectedName),
                 r.out.constData());

        r = esctl(url
                  + QStringList {QStringLiteral("--json"), QStringLiteral("get"), id,
                                 QStringLiteral("--check-snapshot")});
        QCOMPARE(r.exitCode, 1);
        const es::json::Value c = parse(r.out.trimmed());
        QCOMPARE(c.find("matches")->toBool(), false);
        QCOMPARE(c.find("snapshot_version")->toInteger(), 34);
        QMap<QString, es::json::Value> changes;
        for (const auto &ch : c.find("changes")->array()) {
            QCOMPARE(ch.find("kind")->toQString(), QStringLiteral("changed"));
            changes.insert(ch.find("path")->toQString(), ch);
        }
        QCOMPARE(changes.keys(),
                 QStringList({QStringLiteral("state.balance"), QStringLiteral("state.full_name")}));
        QCOMPARE(changes[QStringLiteral("state.balance")].find("before")->find("_data_")->toQString(),
                 QStringLiteral("12345.67"));
        QCOMPARE(changes[QStringLiteral("state.balance")].find("after")->find("_data_")->toQString(),
                 realBalance);

        // get starts from the (planted) snapshot; a replay does not.
        r = esctl(url
                  + QStringList {QStringLiteral("--json"), QStringLiteral("get"), id,
                                 QStringLiteral("--version"), QStringLiteral("34")});
        QCOMPARE(parse(r.out.trimmed()).find("state")->find("full_name")->toQString(),
                 QStringLiteral("Somebody Else"));
        r = esctl(url
                  + QStringList {QStringLiteral("--json"), QStringLiteral("get"), id,
                                 QStringLiteral("--version"), QStringLiteral("34"),
                                 QStringLiteral("--no-snapshots")});
        QCOMPARE(parse(r.out.trimmed()), at34);

        // Another account's snapshot still matches.
        r = esctl(url
                  + QStringList {QStringLiteral("get"),
                                 QStringLiteral("d7ef6638-da20-44da-860d-27e891ccbb47"),
                                 QStringLiteral("--check-snapshot")});
        QVERIFY2(r.exitCode == 0 && r.out.contains("matches a replay"), describe(r).constData());
    }

    void helpAndVersion()
    {
        Run r = esctl({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *c : {"info", "apps", "aggregates", "events", "log", "snapshots", "tracking", "get",
                              "diff", "verify", "export", "serve"})
            QVERIFY2(r.out.contains(QByteArray("\n  ") + c + ' '), c);
        r = esctl({QStringLiteral("help"), QStringLiteral("export")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("usage: esctl [--url URL]"));
        QVERIFY(r.out.contains("--format"));
        r = esctl({QStringLiteral("log"), QStringLiteral("--help")});
        QVERIFY(r.exitCode == 0 && r.out.contains("--backward"));
        r = esctl({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("esctl " ES_VERSION_STRING));
    }
};

QTEST_GUILESS_MAIN(TestEsctl)
#include "tst_esctl.moc"
