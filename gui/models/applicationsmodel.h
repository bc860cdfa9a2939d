#pragma once
// ApplicationsModel: the applications found in an open store, one row each (table, no children),
// with their record counts arriving later.
//
// Rows appear when the session opens (at once when it already is). For each application the model
// then posts, in the background lane, a count (es::inspect::Store::counts, cancellable) and, in the
// interactive lane, a cipher-key check (es::inspect::checkCipherKey: "needs key", "wrong key"); the
// cells show "…" until their answer lands (countsArrived()). Key changes (decodingChanged) re-check
// the keys. Columns: Name, Events, Aggregates, Snapshots, Tracking, Last id, Key, Location.
//
// Roles: DisplayRole, ToolTipRole (location; key check message), SortRole (counts as qlonglong, -1
// unknown), ApplicationRole (the name), ApplicationInfoRole, CountsRole (when arrived),
// ProblemRole (the key check's message when records cannot be read: needs key, wrong key, some
// fail; "" otherwise), ForegroundRole (red for a wrong key, grey while needing one), JsonRole.
// GUI thread only; the model does not own the session and may be its child (not used once the
// session is gone).

#include "models/modelroles.h"
#include "workers/storesession.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <optional>
#include <vector>

namespace es::gui {

class ApplicationsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        EventsColumn,
        AggregatesColumn,
        SnapshotsColumn,
        TrackingColumn,
        LastIdColumn,
        KeyColumn,
        LocationColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit ApplicationsModel(StoreSession *session, QObject *parent = nullptr);
    ~ApplicationsModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The row of an application (case-insensitive), or -1.
    int rowOf(const QString &application) const;
    QString applicationAt(int row) const;
    // Counts of a row when they have arrived.
    std::optional<es::inspect::ApplicationCounts> counts(int row) const;
    std::optional<es::inspect::KeyCheck> keyCheck(int row) const;
    // Whether every row's counts have arrived.
    bool allCountsKnown() const;
    // Sums over the applications whose counts arrived (for a status bar).
    qint64 totalEvents() const;
    qint64 totalAggregates() const;

    // Counts again (cancelling counts still running); cancelCounts() stops them.
    void refreshCounts();
    void cancelCounts();

    quint64 generation() const { return m_generation.current(); }
    quint64 staleAnswersDropped() const { return m_generation.dropped(); }

signals:
    void countsArrived(const QString &application);
    void allCountsArrived();
    void keyChecked(const QString &application);
    // Counting progress of one application (records counted, expected total or -1).
    void countProgress(const QString &application, qint64 done, qint64 total);
    void errorOccurred(const QString &message);

private:
    struct Row
    {
        es::inspect::ApplicationInfo info;
        std::optional<es::inspect::ApplicationCounts> counts;
        std::optional<es::inspect::KeyCheck> key;
        QString countError;
        quint64 countJob = 0;
    };
    void reload();
    void checkKeys();
    void emitRowChanged(int row);

    QPointer<StoreSession> m_session; // null once the session is gone (models may be its children)
    std::vector<Row> m_rows;
    Generation m_generation; // counts
    Generation m_keyGeneration; // key checks
};

} // namespace es::gui
