#include "widgets/applicationspage.h"

#include "models/applicationsmodel.h"
#include "widgets/recordtable.h"
#include "workers/storesession.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

using es::gui::ApplicationsModel;

ApplicationsPage::ApplicationsPage(es::gui::StoreSession *session, ApplicationsModel *model, QWidget *parent)
    : StorePage(session, parent), m_model(model)
{
    setObjectName(QStringLiteral("applicationsPage"));
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("applicationsSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_table = new RecordTable(this);
    m_table->setObjectName(QStringLiteral("applicationsTable"));
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setModel(m_model);
    m_table->setTextElideMode(Qt::ElideRight);
    layout->addWidget(m_table, 1);
    m_notes = new QLabel(this);
    m_notes->setObjectName(QStringLiteral("discoveryNotes"));
    m_notes->setWordWrap(true);
    m_notes->setStyleSheet(QStringLiteral("color: #606060;"));
    m_notes->hide();
    layout->addWidget(m_notes);

    auto choose = [this](const QModelIndex &index) {
        const QString app = m_model->applicationAt(index.row());
        if (!app.isEmpty())
            emit applicationChosen(app);
    };
    connect(m_table, &QAbstractItemView::activated, this, choose);
    connect(m_model, &ApplicationsModel::countsArrived, this, [this] {
        updateSummary();
        m_table->fitColumns();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ApplicationsPage::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &ApplicationsPage::updateSummary);
    updateSummary();
}

void ApplicationsPage::setApplication(const QString &application)
{
    m_application = application;
    const int row = m_model->rowOf(application);
    if (row >= 0)
        m_table->selectRow(row);
}

void ApplicationsPage::refresh()
{
    m_model->refreshCounts();
}

void ApplicationsPage::updateSummary()
{
    const int n = m_model->rowCount();
    QLocale locale;
    QString text = tr("<b>%n application(s)</b> found in this store.", nullptr, n);
    if (n > 0) {
        if (m_model->allCountsKnown())
            text += QLatin1Char(' ')
                + tr("%1 events and %2 aggregates in all.")
                      .arg(locale.toString(m_model->totalEvents()),
                           locale.toString(m_model->totalAggregates()));
        else
            text += QLatin1Char(' ') + tr("Counting records…");
        text += QLatin1Char(' ') + tr("Press Enter or double-click to choose one.");
    }
    m_summary->setText(text);
    QStringList notes;
    if (m_session && m_session->store()) {
        try {
            notes = m_session->store()->discoveryNotes();
        } catch (const std::exception &) { }
    }
    m_notes->setText(
        notes.isEmpty()
            ? QString()
            : tr("Skipped while looking for applications: %1").arg(notes.join(QStringLiteral("; "))));
    m_notes->setVisible(!notes.isEmpty());
}
