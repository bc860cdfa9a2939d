#pragma once
// A payload as a JSON tree (es::gui::JsonTreeModel: typed values read as Decimal, datetime, UUID or
// their custom type's name), with "Copy as JSON" (QKeySequence::Copy) of the selected node — the whole
// payload when nothing is selected — and columns sized for reading. The view owns its model.
//
// Thread-safety: GUI thread only.

#include "models/jsontreemodel.h"

#include <QTreeView>

class JsonTreeView : public QTreeView
{
    Q_OBJECT
public:
    explicit JsonTreeView(QWidget *parent = nullptr);

    es::gui::JsonTreeModel *jsonModel() const { return m_model; }
    // Shows a value / a record's decoded state (or why it has none), expanded `depth` levels.
    void setValue(const es::json::Value &value, int depth = 2);
    void setRecord(const es::inspect::DecodedRecord &record, int depth = 2);
    void clear();
    // Expands every node (QTreeView::expandAll emits no expanded()) and fits the key column.
    void expandAllAndFit();

    // The selected node's JSON text (JsonRole), or the whole value's when nothing is selected.
    QString selectionJson() const;
    void copySelection() const;

private:
    void fitColumns();
    es::gui::JsonTreeModel *m_model = nullptr;
};
