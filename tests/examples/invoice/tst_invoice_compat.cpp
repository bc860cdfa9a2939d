// The invoice example against invoice.sqlite, written by Python's eventsourcing 9.1.6 with the
// Invoice of test_invoice.py: the invoice rebuilt by the C++ Invoices application from the events
// alone and from the snapshot equals the snapshot's state (byte for byte when taken again), every
// record re-encodes to Python's bytes, and a store written by the C++ application has, for each
// topic, Python's keys in Python's order and Python's "_type_" names.
#include "examplestores.h"
#include "invoice/application.h"
#include "referencestore.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using invoice::Invoice;
using invoice::Invoices;
using invoice::Person;
using invoice::SendMethod;
using invoice::Status;

namespace {

es::StoredEvent storedOf(const es::test::ReferenceRow &row)
{
    es::StoredEvent s;
    s.originatorId = es::uuid::fromString(row.originatorId);
    s.originatorVersion = row.originatorVersion;
    s.topic = row.topic;
    s.state = row.state;
    return s;
}

es::EnvMap sqliteEnv(const QString &path, bool snapshotting)
{
    return {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory")},
            {QStringLiteral("SQLITE_DBNAME"), path},
            {QStringLiteral("IS_SNAPSHOTTING_ENABLED"),
             snapshotting ? QStringLiteral("y") : QStringLiteral("n")}};
}

} // namespace

class TestInvoiceCompat : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString copyStore(const QString &purpose)
    {
        const QString dir = m_dir.filePath(purpose);
        if (!QDir().mkpath(dir))
            return {};
        return es::test::copyFixture(QStringLiteral("invoice.sqlite"), dir);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void rebuiltEqualsSnapshot()
    {
        ES_REQUIRE_FIXTURES();
        QString error;
        const std::vector<es::test::ReferenceRow> snapshotRows = es::test::readReferenceRows(
            QStringLiteral("invoice.sqlite"), QStringLiteral("stored_snapshots"), &error);
        QVERIFY2(snapshotRows.size() == 1, qPrintable(error));
        const es::test::ReferenceRow &snapshotRow = snapshotRows.front();
        const QUuid id = es::uuid::fromString(snapshotRow.originatorId);

        const QString copy = copyStore(QStringLiteral("read"));
        QVERIFY(!copy.isEmpty());
        auto fromEventsApp = es::makeApplication<Invoices>(sqliteEnv(copy, false));
        auto fromSnapshotApp = es::makeApplication<Invoices>(sqliteEnv(copy, true));

        auto fromEvents = fromEventsApp->getInvoice(id);
        QCOMPARE(es::Repository::lastReadCount(), qint64(5));
        auto fromSnapshot = fromSnapshotApp->getInvoice(id);
        QCOMPARE(es::Repository::lastReadCount(), qint64(1));
        QVERIFY(*fromEvents == *fromSnapshot);

        // What the store says about the invoice.
        QCOMPARE(fromEvents->version(), qint64(5));
        QCOMPARE(fromEvents->number(), QStringLiteral("INV/2021/11/02"));
        QCOMPARE(fromEvents->amount().toString(), QStringLiteral("43.20"));
        QVERIFY(fromEvents->issuedTo()
                == (Person {QStringLiteral("Oscar the Octopus"), QStringLiteral("Underwater")}));
        QVERIFY(fromEvents->status() == Status::Sent);
        QCOMPARE(fromEvents->issuedBy().value_or(QString()), QStringLiteral("Cookie Monster"));
        QVERIFY(fromEvents->sentVia() == SendMethod::Email);
        QCOMPARE(fromEvents->initiatedAt().toIsoString(), QStringLiteral("2026-11-28T16:33:10.670481+00:00"));
        QCOMPARE(fromEvents->issuedOn()->toIsoString(), QStringLiteral("2026-11-28T16:33:10.671431+00:00"));
        QCOMPARE(fromEvents->sentAt()->toIsoString(), QStringLiteral("2026-11-28T16:33:10.671564+00:00"));

        // Taken again at Python's time, the snapshot of the replayed invoice is Python's, byte for byte.
        const auto stored = std::dynamic_pointer_cast<const es::Snapshot>(
            fromEventsApp->mapper().toDomainEvent(storedOf(snapshotRow)));
        QVERIFY(stored);
        auto again = es::Snapshot::take(*fromEvents);
        again->timestamp = stored->timestamp;
        const QByteArray ours = fromEventsApp->mapper().fromDomainEvent(*again).state;
        QVERIFY2(ours == snapshotRow.state, (snapshotRow.state + "\n  written as\n" + ours).constData());
        QVERIFY(again->state == stored->state);

        // Earlier versions too: at version 3 the number and amount were updated, nothing issued.
        auto atThree = fromSnapshotApp->repository().get<Invoice>(id, 3);
        QCOMPARE(atThree->amount().toString(), QStringLiteral("43.20"));
        QVERIFY(atThree->status() == Status::Initiated);
        QVERIFY(!atThree->issuedBy());
        // And the C++ application carries on: Python's rules refuse to renumber a sent invoice.
        QVERIFY_THROWS_EXCEPTION(invoice::InvoiceStatusError,
                                 fromSnapshotApp->setNumber(id, QStringLiteral("INV/X")));
    }

    void recordsReencodeToPythonBytes()
    {
        ES_REQUIRE_FIXTURES();
        QString error;
        const std::vector<es::test::ReferenceRow> rows = es::test::readReferenceRows(
            QStringLiteral("invoice.sqlite"), QStringLiteral("stored_events"), &error);
        QVERIFY2(rows.size() == 5, qPrintable(error));
        auto app = es::makeApplication<Invoices>(
            es::EnvMap {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("popo")}});
        std::vector<es::DomainEventPtr> events;
        for (const es::test::ReferenceRow &row : rows) {
            const es::DomainEventPtr event = app->mapper().toDomainEvent(storedOf(row));
            const es::StoredEvent written = app->mapper().fromDomainEvent(*event);
            QVERIFY2(written.state == row.state,
                     (row.state + "\n  written as\n" + written.state).constData());
            QCOMPARE(written.topic, row.topic);
            events.push_back(event);
        }
        QVERIFY(dynamic_cast<const Invoice::Initiated *>(events[0].get()));
        QVERIFY(dynamic_cast<const Invoice::NumberUpdated *>(events[1].get()));
        QVERIFY(dynamic_cast<const Invoice::AmountUpdated *>(events[2].get()));
        QVERIFY(dynamic_cast<const Invoice::Issued *>(events[3].get()));
        QVERIFY(dynamic_cast<const Invoice::Sent &>(*events[4]).sentVia == SendMethod::Email);
    }

    void writtenStoreHasPythonShapes()
    {
        ES_REQUIRE_FIXTURES();
        QString error;
        std::vector<es::test::examples::StoreRow> pythonRows;
        for (const char *table : {"stored_events", "stored_snapshots"}) {
            const auto rows
                = es::test::readReferenceRows(QStringLiteral("invoice.sqlite"), QLatin1String(table), &error);
            QVERIFY2(!rows.empty(), qPrintable(error));
            for (const es::test::ReferenceRow &r : rows)
                pythonRows.push_back({QLatin1String(table), r.originatorVersion, r.topic, r.state});
        }
        QStringList errors;
        const auto python = es::test::examples::shapesByTopic(pythonRows, nullptr, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(python.size(), size_t(6));

        const QString path = m_dir.filePath(QStringLiteral("invoices-cpp.sqlite"));
        {
            auto app = es::makeApplication<Invoices>(sqliteEnv(path, true));
            const QUuid id = app->createInvoice(
                QStringLiteral("INV/2021/11/01"), es::Decimal::fromString("34.20"),
                Person {QStringLiteral("Oscar the Octopus"), QStringLiteral("Underwater")});
            app->setNumber(id, QStringLiteral("INV/2021/11/02"));
            app->setAmount(id, es::Decimal::fromString("43.20"));
            app->issue(id, QStringLiteral("Cookie Monster"));
            app->send(id, SendMethod::Email);
            app->takeSnapshot(id);
        }
        const std::vector<es::test::examples::StoreRow> rows
            = es::test::examples::readStoreRows(path, &error);
        QVERIFY2(rows.size() == 6, qPrintable(error));
        const auto ours = es::test::examples::shapesByTopic(rows, nullptr, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(ours.size(), python.size());
        for (const auto &[topic, shapes] : ours) {
            const auto p = python.find(topic);
            QVERIFY2(p != python.end(), qPrintable(QStringLiteral("topic Python never wrote: ") + topic));
            QVERIFY2(shapes == p->second,
                     qPrintable(QStringLiteral("%1\n  ours:   %2\n  Python: %3")
                                    .arg(topic, QString::fromStdString(*shapes.begin()),
                                         QString::fromStdString(*p->second.begin()))));
        }
        QCOMPARE(es::test::examples::storages(rows, nullptr), std::set<QString> {QStringLiteral("plain")});
    }
};

QTEST_GUILESS_MAIN(TestInvoiceCompat)
#include "tst_invoice_compat.moc"
