// JSONL (DESIGN §3.3) and CSV export of the log, the snapshots, or one aggregate's events.
#include "es/inspect/exporter.h"

#include "es/inspect/pagers.h"
#include "es/uuid.h"

namespace es::inspect {

namespace {

bool exportable(const DecodedRecord &r)
{
    // An unregistered _type_ is kept as stored: the export's state is the stored JSON anyway.
    return r.decoded.hasState();
}

// The problem's name, then what the decoder said (unless it says the name already).
QString errorText(const DecodedRecord &r)
{
    QString status = r.status();
    if (r.decoded.error.isEmpty())
        return status;
    if (r.decoded.error.startsWith(status))
        return r.decoded.error;
    return status + QStringLiteral(": ") + r.decoded.error;
}

json::Value recordObject(const DecodedRecord &r)
{
    json::Value o = json::Value::emptyObject();
    if (r.notificationId)
        o.insert("id", json::Value(static_cast<long long>(*r.notificationId)));
    o.insert("originator_id", json::Value(uuid::toDashed(r.originatorId)));
    o.insert("originator_version", json::Value(static_cast<long long>(r.originatorVersion)));
    o.insert("topic", json::Value(r.topic));
    if (exportable(r)) {
        o.insert("state", r.decoded.state);
    } else {
        o.insert("error", json::Value(errorText(r)));
    }
    return o;
}

QByteArray csvField(const QByteArray &text)
{
    if (!text.contains(',') && !text.contains('"') && !text.contains('\n') && !text.contains('\r'))
        return text;
    QByteArray q = text;
    q.replace('"', "\"\"");
    return '"' + q + '"';
}

} // namespace

QByteArray sortedJson(const json::Value &value)
{
    json::Writer::Options options;
    options.sortKeys = true;
    const std::string text = value.toJson(options);
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

QByteArray jsonlLine(const DecodedRecord &record)
{
    return sortedJson(recordObject(record));
}

QByteArray csvHeader()
{
    return QByteArrayLiteral("id,originator_id,originator_version,topic,storage,state,error");
}

QByteArray csvLine(const DecodedRecord &r)
{
    QByteArrayList fields;
    fields << (r.notificationId ? QByteArray::number(*r.notificationId) : QByteArray());
    fields << uuid::toDashed(r.originatorId).toUtf8();
    fields << QByteArray::number(r.originatorVersion);
    fields << csvField(r.topic.toUtf8());
    fields << csvField(r.storage().toUtf8());
    if (exportable(r)) {
        fields << csvField(sortedJson(r.decoded.state)) << QByteArray();
    } else {
        fields << QByteArray() << csvField(errorText(r).toUtf8());
    }
    return fields.join(',');
}

ExportSummary exportRecords(const Source &source, const ExportOptions &options,
                            const std::function<void(const QByteArray &line)> &sink, const CancelFlag &cancel)
{
    ExportSummary summary;
    const int pageSize = std::max(1, options.pageSize);
    auto write = [&](const DecodedRecord &r) {
        ++summary.rows;
        if (r.decoded.encrypted) {
            ++summary.encrypted;
            if (r.decoded.problem == DecodedState::Problem::CannotDecrypt
                || r.decoded.problem == DecodedState::Problem::NeedsKey)
                ++summary.encryptedFailed;
        }
        if (!exportable(r)) {
            ++summary.failed;
            if (summary.firstError.isEmpty())
                summary.firstError = QStringLiteral("%1 version %2: %3")
                                         .arg(uuid::toDashed(r.originatorId))
                                         .arg(r.originatorVersion)
                                         .arg(errorText(r));
        }
        QByteArray line = options.format == ExportFormat::Jsonl ? jsonlLine(r) : csvLine(r);
        line += '\n';
        sink(line);
    };
    if (options.format == ExportFormat::Csv)
        sink(csvHeader() + '\n');

    switch (options.selection) {
    case ExportSelection::Log: {
        const LogPager pager(source);
        LogQuery q;
        q.start = 1;
        q.limit = pageSize;
        for (;;) {
            cancel.throwIfCancelled();
            const LogPage page = pager.page(q);
            for (const DecodedRecord &r : page.rows)
                write(r);
            if (page.atEnd)
                break;
            q.start = page.next;
        }
        break;
    }
    case ExportSelection::Snapshots: {
        const SnapshotPager pager(source);
        SnapshotQuery q;
        q.limit = pageSize;
        for (;;) {
            cancel.throwIfCancelled();
            const SnapshotPage page = pager.page(q);
            for (const DecodedRecord &r : page.rows)
                write(r);
            if (page.atEnd)
                break;
            q.after = page.next;
        }
        break;
    }
    case ExportSelection::Aggregate: {
        const EventPager pager(source);
        std::optional<qint64> after;
        for (;;) {
            cancel.throwIfCancelled();
            const RecordPage page = pager.page(options.aggregate, after, Direction::Forward, pageSize);
            for (const DecodedRecord &r : page.rows) {
                write(r);
                after = r.originatorVersion;
            }
            if (page.atEnd)
                break;
        }
        break;
    }
    }
    return summary;
}

} // namespace es::inspect
