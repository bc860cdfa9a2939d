#include "mainwindow.h"

#include "appsettings.h"
#include "dialogs/connectiondialog.h"
#include "dialogs/remotelogdialog.h"
#include "es/version.h"
#include "models/applicationsmodel.h"
#include "models/logmodel.h"
#include "secrets.h"
#include "widgets/aggregatepage.h"
#include "widgets/aggregatespage.h"
#include "widgets/applicationspage.h"
#include "widgets/jsontreeview.h"
#include "widgets/logpage.h"
#include "widgets/recordtable.h"
#include "widgets/snapshotspage.h"
#include "widgets/startpage.h"
#include "widgets/storetab.h"
#include "widgets/verifypage.h"
#include "workers/exportjob.h"
#include "workers/storesession.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>
#include <QUrl>
#include <QUrlQuery>
#include <algorithm>

MainWindow::MainWindow(bool useKeychain, QWidget *parent)
    : QMainWindow(parent), m_secrets(new Secrets(QStringLiteral("es-inspector"), useKeychain, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Event Store Inspector"));
    setAcceptDrops(true);
    createActions();

    m_central = new QStackedWidget(this);
    m_startPage
        = new StartPage({action(QStringLiteral("open")), action(QStringLiteral("openFolder")),
                         action(QStringLiteral("openPostgres")), action(QStringLiteral("openRemote"))},
                        m_central);
    m_tabs = new QTabWidget(m_central);
    m_tabs->setObjectName(QStringLiteral("storeTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_central->addWidget(m_startPage);
    m_central->addWidget(m_tabs);
    setCentralWidget(m_central);

    createMenus();
    createStatusBar();

    connect(m_startPage, &StartPage::openRequested, this, &MainWindow::openRecent);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeStore);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        m_startRequested = false;
        updateActions();
        updateStatus();
        updateTitle();
    });
    connect(m_secrets, &Secrets::keychainUnavailable, this, [this](const QString &reason) {
        m_keychainLabel->setText(tr("Secrets: this session only"));
        m_keychainLabel->setToolTip(reason);
        m_keychainLabel->show();
    });
    if (!m_secrets->isKeychainAvailable()) {
        m_keychainLabel->setText(tr("Secrets: this session only"));
        m_keychainLabel->setToolTip(m_secrets->keychainProblem());
        m_keychainLabel->show();
    }

    resize(1280, 820);
    restoreSettings();
    updateRecentMenu();
    updateActions();
    updateStatus();
}

MainWindow::~MainWindow() = default;

// --- actions and menus -----------------------------------------------------------------------------

QAction *MainWindow::action(const QString &name) const
{
    return m_actions.value(name);
}

void MainWindow::createActions()
{
    // The platform's bindings of a standard key, or `fallback` where it has none (Quit on some).
    auto standard = [](QKeySequence::StandardKey key, const QKeySequence &fallback) {
        QList<QKeySequence> keys = QKeySequence::keyBindings(key);
        if (keys.isEmpty())
            keys << fallback;
        return keys;
    };
    auto add = [this](const QString &name, const QString &text, const QList<QKeySequence> &keys, auto slot,
                      const QString &tip = QString()) {
        auto *a = new QAction(text, this);
        a->setObjectName(name);
        a->setShortcuts(keys);
        a->setToolTip(tip.isEmpty() ? QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…"))
                                    : tip);
        a->setStatusTip(a->toolTip());
        connect(a, &QAction::triggered, this, slot);
        addAction(a); // shortcuts work with the menu bar hidden too
        m_actions.insert(name, a);
        return a;
    };
    add(QStringLiteral("open"), tr("&Open SQLite File…"),
        standard(QKeySequence::Open, QKeySequence(Qt::CTRL | Qt::Key_O)), &MainWindow::openFileDialog,
        tr("A SQLite database written by eventsourcing (one application)"));
    add(QStringLiteral("openFolder"), tr("Open &Folder…"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)},
        &MainWindow::openFolderDialog,
        tr("A folder of SQLite databases: a system, one application per file"));
    add(QStringLiteral("openPostgres"), tr("Open &PostgreSQL Database…"),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)}, &MainWindow::openPostgresDialog,
        tr("Host, port, database, user, password, SSL mode; saved connections"));
    add(QStringLiteral("openRemote"), tr("Open &Remote Notification Log…"),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)}, &MainWindow::openRemoteDialog,
        tr("An application's log served as JSON over HTTP"));
    add(QStringLiteral("export"), tr("&Export…"), {QKeySequence(Qt::CTRL | Qt::Key_E)},
        &MainWindow::exportRecords,
        tr("Write the log, the snapshots or the aggregate shown as JSON lines or CSV"));
    add(QStringLiteral("close"), tr("&Close Store"),
        standard(QKeySequence::Close, QKeySequence(Qt::CTRL | Qt::Key_W)), &MainWindow::closeCurrentStore);
    add(QStringLiteral("home"), tr("&Start Page"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H)},
        &MainWindow::showStartPage);
    add(QStringLiteral("quit"), tr("&Quit"), standard(QKeySequence::Quit, QKeySequence(Qt::CTRL | Qt::Key_Q)),
        &QWidget::close);

    add(QStringLiteral("copy"), tr("&Copy as JSON"),
        standard(QKeySequence::Copy, QKeySequence(Qt::CTRL | Qt::Key_C)), &MainWindow::copy,
        tr("The selected rows (or JSON node) as JSON"));
    add(QStringLiteral("copyPayload"), tr("Copy &Payload as JSON"),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)}, &MainWindow::copyPayload,
        tr("The payload of the record shown"));
    add(QStringLiteral("find"), tr("&Find…"),
        standard(QKeySequence::Find, QKeySequence(Qt::CTRL | Qt::Key_F)), &MainWindow::find,
        tr("Search aggregates by id prefix; filter the log by topic"));
    add(QStringLiteral("key"), tr("Cipher &Key…"), {QKeySequence(Qt::CTRL | Qt::Key_K)},
        &MainWindow::enterKey, tr("The key to decrypt the application's records"));

    add(QStringLiteral("refresh"), tr("&Refresh"), standard(QKeySequence::Refresh, QKeySequence(Qt::Key_F5)),
        &MainWindow::refresh);
    add(QStringLiteral("goTo"), tr("&Go to Notification Id…"), {QKeySequence(Qt::CTRL | Qt::Key_G)},
        &MainWindow::goToId);
    add(QStringLiteral("first"), tr("F&irst Notification"), {QKeySequence(Qt::CTRL | Qt::Key_Home)},
        &MainWindow::goFirst);
    add(QStringLiteral("last"), tr("&Last Notification"), {QKeySequence(Qt::CTRL | Qt::Key_End)},
        &MainWindow::goLast);
    add(QStringLiteral("verify"), tr("&Verify Application"), {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V)},
        &MainWindow::verify, tr("Check every record of the application and list what is wrong"));
    add(QStringLiteral("stop"), tr("&Stop Long Work"), {QKeySequence(Qt::CTRL | Qt::Key_Period)}, [this] {
        if (auto *tab = currentStore())
            tab->cancelJobs();
    });
    add(QStringLiteral("nextStore"), tr("&Next Store"),
        standard(QKeySequence::NextChild, QKeySequence(Qt::CTRL | Qt::Key_Tab)), [this] {
            if (m_tabs->count() > 1)
                m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count());
        });
    add(QStringLiteral("previousStore"), tr("P&revious Store"),
        standard(QKeySequence::PreviousChild, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab)), [this] {
            if (m_tabs->count() > 1)
                m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count());
        });
    const QStringList pageNames
        = {tr("&Applications"), tr("A&ggregates"), tr("Aggregate"),       tr("Notification &Log"),
           tr("&Snapshots"),    tr("&Tracking"),   tr("&Verify Findings")};
    for (int i = 0; i < pageNames.size(); ++i) {
        add(QStringLiteral("page%1").arg(i), pageNames.at(i),
            {QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_1 + i))}, [this, i] {
                if (auto *tab = currentStore())
                    tab->showPage(static_cast<StoreTab::Page>(i));
            });
    }
    add(QStringLiteral("about"), tr("&About Event Store Inspector"), {}, &MainWindow::about);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(action(QStringLiteral("open")));
    file->addAction(action(QStringLiteral("openFolder")));
    file->addAction(action(QStringLiteral("openPostgres")));
    file->addAction(action(QStringLiteral("openRemote")));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    file->addSeparator();
    file->addAction(action(QStringLiteral("export")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("close")));
    file->addAction(action(QStringLiteral("home")));
    file->addSeparator();
    file->addAction(action(QStringLiteral("quit")));

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(action(QStringLiteral("copy")));
    edit->addAction(action(QStringLiteral("copyPayload")));
    edit->addSeparator();
    edit->addAction(action(QStringLiteral("find")));
    edit->addAction(action(QStringLiteral("key")));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < StoreTab::PageCount; ++i)
        view->addAction(action(QStringLiteral("page%1").arg(i)));
    view->addSeparator();
    view->addAction(action(QStringLiteral("refresh")));
    view->addAction(action(QStringLiteral("stop")));
    view->addSeparator();
    view->addAction(action(QStringLiteral("nextStore")));
    view->addAction(action(QStringLiteral("previousStore")));

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    go->addAction(action(QStringLiteral("goTo")));
    go->addAction(action(QStringLiteral("first")));
    go->addAction(action(QStringLiteral("last")));

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(action(QStringLiteral("verify")));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(action(QStringLiteral("about")));
}

void MainWindow::createStatusBar()
{
    m_storeLabel = new QLabel(this);
    m_storeLabel->setObjectName(QStringLiteral("statusStore"));
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("statusCounts"));
    m_jobLabel = new QLabel(this);
    m_jobLabel->setObjectName(QStringLiteral("statusJob"));
    m_jobProgress = new QProgressBar(this);
    m_jobProgress->setMaximumWidth(160);
    m_jobProgress->setMaximumHeight(16);
    m_jobCancel = new QToolButton(this);
    m_jobCancel->setText(tr("Cancel"));
    m_jobCancel->setToolTip(tr("Stop the long work (Ctrl+.)"));
    m_jobCancel->setAutoRaise(true);
    m_keychainLabel = new QLabel(this);
    m_keychainLabel->setObjectName(QStringLiteral("statusKeychain"));
    m_keychainLabel->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_keychainLabel->hide();
    statusBar()->addPermanentWidget(m_counts);
    statusBar()->addPermanentWidget(m_jobLabel);
    statusBar()->addPermanentWidget(m_jobProgress);
    statusBar()->addPermanentWidget(m_jobCancel);
    statusBar()->addPermanentWidget(m_keychainLabel);
    statusBar()->addWidget(m_storeLabel);
    connect(m_jobCancel, &QToolButton::clicked, this, [this] {
        if (auto *tab = currentStore())
            tab->cancelJobs();
    });
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = AppSettings::recentStores();
    int i = 0;
    for (const QString &url : recent) {
        QString label = url;
        label.replace(QLatin1Char('&'), QStringLiteral("&&"));
        if (i < 9)
            label = QStringLiteral("&%1 %2").arg(i + 1).arg(label);
        QAction *a = m_recentMenu->addAction(label);
        connect(a, &QAction::triggered, this, [this, url] { openRecent(url); });
        ++i;
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("(none yet)"))->setEnabled(false);
    } else {
        m_recentMenu->addSeparator();
        connect(m_recentMenu->addAction(tr("&Clear the List")), &QAction::triggered, this, [this] {
            AppSettings::clearRecentStores();
            updateRecentMenu();
        });
    }
    m_startPage->refreshRecent();
}

void MainWindow::updateActions()
{
    StoreTab *tab = currentStore();
    const bool open = tab && tab->state() == StoreTab::State::Open;
    StorePage *page = open ? tab->currentPage() : nullptr;
    const bool navigable = page && page->canNavigate();
    action(QStringLiteral("close"))->setEnabled(tab != nullptr);
    action(QStringLiteral("goTo"))->setEnabled(open);
    action(QStringLiteral("first"))->setEnabled(navigable);
    action(QStringLiteral("last"))->setEnabled(navigable);
    action(QStringLiteral("refresh"))->setEnabled(tab != nullptr);
    action(QStringLiteral("verify"))->setEnabled(open && !tab->application().isEmpty());
    action(QStringLiteral("key"))->setEnabled(open && !tab->application().isEmpty());
    action(QStringLiteral("export"))->setEnabled(open && !tab->application().isEmpty());
    action(QStringLiteral("copyPayload"))->setEnabled(open);
    action(QStringLiteral("find"))->setEnabled(open);
    for (int i = 0; i < StoreTab::PageCount; ++i)
        action(QStringLiteral("page%1").arg(i))->setEnabled(open && tab->pages()->isTabEnabled(i));
    action(QStringLiteral("stop"))->setEnabled(tab && tab->currentJob() != 0);
    if (m_tabs->count() == 0)
        m_central->setCurrentWidget(m_startPage);
    else if (!m_startRequested)
        m_central->setCurrentWidget(m_tabs);
}

void MainWindow::updateStatus()
{
    StoreTab *tab = currentStore();
    if (!tab) {
        m_storeLabel->setText(m_tabs->count() == 0 ? tr("No store open") : QString());
        m_counts->clear();
        m_jobLabel->hide();
        m_jobProgress->hide();
        m_jobCancel->hide();
        return;
    }
    QString store = tab->displayUrl();
    if (tab->state() == StoreTab::State::Open)
        store = tr("%1 (read-only)").arg(store);
    else if (tab->state() == StoreTab::State::Opening)
        store = tr("Opening %1…").arg(store);
    else
        store = tr("Could not open %1").arg(store);
    m_storeLabel->setText(store);
    m_counts->setText(tab->countsText());
    const quint64 job = tab->currentJob();
    m_jobLabel->setVisible(job != 0);
    m_jobProgress->setVisible(job != 0);
    m_jobCancel->setVisible(job != 0);
    if (job) {
        m_jobLabel->setText(tab->currentJobTitle());
        const auto [done, total] = tab->currentJobProgress();
        if (total > 0) {
            m_jobProgress->setRange(0, 1000);
            m_jobProgress->setValue(static_cast<int>(std::min<qint64>(1000, done * 1000 / total)));
        } else {
            m_jobProgress->setRange(0, 0);
        }
    }
    action(QStringLiteral("stop"))->setEnabled(job != 0);
}

void MainWindow::updateTitle()
{
    StoreTab *tab = currentStore();
    if (tab && tab->state() == StoreTab::State::Open)
        setWindowTitle(tr("%1 [read-only] — Event Store Inspector").arg(tab->displayUrl()));
    else
        setWindowTitle(tr("Event Store Inspector"));
}

void MainWindow::showMessage(const QString &message, int timeoutMs)
{
    statusBar()->showMessage(message, timeoutMs);
}

// --- opening ---------------------------------------------------------------------------------------

StoreTab *MainWindow::openStore(const QString &urlOrPath, const es::inspect::OpenOptions &options)
{
    QString url = urlOrPath.trimmed();
    if (url.startsWith(QLatin1String("file:")))
        url = QUrl(url).toLocalFile();
    else if (!url.contains(QLatin1String("://")) && !url.isEmpty())
        url = QFileInfo(url).absoluteFilePath();
    if (url.isEmpty())
        return nullptr;

    // The store may be open already.
    const QString shown = AppSettings::withoutPassword(url);
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *tab = storeTab(i);
        if (tab && tab->state() != StoreTab::State::Failed
            && (AppSettings::withoutPassword(tab->url()) == shown || tab->displayUrl() == shown)) {
            m_startRequested = false;
            m_tabs->setCurrentIndex(i);
            updateActions();
            showMessage(tr("%1 is open already.").arg(shown));
            return tab;
        }
    }

    m_startRequested = false;
    auto *tab = new StoreTab(url, m_secrets, options, m_tabs);
    const int index = m_tabs->addTab(tab, tab->title());
    m_tabs->setTabToolTip(index, shown);
    m_tabs->setCurrentIndex(index);
    connect(tab, &StoreTab::titleChanged, this, [this, tab] { tabTitleChanged(tab); });
    connect(tab, &StoreTab::opened, this, [this, tab] {
        AppSettings::addRecentStore(tab->displayUrl());
        updateRecentMenu();
        rememberSplitters(tab);
        showMessage(tr("Opened %1: %n application(s).", nullptr,
                       static_cast<int>(tab->session()->applicationNames().size()))
                        .arg(tab->displayUrl()));
        updateActions();
        updateStatus();
        updateTitle();
    });
    connect(tab, &StoreTab::openFailed, this, [this, tab](const QString &message) {
        showMessage(tr("Could not open %1: %2").arg(tab->displayUrl(), message), 15000);
        updateActions();
        updateStatus();
    });
    connect(tab, &StoreTab::stateChanged, this, [this] {
        updateActions();
        updateStatus();
        updateTitle();
    });
    auto refreshStatus = [this, tab] {
        if (tab == currentStore())
            updateStatus();
    };
    connect(tab, &StoreTab::countsChanged, this, refreshStatus);
    connect(tab, &StoreTab::jobsChanged, this, refreshStatus);
    connect(tab, &StoreTab::applicationChanged, this, [this, refreshStatus] {
        refreshStatus();
        updateActions();
    });
    connect(tab->pages(), &QTabWidget::currentChanged, this, &MainWindow::updateActions);
    connect(tab, &StoreTab::statusMessage, this, [this](const QString &m) { showMessage(m); });
    connect(tab, &StoreTab::closeRequested, this, [this, tab] { closeStore(m_tabs->indexOf(tab)); });
    connect(tab, &StoreTab::openAnotherRequested, this, &MainWindow::openFileDialog);
    connect(tab, &StoreTab::editConnectionRequested, this, &MainWindow::editConnection);
    updateActions();
    tab->open();
    updateStatus();
    return tab;
}

void MainWindow::openRecent(const QString &url)
{
    const QUrl u(url);
    if (!u.scheme().startsWith(QLatin1String("postgres")) || !u.password().isEmpty()) {
        openStore(url);
        return;
    }
    // A saved PostgreSQL store: its password comes from the keychain (or the session).
    const QString path = u.path();
    const QString key = Secrets::postgresKey(u.userName(), u.host(), u.port(5432), path.mid(1));
    m_secrets->read(key, this, [this, url](bool found, const QString &password) {
        QUrl withPassword(url);
        if (found)
            withPassword.setPassword(password, QUrl::DecodedMode);
        openStore(withPassword.toString(QUrl::FullyEncoded));
    });
}

void MainWindow::openFileDialog()
{
    const QString dir = AppSettings::value(QStringLiteral("dialogs/lastDir"));
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open a SQLite event store"), dir,
                                       tr("SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)"));
    if (path.isEmpty())
        return;
    AppSettings::setValue(QStringLiteral("dialogs/lastDir"), QFileInfo(path).absolutePath().toUtf8());
    openStore(path);
}

void MainWindow::openFolderDialog()
{
    const QString dir = AppSettings::value(QStringLiteral("dialogs/lastDir"));
    const QString path
        = QFileDialog::getExistingDirectory(this, tr("Open a folder of SQLite stores (a system)"), dir);
    if (path.isEmpty())
        return;
    AppSettings::setValue(QStringLiteral("dialogs/lastDir"), path.toUtf8());
    openStore(path);
}

void MainWindow::openPostgresDialog()
{
    editConnection(QString());
}

void MainWindow::editConnection(const QString &url)
{
    ConnectionDialog dialog(m_secrets, this);
    if (!url.isEmpty()) {
        // The store that failed: its host, port, database, user and SSL mode; the password is typed again.
        const QUrl u(url);
        SavedConnection c;
        c.host = u.host();
        c.port = u.port(5432);
        c.database = u.path().mid(1);
        c.user = u.userName();
        c.sslMode = QUrlQuery(u).queryItemValue(QStringLiteral("sslmode"));
        dialog.setConnection(c);
    }
    if (dialog.exec() != QDialog::Accepted)
        return;
    dialog.storeAccepted();
    // The failed tab gives way to the new attempt.
    for (int i = m_tabs->count() - 1; i >= 0; --i) {
        StoreTab *tab = storeTab(i);
        if (tab && tab->state() == StoreTab::State::Failed && tab->displayUrl() == url)
            closeStore(i);
    }
    openStore(dialog.url());
}

void MainWindow::openRemoteDialog()
{
    RemoteLogDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    es::inspect::OpenOptions options;
    options.remoteSectionSize = dialog.sectionSize();
    openStore(dialog.url(), options);
}

void MainWindow::closeStore(int index)
{
    auto *tab = storeTab(index);
    if (!tab)
        return;
    m_tabs->removeTab(index);
    // Its session stops its jobs now; the tab goes once the signal that asked for this (a button of
    // its own) has returned.
    tab->session()->close();
    tab->hide();
    tab->deleteLater();
    updateActions();
    updateStatus();
    updateTitle();
}

void MainWindow::closeCurrentStore()
{
    closeStore(m_tabs->currentIndex());
}

void MainWindow::showStartPage()
{
    m_startPage->refreshRecent();
    m_startRequested = true;
    m_central->setCurrentWidget(m_startPage);
}

void MainWindow::tabTitleChanged(StoreTab *tab)
{
    const int index = m_tabs->indexOf(tab);
    if (index < 0)
        return;
    m_tabs->setTabText(index, tab->title());
    m_tabs->setTabToolTip(
        index, tab->displayUrl() + (tab->state() == StoreTab::State::Open ? tr(" (read-only)") : QString()));
    if (tab->state() == StoreTab::State::Failed)
        m_tabs->tabBar()->setTabTextColor(index, QColor(0xb0, 0x00, 0x20));
    else
        m_tabs->tabBar()->setTabTextColor(index, QColor());
}

int MainWindow::storeCount() const
{
    return m_tabs->count();
}

StoreTab *MainWindow::storeTab(int index) const
{
    return qobject_cast<StoreTab *>(m_tabs->widget(index));
}

StoreTab *MainWindow::currentStore() const
{
    return qobject_cast<StoreTab *>(m_tabs->currentWidget());
}

// --- drag and drop ---------------------------------------------------------------------------------

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    for (const QUrl &u : urls) {
        if (u.isLocalFile() || u.scheme().startsWith(QLatin1String("postgres"))
            || u.scheme().startsWith(QLatin1String("http"))) {
            event->acceptProposedAction();
            return;
        }
    }
    if (event->mimeData()->hasText())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() && event->mimeData()->hasText()) {
        openStore(event->mimeData()->text().trimmed());
    } else {
        for (const QUrl &u : urls)
            openStore(u.isLocalFile() ? u.toLocalFile() : u.toString());
    }
    event->acceptProposedAction();
}

// --- edit, view, go ----------------------------------------------------------------------------------

void MainWindow::copy()
{
    QWidget *focus = QApplication::focusWidget();
    if (auto *line = qobject_cast<QLineEdit *>(focus)) {
        line->copy();
        return;
    }
    if (auto *tree = qobject_cast<JsonTreeView *>(focus)) {
        tree->copySelection();
        showMessage(tr("Copied the JSON."), 3000);
        return;
    }
    if (auto *table = qobject_cast<RecordTable *>(focus)) {
        const QString json = table->selectedJson();
        QApplication::clipboard()->setText(json.isEmpty() ? table->selectedText() : json);
        showMessage(tr("Copied the selected rows as JSON."), 3000);
        return;
    }
    if (auto *label = qobject_cast<QLabel *>(focus); label && label->hasSelectedText()) {
        QApplication::clipboard()->setText(label->selectedText());
        return;
    }
    copyPayload();
}

void MainWindow::copyPayload()
{
    StoreTab *tab = currentStore();
    StorePage *page = tab ? tab->currentPage() : nullptr;
    const QString json = page ? page->payloadJson() : QString();
    if (json.isEmpty()) {
        showMessage(tr("No payload shown to copy."), 3000);
        return;
    }
    QApplication::clipboard()->setText(json);
    showMessage(tr("Copied the payload as JSON."), 3000);
}

void MainWindow::find()
{
    StoreTab *tab = currentStore();
    if (!tab || tab->state() != StoreTab::State::Open)
        return;
    StorePage *page = tab->currentPage();
    if (page != tab->aggregatesPage() && page != tab->logPage()) {
        tab->showPage(StoreTab::AggregatesView);
        page = tab->currentPage();
    }
    if (page)
        page->focusSearch();
}

void MainWindow::refresh()
{
    StoreTab *tab = currentStore();
    if (!tab)
        return;
    if (tab->state() == StoreTab::State::Failed) {
        tab->open();
        return;
    }
    if (tab->state() != StoreTab::State::Open)
        return;
    tab->applicationsModel()->refreshCounts();
    if (StorePage *page = tab->currentPage(); page && page != tab->applicationsPage())
        page->refresh();
}

void MainWindow::goToId()
{
    StoreTab *tab = currentStore();
    if (!tab || tab->state() != StoreTab::State::Open)
        return;
    bool ok = false;
    const qint64 last = tab->logPage()->model()->lastLogId();
    const QString text = QInputDialog::getText(this, tr("Go to notification"),
                                               last > 0 ? tr("Notification id (1 to %1):").arg(last)
                                                        : tr("Notification id:"),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    const qint64 id = text.trimmed().toLongLong(&ok);
    if (!ok || id <= 0) {
        showMessage(tr("A notification id is a positive whole number."));
        return;
    }
    tab->showPage(StoreTab::LogView);
    tab->logPage()->goToId(id);
}

void MainWindow::goFirst()
{
    if (StoreTab *tab = currentStore(); tab && tab->currentPage() && tab->currentPage()->canNavigate())
        tab->currentPage()->goFirst();
}

void MainWindow::goLast()
{
    if (StoreTab *tab = currentStore(); tab && tab->currentPage() && tab->currentPage()->canNavigate())
        tab->currentPage()->goLast();
}

void MainWindow::verify()
{
    StoreTab *tab = currentStore();
    if (!tab || tab->state() != StoreTab::State::Open)
        return;
    tab->showPage(StoreTab::VerifyView);
    tab->verifyPage()->start();
}

void MainWindow::enterKey()
{
    if (StoreTab *tab = currentStore(); tab && tab->state() == StoreTab::State::Open)
        tab->askForKey();
}

void MainWindow::exportRecords()
{
    StoreTab *tab = currentStore();
    if (!tab || tab->state() != StoreTab::State::Open || tab->application().isEmpty())
        return;
    es::inspect::ExportOptions options;
    QString what = tr("the notification log of %1").arg(tab->application());
    if (tab->currentPage() == tab->snapshotsPage()) {
        options.selection = es::inspect::ExportSelection::Snapshots;
        what = tr("the snapshots of %1").arg(tab->application());
    } else if (tab->currentPage() == tab->aggregatePage() && !tab->aggregatePage()->aggregate().isNull()) {
        options.selection = es::inspect::ExportSelection::Aggregate;
        options.aggregate = tab->aggregatePage()->aggregate();
        what = tr("the events of aggregate %1")
                   .arg(tab->aggregatePage()->aggregate().toString(QUuid::WithoutBraces));
    }
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export %1").arg(what), QDir::home().filePath(tab->application() + QStringLiteral(".jsonl")),
        tr("JSON lines (*.jsonl);;CSV (*.csv)"), &filter);
    if (path.isEmpty())
        return;
    options.format = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)
        ? es::inspect::ExportFormat::Csv
        : es::inspect::ExportFormat::Jsonl;
    auto *job = new es::gui::RecordExport(tab->session(), tab);
    connect(
        job, &es::gui::RecordExport::finished, this,
        [this, job](const es::inspect::ExportSummary &summary, const QString &file) {
            showMessage(
                summary.failed == 0
                    ? tr("Exported %n record(s) to %1.", nullptr, static_cast<int>(summary.rows)).arg(file)
                    : tr("Exported %1 records to %2; %3 could not be decoded (first: %4).")
                          .arg(summary.rows)
                          .arg(file)
                          .arg(summary.failed)
                          .arg(summary.firstError),
                15000);
            job->deleteLater();
        });
    connect(job, &es::gui::RecordExport::failed, this, [this, job](const QString &message) {
        showMessage(tr("Export failed: %1").arg(message), 15000);
        job->deleteLater();
    });
    connect(job, &es::gui::RecordExport::cancelled, this, [this, job] {
        showMessage(tr("Export cancelled."));
        job->deleteLater();
    });
    job->start(tab->application(), options, path);
    showMessage(tr("Exporting %1…").arg(what));
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About Event Store Inspector"),
        tr("<h3>Event Store Inspector %1</h3><p>Opens event stores written by Python's eventsourcing "
           "library (9.1) or by qt-eventsourcing — SQLite, PostgreSQL, remote notification logs — "
           "read-only, and shows what is in them: applications, aggregates and their states, the "
           "notification log, snapshots, tracking, and what is wrong.</p>")
            .arg(es::engineVersion()));
}

// --- settings ----------------------------------------------------------------------------------------

void MainWindow::restoreSettings()
{
    const QByteArray geometry = AppSettings::value(QStringLiteral("window/geometry"));
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = AppSettings::value(QStringLiteral("window/state"));
    if (!state.isEmpty())
        restoreState(state);
}

void MainWindow::saveSettings()
{
    AppSettings::setValue(QStringLiteral("window/geometry"), saveGeometry());
    AppSettings::setValue(QStringLiteral("window/state"), saveState());
}

void MainWindow::rememberSplitters(QWidget *root)
{
    const QList<QSplitter *> splitters = root->findChildren<QSplitter *>();
    for (QSplitter *splitter : splitters) {
        if (splitter->objectName().isEmpty())
            continue;
        const QString key = QStringLiteral("splitters/%1").arg(splitter->objectName());
        const QByteArray saved = AppSettings::value(key);
        if (!saved.isEmpty())
            splitter->restoreState(saved);
        connect(splitter, &QSplitter::splitterMoved, splitter,
                [splitter, key] { AppSettings::setValue(key, splitter->saveState()); });
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}
