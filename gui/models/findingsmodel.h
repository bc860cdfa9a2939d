#pragma once
// FindingsModel: what es::inspect::verify() found in one application (table, no children), run in
// the background lane with progress and cancel. Rows appear when the check ends (verify reports at
// the end); a new start() or cancel() drops the answer of the one before.
//
// Columns: Severity, Kind ("version-gap", "undecodable", "wrong-key", …), Id (notification id),
// Aggregate, Version, Message.
// Roles: DisplayRole, ToolTipRole (the message), SortRole, FindingRole (es::inspect::Finding),
// SeverityRole (int Finding::Severity), ForegroundRole (errors red, warnings dark orange, info
// grey), IdRole, VersionRole, NotificationIdRole, ApplicationRole, JsonRole (Finding::toJson()).
// GUI thread only; the model may be a child of its
// session (not used once the session is gone).

#include "models/modelroles.h"
#include "workers/storesession.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <optional>
#include <vector>

namespace es::gui {

class FindingsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        SeverityColumn,
        KindColumn,
        NotificationIdColumn,
        AggregateColumn,
        VersionColumn,
        MessageColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit FindingsModel(StoreSession *session, QObject *parent = nullptr);
    ~FindingsModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Verifies `application` (clears the rows first). Returns the job id.
    quint64 start(const QString &application, const es::inspect::VerifyOptions &options = {});
    // Stops a running check (cancelled() follows; the rows stay empty).
    void cancel();
    bool isRunning() const { return m_job != 0; }
    // The whole report of the last finished check.
    const std::optional<es::inspect::VerifyReport> &report() const { return m_report; }
    const es::inspect::Finding *finding(int row) const;

    quint64 generation() const { return m_generation.current(); }
    quint64 staleAnswersDropped() const { return m_generation.dropped(); }

signals:
    void progress(qint64 done, qint64 total);
    // The check ended: clean = no errors and no warnings.
    void finished(bool clean);
    void cancelled();
    void errorOccurred(const QString &message);
    void runningChanged(bool running);

private:
    QPointer<StoreSession> m_session; // null once the session is gone (models may be its children)
    QString m_application;
    std::vector<es::inspect::Finding> m_rows;
    std::optional<es::inspect::VerifyReport> m_report;
    quint64 m_job = 0;
    Generation m_generation;
};

} // namespace es::gui
