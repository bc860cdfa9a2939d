// Domain events as Python's eventsourcing 9.1 stores them (test_domainevent.py and the Mapper): the
// state is the event's __dict__ without originator_id/originator_version, in declaration order,
// values encoded as Python's json.dumps and JSONTranscoder write them; decoding is the inverse and
// names the field that is wrong.
// (No raw string literals here: moc 6.4 finds no class after one with unbalanced braces.)
#include "es/domain.h"
#include "es/errors.h"
#include "es/transcoder.h"

#include <QtTest>
#include <map>

namespace {

class Box : public es::AggregateRoot<Box>
{
public:
    static constexpr const char *TOPIC = "tests.domainevent:Box";

    struct Packed : es::CreatedEvent<Box, Packed>
    {
        static constexpr const char *TOPIC = "tests.domainevent:Box.Packed";
        QString label;
        static constexpr auto fields() { return es::fields(es::field("label", &Packed::label)); }
        void apply(Box &b) const { b.label = label; }
    };

    // One field of every kind the codecs know, in a deliberate (non-alphabetical) order.
    struct Filled : es::Event<Box, Filled>
    {
        static constexpr const char *TOPIC = "tests.domainevent:Box.Filled";
        int count = 0;
        qint64 big = 0;
        double ratio = 0;
        bool fragile = false;
        QString text;
        QStringList names;
        QUuid ref;
        es::Decimal price;
        es::Timestamp when;
        std::vector<int> sizes;
        std::map<QString, int> stock;
        std::optional<es::Decimal> discount;
        std::optional<QString> note; // omitted while empty
        es::json::Value extra;
        std::pair<QString, int> slot;
        std::tuple<int, QString, bool> triple;
        static constexpr auto fields()
        {
            return es::fields(es::field("count", &Filled::count), es::field("big", &Filled::big),
                              es::field("ratio", &Filled::ratio), es::field("fragile", &Filled::fragile),
                              es::field("text", &Filled::text), es::field("names", &Filled::names),
                              es::field("ref", &Filled::ref), es::field("price", &Filled::price),
                              es::field("when", &Filled::when), es::field("sizes", &Filled::sizes),
                              es::field("stock", &Filled::stock), es::field("discount", &Filled::discount),
                              es::field("note", &Filled::note, es::FieldOmitIfEmpty), es::field("extra", &Filled::extra),
                              es::field("slot", &Filled::slot), es::field("triple", &Filled::triple));
        }
        void apply(Box &b) const { b.fills += 1; }
    };

    struct Sealed : es::Event<Box, Sealed>
    {
        static constexpr const char *TOPIC = "tests.domainevent:Box.Sealed";
    };

    using Events = es::EventTypes<Packed, Filled, Sealed>;
    static constexpr auto stateFields() { return es::fields(es::field("label", &Box::label), es::field("fills", &Box::fills)); }

    QString label;
    int fills = 0;
};

const QUuid BoxId = es::uuid::fromString("973a34cf-d943-48b2-8578-41bccb3657ec");
const char *const When = "2026-11-28T16:33:09.485709+00:00";
const char *const WhenJson = "{\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:09.485709+00:00\"}";

std::shared_ptr<Box::Filled> filled()
{
    auto e = std::make_shared<Box::Filled>();
    e->originatorId = BoxId;
    e->originatorVersion = 2;
    e->timestamp = es::Timestamp::fromIsoString(When);
    e->count = -3;
    e->big = 9007199254740993LL;
    e->ratio = 0.1;
    e->fragile = true;
    e->text = QStringLiteral("Zoë \"q\" \\ \n \t 😀");
    e->names = {QStringLiteral("a"), QStringLiteral("b")};
    e->ref = es::uuid::fromString("6d774197-319b-52b8-a715-e02b95fb5bdc");
    e->price = es::Decimal::fromString("149.50");
    e->when = es::Timestamp::fromIsoString("2026-11-28T16:33:09");
    e->sizes = {1, 2};
    e->stock = {{QStringLiteral("x"), 1}, {QStringLiteral("é"), 2}};
    e->extra = es::json::Value::parse("{\"k\": [1, 2.5, null, 1e+16]}");
    e->slot = {QStringLiteral("p"), 2};
    e->triple = {1, QStringLiteral("a"), false};
    return e;
}

// Python 3.11: json.dumps of the same dict, with JSONTranscoder's wrappers.
const char *const FilledJson =
    "{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:09.485709+00:00\"}, "
    "\"count\": -3, \"big\": 9007199254740993, \"ratio\": 0.1, \"fragile\": true, "
    "\"text\": \"Zo\\u00eb \\\"q\\\" \\\\ \\n \\t \\ud83d\\ude00\", \"names\": [\"a\", \"b\"], "
    "\"ref\": {\"_type_\": \"uuid_hex\", \"_data_\": \"6d774197319b52b8a715e02b95fb5bdc\"}, "
    "\"price\": {\"_type_\": \"decimal_str\", \"_data_\": \"149.50\"}, "
    "\"when\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:09\"}, \"sizes\": [1, 2], "
    "\"stock\": {\"x\": 1, \"\\u00e9\": 2}, \"discount\": null, \"extra\": {\"k\": [1, 2.5, null, 1e+16]}, "
    "\"slot\": [\"p\", 2], \"triple\": [1, \"a\", false]}";

es::StoredEvent record(qint64 version, const char *topic, const QByteArray &state)
{
    return es::StoredEvent{BoxId, version, QString::fromLatin1(topic), state};
}

} // namespace

class TestDomainEvent : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { es::registerAggregate<Box>(); }

    void storedStateOfACreatedEvent()
    {
        // {"timestamp", "originator_topic", fields…}: Python's Created.__dict__ order.
        auto e = std::make_shared<Box::Packed>();
        e->originatorId = BoxId;
        e->originatorVersion = 1;
        e->timestamp = es::Timestamp::fromIsoString(When);
        e->originatorTopic = QString::fromLatin1(Box::TOPIC);
        e->label = QStringLiteral("books");
        const QByteArray expected = QByteArray("{\"timestamp\": ") + WhenJson
            + ", \"originator_topic\": \"tests.domainevent:Box\", \"label\": \"books\"}";
        QCOMPARE(QByteArray::fromStdString(e->stateJson()), expected);
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        const es::StoredEvent stored = mapper.fromDomainEvent(*e);
        QCOMPARE(stored.originatorId, BoxId);
        QCOMPARE(stored.originatorVersion, 1);
        QCOMPARE(stored.topic, QStringLiteral("tests.domainevent:Box.Packed"));
        QCOMPARE(stored.state, expected); // no originator_id, no originator_version
    }

    void storedStateOfEveryFieldKind()
    {
        const auto e = filled();
        QCOMPARE(QByteArray::fromStdString(e->stateJson()), QByteArray(FilledJson));
        // Set optionals: the value; the omitted one appears once set.
        e->discount = es::Decimal::fromString("-0.50");
        e->note = QStringLiteral("handle with care");
        const es::json::Value v = e->stateValue();
        QCOMPARE(QString::fromStdString(v.find("discount")->toJson()),
                 QStringLiteral("{\"_type_\": \"decimal_str\", \"_data_\": \"-0.50\"}"));
        QCOMPARE(v.find("note")->toQString(), QStringLiteral("handle with care"));
        std::vector<std::string> keys;
        for (const auto &m : v.members())
            keys.push_back(m.first);
        const std::vector<std::string> expected{"timestamp", "count", "big",   "ratio",    "fragile", "text",
                                                "names",     "ref",   "price", "when",     "sizes",   "stock",
                                                "discount",  "note",  "extra", "slot",     "triple"};
        QCOMPARE(keys, expected);
    }

    void storedStateOfAFieldlessEvent()
    {
        auto e = std::make_shared<Box::Sealed>();
        e->timestamp = es::Timestamp::fromIsoString(When);
        QCOMPARE(QByteArray::fromStdString(e->stateJson()), QByteArray("{\"timestamp\": ") + WhenJson + "}");
    }

    void decodeEveryFieldKind()
    {
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        const es::DomainEventPtr event = mapper.toDomainEvent(record(2, "tests.domainevent:Box.Filled", FilledJson));
        const auto *f = dynamic_cast<const Box::Filled *>(event.get());
        QVERIFY(f);
        const auto e = filled();
        QCOMPARE(f->originatorId, BoxId);
        QCOMPARE(f->originatorVersion, 2);
        QVERIFY(f->timestamp.isIdenticalTo(e->timestamp));
        QCOMPARE(f->count, e->count);
        QCOMPARE(f->big, e->big);
        QCOMPARE(f->ratio, e->ratio);
        QCOMPARE(f->fragile, e->fragile);
        QCOMPARE(f->text, e->text);
        QCOMPARE(f->names, e->names);
        QCOMPARE(f->ref, e->ref);
        QVERIFY(f->price.isIdenticalTo(e->price));
        QVERIFY(f->when.isIdenticalTo(e->when));
        QVERIFY(!f->when.isAware());
        QCOMPARE(f->sizes, e->sizes);
        QCOMPARE(f->stock, e->stock);
        QVERIFY(!f->discount);
        QVERIFY(!f->note);
        QVERIFY(f->extra == e->extra);
        QCOMPARE(f->slot, e->slot);
        QVERIFY(f->triple == e->triple);
        // Re-encoded: the same bytes.
        QCOMPARE(mapper.fromDomainEvent(*event).state, QByteArray(FilledJson));
        // Member order on the wire does not matter for reading.
        const es::json::Value shuffled = es::json::Value::parse(FilledJson);
        es::json::Value reversed = es::json::Value::emptyObject();
        for (auto it = shuffled.members().rbegin(); it != shuffled.members().rend(); ++it)
            reversed.insert(it->first, it->second);
        const std::string text = reversed.toJson();
        const es::DomainEventPtr again =
            mapper.toDomainEvent(record(2, "tests.domainevent:Box.Filled", QByteArray::fromStdString(text)));
        QCOMPARE(mapper.fromDomainEvent(*again).state, QByteArray(FilledJson));
    }

    void decodeErrorsNameTheField_data()
    {
        QTest::addColumn<QByteArray>("state");
        QTest::addColumn<QString>("mentions");
        const QByteArray ts = QByteArray("{\"timestamp\": ") + WhenJson;
        QTest::newRow("missing field") << ts + ", \"count\": 1}" << QStringLiteral("big");
        QTest::newRow("wrong type") << QByteArray(FilledJson).replace("\"count\": -3", "\"count\": \"three\"")
                                    << QStringLiteral("count");
        QTest::newRow("int out of range") << QByteArray(FilledJson).replace("\"count\": -3", "\"count\": 99999999999")
                                          << QStringLiteral("count");
        QTest::newRow("bad decimal") << QByteArray(FilledJson).replace("\"149.50\"", "\"12,5\"") << QStringLiteral("price");
        QTest::newRow("bad uuid") << QByteArray(FilledJson).replace("6d774197319b52b8a715e02b95fb5bdc", "xyz")
                                  << QStringLiteral("ref");
        QTest::newRow("wrong _type_") << QByteArray(FilledJson).replace("\"decimal_str\", \"_data_\": \"149.50\"",
                                                                        "\"uuid_hex\", \"_data_\": \"149.50\"")
                                      << QStringLiteral("price");
        QTest::newRow("bad datetime") << QByteArray(FilledJson).replace("\"2026-11-28T16:33:09\"", "\"yesterday\"")
                                      << QStringLiteral("when");
        QTest::newRow("no timestamp") << QByteArray("{\"count\": 1}") << QStringLiteral("timestamp");
        QTest::newRow("not an object") << QByteArray("[1, 2]") << QStringLiteral("array");
        QTest::newRow("not JSON") << QByteArray("{\"timestamp\": ") << QString();
    }
    void decodeErrorsNameTheField()
    {
        QFETCH(QByteArray, state);
        QFETCH(QString, mentions);
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        try {
            mapper.toDomainEvent(record(2, "tests.domainevent:Box.Filled", state));
            QFAIL("expected TranscodingError");
        } catch (const es::TranscodingError &e) {
            QVERIFY2(e.message().contains(mentions), qPrintable(e.message()));
            // …and the record: topic, originator id and version.
            QVERIFY2(e.message().contains(QLatin1String("tests.domainevent:Box.Filled")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(es::uuid::toDashed(BoxId)), qPrintable(e.message()));
        }
    }

    void createdEventNeedsOriginatorTopic()
    {
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        const QByteArray state = QByteArray("{\"timestamp\": ") + WhenJson + ", \"label\": \"books\"}";
        try {
            mapper.toDomainEvent(record(1, "tests.domainevent:Box.Packed", state));
            QFAIL("expected TranscodingError");
        } catch (const es::TranscodingError &e) {
            QVERIFY2(e.message().contains(QLatin1String("originator_topic")), qPrintable(e.message()));
        }
    }

    void eventClassDescriptor()
    {
        const es::EventClass &cls = Box::Filled::staticEventClass();
        QCOMPARE(cls.topic, QStringLiteral("tests.domainevent:Box.Filled"));
        QCOMPARE(cls.classVersion, 1);
        QVERIFY(cls.upcasters.empty());
        QVERIFY(!cls.isCreated);
        QVERIFY(Box::Packed::staticEventClass().isCreated);
        QVERIFY(*cls.type == typeid(Box::Filled));
        const std::shared_ptr<es::DomainEvent> made = cls.make();
        QVERIFY(dynamic_cast<Box::Filled *>(made.get()));
        QCOMPARE(&made->eventClass(), &cls);
        QCOMPARE(made->topic(), cls.topic);
    }

    void eventsAreAppliedInOrder()
    {
        // A created event, then field-ful and field-less ones, through the store format and back.
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        std::vector<es::DomainEventPtr> events{
            mapper.toDomainEvent(record(1, "tests.domainevent:Box.Packed",
                                        QByteArray("{\"timestamp\": ") + WhenJson
                                            + ", \"originator_topic\": \"tests.domainevent:Box\", \"label\": \"books\"}")),
            mapper.toDomainEvent(record(2, "tests.domainevent:Box.Filled", FilledJson)),
            mapper.toDomainEvent(record(3, "tests.domainevent:Box.Sealed", QByteArray("{\"timestamp\": ") + WhenJson + "}")),
        };
        auto box = es::aggregate_cast<Box>(es::project(nullptr, events));
        QCOMPARE(box->label, QStringLiteral("books"));
        QCOMPARE(box->fills, 1);
        QCOMPARE(box->version(), 3);
    }
};

QTEST_GUILESS_MAIN(TestDomainEvent)
#include "tst_domainevent.moc"
