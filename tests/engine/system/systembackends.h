#pragma once
// Environments that put a whole system (one store per application, as Python lays a system out)
// on each backend, for the system tests.
#include "es/application.h"
#include "postgres.h"

#include <QTemporaryDir>
#include <QtTest>
#include <memory>

namespace es::test {

class SystemBackends
{
public:
    static void addRows()
    {
        QTest::addColumn<QString>("backend");
        for (const char *b : {"popo", "sqlite-memory", "sqlite-file", "postgres"})
            QTest::newRow(b) << QString::fromLatin1(b);
    }

    // False (after failing or skipping the test) when the row's backend cannot run here.
    static bool available(const QString &backend)
    {
        if (backend != QLatin1String("postgres"))
            return true;
        const QString why = postgresUnavailableReason();
        if (why.isEmpty())
            return true;
        if (inCI())
            QTest::qFail(qPrintable(why), __FILE__, __LINE__);
        else
            QTest::qSkip(qPrintable(why), __FILE__, __LINE__);
        return false;
    }

    // A fresh environment for a system of the given application names on `backend`.
    EnvMap environment(const QString &backend, const QStringList &appNames)
    {
        ++m_counter;
        EnvMap env;
        if (backend == QLatin1String("popo")) {
            env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.popo:Factory"));
        } else if (backend.startsWith(QLatin1String("sqlite"))) {
            env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory"));
            for (const QString &app : appNames) {
                const QString db = backend == QLatin1String("sqlite-file")
                    ? m_dir.filePath(QStringLiteral("%1-%2.sqlite").arg(app.toLower()).arg(m_counter))
                    : QStringLiteral("file:%1-%2?mode=memory&cache=shared").arg(app.toLower()).arg(m_counter);
                env.insert(app.toUpper() + QStringLiteral("_SQLITE_DBNAME"), db);
            }
        } else {
            m_pg = std::make_unique<ScratchDatabase>(QStringLiteral("es_system"));
            const auto &p = m_pg->params();
            env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.postgres:Factory"));
            env.insert(QStringLiteral("POSTGRES_HOST"), p.host);
            env.insert(QStringLiteral("POSTGRES_PORT"), QString::number(p.port));
            env.insert(QStringLiteral("POSTGRES_USER"), p.user);
            env.insert(QStringLiteral("POSTGRES_PASSWORD"), p.password);
            env.insert(QStringLiteral("POSTGRES_DBNAME"), p.dbname);
        }
        return env;
    }

    QString dir() const { return m_dir.path(); }
    void reset() { m_pg.reset(); }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ScratchDatabase> m_pg;
    int m_counter = 0;
};

} // namespace es::test
