// `es-inspector --demo` (what `make run` opens): the demo store is written into the data folder the
// first time — every example application, the bank accounts encrypted — and opened with its key, so
// that every record reads; the second time it opens at once. A screenshot of it is written.
#include "demostore.h"
#include "inspectortesting.h"
#include "widgets/badge.h"
#include "models/logmodel.h"
#include "widgets/logpage.h"

#include <QtTest>

class TestInspectorDemo : public QObject
{
    Q_OBJECT
    QTemporaryDir m_settings;

private slots:
    void initTestCase()
    {
        es::test::isolateInspector(m_settings.path());
        QDir(DemoStore::directory()).removeRecursively();
    }

    void writesOpensAndReadsTheDemo()
    {
        MainWindow window(false);
        window.resize(1400, 900);
        window.show();
        StoreTab *tab = nullptr;
        DemoStore::ensure(&window, [&](const QString &dir) { tab = window.openStore(dir); });
        QVERIFY(QTest::qWaitFor([&] { return tab != nullptr; }, 120000));
        QVERIFY(QTest::qWaitFor([&] { return tab->state() != StoreTab::State::Opening; }, 30000));
        QCOMPARE(tab->state(), StoreTab::State::Open);
        QVERIFY(es::test::waitCounts(tab));
        QCOMPARE(tab->applicationsModel()->rowCount(), 7);
        QVERIFY(QFileInfo::exists(DemoStore::directory() + QStringLiteral("/bankaccounts.key")));
        QVERIFY(!QFileInfo::exists(DemoStore::directory() + QStringLiteral(".partial")));

        // The encrypted bank accounts open with the demo's key: every row of the log reads.
        tab->setApplication(QStringLiteral("bankaccounts"));
        QTRY_COMPARE_WITH_TIMEOUT(tab->keyBadge()->text(), QStringLiteral("ENCRYPTED · KEY OK"), 30000);
        tab->showPage(StoreTab::LogView);
        auto *log = tab->logPage()->model();
        QVERIFY(QTest::qWaitFor([&] { return log->rowCount() > 20 && !log->isLoading(); }, 30000));
        for (int r = 0; r < 20; ++r)
            QVERIFY2(log->index(r, 0).data(es::gui::ProblemRole).toString().isEmpty(),
                     qPrintable(log->index(r, 0).data(es::gui::ProblemRole).toString()));
        tab->showPage(StoreTab::ApplicationsView);
        QVERIFY(!es::test::screenshot(&window, QStringLiteral("demo")).isEmpty());
    }

    void opensAnExistingDemoAtOnce()
    {
        MainWindow window(false);
        bool opened = false;
        DemoStore::ensure(&window, [&](const QString &) { opened = true; });
        QVERIFY(opened); // no writing: the callback ran before ensure() returned
    }
};

QTEST_MAIN(TestInspectorDemo)
#include "tst_inspector_demo.moc"
