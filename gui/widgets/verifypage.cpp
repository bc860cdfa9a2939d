#include "widgets/verifypage.h"

#include "models/findingsmodel.h"
#include "widgets/recordtable.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

using es::gui::FindingsModel;
using es::inspect::Finding;

VerifyPage::VerifyPage(es::gui::StoreSession *session, QWidget *parent)
    : StorePage(session, parent), m_model(new FindingsModel(session, this))
{
    setObjectName(QStringLiteral("verifyPage"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Verify reads every record of the application and reports what is wrong, where: versions "
           "not contiguous, notification ids out of order, records that cannot be decoded (wrong "
           "key, damaged bytes), unknown topics or types, snapshots or tracking ahead of their "
           "events. Gaps in the ids are information."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *bar = new QHBoxLayout;
    m_start = new QPushButton(tr("&Verify"), this);
    m_start->setObjectName(QStringLiteral("verifyButton"));
    m_cancel = new QPushButton(tr("&Stop"), this);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(260);
    m_progress->hide();
    bar->addWidget(m_start);
    bar->addWidget(m_cancel);
    bar->addWidget(m_progress);
    bar->addStretch(1);
    layout->addLayout(bar);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("verifySummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    m_table = new RecordTable(this);
    m_table->setObjectName(QStringLiteral("findingsTable"));
    m_table->setModel(m_model);
    m_table->setTextElideMode(Qt::ElideRight);
    layout->addWidget(m_table, 1);
    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("findingDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setMinimumHeight(fontMetrics().height() * 3);
    m_detail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_detail);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const auto *finding = m_model->finding(current.row());
                if (!finding) {
                    m_detail->clear();
                    return;
                }
                QString where;
                if (finding->notificationId)
                    where += tr("notification %1").arg(*finding->notificationId);
                if (finding->originatorId)
                    where += (where.isEmpty() ? QString() : QStringLiteral(" · "))
                        + tr("aggregate %1").arg(finding->originatorId->toString(QUuid::WithoutBraces));
                if (finding->version)
                    where += tr(" v%1").arg(*finding->version);
                m_detail->setText(
                    QStringLiteral("<b>%1 · %2</b> <span style='color:#606060'>%3 (%4)</span><br>%5")
                        .arg(es::inspect::Finding::severityName(finding->severity),
                             finding->kind.toHtmlEscaped(), where.toHtmlEscaped(),
                             finding->table.toHtmlEscaped(), finding->message.toHtmlEscaped()));
            });
    connect(m_start, &QPushButton::clicked, this, &VerifyPage::start);
    connect(m_cancel, &QPushButton::clicked, this, &VerifyPage::cancel);
    connect(m_model, &FindingsModel::progress, this, [this](qint64 done, qint64 total) {
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(static_cast<int>(std::min<qint64>(1000, done * 1000 / total)));
        } else {
            m_progress->setRange(0, 0);
        }
        m_summary->setText(tr("Verifying… %1 records read.").arg(QLocale().toString(done)));
    });
    connect(m_model, &FindingsModel::finished, this, &VerifyPage::finished);
    connect(m_model, &FindingsModel::cancelled, this,
            [this] { m_summary->setText(tr("Verification stopped.")); });
    connect(m_model, &FindingsModel::errorOccurred, this, [this](const QString &message) {
        m_summary->setText(QStringLiteral("<span style='color:#b00020'>%1</span>")
                               .arg(tr("Verification failed: %1").arg(message).toHtmlEscaped()));
        emit statusMessage(message);
    });
    connect(m_model, &FindingsModel::runningChanged, this, [this](bool running) {
        m_start->setEnabled(!running && !m_application.isEmpty());
        m_cancel->setEnabled(running);
        m_progress->setVisible(running);
        if (running)
            m_progress->setRange(0, 0);
    });
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QUuid id = index.data(es::gui::IdRole).toUuid();
        if (!id.isNull())
            emit aggregateRequested(m_application, id);
    });
    VerifyPage::setApplication(QString()); // qualified: no virtual dispatch in a constructor anyway
}

void VerifyPage::setApplication(const QString &application)
{
    if (application == m_application && !application.isEmpty())
        return;
    m_application = application;
    m_model->cancel();
    m_start->setEnabled(!application.isEmpty());
    m_summary->setText(application.isEmpty()
                           ? tr("Choose an application.")
                           : tr("Press Verify to check every record of %1.").arg(application));
}

void VerifyPage::start()
{
    if (m_application.isEmpty())
        return;
    m_summary->setText(tr("Verifying %1…").arg(m_application));
    m_model->start(m_application);
}

void VerifyPage::cancel()
{
    m_model->cancel();
}

void VerifyPage::finished(bool clean)
{
    const auto &report = m_model->report();
    if (!report) {
        emit verifyFinished(clean);
        return;
    }
    QLocale locale;
    const int errors = report->count(Finding::Severity::Error);
    const int warnings = report->count(Finding::Severity::Warning);
    const int infos = report->count(Finding::Severity::Info);
    QString text = clean ? tr("<b style='color:#1b5e20'>✔ No problem found</b> in %1.")
                               .arg(report->application.toHtmlEscaped())
                         : tr("<b style='color:#b00020'>✘ %1 in %2.</b>")
                               .arg(tr("%n error(s)", nullptr, errors) + QStringLiteral(", ")
                                        + tr("%n warning(s)", nullptr, warnings),
                                    report->application.toHtmlEscaped());
    text += QLatin1Char(' ')
        + tr("Checked %1 events of %2 aggregates, %3 snapshots and %4 tracked upstreams.")
              .arg(locale.toString(report->events), locale.toString(report->aggregates),
                   locale.toString(report->snapshots), locale.toString(report->trackingUpstreams));
    if (infos > 0)
        text += QLatin1Char(' ') + tr("%n note(s) for information.", nullptr, infos);
    if (!report->unknownTopics.isEmpty())
        text += QLatin1Char(' ')
            + tr("%n topic(s) not registered in this program.", nullptr,
                 static_cast<int>(report->unknownTopics.size()));
    m_summary->setText(text);
    m_table->fitColumns(300);
    if (m_model->rowCount() > 0)
        m_table->selectRow(0);
    else
        m_detail->clear();
    emit verifyFinished(clean);
}
