#pragma once
// The Event Store Inspector's main window: a start page (open actions, recent stores) until a store
// is open, then one tab per open store (StoreTab). Opens SQLite files and folders (File ▸ Open, Open
// Folder, recent stores, drag and drop, the command line), PostgreSQL databases (the connection
// dialog, passwords from the keychain) and remote notification logs. Every action has a shortcut
// (standard ones where Qt has them); the status bar shows the store, the application's counts and the
// long job running, with Cancel. Geometry, window state, splitters and recent stores are remembered.
//
// Thread-safety: GUI thread only. Owns its tabs and the Secrets object.

#include "es/inspect/store.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTabWidget;
class QToolButton;
class Secrets;
class StartPage;
class StoreTab;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `useKeychain` false keeps secrets for the session only (tests; --no-keychain).
    explicit MainWindow(bool useKeychain = true, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a store URL or path in a new tab (or shows the tab where it is already open). Returns the
    // tab; opening goes on off the GUI thread.
    StoreTab *openStore(const QString &urlOrPath, const es::inspect::OpenOptions &options = {});

    int storeCount() const;
    StoreTab *storeTab(int index) const;
    StoreTab *currentStore() const;
    QTabWidget *tabs() const { return m_tabs; }
    StartPage *startPage() const { return m_startPage; }
    Secrets *secrets() const { return m_secrets; }
    QLabel *countsLabel() const { return m_counts; }
    QAction *action(const QString &name) const;

public slots:
    void openFileDialog();
    void openFolderDialog();
    void openPostgresDialog();
    // The connection dialog filled in from `url` (a PostgreSQL store that could not be opened).
    void editConnection(const QString &url);
    void openRemoteDialog();
    void closeCurrentStore();
    void closeStore(int index);
    void showStartPage();
    void copy();
    void copyPayload();
    void find();
    void refresh();
    void goToId();
    void goFirst();
    void goLast();
    void verify();
    void enterKey();
    void exportRecords();
    void about();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createStatusBar();
    void updateRecentMenu();
    void updateActions();
    void updateStatus();
    void updateTitle();
    void tabTitleChanged(StoreTab *tab);
    void showMessage(const QString &message, int timeoutMs = 8000);
    void restoreSettings();
    void saveSettings();
    void rememberSplitters(QWidget *root);
    void openRecent(const QString &url);

    Secrets *m_secrets = nullptr;
    QStackedWidget *m_central = nullptr;
    StartPage *m_startPage = nullptr;
    QTabWidget *m_tabs = nullptr;
    QMenu *m_recentMenu = nullptr;
    QLabel *m_storeLabel = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_jobLabel = nullptr;
    QProgressBar *m_jobProgress = nullptr;
    QToolButton *m_jobCancel = nullptr;
    QLabel *m_keychainLabel = nullptr;
    QHash<QString, QAction *> m_actions;
    bool m_startRequested = false; // the start page is shown over open tabs
};
