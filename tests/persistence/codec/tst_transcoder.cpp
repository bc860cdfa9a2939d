// es::Codec and JSONTranscoder: every value type written as Python's JSONTranscoder writes it
// ({"_type_": …, "_data_": …} for the custom ones) and read back to the same value; custom
// transcodings registered by name; wrong or unknown _type_ names reported by name.
#include "es/codec.h"
#include "es/errors.h"
#include "es/transcoder.h"

#include <QtTest>

#include <limits>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

namespace {

// Python's test_invoice.py Person, transcoded by PersonAsDict (name "person_as_dict").
struct Person
{
    QString name;
    QString address;
    bool operator==(const Person &o) const { return name == o.name && address == o.address; }
};

// A custom type holding custom and built-in types in its _data_.
struct Delivery
{
    Person to;
    es::Decimal fee;
    es::Timestamp at;
    std::vector<Person> parcelsFor;
    std::optional<QUuid> tracking;
};

} // namespace

namespace es {

template<> struct Transcoding<Person>
{
    static constexpr std::string_view name = "person_as_dict";
    static void encode(es::json::Writer &w, const Person &p)
    {
        w.beginObject();
        w.member("name", p.name);
        w.member("address", p.address);
        w.endObject();
    }
    static Person decode(const es::json::Node &data)
    {
        if (!data.isObject())
            throw es::TranscodingError(QStringLiteral("person_as_dict: expected an object"));
        return Person {es::decodeValue<QString>(data["name"]), es::decodeValue<QString>(data["address"])};
    }
};

template<> struct Transcoding<Delivery>
{
    static constexpr std::string_view name = "delivery";
    static void encode(es::json::Writer &w, const Delivery &d)
    {
        w.beginObject();
        w.key("to");
        es::encodeValue(w, d.to);
        w.key("fee");
        es::encodeValue(w, d.fee);
        w.key("at");
        es::encodeValue(w, d.at);
        w.key("parcels_for");
        es::encodeValue(w, d.parcelsFor);
        w.key("tracking");
        es::encodeValue(w, d.tracking);
        w.endObject();
    }
    static Delivery decode(const es::json::Node &data)
    {
        Delivery d;
        d.to = es::decodeValue<Person>(data["to"]);
        d.fee = es::decodeValue<es::Decimal>(data["fee"]);
        d.at = es::decodeValue<es::Timestamp>(data["at"]);
        d.parcelsFor = es::decodeValue<std::vector<Person>>(data["parcels_for"]);
        d.tracking = es::decodeValue<std::optional<QUuid>>(data["tracking"]);
        return d;
    }
};

} // namespace es

namespace {

template<typename T> QByteArray encode(const T &value)
{
    std::string out;
    es::json::Writer w(out);
    es::encodeValue(w, value);
    return QByteArray(out.data(), static_cast<qsizetype>(out.size()));
}

template<typename T> T decode(const QByteArray &text)
{
    const es::json::Document doc
        = es::json::Document::parse(std::string_view(text.constData(), static_cast<size_t>(text.size())));
    return es::decodeValue<T>(doc.root());
}

// The TranscodingError message decoding text as T gives, or an empty string when none.
template<typename T> QString decodeError(const QByteArray &text)
{
    try {
        decode<T>(text);
    } catch (const es::TranscodingError &e) {
        return e.message();
    }
    return {};
}

} // namespace

class TestTranscoder : public QObject
{
    Q_OBJECT
private slots:
    // --- built-in custom types -------------------------------------------------------------------

    void uuidHex()
    {
        const QUuid id = es::uuid::fromString("973a34cf-d943-48b2-8578-41bccb3657ec");
        const QByteArray text = encode(id);
        QCOMPARE(text, QByteArray(R"({"_type_": "uuid_hex", "_data_": "973a34cfd94348b2857841bccb3657ec"})"));
        QCOMPARE(decode<QUuid>(text), id);
        // Python's UUID() also reads upper case and dashes in _data_.
        QCOMPARE(decode<QUuid>(R"({"_type_": "uuid_hex", "_data_": "973A34CF-D943-48B2-8578-41BCCB3657EC"})"),
                 id);
        QCOMPARE(decode<QUuid>(encode(QUuid())), QUuid());
        for (int i = 0; i < 100; ++i) {
            const QUuid r = es::uuid::v4();
            QCOMPARE(decode<QUuid>(encode(r)), r);
        }
        QVERIFY(decodeError<QUuid>(R"({"_type_": "uuid_hex", "_data_": "not-a-uuid"})")
                    .contains(QLatin1String("not-a-uuid")));
        QVERIFY(!decodeError<QUuid>(R"({"_type_": "uuid_hex", "_data_": 5})").isEmpty());
    }

    void decimalStr_data()
    {
        QTest::addColumn<QByteArray>("text"); // Python's str(Decimal(text)), which is text itself
        for (const char *s :
             {"149.50", "-50.5", "0.00", "1E+2", "-0", "0E-7", "1.23E-7", "123456789012345678901234567890.12",
              "Infinity", "-Infinity", "NaN", "426", "1507.52"})
            QTest::newRow(s) << QByteArray(s);
    }
    void decimalStr()
    {
        QFETCH(QByteArray, text);
        const es::Decimal d
            = es::Decimal::fromString(std::string_view(text.constData(), static_cast<size_t>(text.size())));
        const QByteArray json = encode(d);
        QCOMPARE(json, "{\"_type_\": \"decimal_str\", \"_data_\": \"" + text + "\"}");
        const es::Decimal back = decode<es::Decimal>(json);
        QVERIFY(back.isIdenticalTo(d));
        QCOMPARE(back.toString(), QString::fromLatin1(text));
    }
    void decimalStrNormalisesAsPython()
    {
        // Python: str(Decimal("1e3")) == "1E+3", str(Decimal(".5")) == "0.5", str(Decimal("+7.0")) == "7.0".
        QCOMPARE(encode(decode<es::Decimal>(R"({"_type_": "decimal_str", "_data_": "1e3"})")),
                 QByteArray(R"({"_type_": "decimal_str", "_data_": "1E+3"})"));
        QCOMPARE(decode<es::Decimal>(R"({"_type_": "decimal_str", "_data_": ".5"})").toString(),
                 QStringLiteral("0.5"));
        QCOMPARE(decode<es::Decimal>(R"({"_type_": "decimal_str", "_data_": "+7.0"})").toString(),
                 QStringLiteral("7.0"));
        QVERIFY(decodeError<es::Decimal>(R"({"_type_": "decimal_str", "_data_": "12,5"})")
                    .contains(QLatin1String("12,5")));
    }

    void datetimeIso_data()
    {
        QTest::addColumn<QByteArray>("iso"); // Python's isoformat()
        QTest::addColumn<bool>("aware");
        QTest::newRow("aware UTC") << QByteArray("2026-11-28T16:33:09.485709+00:00") << true;
        QTest::newRow("aware, no microseconds") << QByteArray("2026-11-28T16:33:09+00:00") << true;
        QTest::newRow("aware, one microsecond, +05:30")
            << QByteArray("2026-11-28T16:33:09.000001+05:30") << true;
        QTest::newRow("aware -08:00") << QByteArray("2026-11-28T16:33:09-08:00") << true;
        QTest::newRow("naive") << QByteArray("2026-11-28T16:33:09.485709") << false;
        QTest::newRow("naive, no microseconds") << QByteArray("2021-01-01T00:00:00") << false;
        QTest::newRow("datetime.min") << QByteArray("0001-01-01T00:00:00") << false;
        QTest::newRow("datetime.max") << QByteArray("9999-12-31T23:59:59.999999") << false;
        QTest::newRow("leap day") << QByteArray("2024-02-29T12:00:00.5+00:00") << true;
    }
    void datetimeIso()
    {
        QFETCH(QByteArray, iso);
        QFETCH(bool, aware);
        const QByteArray json = "{\"_type_\": \"datetime_iso\", \"_data_\": \"" + iso + "\"}";
        const es::Timestamp t = decode<es::Timestamp>(json);
        QCOMPARE(t.isAware(), aware); // naive stays naive
        QByteArray expected = json;
        if (iso == "2024-02-29T12:00:00.5+00:00") // Python writes 6 digits: .500000
            expected = R"({"_type_": "datetime_iso", "_data_": "2024-02-29T12:00:00.500000+00:00"})";
        QCOMPARE(encode(t), expected);
        QVERIFY(decode<es::Timestamp>(encode(t)).isIdenticalTo(t));
    }
    void datetimeIsoFromParts()
    {
        const es::Timestamp utc = es::Timestamp::fromParts(2026, 11, 28, 16, 33, 9, 485709, 0);
        QCOMPARE(encode(utc),
                 QByteArray(R"({"_type_": "datetime_iso", "_data_": "2026-11-28T16:33:09.485709+00:00"})"));
        const es::Timestamp naive = es::Timestamp::fromParts(2026, 11, 28, 16, 33, 9, 485709);
        QCOMPARE(encode(naive),
                 QByteArray(R"({"_type_": "datetime_iso", "_data_": "2026-11-28T16:33:09.485709"})"));
        const es::Timestamp now = es::Timestamp::now();
        QVERIFY(now.isAware());
        QVERIFY(decode<es::Timestamp>(encode(now)).isIdenticalTo(now));
        QVERIFY(decodeError<es::Timestamp>(R"({"_type_": "datetime_iso", "_data_": "2026-13-01T00:00:00"})")
                    .contains(QLatin1String("2026-13-01")));
    }

    // --- plain values ----------------------------------------------------------------------------

    void scalars()
    {
        QCOMPARE(encode(true), QByteArray("true"));
        QCOMPARE(decode<bool>("false"), false);
        QCOMPARE(encode(42), QByteArray("42"));
        QCOMPARE(decode<int>("-42"), -42);
        QCOMPARE(encode(std::numeric_limits<qint64>::max()), QByteArray("9223372036854775807"));
        QCOMPARE(decode<qint64>("-9223372036854775808"), std::numeric_limits<qint64>::min());
        QCOMPARE(encode(std::numeric_limits<unsigned long long>::max()), QByteArray("18446744073709551615"));
        QCOMPARE(decode<unsigned long long>("18446744073709551615"),
                 std::numeric_limits<unsigned long long>::max());
        QCOMPARE(decode<unsigned long long>("9223372036854775808"), 9223372036854775808ULL);
        QCOMPARE(encode(0.1), QByteArray("0.1"));
        QCOMPARE(encode(2.0), QByteArray("2.0"));
        QCOMPARE(decode<double>("2"), 2.0); // an int where a float is expected is fine, as in Python
        QCOMPARE(decode<double>("1e-7"), 1e-7);
        QCOMPARE(encode(QStringLiteral("text")), QByteArray("\"text\""));
        QCOMPARE(encode(std::string("text")), QByteArray("\"text\""));
        QCOMPARE(decode<std::string>("\"a\\\"b\""), std::string("a\"b"));
        QCOMPARE(encode(QByteArray("bytes as text")), QByteArray("\"bytes as text\""));
        QCOMPARE(decode<QByteArray>("\"caf\\u00e9\""), QByteArray("caf\xc3\xa9"));
    }

    void integerRangeChecked_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("type");
        QTest::newRow("int overflow") << QByteArray("3000000000") << QStringLiteral("int");
        QTest::newRow("int underflow") << QByteArray("-3000000000") << QStringLiteral("int");
        QTest::newRow("unsigned negative") << QByteArray("-1") << QStringLiteral("unsigned");
        QTest::newRow("qint64 beyond") << QByteArray("9223372036854775808") << QStringLiteral("qint64");
        QTest::newRow("u64 beyond") << QByteArray("18446744073709551616") << QStringLiteral("u64");
        QTest::newRow("u64 negative") << QByteArray("-5") << QStringLiteral("u64");
        QTest::newRow("float for int") << QByteArray("1.0") << QStringLiteral("int");
        QTest::newRow("string for int") << QByteArray("\"1\"") << QStringLiteral("int");
        QTest::newRow("bool for int") << QByteArray("true") << QStringLiteral("int");
        QTest::newRow("int for bool") << QByteArray("1") << QStringLiteral("bool");
        QTest::newRow("null for string") << QByteArray("null") << QStringLiteral("QString");
        QTest::newRow("string for double") << QByteArray("\"1.5\"") << QStringLiteral("double");
    }
    void integerRangeChecked()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, type);
        QString error;
        if (type == QLatin1String("int"))
            error = decodeError<int>(text);
        else if (type == QLatin1String("unsigned"))
            error = decodeError<unsigned>(text);
        else if (type == QLatin1String("qint64"))
            error = decodeError<qint64>(text);
        else if (type == QLatin1String("u64"))
            error = decodeError<unsigned long long>(text);
        else if (type == QLatin1String("bool"))
            error = decodeError<bool>(text);
        else if (type == QLatin1String("QString"))
            error = decodeError<QString>(text);
        else
            error = decodeError<double>(text);
        QVERIFY2(error.startsWith(QLatin1String("expected ")), qPrintable(error));
    }

    void optionals()
    {
        QCOMPARE(encode(std::optional<int>()), QByteArray("null"));
        QCOMPARE(encode(std::optional<int>(3)), QByteArray("3"));
        QCOMPARE(decode<std::optional<int>>("null"), std::optional<int>());
        QCOMPARE(
            decode<std::optional<es::Decimal>>(R"({"_type_": "decimal_str", "_data_": "1.5"})")->toString(),
            QStringLiteral("1.5"));
        QCOMPARE(encode(std::optional<QUuid>()), QByteArray("null"));
        // A missing member reads as None.
        const es::json::Document doc = es::json::Document::parse(R"({"a": 1})");
        QVERIFY(!es::decodeValue<std::optional<int>>(doc.root()["b"]).has_value());
    }

    void lists()
    {
        const std::vector<int> ints {1, 2, 3};
        QCOMPARE(encode(ints), QByteArray("[1, 2, 3]"));
        QCOMPARE(decode<std::vector<int>>("[1, 2, 3]"), ints);
        QCOMPARE(encode(std::vector<int>()), QByteArray("[]"));
        const QStringList names {QStringLiteral("a"), QStringLiteral("\u00e9")};
        QCOMPARE(encode(names), QByteArray(R"(["a", "\u00e9"])"));
        QCOMPARE(decode<QStringList>(encode(names)), names);
        const QList<es::Decimal> amounts {es::Decimal::fromString("1.50"), es::Decimal::fromString("-2")};
        const QByteArray text = encode(amounts);
        QCOMPARE(
            text,
            QByteArray(
                R"([{"_type_": "decimal_str", "_data_": "1.50"}, {"_type_": "decimal_str", "_data_": "-2"}])"));
        const auto back = decode<QList<es::Decimal>>(text);
        QCOMPARE(back.size(), 2);
        QVERIFY(back[0].isIdenticalTo(amounts[0]));
        const std::vector<std::vector<int>> nested {{1}, {}, {2, 3}};
        QCOMPARE(encode(nested), QByteArray("[[1], [], [2, 3]]"));
        QCOMPARE(decode<std::vector<std::vector<int>>>("[[1], [], [2, 3]]"), nested);
        QVERIFY(decodeError<std::vector<int>>("[1, \"2\"]").startsWith(QLatin1String("expected integer")));
        QVERIFY(decodeError<std::vector<int>>("{}").startsWith(QLatin1String("expected array")));
    }

    void dicts()
    {
        const std::map<QString, int> m {{QStringLiteral("b"), 2}, {QStringLiteral("a"), 1}};
        QCOMPARE(encode(m), QByteArray(R"({"a": 1, "b": 2})"));
        QCOMPARE((decode<std::map<QString, int>>(R"({"b": 2, "a": 1})")), m);
        QMap<QString, es::Timestamp> when;
        when.insert(QStringLiteral("\u65e5"), es::Timestamp::fromIsoString("2026-11-28T16:33:09+00:00"));
        const QByteArray text = encode(when);
        QCOMPARE(
            text,
            QByteArray(R"({"\u65e5": {"_type_": "datetime_iso", "_data_": "2026-11-28T16:33:09+00:00"}})"));
        const auto back = decode<QMap<QString, es::Timestamp>>(text);
        QCOMPARE(back.size(), 1);
        QVERIFY(back.value(QStringLiteral("\u65e5")).isIdenticalTo(when.first()));
        QVERIFY((decodeError<std::map<QString, int>>("[]").startsWith(QLatin1String("expected object"))));
    }

    void tuples()
    {
        // Python writes tuples as lists.
        const std::tuple<int, QString, es::Decimal> t {1, QStringLiteral("x"),
                                                       es::Decimal::fromString("2.50")};
        const QByteArray text = encode(t);
        QCOMPARE(text, QByteArray(R"([1, "x", {"_type_": "decimal_str", "_data_": "2.50"}])"));
        const auto back = decode<std::tuple<int, QString, es::Decimal>>(text);
        QCOMPARE(std::get<0>(back), 1);
        QCOMPARE(std::get<1>(back), QStringLiteral("x"));
        QVERIFY(std::get<2>(back).isIdenticalTo(std::get<2>(t)));
        const std::pair<QString, int> p {QStringLiteral("k"), 7};
        QCOMPARE(encode(p), QByteArray(R"(["k", 7])"));
        QCOMPARE((decode<std::pair<QString, int>>(R"(["k", 7])")), p);
        QVERIFY(!(decodeError<std::tuple<int, int>>("[1]").isEmpty()));
        QVERIFY(!(decodeError<std::tuple<int, int>>("[1, 2, 3]").isEmpty()));
        QVERIFY(!(decodeError<std::pair<int, int>>("[1]")).isEmpty());
    }

    void jsonValuePassesThrough()
    {
        const es::json::Value v = es::json::Value::parse(R"({"free": [1, "form", {"x": null}]})");
        QCOMPARE(encode(v), QByteArray(R"({"free": [1, "form", {"x": null}]})"));
        QVERIFY(decode<es::json::Value>(encode(v)) == v);
    }

    // --- non-ASCII text --------------------------------------------------------------------------

    void nonAsciiText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("e acute") << QStringLiteral("caf\u00e9") << QByteArray(R"("caf\u00e9")");
        QTest::newRow("Nihon") << QStringLiteral("\u65e5\u672c") << QByteArray(R"("\u65e5\u672c")");
        QTest::newRow("emoji") << QStringLiteral("\U0001F600 ok") << QByteArray(R"("\ud83d\ude00 ok")");
        QTest::newRow("mixed") << QStringLiteral("Z\u00fcrich \u2192 \u6771\u4eac \U0001F680")
                               << QByteArray(R"("Z\u00fcrich \u2192 \u6771\u4eac \ud83d\ude80")");
    }
    void nonAsciiText()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, json);
        QCOMPARE(encode(text), json);
        QCOMPARE(decode<QString>(json), text);
        const std::string utf8 = text.toStdString();
        QCOMPARE(encode(utf8), json);
        QCOMPARE(decode<std::string>(json), utf8);
        // As a dict key, and inside a custom type.
        std::map<QString, QString> m {{text, text}};
        QCOMPARE(encode(m), "{" + json + ": " + json + "}");
        QCOMPARE((decode<std::map<QString, QString>>(encode(m))), m);
        const Person p {text, text};
        QCOMPARE(decode<Person>(encode(p)), p);
    }

    // --- custom transcodings ---------------------------------------------------------------------

    void customTypeRoundTrip()
    {
        const Person p {QStringLiteral("Oscar the Octopus"), QStringLiteral("Underwater")};
        const QByteArray text = encode(p);
        QCOMPARE(
            text,
            QByteArray(
                R"({"_type_": "person_as_dict", "_data_": {"name": "Oscar the Octopus", "address": "Underwater"}})"));
        QCOMPARE(decode<Person>(text), p);
        QCOMPARE(decode<std::vector<Person>>("[" + text + ", " + text + "]"), (std::vector<Person> {p, p}));
    }

    void nestedCustomType()
    {
        Delivery d;
        d.to = Person {QStringLiteral("Ann"), QStringLiteral("Ulm")};
        d.fee = es::Decimal::fromString("4.90");
        d.at = es::Timestamp::fromIsoString("2026-11-28T16:33:09.485709+00:00");
        d.parcelsFor = {Person {QStringLiteral("Bo"), QStringLiteral("B\u00e4rn")}};
        d.tracking = es::uuid::fromString("4b44e5204c864f44bdc2b0159e80574a");
        const QByteArray text = encode(d);
        QCOMPARE(
            text,
            QByteArray(
                R"({"_type_": "delivery", "_data_": {)"
                R"("to": {"_type_": "person_as_dict", "_data_": {"name": "Ann", "address": "Ulm"}}, )"
                R"("fee": {"_type_": "decimal_str", "_data_": "4.90"}, )"
                R"("at": {"_type_": "datetime_iso", "_data_": "2026-11-28T16:33:09.485709+00:00"}, )"
                R"("parcels_for": [{"_type_": "person_as_dict", "_data_": {"name": "Bo", "address": "B\u00e4rn"}}], )"
                R"("tracking": {"_type_": "uuid_hex", "_data_": "4b44e5204c864f44bdc2b0159e80574a"}}})"));
        const Delivery back = decode<Delivery>(text);
        QCOMPARE(back.to, d.to);
        QVERIFY(back.fee.isIdenticalTo(d.fee));
        QVERIFY(back.at.isIdenticalTo(d.at));
        QCOMPARE(back.parcelsFor, d.parcelsFor);
        QCOMPARE(back.tracking, d.tracking);
        d.tracking.reset();
        QVERIFY(encode(d).endsWith(R"("tracking": null}})"));
        QVERIFY(!decode<Delivery>(encode(d)).tracking.has_value());

        // A wrong _type_ deep inside is reported with its name.
        QByteArray bad = text;
        bad.replace(R"("_type_": "person_as_dict", "_data_": {"name": "Bo")",
                    R"("_type_": "people", "_data_": {"name": "Bo")");
        const QString error = decodeError<Delivery>(bad);
        QVERIFY2(error.contains(QLatin1String("'people'")) && error.contains(QLatin1String("person_as_dict")),
                 qPrintable(error));
    }

    void mismatchedTypeNamed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("found");
        QTest::addColumn<QString>("expected");
        QTest::newRow("decimal for uuid") << QByteArray(R"({"_type_": "decimal_str", "_data_": "1"})")
                                          << QStringLiteral("decimal_str") << QStringLiteral("uuid_hex");
        QTest::newRow("unknown for uuid") << QByteArray(R"({"_type_": "mystery", "_data_": "x"})")
                                          << QStringLiteral("mystery") << QStringLiteral("uuid_hex");
        QTest::newRow("plain value for uuid") << QByteArray("5") << QString() << QStringLiteral("uuid_hex");
        QTest::newRow("plain string for uuid")
            << QByteArray(R"("973a34cfd94348b2857841bccb3657ec")") << QString() << QStringLiteral("uuid_hex");
        QTest::newRow("extra member")
            << QByteArray(R"({"_type_": "uuid_hex", "_data_": "973a34cfd94348b2857841bccb3657ec", "x": 1})")
            << QString() << QStringLiteral("uuid_hex");
        QTest::newRow("no _data_") << QByteArray(R"({"_type_": "uuid_hex"})") << QString()
                                   << QStringLiteral("uuid_hex");
    }
    void mismatchedTypeNamed()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, found);
        QFETCH(QString, expected);
        const QString error = decodeError<QUuid>(text);
        QVERIFY2(!error.isEmpty(), "accepted");
        QVERIFY2(error.contains(expected), qPrintable(error));
        if (!found.isEmpty())
            QVERIFY2(error.contains(QLatin1Char('\'') + found + QLatin1Char('\'')), qPrintable(error));
    }
    void unknownTypeForCustom()
    {
        const QString error = decodeError<Person>(R"({"_type_": "nobody", "_data_": {}})");
        QVERIFY2(error.contains(QLatin1String("'nobody'")) && error.contains(QLatin1String("person_as_dict")),
                 qPrintable(error));
        QVERIFY(decodeError<es::Decimal>(R"({"_type_": "datetime_iso", "_data_": "2026-11-28T16:33:09"})")
                    .contains(QLatin1String("'datetime_iso'")));
        QVERIFY(decodeError<es::Timestamp>(R"({"_type_": "decimal_str", "_data_": "1"})")
                    .contains(QLatin1String("'decimal_str'")));
    }

    // --- JSONTranscoder --------------------------------------------------------------------------

    void registeredNames()
    {
        es::JSONTranscoder t;
        QCOMPARE(t.names(),
                 (QStringList {QStringLiteral("datetime_iso"), QStringLiteral("decimal_str"),
                               QStringLiteral("uuid_hex")}));
        QVERIFY(!t.isRegistered(QStringLiteral("person_as_dict")));
        t.registerTranscoding<Person>();
        t.registerTranscoding<Delivery>();
        t.registerName(QStringLiteral("status_str"));
        t.registerTranscoding<Person>(); // twice is harmless
        QCOMPARE(t.names(),
                 (QStringList {QStringLiteral("datetime_iso"), QStringLiteral("decimal_str"),
                               QStringLiteral("delivery"), QStringLiteral("person_as_dict"),
                               QStringLiteral("status_str"), QStringLiteral("uuid_hex")}));
        QVERIFY(t.isRegistered(QStringLiteral("person_as_dict")));
    }

    void transcoderEncodeDecode()
    {
        es::JSONTranscoder t;
        t.registerTranscoding<Person>();
        const QByteArray state
            = R"({"timestamp": {"_type_": "datetime_iso", "_data_": "2026-11-28T16:33:10.670481+00:00"}, )"
              R"("issued_to": {"_type_": "person_as_dict", "_data_": {"name": "Oscar", "address": "Underwater"}}, )"
              R"("note": "\u00e9", "n": 18446744073709551616})";
        const es::json::Value v = t.decode(state);
        QVERIFY(v.isObject());
        QCOMPARE(v.find("issued_to")->find("_type_")->toQString(),
                 QStringLiteral("person_as_dict")); // wrappers kept
        QCOMPARE(t.encode(v), state);
        QCOMPARE(t.firstUnknownType(v), QString());
    }

    void transcoderRejectsUnknownType_data()
    {
        QTest::addColumn<QByteArray>("state");
        QTest::addColumn<QString>("unknown");
        QTest::newRow("top level") << QByteArray(R"({"_type_": "send_method_str", "_data_": "EMAIL"})")
                                   << QStringLiteral("send_method_str");
        QTest::newRow("in a member") << QByteArray(
            R"({"sent_via": {"_type_": "send_method_str", "_data_": "EMAIL"}})")
                                     << QStringLiteral("send_method_str");
        QTest::newRow("in a list") << QByteArray(R"({"xs": [1, {"_type_": "leg", "_data_": {}}]})")
                                   << QStringLiteral("leg");
        QTest::newRow("inside a known type's data") << QByteArray(
            R"({"p": {"_type_": "person_as_dict", "_data_": {"name": {"_type_": "status_str", "_data_": "X"}}}})")
                                                    << QStringLiteral("status_str");
        QTest::newRow("inside an unknown, inner first as Python")
            << QByteArray(R"({"_type_": "outer", "_data_": {"_type_": "inner", "_data_": 1}})")
            << QStringLiteral("inner");
        QTest::newRow("number as _type_")
            << QByteArray(R"({"_type_": 5, "_data_": 1})") << QStringLiteral("5");
        QTest::newRow("null as _type_")
            << QByteArray(R"({"_type_": null, "_data_": 1})") << QStringLiteral("null");
        QTest::newRow("NaN as _type_")
            << QByteArray(R"({"_type_": NaN, "_data_": 1})") << QStringLiteral("(a float)");
    }
    void transcoderRejectsUnknownType()
    {
        QFETCH(QByteArray, state);
        QFETCH(QString, unknown);
        es::JSONTranscoder t;
        t.registerTranscoding<Person>();
        try {
            t.decode(state);
            QFAIL("an unknown _type_ was accepted");
        } catch (const es::TranscodingError &e) {
            QVERIFY2(e.message().contains(QLatin1Char('\'') + unknown + QLatin1Char('\'')),
                     qPrintable(e.message()));
        }
        const es::json::Value v
            = es::json::Value::parse(std::string_view(state.constData(), static_cast<size_t>(state.size())));
        QCOMPARE(t.firstUnknownType(v), unknown);
    }

    void transcoderIgnoresNonWrappers()
    {
        // Python only decodes dicts whose keys are exactly {"_type_", "_data_"}.
        es::JSONTranscoder t;
        QCOMPARE(t.decode(R"({"_type_": "mystery", "_data_": 1, "other": 2})").size(), size_t(3));
        QCOMPARE(t.decode(R"({"_type_": "mystery"})").size(), size_t(1));
        QCOMPARE(t.decode(R"({"_data_": "x", "type": "mystery"})").size(), size_t(2));
    }

    void transcoderRejectsBadJson()
    {
        es::JSONTranscoder t;
        try {
            t.decode(R"({"a": 1)");
            QFAIL("accepted");
        } catch (const es::TranscodingError &e) {
            QVERIFY2(e.message().contains(QLatin1String("offset 7")), qPrintable(e.message()));
        }
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError,
                                 t.encode(es::json::Value(std::numeric_limits<double>::quiet_NaN())));
    }
};

QTEST_GUILESS_MAIN(TestTranscoder)
#include "tst_transcoder.moc"
