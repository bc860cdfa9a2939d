#pragma once
// One open store in the main window: its own StoreSession (worker threads, connections), opened off
// the GUI thread with a busy page and Cancel; on failure an error page that says why (wrong path, not
// a SQLite database, no event store in it, server unreachable, authentication failed) with Try again;
// once open, a header with the store, a READ-ONLY badge and the key's state, the application chooser,
// a banner asking for the cipher key when records are encrypted, and the pages: Applications,
// Aggregates, Aggregate, Log, Snapshots, Tracking, Verify.
//
// Pages follow the tab's application lazily: a page is told when it is shown, so that work is only
// started for what the user looks at.
//
// Thread-safety: GUI thread only. Owns its session, models and pages; does not own `secrets`.

#include "es/inspect/catalogue.h"
#include "es/inspect/store.h"

#include <QHash>
#include <QPointer>
#include <QUuid>
#include <QWidget>
#include <optional>

namespace es::gui {
class ApplicationsModel;
class StoreSession;
} // namespace es::gui
class AggregatePage;
class AggregatesPage;
class ApplicationsPage;
class Badge;
class LogPage;
class QComboBox;
class QFrame;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class Secrets;
class SnapshotsPage;
class StorePage;
class TrackingPage;
class VerifyPage;

class StoreTab : public QWidget
{
    Q_OBJECT
public:
    enum class State { Opening, Open, Failed };
    enum Page {
        ApplicationsView,
        AggregatesView,
        AggregateView,
        LogView,
        SnapshotsView,
        TrackingView,
        VerifyView,
        PageCount
    };

    // `url` may hold a password: it is given to the session only, never shown or remembered.
    StoreTab(const QString &url, Secrets *secrets, const es::inspect::OpenOptions &options = {},
             QWidget *parent = nullptr);
    ~StoreTab() override;

    // Starts opening (again, after a failure).
    void open();
    State state() const { return m_state; }
    QString url() const { return m_url; }
    // The URL without password (the store's own once open).
    QString displayUrl() const;
    // A short name for the tab: the file or folder name, "db on host", the remote host.
    QString title() const;
    QString errorMessage() const { return m_error; }

    es::gui::StoreSession *session() const { return m_session; }
    es::gui::ApplicationsModel *applicationsModel() const { return m_applications; }
    QString application() const { return m_application; }
    void setApplication(const QString &application);

    void showPage(Page page);
    Page currentPageIndex() const;
    StorePage *currentPage() const;
    StorePage *page(Page page) const;
    ApplicationsPage *applicationsPage() const { return m_applicationsPage; }
    AggregatesPage *aggregatesPage() const { return m_aggregatesPage; }
    AggregatePage *aggregatePage() const { return m_aggregatePage; }
    LogPage *logPage() const { return m_logPage; }
    SnapshotsPage *snapshotsPage() const { return m_snapshotsPage; }
    TrackingPage *trackingPage() const { return m_trackingPage; }
    VerifyPage *verifyPage() const { return m_verifyPage; }
    QTabWidget *pages() const { return m_pages; }
    Badge *readOnlyBadge() const { return m_readOnly; }
    Badge *keyBadge() const { return m_keyBadge; }
    QLabel *keyBanner() const { return m_bannerText; }
    QLabel *errorLabel() const { return m_errorText; }

    // Shows an aggregate's page.
    void openAggregate(const QString &application, const QUuid &id,
                       const std::optional<es::inspect::AggregateSummary> &summary = std::nullopt);

    // Decodes `application`'s records (all applications when "") with a key; remembers it in the
    // keychain for this store when `remember` (for the session otherwise). False with the reason
    // when the key is not base64 of 16, 24 or 32 bytes.
    bool setCipherKey(const QString &application, const QString &key, bool remember,
                      QString *error = nullptr);
    // Asks for the key of `application` (the current one when "") with the cipher key dialog.
    void askForKey(const QString &application = QString());

    // One line for the status bar: the application's counts (as far as they have arrived).
    QString countsText() const;
    // The titled job running longest ago (for the status bar), 0 when none; and its progress.
    quint64 currentJob() const;
    QString currentJobTitle() const;
    std::pair<qint64, qint64> currentJobProgress() const;
    void cancelJobs();

signals:
    void stateChanged(StoreTab::State state);
    void opened();
    void openFailed(const QString &message);
    void titleChanged();
    void applicationChanged(const QString &application);
    void countsChanged();
    void jobsChanged();
    void statusMessage(const QString &message);
    void closeRequested();
    void openAnotherRequested();
    // The connection dialog, filled in with this store's URL (no password), is wanted.
    void editConnectionRequested(const QString &url);

private:
    void buildOpeningPage();
    void buildErrorPage();
    void buildStorePage();
    void sessionOpened();
    void sessionFailed(const QString &message);
    void pageShown(int index);
    void updateKeyState();
    void restoreKeys();
    void setState(State state);

    QString m_url;
    Secrets *m_secrets;
    es::inspect::OpenOptions m_options;
    State m_state = State::Opening;
    QString m_error;
    QString m_application;
    es::gui::StoreSession *m_session = nullptr;
    es::gui::ApplicationsModel *m_applications = nullptr;
    QHash<QString, bool> m_keyAsked; // applications whose key was asked for (or restored) already

    struct RunningJob
    {
        QString title;
        qint64 done = 0;
        qint64 total = -1;
    };
    QHash<quint64, RunningJob> m_jobs;
    QList<quint64> m_jobOrder;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_openingText = nullptr;
    QLabel *m_errorTitle = nullptr;
    QLabel *m_errorText = nullptr;
    QPushButton *m_editConnection = nullptr;
    QWidget *m_storeWidget = nullptr;
    QLabel *m_storeTitle = nullptr;
    Badge *m_readOnly = nullptr;
    Badge *m_kindBadge = nullptr;
    Badge *m_keyBadge = nullptr;
    QComboBox *m_appChooser = nullptr;
    QFrame *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    QPushButton *m_bannerButton = nullptr;
    QString m_bannerApplication;
    QTabWidget *m_pages = nullptr;
    ApplicationsPage *m_applicationsPage = nullptr;
    AggregatesPage *m_aggregatesPage = nullptr;
    AggregatePage *m_aggregatePage = nullptr;
    LogPage *m_logPage = nullptr;
    SnapshotsPage *m_snapshotsPage = nullptr;
    TrackingPage *m_trackingPage = nullptr;
    VerifyPage *m_verifyPage = nullptr;
};
