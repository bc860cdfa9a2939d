#pragma once
// How a decoded record reads in a cell, shared by every model with record rows (events, log,
// sections, snapshots) so that a record looks the same everywhere. Free functions, thread-safe.

#include "models/modelroles.h"

#include <QColor>
#include <QDateTime>
#include <QString>
#include <QVariant>

namespace es::gui {

// "needs key: …", "cannot decrypt: …" (problem name and the decoder's reason), "" when fine.
QString recordProblem(const es::inspect::DecodedRecord &record);
// The short status: "ok", "needs key", "cannot decrypt", "damaged", "not JSON", "unknown type".
QString recordStatus(const es::inspect::DecodedRecord &record);
// The record's `esctl export` JSON line (DESIGN §3.3) as text.
QString recordJson(const es::inspect::DecodedRecord &record);
// The foreground for a record's problem: red (cannot decrypt, damaged, not JSON), grey (needs key,
// unknown type), invalid when fine.
QVariant problemForeground(es::DecodedState::Problem problem);
// The record's time ("2024-05-01 12:00:00.123456 +00:00"), or "" when unreadable.
QString recordTime(const es::inspect::DecodedRecord &record);
// A timestamp as shown in cells (ISO 8601 with a space, microseconds when not zero, offset when
// aware) and as a sortable QDateTime (UTC; naive times read as UTC).
QString timestampText(const es::Timestamp &t);
QDateTime timestampDateTime(const es::Timestamp &t);
// The class part of a topic ("…domainmodel:BankAccount.Credited" → "BankAccount.Credited").
QString topicClass(const QString &topic);
// An aggregate id as shown (dashed, lower case).
QString idText(const QUuid &id);

// The fields a record row can show in a column.
enum class RecordField { NotificationId, Aggregate, Version, Topic, SnapshotType, Time, Stored, Status };

// Everything a record row answers for a column of `field`: DisplayRole, ToolTipRole, SortRole and
// the shared roles (RecordRole, JsonRole, ProblemRole, ProblemKindRole, ForegroundRole, IdRole,
// VersionRole, NotificationIdRole, RowKindRole, GapBeforeRole with `gapBefore`).
QVariant recordData(const es::inspect::DecodedRecord &record, RecordField field, int role,
                    qint64 gapBefore = 0);
// Header text of a field's column.
QString recordFieldTitle(RecordField field);

} // namespace es::gui
