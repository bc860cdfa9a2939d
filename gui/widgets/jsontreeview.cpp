#include "widgets/jsontreeview.h"

#include "es/inspect/exporter.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>

JsonTreeView::JsonTreeView(QWidget *parent) : QTreeView(parent), m_model(new es::gui::JsonTreeModel(this))
{
    setObjectName(QStringLiteral("jsonTree"));
    setModel(m_model);
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(es::gui::JsonTreeModel::KeyColumn, QHeaderView::Interactive);
    header()->setSectionResizeMode(es::gui::JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    header()->setSectionResizeMode(es::gui::JsonTreeModel::TypeColumn, QHeaderView::ResizeToContents);
    setColumnWidth(es::gui::JsonTreeModel::KeyColumn, 170);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    // Ctrl+C reaches copySelection() through the window's Copy action (no second shortcut here).
    auto *copy = new QAction(tr("&Copy as JSON"), this);
    connect(copy, &QAction::triggered, this, &JsonTreeView::copySelection);
    addAction(copy);
    auto *expand = new QAction(tr("&Expand all"), this);
    connect(expand, &QAction::triggered, this, &JsonTreeView::expandAllAndFit);
    addAction(expand);
    connect(this, &QTreeView::expanded, this, &JsonTreeView::fitColumns);
    auto *collapse = new QAction(tr("C&ollapse all"), this);
    connect(collapse, &QAction::triggered, this, &QTreeView::collapseAll);
    addAction(collapse);
}

void JsonTreeView::setValue(const es::json::Value &value, int depth)
{
    m_model->setValue(value);
    expandToDepth(depth - 1);
    fitColumns();
}

void JsonTreeView::expandAllAndFit()
{
    expandAll();
    fitColumns();
}

void JsonTreeView::setRecord(const es::inspect::DecodedRecord &record, int depth)
{
    m_model->setRecord(record);
    expandToDepth(depth - 1);
    fitColumns();
}

void JsonTreeView::clear()
{
    m_model->clear();
}

void JsonTreeView::fitColumns()
{
    // The key column fits its keys (within reason) so that values get the rest of the width.
    resizeColumnToContents(es::gui::JsonTreeModel::KeyColumn);
    if (columnWidth(es::gui::JsonTreeModel::KeyColumn) > 260)
        setColumnWidth(es::gui::JsonTreeModel::KeyColumn, 260);
    if (columnWidth(es::gui::JsonTreeModel::KeyColumn) < 120)
        setColumnWidth(es::gui::JsonTreeModel::KeyColumn, 120);
}

QString JsonTreeView::selectionJson() const
{
    const QModelIndexList rows = selectionModel() ? selectionModel()->selectedRows() : QModelIndexList();
    if (!rows.isEmpty())
        return rows.first().data(es::gui::JsonRole).toString();
    if (m_model->rowCount() == 0)
        return QString();
    try {
        return QString::fromUtf8(es::inspect::sortedJson(m_model->value()));
    } catch (const std::exception &) {
        return QString();
    }
}

void JsonTreeView::copySelection() const
{
    const QString text = selectionJson();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}
