#include "widgets/trackingpage.h"

#include "models/trackingmodel.h"
#include "widgets/recordtable.h"
#include "workers/storesession.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using es::gui::TrackingModel;

TrackingPage::TrackingPage(es::gui::StoreSession *session, QWidget *parent)
    : StorePage(session, parent), m_model(new TrackingModel(session, this))
{
    setObjectName(QStringLiteral("trackingPage"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Each process application (follower) records how far it has processed the notification "
           "log of every application it follows. The lag is the upstream's last notification id "
           "minus that position: 0 means caught up."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *bar = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("trackingStatus"));
    m_counts = new QCheckBox(tr("&Count tracking records"), this);
    m_counts->setToolTip(tr("Also count each upstream's tracking records (reads the whole tracking table)"));
    auto *refreshButton = new QPushButton(tr("&Refresh"), this);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_counts);
    bar->addWidget(refreshButton);
    layout->addLayout(bar);
    m_table = new RecordTable(this);
    m_table->setObjectName(QStringLiteral("trackingTable"));
    m_table->setModel(m_model);
    layout->addWidget(m_table, 1);

    connect(refreshButton, &QPushButton::clicked, this, &TrackingPage::refresh);
    connect(m_counts, &QCheckBox::toggled, this, [this](bool on) { m_model->setApplication(QString(), on); });
    connect(m_model, &TrackingModel::loaded, this, [this] {
        m_error.clear();
        m_table->fitColumns();
        setApplication(m_application);
        updateStatus();
    });
    connect(m_model, &TrackingModel::loadingChanged, this, &TrackingPage::updateStatus);
    connect(m_model, &TrackingModel::errorOccurred, this, [this](const QString &message) {
        m_error = message;
        updateStatus();
        emit statusMessage(message);
    });
    updateStatus();
}

void TrackingPage::ensureLoaded()
{
    if (m_loaded)
        return;
    m_loaded = true;
    m_model->setApplication(QString(), m_counts->isChecked());
}

void TrackingPage::setApplication(const QString &application)
{
    m_application = application;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const auto *row = m_model->rowAt(r);
        if (row && row->follower.compare(application, Qt::CaseInsensitive) == 0) {
            m_table->selectRow(r);
            break;
        }
    }
}

void TrackingPage::refresh()
{
    m_loaded = true;
    m_error.clear();
    m_model->setApplication(QString(), m_counts->isChecked());
}

void TrackingPage::updateStatus()
{
    QString text;
    if (m_model->isLoading()) {
        text = tr("Reading tracking records…");
    } else if (!m_error.isEmpty()) {
        text = m_error;
    } else if (m_model->rowCount() == 0) {
        text = tr("No application in this store follows another (no tracking records).");
    } else {
        qint64 behind = 0;
        for (int r = 0; r < m_model->rowCount(); ++r)
            if (const auto *row = m_model->rowAt(r); row && row->position.lag && *row->position.lag > 0)
                ++behind;
        text = behind == 0
            ? tr("%n upstream position(s); every follower is caught up.", nullptr, m_model->rowCount())
            : tr("%n upstream position(s); %1 behind.", nullptr, m_model->rowCount()).arg(behind);
    }
    m_status->setText(text);
    m_status->setStyleSheet(m_error.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
}
