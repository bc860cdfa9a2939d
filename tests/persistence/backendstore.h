#pragma once
// What the persistence tests that run on every backend as data rows share: the rows ("popo",
// "sqlite-memory", "sqlite-file", "postgres"), one backend's store for one test, and the macro that
// opens the row's store and runs a test's statements. Header-only; not thread-safe.

#include "postgres.h"

#include "es/infrastructure.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QMap>
#include <QTemporaryDir>
#include <QtTest>
#include <exception>
#include <memory>

namespace es::test {

// The data rows: a "backend" column, a row per backend.
inline void addBackendRows()
{
    QTest::addColumn<QString>("backend");
    for (const char *b : {"popo", "sqlite-memory", "sqlite-file", "postgres"})
        QTest::newRow(b) << QString::fromLatin1(b);
}

inline QString describe(const std::exception &e)
{
    return QString::fromUtf8(e.what());
}

// One backend's store for one test: owns the temporary directory or scratch database. The
// application is `appName`; the in-memory database, the file and the scratch database are named
// after `name` (file:<name>-…, <name>.sqlite, es_<name>…).
struct BackendStore
{
    BackendStore(const QString &application, const QString &storeName) : appName(application), name(storeName)
    { }

    QString appName;
    QString name;
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<ScratchDatabase> scratch;
    QMap<QString, QString> vars;
    std::unique_ptr<InfrastructureFactory> factory; // declared last: goes first

    // Another factory on the same database: a datastore, connections and group-commit queue of
    // its own. Its user must let it go before the store goes (the scratch database is dropped).
    std::unique_ptr<InfrastructureFactory> another(const QMap<QString, QString> &overrides = {}) const
    {
        QMap<QString, QString> v = vars;
        v.insert(overrides);
        return InfrastructureFactory::construct(Environment(appName, v));
    }

    // Opens the backend's store with the extra variables given: empty on success, otherwise why
    // the store could not be made.
    QString open(const QString &backend, const QMap<QString, QString> &extra = {})
    {
        static QAtomicInteger<int> counter;
        vars = extra;
        if (backend == QLatin1String("popo")) {
            vars.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"),
                        QStringLiteral("eventsourcing.popo:Factory"));
        } else if (backend == QLatin1String("sqlite-memory")) {
            vars.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"),
                        QStringLiteral("eventsourcing.sqlite:Factory"));
            vars.insert(QStringLiteral("SQLITE_DBNAME"),
                        QStringLiteral("file:%1-%2-%3?mode=memory&cache=shared")
                            .arg(name)
                            .arg(QCoreApplication::applicationPid())
                            .arg(counter.fetchAndAddRelaxed(1)));
        } else if (backend == QLatin1String("sqlite-file")) {
            dir = std::make_unique<QTemporaryDir>();
            if (!dir->isValid())
                return QStringLiteral("no temporary directory: %1").arg(dir->errorString());
            vars.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"),
                        QStringLiteral("eventsourcing.sqlite:Factory"));
            vars.insert(QStringLiteral("SQLITE_DBNAME"), dir->filePath(name + QStringLiteral(".sqlite")));
        } else if (backend == QLatin1String("postgres")) {
            scratch = std::make_unique<ScratchDatabase>(QStringLiteral("es_") + name);
            if (!scratch->isValid())
                return QStringLiteral("no scratch database: %1").arg(scratch->error());
            vars = postgresVariables(*scratch, extra);
        } else {
            return QStringLiteral("unknown backend %1").arg(backend);
        }
        try {
            factory = InfrastructureFactory::construct(Environment(appName, vars));
        } catch (const std::exception &e) {
            return QStringLiteral("cannot construct the %1 factory: %2").arg(backend, describe(e));
        }
        return {};
    }
};

} // namespace es::test

// In a test function with addBackendRows()'s data: opens the row's store as `store`, a `Store` (the
// test's BackendStore), with the extra variables given (skips the postgres row without a server;
// fails the row when its factory does not construct), and runs the statements; an exception thrown
// by them fails the row with its message.
#define ES_WITH_BACKEND_STORE(extra, ...)                                                                    \
    do {                                                                                                     \
        QFETCH(QString, backend);                                                                            \
        if (backend == QLatin1String("postgres"))                                                            \
            ES_REQUIRE_POSTGRES();                                                                           \
        Store store;                                                                                         \
        {                                                                                                    \
            const QString why = store.open(backend, extra);                                                  \
            QVERIFY2(why.isEmpty(), qPrintable(why));                                                        \
        }                                                                                                    \
        try {                                                                                                \
            __VA_ARGS__                                                                                      \
        } catch (const std::exception &e) {                                                                  \
            QFAIL(qPrintable(QStringLiteral("unexpected exception: ") + es::test::describe(e)));             \
        }                                                                                                    \
    } while (false)
