// es::json against Python's json module: the writer must produce exactly what json.dumps()
// produces (the bytes of every stored state), and the parser must accept what json.loads()
// accepts and refuse the rest with an offset. Expected texts come from Python 3.11.
#include "es/errors.h"
#include "es/json.h"

#include <QRandomGenerator>
#include <QtTest>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

using es::json::Document;
using es::json::Node;
using es::json::Value;
using es::json::Writer;

namespace {

QByteArray qb(const std::string &s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

std::string writeString(std::string_view utf8, Writer::Options options = {})
{
    std::string out;
    Writer w(out, options);
    w.string(utf8);
    return out;
}

std::string writeQString(const QString &text, Writer::Options options = {})
{
    std::string out;
    Writer w(out, options);
    w.string(text);
    return out;
}

double fromBits(quint64 bits)
{
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
}

quint64 toBits(double d)
{
    quint64 bits;
    std::memcpy(&bits, &d, sizeof d);
    return bits;
}

// The parser's error for text, or an empty string when it parses.
std::string parseError(std::string_view text)
{
    Document doc;
    std::string error;
    if (doc.tryParse(text, &error))
        return {};
    return error.empty() ? std::string("(no message)") : error;
}

} // namespace

class TestJson : public QObject
{
    Q_OBJECT
private slots:
    // --- writer: strings ------------------------------------------------------------------------

    void stringEscapes_data()
    {
        QTest::addColumn<QByteArray>("utf8");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << QByteArray("abc") << QByteArray("\"abc\"");
        QTest::newRow("empty") << QByteArray("") << QByteArray("\"\"");
        QTest::newRow("quote and backslash") << QByteArray("a\"b\\c") << QByteArray("\"a\\\"b\\\\c\"");
        QTest::newRow("slash not escaped") << QByteArray("a/b") << QByteArray("\"a/b\"");
        QTest::newRow("short escapes") << QByteArray("\b\f\n\r\t") << QByteArray("\"\\b\\f\\n\\r\\t\"");
        QTest::newRow("NUL") << QByteArray("a\0b", 3) << QByteArray("\"a\\u0000b\"");
        QTest::newRow("control 1f") << QByteArray("\x1f") << QByteArray("\"\\u001f\"");
        QTest::newRow("control 01") << QByteArray("\x01") << QByteArray("\"\\u0001\"");
        QTest::newRow("DEL") << QByteArray("\x7f") << QByteArray("\"\\u007f\"");
        QTest::newRow("tilde kept") << QByteArray("~") << QByteArray("\"~\"");
        QTest::newRow("e acute") << QByteArray("\xc3\xa9") << QByteArray("\"\\u00e9\"");
        QTest::newRow("Nihon, lower-case hex")
            << QByteArray("\xe6\x97\xa5\xe6\x9c\xac") << QByteArray("\"\\u65e5\\u672c\"");
        QTest::newRow("emoji, surrogate pair")
            << QByteArray("\xf0\x9f\x98\x80") << QByteArray("\"\\ud83d\\ude00\"");
        QTest::newRow("last code point")
            << QByteArray("\xf4\x8f\xbf\xbf") << QByteArray("\"\\udbff\\udfff\"");
        QTest::newRow("U+FFFF") << QByteArray("\xef\xbf\xbf") << QByteArray("\"\\uffff\"");
        QTest::newRow("U+0080") << QByteArray("\xc2\x80") << QByteArray("\"\\u0080\"");
        QTest::newRow("mixed") << QByteArray("Caf\xc3\xa9 \"\xe2\x82\xac\"\n")
                               << QByteArray("\"Caf\\u00e9 \\\"\\u20ac\\\"\\n\"");
    }
    void stringEscapes()
    {
        QFETCH(QByteArray, utf8);
        QFETCH(QByteArray, expected);
        const std::string_view in(utf8.constData(), static_cast<size_t>(utf8.size()));
        QCOMPARE(qb(writeString(in)), expected);
        // The QString path writes the same bytes.
        QCOMPARE(qb(writeQString(QString::fromUtf8(utf8))), expected);
        // And the parser gives the text back.
        const Value back
            = Value::parse(std::string_view(expected.constData(), static_cast<size_t>(expected.size())));
        QVERIFY(back.isString());
        QCOMPARE(qb(back.string()), utf8);
    }

    void withoutEnsureAscii()
    {
        Writer::Options o;
        o.ensureAscii = false;
        // json.dumps(..., ensure_ascii=False): UTF-8 as is, DEL as is, control characters escaped.
        QCOMPARE(qb(writeString("\xc3\xa9\x7f\xf0\x9f\x98\x80\n\x01", o)),
                 QByteArray("\"\xc3\xa9\x7f\xf0\x9f\x98\x80\\n\\u0001\""));
        QCOMPARE(qb(writeQString(QStringLiteral("\u00e9\U0001F600\x7f"), o)),
                 QByteArray("\"\xc3\xa9\xf0\x9f\x98\x80\x7f\""));
    }

    // Python strings cannot hold invalid UTF-8, so the writer refuses it instead of writing
    // bytes json.loads() would reject (or escapes of garbage).
    void invalidUtf8IsRefused_data()
    {
        QTest::addColumn<QByteArray>("utf8");
        QTest::newRow("lone continuation") << QByteArray("a\x80z");
        QTest::newRow("truncated 2-byte") << QByteArray("a\xc3");
        QTest::newRow("truncated 3-byte") << QByteArray("\xe6\x97");
        QTest::newRow("truncated 4-byte, then ASCII") << QByteArray("\xf0\x9f\x98zz");
        QTest::newRow("overlong slash") << QByteArray("\xc0\xaf");
        QTest::newRow("overlong 3-byte") << QByteArray("\xe0\x80\xaf");
        QTest::newRow("beyond U+10FFFF") << QByteArray("\xf4\x90\x80\x80");
        QTest::newRow("F5 lead") << QByteArray("\xf5\x80\x80\x80");
        QTest::newRow("FF") << QByteArray("\xff");
    }
    void invalidUtf8IsRefused()
    {
        QFETCH(QByteArray, utf8);
        const std::string_view in(utf8.constData(), static_cast<size_t>(utf8.size()));
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError, writeString(in));
        Writer::Options o;
        o.ensureAscii = false;
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError, writeString(in, o));
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError, Value(std::string(in)).toJson());
        std::string out;
        Writer w(out);
        w.beginObject();
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError, w.key(in));
    }

    // json.loads('"\\ud800"') keeps a lone surrogate; json.dumps writes it back the same way.
    void loneSurrogatesRoundTrip()
    {
        const Value v = Value::parse(R"({"s": "\ud800", "t": "a\udc00b"})");
        QCOMPARE(qb(v.toJson()), QByteArray(R"({"s": "\ud800", "t": "a\udc00b"})"));
        // A pair written as escapes is one character beyond the BMP.
        const Value pair = Value::parse(R"("\ud83d\ude00")");
        QCOMPARE(qb(pair.string()), QByteArray("\xf0\x9f\x98\x80"));
        QCOMPARE(qb(pair.toJson()), QByteArray(R"("\ud83d\ude00")"));
        // Upper-case hex is read too.
        QCOMPARE(qb(Value::parse(R"("\u00E9")").string()), QByteArray("\xc3\xa9"));
    }

    // --- writer: structure ----------------------------------------------------------------------

    void separators()
    {
        const Value v = Value::parse(R"({"a":1,"b":[1,2,{}],"c":{"d":null,"e":[]},"f":true,"g":false})");
        QCOMPARE(
            qb(v.toJson()),
            QByteArray(R"({"a": 1, "b": [1, 2, {}], "c": {"d": null, "e": []}, "f": true, "g": false})"));
        Writer::Options compact;
        compact.compact = true;
        QCOMPARE(qb(v.toJson(compact)),
                 QByteArray(R"({"a":1,"b":[1,2,{}],"c":{"d":null,"e":[]},"f":true,"g":false})"));
    }

    void streamingWriter()
    {
        std::string out;
        Writer w(out);
        w.beginObject();
        w.member("name", QStringLiteral("Alice"));
        w.member("n", 3);
        w.member("x", 0.5);
        w.key("list");
        w.beginArray();
        w.null();
        w.boolean(true);
        w.rawNumber("123456789012345678901234567890");
        w.raw("{\"pre\": \"encoded\"}");
        w.unsignedInteger(18446744073709551615ULL);
        w.endArray();
        w.key(QStringView(u"k\u00e9y"));
        w.string("v");
        w.endObject();
        QCOMPARE(
            qb(out),
            QByteArray(
                R"({"name": "Alice", "n": 3, "x": 0.5, "list": [null, true, 123456789012345678901234567890, {"pre": "encoded"}, 18446744073709551615], "k\u00e9y": "v"})"));
    }

    void sortKeys()
    {
        Value v = Value::emptyObject();
        v.insert("b", 1);
        v.insert("a", Value(Value::Array {true, false, nullptr}));
        v.insert("\xc3\xa9", "x");
        v.insert("Z", 0);
        v.insert("_type_", 1);
        v.insert("_data_", 2);
        v.insert("\xef\xbf\xbf", 1);
        v.insert("\xf0\x9f\x98\x80", 2);
        Writer::Options o;
        o.sortKeys = true;
        // json.dumps(…, sort_keys=True): code point order, so U+FFFF before U+1F600.
        QCOMPARE(
            qb(v.toJson(o)),
            QByteArray(
                R"({"Z": 0, "_data_": 2, "_type_": 1, "a": [true, false, null], "b": 1, "\u00e9": "x", "\uffff": 1, "\ud83d\ude00": 2})"));
        // Without sortKeys the insertion order stays.
        QVERIFY(qb(v.toJson()).startsWith(R"({"b": 1, "a": )"));
        // Nested objects are sorted too, arrays keep their order.
        const Value nested = Value::parse(R"({"outer": {"z": 1, "a": 2}, "list": [{"y": 1, "x": 2}]})");
        QCOMPARE(qb(nested.toJson(o)),
                 QByteArray(R"({"list": [{"x": 2, "y": 1}], "outer": {"a": 2, "z": 1}})"));
    }

    // --- numbers --------------------------------------------------------------------------------

    void pythonFloatRepr_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("0.1") << 0.1 << QByteArray("0.1");
        QTest::newRow("1.0") << 1.0 << QByteArray("1.0");
        QTest::newRow("1e16") << 1e16 << QByteArray("1e+16");
        QTest::newRow("1e15") << 1e15 << QByteArray("1000000000000000.0");
        QTest::newRow("1.5e-05") << 1.5e-05 << QByteArray("1.5e-05");
        QTest::newRow("0.0001") << 0.0001 << QByteArray("0.0001");
        QTest::newRow("1e-05") << 1e-05 << QByteArray("1e-05");
        QTest::newRow("0.0") << 0.0 << QByteArray("0.0");
        QTest::newRow("-0.0") << -0.0 << QByteArray("-0.0");
        QTest::newRow("123.456") << 123.456 << QByteArray("123.456");
        QTest::newRow("-1.5") << -1.5 << QByteArray("-1.5");
        QTest::newRow("100.0") << 100.0 << QByteArray("100.0");
        QTest::newRow("5e-324") << 5e-324 << QByteArray("5e-324");
        QTest::newRow("max") << 1.7976931348623157e+308 << QByteArray("1.7976931348623157e+308");
        QTest::newRow("-max") << -1.7976931348623157e+308 << QByteArray("-1.7976931348623157e+308");
        QTest::newRow("1e22") << 1e22 << QByteArray("1e+22");
        QTest::newRow("1e-07") << 1e-07 << QByteArray("1e-07");
        QTest::newRow("2**53") << 9007199254740992.0 << QByteArray("9007199254740992.0");
        QTest::newRow("0.1+0.2") << (0.1 + 0.2) << QByteArray("0.30000000000000004");
        QTest::newRow("1e100") << 1e100 << QByteArray("1e+100");
        QTest::newRow("1.2345678901234568e+17")
            << 123456789012345678.0 << QByteArray("1.2345678901234568e+17");
        // Random bit patterns and magnitudes, printed by Python 3.11's repr().
        static const struct
        {
            quint64 bits;
            const char *repr;
        } python[] = {
            {0x1d52490575ffc53dULL, "1.9380415085192167e-167"},
            {0xe2a214e8bbe9c675ULL, "-1.332804037224455e+167"},
            {0x186c39e8c7bb69f6ULL, "4.9493173605372906e-191"},
            {0x03aa3897fcf4c6b6ULL, "5.255143716507682e-291"},
            {0x64d4748ca3c77ebfULL, "5.180631436093284e+177"},
            {0x5c22c46963e968fdULL, "6.820375892677391e+135"},
            {0x8c656018eee38dc1ULL, "-5.971005178319042e-249"},
            {0xb2609a0bdd2b7550ULL, "-4.926343136918145e-66"},
            {0x3b9be05d0e8e2329ULL, "1.4757653835245161e-21"},
            {0x5bd0f521be84762bULL, "1.9258439387140684e+134"},
            {0xa4e0689e1888df20ULL, "-4.623438373831848e-131"},
            {0x7ea3ef27e2e90528ULL, "1.0679834707179594e+302"},
            {0x7b81e5e0309e6043ULL, "8.516658375865893e+286"},
            {0x5c3981a844ab26d8ULL, "1.8539092892264819e+136"},
            {0x99ba695ab78d8387ULL, "-9.712172862947304e-185"},
            {0x0bcc0d1cd5a93145ULL, "7.652184123149074e-252"},
            {0x1f95e90587134be1ULL, "1.5958402330133855e-156"},
            {0xe08137f33a087ec9ULL, "-7.387618545346326e+156"},
            {0x694472d1a7d32946ULL, "1.2228377948767266e+199"},
            {0x6b8816776b5acb73ULL, "9.898819496730206e+209"},
            {0x56dfd21e9d1f5c01ULL, "2.9892982390215892e+110"},
            {0xc9ce5ddc2a52183eULL, "-3.46725743064131e+47"},
            {0xa98647fe161b80deULL, "-1.1859067919162248e-108"},
            {0xf41fae4a5518983dULL, "-2.2682600234233765e+251"},
            {0x3933dffe9f578985ULL, "3.8277817161536664e-33"},
            {0x6cc3ba5031835d1dULL, "8.500906902200544e+215"},
            {0x24e166c70794a750ULL, "4.903181198815927e-131"},
            {0xdbc01b3d2ea2038cULL, "-9.1459038375876e+133"},
            {0xfc434d6e6054aa24ULL, "-3.7621717417564674e+290"},
            {0x60b3bedce0ec0deaULL, "6.777462962898519e+157"},
            {0x4227e820e6a60526ULL, "51339359059.010056"},
            {0xa0d0861e4f7e2353ULL, "-1.2619865745588306e-150"},
            {0xf86ed285da543b3dULL, "-1.3026625237994574e+272"},
            {0xb3c478b638e6d772ULL, "-2.5478929401608068e-59"},
            {0x8c529b4839c340b3ULL, "-2.598782534234485e-249"},
            {0x449ab16681866856ULL, "3.1513497147075977e+22"},
            {0xf78e1ffad9cf7a0cULL, "-7.770913692502264e+267"},
            {0x78e8b5bcefb73578ULL, "2.6734822464877076e+274"},
            {0xfef12c37ca6cd66cULL, "-2.944115846096178e+303"},
            {0xf03198c45f952f9cULL, "-2.731926718241779e+232"},
            {0x39b065ab16bb0e61ULL, "8.084415105605657e-31"},
            {0x3a3097ccc8f9bb16ULL, "2.094327066976376e-28"},
            {0x3af042e458be9236ULL, "8.40689340158885e-25"},
            {0x3b7155957c7be0c7ULL, "2.2941771212946116e-22"},
            {0x3c303dcb1caffd72ULL, "8.804470007925657e-19"},
            {0x3c98c6716e405072ULL, "8.595613219339782e-17"},
            {0x3d3acc68060590c4ULL, "9.520726348805718e-14"},
            {0x3df8f4cb7811d1a7ULL, "3.631609388814229e-10"},
            {0x3ea911ecd4760a40ULL, "7.471448179449672e-07"},
            {0x3ede3e71724b4f5cULL, "7.210712088496218e-06"},
            {0x3febcbc753a98099ULL, "0.8686253198648216"},
            {0x401cba16448143afULL, "7.181725569142983"},
            {0x41120b406505e6f6ULL, "295632.0986553276"},
            {0x41b80b8d5be0568aULL, "403410267.8763205"},
            {0x4260348b7df4b1dcULL, "556808269733.5581"},
            {0x42f50554d2a1c2d2ULL, "369802273758253.1"},
            {0x4391f33ac2680a17ULL, "3.233605311572556e+17"},
            {0x4449df17b07509a8ULL, "9.544882265087615e+20"},
            {0x44a2d8a53fb73cebULL, "4.449950042449347e+22"},
            {0x4586ed83b117e48bULL, "8.869759415153587e+26"},
            {0x46063a4d19684d88ULL, "2.2013286414434674e+29"},
            {0x3fd5555555555555ULL, "0.3333333333333333"},
            {0x3fe5555555555555ULL, "0.6666666666666666"},
            {0x44b52d02c7e14af6ULL, "1e+23"},
            {0x3fd3333333333334ULL, "0.30000000000000004"},
            {0x3f1a36e2eb1c432dULL, "0.0001"},
            {0x3f1a36e2eb1c432cULL, "9.999999999999999e-05"},
            {0x4341c37937e07fffULL, "9999999999999998.0"},
            {0x419d6f3454800000ULL, "123456789.125"},
            {0x0010000000000000ULL, "2.2250738585072014e-308"},
            {0x0000000000000001ULL, "5e-324"},
        };
        for (const auto &p : python)
            QTest::addRow("%s", p.repr) << fromBits(p.bits) << QByteArray(p.repr);
    }
    void pythonFloatRepr()
    {
        QFETCH(double, value);
        QFETCH(QByteArray, expected);
        QCOMPARE(qb(es::json::formatDouble(value)), expected);
        std::string out;
        Writer w(out);
        w.number(value);
        QCOMPARE(qb(out), expected);
        // Read back to the same bits (sign of zero included).
        const Value back
            = Value::parse(std::string_view(expected.constData(), static_cast<size_t>(expected.size())));
        QCOMPARE(back.type(), Value::Type::Double);
        QCOMPARE(toBits(back.toDouble()), toBits(value));
    }

    // Shortest round trip for many random doubles: what Python's repr() guarantees.
    void floatReprRoundTrips()
    {
        QRandomGenerator gen(20261128);
        int checked = 0;
        for (int i = 0; i < 100000; ++i) {
            const double d = fromBits(gen.generate64());
            if (!std::isfinite(d))
                continue;
            const std::string text = es::json::formatDouble(d);
            double back = 0;
            const auto r = std::from_chars(text.data(), text.data() + text.size(), back);
            QVERIFY2(r.ec == std::errc() && r.ptr == text.data() + text.size(), text.c_str());
            QVERIFY2(toBits(back) == toBits(d), text.c_str());
            // It always reads as a float in Python: a dot or an exponent.
            QVERIFY2(text.find_first_of(".e") != std::string::npos, text.c_str());
            ++checked;
        }
        QVERIFY(checked > 99000);
    }

    void nanAndInfinityRefusedOnWrite_data()
    {
        QTest::addColumn<double>("value");
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("Infinity") << std::numeric_limits<double>::infinity();
        QTest::newRow("-Infinity") << -std::numeric_limits<double>::infinity();
    }
    void nanAndInfinityRefusedOnWrite()
    {
        QFETCH(double, value);
        std::string out;
        Writer w(out);
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError, w.number(value));
        QVERIFY(out.empty());
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError, Value(Value::Array {1, value}).toJson());
    }

    // json.loads accepts NaN, Infinity and -Infinity (and overflowing literals become infinities).
    void nanAndInfinityAcceptedOnRead()
    {
        const Value v = Value::parse("[NaN, Infinity, -Infinity, 1e999, -1e999, -1e-999, 1e-999]");
        QCOMPARE(v.size(), size_t(7));
        const auto &a = v.array();
        QVERIFY(std::isnan(a[0].toDouble()));
        QCOMPARE(a[1].toDouble(), std::numeric_limits<double>::infinity());
        QCOMPARE(a[2].toDouble(), -std::numeric_limits<double>::infinity());
        QCOMPARE(a[3].toDouble(), std::numeric_limits<double>::infinity());
        QCOMPARE(a[4].toDouble(), -std::numeric_limits<double>::infinity());
        QCOMPARE(toBits(a[5].toDouble()), toBits(-0.0));
        QCOMPARE(toBits(a[6].toDouble()), toBits(0.0));
        for (const auto &e : a)
            QCOMPARE(e.type(), Value::Type::Double);
        // Other spellings are not JSON, nor Python's.
        for (const char *bad : {"nan", "inf", "-NaN", "+Infinity", "Infinit", "NaNa", "infinity"})
            QVERIFY2(!parseError(bad).empty(), bad);
    }

    void subnormalsAndLimitsRead()
    {
        QCOMPARE(toBits(Value::parse("5e-324").toDouble()), quint64(1));
        QCOMPARE(toBits(Value::parse("4.9e-324").toDouble()), quint64(1));
        QCOMPARE(Value::parse("2.2250738585072014e-308").toDouble(), 2.2250738585072014e-308);
        QCOMPARE(Value::parse("1e-310").toDouble(), 1e-310);
        QCOMPARE(Value::parse("1.7976931348623157e+308").toDouble(), 1.7976931348623157e+308);
        QCOMPARE(Value::parse("1E2").toDouble(), 100.0);
        QCOMPARE(Value::parse("1e+2").toDouble(), 100.0);
        QCOMPARE(Value::parse("-0.5E-1").toDouble(), -0.05);
    }

    // Out of double's range, json.loads gives an infinity or a zero by the number's size, whatever
    // the sign of its exponent.
    void outOfRangeReadAsPython_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<double>("expected");
        const double inf = std::numeric_limits<double>::infinity();
        QTest::newRow("huge mantissa, negative exponent") << "1" + QByteArray(400, '0') + "e-10" << inf;
        QTest::newRow("negative huge mantissa") << "-1" + QByteArray(400, '0') + "e-10" << -inf;
        QTest::newRow("tiny, positive exponent") << "0." + QByteArray(400, '0') + "1e10" << 0.0;
        QTest::newRow("tiny, brought back in range") << "0." + QByteArray(400, '0') + "1e300" << 1e-101;
        QTest::newRow("huge exponent") << QByteArray("1e99999999999999999999") << inf;
        QTest::newRow("huge negative exponent") << QByteArray("1e-99999999999999999999") << 0.0;
        QTest::newRow("zero, huge exponent") << QByteArray("0e99999") << 0.0;
        QTest::newRow("negative zero, huge exponent") << QByteArray("-0.0e999999") << -0.0;
        QTest::newRow("fraction underflow") << QByteArray("123.456e-400") << 0.0;
        QTest::newRow("just in range") << QByteArray("0.0001e312") << 1e308;
    }
    void outOfRangeReadAsPython()
    {
        QFETCH(QByteArray, text);
        QFETCH(double, expected);
        const Value v = Value::parse(std::string_view(text.constData(), static_cast<size_t>(text.size())));
        QCOMPARE(v.type(), Value::Type::Double);
        QCOMPARE(toBits(v.toDouble()), toBits(expected));
    }

    void integersExact()
    {
        // Beyond 2**53 an integer stays exact (a double would round 2**53 + 1).
        const Value a = Value::parse("9007199254740993");
        QCOMPARE(a.type(), Value::Type::Integer);
        QCOMPARE(a.toInteger(), 9007199254740993LL);
        QCOMPARE(qb(a.toJson()), QByteArray("9007199254740993"));
        const Value max = Value::parse("9223372036854775807");
        QCOMPARE(max.type(), Value::Type::Integer);
        QCOMPARE(max.toInteger(), std::numeric_limits<long long>::max());
        const Value min = Value::parse("-9223372036854775808");
        QCOMPARE(min.type(), Value::Type::Integer);
        QCOMPARE(min.toInteger(), std::numeric_limits<long long>::min());
        QCOMPARE(qb(min.toJson()), QByteArray("-9223372036854775808"));
        QCOMPARE(Value::parse("-0").type(), Value::Type::Integer);
        QCOMPARE(qb(Value::parse("-0").toJson()),
                 QByteArray("0")); // Python: json.dumps(json.loads("-0")) == "0"

        std::string out;
        Writer w(out);
        w.beginArray();
        w.integer(std::numeric_limits<long long>::min());
        w.integer(std::numeric_limits<long long>::max());
        w.unsignedInteger(std::numeric_limits<unsigned long long>::max());
        w.endArray();
        QCOMPARE(qb(out), QByteArray("[-9223372036854775808, 9223372036854775807, 18446744073709551615]"));
    }

    // Beyond 2**63 Python's ints go on; the parser keeps their text and writes it back unchanged.
    void bigIntegersKeptAsText_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("2**63") << QByteArray("9223372036854775808");
        QTest::newRow("-(2**63)-1") << QByteArray("-9223372036854775809");
        QTest::newRow("2**64") << QByteArray("18446744073709551616");
        QTest::newRow("30 digits") << QByteArray("123456789012345678901234567890");
        QTest::newRow("100 digits") << QByteArray(100, '7');
    }
    void bigIntegersKeptAsText()
    {
        QFETCH(QByteArray, text);
        const std::string_view t(text.constData(), static_cast<size_t>(text.size()));
        const Value v = Value::parse(t);
        QCOMPARE(v.type(), Value::Type::BigInteger);
        QVERIFY(v.isNumber());
        QVERIFY(!v.isInteger());
        QCOMPARE(qb(v.bigIntegerText()), text);
        QCOMPARE(qb(v.toJson()), text);
        const Value inArray = Value::parse("[" + std::string(t) + ", 1]");
        QCOMPARE(qb(inArray.toJson()), "[" + text + ", 1]");
        QVERIFY(inArray.array()[0] == v);
        const Document doc = Document::parse(t);
        QCOMPARE(doc.root().type(), Node::Type::BigInteger);
        QCOMPARE(doc.root().numberText(), t);
    }

    void rawNumberValidated()
    {
        for (const char *good :
             {"0", "-0", "1e5", "-0.5", "1E+2", "123456789012345678901234567890", "1.5e-05"}) {
            std::string out;
            Writer w(out);
            w.rawNumber(good);
            QCOMPARE(qb(out), QByteArray(good));
        }
        for (const char *bad :
             {"", "-", "01", "1.", ".5", "+1", "1e", "1e+", "abc", "1 ", "NaN", "0x10", "1_000"}) {
            std::string out;
            Writer w(out);
            QVERIFY_THROWS_EXCEPTION(es::TranscodingError, w.rawNumber(bad));
        }
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError, Value(Value::BigInteger {"12a"}).toJson());
    }

    // --- parser: what it refuses, and where -----------------------------------------------------

    void invalidInputRejectedWithOffset_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("offset");
        QTest::newRow("empty") << QByteArray("") << 0;
        QTest::newRow("blank") << QByteArray("   ") << 3;
        QTest::newRow("open object") << QByteArray("{") << 1;
        QTest::newRow("truncated object") << QByteArray("{\"a\": 1") << 7;
        QTest::newRow("truncated key") << QByteArray("{\"a") << 1 + 2;
        QTest::newRow("truncated array") << QByteArray("[1, 2") << 5;
        QTest::newRow("truncated string") << QByteArray("\"abc") << 4;
        QTest::newRow("truncated literal") << QByteArray("tru") << 0;
        QTest::newRow("truncated number") << QByteArray("-") << 1;
        QTest::newRow("truncated escape") << QByteArray("\"\\") << 1;
        QTest::newRow("truncated unicode escape") << QByteArray("\"\\u12") << 1;
        QTest::newRow("trailing data") << QByteArray("{\"a\": 1} x") << 9;
        QTest::newRow("two values") << QByteArray("1 2") << 2;
        QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << 5;
        QTest::newRow("missing comma") << QByteArray("[1 2]") << 3;
        QTest::newRow("trailing comma in array") << QByteArray("[1,]") << 3;
        QTest::newRow("trailing comma in object") << QByteArray("{\"a\":1,}") << 7;
        QTest::newRow("unquoted key") << QByteArray("{a: 1}") << 1;
        QTest::newRow("number key") << QByteArray("{1: 2}") << 1;
        QTest::newRow("single quotes") << QByteArray("['a']") << 1;
        QTest::newRow("leading zero") << QByteArray("[01]") << 2;
        QTest::newRow("plus sign") << QByteArray("+1") << 0;
        QTest::newRow("bad escape") << QByteArray("\"ab\\x\"") << 3;
        QTest::newRow("bad unicode escape") << QByteArray("\"\\u12G4\"") << 1;
        QTest::newRow("raw newline in string") << QByteArray("\"a\nb\"") << 2;
        QTest::newRow("raw tab in string") << QByteArray("\"a\tb\"") << 2;
        QTest::newRow("NUL in string") << QByteArray("\"a\0b\"", 5) << 2;
        QTest::newRow("invalid UTF-8 byte") << QByteArray("\"\xff\"") << 1;
        QTest::newRow("lone continuation") << QByteArray("[\"ok\", \"\x80\"]") << 8;
        QTest::newRow("truncated UTF-8 before quote") << QByteArray("\"\xc3\"") << 1;
        QTest::newRow("overlong UTF-8") << QByteArray("\"\xc0\xaf\"") << 1;
        QTest::newRow("encoded surrogate") << QByteArray("\"\xed\xa0\x80\"") << 1;
        QTest::newRow("beyond U+10FFFF") << QByteArray("\"\xf4\x90\x80\x80\"") << 1;
        QTest::newRow("invalid UTF-8 after escape") << QByteArray("\"\\n\xfe\"") << 3;
        QTest::newRow("byte outside string") << QByteArray("[\xc3\xa9]") << 1;
        QTest::newRow("comment") << QByteArray("[1] // no") << 4;
        QTest::newRow("too deep") << (QByteArray(1001, '[') + QByteArray(1001, ']')) << 1000;
        QTest::newRow("far too deep") << QByteArray(100000, '[') << 1000;
        QTest::newRow("too deep objects")
            << (QByteArray("{\"a\": ").repeated(1001) + "1" + QByteArray(1001, '}')) << 6000;
    }
    void invalidInputRejectedWithOffset()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, offset);
        const std::string_view t(text.constData(), static_cast<size_t>(text.size()));
        const std::string error = parseError(t);
        QVERIFY2(!error.empty(), "accepted");
        const std::string where = "at offset " + std::to_string(offset);
        QVERIFY2(error.size() >= where.size()
                     && error.compare(error.size() - where.size(), where.size(), where) == 0,
                 error.c_str());
        // The throwing forms say the same.
        try {
            Value::parse(t);
            QFAIL("Value::parse accepted it");
        } catch (const es::TranscodingError &e) {
            QVERIFY2(e.message().contains(QString::fromStdString(where)), qPrintable(e.message()));
        }
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError, Document::parse(t));
    }

    void deepButAllowedNesting()
    {
        const QByteArray text = QByteArray(1000, '[') + QByteArray(1000, ']');
        const Value v = Value::parse(std::string_view(text.constData(), static_cast<size_t>(text.size())));
        QVERIFY(v.isArray());
        QCOMPARE(qb(v.toJson()), text);
    }

    void whitespaceAccepted()
    {
        const Value v = Value::parse(" \t\r\n{ \"a\" :\n[ 1 ,\t2 ] } \n");
        QCOMPARE(qb(v.toJson()), QByteArray(R"({"a": [1, 2]})"));
        QVERIFY(!parseError("\xc2\xa0{}").empty()); // only JSON's four whitespace characters
        QVERIFY(!parseError("\f{}").empty());
    }

    void tryParseReusesAndResets()
    {
        Document doc;
        std::string error;
        QVERIFY(doc.tryParse(R"({"a": "x\ny"})", &error));
        QCOMPARE(doc.root()["a"].stringView(), std::string_view("x\ny"));
        QVERIFY(doc.tryParse(R"(["b\tc", 2])", &error));
        QCOMPARE(doc.root().at(0).stringView(), std::string_view("b\tc"));
        QVERIFY(!doc.tryParse("[1,", &error));
        QVERIFY(!doc.root().isValid());
        QVERIFY(!error.empty());
        QVERIFY(doc.tryParse("7", nullptr));
        QCOMPARE(doc.root().toInteger(), 7LL);
    }

    // --- Node -----------------------------------------------------------------------------------

    void nodeAccess()
    {
        const Document doc
            = Document::parse(R"({"a": 1, "b": [true, null, "s\u00e9", 2.5], "a": 2, "c": {}})");
        const Node root = doc.root();
        QVERIFY(root.isObject());
        QCOMPARE(root.size(), 4u); // members as written, repeats included
        QCOMPARE(root["a"].toInteger(), 2LL); // the last of repeated keys, as Python
        const Node b = root["b"];
        QCOMPARE(b.size(), 4u);
        QVERIFY(b.at(0).toBool());
        QVERIFY(b.at(1).isNull());
        QCOMPARE(b.at(2).toQString(), QStringLiteral("s\u00e9"));
        QCOMPARE(b.at(3).toDouble(), 2.5);
        QCOMPARE(b.at(3).numberText(), std::string_view("2.5"));
        QVERIFY(!b.at(4).isValid());
        QVERIFY(!root["missing"].isValid());
        QVERIFY(!b["a"].isValid()); // find on an array
        QCOMPARE(root["c"].size(), 0u);
        QCOMPARE(QByteArray(root.typeName()), QByteArray("object"));
        QCOMPARE(QByteArray(Node().typeName()), QByteArray("nothing"));
        QStringList keys;
        root.forEachMember([&](std::string_view k, const Node &) {
            keys << QString::fromUtf8(k.data(), static_cast<qsizetype>(k.size()));
        });
        QCOMPARE(keys, (QStringList {"a", "b", "a", "c"}));
        int elements = 0;
        b.forEachElement([&](const Node &) { ++elements; });
        QCOMPARE(elements, 4);
    }

    // --- Value ----------------------------------------------------------------------------------

    void valueEquality_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<bool>("equal");
        QTest::newRow("member order ignored")
            << QByteArray(R"({"a": 1, "b": [1, 2]})") << QByteArray(R"({"b": [1, 2], "a": 1})") << true;
        QTest::newRow("nested order ignored")
            << QByteArray(R"({"x": {"a": 1, "b": 2}})") << QByteArray(R"({"x": {"b": 2, "a": 1}})") << true;
        QTest::newRow("array order matters") << QByteArray("[1, 2]") << QByteArray("[2, 1]") << false;
        QTest::newRow("1 == 1.0") << QByteArray("1") << QByteArray("1.0") << true;
        QTest::newRow("1 == 1e0") << QByteArray("[1]") << QByteArray("[1e0]") << true;
        QTest::newRow("1 != 1.5") << QByteArray("1") << QByteArray("1.5") << false;
        QTest::newRow("0 == -0.0") << QByteArray("0") << QByteArray("-0.0") << true;
        QTest::newRow("2**53+1 != 2.0**53")
            << QByteArray("9007199254740993") << QByteArray("9007199254740992.0") << false;
        QTest::newRow("2**53 == 2.0**53")
            << QByteArray("9007199254740992") << QByteArray("9007199254740992.0") << true;
        QTest::newRow("2**63-1 != 2.0**63")
            << QByteArray("9223372036854775807") << QByteArray("9223372036854775808.0") << false;
        QTest::newRow("big == its float")
            << QByteArray("18446744073709551616") << QByteArray("1.8446744073709552e19") << true;
        QTest::newRow("big != other float")
            << QByteArray("18446744073709551617") << QByteArray("1.8446744073709552e19") << false;
        QTest::newRow("big == big") << QByteArray("123456789012345678901234567890")
                                    << QByteArray("123456789012345678901234567890") << true;
        QTest::newRow("big != big") << QByteArray("123456789012345678901234567890")
                                    << QByteArray("123456789012345678901234567891") << false;
        QTest::newRow("big != int") << QByteArray("9223372036854775808") << QByteArray("1") << false;
        QTest::newRow("NaN != NaN") << QByteArray("NaN") << QByteArray("NaN") << false;
        QTest::newRow("inf == 1e999") << QByteArray("Infinity") << QByteArray("1e999") << true;
        QTest::newRow("true != 1 (stricter than Python)") << QByteArray("true") << QByteArray("1") << false;
        QTest::newRow("false != 0") << QByteArray("false") << QByteArray("0.0") << false;
        QTest::newRow("true == true") << QByteArray("true") << QByteArray("true") << true;
        QTest::newRow("null == null") << QByteArray("null") << QByteArray("null") << true;
        QTest::newRow("null != {}") << QByteArray("null") << QByteArray("{}") << false;
        QTest::newRow("{} != []") << QByteArray("{}") << QByteArray("[]") << false;
        QTest::newRow("string != number") << QByteArray("\"1\"") << QByteArray("1") << false;
        QTest::newRow("escaped == raw") << QByteArray(R"("\u00e9\/")") << QByteArray("\"\xc3\xa9/\"") << true;
        QTest::newRow("extra member")
            << QByteArray(R"({"a": 1})") << QByteArray(R"({"a": 1, "b": 2})") << false;
        QTest::newRow("other key") << QByteArray(R"({"a": 1})") << QByteArray(R"({"b": 1})") << false;
        QTest::newRow("repeated key, last wins")
            << QByteArray(R"({"a": 1, "a": 2})") << QByteArray(R"({"a": 2})") << true;
        QTest::newRow("wrapper kept") << QByteArray(R"({"_type_": "decimal_str", "_data_": "1.50"})")
                                      << QByteArray(R"({"_data_": "1.5", "_type_": "decimal_str"})") << false;
    }
    void valueEquality()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(bool, equal);
        const Value va = Value::parse(std::string_view(a.constData(), static_cast<size_t>(a.size())));
        const Value vb = Value::parse(std::string_view(b.constData(), static_cast<size_t>(b.size())));
        QCOMPARE(va == vb, equal);
        QCOMPARE(vb == va, equal); // symmetric
        QCOMPARE(va != vb, !equal);
    }

    void bigIntegerMadeFromSmallText()
    {
        QVERIFY(Value(Value::BigInteger {"5"}) == Value(5));
        QVERIFY(Value(5) == Value(Value::BigInteger {"5"}));
        QVERIFY(Value(Value::BigInteger {"5"}) != Value(6));
    }

    void repeatedKeysKeepFirstPosition()
    {
        // Python's dict(pairs): the last value, at the position of the first key.
        const Value v = Value::parse(R"({"a": 1, "b": 2, "a": 3})");
        QCOMPARE(v.size(), size_t(2));
        QCOMPARE(qb(v.toJson()), QByteArray(R"({"a": 3, "b": 2})"));
    }

    void valueEditing()
    {
        Value v = Value::emptyObject();
        v.insert("a", 1);
        v.insert("b", "x");
        v.insert("a", 2.5); // replaces in place
        QCOMPARE(qb(v.toJson()), QByteArray(R"({"a": 2.5, "b": "x"})"));
        QVERIFY(v.remove("a"));
        QVERIFY(!v.remove("a"));
        QVERIFY(v.find("b"));
        QCOMPARE(v.find("b")->toQString(), QStringLiteral("x"));
        QVERIFY(!v.find("a"));
        Value arr = Value::emptyArray();
        arr.append(QStringLiteral("\u65e5"));
        arr.append(Value());
        QCOMPARE(qb(arr.toJson()), QByteArray(R"(["\u65e5", null])"));
        // Accessors of the wrong kind give neutral values, never a crash.
        const Value n(3);
        QCOMPARE(n.string(), std::string());
        QVERIFY(n.array().empty());
        QVERIFY(n.members().empty());
        QVERIFY(!n.find("x"));
        QCOMPARE(n.size(), size_t(0));
        QCOMPARE(Value("s").toInteger(), 0LL);
        QCOMPARE(Value(7).toDouble(), 7.0);
    }

    void valueRoundTripsRealState()
    {
        const char *state
            = R"({"timestamp": {"_type_": "datetime_iso", "_data_": "2026-11-28T16:33:10.670481+00:00"}, )"
              R"("originator_topic": "eventsourcing.examples.test_invoice:Invoice", "number": "INV/2021/11/01", )"
              R"("amount": {"_type_": "decimal_str", "_data_": "34.20"}, "issued_to": {"_type_": "person_as_dict", )"
              R"("_data_": {"name": "Oscar the Octopus", "address": "Underwater"}}})";
        QCOMPARE(Value::parse(state).toJson(), std::string(state));
    }
};

QTEST_GUILESS_MAIN(TestJson)
#include "tst_json.moc"
