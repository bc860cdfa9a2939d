#pragma once
// Helpers the example tests share (bank accounts, invoice, parking lot): environments for the
// backends, the raw rows of an SQLite store, and the "shape" of a stored state — its keys in
// order, and for each value its JSON type or custom "_type_" name, recursively — which is what two
// stores must agree on for either side to read the other's records. Header-only; not thread-safe.

#include "fixtures.h"

#include "es/json.h"
#include "es/transcoder.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariant>
#include <atomic>
#include <map>
#include <set>
#include <string_view>
#include <vector>

namespace es::test::examples {

// An application environment for a backend: "popo" (memory) or "sqlite" (a file in dir).
inline QMap<QString, QString> backendEnv(const QString &backend, const QTemporaryDir &dir,
                                         const QString &fileName)
{
    if (backend == QLatin1String("sqlite"))
        return {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory")},
                {QStringLiteral("SQLITE_DBNAME"), dir.filePath(fileName)}};
    return {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.popo:Factory")}};
}

struct StoreRow
{
    QString table; // stored_events or stored_snapshots
    qint64 originatorVersion = 0;
    QString topic;
    QByteArray state; // as stored (maybe compressed and encrypted)
};

// Every row of stored_events (in notification order) and then of stored_snapshots of an SQLite
// file, read through a read-only, immutable connection of its own (so a store written by an
// application that is still open, or a reference store's copy, is left as it is).
inline std::vector<StoreRow> readStoreRows(const QString &path, QString *error)
{
    std::vector<StoreRow> rows;
    static std::atomic<int> counter {0};
    const QString name = QStringLiteral("examplestores-%1").arg(counter.fetch_add(1));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        db.setDatabaseName(path);
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            for (const char *table : {"stored_events", "stored_snapshots"}) {
                QSqlQuery q(db);
                q.setForwardOnly(true);
                const QString order = QLatin1String(table) == QLatin1String("stored_events")
                    ? QStringLiteral("rowid")
                    : QStringLiteral("originator_id, originator_version");
                if (!q.exec(QStringLiteral("SELECT originator_version, topic, state FROM %1 ORDER BY %2")
                                .arg(QLatin1String(table), order))) {
                    *error = q.lastError().text();
                    break;
                }
                while (q.next()) {
                    StoreRow r;
                    r.table = QLatin1String(table);
                    r.originatorVersion = q.value(0).toLongLong();
                    r.topic = q.value(1).toString();
                    r.state = q.value(2).toByteArray();
                    rows.push_back(std::move(r));
                }
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

inline json::Value parseJson(const QByteArray &text)
{
    return json::Value::parse(std::string_view(text.constData(), static_cast<size_t>(text.size())));
}

// The shape of a JSON value: objects as {key:shape, …} in their order, {"_type_": n, "_data_": d}
// as n(shape of d), arrays as [the distinct shapes of their elements], scalars by type.
inline std::string shapeOf(const json::Value &v)
{
    switch (v.type()) {
    case json::Value::Type::Null:
        return "null";
    case json::Value::Type::Bool:
        return "bool";
    case json::Value::Type::Integer:
    case json::Value::Type::BigInteger:
        return "int";
    case json::Value::Type::Double:
        return "float";
    case json::Value::Type::String:
        return "str";
    case json::Value::Type::Array: {
        std::set<std::string> kinds;
        for (const json::Value &e : v.array())
            kinds.insert(shapeOf(e));
        std::string out = "[";
        for (const std::string &k : kinds)
            out += (out.size() > 1 ? "|" : "") + k;
        return out + "]";
    }
    case json::Value::Type::Object:
        break;
    }
    const json::Value::Object &members = v.members();
    if (members.size() == 2 && members[0].first == "_type_" && members[1].first == "_data_"
        && members[0].second.isString())
        return members[0].second.string() + "(" + shapeOf(members[1].second) + ")";
    std::string out = "{";
    for (const auto &m : members) {
        if (out.size() > 1)
            out += ", ";
        out += m.first + ":" + shapeOf(m.second);
    }
    return out + "}";
}

// A set of shapes on one line, " | " between them (for failure messages).
inline QString describeShapes(const std::set<std::string> &shapes)
{
    QStringList out;
    for (const std::string &s : shapes)
        out << QString::fromStdString(s);
    return out.join(QStringLiteral(" | "));
}

// The shape of every record of a store, by topic; snapshots by "Snapshot of <aggregate topic>"
// since they all share one topic. Rows that do not decode are reported in *errors.
inline std::map<QString, std::set<std::string>> shapesByTopic(const std::vector<StoreRow> &rows,
                                                              const Cipher *cipher, QStringList *errors)
{
    std::map<QString, std::set<std::string>> shapes;
    for (const StoreRow &r : rows) {
        const DecodedState d = decodeStoredState(r.state, cipher);
        if (!d.hasState()) {
            errors->append(QStringLiteral("%1 v%2: %3").arg(r.topic).arg(r.originatorVersion).arg(d.error));
            continue;
        }
        QString topic = r.topic;
        if (r.table == QLatin1String("stored_snapshots")) {
            const json::Value *inner = d.state.find("topic");
            topic = QStringLiteral("Snapshot of ") + (inner ? inner->toQString() : QStringLiteral("?"));
        }
        shapes[topic].insert(shapeOf(d.state));
    }
    return shapes;
}

// How a decoded record of a store was stored ("plain", "zlib", "encrypted+zlib"…), per row.
inline std::set<QString> storages(const std::vector<StoreRow> &rows, const Cipher *cipher)
{
    std::set<QString> out;
    for (const StoreRow &r : rows)
        out.insert(decodeStoredState(r.state, cipher).storage());
    return out;
}

} // namespace es::test::examples
