// The wiki's normal-format diff and patch (Python's wiki stores `diff old new` and applies it with
// `patch`): known GNU diff outputs byte for byte, round trips on generated texts (empty texts,
// missing final newlines, unicode, carriage returns), malformed diffs, and — with the real GNU
// diff and patch run through QProcess on temp files — many generated cases: our patch applies
// GNU's diff, GNU patch applies ours, ours is never longer, and the hunks are GNU's.
#include "wiki/diff.h"

#include "fixtures.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using wiki::applyPatch;
using wiki::createDiff;

namespace {

// Edit lines ("< " and "> ") in a normal diff.
int editLines(const QString &diff)
{
    int n = 0;
    for (const QString &l : diff.split(QLatin1Char('\n'))) {
        if (l.startsWith(QLatin1String("< ")) || l.startsWith(QLatin1String("> ")))
            ++n;
    }
    return n;
}

// A random text of `lines` lines drawn from `alphabet`, sometimes without its final newline.
QString randomText(QRandomGenerator &rng, const QStringList &alphabet, int maxLines)
{
    const int lines = static_cast<int>(rng.bounded(maxLines + 1));
    QString s;
    for (int i = 0; i < lines; ++i) {
        s += alphabet.at(static_cast<int>(rng.bounded(alphabet.size())));
        s += QLatin1Char('\n');
    }
    if (!s.isEmpty() && rng.bounded(3) == 0)
        s.chop(1);
    return s;
}

// `text` with a few random line edits (insert, delete, replace) from `alphabet`.
QString mutate(QRandomGenerator &rng, const QString &text, const QStringList &alphabet)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    const bool finalNewline = text.endsWith(QLatin1Char('\n'));
    if (finalNewline || text.isEmpty())
        lines.removeLast();
    const int edits = 1 + static_cast<int>(rng.bounded(4));
    for (int e = 0; e < edits; ++e) {
        const int at = static_cast<int>(rng.bounded(lines.size() + 1));
        const QString word = alphabet.at(static_cast<int>(rng.bounded(alphabet.size())));
        switch (rng.bounded(3)) {
        case 0:
            lines.insert(at, word);
            break;
        case 1:
            if (at < lines.size())
                lines.removeAt(at);
            break;
        default:
            if (at < lines.size())
                lines[at] = word;
            else
                lines.append(word);
        }
    }
    QString out = lines.join(QLatin1Char('\n'));
    if (!lines.isEmpty() && (rng.bounded(4) != 0 ? finalNewline : !finalNewline))
        out += QLatin1Char('\n');
    return out;
}

} // namespace

class TestWikiDiff : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_diff;
    QString m_patch;

    // The C locale: a translated diff would write its "\ No newline" line in another language
    // (GNU patch comes with build-essential, through dpkg-dev; diffutils is essential).
    static QProcessEnvironment cLocale()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
        return env;
    }

    bool writeFile(const QString &name, const QString &text)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        return f.write(text.toUtf8()) == text.toUtf8().size();
    }

    QString readFile(const QString &name)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            return QStringLiteral("<unreadable>");
        return QString::fromUtf8(f.readAll());
    }

    // Python's create_diff: `diff old new`.
    QString gnuDiff(const QString &oldText, const QString &newText)
    {
        if (!writeFile(QStringLiteral("old"), oldText) || !writeFile(QStringLiteral("new"), newText))
            return QStringLiteral("<cannot write>");
        QProcess p;
        p.setProcessEnvironment(cLocale());
        p.start(m_diff, {m_dir.filePath(QStringLiteral("old")), m_dir.filePath(QStringLiteral("new"))});
        if (!p.waitForFinished(10000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() > 1)
            return QStringLiteral("<diff failed>");
        return QString::fromUtf8(p.readAllStandardOutput());
    }

    // Python's apply_patch: `patch -s old diff -o out`.
    QString gnuPatch(const QString &oldText, const QString &diff)
    {
        if (!writeFile(QStringLiteral("orig"), oldText) || !writeFile(QStringLiteral("patch"), diff))
            return QStringLiteral("<cannot write>");
        QFile::remove(m_dir.filePath(QStringLiteral("out")));
        QProcess p;
        p.setProcessEnvironment(cLocale());
        p.start(m_patch,
                {QStringLiteral("-s"), m_dir.filePath(QStringLiteral("orig")),
                 m_dir.filePath(QStringLiteral("patch")), QStringLiteral("-o"),
                 m_dir.filePath(QStringLiteral("out"))});
        if (!p.waitForFinished(10000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            return QStringLiteral("<patch failed: %1>").arg(QString::fromUtf8(p.readAllStandardError()));
        return readFile(QStringLiteral("out"));
    }

    bool requireTools()
    {
        if (!m_diff.isEmpty() && !m_patch.isEmpty())
            return true;
        const char *why = "GNU diff and patch are not installed (apt-get install diffutils patch)";
        if (es::test::inCI())
            QTest::qFail(why, __FILE__, __LINE__);
        else
            QTest::qSkip(why, __FILE__, __LINE__);
        return false;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_diff = QStandardPaths::findExecutable(QStringLiteral("diff"));
        m_patch = QStandardPaths::findExecutable(QStringLiteral("patch"));
    }

    // What GNU diff 3.8 writes for these (checked by hand against `diff`), and what Python's wiki
    // test stores.
    void knownOutputs_data()
    {
        QTest::addColumn<QString>("oldText");
        QTest::addColumn<QString>("newText");
        QTest::addColumn<QString>("expected");
        const QString nonl = QStringLiteral("\\ No newline at end of file\n");
        QTest::newRow("equal") << "same\n"
                               << "same\n"
                               << "";
        QTest::newRow("both empty") << ""
                                    << ""
                                    << "";
        QTest::newRow("from empty") << ""
                                    << "Welcome to my wiki"
                                    << "0a1\n> Welcome to my wiki\n" + nonl;
        QTest::newRow("to empty") << "a\nb\n"
                                  << ""
                                  << "1,2d0\n< a\n< b\n";
        QTest::newRow("one line changed")
            << "Welcome to my wiki"
            << "Welcome to this wiki"
            << "1c1\n< Welcome to my wiki\n" + nonl + "---\n> Welcome to this wiki\n" + nonl;
        QTest::newRow("one line to four") << "Welcome to this wiki"
                                          << "\nWelcome to this wiki!\n\nThis is a wiki about...\n"
                                          << "1c1,4\n< Welcome to this wiki\n" + nonl
                + "---\n> \n> Welcome to this wiki!\n> \n> This is a wiki about...\n";
        QTest::newRow("last line") << "\nWelcome to this wiki!\n\nThis is a wiki about...\n"
                                   << "\nWelcome to this wiki!\n\nThis is a wiki about us!\n"
                                   << "4c4\n< This is a wiki about...\n---\n> This is a wiki about us!\n";
        QTest::newRow("newline added") << "a"
                                       << "a\n"
                                       << "1c1\n< a\n" + nonl + "---\n> a\n";
        QTest::newRow("newline removed") << "a\n"
                                         << "a"
                                         << "1c1\n< a\n---\n> a\n" + nonl;
        QTest::newRow("delete middle") << "a\nb\nc\n"
                                       << "a\nc\n"
                                       << "2d1\n< b\n";
        QTest::newRow("append") << "a\n"
                                << "a\nb\nc\n"
                                << "1a2,3\n> b\n> c\n";
        QTest::newRow("prepend") << "c\n"
                                 << "a\nb\nc\n"
                                 << "0a1,2\n> a\n> b\n";
        QTest::newRow("two hunks") << "a\nb\nc\nd\ne\n"
                                   << "a\nB\nc\nd\n"
                                   << "2c2\n< b\n---\n> B\n5d4\n< e\n";
        QTest::newRow("slid insertion") << "a\nb\n"
                                        << "a\nb\na\nb\n"
                                        << "2a3,4\n> a\n> b\n";
        QTest::newRow("slid deletion") << "x\nx\nx\n"
                                       << "x\n"
                                       << "2,3d1\n< x\n< x\n";
        QTest::newRow("unicode") << "grüße\n日本\n"
                                 << "grüße\n日本語\n🙂\n"
                                 << "2c2,3\n< 日本\n---\n> 日本語\n> 🙂\n";
    }
    void knownOutputs()
    {
        QFETCH(QString, oldText);
        QFETCH(QString, newText);
        QFETCH(QString, expected);
        QCOMPARE(createDiff(oldText, newText), expected);
        QCOMPARE(applyPatch(oldText, expected), newText);
        if (!m_diff.isEmpty())
            QCOMPARE(gnuDiff(oldText, newText), expected);
    }

    void roundTrips()
    {
        QRandomGenerator rng(20260101);
        const QStringList small {"a", "b", "c", ""};
        const QStringList words {"alpha", "beta",   "gamma",      "delta",     "",     " ",
                                 "grüße", "日本語", "🙂 emoji", "tab\there", "cr\r", "\\ backslash",
                                 "< lt",  "> gt",   "---",        "1a2",       "x"};
        int cases = 0;
        for (int i = 0; i < 3000; ++i) {
            const QStringList &alphabet = (i % 2) ? small : words;
            const QString a = randomText(rng, alphabet, 12);
            const QString b = (i % 3 == 0) ? randomText(rng, alphabet, 12) : mutate(rng, a, alphabet);
            const QString d = createDiff(a, b);
            QCOMPARE(d.isEmpty(), a == b);
            QCOMPARE(applyPatch(a, d), b);
            QCOMPARE(applyPatch(b, createDiff(b, a)), a);
            ++cases;
        }
        QCOMPARE(cases, 3000);
        // Long texts with scattered edits: the linear-space recursion on bigger inputs.
        QString big;
        for (int i = 0; i < 5000; ++i)
            big += QStringLiteral("line %1\n").arg(i % 700);
        QString edited = big;
        edited.replace(QStringLiteral("line 5\n"), QStringLiteral("line five\n"));
        edited.insert(0, QStringLiteral("head\n"));
        edited.chop(1);
        const QString d = createDiff(big, edited);
        QCOMPARE(applyPatch(big, d), edited);
        QCOMPARE(editLines(d), 2 * 8 + 1 + 2); // 8 lines "line 5" replaced, one inserted, last changed
    }

    void malformedDiffs_data()
    {
        QTest::addColumn<QString>("oldText");
        QTest::addColumn<QString>("diff");
        QTest::newRow("garbage") << "a\n"
                                 << "hello\n";
        QTest::newRow("wrong removed line") << "a\nb\n"
                                            << "2d1\n< c\n";
        QTest::newRow("removed line lacks newline") << "a\nb\n"
                                                    << "2d1\n< b\n\\ No newline at end of file\n";
        QTest::newRow("beyond the end") << "a\n"
                                        << "3d2\n< c\n";
        QTest::newRow("out of order") << "a\nb\nc\n"
                                      << "3d2\n< c\n1d0\n< a\n";
        QTest::newRow("missing separator") << "a\n"
                                           << "1c1\n< a\n> b\n";
        QTest::newRow("truncated") << "a\n"
                                   << "1a2,3\n> b\n";
        QTest::newRow("zero line change") << "a\n"
                                          << "0c1\n< a\n---\n> b\n";
        QTest::newRow("bad range") << "a\nb\n"
                                   << "2,1d0\n< a\n";
        QTest::newRow("huge number") << "a\n"
                                     << "99999999999999999999999a1\n> b\n";
    }
    void malformedDiffs()
    {
        QFETCH(QString, oldText);
        QFETCH(QString, diff);
        QVERIFY_THROWS_EXCEPTION(wiki::PatchError, applyPatch(oldText, diff));
    }

    // Generated cases against the real tools: what Python's wiki writes and reads.
    void againstGnuDiffAndPatch()
    {
        if (!requireTools())
            return;
        QRandomGenerator rng(4242);
        const QStringList small {"a", "b", "c", ""};
        const QStringList words {"alpha", "beta", "gamma", "delta", "",      "grüße", "日本語",
                                 "🙂",  "x",    "y",     "cr\r",  "tab\t", " "};
        const int total = 600;
        int identical = 0;
        QStringList differing;
        for (int i = 0; i < total; ++i) {
            const QStringList &alphabet = (i % 2) ? small : words;
            const QString a = randomText(rng, alphabet, 10);
            const QString b = (i % 3 == 0) ? randomText(rng, alphabet, 10) : mutate(rng, a, alphabet);
            const QString gnu = gnuDiff(a, b);
            const QString ours = createDiff(a, b);
            // Reading a Python-written record: our patch applies GNU's diff.
            QCOMPARE(applyPatch(a, gnu), b);
            // Python reading a C++-written record: GNU patch applies our diff.
            QCOMPARE(gnuPatch(a, ours), b);
            // Both are minimal edit scripts; ours is never longer.
            QVERIFY2(editLines(ours) <= editLines(gnu),
                     qPrintable(QStringLiteral("case %1:\n%2\nvs GNU\n%3").arg(i).arg(ours, gnu)));
            if (ours == gnu)
                ++identical;
            else if (differing.size() < 5)
                differing.append(QStringLiteral("case %1: old %2 new %3\nours:\n%4GNU:\n%5")
                                     .arg(i)
                                     .arg(QString::fromUtf8(a.toUtf8().toPercentEncoding()),
                                          QString::fromUtf8(b.toUtf8().toPercentEncoding()), ours, gnu));
        }
        qInfo("%d of %d generated diffs identical to GNU diff's", identical, total);
        for (const QString &d : differing)
            qInfo("%s", qPrintable(d));
        QCOMPARE(identical, total);
    }

    // Longer texts: lines that recur many times (GNU diff leaves some of them out of its search),
    // long runs of changes, and edit scripts too long for a minimal search (GNU diff then splits
    // at the furthest point reached: the diff is no longer minimal, and must still be GNU's).
    void againstGnuDiffLongTexts_data()
    {
        QTest::addColumn<int>("lines");
        QTest::addColumn<int>("alphabet");
        QTest::addColumn<int>("cases");
        QTest::addColumn<bool>("freshLines"); // edits bring lines the old text does not have
        QTest::newRow("100 lines, 3 kinds") << 100 << 3 << 40 << false;
        QTest::newRow("100 lines, 3 kinds, new lines") << 100 << 3 << 40 << true;
        QTest::newRow("200 lines, 8 kinds") << 200 << 8 << 40 << false;
        QTest::newRow("300 lines, 2 kinds, new lines") << 300 << 2 << 40 << true;
        QTest::newRow("400 lines, 40 kinds") << 400 << 40 << 30 << false;
        QTest::newRow("1500 lines, 600 kinds") << 1500 << 600 << 10 << false;
        QTest::newRow("1500 lines, 4 kinds, new lines") << 1500 << 4 << 10 << true;
        QTest::newRow("300 lines, runs of unique lines with a frequent one") << 300 << -1 << 40 << true;
        QTest::newRow("2000 lines, runs of unique lines with a frequent one") << 2000 << -1 << 5 << true;
        QTest::newRow("12000 lines, unrelated, few matches") << 12000 << 100000 << 1 << false;
        QTest::newRow("12000 lines, unrelated, beyond the cost limit") << 12000 << 3000 << 1 << false;
    }
    void againstGnuDiffLongTexts()
    {
        if (!requireTools())
            return;
        QFETCH(int, lines);
        QFETCH(int, alphabet);
        QFETCH(int, cases);
        QFETCH(bool, freshLines);
        QRandomGenerator rng(static_cast<quint32>(lines * 31 + alphabet + (freshLines ? 7 : 0)));
        QStringList words;
        for (int w = 0; w < std::min(alphabet, 2000); ++w)
            words.append(QStringLiteral("w%1").arg(w));
        QStringList fresh = words;
        for (int w = 0; w < 400; ++w)
            fresh.append(QStringLiteral("new%1").arg(w));
        auto text = [&](int count) {
            QString s;
            for (int i = 0; i < count; ++i) {
                s += alphabet > 2000 ? QStringLiteral("u%1").arg(rng.bounded(alphabet))
                                     : words.at(static_cast<int>(rng.bounded(words.size())));
                s += QLatin1Char('\n');
            }
            return s;
        };
        // Lines found only in their own text, with a line common to both every few lines: GNU diff
        // leaves the common line out of its search where it sits inside a long run of the others.
        int unique = 0;
        auto confusing = [&](int count, const char *prefix) {
            QString s;
            for (int i = 0; i < count; ++i) {
                s += rng.bounded(6) == 0 ? QStringLiteral("common")
                                         : QStringLiteral("%1%2").arg(QLatin1String(prefix)).arg(++unique);
                s += QLatin1Char('\n');
            }
            return s;
        };
        int identical = 0;
        for (int c = 0; c < cases; ++c) {
            QString a = alphabet < 0 ? confusing(lines, "old") : text(lines);
            QString b;
            if (alphabet < 0) {
                // Shared stretches too, so that there is something to line up.
                const QString shared = confusing(lines / 4, "shared");
                a.insert(a.indexOf(QLatin1Char('\n'), a.size() / 3) + 1, shared);
                b = confusing(lines / 2, "new") + shared + confusing(lines / 2, "new");
            } else if (alphabet > 2000) {
                b = text(lines);
            } else {
                b = a;
                for (int e = 0; e < 1 + lines / 10; ++e)
                    b = mutate(rng, b, freshLines ? fresh : words);
            }
            const QString gnu = gnuDiff(a, b);
            const QString ours = createDiff(a, b);
            QCOMPARE(applyPatch(a, gnu), b);
            QCOMPARE(applyPatch(a, ours), b);
            if (ours == gnu)
                ++identical;
            else if (identical == c)
                qInfo("first difference in case %d: %d edit lines vs GNU's %d", c, editLines(ours),
                      editLines(gnu));
        }
        qInfo("%d of %d identical to GNU diff's", identical, cases);
        QCOMPARE(identical, cases);
    }
};

QTEST_GUILESS_MAIN(TestWikiDiff)
#include "tst_wiki_diff.moc"
