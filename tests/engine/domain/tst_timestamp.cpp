// es::Timestamp against Python's datetime: isoformat() text, fromisoformat() parsing (3.11 rules),
// aware/naive semantics, microsecond precision. Expected strings come from Python 3.11; every
// datetime that occurs in the reference stores written by eventsourcing 9.1.6 must round-trip.
#include "fixturevalues.h"
#include "fixtures.h"

#include "es/codec.h"
#include "es/errors.h"
#include "es/timestamp.h"

#include <QtTest>

namespace {

constexpr qint64 Hour = 3600LL * 1000000LL;
constexpr qint64 Minute = 60LL * 1000000LL;
constexpr qint64 Second = 1000000LL;

} // namespace

Q_DECLARE_METATYPE(es::Timestamp)

class TestTimestamp : public QObject
{
    Q_OBJECT
private slots:
    void isoformat_data()
    {
        QTest::addColumn<es::Timestamp>("value");
        QTest::addColumn<QString>("expected");
        using T = es::Timestamp;
        // Python 3.11: datetime(...).isoformat().
        QTest::newRow("utc micros") << T::fromParts(2026, 11, 28, 16, 33, 9, 485709, 0)
                                    << QStringLiteral("2026-11-28T16:33:09.485709+00:00");
        QTest::newRow("utc no micros") << T::fromParts(2026, 11, 28, 16, 33, 9, 0, 0)
                                       << QStringLiteral("2026-11-28T16:33:09+00:00");
        QTest::newRow("utc 5 micros") << T::fromParts(2026, 11, 28, 16, 33, 9, 5, 0)
                                      << QStringLiteral("2026-11-28T16:33:09.000005+00:00");
        QTest::newRow("naive") << T::fromParts(2026, 11, 28, 16, 33, 9) << QStringLiteral("2026-11-28T16:33:09");
        QTest::newRow("naive micros") << T::fromParts(2026, 11, 28, 16, 33, 9, 120000)
                                      << QStringLiteral("2026-11-28T16:33:09.120000");
        QTest::newRow("+05:30") << T::fromParts(2026, 11, 28, 16, 33, 9, 0, 5 * Hour + 30 * Minute)
                                << QStringLiteral("2026-11-28T16:33:09+05:30");
        QTest::newRow("-08:00") << T::fromParts(2026, 11, 28, 16, 33, 9, 1, -8 * Hour)
                                << QStringLiteral("2026-11-28T16:33:09.000001-08:00");
        QTest::newRow("-01:00:01") << T::fromParts(2026, 11, 28, 16, 33, 9, 0, -(Hour + Second))
                                   << QStringLiteral("2026-11-28T16:33:09-01:00:01");
        QTest::newRow("+05:30:15.000123") << T::fromParts(2026, 11, 28, 16, 33, 9, 5, 5 * Hour + 30 * Minute + 15 * Second + 123)
                                          << QStringLiteral("2026-11-28T16:33:09.000005+05:30:15.000123");
        QTest::newRow("+23:59") << T::fromParts(2026, 11, 28, 0, 0, 0, 0, 23 * Hour + 59 * Minute)
                                << QStringLiteral("2026-11-28T00:00:00+23:59");
        QTest::newRow("min") << T() << QStringLiteral("0001-01-01T00:00:00");
        QTest::newRow("max") << T::fromParts(9999, 12, 31, 23, 59, 59, 999999)
                             << QStringLiteral("9999-12-31T23:59:59.999999");
        QTest::newRow("leap day") << T::fromParts(2024, 2, 29) << QStringLiteral("2024-02-29T00:00:00");
        QTest::newRow("2000-02-29") << T::fromParts(2000, 2, 29, 23, 59, 59, 0, 0)
                                    << QStringLiteral("2000-02-29T23:59:59+00:00");
        QTest::newRow("epoch") << T::fromUnixMicros(0) << QStringLiteral("1970-01-01T00:00:00+00:00");
        QTest::newRow("before epoch") << T::fromUnixMicros(-1) << QStringLiteral("1969-12-31T23:59:59.999999+00:00");
        QTest::newRow("unix micros") << T::fromUnixMicros(1795883589485709LL)
                                     << QStringLiteral("2026-11-28T16:33:09.485709+00:00");
        QTest::newRow("year 999") << T::fromParts(999, 3, 1) << QStringLiteral("0999-03-01T00:00:00");
    }
    void isoformat()
    {
        QFETCH(es::Timestamp, value);
        QFETCH(QString, expected);
        QCOMPARE(value.toIsoString(), expected);
        QCOMPARE(QString::fromStdString(value.toIsoStdString()), expected);
        std::string appended = "x";
        value.appendIso(appended);
        QCOMPARE(QString::fromStdString(appended), QLatin1Char('x') + expected);
        // And back, losslessly.
        const es::Timestamp parsed = es::Timestamp::fromIsoString(expected);
        QVERIFY(parsed.isIdenticalTo(value));
        QCOMPARE(parsed.isAware(), value.isAware());
        QCOMPARE(parsed.offsetMicros(), value.offsetMicros());
    }

    void fromisoformat_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected"); // isoformat() of the result; empty when invalid
        // Python 3.11: datetime.fromisoformat(input).isoformat(), or ValueError.
        const char *const rows[][2] = {
            {"2026-11-28", "2026-11-28T00:00:00"},
            {"2026-11-28T16", "2026-11-28T16:00:00"},
            {"2026-11-28T16:33", "2026-11-28T16:33:00"},
            {"2026-11-28T16:33:09.485", "2026-11-28T16:33:09.485000"},
            {"2026-11-28T16:33:09.4", "2026-11-28T16:33:09.400000"},
            {"2026-11-28T16:33:09.48570912", "2026-11-28T16:33:09.485709"},
            {"2026-11-28T16:33:09Z", "2026-11-28T16:33:09+00:00"},
            {"2026-11-28 16:33:09", "2026-11-28T16:33:09"},
            {"20261128T163309", "2026-11-28T16:33:09"},
            {"2026-11-28T16:33:09,485709", "2026-11-28T16:33:09.485709"},
            {"2026-11-28T163309", "2026-11-28T16:33:09"},
            {"2026-11-28T16:33:09+0530", "2026-11-28T16:33:09+05:30"},
            {"2026-11-28T16:33:09+05", "2026-11-28T16:33:09+05:00"},
            {"2026-11-28T16:33:09-08:00", "2026-11-28T16:33:09-08:00"},
            {"2026-11-28T16:33:09+05:30:15", "2026-11-28T16:33:09+05:30:15"},
            {"2026-11-28T16:33:09+05:30:15.000123", "2026-11-28T16:33:09+05:30:15.000123"},
            {"2026-11-28T16:33:09.000000+00:00", "2026-11-28T16:33:09+00:00"},
            {"2026-11-28X16:33:09", "2026-11-28T16:33:09"},
            {"2024-02-29T00:00:00", "2024-02-29T00:00:00"},
            {"2026-11-28T16:33:09+23:59", "2026-11-28T16:33:09+23:59"},
            {"2026-11-28T16:33:09-00:00", "2026-11-28T16:33:09+00:00"},
            {"2026-11-28T16:33:09.123456789+01:00", "2026-11-28T16:33:09.123456+01:00"},
            {"2026-11-28T16:33:09.", ""},
            {"2026-11-28T24:00:00", ""},
            {"2026-11-28T16:33:60", ""},
            {"2026-11-28T16:60:00", ""},
            {"2026-11-28T16:33:09+24:00", ""},
            {"2026-11-28T16:33:09 ", ""},
            {"2026-11-28T16:33:09+00:00Z", ""},
            {"0000-01-01", ""},
            {"2023-02-29", ""},
            {"1900-02-29", ""},
            {"2026-13-01", ""},
            {"2026-04-31", ""},
            {"2026-1-28", ""},
            {"2026-11-28T16:3", ""},
            {"2026-11-28T16:33:09+5:30", ""},
            {"2026-11-28T", ""},
            {"", ""},
            {"yesterday", ""},
            {"2026-11-28T16:33:09+00:00 ", ""},
        };
        for (const auto &r : rows)
            QTest::newRow(r[0]) << QString::fromLatin1(r[0]) << QString::fromLatin1(r[1]);
    }
    void fromisoformat()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        es::Timestamp t;
        const bool ok = es::Timestamp::tryParseIso(std::string_view(input.toStdString()), &t);
        if (expected.isEmpty()) {
            QVERIFY2(!ok, qPrintable(t.toIsoString()));
            QVERIFY_THROWS_EXCEPTION(es::ValueError, es::Timestamp::fromIsoString(input));
        } else {
            QVERIFY(ok);
            QCOMPARE(t.toIsoString(), expected);
            QCOMPARE(es::Timestamp::fromIsoString(input).toIsoString(), expected);
        }
    }

    void parts()
    {
        const es::Timestamp t = es::Timestamp::fromIsoString("2026-11-28T16:33:09.485709+05:30");
        QCOMPARE(t.year(), 2026);
        QCOMPARE(t.month(), 11);
        QCOMPARE(t.day(), 28);
        QCOMPARE(t.hour(), 16);
        QCOMPARE(t.minute(), 33);
        QCOMPARE(t.second(), 9);
        QCOMPARE(t.microsecond(), 485709);
        QVERIFY(t.isAware());
        QCOMPARE(t.offsetMicros(), 5 * Hour + 30 * Minute);
        // The instant: 16:33:09.485709 at +05:30 is 11:03:09.485709 UTC.
        QCOMPARE(t.toUnixMicros(), es::Timestamp::fromIsoString("2026-11-28T11:03:09.485709+00:00").toUnixMicros());
        QCOMPARE(t.toQDateTime(), QDateTime(QDate(2026, 11, 28), QTime(11, 3, 9, 485), Qt::UTC));
        QCOMPARE(es::Timestamp::fromUnixMicros(t.toUnixMicros()).toIsoString(),
                 QStringLiteral("2026-11-28T11:03:09.485709+00:00"));
        // A naive timestamp has no offset; its instant is read as UTC.
        const es::Timestamp naive = es::Timestamp::fromIsoString("1970-01-02T00:00:00.000001");
        QVERIFY(!naive.isAware());
        QCOMPARE(naive.offsetMicros(), 0);
        QCOMPARE(naive.toUnixMicros(), 86400LL * Second + 1);
        // From QDateTime: milliseconds, aware at its offset.
        const QDateTime q(QDate(2026, 11, 28), QTime(16, 33, 9, 485), Qt::OffsetFromUTC, -8 * 3600);
        QCOMPARE(es::Timestamp::fromQDateTime(q).toIsoString(), QStringLiteral("2026-11-28T16:33:09.485000-08:00"));
        QCOMPARE(es::Timestamp::fromQDateTime(QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC)).toIsoString(),
                 QStringLiteral("2026-01-01T00:00:00+00:00"));
        // wallMicros/fromWallMicros round trip.
        QVERIFY(es::Timestamp::fromWallMicros(t.wallMicros(), true, t.offsetMicros()).isIdenticalTo(t));
        QVERIFY(!es::Timestamp::fromWallMicros(t.wallMicros(), false, t.offsetMicros()).isAware());
    }

    void now()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const es::Timestamp t = es::Timestamp::now();
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(t.isAware());
        QCOMPARE(t.offsetMicros(), 0);
        QVERIFY(t.toIsoString().endsWith(QLatin1String("+00:00")));
        QVERIFY(t.toUnixMicros() >= before * 1000 - 1000);
        QVERIFY(t.toUnixMicros() <= after * 1000 + 1000);
        // Microseconds, not milliseconds: some reading has a non-zero sub-millisecond part.
        bool subMilli = false;
        for (int i = 0; i < 200 && !subMilli; ++i)
            subMilli = es::Timestamp::now().toUnixMicros() % 1000 != 0;
        QVERIFY(subMilli);
        // Monotone enough for ordering events made one after another.
        QVERIFY(es::Timestamp::now() >= t);
    }

    void comparisons()
    {
        using T = es::Timestamp;
        const T utcNoon = T::fromIsoString("2026-01-01T12:00:00+00:00");
        const T indiaSame = T::fromIsoString("2026-01-01T17:30:00+05:30");
        const T laterUtc = T::fromIsoString("2026-01-01T12:00:00.000001+00:00");
        // Aware: by instant (Python: a == b is True for the same instant at other offsets).
        QVERIFY(utcNoon == indiaSame);
        QVERIFY(!(utcNoon != indiaSame));
        QVERIFY(!utcNoon.isIdenticalTo(indiaSame));
        QVERIFY(!(utcNoon < indiaSame));
        QVERIFY(utcNoon <= indiaSame);
        QVERIFY(utcNoon >= indiaSame);
        QVERIFY(utcNoon < laterUtc);
        QVERIFY(indiaSame < laterUtc);
        QVERIFY(laterUtc > indiaSame);
        QVERIFY(T::fromIsoString("2026-01-01T04:00:00-08:00") < T::fromIsoString("2026-01-01T12:00:01+00:00"));
        QVERIFY(T::fromIsoString("2026-01-01T04:00:00-08:00") == utcNoon);
        // Naive: by wall clock.
        const T naiveNoon = T::fromIsoString("2026-01-01T12:00:00");
        QVERIFY(naiveNoon == T::fromParts(2026, 1, 1, 12));
        QVERIFY(naiveNoon < T::fromIsoString("2026-01-01T12:00:00.000001"));
        // Naive vs aware: never equal; ordering is an error (Python raises TypeError).
        QVERIFY(!(naiveNoon == utcNoon));
        QVERIFY(naiveNoon != utcNoon);
        QVERIFY_THROWS_EXCEPTION(es::ValueError, (void)(naiveNoon < utcNoon));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, (void)(utcNoon > naiveNoon));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, (void)(utcNoon <= naiveNoon));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, (void)(naiveNoon >= utcNoon));
    }

    void arithmetic()
    {
        using T = es::Timestamp;
        QCOMPARE(T::fromIsoString("2024-02-28T23:00:00+00:00").addDays(1).toIsoString(),
                 QStringLiteral("2024-02-29T23:00:00+00:00"));
        QCOMPARE(T::fromIsoString("2026-12-31T12:00:00").addDays(1).toIsoString(), QStringLiteral("2027-01-01T12:00:00"));
        QCOMPARE(T::fromIsoString("2026-03-01T00:00:00-08:00").addDays(-1).toIsoString(),
                 QStringLiteral("2026-02-28T00:00:00-08:00"));
        QCOMPARE(T::fromIsoString("2026-11-28T23:59:59.999999+00:00").addMicros(1).toIsoString(),
                 QStringLiteral("2026-11-29T00:00:00+00:00"));
        QCOMPARE(T::fromIsoString("2026-11-28T00:00:00+00:00").addMicros(-1).toIsoString(),
                 QStringLiteral("2026-11-27T23:59:59.999999+00:00"));
        QCOMPARE(T::fromIsoString("2000-01-01").addDays(366).toIsoString(), QStringLiteral("2001-01-01T00:00:00"));
        // Out of Python's range (years 1..9999).
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(9999, 12, 31, 12).addDays(1));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T().addMicros(-1));
    }

    void fromPartsValidation()
    {
        using T = es::Timestamp;
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(0, 1, 1));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(10000, 1, 1));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(2026, 0, 1));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(2026, 13, 1));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(2026, 1, 0));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(2026, 1, 32));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(2026, 4, 31));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(2023, 2, 29));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(1900, 2, 29));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(2026, 1, 1, 24));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(2026, 1, 1, -1));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(2026, 1, 1, 0, 60));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(2026, 1, 1, 0, 0, 60));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(2026, 1, 1, 0, 0, 0, 1000000));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(2026, 1, 1, 0, 0, 0, -1));
        // Offsets strictly between -24 and +24 hours.
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(2026, 1, 1, 0, 0, 0, 0, 24 * Hour));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromParts(2026, 1, 1, 0, 0, 0, 0, -24 * Hour));
        QCOMPARE(T::fromParts(2000, 2, 29).day(), 29);
        QCOMPARE(T::fromParts(2026, 1, 1, 0, 0, 0, 0, 24 * Hour - 1).offsetMicros(), 24 * Hour - 1);
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromWallMicros(-1, false));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, T::fromUnixMicros(std::numeric_limits<qint64>::max() / 2));
    }

    void codec()
    {
        // On the wire: {"_type_": "datetime_iso", "_data_": isoformat()}.
        const es::Timestamp t = es::Timestamp::fromIsoString("2026-11-28T16:33:09.485709+00:00");
        std::string out;
        es::json::Writer w(out);
        es::encodeValue(w, t);
        QCOMPARE(QString::fromStdString(out),
                 QStringLiteral("{\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:09.485709+00:00\"}"));
        const es::json::Document doc = es::json::Document::parse(out);
        QVERIFY(es::decodeValue<es::Timestamp>(doc.root()).isIdenticalTo(t));
        const es::json::Document naive =
            es::json::Document::parse(R"({"_type_": "datetime_iso", "_data_": "2026-11-28T16:33:09"})");
        QVERIFY(!es::decodeValue<es::Timestamp>(naive.root()).isAware());
        const es::json::Document bad = es::json::Document::parse(R"({"_type_": "datetime_iso", "_data_": "noon"})");
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError, es::decodeValue<es::Timestamp>(bad.root()));
    }

    void qdebug()
    {
        QString text;
        QDebug(&text) << es::Timestamp::fromIsoString("2026-11-28T16:33:09+05:30");
        QCOMPARE(text, QStringLiteral("Timestamp(2026-11-28T16:33:09+05:30) "));
    }

    void everyTimestampInTheReferenceStores()
    {
        ES_REQUIRE_FIXTURES();
        int files = 0;
        const std::set<std::string> values = es::test::fixtureCustomValues("datetime_iso", &files);
        QVERIFY2(files >= 6, "expected the *.jsonl files of the reference stores");
        QVERIFY2(values.size() >= 100, "expected hundreds of distinct datetimes in the reference stores");
        for (const std::string &s : values) {
            es::Timestamp t;
            QVERIFY2(es::Timestamp::tryParseIso(s, &t), s.c_str());
            QVERIFY2(t.toIsoStdString() == s, (s + " formats as " + t.toIsoStdString()).c_str());
            QVERIFY2(t.isAware(), s.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestTimestamp)
#include "tst_timestamp.moc"
