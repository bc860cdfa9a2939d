#include "models/findingsmodel.h"

#include "es/inspect/exporter.h"
#include "models/recordcells.h"

#include <QColor>

namespace es::gui {

FindingsModel::FindingsModel(StoreSession *session, QObject *parent)
    : QAbstractTableModel(parent), m_session(session)
{
    connect(m_session, &StoreSession::jobProgress, this, [this](quint64 job, qint64 done, qint64 total) {
        if (job != 0 && job == m_job)
            emit progress(done, total);
    });
    connect(m_session, &StoreSession::closed, this, [this] {
        cancel();
        beginResetModel();
        m_rows.clear();
        m_report.reset();
        endResetModel();
    });
}

FindingsModel::~FindingsModel()
{
    if (m_session)
        m_session->cancelAll(this);
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const es::inspect::Finding &f = m_rows[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case SeverityColumn:
            return role == SortRole ? QVariant(static_cast<int>(f.severity))
                                    : QVariant(es::inspect::Finding::severityName(f.severity));
        case KindColumn:
            return f.kind;
        case NotificationIdColumn:
            return f.notificationId ? QVariant(*f.notificationId) : QVariant();
        case AggregateColumn:
            return f.originatorId ? QVariant(idText(*f.originatorId)) : QVariant();
        case VersionColumn:
            return f.version ? QVariant(*f.version) : QVariant();
        case MessageColumn:
            return f.message;
        default:
            return QVariant();
        }
    case Qt::ToolTipRole:
        return f.message;
    case Qt::ForegroundRole:
        switch (f.severity) {
        case es::inspect::Finding::Severity::Error:
            return QColor(Qt::red);
        case es::inspect::Finding::Severity::Warning:
            return QColor(0xc0, 0x60, 0x00);
        case es::inspect::Finding::Severity::Info:
            return QColor(Qt::darkGray);
        }
        return QVariant();
    case FindingRole:
        return QVariant::fromValue(f);
    case SeverityRole:
        return static_cast<int>(f.severity);
    case IdRole:
        return f.originatorId ? QVariant(*f.originatorId) : QVariant();
    case VersionRole:
        return f.version ? QVariant(*f.version) : QVariant();
    case NotificationIdRole:
        return f.notificationId ? QVariant(*f.notificationId) : QVariant();
    case ApplicationRole:
        return f.application;
    case ProblemRole:
        return f.message;
    case RowKindRole:
        return static_cast<int>(RowKind::Other);
    case JsonRole:
        return QString::fromUtf8(es::inspect::sortedJson(f.toJson()));
    default:
        return QVariant();
    }
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case KindColumn:
        return tr("Kind");
    case NotificationIdColumn:
        return tr("Id");
    case AggregateColumn:
        return tr("Aggregate");
    case VersionColumn:
        return tr("Version");
    case MessageColumn:
        return tr("Message");
    default:
        return QVariant();
    }
}

quint64 FindingsModel::start(const QString &application, const es::inspect::VerifyOptions &options)
{
    cancel();
    m_application = application;
    beginResetModel();
    m_rows.clear();
    m_report.reset();
    endResetModel();
    QString error;
    const auto source = m_session->trySource(application, &error);
    if (!source) {
        emit errorOccurred(error);
        return 0;
    }
    JobOptions jobOptions;
    jobOptions.lane = Lane::Background;
    jobOptions.title = tr("Verifying %1").arg(application);
    jobOptions.generation = m_generation.bump();
    m_job = m_session->run(
        this, jobOptions,
        [s = *source, options](const JobControl &control) {
            return es::inspect::verify(s, options, control.cancelFlag(), control.progress());
        },
        [this](es::inspect::VerifyReport report, quint64 generation) {
            if (!m_generation.accept(generation))
                return;
            m_job = 0;
            beginResetModel();
            m_rows = report.findings;
            m_report = std::move(report);
            endResetModel();
            emit runningChanged(false);
            emit finished(m_report->clean());
        },
        [this](const JobFailure &failure) {
            if (!m_generation.accept(failure.generation))
                return;
            m_job = 0;
            emit runningChanged(false);
            if (failure.cancelled)
                emit cancelled();
            else
                emit errorOccurred(failure.message);
        });
    emit runningChanged(true);
    return m_job;
}

void FindingsModel::cancel()
{
    if (!m_job)
        return;
    m_session->cancel(m_job);
    m_job = 0;
    m_generation.bump();
    emit runningChanged(false);
    emit cancelled();
}

const es::inspect::Finding *FindingsModel::finding(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<size_t>(row)] : nullptr;
}

} // namespace es::gui
