#pragma once
// The recorders of Python's eventsourcing.postgres (9.1.6) over one PostgresDatastore: the same
// tables, columns, keys and statements. One class serves the three kinds, as the POPO recorders do:
// an aggregate recorder has no notification log (a snapshots table, say), an application recorder
// has one (notification_id bigserial and its unique index), a process recorder also has a tracking
// table. Private to the engine.
//
// Thread-safe: every method may be called from any thread (each thread uses its own connection).

#include "es/persistence.h"
#include "persistence/groupcommit.h"
#include "persistence/postgres/postgresdatastore.h"

#include <array>
#include <memory>
#include <mutex>
#include <vector>

namespace es::detail {

class PostgresRecorder final : public ProcessRecorder
{
public:
    // eventsTable and trackingTable are identifiers checked by the factory (never user text).
    // hasLog: the events table has notification ids; trackingTable empty: no tracking.
    PostgresRecorder(std::shared_ptr<PostgresDatastore> store, const QString &eventsTable, bool hasLog,
                     const QString &trackingTable = {});

    // Python's create_table(): CREATE TABLE/INDEX IF NOT EXISTS, in one transaction.
    void createTables();
    // The statements createTables() runs.
    QStringList createTableStatements() const;

    const QString &eventsTable() const { return m_eventsTable; }
    const QString &trackingTable() const { return m_trackingTable; }
    bool hasLog() const { return m_hasLog; }

    std::vector<qint64> insertEvents(const std::vector<StoredEvent> &events,
                                     const Tracking *tracking = nullptr) override;
    std::vector<StoredEvent> selectEvents(const QUuid &originatorId, std::optional<qint64> gt = std::nullopt,
                                          std::optional<qint64> lte = std::nullopt, bool desc = false,
                                          std::optional<qint64> limit = std::nullopt) override;
    std::vector<Notification> selectNotifications(qint64 start, qint64 limit,
                                                  const QStringList &topics = {}) override;
    qint64 maxNotificationId() override;
    qint64 maxTrackingId(const QString &applicationName) override;

    // The most rows one INSERT statement takes (4 parameters each); larger batches take several.
    static constexpr size_t MaxRowsPerInsert = 100;

private:
    using Rows = std::vector<const StoredEvent *>;
    QString insertStatement(int rows) const;
    // The same with $n parameters, for the native path; made once per size.
    QByteArray nativeInsertStatement(size_t rows);
    // Group commit's writer: a batch of saves in one transaction (see insertEvents()).
    void writeBatch(GroupCommit::Batch &batch);
    // Inserts rows [from, to) with as few INSERTs as MaxRowsPerInsert allows, sets their notification
    // ids (ids[i] for rows[i]) and the transaction's id.
    void insertRows(PostgresDatastore::Connection &c, const Rows &rows, size_t from, size_t to,
                    std::vector<qint64> &ids, qint64 &txid);
    // One INSERT of rows [from, from + n): through QPSQL (text), or natively (binary parameters).
    void insertQt(PostgresDatastore::Connection &c, const Rows &rows, size_t from, size_t n,
                  std::vector<qint64> &ids, qint64 &txid);
    void insertNative(PostgresDatastore::Native &native, const Rows &rows, size_t from, size_t n,
                      std::vector<qint64> &ids, qint64 &txid);
    // Which of rows [from, from + n) the INSERT returned as (id, version).
    size_t returnedRow(const Rows &rows, size_t from, size_t n, size_t returned, const QUuid &id,
                       qint64 version) const;
    void insertTracking(PostgresDatastore::Connection &c, const Tracking &tracking, qint64 &txid);

    GroupCommit m_groupCommit;

    std::shared_ptr<PostgresDatastore> m_store;
    const QString m_eventsTable;
    const QString m_trackingTable;
    const bool m_hasLog;

    // Statements, made once.
    QString m_lockPrologue;
    QString m_insertEvent;
    QString m_insertTracking;
    std::array<QString, 16> m_selectEvents; // by (gt, lte, desc, limit) as bits 0..3
    QString m_selectNotifications;
    QString m_selectNotificationsOfTopics;
    QString m_maxNotificationId;
    QString m_maxTrackingId;
    // The hot selects for the native path ($n parameters).
    std::array<QByteArray, 16> m_nativeSelectEvents;
    QByteArray m_nativeSelectNotifications;
    QByteArray m_nativeSelectNotificationsOfTopics;
    std::mutex m_nativeInsertMutex;
    std::vector<QByteArray> m_nativeInsert; // by number of rows - 1
    // What each statement does, for error messages (made once: not on the hot path).
    QString m_whatInsertEvents, m_whatInsertTracking, m_whatSelectEvents, m_whatSelectNotifications,
        m_whatMaxNotificationId, m_whatMaxTrackingId;
};

} // namespace es::detail
