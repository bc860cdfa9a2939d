// The Event Store Inspector's main window on the Python-written reference stores (copies): the start
// page; each store shows the right numbers of applications, aggregates, notifications and snapshots;
// one aggregate with its events, typed JSON tree, state slider, diff and snapshot check; the log with a
// gap, jumps and sections; a store without its key, with a wrong key and with a damaged record showing
// the per-row reasons; garbage, missing and empty files failing with their reason while other tabs stay
// open; shortcuts, copy as JSON, recent stores; the connection and cipher key dialogs. Each main view
// is written as a PNG to es::test::outputDir() (inspector-*.png).
#include "appsettings.h"
#include "bankaccounts/application.h"
#include "commandline.h"
#include "dialogs/cipherkeydialog.h"
#include "dialogs/connectiondialog.h"
#include "es/infrastructure.h"
#include "es/persistence.h"
#include "es/remotelog.h"
#include "es/uuid.h"
#include "inspectortesting.h"
#include "models/cataloguemodel.h"
#include "models/eventsmodel.h"
#include "models/findingsmodel.h"
#include "models/jsondiffmodel.h"
#include "models/jsontreemodel.h"
#include "models/logmodel.h"
#include "models/logsectionmodel.h"
#include "models/snapshotsmodel.h"
#include "models/trackingmodel.h"
#include "secrets.h"
#include "widgets/aggregatepage.h"
#include "widgets/aggregatespage.h"
#include "widgets/applicationspage.h"
#include "widgets/badge.h"
#include "widgets/jsontreeview.h"
#include "widgets/logpage.h"
#include "widgets/recorddetail.h"
#include "widgets/recordtable.h"
#include "widgets/snapshotspage.h"
#include "widgets/startpage.h"
#include "widgets/trackingpage.h"
#include "widgets/verifypage.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFrame>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSlider>
#include <QSplitter>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTabWidget>
#include <QThread>
#include <QTimeZone>
#include <QTimer>
#include <QtTest>

using namespace es::test;
using es::gui::RowKind;

namespace {

// Deletes notifications from a copied store, as rolled back inserts leave ids unused. Only tests
// touch stores with SQL.
bool deleteNotifications(const QString &path, qint64 from, qint64 to)
{
    const QString name = QStringLiteral("gap-%1").arg(from);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("DELETE FROM stored_events WHERE rowid BETWEEN ? AND ?"));
            q.addBindValue(from);
            q.addBindValue(to);
            ok = q.exec();
            if (!ok)
                qWarning("%s", qPrintable(q.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

// Runs one statement on a copied store (the test's own file) and gives the first column of its rows.
// Only tests touch stores with SQL.
QVariantList sql(const QString &path, const QString &statement, const QVariantList &binds = {},
                 bool *ok = nullptr)
{
    const QString name = QStringLiteral("sql-%1").arg(QRandomGenerator::global()->generate());
    QVariantList out;
    bool done = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(statement);
            for (const QVariant &b : binds)
                q.addBindValue(b);
            done = q.exec();
            if (!done)
                qWarning("%s: %s", qPrintable(statement), qPrintable(q.lastError().text()));
            while (done && q.next())
                out << q.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (ok)
        *ok = done;
    return out;
}

// Clicks a header section of a table, as the user does.
void clickHeader(QTableView *table, int section)
{
    QHeaderView *header = table->horizontalHeader();
    const QPoint at(header->sectionViewportPosition(section) + header->sectionSize(section) / 2,
                    header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
}

// A plain JSON state as Python's library writes it, for stores the tests write with the recorders.
QByteArray plainState(int i)
{
    return QStringLiteral("{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": "
                          "\"2024-05-01T12:00:%1.000001+00:00\"}, \"originator_topic\": \"tests:Thing\"}")
        .arg(i % 60, 2, 10, QLatin1Char('0'))
        .toUtf8();
}

QJsonObject jsonObject(const QByteArray &line)
{
    return QJsonDocument::fromJson(line).object();
}

int countLines(const QString &jsonl)
{
    return static_cast<int>(jsonlLines(fixture(jsonl)).size());
}

int countKeys(const QString &json)
{
    return static_cast<int>(QJsonDocument::fromJson(readFile(fixture(json))).object().size());
}

} // namespace

class TestInspector : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_settings;

    QString copy(const QString &name)
    {
        QDir().mkpath(m_dir.filePath(QStringLiteral("c%1").arg(++m_copies)));
        return copyFixture(name, m_dir.filePath(QStringLiteral("c%1").arg(m_copies)));
    }
    int m_copies = 0;

    static void prepare(MainWindow &window)
    {
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_settings.isValid());
        isolateInspector(m_settings.path());
    }

    void init() { AppSettings::clearRecentStores(); }

    // --- start page, recent stores, command line ------------------------------------------------

    void startPageListsOpenActionsAndRecentStores()
    {
        AppSettings::addRecentStore(QStringLiteral("postgresql://eventsourcing:secret@db.example:5432/bank"));
        AppSettings::addRecentStore(QStringLiteral("/data/stores/bankaccounts.sqlite"));
        const QStringList recent = AppSettings::recentStores();
        QCOMPARE(recent.size(), 2);
        QCOMPARE(recent.first(), QStringLiteral("/data/stores/bankaccounts.sqlite"));
        QVERIFY2(!recent.last().contains(QLatin1String("secret")),
                 "a password must never reach the settings");

        MainWindow window(false);
        prepare(window);
        QCOMPARE(window.storeCount(), 0);
        QVERIFY(window.startPage()->isVisible());
        QCOMPARE(window.startPage()->recentList()->count(), 2);
        QCOMPARE(window.countsLabel()->text(), QString());
        QVERIFY(!screenshot(&window, QStringLiteral("start-page")).isEmpty());
    }

    void openingARecentStoreFromTheStartPage()
    {
        const QString path = copy(QStringLiteral("invoice.sqlite"));
        AppSettings::addRecentStore(path);
        MainWindow window(false);
        prepare(window);
        QListWidget *list = window.startPage()->recentList();
        QCOMPARE(list->item(0)->data(Qt::UserRole).toString(), path);
        list->setFocus();
        list->setCurrentRow(0);
        QTest::keyClick(list, Qt::Key_Return);
        QTRY_COMPARE(window.storeCount(), 1);
        QTRY_COMPARE(window.currentStore()->state(), StoreTab::State::Open);
        QVERIFY(window.tabs()->isVisible());
        QCOMPARE(window.currentStore()->session()->applicationNames(),
                 QStringList {QStringLiteral("invoice")});
    }

    // --- the reference stores' numbers ------------------------------------------------------------

    void storesGivenOnTheCommandLineOpenInTabs()
    {
        ES_REQUIRE_FIXTURES();
        const QString bank = copy(QStringLiteral("bankaccounts.sqlite"));
        const QString invoice = copy(QStringLiteral("invoice.sqlite"));
        // The invoice store by a path relative to the current folder, as a shell gives it.
        const QString cwd = QDir::currentPath();
        QVERIFY(QDir::setCurrent(QFileInfo(invoice).absolutePath()));
        auto restore = qScopeGuard([&] { QDir::setCurrent(cwd); });
        InspectorOptions options;
        QString error;
        QVERIFY(parseInspectorArguments({QStringLiteral("es-inspector"), QStringLiteral("--no-keychain"),
                                         bank, QFileInfo(invoice).fileName()},
                                        &options, &error));
        QVERIFY(!options.useKeychain);
        QVERIFY(!options.demo);
        QCOMPARE(options.stores, QStringList({bank, QFileInfo(invoice).fileName()}));
        QCOMPARE(storeArgument(QFileInfo(invoice).fileName()), QFileInfo(invoice).absoluteFilePath());
        QCOMPARE(storeArgument(QStringLiteral("postgresql://u@h:5432/db")),
                 QStringLiteral("postgresql://u@h:5432/db"));
        QVERIFY(!parseInspectorArguments({QStringLiteral("es-inspector"), QStringLiteral("--bogus")},
                                         &options, &error));
        QVERIFY2(error.contains(QLatin1String("bogus")), qPrintable(error));
        QVERIFY(parseInspectorArguments({QStringLiteral("es-inspector"), bank, QFileInfo(invoice).fileName()},
                                        &options));
        QVERIFY(options.useKeychain);

        MainWindow window(false);
        prepare(window);
        const QList<StoreTab *> tabs = openCommandLineStores(window, options);
        restore.dismiss();
        QDir::setCurrent(cwd);
        QCOMPARE(tabs.size(), 2);
        QCOMPARE(window.storeCount(), 2);
        for (StoreTab *tab : tabs)
            QTRY_VERIFY_WITH_TIMEOUT(tab->state() != StoreTab::State::Opening, 30000);
        QCOMPARE(tabs.at(0)->state(), StoreTab::State::Open);
        QCOMPARE(tabs.at(1)->state(), StoreTab::State::Open);
        QCOMPARE(tabs.at(0)->application(), QStringLiteral("bankaccounts"));
        QCOMPARE(tabs.at(1)->application(), QStringLiteral("invoice"));
        QCOMPARE(QFileInfo(tabs.at(1)->url()).canonicalFilePath(), QFileInfo(invoice).canonicalFilePath());
        QCOMPARE(window.tabs()->currentWidget(), tabs.at(1));
        QVERIFY(fetchAll(*tabs.at(1)->aggregatesPage()->model()));
        QCOMPARE(tabs.at(1)->aggregatesPage()->model()->rowCount(), 1);
    }

    void referenceStoresShowTheirNumbers_data()
    {
        QTest::addColumn<QString>("store");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("application");
        QTest::addColumn<int>("events");
        QTest::addColumn<int>("aggregates");
        QTest::addColumn<int>("snapshots");
        QTest::newRow("bankaccounts")
            << "bankaccounts.sqlite"
            << ""
            << "bankaccounts" << countLines(QStringLiteral("bankaccounts.notifications.jsonl"))
            << countKeys(QStringLiteral("bankaccounts.accounts.json"))
            << countLines(QStringLiteral("bankaccounts.snapshots.jsonl"));
        QTest::newRow("bankaccounts.zlib-aes")
            << "bankaccounts.zlib-aes.sqlite"
            << "bankaccounts.zlib-aes.key"
            << "bankaccounts.zlib-aes"
            << countLines(QStringLiteral("bankaccounts.zlib-aes.notifications.jsonl"))
            << countKeys(QStringLiteral("bankaccounts.zlib-aes.accounts.json"))
            << countLines(QStringLiteral("bankaccounts.zlib-aes.snapshots.jsonl"));
        QTest::newRow("invoice") << "invoice.sqlite"
                                 << ""
                                 << "invoice" << countLines(QStringLiteral("invoice.notifications.jsonl"))
                                 << 1 << countLines(QStringLiteral("invoice.snapshots.jsonl"));
    }

    void referenceStoresShowTheirNumbers()
    {
        ES_REQUIRE_FIXTURES();
        QFETCH(QString, store);
        QFETCH(QString, key);
        QFETCH(QString, application);
        QFETCH(int, events);
        QFETCH(int, aggregates);
        QFETCH(int, snapshots);
        QVERIFY(events > 0 && aggregates > 0);

        MainWindow window(false);
        prepare(window);
        StoreTab *tab = openAndWait(window, copy(store));
        QVERIFY(tab);
        QCOMPARE(tab->state(), StoreTab::State::Open);
        QVERIFY(tab->readOnlyBadge()->isVisible());
        if (!key.isEmpty())
            QVERIFY(
                tab->setCipherKey(QString(), QString::fromLatin1(readFile(fixture(key))).trimmed(), false));

        // Applications, with counts as they arrive.
        auto *apps = tab->applicationsModel();
        QCOMPARE(apps->rowCount(), 1);
        QCOMPARE(apps->applicationAt(0), application);
        QVERIFY(waitCounts(tab));
        using AM = es::gui::ApplicationsModel;
        QCOMPARE(apps->index(0, AM::EventsColumn).data().toString(), QString::number(events));
        QCOMPARE(apps->index(0, AM::AggregatesColumn).data().toString(), QString::number(aggregates));
        QCOMPARE(apps->index(0, AM::SnapshotsColumn).data().toString(), QString::number(snapshots));
        const QString counts = window.countsLabel()->text();
        auto shows = [&](int n, const char *what) {
            return counts.contains(
                QStringLiteral("%1 %2%3").arg(n).arg(QLatin1String(what), n == 1 ? "" : "s"));
        };
        QVERIFY2(shows(events, "event"), qPrintable(counts));
        QVERIFY2(shows(aggregates, "aggregate"), qPrintable(counts));
        QVERIFY2(shows(snapshots, "snapshot"), qPrintable(counts));

        // The catalogue, page by page, reaches every aggregate.
        tab->showPage(StoreTab::AggregatesView);
        auto *catalogue = tab->aggregatesPage()->model();
        QVERIFY(fetchAll(*catalogue));
        QCOMPARE(catalogue->rowCount(), aggregates);

        // The log: its last id, and every row readable (the key, when there is one, fits).
        tab->showPage(StoreTab::LogView);
        auto *log = tab->logPage()->model();
        QVERIFY(fetchAll(*log));
        int records = 0;
        for (int r = 0; r < log->rowCount(); ++r) {
            const QModelIndex i = log->index(r, 0);
            if (i.data(es::gui::RowKindRole).toInt() != static_cast<int>(RowKind::Record))
                continue;
            ++records;
            QVERIFY2(i.data(es::gui::ProblemRole).toString().isEmpty(),
                     qPrintable(i.data(es::gui::ProblemRole).toString()));
        }
        QCOMPARE(records, events);
        QCOMPARE(log->lastLogId(), static_cast<qint64>(events));

        // Snapshots.
        tab->showPage(StoreTab::SnapshotsView);
        auto *snaps = tab->snapshotsPage()->model();
        QVERIFY(fetchAll(*snaps));
        QCOMPARE(snaps->rowCount(), snapshots);
        if (application == QLatin1String("bankaccounts")) {
            tab->snapshotsPage()->table()->selectRow(0);
            QTRY_VERIFY(tab->snapshotsPage()->detail()->record().has_value());
            QVERIFY(!screenshot(&window, QStringLiteral("snapshots")).isEmpty());
        }
    }

    void folderOfStoresIsOneSystem()
    {
        ES_REQUIRE_FIXTURES();
        const QString folder = m_dir.filePath(QStringLiteral("system"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(!copyFixture(QStringLiteral("bankaccounts.sqlite"), folder).isEmpty());
        QVERIFY(!copyFixture(QStringLiteral("invoice.sqlite"), folder).isEmpty());
        MainWindow window(false);
        prepare(window);
        StoreTab *tab = openAndWait(window, folder);
        QCOMPARE(tab->state(), StoreTab::State::Open);
        QCOMPARE(tab->applicationsModel()->rowCount(), 2);
        QCOMPARE(tab->currentPageIndex(), StoreTab::ApplicationsView);
        QVERIFY(waitCounts(tab));
        QVERIFY(waitSessionIdle(tab));
        tab->applicationsPage()->table()->fitColumns();
        QVERIFY(!screenshot(&window, QStringLiteral("applications")).isEmpty());

        // Choosing the second application (Enter on its row) shows its aggregates.
        RecordTable *table = tab->applicationsPage()->table();
        table->setFocus();
        const int row = tab->applicationsModel()->rowOf(QStringLiteral("invoice"));
        table->setCurrentIndex(tab->applicationsModel()->index(row, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(tab->application(), QStringLiteral("invoice"));
        QCOMPARE(tab->currentPageIndex(), StoreTab::AggregatesView);
        QVERIFY(fetchAll(*tab->aggregatesPage()->model()));
        QCOMPARE(tab->aggregatesPage()->model()->rowCount(), 1);
        QTRY_VERIFY(window.countsLabel()->text().startsWith(QLatin1String("invoice:")));
    }

    // --- the aggregates page and one aggregate -------------------------------------------------------

    void aggregatesSearchAndFilter()
    {
        ES_REQUIRE_FIXTURES();
        MainWindow window(false);
        prepare(window);
        StoreTab *tab = openAndWait(window, copy(QStringLiteral("bankaccounts.sqlite")));
        QCOMPARE(tab->currentPageIndex(), StoreTab::AggregatesView);
        auto *model = tab->aggregatesPage()->model();
        QVERIFY(fetchAll(*model));
        QCOMPARE(model->rowCount(), 12);
        QTRY_VERIFY(model->totals().has_value());
        QVERIFY(waitSessionIdle(tab));
        QVERIFY(!screenshot(&window, QStringLiteral("aggregates")).isEmpty());

        // Find (Ctrl+F) goes to the id field; a prefix narrows the list.
        window.action(QStringLiteral("find"))->trigger();
        QLineEdit *search = tab->aggregatesPage()->searchField();
        QTRY_VERIFY(search->hasFocus());
        const QString firstId
            = model->index(0, 0).data(es::gui::IdRole).toUuid().toString(QUuid::WithoutBraces);
        QTest::keyClicks(search, firstId.left(6));
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_COMPARE(model->idPrefix(), firstId.left(6));
        QVERIFY(fetchAll(*model));
        QVERIFY(model->rowCount() >= 1);
        for (int r = 0; r < model->rowCount(); ++r)
            QVERIFY(model->index(r, 0)
                        .data(es::gui::IdRole)
                        .toUuid()
                        .toString(QUuid::WithoutBraces)
                        .startsWith(firstId.left(6)));
        // Not hex: refused, list unchanged.
        search->setText(QStringLiteral("xyz"));
        QTest::keyClick(search, Qt::Key_Return);
        QCOMPARE(model->idPrefix(), firstId.left(6));
        search->clear();
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_COMPARE(model->idPrefix(), QString());

        // A type filter by class name.
        tab->aggregatesPage()->typeFilter()->setEditText(QStringLiteral("Nothing"));
        QTest::keyClick(tab->aggregatesPage()->typeFilter()->lineEdit(), Qt::Key_Return);
        QTRY_COMPARE(model->typeFilter(), QStringLiteral("Nothing"));
        QVERIFY(fetchAll(*model));
        QCOMPARE(model->rowCount(), 0);
        tab->aggregatesPage()->typeFilter()->setEditText(QStringLiteral("BankAccount"));
        QTest::keyClick(tab->aggregatesPage()->typeFilter()->lineEdit(), Qt::Key_Return);
        QTRY_COMPARE(model->typeFilter(), QStringLiteral("BankAccount"));
        QVERIFY(fetchAll(*model));
        QCOMPARE(model->rowCount(), 12);
    }

    void aggregatesSortByHeader()
    {
        ES_REQUIRE_FIXTURES();
        MainWindow window(false);
        prepare(window);
        StoreTab *tab = openAndWait(window, copy(QStringLiteral("bankaccounts.sqlite")));
        QCOMPARE(tab->currentPageIndex(), StoreTab::AggregatesView);
        auto *model = tab->aggregatesPage()->model();
        RecordTable *table = tab->aggregatesPage()->table();
        QHeaderView *header = table->horizontalHeader();
        QVERIFY(fetchAll(*model));
        QCOMPARE(model->rowCount(), 12);
        QVERIFY(model->atEnd());
        using CM = es::gui::CatalogueModel;
        const QStringList byId = columnTexts(model, CM::IdColumn);
        // The selection stays on its aggregate while the rows move.
        table->selectRow(3);
        const QUuid selected = table->currentIndex().data(es::gui::IdRole).toUuid();
        QSignalSpy messages(tab, &StoreTab::statusMessage);

        // The whole catalogue is loaded: Events sorts, ascending then descending.
        clickHeader(table, CM::EventsColumn);
        QCOMPARE(model->sortColumn(), int(CM::EventsColumn));
        QCOMPARE(header->sortIndicatorSection(), int(CM::EventsColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
        auto counts = [&] {
            QList<qlonglong> out;
            for (int r = 0; r < model->rowCount(); ++r)
                out << model->index(r, CM::EventsColumn).data().toLongLong();
            return out;
        };
        QList<qlonglong> ascending = counts();
        QVERIFY(std::is_sorted(ascending.begin(), ascending.end()));
        QVERIFY(ascending.first() < ascending.last());
        QCOMPARE(table->currentIndex().data(es::gui::IdRole).toUuid(), selected);
        QVERIFY(!messages.isEmpty());
        QVERIFY2(messages.last().at(0).toString().contains(QLatin1String("Events")),
                 qPrintable(messages.last().at(0).toString()));
        clickHeader(table, CM::EventsColumn);
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QList<qlonglong> descending = counts();
        QVERIFY(std::is_sorted(descending.rbegin(), descending.rend()));
        QCOMPARE(descending.first(), ascending.last());
        tab->aggregatesPage()->table()->scrollToTop();
        QVERIFY(waitSessionIdle(tab));
        QVERIFY(!screenshot(&window, QStringLiteral("aggregates-sorted")).isEmpty());

        // Modified time: the last row was modified last.
        clickHeader(table, CM::ModifiedColumn);
        QCOMPARE(header->sortIndicatorSection(), int(CM::ModifiedColumn));
        for (int r = 1; r < model->rowCount(); ++r)
            QVERIFY(model->index(r - 1, CM::ModifiedColumn).data(es::gui::SortRole).toDateTime()
                    <= model->index(r, CM::ModifiedColumn).data(es::gui::SortRole).toDateTime());

        // The id header goes back to the store's order.
        clickHeader(table, CM::IdColumn);
        QVERIFY(fetchAll(*model));
        QCOMPARE(model->sortColumn(), int(CM::IdColumn));
        QCOMPARE(header->sortIndicatorSection(), int(CM::IdColumn));
        QCOMPARE(columnTexts(model, CM::IdColumn), byId);
    }

    void pagedCatalogueSortsByIdOnly()
    {
        // A store whose catalogue is paged (more aggregates than a page and than the view shows).
        const QString path = m_dir.filePath(QStringLiteral("paged.sqlite"));
        {
            es::EnvMap env;
            env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"),
                       QStringLiteral("eventsourcing.sqlite:Factory"));
            env.insert(QStringLiteral("SQLITE_DBNAME"), path);
            auto factory
                = es::InfrastructureFactory::construct(es::Environment(QStringLiteral("Things"), env));
            auto recorder = factory->applicationRecorder();
            std::vector<es::StoredEvent> events;
            for (int i = 0; i < 150; ++i) {
                const QUuid id = es::uuid::v4();
                for (int v = 1; v <= 1 + i % 3; ++v)
                    events.push_back({id, v, QStringLiteral("tests:Thing.Created"), plainState(i)});
            }
            recorder->insertEvents(events);
        }
        MainWindow window(false);
        prepare(window);
        StoreTab *tab = openAndWait(window, path);
        QVERIFY2(tab->state() == StoreTab::State::Open, qPrintable(tab->errorMessage()));
        auto *model = tab->aggregatesPage()->model();
        model->setPageSize(50);
        model->refresh();
        tab->showPage(StoreTab::AggregatesView);
        QTRY_VERIFY(!model->isLoading() && model->rowCount() > 0);
        QVERIFY(waitSessionIdle(tab));
        QVERIFY(!model->atEnd());
        using CM = es::gui::CatalogueModel;
        RecordTable *table = tab->aggregatesPage()->table();
        const QStringList before = columnTexts(model, CM::IdColumn);
        QSignalSpy messages(tab, &StoreTab::statusMessage);

        // The header click changes nothing: still by id, the indicator stays, the status says why.
        clickHeader(table, CM::EventsColumn);
        QCOMPARE(model->sortColumn(), int(CM::IdColumn));
        QCOMPARE(table->horizontalHeader()->sortIndicatorSection(), int(CM::IdColumn));
        QCOMPARE(columnTexts(model, CM::IdColumn), before);
        QVERIFY(!messages.isEmpty());
        const QString why = messages.last().at(0).toString();
        QVERIFY2(why.contains(QLatin1String("whole catalogue")) && why.contains(QLatin1String("Events")),
                 qPrintable(why));
        QTRY_VERIFY(window.statusBar()->currentMessage().contains(QLatin1String("whole catalogue")));
        QVERIFY(model->headerData(CM::EventsColumn, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("whole catalogue")));
        QVERIFY(!screenshot(&window, QStringLiteral("aggregates-paged-sort")).isEmpty());

        // The id header still sorts (descending, by the store).
        clickHeader(table, CM::IdColumn);
        QTRY_VERIFY(!model->isLoading() && model->rowCount() > 0);
        QCOMPARE(model->sortOrder(), Qt::DescendingOrder);
        QVERIFY(model->index(0, 0).data(es::gui::SortRole).toString()
                > model->index(1, 0).data(es::gui::SortRole).toString());

        // Loaded to its end, the catalogue sorts by any column.
        QVERIFY(fetchAll(*model));
        QCOMPARE(model->rowCount(), 150);
        clickHeader(table, CM::EventsColumn);
        QCOMPARE(model->sortColumn(), int(CM::EventsColumn));
        QCOMPARE(model->index(0, CM::EventsColumn).data().toLongLong(), 1);
        QCOMPARE(model->index(149, CM::EventsColumn).data().toLongLong(), 3);
    }

    void oneAggregateWithItsStateAtEveryVersion()
    {
        ES_REQUIRE_FIXTURES();
        const QJsonObject accounts
            = QJsonDocument::fromJson(readFile(fixture(QStringLiteral("bankaccounts.accounts.json"))))
                  .object();
        // The account with the most versions.
        QString chosen;
        int versions = 0;
        for (auto it = accounts.begin(); it != accounts.end(); ++it) {
            const int v = it.value().toObject().value(QStringLiteral("version")).toInt();
            if (v > versions) {
                versions = v;
                chosen = it.key();
            }
        }
        QVERIFY(versions > 2);
        const QUuid id(chosen);

        MainWindow window(false);
        prepare(window);
        StoreTab *tab = openAndWait(window, copy(QStringLiteral("bankaccounts.sqlite")));
        QCOMPARE(tab->state(), StoreTab::State::Open);
        QVERIFY(fetchAll(*tab->aggregatesPage()->model()));
        const int row = tab->aggregatesPage()->model()->rowOfId(id);
        QVERIFY(row >= 0);
        // Enter on the catalogue row opens the aggregate.
        RecordTable *table = tab->aggregatesPage()->table();
        table->setFocus();
        table->setCurrentIndex(tab->aggregatesPage()->model()->index(row, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QCOMPARE(tab->currentPageIndex(), StoreTab::AggregateView);
        AggregatePage *page = tab->aggregatePage();
        QCOMPARE(page->aggregate(), id);

        // Its events, every one, and the first one's payload as a typed tree.
        QVERIFY(fetchAll(*page->eventsModel()));
        QCOMPARE(page->eventsModel()->rowCount(), versions);
        QTRY_VERIFY(page->eventDetail()->record().has_value());

        // The state: the slider spans the versions and shows the last at first.
        QCOMPARE(page->versionSlider()->minimum(), 1);
        QCOMPARE(page->versionSlider()->maximum(), versions);
        QVERIFY(page->versionSlider()->isEnabled());
        QTRY_VERIFY2(page->stateStatus()->text().contains(QStringLiteral("version <b>%1</b>").arg(versions)),
                     qPrintable(page->stateStatus()->text()));
        auto *state = page->stateTree()->jsonModel();
        const QModelIndex balance = state->indexForPath(QStringLiteral("state.balance"));
        QVERIFY(balance.isValid());
        QCOMPARE(balance.siblingAtColumn(es::gui::JsonTreeModel::TypeColumn).data().toString(),
                 QStringLiteral("Decimal"));
        const QString expected
            = accounts.value(chosen).toObject().value(QStringLiteral("balance")).toString();
        QCOMPARE(balance.siblingAtColumn(es::gui::JsonTreeModel::ValueColumn).data().toString(), expected);

        // The latest snapshot against a full replay (the account may have none).
        QTRY_VERIFY(!page->snapshotCheck()->text().isEmpty());
        QVERIFY2(!page->snapshotCheck()->text().contains(QStringLiteral("differs")),
                 qPrintable(page->snapshotCheck()->text()));

        // Moving the slider rebuilds an earlier version.
        page->versionSlider()->setFocus();
        QTest::keyClick(page->versionSlider(), Qt::Key_Home);
        QCOMPARE(page->versionSlider()->value(), 1);
        QTRY_VERIFY2(page->stateStatus()->text().contains(QStringLiteral("version <b>1</b>")),
                     qPrintable(page->stateStatus()->text()));
        QTRY_COMPARE(state->indexForPath(QStringLiteral("state.balance"))
                         .siblingAtColumn(es::gui::JsonTreeModel::ValueColumn)
                         .data()
                         .toString(),
                     QStringLiteral("0.00"));
        page->versionSlider()->setValue(versions);
        QTRY_VERIFY(page->stateStatus()->text().contains(QStringLiteral("version <b>%1</b>").arg(versions)));
        page->stateTree()->expandAllAndFit();

        // The diff between the first and the last version.
        page->compareVersions(1, versions);
        QTRY_VERIFY(page->diffModel()->rowCount() > 0);
        bool balanceChanged = false;
        for (int r = 0; r < page->diffModel()->rowCount(); ++r)
            balanceChanged
                |= page->diffModel()->index(r, es::gui::JsonDiffModel::PathColumn).data().toString()
                == QLatin1String("state.balance");
        QVERIFY(balanceChanged);

        // Select a credit event for the screenshot: its amount is a Decimal in the tree, and the state
        // follows to its version.
        qint64 credited = 0;
        for (int r = 0; r < page->eventsModel()->rowCount(); ++r) {
            if (page->eventsModel()->record(r)->topic.endsWith(QLatin1String(".Credited"))) {
                page->eventsTable()->selectRow(r);
                credited = page->eventsModel()->record(r)->originatorVersion;
                break;
            }
        }
        QVERIFY(credited > 0);
        QCOMPARE(page->versionSlider()->value(), credited);
        QVERIFY(
            page->stateStatus()->text().startsWith(QStringLiteral("Rebuilding version %1").arg(credited)));
        QTRY_VERIFY(page->stateStatus()->text().contains(QStringLiteral("version <b>%1</b>").arg(credited)));
        page->eventDetail()->tree()->expandAllAndFit();
        QVERIFY(waitSessionIdle(tab));
        QVERIFY(!screenshot(&window, QStringLiteral("aggregate")).isEmpty());
        page->sideTabs()->setCurrentIndex(1);
        QVERIFY(!screenshot(&window, QStringLiteral("aggregate-diff")).isEmpty());
        page->sideTabs()->setCurrentIndex(0);

        // Copy payload as JSON: the selected event's state.
        window.action(QStringLiteral("copyPayload"))->trigger();
        const QJsonObject copied
            = QJsonDocument::fromJson(QApplication::clipboard()->text().toUtf8()).object();
        QVERIFY2(copied.contains(QStringLiteral("timestamp")), qPrintable(QApplication::clipboard()->text()));
    }

    void customTypesShowByName()
    {
        ES_REQUIRE_FIXTURES();
        MainWindow window(false);
        prepare(window);
        StoreTab *tab = openAndWait(window, copy(QStringLiteral("invoice.sqlite")));
        QVERIFY(fetchAll(*tab->aggregatesPage()->model()));
        const QUuid id = tab->aggregatesPage()->model()->index(0, 0).data(es::gui::IdRole).toUuid();
        tab->openAggregate(QStringLiteral("invoice"), id);
        AggregatePage *page = tab->aggregatePage();
        QVERIFY(fetchAll(*page->eventsModel()));
        page->eventsTable()->selectRow(0);
        QTRY_VERIFY(page->eventDetail()->record().has_value());
        auto *tree = page->eventDetail()->tree()->jsonModel();
        QStringList types;
        std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            for (int r = 0; r < tree->rowCount(parent); ++r) {
                const QModelIndex i = tree->index(r, 0, parent);
                types << i.siblingAtColumn(es::gui::JsonTreeModel::TypeColumn).data().toString();
                walk(i);
            }
        };
        walk(QModelIndex());
        QVERIFY2(types.contains(QStringLiteral("person_as_dict")), qPrintable(types.join(QLatin1Char(','))));
        QVERIFY2(types.contains(QStringLiteral("Decimal")), qPrintable(types.join(QLatin1Char(','))));
        QVERIFY2(types.contains(QStringLiteral("datetime")), qPrintable(types.join(QLatin1Char(','))));
        page->eventDetail()->tree()->expandAllAndFit();
        QVERIFY(waitSessionIdle(tab));
        QVERIFY(!screenshot(&window, QStringLiteral("aggregate-invoice")).isEmpty());
    }

    // --- the notification log --------------------------------------------------------------------------

    void logWithAGapJumpsAndSections()
    {
        ES_REQUIRE_FIXTURES();
        const QString path = copy(QStringLiteral("bankaccounts.sqlite"));
        QVERIFY(deleteNotifications(path, 21, 23));
        const QList<QByteArray> lines
            = jsonlLines(fixture(QStringLiteral("bankaccounts.notifications.jsonl")));

        MainWindow window(false);
        prepare(window);
        StoreTab *tab = openAndWait(window, path);
        QCOMPARE(tab->state(), StoreTab::State::Open);
        window.action(QStringLiteral("page3"))->trigger(); // Alt+4
        QCOMPARE(tab->currentPageIndex(), StoreTab::LogView);
        LogPage *page = tab->logPage();
        auto *log = page->model();

        // Go to an id just after the gap: the gap marker stands before it.
        page->goToId(30);
        QTRY_VERIFY(!log->isLoading() && log->rowForId(30) >= 0);
        QTRY_COMPARE(page->table()->currentRow(), log->rowForId(30));
        const int after = log->rowForId(24);
        QVERIFY(after > 0);
        const QModelIndex gap = log->index(after - 1, 0);
        QCOMPARE(gap.data(es::gui::RowKindRole).toInt(), static_cast<int>(RowKind::Gap));
        QCOMPARE(log->index(after, 0).data(es::gui::GapBeforeRole).toLongLong(), 3);
        page->table()->selectRow(after - 1);
        page->table()->scrollTo(gap, QAbstractItemView::PositionAtCenter);
        QVERIFY(waitSessionIdle(tab));
        QVERIFY(!screenshot(&window, QStringLiteral("log-gap")).isEmpty());

        // Copy (Ctrl+C) of a row: its export line, the reference line.
        page->table()->selectRow(log->rowForId(30));
        page->table()->setFocus();
        QApplication::clipboard()->clear();
        QTest::keyClick(page->table(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(jsonObject(QApplication::clipboard()->text().toUtf8()), jsonObject(lines.at(29)));
        // In the payload tree: the selected node's JSON.
        JsonTreeView *tree = page->detail()->tree();
        QTRY_VERIFY(tree->model()->rowCount() > 0);
        tree->setFocus();
        tree->setCurrentIndex(tree->jsonModel()->indexForPath(QStringLiteral("amount")));
        QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QJsonDocument::fromJson(QApplication::clipboard()->text().toUtf8()).object(),
                 jsonObject(lines.at(29))
                     .value(QStringLiteral("state"))
                     .toObject()
                     .value(QStringLiteral("amount"))
                     .toObject());
        // Ctrl+Shift+C: the whole payload.
        QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QJsonDocument::fromJson(QApplication::clipboard()->text().toUtf8()).object(),
                 jsonObject(lines.at(29)).value(QStringLiteral("state")).toObject());

        // First and last (Ctrl+Home, Ctrl+End).
        QVERIFY(window.action(QStringLiteral("last"))->isEnabled());
        window.action(QStringLiteral("last"))->trigger();
        QTRY_VERIFY(log->rowForId(lines.size()) >= 0);
        QTRY_COMPARE(page->table()->currentRow(), log->rowForId(lines.size()));
        window.action(QStringLiteral("first"))->trigger();
        QTRY_VERIFY(log->rowForId(1) >= 0);
        QTRY_COMPARE(page->table()->currentRow(), log->rowForId(1));
        QCOMPARE(page->detail()->record()->notificationId.value_or(-1), 1);

        // A topic filter: only those events.
        page->setTopicFilter(
            QStringLiteral("eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Opened"));
        QVERIFY(fetchAll(*log));
        int opened = 0;
        for (int r = 0; r < log->rowCount(); ++r) {
            QCOMPARE(log->index(r, 0).data(es::gui::RowKindRole).toInt(), static_cast<int>(RowKind::Record));
            QVERIFY(log->record(r)->topic.endsWith(QLatin1String(".Opened")));
            ++opened;
        }
        QCOMPARE(opened, 12);
        page->setTopicFilter(QString());
        QTRY_VERIFY(log->topicFilter().isEmpty());

        // A time filter: from a time after every event, nothing; to that time, everything.
        auto *fromOn = page->findChild<QCheckBox *>(QStringLiteral("timeFromOn"));
        auto *from = page->findChild<QDateTimeEdit *>(QStringLiteral("timeFrom"));
        QVERIFY(fromOn && from);
        from->setDateTime(QDateTime(QDate(2100, 1, 1), QTime(0, 0), QTimeZone::utc()));
        fromOn->setChecked(true);
        QTRY_VERIFY(log->timeFrom().has_value());
        QVERIFY(fetchAll(*log));
        for (int r = 0; r < log->rowCount(); ++r) // gap markers may remain: ids are missing still
            QCOMPARE(log->index(r, 0).data(es::gui::RowKindRole).toInt(), static_cast<int>(RowKind::Gap));
        fromOn->setChecked(false);
        QTRY_VERIFY(!log->timeFrom().has_value());
        auto *toOn = page->findChild<QCheckBox *>(QStringLiteral("timeToOn"));
        auto *to = page->findChild<QDateTimeEdit *>(QStringLiteral("timeTo"));
        to->setDateTime(QDateTime(QDate(2100, 1, 1), QTime(0, 0), QTimeZone::utc()));
        toOn->setChecked(true);
        QTRY_VERIFY(log->timeTo().has_value());
        QVERIFY(fetchAll(*log));
        int kept = 0;
        for (int r = 0; r < log->rowCount(); ++r)
            kept += log->index(r, 0).data(es::gui::RowKindRole).toInt() == static_cast<int>(RowKind::Record);
        QCOMPARE(kept, static_cast<int>(lines.size()) - 3);
        toOn->setChecked(false);
        QTRY_VERIFY(!log->timeTo().has_value());

        // Sections as the library pages them.
        page->showSection(QStringLiteral("1,10"));
        auto *sections = page->sectionModel();
        QTRY_COMPARE(sections->sectionId(), QStringLiteral("1,10"));
        QCOMPARE(sections->rowCount(), 10);
        QCOMPARE(sections->nextSectionId(), QStringLiteral("11,20"));
        page->showSection(QStringLiteral("21,30"));
        QTRY_COMPARE(sections->requestedSectionId(), QStringLiteral("21,30"));
        QTRY_VERIFY(!sections->isLoading());
        // As Python's LocalNotificationLog: 10 notifications from id 21 on, 21-23 being missing.
        QCOMPARE(sections->sectionId(), QStringLiteral("24,33"));
        QCOMPARE(sections->rowCount(), 10);
        QVERIFY(waitSessionIdle(tab));
        QVERIFY(!screenshot(&window, QStringLiteral("log-sections")).isEmpty());
    }

    // --- keys and damaged records ----------------------------------------------------------------------

    void encryptedStoreNeedsKeyThenWrongKeyThenTheKey()
    {
        ES_REQUIRE_FIXTURES();
        MainWindow window(false);
        prepare(window);
        StoreTab *tab = openAndWait(window, copy(QStringLiteral("bankaccounts.zlib-aes.sqlite")));
        QCOMPARE(tab->state(), StoreTab::State::Open);
        window.action(QStringLiteral("page3"))->trigger();
        auto *log = tab->logPage()->model();

        // No key: the banner asks for one; every row says it needs a key.
        QTRY_COMPARE(tab->keyBadge()->text(), QStringLiteral("NEEDS KEY"));
        QVERIFY(tab->keyBanner()->isVisible());
        QTRY_VERIFY(log->rowCount() > 0 && !log->isLoading());
        QCOMPARE(log->index(0, es::gui::LogModel::StatusColumn).data().toString(),
                 QStringLiteral("needs key"));

        // A wrong key: the badge says so, each row says why in place.
        QByteArray wrong(32, '\0');
        for (char &c : wrong)
            c = static_cast<char>(QRandomGenerator::global()->bounded(256));
        QVERIFY(tab->setCipherKey(QString(), QString::fromLatin1(wrong.toBase64()), false));
        QTRY_COMPARE(tab->keyBadge()->text(), QStringLiteral("WRONG KEY"));
        QTRY_VERIFY(!log->isLoading() && log->rowCount() > 0
                    && log->index(0, es::gui::LogModel::StatusColumn).data().toString()
                        == QLatin1String("cannot decrypt"));
        QVERIFY(tab->keyBanner()->isVisible());
        const QString reason = log->index(0, 0).data(es::gui::ProblemRole).toString();
        QVERIFY2(reason.contains(QLatin1String("cannot decrypt")), qPrintable(reason));
        QVERIFY(!log->index(0, es::gui::LogModel::StatusColumn).data(Qt::ToolTipRole).toString().isEmpty());
        tab->logPage()->table()->selectRow(0);
        QTRY_VERIFY(!tab->logPage()->detail()->problemText().isEmpty());
        QVERIFY(waitSessionIdle(tab));
        QVERIFY(!screenshot(&window, QStringLiteral("wrong-key")).isEmpty());

        // A key that is not a key is refused with the reason.
        QString error;
        QVERIFY(!tab->setCipherKey(QString(), QStringLiteral("not base64!"), false, &error));
        QVERIFY(!error.isEmpty());

        // The key, through the banner's button and the cipher key dialog: every row reads.
        const QString key
            = QString::fromLatin1(readFile(fixture(QStringLiteral("bankaccounts.zlib-aes.key")))).trimmed();
        bool asked = false;
        whenModal<CipherKeyDialog>([&](CipherKeyDialog *dialog) {
            asked = true;
            QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("key")), key);
            dialog->findChild<QCheckBox *>(QStringLiteral("remember"))->setChecked(true);
            dialog->accept();
        });
        auto *bannerButton
            = tab->findChild<QFrame *>(QStringLiteral("keyBanner"))->findChild<QPushButton *>();
        QVERIFY(bannerButton);
        bannerButton->click();
        QVERIFY(asked);
        QTRY_COMPARE(tab->keyBadge()->text(), QStringLiteral("ENCRYPTED · KEY OK"));
        QVERIFY(!tab->keyBanner()->isVisible());
        QVERIFY(fetchAll(*log));
        for (int r = 0; r < log->rowCount(); ++r)
            QCOMPARE(log->index(r, es::gui::LogModel::StatusColumn).data().toString(), QStringLiteral("ok"));
        // Remembered (for the session: no keychain here) for this store and application.
        const QString app = tab->application();
        QString remembered;
        QVERIFY(window.secrets()->sessionValue(Secrets::cipherKeyFor(tab->displayUrl(), app), &remembered));
        QCOMPARE(remembered, key);
        QSettings settings;
        for (const QString &k : settings.allKeys())
            QVERIFY2(!settings.value(k).toString().contains(key), qPrintable(k));

        // Opened again in this session, the store reads at once with the remembered key.
        const QString url = tab->url();
        window.closeStore(window.tabs()->indexOf(tab));
        StoreTab *again = openAndWait(window, url);
        QCOMPARE(again->state(), StoreTab::State::Open);
        QTRY_COMPARE(again->keyBadge()->text(), QStringLiteral("ENCRYPTED · KEY OK"));
    }

    void damagedRecordShowsItsReason()
    {
        ES_REQUIRE_FIXTURES();
        const QString path = copy(QStringLiteral("bankaccounts.sqlite"));
        // One state's bytes altered in place (same length): its JSON no longer parses.
        QVERIFY(patchFile(path, QByteArrayLiteral(", \"amount\": {"), QByteArrayLiteral(", \"amount\": [")));

        MainWindow window(false);
        prepare(window);
        StoreTab *tab = openAndWait(window, path);
        QCOMPARE(tab->state(), StoreTab::State::Open);
        tab->showPage(StoreTab::LogView);
        auto *log = tab->logPage()->model();
        QVERIFY(fetchAll(*log));
        int damaged = -1;
        int problems = 0;
        for (int r = 0; r < log->rowCount(); ++r) {
            if (!log->index(r, 0).data(es::gui::ProblemRole).toString().isEmpty()) {
                damaged = r;
                ++problems;
            }
        }
        QCOMPARE(problems, 1);
        QCOMPARE(log->index(damaged, es::gui::LogModel::StatusColumn).data().toString(),
                 QStringLiteral("not JSON"));
        const QString reason = log->index(damaged, 0).data(es::gui::ProblemRole).toString();
        QVERIFY2(reason.startsWith(QLatin1String("not JSON")), qPrintable(reason));
        QVERIFY(log->index(damaged, 0).data(Qt::ForegroundRole).isValid());

        // The row's detail says why, the tree shows no state; the window stays usable.
        tab->logPage()->table()->selectRow(damaged);
        tab->logPage()->table()->scrollTo(log->index(damaged, 0), QAbstractItemView::PositionAtCenter);
        QTRY_VERIFY(!tab->logPage()->detail()->problemText().isEmpty());
        // The bytes as stored, with the damage in them.
        auto *bytes = tab->logPage()->detail()->findChild<QPlainTextEdit *>(QStringLiteral("storedBytes"));
        QVERIFY(bytes && bytes->isVisible());
        QVERIFY(tab->logPage()->detail()->record()->stored.contains("\"amount\": ["));
        QCOMPARE(bytes->toPlainText(), RecordDetail::hexDump(tab->logPage()->detail()->record()->stored));
        QCOMPARE(RecordDetail::hexDump(QByteArray("{\"a\": [1]}\x01")).section(QLatin1Char('\n'), 1, 1),
                 QStringLiteral("000000  7b 22 61 22 3a 20 5b 31  5d 7d 01                 {\"a\": [1]}."));
        QVERIFY(waitSessionIdle(tab));
        QVERIFY(!screenshot(&window, QStringLiteral("damaged-record")).isEmpty());

        // Verify lists it.
        window.action(QStringLiteral("verify"))->trigger();
        QCOMPARE(tab->currentPageIndex(), StoreTab::VerifyView);
        auto *findings = tab->verifyPage()->model();
        QTRY_VERIFY_WITH_TIMEOUT(findings->report().has_value(), 30000);
        QStringList kinds = columnTexts(findings, es::gui::FindingsModel::KindColumn);
        QVERIFY2(kinds.contains(QStringLiteral("undecodable")), qPrintable(kinds.join(QLatin1Char(','))));
        QVERIFY(tab->verifyPage()->summary()->text().contains(QStringLiteral("error")));
        QVERIFY(waitSessionIdle(tab));
        QVERIFY(!screenshot(&window, QStringLiteral("verify")).isEmpty());
    }

    void compressedRecordDamagedAndUnknownTypeShowInPlace()
    {
        ES_REQUIRE_FIXTURES();
        const QString path = copy(QStringLiteral("bankaccounts.sqlite"));
        // One record re-written as zlib (what COMPRESSOR_TOPIC writes) and cut short: its header is
        // zlib's, its stream ends early.
        const qint64 damagedId = 7;
        bool ok = false;
        const QVariantList states
            = sql(path, QStringLiteral("SELECT state FROM stored_events WHERE rowid = ?"), {damagedId}, &ok);
        QVERIFY(ok && states.size() == 1);
        const QByteArray zlib = qCompress(states.first().toByteArray()).mid(4); // without Qt's length
        QCOMPARE(quint8(zlib.at(0)), quint8(0x78));
        sql(path, QStringLiteral("UPDATE stored_events SET state = ? WHERE rowid = ?"),
            {zlib.left(zlib.size() / 2), damagedId}, &ok);
        QVERIFY(ok);
        // Another with a custom value no transcoding is registered for.
        const QVariantList decimals
            = sql(path,
                  QStringLiteral("SELECT rowid FROM stored_events WHERE CAST(state AS "
                                 "TEXT) LIKE '%decimal_str%' ORDER BY rowid LIMIT 1"));
        QCOMPARE(decimals.size(), 1);
        const qint64 unknownId = decimals.first().toLongLong();
        QVERIFY(unknownId != damagedId);
        sql(path,
            QStringLiteral("UPDATE stored_events SET state = CAST(replace(CAST(state AS TEXT), "
                           "'\"decimal_str\"', '\"money_str\"') AS BLOB) WHERE rowid = ?"),
            {unknownId}, &ok);
        QVERIFY(ok);

        MainWindow window(false);
        prepare(window);
        StoreTab *tab = openAndWait(window, path);
        QCOMPARE(tab->state(), StoreTab::State::Open);
        tab->showPage(StoreTab::LogView);
        auto *log = tab->logPage()->model();
        QVERIFY(fetchAll(*log));
        using LM = es::gui::LogModel;
        const int damagedRow = log->rowForId(damagedId);
        const int unknownRow = log->rowForId(unknownId);
        QVERIFY(damagedRow >= 0 && unknownRow >= 0);
        int problems = 0;
        for (int r = 0; r < log->rowCount(); ++r) {
            if (log->index(r, 0).data(es::gui::RowKindRole).toInt() != static_cast<int>(RowKind::Record))
                continue;
            const QString status = log->index(r, LM::StatusColumn).data().toString();
            if (r != damagedRow && r != unknownRow)
                QCOMPARE(status, QStringLiteral("ok"));
            else
                ++problems;
        }
        QCOMPARE(problems, 2);

        // The damaged one: "damaged", the decoder's reason, the zlib storage, in red.
        QCOMPARE(log->index(damagedRow, LM::StatusColumn).data().toString(), QStringLiteral("damaged"));
        QCOMPARE(log->index(damagedRow, 0).data(es::gui::ProblemKindRole).toInt(),
                 static_cast<int>(es::DecodedState::Problem::Damaged));
        const QString reason = log->index(damagedRow, 0).data(es::gui::ProblemRole).toString();
        QVERIFY2(reason.startsWith(QLatin1String("damaged")) && reason.size() > 10, qPrintable(reason));
        QVERIFY(log->index(damagedRow, LM::StatusColumn).data(Qt::ForegroundRole).isValid());
        // The unknown type: its reason names the type; the state is still there.
        QCOMPARE(log->index(unknownRow, LM::StatusColumn).data().toString(), QStringLiteral("unknown type"));
        const QString unknown = log->index(unknownRow, 0).data(es::gui::ProblemRole).toString();
        QVERIFY2(unknown.contains(QLatin1String("money_str")), qPrintable(unknown));
        QVERIFY2(log->index(unknownRow, LM::StatusColumn)
                     .data(Qt::ToolTipRole)
                     .toString()
                     .contains(QLatin1String("money_str")),
                 qPrintable(log->index(unknownRow, LM::StatusColumn).data(Qt::ToolTipRole).toString()));

        // The payload pane of each says the same.
        RecordTable *table = tab->logPage()->table();
        table->selectRow(unknownRow);
        QTRY_VERIFY(tab->logPage()->detail()->record().has_value()
                    && tab->logPage()->detail()->record()->notificationId == unknownId);
        QVERIFY2(tab->logPage()->detail()->problemText().contains(QLatin1String("money_str")),
                 qPrintable(tab->logPage()->detail()->problemText()));
        table->selectRow(damagedRow);
        table->scrollTo(log->index(damagedRow, 0), QAbstractItemView::PositionAtCenter);
        QTRY_VERIFY(tab->logPage()->detail()->record().has_value()
                    && tab->logPage()->detail()->record()->notificationId == damagedId);
        const QString pane = tab->logPage()->detail()->problemText();
        QVERIFY2(pane.contains(QLatin1String("damaged")), qPrintable(pane));
        QVERIFY(tab->logPage()->detail()->record()->stored.startsWith(zlib.left(2)));
        QVERIFY(waitSessionIdle(tab));
        QVERIFY(!screenshot(&window, QStringLiteral("damaged-zlib")).isEmpty());
    }

    void trackingOfAFollowerBehindTwoUpstreams()
    {
        // A system on SQLite, one file per application, written with the engine's recorders: Alpha
        // (6 notifications) and Beta (4) lead; Gamma follows both and has processed Alpha up to 2 and
        // Beta up to 3, then stopped while the leaders went on.
        const QString folder = m_dir.filePath(QStringLiteral("tracking-system"));
        QVERIFY(QDir().mkpath(folder));
        auto factoryFor = [&](const QString &name) {
            es::EnvMap env;
            env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"),
                       QStringLiteral("eventsourcing.sqlite:Factory"));
            env.insert(QStringLiteral("SQLITE_DBNAME"),
                       QDir(folder).filePath(name.toLower() + QStringLiteral(".sqlite")));
            return es::InfrastructureFactory::construct(es::Environment(name, env));
        };
        int n = 0;
        auto oneEvent = [&](const QUuid &id, qint64 version) {
            return std::vector<es::StoredEvent> {
                {id, version, QStringLiteral("tests:Thing.Created"), plainState(++n)}};
        };
        {
            auto alpha = factoryFor(QStringLiteral("Alpha"))->applicationRecorder();
            auto beta = factoryFor(QStringLiteral("Beta"))->applicationRecorder();
            auto gamma = factoryFor(QStringLiteral("Gamma"))->processRecorder();
            const QUuid a = es::uuid::v4(), b = es::uuid::v4(), g = es::uuid::v4();
            qint64 gv = 0;
            for (qint64 v = 1; v <= 6; ++v)
                alpha->insertEvents(oneEvent(a, v));
            for (qint64 v = 1; v <= 4; ++v)
                beta->insertEvents(oneEvent(b, v));
            for (qint64 position : {1, 2}) {
                const es::Tracking t {QStringLiteral("Alpha"), position};
                gamma->insertEvents(oneEvent(g, ++gv), &t);
            }
            for (qint64 position : {1, 2, 3}) {
                const es::Tracking t {QStringLiteral("Beta"), position};
                gamma->insertEvents(oneEvent(g, ++gv), &t);
            }
            QCOMPARE(gamma->maxTrackingId(QStringLiteral("Alpha")), 2);
            QCOMPARE(gamma->maxTrackingId(QStringLiteral("Beta")), 3);
            QCOMPARE(alpha->maxNotificationId(), 6);
        }

        MainWindow window(false);
        prepare(window);
        StoreTab *tab = openAndWait(window, folder);
        QVERIFY2(tab->state() == StoreTab::State::Open, qPrintable(tab->errorMessage()));
        QCOMPARE(tab->applicationsModel()->rowCount(), 3);
        window.action(QStringLiteral("page5"))->trigger();
        QCOMPARE(tab->currentPageIndex(), StoreTab::TrackingView);
        auto *model = tab->trackingPage()->model();
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() > 0, 30000);
        QCOMPARE(model->rowCount(), 2);
        using TM = es::gui::TrackingModel;
        QMap<QString, int> rowOf;
        for (int r = 0; r < model->rowCount(); ++r) {
            QCOMPARE(model->rowAt(r)->follower.toLower(), QStringLiteral("gamma"));
            rowOf.insert(model->rowAt(r)->position.upstream, r);
        }
        QCOMPARE(rowOf.keys(), QStringList({QStringLiteral("Alpha"), QStringLiteral("Beta")}));
        struct Want
        {
            const char *upstream;
            qint64 position, last, lag;
        };
        for (const Want &w : {Want {"Alpha", 2, 6, 4}, Want {"Beta", 3, 4, 1}}) {
            const int r = rowOf.value(QLatin1String(w.upstream));
            const auto *row = model->rowAt(r);
            QCOMPARE(row->position.position, w.position);
            QCOMPARE(row->position.upstreamApplication.toLower(), QString::fromLatin1(w.upstream).toLower());
            QVERIFY(row->position.upstreamMax.has_value() && row->position.lag.has_value());
            QCOMPARE(*row->position.upstreamMax, w.last);
            QCOMPARE(*row->position.lag, w.lag);
            QCOMPARE(model->index(r, TM::PositionColumn).data().toLongLong(), w.position);
            QCOMPARE(model->index(r, TM::UpstreamLastColumn).data().toLongLong(), w.last);
            QCOMPARE(model->index(r, TM::LagColumn).data().toString(), QString::number(w.lag));
            // Behind: shown in the warning colour.
            QVERIFY(model->index(r, TM::LagColumn).data(Qt::ForegroundRole).isValid());
        }
        // The widget shows the same rows and numbers.
        RecordTable *table = tab->trackingPage()->table();
        QCOMPARE(table->model()->rowCount(), 2);
        QStringList lags;
        for (int r = 0; r < table->model()->rowCount(); ++r)
            lags << table->model()->index(r, TM::UpstreamColumn).data().toString() + QLatin1Char('=')
                    + table->model()->index(r, TM::LagColumn).data().toString();
        lags.sort();
        QCOMPARE(lags, QStringList({QStringLiteral("Alpha=4"), QStringLiteral("Beta=1")}));
        for (int r = 0; r < table->model()->rowCount(); ++r)
            QVERIFY(!table->isRowHidden(r));
        QVERIFY(waitSessionIdle(tab));
        QVERIFY(!screenshot(&window, QStringLiteral("tracking-sqlite")).isEmpty());

        // The leaders go on: Refresh reads the larger lag.
        {
            auto alpha = factoryFor(QStringLiteral("Alpha"))->applicationRecorder();
            alpha->insertEvents(oneEvent(es::uuid::v4(), 1));
        }
        tab->trackingPage()->refresh();
        QTRY_VERIFY(!model->isLoading()
                    && model->index(rowOf.value(QStringLiteral("Alpha")), TM::LagColumn).data().toString()
                        == QLatin1String("5"));
    }

    // --- opening errors --------------------------------------------------------------------------------

    void openingErrorsKeepOtherTabs()
    {
        ES_REQUIRE_FIXTURES();
        MainWindow window(false);
        prepare(window);
        StoreTab *good = openAndWait(window, copy(QStringLiteral("invoice.sqlite")));
        QCOMPARE(good->state(), StoreTab::State::Open);

        // Garbage.
        const QString garbage = m_dir.filePath(QStringLiteral("garbage.sqlite"));
        {
            QFile f(garbage);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray bytes(8192, '\0');
            for (char &c : bytes)
                c = static_cast<char>(QRandomGenerator::global()->bounded(256));
            f.write("this is not a database\n");
            f.write(bytes);
        }
        StoreTab *bad = openAndWait(window, garbage);
        QCOMPARE(bad->state(), StoreTab::State::Failed);
        QVERIFY2(bad->errorMessage().contains(QLatin1String("not a SQLite database")),
                 qPrintable(bad->errorMessage()));
        QCOMPARE(bad->errorLabel()->text(), bad->errorMessage());
        QVERIFY(bad->errorLabel()->isVisible());
        QCOMPARE(window.storeCount(), 2);
        QCOMPARE(good->state(), StoreTab::State::Open);
        QVERIFY(window.tabs()->tabText(window.tabs()->indexOf(bad)).contains(QLatin1String("failed")));
        QVERIFY(!screenshot(&window, QStringLiteral("open-error")).isEmpty());

        // An empty file (a SQLite database without an event store) and a missing path.
        const QString empty = m_dir.filePath(QStringLiteral("empty.sqlite"));
        {
            QFile f(empty);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        StoreTab *none = openAndWait(window, empty);
        QCOMPARE(none->state(), StoreTab::State::Failed);
        QVERIFY2(none->errorMessage().contains(QLatin1String("no event store")),
                 qPrintable(none->errorMessage()));
        StoreTab *missing = openAndWait(window, m_dir.filePath(QStringLiteral("no/such/store.sqlite")));
        QCOMPARE(missing->state(), StoreTab::State::Failed);
        QVERIFY(!missing->errorMessage().isEmpty());
        QCOMPARE(window.storeCount(), 4);

        // Closing failed tabs (Ctrl+W, the page's own Close button) leaves the good one.
        for (StoreTab *t : {bad, none}) {
            window.tabs()->setCurrentWidget(t);
            window.action(QStringLiteral("close"))->trigger();
        }
        QPushButton *closeButton = nullptr;
        for (QPushButton *b : missing->findChildren<QPushButton *>())
            if (b->text() == QLatin1String("C&lose this tab"))
                closeButton = b;
        QVERIFY(closeButton);
        QPointer<StoreTab> gone(missing);
        closeButton->click();
        QTRY_VERIFY(gone.isNull());
        QCOMPARE(window.storeCount(), 1);
        QCOMPARE(window.currentStore(), good);
        // Failed opens are not remembered; the good one is.
        QCOMPARE(AppSettings::recentStores(), QStringList {good->displayUrl()});
    }

    void openingTheSameStoreTwiceShowsItsTab()
    {
        ES_REQUIRE_FIXTURES();
        const QString path = copy(QStringLiteral("invoice.sqlite"));
        MainWindow window(false);
        prepare(window);
        StoreTab *first = openAndWait(window, path);
        QCOMPARE(window.openStore(path), first);
        QCOMPARE(window.storeCount(), 1);
    }

    void remoteNotificationLog()
    {
        // An application's log served over HTTP in this process (the service answers from the GUI
        // thread's event loop while the inspector's worker waits for it).
        es::EnvMap env;
        env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.popo:Factory"));
        bankaccounts::BankAccounts app(env);
        app.initialise();
        for (int i = 0; i < 3; ++i) {
            const QUuid id = app.openAccount(QStringLiteral("Holder %1").arg(i),
                                             QStringLiteral("h%1@example.com").arg(i));
            app.depositFunds(id, es::Decimal::fromString("10.00"));
        }
        es::NotificationLogJSONService service(app);
        service.listen();

        MainWindow window(false);
        prepare(window);
        es::inspect::OpenOptions options;
        options.remoteSectionSize = 10;
        StoreTab *tab = openAndWait(window, service.url().toString(), options);
        QVERIFY2(tab->state() == StoreTab::State::Open, qPrintable(tab->errorMessage()));
        QCOMPARE(tab->currentPageIndex(), StoreTab::LogView);
        QVERIFY(!tab->pages()->isTabEnabled(StoreTab::AggregatesView));
        QVERIFY(!window.action(QStringLiteral("page1"))->isEnabled());
        auto *log = tab->logPage()->model();
        QVERIFY(fetchAll(*log));
        QCOMPARE(log->rowCount(), 6);
        for (int r = 0; r < log->rowCount(); ++r)
            QCOMPARE(log->index(r, es::gui::LogModel::StatusColumn).data().toString(), QStringLiteral("ok"));
        tab->logPage()->table()->selectRow(1);
        QTRY_VERIFY(tab->logPage()->detail()->record().has_value());
        QVERIFY(waitSessionIdle(tab));
        QVERIFY(!screenshot(&window, QStringLiteral("remote-log")).isEmpty());
        window.closeStore(0); // before the service goes
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }

    void dropAStoreOnTheWindow()
    {
        ES_REQUIRE_FIXTURES();
        const QString path = copy(QStringLiteral("invoice.sqlite"));
        MainWindow window(false);
        prepare(window);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QCOMPARE(window.storeCount(), 1);
        QTRY_COMPARE(window.currentStore()->state(), StoreTab::State::Open);
        QCOMPARE(window.currentStore()->url(), path);
    }

    void geometrySplittersAndRecentStoresAreRemembered()
    {
        ES_REQUIRE_FIXTURES();
        const QString path = copy(QStringLiteral("bankaccounts.sqlite"));
        QList<int> sizes;
        {
            MainWindow window(false);
            window.resize(1111, 777);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            StoreTab *tab = openAndWait(window, path);
            QCOMPARE(tab->state(), StoreTab::State::Open);
            // A splitter the user moved (a drag ends with splitterMoved()).
            tab->showPage(StoreTab::LogView);
            QSplitter *splitter = tab->logPage()->splitter();
            QTRY_VERIFY(splitter->sizes().value(0) > 300);
            const int total = splitter->sizes().value(0) + splitter->sizes().value(1);
            splitter->setSizes({250, total - 250});
            emit splitter->splitterMoved(250, 1);
            sizes = splitter->sizes();
            QCOMPARE(sizes.value(0), 250);
            // Every page fits a 1024-pixel wide screen.
            QVERIFY2(window.minimumSizeHint().width() <= 1024,
                     qPrintable(QString::number(window.minimumSizeHint().width())));
            window.close();
        }
        QCOMPARE(AppSettings::recentStores().value(0), path);
        MainWindow again(false);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.size(), QSize(1111, 777));
        StoreTab *tab = openAndWait(again, path);
        QCOMPARE(tab->state(), StoreTab::State::Open);
        tab->showPage(StoreTab::LogView);
        QTRY_COMPARE(tab->logPage()->splitter()->sizes().value(0), sizes.value(0));
        again.close();
    }

    void longWorkShowsProgressAndCancels()
    {
        ES_REQUIRE_FIXTURES();
        MainWindow window(false);
        prepare(window);
        StoreTab *tab = openAndWait(window, copy(QStringLiteral("invoice.sqlite")));
        QCOMPARE(tab->state(), StoreTab::State::Open);
        QVERIFY(waitSessionIdle(tab));
        // A long job in the background lane (as counting a big store is): it reports half done and runs
        // until cancelled.
        es::gui::JobOptions options;
        options.lane = es::gui::Lane::Background;
        options.title = QStringLiteral("Counting a big store");
        bool cancelled = false;
        tab->session()->run(
            tab, options,
            [](const es::gui::JobControl &control) {
                for (;;) {
                    control.reportProgress(50, 100);
                    control.cancelFlag().throwIfCancelled();
                    QThread::msleep(5);
                }
                return 0;
            },
            [](int &&, quint64) {},
            [&](const es::gui::JobFailure &failure) { cancelled = failure.cancelled; });
        auto *label = window.findChild<QLabel *>(QStringLiteral("statusJob"));
        auto *bar = window.statusBar()->findChild<QProgressBar *>();
        QTRY_VERIFY(label->isVisible());
        QCOMPARE(label->text(), QStringLiteral("Counting a big store"));
        QTRY_COMPARE(bar->value(), 500);
        QVERIFY(window.action(QStringLiteral("stop"))->isEnabled());
        QVERIFY(!screenshot(&window, QStringLiteral("status-progress")).isEmpty());
        window.action(QStringLiteral("stop"))->trigger(); // Ctrl+.
        QTRY_VERIFY(cancelled);
        QTRY_VERIFY(!label->isVisible());
        QVERIFY(!window.action(QStringLiteral("stop"))->isEnabled());
    }

    // A big store stays responsive: the GUI thread never stalls while the store opens, counts run, and
    // the catalogue and the log show their first and last pages. Opt-in (the store takes a while to
    // build): ES_INSPECTOR_BIG_STORE=<file> made with `es-inspector-bench --build-only FILE --events N`.
    void bigStoreStaysResponsive()
    {
        const QString big = qEnvironmentVariable("ES_INSPECTOR_BIG_STORE");
        if (big.isEmpty() || !QFileInfo::exists(big))
            QSKIP("set ES_INSPECTOR_BIG_STORE to a big SQLite store (es-inspector-bench --build-only FILE)");
        MainWindow window(false);
        prepare(window);
        // The longest interval between ticks of a 5 ms timer is how long the GUI thread was busy.
        QElapsedTimer clock;
        clock.start();
        qint64 last = 0, worst = 0;
        QTimer ticker;
        ticker.setInterval(5);
        connect(&ticker, &QTimer::timeout, [&] {
            const qint64 now = clock.elapsed();
            worst = std::max(worst, now - last);
            last = now;
        });
        ticker.start();
        QElapsedTimer step;
        step.start();
        StoreTab *tab = openAndWait(window, big, {}, 120000);
        QVERIFY2(tab->state() == StoreTab::State::Open, qPrintable(tab->errorMessage()));
        const qint64 opened = step.restart();
        auto *catalogue = tab->aggregatesPage()->model();
        tab->showPage(StoreTab::AggregatesView);
        QTRY_VERIFY_WITH_TIMEOUT(catalogue->rowCount() > 0, 60000);
        const qint64 firstAggregates = step.restart();
        tab->showPage(StoreTab::LogView);
        auto *log = tab->logPage()->model();
        QTRY_VERIFY_WITH_TIMEOUT(log->rowCount() > 0 && !log->isLoading(), 60000);
        const qint64 firstLog = step.restart();
        window.action(QStringLiteral("last"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(log->lastLogId() > 0 && log->rowForId(log->lastLogId()) >= 0, 60000);
        const qint64 lastLog = step.restart();
        // Scroll up through the end of the log a little (pages arrive both ways).
        for (int i = 0; i < 20; ++i) {
            QTest::keyClick(tab->logPage()->table(), Qt::Key_PageUp);
            QTest::qWait(10);
        }
        QVERIFY(waitCounts(tab, 600000));
        const qint64 counted = step.restart();
        QVERIFY(!screenshot(&window, QStringLiteral("big-store")).isEmpty());
        ticker.stop();
        qInfo("big store: open %lld ms, first aggregates %lld ms, first log page %lld ms, last log page %lld "
              "ms, "
              "counts %lld ms more; longest GUI stall %lld ms; %s",
              opened, firstAggregates, firstLog, lastLog, counted, worst,
              qPrintable(window.countsLabel()->text()));
        QVERIFY2(worst < 250, qPrintable(QStringLiteral("the GUI thread stalled for %1 ms").arg(worst)));
    }

    // --- keyboard, dialogs -----------------------------------------------------------------------------

    void standardShortcuts()
    {
        MainWindow window(false);
        auto has = [&](const char *name, QKeySequence::StandardKey key) {
            const QList<QKeySequence> keys = window.action(QString::fromLatin1(name))->shortcuts();
            // A platform without a binding for the key (offscreen has none for Quit) gets the usual one.
            return !keys.isEmpty()
                && (keys == QKeySequence::keyBindings(key) || QKeySequence::keyBindings(key).isEmpty());
        };
        QVERIFY(has("open", QKeySequence::Open));
        QVERIFY(has("close", QKeySequence::Close));
        QVERIFY(has("find", QKeySequence::Find));
        QVERIFY(has("copy", QKeySequence::Copy));
        QVERIFY(has("refresh", QKeySequence::Refresh));
        QVERIFY(has("quit", QKeySequence::Quit));
        // Every action of the menus has a shortcut, except About.
        const QList<QAction *> actions = window.findChildren<QAction *>();
        int named = 0;
        for (QAction *a : actions) {
            if (a->objectName().isEmpty() || a->objectName() == QLatin1String("about")
                || window.action(a->objectName()) != a)
                continue;
            ++named;
            QVERIFY2(!a->shortcut().isEmpty(), qPrintable(a->objectName()));
        }
        QVERIFY(named > 20);
    }

    void connectionDialog()
    {
        Secrets secrets(QStringLiteral("es-inspector-tests"), false);
        QVERIFY(!secrets.isKeychainAvailable());
        ConnectionDialog dialog(&secrets);
        dialog.resize(560, dialog.sizeHint().height());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        SavedConnection c;
        c.name = QStringLiteral("staging");
        c.host = QStringLiteral("db.staging.example");
        c.port = 5433;
        c.database = QStringLiteral("eventsourcing");
        c.user = QStringLiteral("inspector");
        c.sslMode = QStringLiteral("require");
        dialog.setConnection(c);
        dialog.setPassword(QStringLiteral("p@ss:word/1"));
        QCOMPARE(dialog.connection(), c);
        // The URL carries the password encoded; the engine reads it back.
        const auto location = es::inspect::StoreLocation::parse(dialog.url());
        QCOMPARE(location.password, QStringLiteral("p@ss:word/1"));
        QCOMPARE(location.host, c.host);
        QCOMPARE(location.port, 5433);
        QCOMPARE(location.dbname, c.database);
        QCOMPARE(location.sslmode, QStringLiteral("require"));
        // Saving keeps the connection without its password; the password stays in the session.
        dialog.storeAccepted();
        const auto saved = AppSettings::savedConnections();
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first(), c);
        QSettings settings;
        for (const QString &k : settings.allKeys())
            QVERIFY2(!settings.value(k).toString().contains(QLatin1String("p@ss")), qPrintable(k));
        QString password;
        QVERIFY(secrets.sessionValue(Secrets::postgresKey(c.user, c.host, c.port, c.database), &password));
        QCOMPARE(password, QStringLiteral("p@ss:word/1"));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("keychainNote"))->isVisible());
        QVERIFY(!screenshot(&dialog, QStringLiteral("connection-dialog")).isEmpty());
        AppSettings::removeConnection(c.name);
        QVERIFY(AppSettings::savedConnections().isEmpty());
    }

    void savedConnectionFillsTheFormAndItsPassword()
    {
        Secrets secrets(QStringLiteral("es-inspector-tests"), false);
        QVERIFY(!secrets.isKeychainAvailable());
        SavedConnection first;
        first.name = QStringLiteral("local");
        first.host = QStringLiteral("localhost");
        first.port = 5432;
        first.database = QStringLiteral("shop");
        first.user = QStringLiteral("me");
        first.sslMode = QStringLiteral("disable");
        SavedConnection second;
        second.name = QStringLiteral("production");
        second.host = QStringLiteral("db.example.org");
        second.port = 6432;
        second.database = QStringLiteral("events");
        second.user = QStringLiteral("reader");
        second.sslMode = QStringLiteral("verify-full");
        AppSettings::saveConnection(first);
        AppSettings::saveConnection(second);
        auto cleanup = qScopeGuard([] {
            AppSettings::removeConnection(QStringLiteral("local"));
            AppSettings::removeConnection(QStringLiteral("production"));
        });
        // Only the second's password is known (kept for the session: no keychain here).
        secrets.write(Secrets::postgresKey(second.user, second.host, second.port, second.database),
                      QStringLiteral("s3cret:pw"), false);

        ConnectionDialog dialog(&secrets);
        dialog.resize(560, dialog.sizeHint().height());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("savedConnections"));
        QVERIFY(combo && combo->isEnabled());
        QCOMPARE(combo->count(), 3); // "(new connection)" and the two
        auto *password = dialog.findChild<QLineEdit *>(QStringLiteral("password"));
        QVERIFY(password);

        // Chosen with the keyboard, as a user does: the fields fill, the password comes from the store.
        const int productionAt = combo->findData(second.name);
        QVERIFY(productionAt > 0);
        combo->setFocus();
        while (combo->currentIndex() < productionAt)
            QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(combo->currentIndex(), productionAt);
        QTRY_COMPARE(password->text(), QStringLiteral("s3cret:pw"));
        // The chosen connection is readable whole in the combo, not clipped.
        QVERIFY(combo->currentText().contains(QLatin1String("reader@db.example.org:6432/events")));
        QVERIFY2(combo->width() > combo->fontMetrics().horizontalAdvance(combo->currentText()) + 20,
                 qPrintable(QStringLiteral("%1 px for %2").arg(combo->width()).arg(combo->currentText())));
        QCOMPARE(dialog.connection(), second);
        const auto location = es::inspect::StoreLocation::parse(dialog.url());
        QCOMPARE(location.host, second.host);
        QCOMPARE(location.port, 6432);
        QCOMPARE(location.dbname, second.database);
        QCOMPARE(location.user, second.user);
        QCOMPARE(location.password, QStringLiteral("s3cret:pw"));
        QCOMPARE(location.sslmode, QStringLiteral("verify-full"));
        QVERIFY(!screenshot(&dialog, QStringLiteral("connection-dialog-saved")).isEmpty());

        // The other one has no password stored: the field is emptied, not left with the last one.
        const int localAt = combo->findData(first.name);
        while (combo->currentIndex() > localAt)
            QTest::keyClick(combo, Qt::Key_Up);
        QCOMPARE(combo->currentIndex(), localAt);
        QTRY_COMPARE(dialog.connection(), first);
        QTest::qWait(50);
        QCOMPARE(password->text(), QString());
    }

    void cipherKeyDialogChecksTheForm()
    {
        QCOMPARE(CipherKeyDialog::keyProblem(QString::fromLatin1(QByteArray(16, 'k').toBase64())), QString());
        QCOMPARE(CipherKeyDialog::keyProblem(QString::fromLatin1(QByteArray(32, 'k').toBase64())), QString());
        QVERIFY(!CipherKeyDialog::keyProblem(QString::fromLatin1(QByteArray(20, 'k').toBase64())).isEmpty());
        QVERIFY(!CipherKeyDialog::keyProblem(QStringLiteral("%%%")).isEmpty());
        QVERIFY(!CipherKeyDialog::keyProblem(QString()).isEmpty());
        CipherKeyDialog dialog(QStringLiteral("bankaccounts in /tmp/bank.sqlite"),
                               QStringLiteral("needs key: 32 of the 32 records sampled are encrypted"),
                               false);
        dialog.resize(560, dialog.sizeHint().height());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *edit = dialog.findChild<QLineEdit *>(QStringLiteral("key"));
        QTest::keyClicks(edit, QStringLiteral("short"));
        QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("problem"))->text().isEmpty());
        dialog.setKey(QString::fromLatin1(QByteArray(16, 'k').toBase64()));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("problem"))->text().isEmpty());
        QVERIFY(!screenshot(&dialog, QStringLiteral("cipher-key-dialog")).isEmpty());
    }
};

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
