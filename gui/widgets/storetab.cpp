#include "widgets/storetab.h"

#include "appsettings.h"
#include "dialogs/cipherkeydialog.h"
#include "models/applicationsmodel.h"
#include "models/cataloguemodel.h"
#include "secrets.h"
#include "widgets/aggregatepage.h"
#include "widgets/aggregatespage.h"
#include "widgets/applicationspage.h"
#include "widgets/badge.h"
#include "widgets/logpage.h"
#include "widgets/snapshotspage.h"
#include "widgets/trackingpage.h"
#include "widgets/verifypage.h"
#include "workers/storesession.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

using es::gui::ApplicationsModel;
using es::gui::StoreSession;
using es::inspect::KeyCheck;

StoreTab::StoreTab(const QString &url, Secrets *secrets, const es::inspect::OpenOptions &options,
                   QWidget *parent)
    : QWidget(parent), m_url(url), m_secrets(secrets), m_options(options), m_session(new StoreSession(this))
{
    setObjectName(QStringLiteral("storeTab"));
    m_applications = new ApplicationsModel(m_session, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack);
    buildOpeningPage();
    buildErrorPage();
    buildStorePage();

    connect(m_session, &StoreSession::opened, this, &StoreTab::sessionOpened);
    connect(m_session, &StoreSession::openFailed, this, &StoreTab::sessionFailed);
    connect(m_session, &StoreSession::jobStarted, this, [this](quint64 job, quint64, const QString &title) {
        m_jobs.insert(job, RunningJob {title, 0, -1});
        m_jobOrder.append(job);
        emit jobsChanged();
    });
    connect(m_session, &StoreSession::jobProgress, this, [this](quint64 job, qint64 done, qint64 total) {
        auto it = m_jobs.find(job);
        if (it == m_jobs.end())
            return;
        it->done = done;
        it->total = total;
        emit jobsChanged();
    });
    auto jobEnded = [this](quint64 job) {
        if (m_jobs.remove(job)) {
            m_jobOrder.removeAll(job);
            emit jobsChanged();
        }
    };
    connect(m_session, &StoreSession::jobFinished, this, [jobEnded](quint64 job, quint64) { jobEnded(job); });
    connect(m_session, &StoreSession::jobCancelled, this,
            [jobEnded](quint64 job, quint64) { jobEnded(job); });
    connect(m_session, &StoreSession::jobFailed, this,
            [jobEnded](quint64 job, quint64, const QString &) { jobEnded(job); });
    connect(m_session, &StoreSession::decodingChanged, this, &StoreTab::updateKeyState);

    connect(m_applications, &ApplicationsModel::countsArrived, this, [this](const QString &app) {
        if (app.compare(m_application, Qt::CaseInsensitive) == 0)
            emit countsChanged();
        // The chooser shows each application's events once counted.
        const int row = m_applications->rowOf(app);
        const int item = m_appChooser->findData(m_applications->applicationAt(row));
        if (item >= 0) {
            if (const auto counts = m_applications->counts(row); counts && counts->events >= 0)
                m_appChooser->setItemText(
                    item,
                    tr("%1 (%2 events)")
                        .arg(m_applications->applicationAt(row), QLocale().toString(counts->events)));
        }
    });
    connect(m_applications, &ApplicationsModel::allCountsArrived, this, &StoreTab::countsChanged);
    connect(m_applications, &ApplicationsModel::keyChecked, this, &StoreTab::updateKeyState);
    connect(m_applications, &ApplicationsModel::errorOccurred, this, &StoreTab::statusMessage);
}

StoreTab::~StoreTab()
{
    // Models and pages go before the session they read through (children are deleted in creation
    // order, and the session was created first).
    delete m_stack;
    m_stack = nullptr;
    delete m_applications;
    m_applications = nullptr;
}

// --- the three states ------------------------------------------------------------------------------

void StoreTab::buildOpeningPage()
{
    auto *page = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(page);
    layout->addStretch(1);
    m_openingText = new QLabel(page);
    m_openingText->setObjectName(QStringLiteral("openingText"));
    m_openingText->setAlignment(Qt::AlignCenter);
    m_openingText->setWordWrap(true);
    layout->addWidget(m_openingText);
    auto *bar = new QProgressBar(page);
    bar->setRange(0, 0);
    bar->setMaximumWidth(360);
    layout->addWidget(bar, 0, Qt::AlignHCenter);
    auto *cancel = new QPushButton(tr("&Cancel"), page);
    layout->addWidget(cancel, 0, Qt::AlignHCenter);
    layout->addStretch(2);
    connect(cancel, &QPushButton::clicked, this, &StoreTab::closeRequested);
    m_stack->addWidget(page);
}

void StoreTab::buildErrorPage()
{
    auto *page = new QWidget(m_stack);
    page->setObjectName(QStringLiteral("errorPage"));
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(48, 36, 48, 36);
    m_errorTitle = new QLabel(page);
    m_errorTitle->setWordWrap(true);
    m_errorTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_errorTitle);
    m_errorText = new QLabel(page);
    m_errorText->setObjectName(QStringLiteral("openError"));
    m_errorText->setWordWrap(true);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorText->setStyleSheet(
        QStringLiteral("QLabel { color: #b00020; background: #fde7ea; border: 1px solid #f3b6bf;"
                       " border-radius: 4px; padding: 10px; font-size: 11pt; }"));
    layout->addWidget(m_errorText);
    auto *hint = new QLabel(
        tr("Nothing was changed: stores are opened read-only. Your other tabs stay open."), page);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: #606060;"));
    layout->addWidget(hint);
    auto *buttons = new QHBoxLayout;
    auto *retry = new QPushButton(tr("&Try again"), page);
    auto *another = new QPushButton(tr("Open &another store…"), page);
    auto *close = new QPushButton(tr("C&lose this tab"), page);
    // A PostgreSQL store that refused the connection (wrong password, no such database) is mended in
    // the connection dialog, filled in with this URL.
    m_editConnection = new QPushButton(tr("&Edit the connection…"), page);
    m_editConnection->setObjectName(QStringLiteral("editConnection"));
    m_editConnection->setVisible(m_url.startsWith(QLatin1String("postgres")));
    buttons->addWidget(retry);
    buttons->addWidget(m_editConnection);
    buttons->addWidget(another);
    buttons->addWidget(close);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    layout->addStretch(1);
    connect(retry, &QPushButton::clicked, this, &StoreTab::open);
    connect(another, &QPushButton::clicked, this, &StoreTab::openAnotherRequested);
    connect(m_editConnection, &QPushButton::clicked, this,
            [this] { emit editConnectionRequested(displayUrl()); });
    connect(close, &QPushButton::clicked, this, &StoreTab::closeRequested);
    m_stack->addWidget(page);
}

void StoreTab::buildStorePage()
{
    m_storeWidget = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(m_storeWidget);
    layout->setContentsMargins(6, 6, 6, 6);

    auto *header = new QHBoxLayout;
    m_storeTitle = new QLabel(m_storeWidget);
    m_storeTitle->setObjectName(QStringLiteral("storeTitle"));
    m_storeTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_storeTitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_kindBadge = new Badge(QString(), Badge::Tone::Info, m_storeWidget);
    m_readOnly = new Badge(tr("READ-ONLY"), Badge::Tone::Good, m_storeWidget);
    m_readOnly->setObjectName(QStringLiteral("readOnlyBadge"));
    m_readOnly->setToolTip(tr("The store is opened read-only: the inspector cannot change it."));
    m_keyBadge = new Badge(QString(), Badge::Tone::Neutral, m_storeWidget);
    m_keyBadge->setObjectName(QStringLiteral("keyBadge"));
    m_keyBadge->hide();
    auto *appLabel = new QLabel(tr("&Application:"), m_storeWidget);
    m_appChooser = new QComboBox(m_storeWidget);
    m_appChooser->setObjectName(QStringLiteral("applicationChooser"));
    m_appChooser->setMinimumContentsLength(20);
    m_appChooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    appLabel->setBuddy(m_appChooser);
    header->addWidget(m_kindBadge);
    header->addWidget(m_storeTitle, 1);
    header->addWidget(m_readOnly);
    header->addWidget(m_keyBadge);
    header->addSpacing(16);
    header->addWidget(appLabel);
    header->addWidget(m_appChooser);
    layout->addLayout(header);

    m_banner = new QFrame(m_storeWidget);
    m_banner->setObjectName(QStringLiteral("keyBanner"));
    m_banner->setStyleSheet(
        QStringLiteral("#keyBanner { background: #fff3cd; border: 1px solid #e0c068; border-radius: 4px; }"));
    auto *bannerLayout = new QHBoxLayout(m_banner);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setObjectName(QStringLiteral("keyBannerText"));
    m_bannerText->setWordWrap(true);
    m_bannerButton = new QPushButton(tr("Enter &key…"), m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_bannerButton);
    m_banner->hide();
    layout->addWidget(m_banner);

    m_pages = new QTabWidget(m_storeWidget);
    m_pages->setObjectName(QStringLiteral("storePages"));
    m_pages->setDocumentMode(true);
    m_applicationsPage = new ApplicationsPage(m_session, m_applications, m_pages);
    m_aggregatesPage = new AggregatesPage(m_session, m_pages);
    m_aggregatePage = new AggregatePage(m_session, m_pages);
    m_logPage = new LogPage(m_session, m_pages);
    m_snapshotsPage = new SnapshotsPage(m_session, m_pages);
    m_trackingPage = new TrackingPage(m_session, m_pages);
    m_verifyPage = new VerifyPage(m_session, m_pages);
    m_pages->addTab(m_applicationsPage, tr("Applications"));
    m_pages->addTab(m_aggregatesPage, tr("Aggregates"));
    m_pages->addTab(m_aggregatePage, tr("Aggregate"));
    m_pages->addTab(m_logPage, tr("Notification log"));
    m_pages->addTab(m_snapshotsPage, tr("Snapshots"));
    m_pages->addTab(m_trackingPage, tr("Tracking"));
    m_pages->addTab(m_verifyPage, tr("Verify"));
    for (int i = 0; i < PageCount; ++i)
        m_pages->setTabToolTip(i, tr("Alt+%1").arg(i + 1));
    layout->addWidget(m_pages, 1);
    m_stack->addWidget(m_storeWidget);

    connect(m_pages, &QTabWidget::currentChanged, this, &StoreTab::pageShown);
    connect(m_appChooser, &QComboBox::activated, this,
            [this](int index) { setApplication(m_appChooser->itemData(index).toString()); });
    connect(m_applicationsPage, &ApplicationsPage::applicationChosen, this, [this](const QString &app) {
        setApplication(app);
        showPage(AggregatesView);
    });
    connect(m_bannerButton, &QPushButton::clicked, this, [this] { askForKey(m_bannerApplication); });
    for (int i = 0; i < PageCount; ++i) {
        auto *p = page(static_cast<Page>(i));
        connect(p, &StorePage::aggregateRequested, this,
                [this](const QString &app, const QUuid &id) { openAggregate(app, id); });
        connect(p, &StorePage::statusMessage, this, &StoreTab::statusMessage);
    }
}

void StoreTab::setState(State state)
{
    m_state = state;
    m_stack->setCurrentIndex(state == State::Opening ? 0 : state == State::Failed ? 1 : 2);
    emit stateChanged(state);
    emit titleChanged();
}

void StoreTab::open()
{
    if (m_session->state() == StoreSession::State::Opening)
        return;
    m_error.clear();
    if (m_session->state() != StoreSession::State::Closed)
        m_session->close();
    m_openingText->setText(
        tr("<h3>Opening %1</h3>Looking for applications in the store…").arg(displayUrl().toHtmlEscaped()));
    setState(State::Opening);
    if (m_session->open(m_url, m_options) == 0)
        sessionFailed(tr("The store could not be opened."));
}

void StoreTab::sessionFailed(const QString &message)
{
    m_error = message;
    m_errorTitle->setText(
        tr("<h2>Could not open this store</h2><p><tt>%1</tt></p>").arg(displayUrl().toHtmlEscaped()));
    m_errorText->setText(message);
    setState(State::Failed);
    emit openFailed(message);
}

void StoreTab::sessionOpened()
{
    const auto store = m_session->store();
    QString kind;
    switch (store->kind()) {
    case es::inspect::StoreKind::SqliteFile:
        kind = tr("SQLITE");
        break;
    case es::inspect::StoreKind::SqliteDirectory:
        kind = tr("SQLITE FOLDER");
        break;
    case es::inspect::StoreKind::Postgres:
        kind = tr("POSTGRESQL");
        break;
    case es::inspect::StoreKind::Remote:
        kind = tr("REMOTE LOG");
        break;
    }
    m_kindBadge->setText(kind);
    m_storeTitle->setText(QStringLiteral("<b>%1</b>").arg(store->displayUrl().toHtmlEscaped()));
    m_storeTitle->setToolTip(store->displayUrl());
    m_readOnly->setVisible(store->isReadOnly());

    const bool remote = store->kind() == es::inspect::StoreKind::Remote;
    for (Page p : {AggregatesView, AggregateView, SnapshotsView, TrackingView}) {
        m_pages->setTabEnabled(p, !remote);
        if (remote)
            m_pages->setTabToolTip(p, tr("A remote notification log serves its log only."));
    }

    m_appChooser->clear();
    const QStringList names = m_session->applicationNames();
    for (const QString &name : names)
        m_appChooser->addItem(name, name);
    setState(State::Open);
    restoreKeys();
    if (!names.isEmpty())
        setApplication(names.first());
    showPage(names.size() == 1 && !remote ? AggregatesView : remote ? LogView : ApplicationsView);
    emit opened();
}

QString StoreTab::displayUrl() const
{
    if (m_session && m_session->isOpen())
        return m_session->displayUrl();
    return AppSettings::withoutPassword(m_url);
}

QString StoreTab::title() const
{
    const QString shown = displayUrl();
    const QUrl u(shown);
    QString name;
    if (u.scheme().startsWith(QLatin1String("postgres")))
        name = tr("%1 on %2").arg(u.path().mid(1), u.host());
    else if (u.scheme().startsWith(QLatin1String("http")))
        name = tr("log at %1").arg(u.authority());
    else
        name = QFileInfo(u.isLocalFile() ? u.toLocalFile() : shown).fileName();
    if (name.isEmpty())
        name = shown;
    switch (m_state) {
    case State::Opening:
        return tr("%1 (opening…)").arg(name);
    case State::Failed:
        return tr("%1 (failed)").arg(name);
    case State::Open:
        break;
    }
    return name;
}

// --- applications and pages --------------------------------------------------------------------------

void StoreTab::setApplication(const QString &application)
{
    if (application.isEmpty())
        return;
    const bool changed = application != m_application;
    m_application = application;
    const int item = m_appChooser->findData(application);
    if (item >= 0 && m_appChooser->currentIndex() != item)
        m_appChooser->setCurrentIndex(item);
    if (auto *p = currentPage())
        p->setApplication(application);
    m_applicationsPage->setApplication(application);
    if (changed) {
        updateKeyState();
        emit applicationChanged(application);
        emit countsChanged();
    }
}

void StoreTab::pageShown(int index)
{
    auto *p = page(static_cast<Page>(index));
    if (!p)
        return;
    if (p == m_aggregatePage) {
        // The aggregate page keeps its aggregate: only another application clears it.
        if (!m_aggregatePage->aggregate().isNull() && m_aggregatePage->application() != m_application)
            m_aggregatePage->setApplication(m_application);
    } else if (p->application() != m_application) {
        p->setApplication(m_application);
    }
    if (p == m_trackingPage)
        m_trackingPage->ensureLoaded();
}

void StoreTab::showPage(Page p)
{
    if (p < 0 || p >= PageCount || !m_pages->isTabEnabled(p))
        return;
    if (m_pages->currentIndex() == p)
        pageShown(p);
    else
        m_pages->setCurrentIndex(p);
}

StoreTab::Page StoreTab::currentPageIndex() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

StorePage *StoreTab::currentPage() const
{
    if (m_state != State::Open)
        return nullptr;
    return qobject_cast<StorePage *>(m_pages->currentWidget());
}

StorePage *StoreTab::page(Page p) const
{
    switch (p) {
    case ApplicationsView:
        return m_applicationsPage;
    case AggregatesView:
        return m_aggregatesPage;
    case AggregateView:
        return m_aggregatePage;
    case LogView:
        return m_logPage;
    case SnapshotsView:
        return m_snapshotsPage;
    case TrackingView:
        return m_trackingPage;
    case VerifyView:
        return m_verifyPage;
    case PageCount:
        break;
    }
    return nullptr;
}

void StoreTab::openAggregate(const QString &application, const QUuid &id,
                             const std::optional<es::inspect::AggregateSummary> &summary)
{
    if (!application.isEmpty() && application != m_application)
        setApplication(application);
    std::optional<es::inspect::AggregateSummary> known = summary;
    if (!known) {
        // The catalogue row, when the aggregate is listed there, saves a look-up.
        const auto *model = m_aggregatesPage->model();
        const int row = model->rowOfId(id);
        if (row >= 0 && model->application() == m_application)
            known = *model->summary(row);
    }
    m_aggregatePage->setAggregate(m_application, id, known);
    showPage(AggregateView);
}

// --- keys ------------------------------------------------------------------------------------------

void StoreTab::restoreKeys()
{
    if (!m_secrets)
        return;
    // A key remembered for the whole store, then one per application.
    const QString url = displayUrl();
    m_secrets->read(Secrets::cipherKeyFor(url), this, [this](bool found, const QString &key) {
        if (found)
            m_session->setCipherKey(QString(), key);
    });
    const QStringList names = m_session->applicationNames();
    for (const QString &name : names) {
        m_secrets->read(Secrets::cipherKeyFor(url, name), this, [this, name](bool found, const QString &key) {
            if (found)
                m_session->setCipherKey(name, key);
        });
    }
}

bool StoreTab::setCipherKey(const QString &application, const QString &key, bool remember, QString *error)
{
    QString why;
    if (!m_session->setCipherKey(application, key, &why)) {
        if (error)
            *error = why;
        emit statusMessage(why);
        return false;
    }
    if (m_secrets)
        m_secrets->write(Secrets::cipherKeyFor(displayUrl(), application), key, remember);
    m_keyAsked.insert(application.toLower(), true);
    emit statusMessage(application.isEmpty()
                           ? tr("Records are decoded with the new key.")
                           : tr("Records of %1 are decoded with the new key.").arg(application));
    return true;
}

void StoreTab::askForKey(const QString &application)
{
    const QString app = application.isEmpty() ? m_application : application;
    const int row = m_applications->rowOf(app);
    const auto check = m_applications->keyCheck(row);
    const QString reason = check ? check->message : tr("The records are encrypted.");
    CipherKeyDialog dialog(tr("%1 in %2").arg(app, displayUrl()), reason,
                           m_secrets && m_secrets->isKeychainAvailable(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (!setCipherKey(app, dialog.key(), dialog.remember(), &error))
        m_bannerText->setText(tr("The key was not used: %1").arg(error));
}

namespace {

// The key check's message without its leading verdict ("wrong key: none of…" → "None of…"), for a
// banner that says the verdict itself.
QString withoutVerdict(const QString &message)
{
    const qsizetype colon = message.indexOf(QLatin1String(": "));
    if (colon < 0 || colon > 24)
        return message;
    QString rest = message.mid(colon + 2);
    if (!rest.isEmpty())
        rest[0] = rest.at(0).toUpper();
    return rest;
}

} // namespace

void StoreTab::updateKeyState()
{
    if (m_state != State::Open)
        return;
    const int row = m_applications->rowOf(m_application);
    const auto check = m_applications->keyCheck(row);
    QString source;
    if (const auto src = m_session->trySource(m_application); src && src->decoder)
        source = src->decoder->keySource();
    if (!check) {
        m_keyBadge->hide();
        m_banner->hide();
        return;
    }
    QString banner;
    QString button = tr("Enter &key…");
    switch (check->verdict) {
    case KeyCheck::Verdict::Empty:
    case KeyCheck::Verdict::NotEncrypted:
        m_keyBadge->set(source.isEmpty() ? QString() : tr("NOT ENCRYPTED"), Badge::Tone::Neutral,
                        check->message);
        break;
    case KeyCheck::Verdict::NeedsKey:
        m_keyBadge->set(tr("NEEDS KEY"), Badge::Tone::Warning, check->message);
        banner = tr("Records of <b>%1</b> are encrypted. Enter the cipher key to read them; until then each "
                    "record "
                    "says it needs a key.")
                     .arg(m_application.toHtmlEscaped());
        break;
    case KeyCheck::Verdict::KeyOpens:
        m_keyBadge->set(tr("ENCRYPTED · KEY OK"), Badge::Tone::Good,
                        source.isEmpty() ? check->message
                                         : tr("%1 (key from %2)").arg(check->message, source));
        break;
    case KeyCheck::Verdict::WrongKey:
        m_keyBadge->set(tr("WRONG KEY"), Badge::Tone::Error, check->message);
        banner = tr("<b>Wrong key for %1.</b> %2")
                     .arg(m_application.toHtmlEscaped(), withoutVerdict(check->message).toHtmlEscaped());
        button = tr("Enter another &key…");
        break;
    case KeyCheck::Verdict::SomeFail:
        m_keyBadge->set(tr("SOME RECORDS FAIL"), Badge::Tone::Error, check->message);
        banner = tr("<b>Some records of %1 cannot be opened with the key</b> (altered records?). %2")
                     .arg(m_application.toHtmlEscaped(), withoutVerdict(check->message).toHtmlEscaped());
        button = tr("Enter another &key…");
        break;
    }
    m_bannerApplication = m_application;
    m_bannerText->setText(banner);
    m_bannerButton->setText(button);
    m_banner->setVisible(!banner.isEmpty());
}

// --- status ----------------------------------------------------------------------------------------

QString StoreTab::countsText() const
{
    if (m_state != State::Open || m_application.isEmpty())
        return QString();
    const int row = m_applications->rowOf(m_application);
    const auto counts = m_applications->counts(row);
    QLocale locale;
    if (!counts)
        return tr("%1: counting…").arg(m_application);
    // %Ln: the count with the locale's digit grouping, and its plural form.
    auto count = [](qint64 n) {
        return static_cast<int>(std::min<qint64>(n, std::numeric_limits<int>::max()));
    };
    QStringList parts;
    if (counts->events >= 0)
        parts << tr("%Ln event(s)", nullptr, count(counts->events));
    if (counts->aggregates >= 0)
        parts << tr("%Ln aggregate(s)", nullptr, count(counts->aggregates));
    if (counts->snapshots >= 0)
        parts << tr("%Ln snapshot(s)", nullptr, count(counts->snapshots));
    if (counts->tracking >= 0)
        parts << tr("%Ln tracking record(s)", nullptr, count(counts->tracking));
    if (counts->maxNotificationId >= 0)
        parts << tr("last id %1").arg(locale.toString(counts->maxNotificationId));
    if (parts.isEmpty())
        return tr("%1: no counts (a remote log cannot be counted)").arg(m_application);
    return QStringLiteral("%1: %2").arg(m_application, parts.join(QStringLiteral(" · ")));
}

quint64 StoreTab::currentJob() const
{
    return m_jobOrder.isEmpty() ? 0 : m_jobOrder.first();
}

QString StoreTab::currentJobTitle() const
{
    const quint64 job = currentJob();
    return job ? m_jobs.value(job).title : QString();
}

std::pair<qint64, qint64> StoreTab::currentJobProgress() const
{
    const quint64 job = currentJob();
    if (!job)
        return {0, -1};
    const RunningJob j = m_jobs.value(job);
    return {j.done, j.total};
}

void StoreTab::cancelJobs()
{
    const QList<quint64> jobs = m_jobOrder;
    for (quint64 job : jobs)
        m_session->cancel(job);
}
