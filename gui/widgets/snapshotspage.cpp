#include "widgets/snapshotspage.h"

#include "models/snapshotsmodel.h"
#include "widgets/recorddetail.h"
#include "widgets/recordtable.h"
#include "workers/storesession.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

using es::gui::SnapshotsModel;

SnapshotsPage::SnapshotsPage(es::gui::StoreSession *session, QWidget *parent)
    : StorePage(session, parent), m_model(new SnapshotsModel(session, this))
{
    setObjectName(QStringLiteral("snapshotsPage"));
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("snapshotsStatus"));
    m_newestFirst = new QCheckBox(tr("&Newest first"), this);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_newestFirst);
    layout->addLayout(bar);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("snapshotsSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_table = new RecordTable(m_splitter);
    m_table->setObjectName(QStringLiteral("snapshotsTable"));
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setModel(m_model);
    m_detail = new RecordDetail(m_splitter);
    m_detail->setObjectName(QStringLiteral("snapshotDetail"));
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({500, 500}); // scaled to the page when first laid out
    layout->addWidget(m_splitter, 1);

    connect(m_newestFirst, &QCheckBox::toggled, m_model, &SnapshotsModel::setNewestFirst);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (const auto *record = m_model->record(current.row()))
                    m_detail->setRecord(*record);
                else
                    m_detail->clear(tr("Select a snapshot to see its state."));
            });
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QUuid id = index.data(es::gui::IdRole).toUuid();
        if (!id.isNull())
            emit aggregateRequested(m_application, id);
    });
    connect(m_model, &SnapshotsModel::pageArrived, this, [this] {
        if (m_table->currentRow() < 0 && m_model->rowCount() > 0)
            m_table->selectRow(0);
        updateStatus();
    });
    connect(m_model, &SnapshotsModel::loadingChanged, this, &SnapshotsPage::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SnapshotsPage::updateStatus);
    connect(m_model, &SnapshotsModel::errorOccurred, this, [this](const QString &message) {
        m_error = message;
        updateStatus();
        emit statusMessage(message);
    });
    m_detail->clear(tr("Select a snapshot to see its state."));
    updateStatus();
}

void SnapshotsPage::setApplication(const QString &application)
{
    if (application == m_application && m_model->application() == application)
        return;
    m_application = application;
    m_error.clear();
    m_detail->clear(tr("Select a snapshot to see its state."));
    m_model->setApplication(application);
    updateStatus();
}

void SnapshotsPage::refresh()
{
    m_error.clear();
    m_model->refresh();
}

QString SnapshotsPage::payloadJson() const
{
    return m_detail->payloadJson();
}

void SnapshotsPage::updateStatus()
{
    QString text;
    const int n = m_model->rowCount();
    bool hasTable = true;
    if (m_session && m_session->store() && !m_application.isEmpty()) {
        if (const auto *info = m_session->store()->findApplication(m_application))
            hasTable = info->hasSnapshots();
    }
    if (m_application.isEmpty())
        text = tr("Choose an application.");
    else if (!hasTable)
        text = tr("%1 has no snapshots table (snapshotting was not enabled).").arg(m_application);
    else if (m_model->isLoading())
        text = tr("%n snapshot(s) listed, loading…", nullptr, n);
    else if (m_model->atEnd())
        text = n == 0 ? tr("No snapshots.") : tr("All %n snapshot(s) listed.", nullptr, n);
    else
        text = tr("%n snapshot(s) listed; more load as you scroll.", nullptr, n);
    if (!m_error.isEmpty())
        text += QStringLiteral("  —  ") + m_error;
    m_status->setText(text);
}
