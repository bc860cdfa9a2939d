#pragma once
// RecordExport: writes records of one application to a file as JSON lines (DESIGN §3.3, exactly
// `esctl export`) or CSV, with es::inspect::exportRecords() in the background lane, cancellable and
// reporting progress (rows written; total = the log's last id for a log export, else -1).
// The file is written through QSaveFile: it appears complete when the export succeeded and is left
// untouched when it failed or was cancelled. Rows that cannot be decoded are rows with an "error"
// (counted in the summary), never a failure.
// GUI thread only; the object may be a child of the session.

#include "es/inspect/exporter.h"
#include "workers/storesession.h"

#include <QObject>
#include <QPointer>

namespace es::gui {

class RecordExport : public QObject
{
    Q_OBJECT

public:
    explicit RecordExport(StoreSession *session, QObject *parent = nullptr);
    ~RecordExport() override;

    // Starts an export to `filePath` (replacing a running one). Returns the job id.
    quint64 start(const QString &application, const es::inspect::ExportOptions &options,
                  const QString &filePath);
    void cancel();
    bool isRunning() const { return m_job != 0; }

signals:
    void progress(qint64 rows, qint64 total);
    void finished(const es::inspect::ExportSummary &summary, const QString &filePath);
    void cancelled();
    void failed(const QString &message);

private:
    QPointer<StoreSession> m_session; // null once the session is gone (models may be its children)
    quint64 m_job = 0;
    Generation m_generation;
};

} // namespace es::gui

Q_DECLARE_METATYPE(es::inspect::ExportSummary)
