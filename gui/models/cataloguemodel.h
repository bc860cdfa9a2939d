#pragma once
// CatalogueModel: the aggregates of one application (table, no children), loaded lazily by key
// pages of es::inspect::AggregateCatalogue — a 10M-event store shows its first page at once.
//
// Views drive the loading with canFetchMore()/fetchMore() (QAbstractItemView does so while the
// user scrolls to the bottom); rows are appended one page at a time, each aggregate exactly once.
// With a type filter a page may examine aggregates without keeping any: the model goes on asking
// (the engine's scan budget bounds each job) until it has a page's worth or reaches the end.
// Filters: id prefix (hex digits, dashes ignored) and type (a full topic or a class name such as
// "BankAccount"). Sort: by id, ascending or descending (sort(IdColumn, order)), which the store pages
// by its key. Any other column sorts only a catalogue that is loaded whole (atEnd()): the loaded rows
// are reordered in the model (layoutChanged, persistent indexes follow), ties in ascending id order
// in both directions. On a catalogue still paged, sort() on another column changes nothing
// (canSortBy() says so, the column's header tooltip says why). Changing the application, a filter,
// the id order or the keys bumps the generation, resets the model and drops every answer still on
// its way; a column sort is applied again once the catalogue is loaded whole, and given up for id
// order (sortChanged()) when it is not.
// Totals (number of aggregates and events, optionally by type) are counted separately in the
// background lane: requestTotals() → totalsArrived().
//
// Columns: Id, Type (class name; full topic in ToolTipRole), Events, First version, Last version,
// Created (first event's time), Modified (last event's time), Problem.
// Roles: DisplayRole, ToolTipRole, SortRole, IdRole (QUuid), SummaryRole, VersionRole (last
// version), ProblemRole, ForegroundRole (problem rows), JsonRole (the summary as a JSON object).
// GUI thread only; the model may be a child of its
// session (not used once the session is gone).

#include "models/modelroles.h"
#include "workers/storesession.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QSet>
#include <optional>
#include <vector>

namespace es::gui {

class CatalogueModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        TypeColumn,
        EventsColumn,
        FirstVersionColumn,
        LastVersionColumn,
        CreatedColumn,
        ModifiedColumn,
        ProblemColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit CatalogueModel(StoreSession *session, QObject *parent = nullptr);
    ~CatalogueModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // The application whose aggregates to list ("" clears the model). Loads the first page.
    void setApplication(const QString &application);
    QString application() const { return m_application; }
    // Only ids starting with these hex digits; returns false (and changes nothing) when the text is
    // not hex digits and dashes.
    bool setIdPrefix(const QString &prefix);
    QString idPrefix() const { return m_prefix; }
    // Only aggregates of this type ("" for all).
    void setTypeFilter(const QString &type);
    QString typeFilter() const { return m_type; }
    // The id order the store pages by.
    Qt::SortOrder sortOrder() const { return m_descending ? Qt::DescendingOrder : Qt::AscendingOrder; }
    // The column the rows are sorted by (IdColumn unless a loaded catalogue was sorted by another)
    // and that sort's order.
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder columnSortOrder() const { return m_sortColumn == IdColumn ? sortOrder() : m_columnOrder; }
    // Whether sort(column, …) can sort now: the id always, other columns when every row is loaded.
    bool canSortBy(int column) const;
    // Rows per page (default 200); takes effect on the next page.
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }

    // Reloads from the first page (same filters).
    void refresh();
    bool isLoading() const { return m_inFlight != 0; }
    // Every aggregate matching the filters is loaded.
    bool atEnd() const { return m_atEnd; }

    int rowOfId(const QUuid &id) const;
    const es::inspect::AggregateSummary *summary(int row) const;

    // Counts aggregates and events matching the id prefix (types too with byType), in the
    // background; totalsArrived() answers. Returns the job id.
    quint64 requestTotals(bool byType = false);
    void cancelTotals();
    std::optional<es::inspect::CatalogueTotals> totals() const { return m_totals; }

    quint64 generation() const { return m_generation.current(); }
    quint64 staleAnswersDropped() const { return m_generation.dropped(); }

signals:
    void loadingChanged(bool loading);
    // A page landed: `added` rows appended (may be 0 with a type filter).
    void pageArrived(int added);
    void totalsArrived(const es::inspect::CatalogueTotals &totals);
    void totalsProgress(qint64 done, qint64 total);
    void errorOccurred(const QString &message);
    // The rows' order changed by sort() or went back to id order (a column sort on a catalogue that
    // turned out paged after a filter changed).
    void sortChanged(int column, Qt::SortOrder order);

private:
    void restart();
    void requestPage();
    void sortLoadedRows();
    // After a load settles: apply a column sort again, or fall back to id order when paged.
    void settleSort();

    QPointer<StoreSession> m_session; // null once the session is gone (models may be its children)
    QString m_application;
    QString m_prefix;
    QString m_type;
    bool m_descending = false;
    int m_sortColumn = IdColumn;
    Qt::SortOrder m_columnOrder = Qt::AscendingOrder;
    int m_pageSize = 200;
    std::vector<es::inspect::AggregateSummary> m_rows;
    // Types and topics repeat on every row: rows share one copy of each (memory of long scrolls).
    QSet<QString> m_strings;
    std::optional<QUuid> m_next;
    bool m_atEnd = true;
    bool m_started = false;
    int m_addedThisFetch = 0;
    quint64 m_inFlight = 0;
    Generation m_generation;
    Generation m_totalsGeneration;
    quint64 m_totalsJob = 0;
    std::optional<es::inspect::CatalogueTotals> m_totals;
};

} // namespace es::gui

Q_DECLARE_METATYPE(es::inspect::CatalogueTotals)
