#pragma once
// Stores for the inspect tests, written by the engine itself (an es::Application on the SQLite
// backend, so tables and bytes are Python's), then read with the inspect API; and raw access to
// tamper with them (gaps, planted defects) from outside the API. Header-only; not thread-safe.

#include "es/application.h"
#include "es/domain.h"
#include "es/uuid.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QtTest/QTest>

namespace inspecttest {

class Dog : public es::AggregateRoot<Dog>
{
public:
    static constexpr const char *TOPIC = "inspecttest:Dog";

    struct Registered : es::CreatedEvent<Dog, Registered>
    {
        static constexpr const char *TOPIC = "inspecttest:Dog.Registered";
        QString name;
        static constexpr auto fields() { return es::fields(es::field("name", &Registered::name)); }
        void apply(Dog &d) const { d.m_name = name; }
    };
    struct TrickAdded : es::Event<Dog, TrickAdded>
    {
        static constexpr const char *TOPIC = "inspecttest:Dog.TrickAdded";
        QString trick;
        static constexpr auto fields() { return es::fields(es::field("trick", &TrickAdded::trick)); }
        void apply(Dog &d) const { d.m_tricks << trick; }
    };
    using Events = es::EventTypes<Registered, TrickAdded>;
    static constexpr auto stateFields()
    {
        return es::fields(es::field("name", &Dog::m_name), es::field("tricks", &Dog::m_tricks));
    }

    static std::unique_ptr<Dog> create(const QString &name)
    {
        return createAggregate<Registered>(es::uuid::v4(), name);
    }
    void addTrick(const QString &trick) { triggerEvent<TrickAdded>(trick); }
    const QStringList &tricks() const { return m_tricks; }

private:
    QString m_name;
    QStringList m_tricks;
};

class Kennel : public es::Application
{
public:
    explicit Kennel(const es::EnvMap &env = {}) : Application(QStringLiteral("Kennel"), env) { }

    QUuid add(const QString &name, int tricks)
    {
        auto dog = Dog::create(name);
        save(*dog);
        for (int i = 0; i < tricks; ++i) {
            dog->addTrick(QStringLiteral("trick %1").arg(i));
            save(*dog);
        }
        return dog->id();
    }

protected:
    void registerTypes() override { es::registerAggregate<Dog>(); }
};

inline es::EnvMap sqliteEnv(const QString &path, const QString &cipherKey = QString(), bool compress = false)
{
    es::EnvMap env;
    env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory"));
    env.insert(QStringLiteral("SQLITE_DBNAME"), path);
    env.insert(QStringLiteral("IS_SNAPSHOTTING_ENABLED"), QStringLiteral("y"));
    if (!cipherKey.isEmpty()) {
        env.insert(QStringLiteral("CIPHER_TOPIC"), QStringLiteral("eventsourcing.cipher:AESCipher"));
        env.insert(QStringLiteral("CIPHER_KEY"), cipherKey);
    }
    if (compress)
        env.insert(QStringLiteral("COMPRESSOR_TOPIC"),
                   QStringLiteral("eventsourcing.compressor:ZlibCompressor"));
    return env;
}

// Writes `dogs` dogs with `tricks` tricks each (dogs interleaved in the log: one trick of each dog
// per round), a snapshot of every third dog at its last version. Returns the ids in creation order.
inline std::vector<QUuid> writeKennel(const QString &path, int dogs, int tricks,
                                      const QString &cipherKey = QString(), bool compress = false)
{
    Kennel kennel(sqliteEnv(path, cipherKey, compress));
    std::vector<std::unique_ptr<Dog>> all;
    std::vector<QUuid> ids;
    for (int i = 0; i < dogs; ++i) {
        all.push_back(Dog::create(QStringLiteral("dog %1").arg(i)));
        kennel.save(*all.back());
        ids.push_back(all.back()->id());
    }
    for (int t = 0; t < tricks; ++t)
        for (auto &d : all) {
            d->addTrick(QStringLiteral("trick %1").arg(t));
            kennel.save(*d);
        }
    for (int i = 0; i < dogs; i += 3)
        kennel.takeSnapshot(ids[static_cast<size_t>(i)]);
    return ids;
}

// A raw connection to a SQLite file, outside the inspect API, for reading expectations and planting
// defects. Closed and removed when it goes.
class RawSqlite
{
public:
    explicit RawSqlite(const QString &path, const QString &options = QString())
        : m_name(QStringLiteral("raw-%1").arg(reinterpret_cast<quintptr>(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(options);
        m_ok = db.open();
    }
    ~RawSqlite()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name); }
    // Runs a statement; returns false (and prints why) when it fails.
    bool exec(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        q.prepare(sql);
        for (const QVariant &b : binds)
            q.addBindValue(b);
        if (!q.exec()) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
        return true;
    }
    // One column (the first by default) of every row.
    QVariantList column(const QString &sql, const QVariantList &binds = {}, int index = 0)
    {
        QVariantList out;
        QSqlQuery q(QSqlDatabase::database(m_name));
        q.prepare(sql);
        for (const QVariant &b : binds)
            q.addBindValue(b);
        if (!q.exec())
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        while (q.next())
            out << q.value(index);
        return out;
    }

private:
    QString m_name;
    bool m_ok = false;
};

// Alters one stored record of an encrypted SQLite store: XORs byte `index` of the state of
// stored_events row `rowid` with `mask` (an index past the 28 bytes of nonce and tag alters the
// ciphertext, so that the record no longer decrypts). False when the state is too short or the
// update fails.
inline bool alterStoredState(const QString &path, qint64 rowid, int index, char mask)
{
    RawSqlite raw(path);
    QByteArray state = raw.column(QStringLiteral("SELECT state FROM stored_events WHERE rowid = ?"), {rowid})
                           .value(0)
                           .toByteArray();
    if (state.size() <= 40 || index >= state.size())
        return false;
    state[index] = static_cast<char>(state[index] ^ mask);
    return raw.exec(QStringLiteral("UPDATE stored_events SET state = ? WHERE rowid = ?"), {state, rowid});
}

inline QByteArray sha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

// A Python-layout SQLite store of `aggregates` aggregates with `versions` events each, written in one
// statement (events in log order: version 1 of every aggregate, then version 2…): for paging,
// cancellation and timing on stores too big to write through an application quickly.
inline bool writeBulkStore(const QString &path, qint64 aggregates, qint64 versions)
{
    RawSqlite raw(path);
    if (!raw.ok())
        return false;
    const QString created = QStringLiteral(
        "'{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:09.000001+00:00\"}, "
        "\"originator_topic\": \"inspecttest:Dog\", \"name\": \"bulk\"}'");
    const QString trick = QStringLiteral(
        "'{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:10.000001+00:00\"}, "
        "\"trick\": \"sit\"}'");
    return raw.exec(QStringLiteral("PRAGMA journal_mode=WAL"))
        && raw.exec(QStringLiteral(
            "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, topic TEXT, "
            "state BLOB, PRIMARY KEY (originator_id, originator_version))"))
        && raw.exec(
            QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ")
            + QString::number(aggregates * versions - 1)
            + QStringLiteral(
                  ") INSERT INTO stored_events SELECT printf('%08x', ((i % NAGG) * 2654435761) % 4294967296) "
                  "|| '00004000a000' || printf('%012x', i % NAGG), i / NAGG + 1, "
                  "CASE WHEN i < NAGG THEN 'inspecttest:Dog.Registered' ELSE 'inspecttest:Dog.TrickAdded' "
                  "END, "
                  "CAST(CASE WHEN i < NAGG THEN CREATED ELSE TRICK END AS BLOB) FROM n")
                  .replace(QStringLiteral("CREATED"), created)
                  .replace(QStringLiteral("TRICK"), trick)
                  .replace(QStringLiteral("NAGG"), QString::number(aggregates)));
}

// A folder with the defects verify() must report: upstream.sqlite (5 dogs with 3 tricks, ids 1..20,
// snapshots of dogs 0 and 3) where dog 1 lacks version 3, dog 4's version 2 is not JSON, a cat with
// an unregistered topic was appended, dog 2 has a snapshot at version 9 (it has 4 versions) and a
// snapshot has no events; downstream.sqlite tracks 'Upstream' to 25 (beyond its last id, 21) and
// 'Faraway' (not in the folder).
struct PlantedStore
{
    bool ok = false;
    std::vector<QUuid> ids;
    qint64 missingId = 0; // the notification id of dog 1's version 3, deleted
    qint64 damagedId = 0; // dog 4's version 2
    qint64 catId = 0; // the cat's event
    QString stray; // the snapshot without events (hex id)
};

inline PlantedStore plantDefects(const QString &folder)
{
    PlantedStore p;
    const QString upstream = folder + QStringLiteral("/upstream.sqlite");
    const QString downstream = folder + QStringLiteral("/downstream.sqlite");
    p.ids = writeKennel(upstream, 5, 3);
    writeKennel(downstream, 1, 1);
    const QString dog1 = es::uuid::toHex(p.ids[1]);
    const QString dog2 = es::uuid::toHex(p.ids[2]);
    const QString dog4 = es::uuid::toHex(p.ids[4]);
    const QString cat = es::uuid::toHex(es::uuid::v4());
    p.stray = es::uuid::toHex(es::uuid::v4());
    {
        RawSqlite raw(upstream);
        p.missingId = raw.column(QStringLiteral("SELECT rowid FROM stored_events WHERE originator_id = ? AND "
                                                "originator_version = 3"),
                                 {dog1})
                          .value(0)
                          .toLongLong();
        p.damagedId = raw.column(QStringLiteral("SELECT rowid FROM stored_events WHERE originator_id = ? AND "
                                                "originator_version = 2"),
                                 {dog4})
                          .value(0)
                          .toLongLong();
        const QVariant snapshotState
            = raw.column(QStringLiteral("SELECT state FROM stored_snapshots LIMIT 1")).value(0);
        if (p.missingId <= 0 || p.damagedId <= 0 || snapshotState.isNull())
            return p;
        if (!raw.exec(QStringLiteral("DELETE FROM stored_events WHERE rowid = ?"), {p.missingId})
            || !raw.exec(QStringLiteral("UPDATE stored_events SET state = CAST('{\"timestamp\": {\"_type_\": "
                                        "' AS BLOB) WHERE rowid = ?"),
                         {p.damagedId})
            || !raw.exec(
                QStringLiteral(
                    "INSERT INTO stored_events VALUES (?, 1, 'inspecttest:Cat.Adopted', CAST(? AS BLOB))"),
                {cat,
                 QStringLiteral("{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": "
                                "\"2026-11-28T16:33:09+00:00\"}, "
                                "\"originator_topic\": \"inspecttest:Cat\"}")})
            || !raw.exec(
                QStringLiteral(
                    "INSERT INTO stored_snapshots VALUES (?, 9, 'eventsourcing.domain:Snapshot', ?)"),
                {dog2, snapshotState})
            || !raw.exec(
                QStringLiteral(
                    "INSERT INTO stored_snapshots VALUES (?, 1, 'eventsourcing.domain:Snapshot', ?)"),
                {p.stray, snapshotState}))
            return p;
        p.catId = raw.column(QStringLiteral("SELECT MAX(rowid) FROM stored_events")).value(0).toLongLong();
    }
    {
        RawSqlite raw(downstream);
        if (!raw.exec(QStringLiteral("CREATE TABLE tracking (application_name TEXT, notification_id INTEGER, "
                                     "PRIMARY KEY (application_name, notification_id)) WITHOUT ROWID"))
            || !raw.exec(QStringLiteral(
                "INSERT INTO tracking VALUES ('Upstream', 3), ('Upstream', 25), ('Faraway', 4)")))
            return p;
    }
    p.ok = true;
    return p;
}

} // namespace inspecttest
