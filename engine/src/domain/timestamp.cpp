#include "es/timestamp.h"

#include "es/errors.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <cstring>

namespace es {

namespace {

constexpr qint64 MicrosPerSecond = 1000000LL;
constexpr qint64 MicrosPerDay = 86400LL * MicrosPerSecond;
// Days from 0001-01-01 to 1970-01-01 (proleptic Gregorian), as Python's date(1970,1,1).toordinal()-1.
constexpr qint64 UnixEpochDays = 719162;
// Python's datetime range: years 1..9999.
constexpr qint64 MaxWall = (3652059LL) * MicrosPerDay - 1; // 9999-12-31T23:59:59.999999

// Howard Hinnant's days_from_civil, shifted so that 0001-01-01 is day 0.
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yoe = y - era * 400;
    const qint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const qint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468 + UnixEpochDays; // 719468: 0000-03-01 to 1970-01-01
}

void civilFromDays(qint64 days, int *year, int *month, int *day)
{
    qint64 z = days - UnixEpochDays + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 y = yoe + era * 400;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 d = doy - (153 * mp + 2) / 5 + 1;
    const qint64 m = mp + (mp < 10 ? 3 : -9);
    *year = static_cast<int>(y + (m <= 2));
    *month = static_cast<int>(m);
    *day = static_cast<int>(d);
}

int daysInMonth(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

// A tiny cursor over the text for the parser.
struct Cursor
{
    std::string_view s;
    size_t i = 0;
    bool atEnd() const { return i >= s.size(); }
    char peek() const { return atEnd() ? '\0' : s[i]; }
    bool digits(int n, int *value)
    {
        if (i + static_cast<size_t>(n) > s.size())
            return false;
        int v = 0;
        for (int k = 0; k < n; ++k) {
            const char c = s[i + static_cast<size_t>(k)];
            if (c < '0' || c > '9')
                return false;
            v = v * 10 + (c - '0');
        }
        i += static_cast<size_t>(n);
        *value = v;
        return true;
    }
    bool accept(char c)
    {
        if (peek() != c)
            return false;
        ++i;
        return true;
    }
    // Python accepts 3 or 6 fraction digits in fromisoformat(); 3.11 accepts any count (rounding
    // beyond 6 is truncation). We accept 1..9 digits and keep microseconds exactly when <= 6.
    bool fraction(int *micros)
    {
        const size_t start = i;
        int v = 0, n = 0;
        while (!atEnd() && s[i] >= '0' && s[i] <= '9') {
            if (n < 6) {
                v = v * 10 + (s[i] - '0');
                ++n;
            }
            ++i;
        }
        if (i == start)
            return false;
        while (n < 6) {
            v *= 10;
            ++n;
        }
        *micros = v;
        return true;
    }
};

bool parseTime(Cursor &c, int *h, int *mi, int *se, int *us)
{
    *mi = *se = *us = 0;
    if (!c.digits(2, h))
        return false;
    if (c.accept(':')) {
        if (!c.digits(2, mi))
            return false;
        if (c.accept(':')) {
            if (!c.digits(2, se))
                return false;
            if (c.peek() == '.' || c.peek() == ',') {
                ++c.i;
                if (!c.fraction(us))
                    return false;
            }
        }
    } else if (c.digits(2, mi)) { // basic format HHMM[SS[.ffffff]]
        if (c.digits(2, se) && (c.peek() == '.' || c.peek() == ',')) {
            ++c.i;
            if (!c.fraction(us))
                return false;
        }
    }
    return *h < 24 && *mi < 60 && *se < 60;
}

} // namespace

namespace {
std::atomic<bool> g_clockSet{false};
std::mutex g_clockMutex;
std::function<Timestamp()> g_clock;
} // namespace

void Timestamp::setClock(std::function<Timestamp()> clock)
{
    std::lock_guard lock(g_clockMutex);
    g_clock = std::move(clock);
    g_clockSet = static_cast<bool>(g_clock);
}

Timestamp Timestamp::now()
{
    if (g_clockSet.load(std::memory_order_acquire)) {
        std::lock_guard lock(g_clockMutex);
        if (g_clock)
            return g_clock();
    }
    const auto sinceEpoch = std::chrono::system_clock::now().time_since_epoch();
    return fromUnixMicros(std::chrono::duration_cast<std::chrono::microseconds>(sinceEpoch).count());
}

Timestamp Timestamp::fromUnixMicros(qint64 micros)
{
    return fromWallMicros(micros + UnixEpochDays * MicrosPerDay, true, 0);
}

Timestamp Timestamp::fromWallMicros(qint64 wallMicros, bool aware, qint64 offsetMicros)
{
    if (wallMicros < 0 || wallMicros > MaxWall)
        throw ValueError(QStringLiteral("timestamp out of range (years 1..9999)"));
    if (offsetMicros <= -MicrosPerDay || offsetMicros >= MicrosPerDay)
        throw ValueError(QStringLiteral("UTC offset must be strictly between -24 and 24 hours"));
    Timestamp t;
    t.m_wall = wallMicros;
    t.m_aware = aware;
    t.m_offset = aware ? offsetMicros : 0;
    return t;
}

Timestamp Timestamp::fromParts(int year, int month, int day, int hour, int minute, int second, int microsecond)
{
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || microsecond < 0
        || microsecond > 999999)
        throw ValueError(QStringLiteral("invalid date or time %1-%2-%3 %4:%5:%6.%7")
                             .arg(year).arg(month).arg(day).arg(hour).arg(minute).arg(second).arg(microsecond));
    const qint64 wall = daysFromCivil(year, month, day) * MicrosPerDay
        + ((hour * 60LL + minute) * 60LL + second) * MicrosPerSecond + microsecond;
    return fromWallMicros(wall, false);
}

Timestamp Timestamp::fromParts(int year, int month, int day, int hour, int minute, int second, int microsecond,
                               qint64 offsetMicros)
{
    Timestamp t = fromParts(year, month, day, hour, minute, second, microsecond);
    return fromWallMicros(t.m_wall, true, offsetMicros);
}

Timestamp Timestamp::fromQDateTime(const QDateTime &dt)
{
    const qint64 offset = static_cast<qint64>(dt.offsetFromUtc()) * MicrosPerSecond;
    const qint64 unixMicros = dt.toMSecsSinceEpoch() * 1000LL;
    return fromWallMicros(unixMicros + offset + UnixEpochDays * MicrosPerDay, true, offset);
}

namespace {

// The form every event's timestamp takes (Python's isoformat() of an aware UTC time with
// microseconds), read without the general parser: "YYYY-MM-DDTHH:MM:SS.ffffff+00:00".
bool tryParseCanonical(std::string_view t, qint64 *wall)
{
    if (t.size() != 32 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != '.'
        || t.substr(26) != std::string_view("+00:00"))
        return false;
    const auto digit = [&t](size_t i) { return t[i] - '0'; };
    const auto isDigit = [&t](size_t i) { return t[i] >= '0' && t[i] <= '9'; };
    // Events come in runs of one day: the day of the last date read on this thread is kept.
    thread_local char lastDate[10] = {};
    thread_local qint64 lastDays = -1;
    qint64 days;
    if (lastDays >= 0 && std::memcmp(t.data(), lastDate, 10) == 0) {
        days = lastDays;
    } else {
        for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
            if (!isDigit(i))
                return false;
        const int y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
        const int mo = digit(5) * 10 + digit(6);
        const int d = digit(8) * 10 + digit(9);
        if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
            return false;
        days = daysFromCivil(y, mo, d);
        std::memcpy(lastDate, t.data(), 10);
        lastDays = days;
    }
    for (size_t i : {11, 12, 14, 15, 17, 18, 20, 21, 22, 23, 24, 25})
        if (!isDigit(i))
            return false;
    const int h = digit(11) * 10 + digit(12);
    const int mi = digit(14) * 10 + digit(15);
    const int se = digit(17) * 10 + digit(18);
    const int us = ((((digit(20) * 10 + digit(21)) * 10 + digit(22)) * 10 + digit(23)) * 10 + digit(24)) * 10 + digit(25);
    if (h > 23 || mi > 59 || se > 59)
        return false;
    *wall = days * MicrosPerDay + ((h * 60LL + mi) * 60LL + se) * MicrosPerSecond + us;
    return true;
}

} // namespace

bool Timestamp::tryParseIso(std::string_view text, Timestamp *out)
{
    qint64 canonical = 0;
    if (tryParseCanonical(text, &canonical)) {
        out->m_wall = canonical;
        out->m_aware = true;
        out->m_offset = 0;
        return true;
    }
    Cursor c{text};
    int y, mo, d;
    if (!c.digits(4, &y))
        return false;
    if (c.accept('-')) {
        if (!c.digits(2, &mo) || !c.accept('-') || !c.digits(2, &d))
            return false;
    } else if (!c.digits(2, &mo) || !c.digits(2, &d)) {
        return false;
    }
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
        return false;
    int h = 0, mi = 0, se = 0, us = 0;
    bool aware = false;
    qint64 offset = 0;
    if (!c.atEnd()) {
        ++c.i; // any separator character, as Python 3.11
        if (!parseTime(c, &h, &mi, &se, &us))
            return false;
        if (!c.atEnd()) {
            const char sign = c.peek();
            if (sign == 'Z') {
                ++c.i;
                aware = true;
            } else if (sign == '+' || sign == '-') {
                ++c.i;
                int oh, om, os, ous;
                if (!parseTime(c, &oh, &om, &os, &ous))
                    return false;
                aware = true;
                offset = ((oh * 60LL + om) * 60LL + os) * MicrosPerSecond + ous;
                if (sign == '-')
                    offset = -offset;
            } else {
                return false;
            }
        }
        if (!c.atEnd())
            return false;
    }
    const qint64 wall = daysFromCivil(y, mo, d) * MicrosPerDay + ((h * 60LL + mi) * 60LL + se) * MicrosPerSecond + us;
    if (offset <= -MicrosPerDay || offset >= MicrosPerDay)
        return false;
    out->m_wall = wall;
    out->m_aware = aware;
    out->m_offset = offset;
    return true;
}

Timestamp Timestamp::fromIsoString(std::string_view text)
{
    Timestamp t;
    if (!tryParseIso(text, &t))
        throw ValueError(QStringLiteral("invalid isoformat string: '%1'")
                             .arg(QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()))));
    return t;
}

Timestamp Timestamp::fromIsoString(const QString &text)
{
    const std::string s = text.toStdString();
    return fromIsoString(std::string_view(s));
}

void Timestamp::appendIso(std::string &out) const
{
    // Written into a local buffer and appended once: this runs for every event stored.
    int y, mo, d;
    civilFromDays(m_wall / MicrosPerDay, &y, &mo, &d);
    const qint64 inDay = m_wall % MicrosPerDay;
    const int us = static_cast<int>(inDay % MicrosPerSecond);
    const int secs = static_cast<int>(inDay / MicrosPerSecond);
    char buf[48];
    char *p = buf;
    auto put2 = [&p](int v) {
        *p++ = static_cast<char>('0' + v / 10);
        *p++ = static_cast<char>('0' + v % 10);
    };
    auto put6 = [&p](int v) {
        for (int i = 5; i >= 0; --i) {
            p[i] = static_cast<char>('0' + v % 10);
            v /= 10;
        }
        p += 6;
    };
    put2(y / 100);
    put2(y % 100);
    *p++ = '-';
    put2(mo);
    *p++ = '-';
    put2(d);
    *p++ = 'T';
    put2(secs / 3600);
    *p++ = ':';
    put2(secs / 60 % 60);
    *p++ = ':';
    put2(secs % 60);
    if (us) {
        *p++ = '.';
        put6(us);
    }
    if (m_aware) {
        // Python's _format_offset: sign, HH:MM, then :SS and .ffffff only when non-zero.
        qint64 off = m_offset;
        *p++ = off < 0 ? '-' : '+';
        if (off < 0)
            off = -off;
        const int offUs = static_cast<int>(off % MicrosPerSecond);
        const int offSecs = static_cast<int>(off / MicrosPerSecond);
        put2(offSecs / 3600);
        *p++ = ':';
        put2(offSecs / 60 % 60);
        if (offSecs % 60 || offUs) {
            *p++ = ':';
            put2(offSecs % 60);
            if (offUs) {
                *p++ = '.';
                put6(offUs);
            }
        }
    }
    out.append(buf, static_cast<size_t>(p - buf));
}

std::string Timestamp::toIsoStdString() const
{
    std::string s;
    s.reserve(32);
    appendIso(s);
    return s;
}

QString Timestamp::toIsoString() const
{
    return QString::fromStdString(toIsoStdString());
}

qint64 Timestamp::toUnixMicros() const
{
    return m_wall - m_offset - UnixEpochDays * MicrosPerDay;
}

QDateTime Timestamp::toQDateTime() const
{
    return QDateTime::fromMSecsSinceEpoch(floorDiv(toUnixMicros(), 1000), Qt::UTC);
}

int Timestamp::year() const
{
    int y, m, d;
    civilFromDays(m_wall / MicrosPerDay, &y, &m, &d);
    return y;
}

int Timestamp::month() const
{
    int y, m, d;
    civilFromDays(m_wall / MicrosPerDay, &y, &m, &d);
    return m;
}

int Timestamp::day() const
{
    int y, m, d;
    civilFromDays(m_wall / MicrosPerDay, &y, &m, &d);
    return d;
}

int Timestamp::hour() const { return static_cast<int>(m_wall % MicrosPerDay / (3600LL * MicrosPerSecond)); }
int Timestamp::minute() const { return static_cast<int>(m_wall % MicrosPerDay / (60LL * MicrosPerSecond) % 60); }
int Timestamp::second() const { return static_cast<int>(m_wall % MicrosPerDay / MicrosPerSecond % 60); }
int Timestamp::microsecond() const { return static_cast<int>(m_wall % MicrosPerSecond); }

Timestamp Timestamp::addMicros(qint64 micros) const
{
    return fromWallMicros(m_wall + micros, m_aware, m_offset);
}

bool Timestamp::operator==(const Timestamp &other) const
{
    if (m_aware != other.m_aware)
        return false;
    if (!m_aware)
        return m_wall == other.m_wall;
    return toUnixMicros() == other.toUnixMicros();
}

bool Timestamp::operator<(const Timestamp &other) const
{
    if (m_aware != other.m_aware)
        throw ValueError(QStringLiteral("can't compare offset-naive and offset-aware datetimes"));
    if (!m_aware)
        return m_wall < other.m_wall;
    return toUnixMicros() < other.toUnixMicros();
}

QDebug operator<<(QDebug debug, const Timestamp &value)
{
    QDebugStateSaver saver(debug);
    debug.nospace().noquote() << "Timestamp(" << value.toIsoString() << ')';
    return debug;
}

} // namespace es
