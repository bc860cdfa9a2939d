#pragma once
// What an open Store holds: its databases and, per application, the tables discovery found, with
// the SQL pieces every reader of the inspect API shares. Private to the engine.
// Immutable after Store::open(); thread-safe (the databases keep a connection per thread).

#include "es/inspect/decoding.h"
#include "es/inspect/store.h"
#include "inspect/database.h"

#include <QStringList>
#include <memory>
#include <vector>

namespace es::inspect::detail {

struct AppData
{
    ApplicationInfo info;
    std::shared_ptr<Database> db; // null for a remote log
    std::shared_ptr<NotificationLog> remote; // the remote log's client
    // Quoted identifiers for SQL text (from discovery only); "" when absent.
    QString events, snapshots, tracking;
    // The notification id column: "rowid" (SQLite) or "notification_id"; "" without a log.
    QString idColumn;

    // The database, or NotSupportedError saying that a remote log cannot do `what`.
    const Database &database(const QString &what) const;
    // The log's id column, or ProgrammingError when the events have no notification ids.
    const QString &logColumn() const;

    // " AND topic IN (?, …)" with the topics appended to binds; "" when topics is empty.
    static QString topicCondition(const QStringList &topics, Binds &binds);
    // A StoredEvent from columns originator_id, originator_version, topic, state at `first`.
    StoredEvent readEvent(const Row &row, int first) const;
    // Rows [id,] originator_id, originator_version, topic, state decoded with `decoder`.
    std::vector<DecodedRecord> decodeRows(const std::vector<Row> &rows, bool withId,
                                          const RecordDecoder &decoder) const;
    // The largest notification id (0 when empty).
    qint64 maxNotificationId() const;
};

class StoreData
{
public:
    StoreLocation location;
    OpenOptions options;
    std::vector<ApplicationInfo> infos; // sorted by name, parallel to apps
    std::vector<AppData> apps;
    QStringList notes;

    // The application's data (name as in ApplicationInfo::name, any case); throws ValueError.
    const AppData &app(const QString &name) const;
};

} // namespace es::inspect::detail
