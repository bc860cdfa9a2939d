#include "workers/exportjob.h"

#include "es/errors.h"

#include <QSaveFile>

namespace es::gui {

RecordExport::RecordExport(StoreSession *session, QObject *parent) : QObject(parent), m_session(session)
{
    connect(m_session, &StoreSession::jobProgress, this, [this](quint64 job, qint64 done, qint64 total) {
        if (job != 0 && job == m_job)
            emit progress(done, total);
    });
}

RecordExport::~RecordExport()
{
    if (m_session)
        m_session->cancelAll(this);
}

quint64 RecordExport::start(const QString &application, const es::inspect::ExportOptions &options,
                            const QString &filePath)
{
    cancel();
    QString error;
    const auto source = m_session->trySource(application, &error);
    if (!source) {
        emit failed(error);
        return 0;
    }
    JobOptions jobOptions;
    jobOptions.lane = Lane::Background;
    jobOptions.title = tr("Exporting %1 to %2").arg(application, filePath);
    jobOptions.generation = m_generation.bump();
    m_job = m_session->run(
        this, jobOptions,
        [s = *source, options, filePath](const JobControl &control) {
            QSaveFile file(filePath);
            if (!file.open(QIODevice::WriteOnly))
                throw es::ValueError(QStringLiteral("cannot write %1: %2").arg(filePath, file.errorString()));
            qint64 total = -1;
            if (options.selection == es::inspect::ExportSelection::Log && !s.info().isRemote)
                total = s.store->maxNotificationId(s.application);
            qint64 rows = 0;
            es::inspect::ExportSummary summary = es::inspect::exportRecords(
                s, options,
                [&](const QByteArray &line) {
                    if (file.write(line) != line.size())
                        throw es::ValueError(
                            QStringLiteral("cannot write %1: %2").arg(filePath, file.errorString()));
                    if (++rows % 1000 == 0)
                        control.reportProgress(rows, total);
                },
                control.cancelFlag());
            control.reportProgress(rows, rows);
            if (!file.commit())
                throw es::ValueError(QStringLiteral("cannot write %1: %2").arg(filePath, file.errorString()));
            return summary;
        },
        [this, filePath](const es::inspect::ExportSummary &summary, quint64 generation) {
            if (!m_generation.accept(generation))
                return;
            m_job = 0;
            emit finished(summary, filePath);
        },
        [this](const JobFailure &failure) {
            if (!m_generation.accept(failure.generation))
                return;
            m_job = 0;
            if (failure.cancelled)
                emit cancelled();
            else
                emit failed(failure.message);
        });
    return m_job;
}

void RecordExport::cancel()
{
    if (!m_job)
        return;
    m_session->cancel(m_job);
    m_job = 0;
    m_generation.bump();
    emit cancelled();
}

} // namespace es::gui
