#include "widgets/recordtable.h"

#include "models/modelroles.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <algorithm>

RecordTable::RecordTable(QWidget *parent) : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setAlternatingRowColors(true);
    setShowGrid(false);
    setWordWrap(false);
    setTextElideMode(Qt::ElideMiddle);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->setVisible(false);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *json = new QAction(tr("Copy row as &JSON"), this);
    connect(json, &QAction::triggered, this, &RecordTable::copyJson);
    addAction(json);
    auto *text = new QAction(tr("Copy &cells"), this);
    connect(text, &QAction::triggered, this, &RecordTable::copyText);
    addAction(text);
}

void RecordTable::setModel(QAbstractItemModel *newModel)
{
    if (model())
        disconnect(model(), nullptr, this, nullptr);
    QTableView::setModel(newModel);
    m_fitted = false;
    if (newModel) {
        // Columns are fitted to the first rows of each reset (a jump in the log resets the model with
        // its rows already there).
        connect(newModel, &QAbstractItemModel::modelReset, this, [this] {
            m_fitted = false;
            clearSpans();
            fitColumnsOnce();
            if (model())
                spanGaps(0, model()->rowCount() - 1);
        });
        connect(newModel, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) {
                    fitColumnsOnce();
                    spanGaps(first, last);
                });
    }
}

void RecordTable::spanGaps(int first, int last)
{
    if (!m_spanGaps || !model())
        return;
    const int columns = model()->columnCount();
    for (int r = first; r <= last; ++r) {
        if (model()->index(r, 0).data(es::gui::RowKindRole).toInt()
            != static_cast<int>(es::gui::RowKind::Gap))
            continue;
        // The span starts at the gap's text (after the id) and runs to the last column.
        for (int c = 1; c < columns; ++c) {
            if (!model()->index(r, c).data().toString().isEmpty()) {
                if (c < columns - 1)
                    setSpan(r, c, 1, columns - c);
                break;
            }
        }
    }
}

void RecordTable::fitColumnsOnce()
{
    if (m_fitted || !model() || model()->rowCount() == 0)
        return;
    m_fitted = true;
    fitColumns();
}

void RecordTable::fitColumns(int maxWidth)
{
    if (!model())
        return;
    const int columns = model()->columnCount();
    // The last column stretches to the width left (its header's stretchLastSection).
    const int fitted = horizontalHeader()->stretchLastSection() ? columns - 1 : columns;
    for (int c = 0; c < fitted; ++c) {
        if (isColumnHidden(c))
            continue;
        resizeColumnToContents(c);
        if (columnWidth(c) > maxWidth)
            setColumnWidth(c, maxWidth);
        setColumnWidth(c, columnWidth(c) + 12);
    }
}

int RecordTable::currentRow() const
{
    const QModelIndex i = currentIndex();
    return i.isValid() ? i.row() : -1;
}

QList<int> RecordTable::selectedRowNumbers() const
{
    QList<int> rows;
    if (selectionModel()) {
        const QModelIndexList selected = selectionModel()->selectedRows();
        for (const QModelIndex &i : selected)
            rows << i.row();
    }
    if (rows.isEmpty() && currentRow() >= 0)
        rows << currentRow();
    std::sort(rows.begin(), rows.end());
    return rows;
}

QString RecordTable::selectedJson() const
{
    QStringList lines;
    const QList<int> rows = selectedRowNumbers();
    for (int r : rows) {
        const QString json = model()->index(r, 0).data(es::gui::JsonRole).toString();
        if (!json.isEmpty())
            lines << json;
    }
    return lines.join(QLatin1Char('\n'));
}

QString RecordTable::selectedText() const
{
    QStringList lines;
    const QList<int> rows = selectedRowNumbers();
    const int columns = model() ? model()->columnCount() : 0;
    for (int r : rows) {
        QStringList cells;
        for (int c = 0; c < columns; ++c)
            if (!isColumnHidden(c))
                cells << model()->index(r, c).data().toString();
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

void RecordTable::copyJson() const
{
    const QString text = selectedJson();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void RecordTable::copyText() const
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}
