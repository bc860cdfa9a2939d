#include "widgets/aggregatespage.h"

#include "models/cataloguemodel.h"
#include "models/recordcells.h"
#include "widgets/recordtable.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>

using es::gui::CatalogueModel;

AggregatesPage::AggregatesPage(es::gui::StoreSession *session, QWidget *parent)
    : StorePage(session, parent), m_model(new CatalogueModel(session, this))
{
    setObjectName(QStringLiteral("aggregatesPage"));
    auto *layout = new QVBoxLayout(this);

    auto *bar = new QHBoxLayout;
    auto *searchLabel = new QLabel(tr("&Id:"), this);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("idPrefix"));
    m_search->setPlaceholderText(tr("id prefix (hex digits, dashes ignored)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    searchLabel->setBuddy(m_search);
    auto *typeLabel = new QLabel(tr("&Type:"), this);
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("typeFilter"));
    m_type->setEditable(true);
    m_type->setInsertPolicy(QComboBox::NoInsert);
    m_type->setMinimumContentsLength(24);
    m_type->addItem(tr("All types"), QString());
    m_type->lineEdit()->setPlaceholderText(tr("class name or topic"));
    typeLabel->setBuddy(m_type);
    m_order = new QToolButton(this);
    m_order->setObjectName(QStringLiteral("sortOrder"));
    m_order->setCheckable(true);
    m_order->setText(tr("Id ascending"));
    m_order->setToolTip(tr("Sort by id, ascending or descending (the store's key order)"));
    bar->addWidget(searchLabel);
    bar->addWidget(m_search, 2);
    bar->addSpacing(12);
    bar->addWidget(typeLabel);
    bar->addWidget(m_type, 2);
    bar->addSpacing(12);
    bar->addWidget(m_order);
    auto *countTypesButton = new QToolButton(this);
    countTypesButton->setObjectName(QStringLiteral("countTypes"));
    countTypesButton->setText(tr("Count types"));
    countTypesButton->setToolTip(
        tr("Count the aggregates of each type, in the background (reads each aggregate's "
           "first event; cancel with Ctrl+.)"));
    bar->addWidget(countTypesButton);
    connect(countTypesButton, &QToolButton::clicked, this, &AggregatesPage::countTypes);
    layout->addLayout(bar);

    m_table = new RecordTable(this);
    m_table->setObjectName(QStringLiteral("aggregatesTable"));
    m_table->setModel(m_model);
    m_table->horizontalHeader()->setSortIndicatorShown(true);
    m_table->horizontalHeader()->setSortIndicator(CatalogueModel::IdColumn, Qt::AscendingOrder);
    m_table->horizontalHeader()->setSectionsClickable(true);
    layout->addWidget(m_table, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("aggregatesStatus"));
    layout->addWidget(m_status);

    // The prefix is applied as the user pauses typing: every change restarts the catalogue.
    auto *debounce = new QTimer(this);
    debounce->setSingleShot(true);
    debounce->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, debounce, qOverload<>(&QTimer::start));
    connect(debounce, &QTimer::timeout, this, &AggregatesPage::applySearch);
    connect(m_search, &QLineEdit::returnPressed, this, &AggregatesPage::applySearch);
    connect(m_type, &QComboBox::activated, this, &AggregatesPage::applyType);
    connect(m_type->lineEdit(), &QLineEdit::returnPressed, this, &AggregatesPage::applyType);
    connect(m_order, &QToolButton::toggled, this, [this](bool descending) {
        m_order->setText(descending ? tr("Id descending") : tr("Id ascending"));
        m_model->sort(CatalogueModel::IdColumn, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
    });
    connect(m_table->horizontalHeader(), &QHeaderView::sectionClicked, this, &AggregatesPage::headerClicked);
    // The indicator shows how the rows are ordered, also when a filter sends them back to id order.
    connect(m_model, &CatalogueModel::sortChanged, this, [this](int column, Qt::SortOrder order) {
        m_table->horizontalHeader()->setSortIndicator(column, order);
    });
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QUuid id = index.data(es::gui::IdRole).toUuid();
        if (!id.isNull())
            emit aggregateRequested(m_application, id);
    });
    connect(m_model, &CatalogueModel::pageArrived, this, [this] {
        // Types are counted by reading every aggregate's first event: at once for a catalogue that fits
        // in its first page, on request (Count types) for a big one, where it would hold up the
        // background work (counts, verify) for long.
        if (!m_totalsAsked && m_model->atEnd() && m_model->idPrefix().isEmpty()
            && m_model->typeFilter().isEmpty())
            countTypes();
        updateStatus();
    });
    connect(m_model, &CatalogueModel::loadingChanged, this, &AggregatesPage::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AggregatesPage::updateStatus);
    connect(m_model, &CatalogueModel::errorOccurred, this, [this](const QString &message) {
        m_error = message;
        updateStatus();
        emit statusMessage(message);
    });
    connect(m_model, &CatalogueModel::totalsArrived, this,
            [this](const es::inspect::CatalogueTotals &totals) {
                const QString current = m_type->currentData().toString();
                const QString text = m_type->currentText();
                m_type->clear();
                m_type->addItem(tr("All types (%1)").arg(QLocale().toString(totals.aggregates)), QString());
                for (auto it = totals.types.cbegin(); it != totals.types.cend(); ++it)
                    m_type->addItem(QStringLiteral("%1 (%2)").arg(es::gui::topicClass(it.key()),
                                                                  QLocale().toString(it.value())),
                                    it.key());
                const int i = m_type->findData(current);
                if (i >= 0)
                    m_type->setCurrentIndex(i);
                else
                    m_type->setEditText(text);
                updateStatus();
            });
    updateStatus();
}

void AggregatesPage::setApplication(const QString &application)
{
    if (application == m_application && m_model->application() == application)
        return;
    m_application = application;
    m_error.clear();
    m_type->clear();
    m_type->addItem(tr("All types"), QString());
    m_totalsAsked = false;
    m_model->setApplication(application);
    updateStatus();
}

void AggregatesPage::countTypes()
{
    if (m_application.isEmpty())
        return;
    m_totalsAsked = true;
    m_model->requestTotals(true);
}

void AggregatesPage::refresh()
{
    m_error.clear();
    m_model->refresh();
    if (m_totalsAsked && m_model->idPrefix().isEmpty())
        m_model->requestTotals(true);
}

void AggregatesPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void AggregatesPage::applySearch()
{
    const QString prefix = m_search->text().trimmed();
    if (prefix == m_model->idPrefix())
        return;
    if (!m_model->setIdPrefix(prefix)) {
        m_search->setStyleSheet(QStringLiteral("QLineEdit { background: #fde7ea; }"));
        m_search->setToolTip(tr("An id prefix is hex digits (0-9, a-f) and dashes."));
        return;
    }
    m_search->setStyleSheet(QString());
    m_search->setToolTip(QString());
    m_error.clear();
}

void AggregatesPage::applyType()
{
    QString type = m_type->currentData().toString();
    const int i = m_type->findText(m_type->currentText());
    if (i < 0) // typed by hand: a class name or a topic
        type = m_type->currentText().trimmed();
    if (type == m_model->typeFilter())
        return;
    m_error.clear();
    m_model->setTypeFilter(type);
}

void AggregatesPage::headerClicked(int section)
{
    QHeaderView *header = m_table->horizontalHeader();
    if (section == CatalogueModel::IdColumn) {
        if (m_model->sortColumn() == CatalogueModel::IdColumn)
            m_order->toggle();
        else // back to the store's order, in the direction the order button shows
            m_model->sort(CatalogueModel::IdColumn, m_model->sortOrder());
        return;
    }
    const QString column = m_model->headerData(section, Qt::Horizontal).toString();
    if (!m_model->canSortBy(section)) {
        // A paged catalogue is in the store's key order: keep the indicator where the order is.
        header->setSortIndicator(m_model->sortColumn(), m_model->columnSortOrder());
        emit statusMessage(tr("Sorting by %1 needs the whole catalogue; this one is loaded page by page, "
                              "so it stays sorted by id. Narrow it with a filter to sort by %1.")
                               .arg(column));
        return;
    }
    const Qt::SortOrder order
        = m_model->sortColumn() == section && m_model->columnSortOrder() == Qt::AscendingOrder
        ? Qt::DescendingOrder
        : Qt::AscendingOrder;
    m_model->sort(section, order);
    emit statusMessage(order == Qt::AscendingOrder ? tr("Aggregates sorted by %1, ascending.").arg(column)
                                                   : tr("Aggregates sorted by %1, descending.").arg(column));
}

void AggregatesPage::updateStatus()
{
    QLocale locale;
    const int n = m_model->rowCount();
    QString text;
    if (m_application.isEmpty())
        text = tr("Choose an application.");
    else if (m_model->isLoading())
        text = tr("%n aggregate(s) listed, loading…", nullptr, n);
    else if (m_model->atEnd())
        text = n == 0 ? tr("No aggregate matches.") : tr("All %n matching aggregate(s) listed.", nullptr, n);
    else
        text = tr("%n aggregate(s) listed; more load as you scroll.", nullptr, n);
    if (const auto totals = m_model->totals())
        text += QLatin1Char(' ')
            + tr("In the application: %1 and %2.")
                  .arg(tr("%Ln aggregate(s)", nullptr,
                          static_cast<int>(std::min<qint64>(totals->aggregates, INT_MAX))),
                       tr("%Ln event(s)", nullptr,
                          static_cast<int>(std::min<qint64>(totals->events, INT_MAX))));
    if (!m_error.isEmpty())
        text += QStringLiteral("  —  ") + m_error;
    m_status->setText(text);
    m_status->setStyleSheet(m_error.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
}
