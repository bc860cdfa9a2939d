#pragma once
// Reads the rows of a Python-written reference store for the codec tests, without the recorders
// (those are tested elsewhere): what is checked here is the bytes of the state column.
//
// The store is copied into a temporary folder and opened read-only and immutable: the fixtures
// are in WAL mode, and even a read-only open of a WAL database creates -wal and -shm files next
// to it when the process may write there (as root it may), which must never happen to them.

#include "fixtures.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>
#include <atomic>
#include <vector>

namespace es::test {

struct ReferenceRow
{
    qint64 id = 0; // notification id (rowid); 0 for snapshots
    QString originatorId; // as stored: 32 hex digits
    qint64 originatorVersion = 0;
    QString topic;
    QByteArray state;
};

// Every row of `table` ("stored_events" in rowid order, or "stored_snapshots") of the reference
// store `fileName`; *error says why when it returns nothing.
inline std::vector<ReferenceRow> readReferenceRows(const QString &fileName, const QString &table,
                                                   QString *error)
{
    std::vector<ReferenceRow> rows;
    QTemporaryDir dir;
    if (!dir.isValid()) {
        *error = QStringLiteral("cannot create a temporary folder");
        return rows;
    }
    const QString copy = dir.filePath(fileName);
    if (!QFile::copy(fixture(fileName), copy)) {
        *error = QStringLiteral("cannot copy %1").arg(fixture(fileName));
        return rows;
    }
    static std::atomic<int> counter {0};
    const QString name = QStringLiteral("referencestore-%1").arg(counter.fetch_add(1));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
        db.setDatabaseName(QStringLiteral("file:%1?mode=ro&immutable=1").arg(copy));
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            const bool events = table == QLatin1String("stored_events");
            QSqlQuery q(db);
            q.setForwardOnly(true);
            const QString sql = events
                ? QStringLiteral("SELECT rowid, originator_id, originator_version, topic, state "
                                 "FROM stored_events ORDER BY rowid")
                : QStringLiteral("SELECT 0, originator_id, originator_version, topic, state "
                                 "FROM stored_snapshots ORDER BY originator_id, originator_version");
            if (!q.exec(sql)) {
                *error = q.lastError().text();
            } else {
                while (q.next()) {
                    ReferenceRow r;
                    r.id = q.value(0).toLongLong();
                    r.originatorId = q.value(1).toString();
                    r.originatorVersion = q.value(2).toLongLong();
                    r.topic = q.value(3).toString();
                    r.state = q.value(4).toByteArray();
                    rows.push_back(std::move(r));
                }
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

// The lines of a jsonl fixture, without empty ones.
inline QList<QByteArray> readJsonLines(const QString &fileName)
{
    QList<QByteArray> lines;
    const QList<QByteArray> all = readFile(fixture(fileName)).split('\n');
    for (const QByteArray &line : all)
        if (!line.trimmed().isEmpty())
            lines.append(line);
    return lines;
}

// The base64 key of an encrypted reference store.
inline QString referenceKey(const QString &fileName)
{
    return QString::fromLatin1(readFile(fixture(fileName)).trimmed());
}

} // namespace es::test
