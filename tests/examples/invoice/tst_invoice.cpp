// The invoice example: Python's eventsourcing/examples/test_invoice.py step by step (the aggregate,
// then an application with snapshotting that saves it, gets it back from events and from a
// snapshot), on POPO and on an SQLite file; the transcodings byte for byte; the Invoices
// application's commands and errors.
#include "examplestores.h"
#include "invoice/application.h"

#include <QTemporaryDir>
#include <QtTest>

using invoice::Invoice;
using invoice::InvoiceNotFoundError;
using invoice::Invoices;
using invoice::InvoiceStatusError;
using invoice::Person;
using invoice::SendMethod;
using invoice::Status;

namespace {

es::Decimal dec(const char *s)
{
    return es::Decimal::fromString(s);
}

template<typename T> std::string encoded(const T &value)
{
    std::string out;
    es::json::Writer w(out);
    es::encodeValue(w, value);
    return out;
}

template<typename T> T decoded(const char *json)
{
    const es::json::Document doc = es::json::Document::parse(json);
    return es::decodeValue<T>(doc.root());
}

} // namespace

class TestInvoice : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;

    es::EnvMap env()
    {
        QFETCH_GLOBAL(QString, backend);
        return es::test::examples::backendEnv(backend, m_dir,
                                              QStringLiteral("invoices-%1.sqlite").arg(++m_counter));
    }

private slots:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("popo") << QStringLiteral("popo");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
    }

    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Python's TestInvoice.test, in order.
    void pythonTest()
    {
        auto invoice = Invoice::create(
            QStringLiteral("INV/2021/11/01"), dec("34.20"),
            Person {QStringLiteral("Oscar the Grouch"), QStringLiteral("123 Sesame Street")});
        QCOMPARE(invoice->number(), QStringLiteral("INV/2021/11/01"));
        QCOMPARE(invoice->amount().toString(), QStringLiteral("34.20"));
        QVERIFY(invoice->issuedTo()
                == (Person {QStringLiteral("Oscar the Grouch"), QStringLiteral("123 Sesame Street")}));
        QVERIFY(invoice->status() == Status::Initiated);

        invoice->setNumber(QStringLiteral("INV/2021/11/02"));
        QCOMPARE(invoice->number(), QStringLiteral("INV/2021/11/02"));

        invoice->setAmount(dec("43.20"));
        QCOMPARE(invoice->amount().toString(), QStringLiteral("43.20"));

        invoice->issue(QStringLiteral("Cookie Monster"));
        QCOMPARE(invoice->issuedBy(), std::optional<QString>(QStringLiteral("Cookie Monster")));
        QVERIFY(invoice->status() == Status::Issued);

        QVERIFY_THROWS_EXCEPTION(InvoiceStatusError, invoice->setNumber(QStringLiteral("INV/2021/11/03")));
        QVERIFY_THROWS_EXCEPTION(InvoiceStatusError, invoice->setAmount(dec("54.20")));
        QCOMPARE(invoice->number(), QStringLiteral("INV/2021/11/02"));
        QCOMPARE(invoice->version(), qint64(4));

        invoice->send(SendMethod::Email);
        QVERIFY(invoice->sentVia() == SendMethod::Email);
        QVERIFY(invoice->status() == Status::Sent);

        // app = Application(env={"IS_SNAPSHOTTING_ENABLED": "y"}) with the three transcodings.
        es::EnvMap e = env();
        e.insert(QStringLiteral("IS_SNAPSHOTTING_ENABLED"), QStringLiteral("y"));
        auto app = es::makeApplication<Invoices>(e);
        QVERIFY(app->mapper().transcoder().isRegistered(QStringLiteral("person_as_dict")));
        QVERIFY(app->mapper().transcoder().isRegistered(QStringLiteral("send_method_str")));
        QVERIFY(app->mapper().transcoder().isRegistered(QStringLiteral("status_str")));

        app->save(*invoice);

        auto copy = app->repository().get<Invoice>(invoice->id());
        QCOMPARE(es::Repository::lastReadCount(), qint64(5));
        QVERIFY(*invoice == *copy);

        QVERIFY(app->snapshots() != nullptr);
        QCOMPARE(app->snapshots()->get(invoice->id()).size(), size_t(0));

        app->takeSnapshot(invoice->id());

        copy = app->repository().get<Invoice>(invoice->id());
        QCOMPARE(es::Repository::lastReadCount(), qint64(1));
        QVERIFY(*invoice == *copy);

        copy = app->repository().get<Invoice>(invoice->id(), 1);
        QVERIFY(*invoice != *copy);
        QCOMPARE(copy->number(), QStringLiteral("INV/2021/11/01"));
        QVERIFY(copy->status() == Status::Initiated);
        QVERIFY(!copy->issuedBy() && !copy->issuedOn() && !copy->sentVia() && !copy->sentAt());

        const std::vector<es::DomainEventPtr> snapshots = app->snapshots()->get(invoice->id());
        QCOMPARE(snapshots.size(), size_t(1));
        const auto *snapshot = dynamic_cast<const es::Snapshot *>(snapshots.front().get());
        QVERIFY(snapshot);
        auto copy2 = es::aggregate_cast<Invoice>(snapshot->mutate(nullptr));
        QVERIFY(*invoice == *copy2);
    }

    void timestampsOfTheEvents()
    {
        // initiated_at, issued_on and sent_at are the timestamps of the events that set them, so a
        // replay gives exactly the state a snapshot holds.
        auto invoice = Invoice::create(QStringLiteral("INV/1"), dec("1.00"),
                                       Person {QStringLiteral("A"), QStringLiteral("B")});
        invoice->issue(QStringLiteral("C"));
        invoice->send(SendMethod::Post);
        const std::vector<es::DomainEventPtr> &events = invoice->pendingEvents();
        QCOMPARE(events.size(), size_t(3));
        QVERIFY(invoice->initiatedAt().isIdenticalTo(events[0]->timestamp));
        QVERIFY(invoice->createdOn().isIdenticalTo(events[0]->timestamp));
        QVERIFY(invoice->issuedOn()->isIdenticalTo(events[1]->timestamp));
        QVERIFY(invoice->sentAt()->isIdenticalTo(events[2]->timestamp));
        QVERIFY(invoice->modifiedOn().isIdenticalTo(events[2]->timestamp));
        auto replayed = es::aggregate_cast<Invoice>(es::project(nullptr, invoice->collectEvents()));
        QVERIFY(*replayed == *invoice);
        QVERIFY(replayed->sentVia() == SendMethod::Post);
    }

    void storedStates()
    {
        // The events' and the snapshot's stored states as Python writes them: keys, order, wrappers.
        auto invoice
            = Invoice::create(QStringLiteral("INV/2021/11/01"), dec("34.20"),
                              Person {QStringLiteral("Oscar the Octopus"), QStringLiteral("Underwater")});
        const std::string initiated = invoice->pendingEvents()[0]->stateJson();
        const std::string tail
            = ", \"originator_topic\": \"eventsourcing.examples.test_invoice:Invoice\", "
              "\"number\": \"INV/2021/11/01\", \"amount\": {\"_type_\": \"decimal_str\", \"_data_\": "
              "\"34.20\"}, "
              "\"issued_to\": {\"_type_\": \"person_as_dict\", \"_data_\": {\"name\": \"Oscar the Octopus\", "
              "\"address\": \"Underwater\"}}}";
        QVERIFY2(initiated.size() > tail.size()
                     && initiated.compare(initiated.size() - tail.size(), tail.size(), tail) == 0,
                 initiated.c_str());

        // Before issue(): Python's object has no issued_by, issued_on, sent_via, sent_at yet.
        es::json::Value state = es::Snapshot::take(*invoice)->state;
        std::vector<std::string> keys;
        for (const auto &m : state.members())
            keys.push_back(m.first);
        QCOMPARE(keys,
                 (std::vector<std::string> {"_created_on", "_modified_on", "_number", "_amount", "issued_to",
                                            "initiated_at", "status"}));
        QCOMPARE(state.find("status")->toJson(),
                 std::string("{\"_type_\": \"status_str\", \"_data_\": \"INITIATED\"}"));

        invoice->setNumber(QStringLiteral("INV/2021/11/02"));
        invoice->setAmount(dec("43.20"));
        invoice->issue(QStringLiteral("Cookie Monster"));
        invoice->send(SendMethod::Email);
        const std::vector<es::DomainEventPtr> &events = invoice->pendingEvents();
        QVERIFY(
            QByteArray::fromStdString(events[1]->stateJson()).endsWith(", \"value\": \"INV/2021/11/02\"}"));
        QVERIFY(QByteArray::fromStdString(events[2]->stateJson())
                    .endsWith(", \"value\": {\"_type_\": \"decimal_str\", \"_data_\": \"43.20\"}}"));
        QVERIFY(QByteArray::fromStdString(events[3]->stateJson())
                    .endsWith(", \"issued_by\": \"Cookie Monster\"}"));
        QVERIFY(QByteArray::fromStdString(events[4]->stateJson())
                    .endsWith(", \"sent_via\": {\"_type_\": \"send_method_str\", \"_data_\": \"EMAIL\"}}"));

        state = es::Snapshot::take(*invoice)->state;
        keys.clear();
        for (const auto &m : state.members())
            keys.push_back(m.first);
        QCOMPARE(keys,
                 (std::vector<std::string> {"_created_on", "_modified_on", "_number", "_amount", "issued_to",
                                            "initiated_at", "status", "issued_by", "issued_on", "sent_via",
                                            "sent_at"}));
    }

    void transcodings()
    {
        // Python's PersonAsDict, SendMethodAsStr, StatusAsStr.
        QCOMPARE(encoded(Person {QStringLiteral("Ünï"), QStringLiteral("1 \"Q\" St")}),
                 std::string("{\"_type_\": \"person_as_dict\", \"_data_\": {\"name\": \"\\u00dcn\\u00ef\", "
                             "\"address\": \"1 \\\"Q\\\" St\"}}"));
        QCOMPARE(encoded(SendMethod::Post),
                 std::string("{\"_type_\": \"send_method_str\", \"_data_\": \"POST\"}"));
        QCOMPARE(encoded(Status::Issued),
                 std::string("{\"_type_\": \"status_str\", \"_data_\": \"ISSUED\"}"));
        QCOMPARE(encoded(Status::Sent), std::string("{\"_type_\": \"status_str\", \"_data_\": \"SENT\"}"));

        QVERIFY(decoded<Person>(
                    "{\"_type_\": \"person_as_dict\", \"_data_\": {\"address\": \"x\", \"name\": \"y\"}}")
                == (Person {QStringLiteral("y"), QStringLiteral("x")}));
        QVERIFY(decoded<SendMethod>("{\"_type_\": \"send_method_str\", \"_data_\": \"EMAIL\"}")
                == SendMethod::Email);
        QVERIFY(decoded<Status>("{\"_type_\": \"status_str\", \"_data_\": \"INITIATED\"}")
                == Status::Initiated);

        // What Python's decode() would refuse (getattr of an unknown name, Person(**) with other keys).
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError,
                                 decoded<Status>("{\"_type_\": \"status_str\", \"_data_\": \"PAID\"}"));
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError,
                                 decoded<Status>("{\"_type_\": \"status_str\", \"_data_\": 2}"));
        QVERIFY_THROWS_EXCEPTION(
            es::TranscodingError,
            decoded<SendMethod>("{\"_type_\": \"send_method_str\", \"_data_\": \"email\"}"));
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError,
                                 decoded<Status>("{\"_type_\": \"send_method_str\", \"_data_\": \"EMAIL\"}"));
        QVERIFY_THROWS_EXCEPTION(
            es::TranscodingError,
            decoded<Person>("{\"_type_\": \"person_as_dict\", \"_data_\": {\"name\": \"y\"}}"));
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError,
                                 decoded<Person>("{\"_type_\": \"person_as_dict\", \"_data_\": {\"name\": "
                                                 "\"y\", \"address\": \"x\", \"age\": 3}}"));
        QVERIFY_THROWS_EXCEPTION(
            es::TranscodingError,
            decoded<Person>("{\"_type_\": \"person_as_dict\", \"_data_\": [\"y\", \"x\"]}"));

        QCOMPARE(invoice::statusName(Status::Initiated), QStringLiteral("INITIATED"));
        QCOMPARE(invoice::sendMethodName(SendMethod::Email), QStringLiteral("EMAIL"));
    }

    void applicationCommands()
    {
        auto app = es::makeApplication<Invoices>(env());
        QCOMPARE(app->name(), QStringLiteral("Invoices"));
        // Snapshotting is on by default, as in the Python test.
        QVERIFY(app->isSnapshottingEnabled());

        const Person oscar {QStringLiteral("Oscar"), QStringLiteral("Trash can")};
        const QUuid id = app->createInvoice(QStringLiteral("INV/1"), dec("10.00"), oscar);
        app->setNumber(id, QStringLiteral("INV/2"));
        app->setAmount(id, dec("12.50"));
        app->issue(id, QStringLiteral("Big Bird"));
        QVERIFY_THROWS_EXCEPTION(InvoiceStatusError, app->setNumber(id, QStringLiteral("INV/3")));
        try {
            app->setAmount(id, dec("1"));
            QFAIL("no InvoiceStatusError");
        } catch (const InvoiceStatusError &err) {
            QVERIFY(err.status() == Status::Issued);
            QVERIFY(err.message().contains(QLatin1String("ISSUED")));
        }
        app->send(id, SendMethod::Post);

        auto inv = app->getInvoice(id);
        QCOMPARE(inv->version(), qint64(5));
        QCOMPARE(inv->number(), QStringLiteral("INV/2"));
        QCOMPARE(inv->amount().toString(), QStringLiteral("12.50"));
        QVERIFY(inv->issuedTo() == oscar);
        QCOMPARE(*inv->issuedBy(), QStringLiteral("Big Bird"));
        QVERIFY(inv->status() == Status::Sent);
        QVERIFY(*inv->sentVia() == SendMethod::Post);
        // Refused commands saved nothing.
        QCOMPARE(app->recorder().maxNotificationId(), qint64(5));

        QVERIFY_THROWS_EXCEPTION(InvoiceNotFoundError, app->getInvoice(es::uuid::v4()));
        QVERIFY_THROWS_EXCEPTION(InvoiceNotFoundError, app->issue(es::uuid::v4(), QStringLiteral("x")));

        app->takeSnapshot(id);
        QVERIFY(*app->getInvoice(id) == *inv);
        QCOMPARE(es::Repository::lastReadCount(), qint64(1));

        // Snapshotting can be switched off through the environment, like any class default.
        es::EnvMap e = env();
        e.insert(QStringLiteral("IS_SNAPSHOTTING_ENABLED"), QStringLiteral("no"));
        auto plain = es::makeApplication<Invoices>(e);
        QVERIFY(!plain->isSnapshottingEnabled());
    }
};

QTEST_GUILESS_MAIN(TestInvoice)
#include "tst_invoice.moc"
