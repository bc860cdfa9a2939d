#include "models/recordcells.h"

#include "es/inspect/exporter.h"
#include "es/uuid.h"

#include <QObject>
#include <QTimeZone>

namespace es::gui {

QString recordProblem(const es::inspect::DecodedRecord &record)
{
    if (record.decoded.problem == es::DecodedState::Problem::None)
        return QString();
    QString name = es::DecodedState::problemName(record.decoded.problem);
    const QString &error = record.decoded.error;
    if (error.isEmpty())
        return name;
    // Most decoder messages already start with the problem's name ("cannot decrypt: …").
    if (error.startsWith(name, Qt::CaseInsensitive))
        return error;
    return name + QStringLiteral(": ") + error;
}

QString recordStatus(const es::inspect::DecodedRecord &record)
{
    return record.status();
}

QString recordJson(const es::inspect::DecodedRecord &record)
{
    return QString::fromUtf8(es::inspect::jsonlLine(record));
}

QVariant problemForeground(es::DecodedState::Problem problem)
{
    switch (problem) {
    case es::DecodedState::Problem::None:
        return QVariant();
    case es::DecodedState::Problem::NeedsKey:
    case es::DecodedState::Problem::UnknownType:
        return QColor(Qt::darkGray);
    case es::DecodedState::Problem::CannotDecrypt:
    case es::DecodedState::Problem::Damaged:
    case es::DecodedState::Problem::NotJson:
        return QColor(Qt::red);
    }
    return QVariant();
}

QString timestampText(const es::Timestamp &t)
{
    QString iso = t.toIsoString();
    const qsizetype tee = iso.indexOf(QLatin1Char('T'));
    if (tee > 0)
        iso[tee] = QLatin1Char(' ');
    return iso;
}

QDateTime timestampDateTime(const es::Timestamp &t)
{
    const qint64 micros = t.toUnixMicros();
    return QDateTime::fromMSecsSinceEpoch(micros / 1000, QTimeZone::utc());
}

QString recordTime(const es::inspect::DecodedRecord &record)
{
    const std::optional<es::Timestamp> t = record.timestamp();
    return t ? timestampText(*t) : QString();
}

QString topicClass(const QString &topic)
{
    const qsizetype colon = topic.lastIndexOf(QLatin1Char(':'));
    return colon >= 0 ? topic.mid(colon + 1) : topic;
}

QString idText(const QUuid &id)
{
    return es::uuid::toDashed(id);
}

} // namespace es::gui

namespace es::gui {

QVariant recordData(const es::inspect::DecodedRecord &r, RecordField field, int role, qint64 gapBefore)
{
    switch (role) {
    case Qt::DisplayRole:
        switch (field) {
        case RecordField::NotificationId:
            return r.notificationId ? QVariant(*r.notificationId) : QVariant();
        case RecordField::Aggregate:
            return idText(r.originatorId);
        case RecordField::Version:
            return r.originatorVersion;
        case RecordField::Topic:
            return topicClass(r.topic);
        case RecordField::SnapshotType: {
            const QString t = r.snapshotAggregateTopic();
            return topicClass(t.isEmpty() ? r.topic : t);
        }
        case RecordField::Time:
            return recordTime(r);
        case RecordField::Stored:
            return r.storage();
        case RecordField::Status:
            return recordStatus(r);
        }
        return QVariant();
    case Qt::ToolTipRole: {
        const QString problem = recordProblem(r);
        if (!problem.isEmpty())
            return problem;
        if (field == RecordField::Topic)
            return r.topic;
        if (field == RecordField::SnapshotType)
            return r.snapshotAggregateTopic();
        if (field == RecordField::Time) {
            const auto t = r.timestamp();
            return t ? t->toIsoString() : QVariant();
        }
        return QVariant();
    }
    case SortRole:
        switch (field) {
        case RecordField::NotificationId:
            return r.notificationId ? QVariant(*r.notificationId) : QVariant(qint64(-1));
        case RecordField::Aggregate:
            return es::uuid::toHex(r.originatorId);
        case RecordField::Version:
            return r.originatorVersion;
        case RecordField::Time: {
            const auto t = r.timestamp();
            return t ? QVariant(timestampDateTime(*t)) : QVariant();
        }
        default:
            return recordData(r, field, Qt::DisplayRole);
        }
    case Qt::ForegroundRole:
        return problemForeground(r.decoded.problem);
    case RecordRole:
        return QVariant::fromValue(r);
    case JsonRole:
        return recordJson(r);
    case ProblemRole:
        return recordProblem(r);
    case ProblemKindRole:
        return static_cast<int>(r.decoded.problem);
    case IdRole:
        return r.originatorId;
    case VersionRole:
        return r.originatorVersion;
    case NotificationIdRole:
        return r.notificationId ? QVariant(*r.notificationId) : QVariant();
    case RowKindRole:
        return static_cast<int>(RowKind::Record);
    case GapBeforeRole:
        return gapBefore;
    default:
        return QVariant();
    }
}

QString recordFieldTitle(RecordField field)
{
    switch (field) {
    case RecordField::NotificationId:
        return QObject::tr("Id");
    case RecordField::Aggregate:
        return QObject::tr("Aggregate");
    case RecordField::Version:
        return QObject::tr("Version");
    case RecordField::Topic:
        return QObject::tr("Topic");
    case RecordField::SnapshotType:
        return QObject::tr("Type");
    case RecordField::Time:
        return QObject::tr("Time");
    case RecordField::Stored:
        return QObject::tr("Stored");
    case RecordField::Status:
        return QObject::tr("Status");
    }
    return QString();
}

} // namespace es::gui
