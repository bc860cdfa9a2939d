// Proves the test harness: the throwaway server is reachable through QPSQL and keeps what we write.
#include "postgres.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

class TestPostgresHarness : public QObject
{
    Q_OBJECT
private slots:
    void roundTripsARow()
    {
        ES_REQUIRE_POSTGRES();
        es::test::ScratchDatabase scratch;
        QVERIFY2(scratch.isValid(), qPrintable(scratch.error()));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("harness"));
            db.setHostName(scratch.params().host);
            db.setPort(scratch.params().port);
            db.setUserName(scratch.params().user);
            db.setPassword(scratch.params().password);
            db.setDatabaseName(scratch.name());
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            QVERIFY2(q.exec(QStringLiteral("CREATE TABLE t (id bigserial PRIMARY KEY, payload bytea NOT NULL)")),
                     qPrintable(q.lastError().text()));
            const QByteArray payload("\x00\x01\xff{\"a\": 1}", 12);
            QVERIFY(q.prepare(QStringLiteral("INSERT INTO t (payload) VALUES (?) RETURNING id")));
            q.addBindValue(payload);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            QVERIFY(q.next());
            const qlonglong id = q.value(0).toLongLong();
            QCOMPARE(id, 1);
            QVERIFY(q.prepare(QStringLiteral("SELECT payload FROM t WHERE id = ?")));
            q.addBindValue(id);
            QVERIFY(q.exec());
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toByteArray(), payload);
            QVERIFY(q.exec(QStringLiteral("SHOW server_version_num")));
            QVERIFY(q.next());
            QVERIFY(q.value(0).toInt() >= 150000);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("harness"));
    }
};

QTEST_GUILESS_MAIN(TestPostgresHarness)
#include "tst_postgres_harness.moc"
