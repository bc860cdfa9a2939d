#pragma once
// Exports records as JSON lines (DESIGN §3.3, byte for byte what Python's
// json.dumps(obj, sort_keys=True) writes) or CSV: the notification log, the snapshots, or the events
// of one aggregate.
//
// JSONL, one line per record, keys sorted: {"id", "originator_id" (dashed), "originator_version",
// "state" (the decoded plaintext JSON, _type_/_data_ wrappers as stored), "topic"}; no "id" for
// snapshots. A record that cannot be decoded gives {"error", "id", "originator_id",
// "originator_version", "topic"} and the export goes on; a state with an unregistered _type_ is
// exported as stored (it is not an error here; verify() lists it).
// CSV: a header, then id, originator_id, originator_version, topic, storage, state (the same JSON
// text), error — quoted as RFC 4180.
//
// Thread-safety: exportRecords() runs on the calling thread and calls `sink` there.

#include "es/inspect/decoding.h"

#include <QByteArray>
#include <QUuid>
#include <functional>

namespace es::inspect {

enum class ExportFormat { Jsonl, Csv };
enum class ExportSelection { Log, Snapshots, Aggregate };

struct ExportOptions
{
    ExportFormat format = ExportFormat::Jsonl;
    ExportSelection selection = ExportSelection::Log;
    QUuid aggregate; // for ExportSelection::Aggregate
    int pageSize = 1000;
};

struct ExportSummary
{
    qint64 rows = 0;
    qint64 failed = 0; // rows written as errors
    qint64 encrypted = 0; // rows that were (or looked) encrypted
    qint64 encryptedFailed = 0; // of those, rows that could not be opened
    QString firstError; // the first failed row's error

    // Every encrypted row failed with a key given: the key is wrong (not the data).
    bool wrongKey(bool keyGiven) const { return keyGiven && encrypted > 0 && encryptedFailed == encrypted; }
};

// Writes each line (with its '\n') to sink, in order. Throws the store's errors and Cancelled; bad
// records are rows, not exceptions.
ExportSummary exportRecords(const Source &source, const ExportOptions &options,
                            const std::function<void(const QByteArray &line)> &sink,
                            const CancelFlag &cancel = CancelFlag());

// One record as its JSONL line (no newline) / CSV line (no newline), and the CSV header.
QByteArray jsonlLine(const DecodedRecord &record);
QByteArray csvLine(const DecodedRecord &record);
QByteArray csvHeader();
// A value as Python's json.dumps(value, sort_keys=True) writes it.
QByteArray sortedJson(const json::Value &value);

} // namespace es::inspect
