// The inspector's translations: every message of every translations/es-inspector_<lang>.ts is
// translated and keeps its source's placeholders, HTML tags and accelerator; the German one is in
// the resources and the window speaks it (a screenshot, inspector-de-*.png, to look at).

#include "inspectortesting.h"
#include "models/cataloguemodel.h"
#include "widgets/aggregatespage.h"
#include "widgets/badge.h"
#include "widgets/storetab.h"

#include <QDirIterator>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

struct Message
{
    QString context;
    QString source;
    QStringList translations; // one, or the numerus forms
    bool unfinished = false;
    qint64 line = 0;
};

// The messages of a .ts file (obsolete and vanished ones left out: they are not shipped).
std::vector<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    std::vector<Message> out;
    QXmlStreamReader xml(&file);
    QString context;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            Message m;
            m.context = context;
            m.line = xml.lineNumber();
            while (!(xml.isEndElement() && xml.name() == QLatin1String("message")) && !xml.atEnd()) {
                xml.readNext();
                if (!xml.isStartElement())
                    continue;
                if (xml.name() == QLatin1String("source")) {
                    m.source = xml.readElementText();
                } else if (xml.name() == QLatin1String("translation")) {
                    const QStringView type = xml.attributes().value(QLatin1String("type"));
                    if (type == QLatin1String("obsolete") || type == QLatin1String("vanished"))
                        m.source.clear();
                    m.unfinished = type == QLatin1String("unfinished");
                    // Its text, or its numerus forms.
                    QString text;
                    while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                        xml.readNext();
                        if (xml.isCharacters())
                            text += xml.text();
                        else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                            m.translations << xml.readElementText();
                    }
                    if (m.translations.isEmpty())
                        m.translations << text;
                }
            }
            if (!m.source.isEmpty())
                out.push_back(m);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

// %1…%99, %L1, %n, %Ln, sorted.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%L?(\\d{1,2}|n)"));
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out << it.next().captured(0);
    out.sort();
    return out;
}

QStringList tags(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("</?[a-zA-Z][^>]*>"));
    QStringList out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out << it.next().captured(0);
    return out;
}

// Single '&' (an accelerator), not "&&" (a literal ampersand).
int accelerators(const QString &text)
{
    int n = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        ++n;
    }
    return n;
}

QStringList translationFiles()
{
    QStringList out;
    QDirIterator it(QStringLiteral(ES_TRANSLATIONS_DIR), {QStringLiteral("es-inspector_*.ts")});
    while (it.hasNext())
        out << it.next();
    out.sort();
    return out;
}

} // namespace

class TestInspectorI18n : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_settings;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_settings.isValid());
        es::test::isolateInspector(m_settings.path());
    }

    void everyMessageIsTranslated_data()
    {
        QTest::addColumn<QString>("path");
        const QStringList files = translationFiles();
        QVERIFY(files.size() >= 2); // English (plural forms) and German at least
        for (const QString &f : files)
            QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
    }

    void everyMessageIsTranslated()
    {
        QFETCH(QString, path);
        QString error;
        const std::vector<Message> messages = readTs(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(messages.size() > 300);
        const bool english = path.endsWith(QLatin1String("_en.ts"));
        QStringList problems;
        for (const Message &m : messages) {
            const QString where = QStringLiteral("%1:%2 [%3] \"%4\"").arg(QFileInfo(path).fileName()).arg(m.line).arg(m.context, m.source);
            // English only carries plural forms; the source texts are English already.
            if (english && m.translations.size() < 2)
                continue;
            if (m.unfinished || m.translations.isEmpty()) {
                problems << where + QStringLiteral(": not translated");
                continue;
            }
            for (const QString &t : m.translations) {
                if (t.trimmed().isEmpty())
                    problems << where + QStringLiteral(": empty");
                else if (placeholders(t) != placeholders(m.source)
                         && !(m.translations.size() > 1 && placeholders(t + QStringLiteral("%n")) == placeholders(m.source)))
                    problems << where + QStringLiteral(": placeholders %1 in \"%2\"").arg(placeholders(t).join(u' '), t);
                else if (tags(t) != tags(m.source))
                    problems << where + QStringLiteral(": HTML tags differ in \"%1\"").arg(t);
                else if (accelerators(t) != accelerators(m.source))
                    problems << where + QStringLiteral(": accelerators differ in \"%1\"").arg(t);
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    // The German messages are compiled into the resources, and the window speaks them.
    void theWindowSpeaksGerman()
    {
        QTranslator german;
        QVERIFY(german.load(QStringLiteral(":/i18n/es-inspector_de")));
        QVERIFY(!german.isEmpty());
        QVERIFY(installInspectorTranslations(QLocale(QLocale::German, QLocale::Germany)));
        const auto restoreEnglish = qScopeGuard([] {
            for (QTranslator *t : qApp->findChildren<QTranslator *>())
                QCoreApplication::removeTranslator(t);
            installInspectorTranslations(QLocale(QLocale::English, QLocale::UnitedStates));
        });

        MainWindow window(false);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QStringList menus;
        for (QAction *a : window.menuBar()->actions())
            menus << a->text();
        QVERIFY2(menus.contains(QStringLiteral("&Datei")), qPrintable(menus.join(u' ')));
        // Plural forms in German.
        QCOMPARE(QCoreApplication::translate("AggregatesPage", "All %n matching aggregate(s) listed.", nullptr, 1),
                 QStringLiteral("1 passendes Aggregat aufgelistet."));
        QCOMPARE(QCoreApplication::translate("AggregatesPage", "All %n matching aggregate(s) listed.", nullptr, 12),
                 QStringLiteral("Alle 12 passenden Aggregate aufgelistet."));

        QVERIFY(!es::test::screenshot(&window, QStringLiteral("de-start")).isEmpty());

        ES_REQUIRE_FIXTURES();
        QDir().mkpath(m_dir.filePath(QStringLiteral("c")));
        const QString store = es::test::copyFixture(QStringLiteral("bankaccounts.sqlite"), m_dir.filePath(QStringLiteral("c")));
        StoreTab *tab = es::test::openAndWait(window, store);
        QVERIFY(tab);
        QCOMPARE(tab->state(), StoreTab::State::Open);
        QVERIFY(es::test::waitCounts(tab));
        auto *model = tab->aggregatesPage()->model();
        QVERIFY(es::test::fetchAll(*model));
        QVERIFY(es::test::waitSessionIdle(tab));
        QCOMPARE(tab->readOnlyBadge()->text(), QStringLiteral("SCHREIBGESCHÜTZT"));
        QVERIFY(!es::test::screenshot(&window, QStringLiteral("de-aggregates")).isEmpty());
        tab->showPage(StoreTab::LogView);
        QVERIFY(es::test::waitSessionIdle(tab));
        QVERIFY(!es::test::screenshot(&window, QStringLiteral("de-log")).isEmpty());
    }
};

QTEST_MAIN(TestInspectorI18n)
#include "tst_inspector_i18n.moc"
