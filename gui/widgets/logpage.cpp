#include "widgets/logpage.h"

#include "models/logmodel.h"
#include "models/logsectionmodel.h"
#include "models/recordcells.h"
#include "widgets/recorddetail.h"
#include "widgets/recordtable.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

using es::gui::LogModel;
using es::gui::LogSectionModel;

LogPage::LogPage(es::gui::StoreSession *session, QWidget *parent)
    : StorePage(session, parent), m_model(new LogModel(session, this)),
      m_sections(new LogSectionModel(session, this))
{
    setObjectName(QStringLiteral("logPage"));
    auto *layout = new QVBoxLayout(this);

    m_modeBar = new QTabBar(this);
    m_modeBar->setObjectName(QStringLiteral("logMode"));
    m_modeBar->addTab(tr("Rows from any id"));
    m_modeBar->addTab(tr("Sections as the library pages them"));
    m_modeBar->setExpanding(false);
    m_modeBar->setDrawBase(false);
    layout->addWidget(m_modeBar);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("logSplitter"));
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);

    m_stack = new QStackedWidget(m_splitter);

    // --- rows ---------------------------------------------------------------------------------------
    auto *rowsPane = new QWidget(m_stack);
    auto *rowsLayout = new QVBoxLayout(rowsPane);
    rowsLayout->setContentsMargins(0, 0, 0, 0);
    auto *nav = new QHBoxLayout;
    auto *goLabel = new QLabel(tr("&Go to id:"), rowsPane);
    m_goTo = new QLineEdit(rowsPane);
    m_goTo->setObjectName(QStringLiteral("goToId"));
    m_goTo->setPlaceholderText(tr("notification id"));
    // Wide enough for the placeholder in every language (German's is longer).
    m_goTo->setFixedWidth(std::max(140, m_goTo->fontMetrics().horizontalAdvance(m_goTo->placeholderText()) + 24));
    goLabel->setBuddy(m_goTo);
    auto *first = new QToolButton(rowsPane);
    first->setText(tr("⇤ First"));
    first->setToolTip(tr("The first notification (Ctrl+Home)"));
    auto *last = new QToolButton(rowsPane);
    last->setText(tr("Last ⇥"));
    last->setToolTip(tr("The last notification (Ctrl+End)"));
    auto *topicLabel = new QLabel(tr("To&pic:"), rowsPane);
    m_topic = new QComboBox(rowsPane);
    m_topic->setObjectName(QStringLiteral("topicFilter"));
    m_topic->setEditable(true);
    m_topic->setInsertPolicy(QComboBox::NoInsert);
    m_topic->setMinimumContentsLength(22);
    m_topic->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_topic->lineEdit()->setPlaceholderText(tr("all topics"));
    m_topic->lineEdit()->setClearButtonEnabled(true);
    topicLabel->setBuddy(m_topic);
    m_fromOn = new QCheckBox(tr("F&rom"), rowsPane);
    m_fromOn->setObjectName(QStringLiteral("timeFromOn"));
    m_from = new QDateTimeEdit(rowsPane);
    m_from->setObjectName(QStringLiteral("timeFrom"));
    m_from->setTimeSpec(Qt::UTC);
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_from->setCalendarPopup(true);
    m_from->setEnabled(false);
    m_toOn = new QCheckBox(tr("T&o"), rowsPane);
    m_toOn->setObjectName(QStringLiteral("timeToOn"));
    m_to = new QDateTimeEdit(rowsPane);
    m_to->setObjectName(QStringLiteral("timeTo"));
    m_to->setTimeSpec(Qt::UTC);
    m_to->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_to->setCalendarPopup(true);
    m_to->setEnabled(false);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_from->setDateTime(now.addDays(-1));
    m_to->setDateTime(now);
    auto *utc = new QLabel(tr("UTC"), rowsPane);
    m_gaps = new QCheckBox(tr("Gap &markers"), rowsPane);
    m_gaps->setObjectName(QStringLiteral("gapMarkers"));
    m_gaps->setChecked(true);
    m_gaps->setToolTip(
        tr("A row where notification ids are missing (a rolled back insert, a sequence's cached values)"));
    // Two rows, so that the page fits a narrow window: where to look, then what to keep.
    nav->addWidget(goLabel);
    nav->addWidget(m_goTo);
    nav->addWidget(first);
    nav->addWidget(last);
    nav->addSpacing(12);
    nav->addWidget(m_gaps);
    nav->addStretch(1);
    rowsLayout->addLayout(nav);
    auto *filters = new QHBoxLayout;
    filters->addWidget(topicLabel);
    filters->addWidget(m_topic, 2);
    filters->addSpacing(12);
    filters->addWidget(m_fromOn);
    filters->addWidget(m_from);
    filters->addWidget(m_toOn);
    filters->addWidget(m_to);
    filters->addWidget(utc);
    rowsLayout->addLayout(filters);
    m_table = new RecordTable(rowsPane);
    m_table->setObjectName(QStringLiteral("logTable"));
    m_table->setSpanGapRows(true);
    m_table->setModel(m_model);
    rowsLayout->addWidget(m_table, 1);
    m_stack->addWidget(rowsPane);

    // --- sections -----------------------------------------------------------------------------------
    auto *sectionsPane = new QWidget(m_stack);
    auto *sectionsLayout = new QVBoxLayout(sectionsPane);
    sectionsLayout->setContentsMargins(0, 0, 0, 0);
    auto *sectionRow = new QHBoxLayout;
    m_prevSection = new QPushButton(tr("◀ &Previous"), sectionsPane);
    m_nextSection = new QPushButton(tr("&Next ▶"), sectionsPane);
    auto *sectionLabel = new QLabel(tr("&Section:"), sectionsPane);
    m_sectionId = new QLineEdit(QStringLiteral("1,10"), sectionsPane);
    m_sectionId->setObjectName(QStringLiteral("sectionId"));
    m_sectionId->setMaximumWidth(160);
    sectionLabel->setBuddy(m_sectionId);
    auto *sizeLabel = new QLabel(tr("Section si&ze:"), sectionsPane);
    m_sectionSize = new QSpinBox(sectionsPane);
    m_sectionSize->setRange(1, 10000);
    m_sectionSize->setValue(10);
    sizeLabel->setBuddy(m_sectionSize);
    m_sectionInfo = new QLabel(sectionsPane);
    m_sectionInfo->setObjectName(QStringLiteral("sectionInfo"));
    sectionRow->addWidget(m_prevSection);
    sectionRow->addWidget(sectionLabel);
    sectionRow->addWidget(m_sectionId);
    sectionRow->addWidget(m_nextSection);
    sectionRow->addSpacing(12);
    sectionRow->addWidget(sizeLabel);
    sectionRow->addWidget(m_sectionSize);
    sectionRow->addSpacing(12);
    sectionRow->addWidget(m_sectionInfo, 1);
    sectionsLayout->addLayout(sectionRow);
    m_sectionTable = new RecordTable(sectionsPane);
    m_sectionTable->setObjectName(QStringLiteral("sectionTable"));
    m_sectionTable->setModel(m_sections);
    sectionsLayout->addWidget(m_sectionTable, 1);
    m_stack->addWidget(sectionsPane);

    m_detail = new RecordDetail(m_splitter);
    m_detail->setObjectName(QStringLiteral("logDetail"));
    m_detail->clear(tr("Select a notification to see its payload."));
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({600, 400}); // scaled to the page when first laid out

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("logStatus"));
    layout->addWidget(m_status);

    // --- wiring -------------------------------------------------------------------------------------
    connect(m_modeBar, &QTabBar::currentChanged, this, &LogPage::setMode);
    connect(m_goTo, &QLineEdit::returnPressed, this, [this] {
        bool ok = false;
        const qint64 id = m_goTo->text().trimmed().toLongLong(&ok);
        if (ok && id > 0)
            goToId(id);
        else
            emit statusMessage(tr("A notification id is a positive whole number."));
    });
    connect(first, &QToolButton::clicked, this, &LogPage::goFirst);
    connect(last, &QToolButton::clicked, this, &LogPage::goLast);
    connect(m_topic, &QComboBox::activated, this, &LogPage::applyFilters);
    connect(m_topic->lineEdit(), &QLineEdit::returnPressed, this, &LogPage::applyFilters);
    connect(m_topic->lineEdit(), &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty() && !m_model->topicFilter().isEmpty())
            applyFilters();
    });
    connect(m_fromOn, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toOn, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_fromOn, &QCheckBox::toggled, this, &LogPage::applyFilters);
    connect(m_toOn, &QCheckBox::toggled, this, &LogPage::applyFilters);
    connect(m_from, &QDateTimeEdit::editingFinished, this, &LogPage::applyFilters);
    connect(m_to, &QDateTimeEdit::editingFinished, this, &LogPage::applyFilters);
    connect(m_gaps, &QCheckBox::toggled, m_model, &LogModel::setGapRows);

    // The model keeps a window of rows around what the table shows.
    connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, &LogPage::reportVisibleRows);
    connect(m_table->verticalScrollBar(), &QScrollBar::rangeChanged, this, &LogPage::reportVisibleRows);
    connect(m_model, &LogModel::positioned, this, [this](int row) {
        m_pendingJump = -1;
        if (row >= 0) {
            const QModelIndex index = m_model->index(row, 0);
            m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
            m_table->setCurrentIndex(index);
            m_table->selectRow(row);
        } else {
            emit statusMessage(tr("No notification matches."));
        }
        reportVisibleRows();
        updateStatus();
    });
    connect(m_model, &LogModel::pageArrived, this, [this] {
        if (m_table->currentRow() < 0 && m_model->rowCount() > 0 && m_pendingJump < 0) {
            m_table->selectRow(0);
        }
        // Topics seen so far complete the filter.
        const QString text = m_topic->currentText();
        const QStringList seen = m_model->topicsSeen();
        if (seen.size() != m_topic->count()) {
            m_topic->blockSignals(true);
            m_topic->clear();
            for (const QString &t : seen)
                m_topic->addItem(es::gui::topicClass(t), t);
            m_topic->setEditText(text);
            m_topic->blockSignals(false);
        }
        updateStatus();
    });
    connect(m_model, &LogModel::loadingChanged, this, &LogPage::updateStatus);
    connect(m_model, &LogModel::boundsChanged, this, &LogPage::updateStatus);
    connect(m_model, &LogModel::errorOccurred, this, [this](const QString &message) {
        m_error = message;
        updateStatus();
        emit statusMessage(message);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showRecordOf(m_table, current.row()); });
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QUuid id = index.data(es::gui::IdRole).toUuid();
        if (!id.isNull())
            emit aggregateRequested(m_application, id);
    });

    connect(m_prevSection, &QPushButton::clicked, m_sections, &LogSectionModel::showPrevious);
    connect(m_nextSection, &QPushButton::clicked, m_sections, &LogSectionModel::showNext);
    connect(m_sectionId, &QLineEdit::returnPressed, this,
            [this] { showSection(m_sectionId->text().trimmed()); });
    connect(m_sectionSize, &QSpinBox::editingFinished, this, [this] {
        if (m_sectionSize->value() != m_sections->sectionSize())
            m_sections->setApplication(m_application, m_sectionSize->value());
    });
    connect(m_sections, &LogSectionModel::sectionShown, this, &LogPage::updateSectionControls);
    connect(m_sections, &LogSectionModel::loadingChanged, this, &LogPage::updateSectionControls);
    connect(m_sections, &LogSectionModel::errorOccurred, this, [this](const QString &message) {
        m_sectionInfo->setText(
            QStringLiteral("<span style='color:#b00020'>%1</span>").arg(message.toHtmlEscaped()));
        emit statusMessage(message);
    });
    connect(m_sectionTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showRecordOf(m_sectionTable, current.row()); });
    connect(m_sectionTable, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QUuid id = index.data(es::gui::IdRole).toUuid();
        if (!id.isNull())
            emit aggregateRequested(m_application, id);
    });
    updateStatus();
    updateSectionControls();
}

void LogPage::setApplication(const QString &application)
{
    if (application == m_application && m_model->application() == application)
        return;
    m_application = application;
    m_error.clear();
    m_pendingJump = -1;
    m_detail->clear(tr("Select a notification to see its payload."));
    m_topic->clear();
    m_model->setApplication(application);
    if (mode() == 1)
        m_sections->setApplication(application, m_sectionSize->value());
    updateStatus();
}

void LogPage::setMode(int mode)
{
    if (m_modeBar->currentIndex() != mode)
        m_modeBar->setCurrentIndex(mode);
    m_stack->setCurrentIndex(mode);
    if (mode == 1 && m_sections->application() != m_application)
        m_sections->setApplication(m_application, m_sectionSize->value());
    RecordTable *table = mode == 1 ? m_sectionTable : m_table;
    showRecordOf(table, table->currentRow());
    updateStatus();
}

int LogPage::mode() const
{
    return m_stack->currentIndex();
}

void LogPage::showSection(const QString &sectionId)
{
    if (mode() != 1)
        setMode(1);
    m_sections->showSection(sectionId);
}

void LogPage::refresh()
{
    m_error.clear();
    if (mode() == 1)
        m_sections->showSection(m_sections->sectionId().isEmpty() ? m_sections->requestedSectionId()
                                                                  : m_sections->sectionId());
    else
        m_model->refresh();
}

void LogPage::focusSearch()
{
    if (mode() == 1) {
        m_sectionId->setFocus(Qt::ShortcutFocusReason);
        m_sectionId->selectAll();
    } else {
        m_topic->setFocus(Qt::ShortcutFocusReason);
        m_topic->lineEdit()->selectAll();
    }
}

void LogPage::goFirst()
{
    if (mode() == 1) {
        m_sections->showSection(QStringLiteral("1,%1").arg(m_sections->sectionSize()));
        return;
    }
    m_pendingJump = 0;
    m_model->jumpToFirst();
    m_table->setFocus();
}

void LogPage::goLast()
{
    setMode(0);
    m_pendingJump = 0;
    m_model->jumpToLast();
    m_table->setFocus();
}

void LogPage::goToId(qint64 id)
{
    if (mode() == 1) {
        const qint64 size = m_sections->sectionSize();
        const qint64 start = ((id - 1) / size) * size + 1;
        m_sections->showSection(QStringLiteral("%1,%2").arg(start).arg(start + size - 1));
        return;
    }
    m_pendingJump = id;
    m_goTo->setText(QString::number(id));
    m_model->jumpToId(id);
    m_table->setFocus();
}

void LogPage::setTopicFilter(const QString &topic)
{
    m_topic->setEditText(topic);
    applyFilters();
}

void LogPage::applyFilters()
{
    QString topic = m_topic->currentText().trimmed();
    const int i = m_topic->findText(topic);
    if (i >= 0)
        topic = m_topic->itemData(i).toString();
    const QStringList topics = topic.isEmpty() ? QStringList() : QStringList {topic};
    if (topics != m_model->topicFilter())
        m_model->setTopicFilter(topics);
    std::optional<es::Timestamp> from, to;
    try {
        if (m_fromOn->isChecked())
            from = es::Timestamp::fromQDateTime(m_from->dateTime());
        if (m_toOn->isChecked())
            to = es::Timestamp::fromQDateTime(m_to->dateTime());
    } catch (const std::exception &e) {
        emit statusMessage(tr("The time filter cannot be used: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    const bool changed = (from.has_value() != m_model->timeFrom().has_value())
        || (to.has_value() != m_model->timeTo().has_value())
        || (from && !from->isIdenticalTo(*m_model->timeFrom()))
        || (to && !to->isIdenticalTo(*m_model->timeTo()));
    if (changed)
        m_model->setTimeFilter(from, to);
    m_error.clear();
    updateStatus();
}

void LogPage::reportVisibleRows()
{
    const int first = m_table->rowAt(0);
    int last = m_table->rowAt(m_table->viewport()->height() - 1);
    if (last < 0)
        last = m_model->rowCount() - 1;
    if (first >= 0)
        m_model->setVisibleRows(first, last);
}

void LogPage::showRecordOf(RecordTable *table, int row)
{
    const QModelIndex index = table->model()->index(row, 0);
    if (row < 0 || !index.isValid()) {
        m_detail->clear(tr("Select a notification to see its payload."));
        return;
    }
    if (index.data(es::gui::RowKindRole).toInt() == static_cast<int>(es::gui::RowKind::Gap)) {
        m_detail->clear(
            tr("<b>%1</b>: no record was stored under these ids. Sequences skip ids (a rolled back "
               "insert, PostgreSQL's cached sequence values), so a gap is information, not damage.")
                .arg(index.data(Qt::ToolTipRole).toString().toHtmlEscaped()));
        return;
    }
    const QVariant v = index.data(es::gui::RecordRole);
    if (v.canConvert<es::inspect::DecodedRecord>())
        m_detail->setRecord(v.value<es::inspect::DecodedRecord>());
    else
        m_detail->clear();
}

void LogPage::updateStatus()
{
    QLocale locale;
    QString text;
    if (m_application.isEmpty()) {
        text = tr("Choose an application.");
    } else if (mode() == 1) {
        text = tr("Sections of %1 notifications, as LocalNotificationLog pages them.")
                   .arg(m_sections->sectionSize());
    } else {
        const qint64 firstId = m_model->firstLogId();
        const qint64 lastId = m_model->lastLogId();
        if (lastId == 0)
            text = tr("The log is empty.");
        else if (lastId > 0)
            text = tr("Notification ids %1 to %2.").arg(locale.toString(firstId), locale.toString(lastId));
        const int n = m_model->rowCount();
        if (n > 0) {
            const qint64 a = m_model->idAt(0);
            const qint64 b = m_model->idAt(n - 1);
            text += QLatin1Char(' ')
                + tr("Showing %1 to %2 (%n row(s) loaded).", nullptr, n)
                      .arg(locale.toString(a), locale.toString(b));
        }
        if (!m_model->topicFilter().isEmpty() || m_model->timeFrom() || m_model->timeTo())
            text += QLatin1Char(' ') + tr("Filtered.");
        if (m_model->isLoading())
            text += QLatin1Char(' ') + tr("Loading…");
    }
    if (!m_error.isEmpty())
        text += QStringLiteral("  —  ") + m_error;
    m_status->setText(text);
    m_status->setStyleSheet(m_error.isEmpty() ? QString() : QStringLiteral("color: #b00020;"));
}

void LogPage::updateSectionControls()
{
    const QString id = m_sections->sectionId();
    // What the library returned replaces what was typed, once it has arrived.
    if (!m_sections->isLoading())
        m_sectionId->setText(id.isEmpty() ? m_sections->requestedSectionId() : id);
    m_prevSection->setEnabled(!m_sections->previousSectionId().isEmpty() && !m_sections->isLoading());
    m_nextSection->setEnabled(!m_sections->nextSectionId().isEmpty() && !m_sections->isLoading());
    QString info;
    if (m_sections->isLoading())
        info = tr("Loading…");
    else if (id.isEmpty() && !m_application.isEmpty())
        info = tr("Section %1 is empty.").arg(m_sections->requestedSectionId());
    else if (!id.isEmpty())
        info = tr("Section \"%1\": %n notification(s); next: %2", nullptr, m_sections->rowCount())
                   .arg(id,
                        m_sections->nextSectionId().isEmpty()
                            ? tr("none (the section is not full)")
                            : QStringLiteral("\"%1\"").arg(m_sections->nextSectionId()));
    m_sectionInfo->setText(info);
    if (m_sectionTable->currentRow() < 0 && m_sections->rowCount() > 0)
        m_sectionTable->selectRow(0);
}

QString LogPage::payloadJson() const
{
    return m_detail->payloadJson();
}
