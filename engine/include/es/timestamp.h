#pragma once
// es::Timestamp — a date and time with microsecond precision, as Python's datetime: either aware
// (with a UTC offset) or naive (no offset; naive stays naive). toIsoString() is identical to
// Python's isoformat() ("2026-11-28T16:33:09.485709+00:00"; microseconds omitted when zero) and
// fromIsoString() parses what datetime.fromisoformat() accepts, losslessly. QDateTime keeps only
// milliseconds, which is why this type exists. Stored on the wire as
// {"_type_": "datetime_iso", "_data_": isoformat()}. A value type, thread-safe.

#include <QDateTime>
#include <QDebug>
#include <QString>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace es {

class Timestamp
{
public:
    // 0001-01-01T00:00:00, naive (Python's datetime.min).
    Timestamp() = default;

    // The current time in UTC, aware, with microseconds (Python's datetime.now(tz=timezone.utc)).
    static Timestamp now();
    // Replaces the clock now() reads, process-wide (nullptr restores the system clock): for
    // deterministic demo stores and tests. Thread-safe; now() stays lock-free while no clock is set.
    static void setClock(std::function<Timestamp()> clock);
    // A UTC instant from microseconds since the Unix epoch; aware (+00:00).
    static Timestamp fromUnixMicros(qint64 micros);
    // A wall-clock time (microseconds since 0001-01-01T00:00:00) with an offset in microseconds,
    // or naive when `aware` is false.
    static Timestamp fromWallMicros(qint64 wallMicros, bool aware, qint64 offsetMicros = 0);
    // From parts; throws ValueError when out of range.
    static Timestamp fromParts(int year, int month, int day, int hour = 0, int minute = 0, int second = 0,
                               int microsecond = 0);
    static Timestamp fromParts(int year, int month, int day, int hour, int minute, int second, int microsecond,
                               qint64 offsetMicros);
    // From a QDateTime (milliseconds; UTC/offset become aware, local time becomes aware at its offset).
    static Timestamp fromQDateTime(const QDateTime &dt);

    // Python's datetime.fromisoformat(); throws es::ValueError on bad input.
    static Timestamp fromIsoString(std::string_view text);
    static Timestamp fromIsoString(const QString &text);
    static Timestamp fromIsoString(const char *text) { return fromIsoString(std::string_view(text)); }
    static bool tryParseIso(std::string_view text, Timestamp *out);

    // Python's isoformat().
    std::string toIsoStdString() const;
    QString toIsoString() const;
    // Appends isoformat() to a buffer (the transcoder's hot path: no allocation of its own).
    void appendIso(std::string &out) const;

    bool isAware() const { return m_aware; }
    // Offset from UTC in microseconds (0 for naive).
    qint64 offsetMicros() const { return m_offset; }
    // Microseconds since 0001-01-01T00:00:00 in the timestamp's own wall clock.
    qint64 wallMicros() const { return m_wall; }
    // Microseconds since the Unix epoch of the instant (naive is taken as UTC).
    qint64 toUnixMicros() const;
    // A QDateTime (milliseconds; UTC for aware timestamps, Qt::UTC for naive too).
    QDateTime toQDateTime() const;

    int year() const;
    int month() const;
    int day() const;
    int hour() const;
    int minute() const;
    int second() const;
    int microsecond() const;

    Timestamp addMicros(qint64 micros) const;
    Timestamp addDays(qint64 days) const { return addMicros(days * 86400LL * 1000000LL); }

    // Python semantics: aware timestamps compare by instant; naive by wall clock; a naive and an
    // aware timestamp are never equal, and ordering them throws es::ValueError.
    bool operator==(const Timestamp &other) const;
    bool operator!=(const Timestamp &other) const { return !(*this == other); }
    bool operator<(const Timestamp &other) const;
    bool operator>(const Timestamp &other) const { return other < *this; }
    bool operator<=(const Timestamp &other) const { return !(other < *this); }
    bool operator>=(const Timestamp &other) const { return !(*this < other); }
    // Same wall clock, offset and awareness (isoformat() gives the same text).
    bool isIdenticalTo(const Timestamp &other) const
    {
        return m_wall == other.m_wall && m_offset == other.m_offset && m_aware == other.m_aware;
    }

private:
    qint64 m_wall = 0;   // microseconds since 0001-01-01T00:00:00, wall clock
    qint64 m_offset = 0; // microseconds east of UTC
    bool m_aware = false;
};

QDebug operator<<(QDebug debug, const Timestamp &value);

} // namespace es
