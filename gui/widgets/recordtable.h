#pragma once
// The table every page lists rows in: whole-row selection, no grid clutter, columns fitted to their
// first page of contents (then the user's), ids elided in the middle, and copying: the selected rows'
// JSON (es::gui::JsonRole: a record's `esctl export` line) or their cells as tab-separated text.
// Per-row problems come from the models themselves (status column, tooltips, colours).
//
// Thread-safety: GUI thread only.

#include <QTableView>

class RecordTable : public QTableView
{
    Q_OBJECT
public:
    explicit RecordTable(QWidget *parent = nullptr);

    // Fits columns to what is loaded (at most `maxWidth` pixels each; the last stretches). Called on
    // the first rows of a model; later pages keep the widths (the user may have changed them).
    void fitColumns(int maxWidth = 420);
    // Fits once per model reset.
    void fitColumnsOnce();

    // The selected rows (current row when none) as JSON lines / tab-separated cells.
    QString selectedJson() const;
    QString selectedText() const;
    // The current row (-1 when none).
    int currentRow() const;

    void setModel(QAbstractItemModel *model) override;
    // Gap marker rows (es::gui::RowKind::Gap) span from their text to the last column, so that it
    // ("3 ids missing (21–23)") reads whole.
    void setSpanGapRows(bool on) { m_spanGaps = on; }

public slots:
    void copyJson() const;
    void copyText() const;

private:
    QList<int> selectedRowNumbers() const;
    void spanGaps(int first, int last);
    bool m_fitted = false;
    bool m_spanGaps = false;
};
