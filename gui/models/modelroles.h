#pragma once
// The custom item-data roles every model in gui/models shares, and the metatypes they carry, so a
// view can ask any model for the same role (a "Copy as JSON" action reads JsonRole wherever it is).
// Which roles a model answers is listed in its own header. Roles that a row does not have give an
// invalid QVariant.
//
// Per-row problems (needs key, cannot decrypt = wrong key or altered bytes, damaged, not JSON,
// unknown type) are data: DisplayRole of the status column says the problem's name, ToolTipRole
// its full reason, ProblemRole the reason on every column, ProblemKindRole the kind, and
// ForegroundRole is red for unreadable records and grey for locked (needs key) or partly known
// (unknown type) ones. They are never exceptions.

#include "es/inspect/catalogue.h"
#include "es/inspect/decoding.h"
#include "es/inspect/pagers.h"
#include "es/inspect/rebuild.h"
#include "es/inspect/verifier.h"

#include <QMetaType>
#include <Qt>

namespace es::gui {

enum Roles : int {
    // es::inspect::DecodedRecord (QVariant::fromValue): the record of an event, notification or
    // snapshot row — for the payload's JsonTreeModel::setRecord().
    RecordRole = Qt::UserRole + 1,
    // QString: the row as JSON, for "copy as JSON". Records: their `esctl export` line (DESIGN §3.3:
    // keys sorted, state decoded, an "error" key when it cannot be); other rows: a JSON object of the
    // row's fields; JsonTreeModel nodes: the node's subtree as stored (wrappers kept).
    JsonRole,
    // QString: why the row cannot be read fully ("cannot decrypt: …"); "" when it is fine.
    ProblemRole,
    // int: es::DecodedState::Problem of the row (0 = None).
    ProblemKindRole,
    // QUuid: the aggregate (originator) id of the row.
    IdRole,
    // qlonglong: the notification id of the row (log and event rows; gap rows: the last id before it).
    NotificationIdRole,
    // qlonglong: the originator version of the row.
    VersionRole,
    // int: RowKind — what the row is (LogModel mixes records and gap markers).
    RowKindRole,
    // qlonglong: how many ids are missing right before this record row (0 when none); on a gap row,
    // how many it stands for.
    GapBeforeRole,
    // es::inspect::AggregateSummary: a catalogue row.
    SummaryRole,
    // es::inspect::Finding: a verify finding; SeverityRole its int severity.
    FindingRole,
    SeverityRole,
    // es::inspect::TrackingPosition: a tracking row.
    TrackingRole,
    // QString: the node's path inside the payload ("state.balance", "history[2]"); JsonTreeModel and
    // JsonDiffModel.
    PathRole,
    // QString: what a JSON node is ("object", "Decimal", "datetime", "UUID", "person_as_dict", …).
    TypeNameRole,
    // es::json::Value: a JSON node's value as stored (JsonTreeModel, JsonDiffModel before/after).
    JsonValueRole,
    // The raw value a view should sort on when DisplayRole is formatted text (numbers as qlonglong,
    // times as QDateTime UTC).
    SortRole,
    // es::inspect::ApplicationInfo / es::inspect::ApplicationCounts (ApplicationsModel).
    ApplicationInfoRole,
    CountsRole,
    // QString: the application a row belongs to (TrackingModel, FindingsModel).
    ApplicationRole,
    // es::inspect::JsonChange: a diff row (JsonDiffModel).
    ChangeRole,
    // The first role free for views' own proxies.
    FirstFreeRole = Qt::UserRole + 64,
};

enum class RowKind : int {
    Record = 0, // a stored record (event, notification, snapshot)
    Gap = 1, // LogModel: ids missing between the neighbouring rows
    Other = 2, // rows of non-record models
};

} // namespace es::gui

Q_DECLARE_METATYPE(es::inspect::DecodedRecord)
Q_DECLARE_METATYPE(es::inspect::AggregateSummary)
Q_DECLARE_METATYPE(es::inspect::Finding)
Q_DECLARE_METATYPE(es::inspect::TrackingPosition)
Q_DECLARE_METATYPE(es::inspect::ApplicationInfo)
Q_DECLARE_METATYPE(es::inspect::ApplicationCounts)
Q_DECLARE_METATYPE(es::inspect::JsonChange)
Q_DECLARE_METATYPE(es::inspect::LogGap)
Q_DECLARE_METATYPE(es::json::Value)
