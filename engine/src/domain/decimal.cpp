#include "es/decimal.h"

#include "es/errors.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace es {

namespace {

// Digit-string arithmetic on coefficients (no leading zeros, "0" for zero). Coefficients are short
// (at most a few dozen digits), so schoolbook algorithms are the right tool.

void stripLeadingZeros(std::string &d)
{
    const auto first = d.find_first_not_of('0');
    if (first == std::string::npos)
        d = "0";
    else if (first > 0)
        d.erase(0, first);
}

int compareDigits(const std::string &a, const std::string &b)
{
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    const int c = a.compare(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::string addDigits(const std::string &a, const std::string &b)
{
    std::string r;
    r.reserve(std::max(a.size(), b.size()) + 1);
    int carry = 0;
    auto i = a.rbegin(), j = b.rbegin();
    while (i != a.rend() || j != b.rend() || carry) {
        int s = carry;
        if (i != a.rend())
            s += *i++ - '0';
        if (j != b.rend())
            s += *j++ - '0';
        r.push_back(static_cast<char>('0' + s % 10));
        carry = s / 10;
    }
    std::reverse(r.begin(), r.end());
    stripLeadingZeros(r);
    return r;
}

// a - b with a >= b.
std::string subDigits(const std::string &a, const std::string &b)
{
    std::string r;
    r.reserve(a.size());
    int borrow = 0;
    auto i = a.rbegin(), j = b.rbegin();
    while (i != a.rend()) {
        int d = (*i++ - '0') - borrow;
        if (j != b.rend())
            d -= *j++ - '0';
        borrow = d < 0;
        if (d < 0)
            d += 10;
        r.push_back(static_cast<char>('0' + d));
    }
    std::reverse(r.begin(), r.end());
    stripLeadingZeros(r);
    return r;
}

std::string mulDigits(const std::string &a, const std::string &b)
{
    if (a == "0" || b == "0")
        return "0";
    std::vector<int> acc(a.size() + b.size(), 0);
    for (size_t i = a.size(); i-- > 0;)
        for (size_t j = b.size(); j-- > 0;)
            acc[i + j + 1] += (a[i] - '0') * (b[j] - '0');
    for (size_t k = acc.size(); k-- > 1;) {
        acc[k - 1] += acc[k] / 10;
        acc[k] %= 10;
    }
    std::string r;
    r.reserve(acc.size());
    for (int v : acc)
        r.push_back(static_cast<char>('0' + v));
    stripLeadingZeros(r);
    return r;
}

std::string shiftLeft(const std::string &d, int places)
{
    if (d == "0" || places <= 0)
        return d;
    return d + std::string(static_cast<size_t>(places), '0');
}

// Removes `drop` trailing digits with ROUND_HALF_EVEN; returns the rounded coefficient.
std::string roundHalfEven(const std::string &d, size_t drop)
{
    if (drop == 0)
        return d;
    if (drop > d.size()) // everything dropped and below one half of a unit
        return "0";
    std::string kept = d.substr(0, d.size() - drop);
    if (kept.empty())
        kept = "0";
    const char first = d[d.size() - drop];
    const bool restNonZero = d.find_first_not_of('0', d.size() - drop + 1) != std::string::npos;
    bool up = false;
    if (first > '5' || (first == '5' && restNonZero))
        up = true;
    else if (first == '5' && !restNonZero)
        up = ((kept.back() - '0') % 2) == 1;
    if (up)
        kept = addDigits(kept, "1");
    stripLeadingZeros(kept);
    return kept;
}

// Python's _check_nans: a signaling NaN is an invalid operation (trapped by the default context);
// otherwise the result is the first quiet NaN operand, sign and payload kept.
Decimal propagateNaN(const Decimal &a, const Decimal &b)
{
    if (a.kind() == Decimal::Kind::SignalingNaN || b.kind() == Decimal::Kind::SignalingNaN)
        throw ValueError(QStringLiteral("Decimal: invalid operation on a signaling NaN"));
    return a.isNaN() ? a : b;
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

} // namespace

Decimal::Decimal(bool negative, std::string digits, int exponent, Kind kind)
    : m_digits(std::move(digits))
    , m_exponent(exponent)
    , m_negative(negative)
    , m_kind(kind)
{
}

Decimal::Decimal(long long value)
    // Avoid overflow on LLONG_MIN by working with the unsigned magnitude.
    : m_digits(std::to_string(value < 0 ? 0ULL - static_cast<unsigned long long>(value)
                                        : static_cast<unsigned long long>(value)))
    , m_negative(value < 0)
{
}

Decimal Decimal::finite(bool negative, std::string digits, int exponent)
{
    return Decimal(negative, std::move(digits), exponent, Kind::Finite);
}

bool Decimal::tryParse(std::string_view s, Decimal *out)
{
    // Python strips surrounding whitespace.
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    if (s.empty())
        return false;
    bool negative = false;
    if (s.front() == '+' || s.front() == '-') {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    if (equalsNoCase(s, "inf") || equalsNoCase(s, "infinity")) {
        *out = Decimal(negative, "0", 0, Kind::Infinity);
        return true;
    }
    if (s.size() >= 3 && (equalsNoCase(s.substr(0, 3), "nan") || (s.size() >= 4 && equalsNoCase(s.substr(0, 4), "snan")))) {
        const bool signaling = std::tolower(static_cast<unsigned char>(s.front())) == 's';
        std::string_view payload = s.substr(signaling ? 4 : 3);
        for (char c : payload)
            if (!std::isdigit(static_cast<unsigned char>(c)))
                return false;
        std::string p(payload);
        stripLeadingZeros(p);
        *out = Decimal(negative, payload.empty() ? std::string("0") : p, 0,
                       signaling ? Kind::SignalingNaN : Kind::NaN);
        return true;
    }
    std::string digits;
    digits.reserve(s.size());
    long long exponent = 0;
    bool seenDot = false;
    bool anyDigit = false;
    size_t i = 0;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
            anyDigit = true;
            if (seenDot)
                --exponent;
        } else if (c == '.' && !seenDot) {
            seenDot = true;
        } else {
            break;
        }
    }
    if (!anyDigit)
        return false;
    if (i < s.size()) {
        if (s[i] != 'e' && s[i] != 'E')
            return false;
        ++i;
        bool expNegative = false;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
            expNegative = s[i] == '-';
            ++i;
        }
        if (i >= s.size())
            return false;
        long long e = 0;
        for (; i < s.size(); ++i) {
            if (!std::isdigit(static_cast<unsigned char>(s[i])))
                return false;
            e = e * 10 + (s[i] - '0');
            if (e > 1000000000LL)
                return false;
        }
        exponent += expNegative ? -e : e;
    }
    if (exponent > 999999999LL || exponent < -999999999LL)
        return false;
    stripLeadingZeros(digits);
    *out = finite(negative, std::move(digits), static_cast<int>(exponent));
    return true;
}

Decimal Decimal::fromString(std::string_view text)
{
    Decimal d;
    if (!tryParse(text, &d))
        throw ValueError(QStringLiteral("invalid Decimal literal: '%1'").arg(QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()))));
    return d;
}

Decimal Decimal::fromString(const QString &text)
{
    return fromString(std::string_view(text.toStdString()));
}

std::string Decimal::toStdString() const
{
    // Python's Decimal.__str__ (to-scientific-string, eng=False).
    const std::string sign = m_negative ? "-" : "";
    switch (m_kind) {
    case Kind::Infinity:
        return sign + "Infinity";
    case Kind::NaN:
        return sign + "NaN" + (m_digits == "0" ? std::string() : m_digits);
    case Kind::SignalingNaN:
        return sign + "sNaN" + (m_digits == "0" ? std::string() : m_digits);
    case Kind::Finite:
        break;
    }
    const long long len = static_cast<long long>(m_digits.size());
    const long long leftdigits = m_exponent + len;
    long long dotplace;
    if (m_exponent <= 0 && leftdigits > -6)
        dotplace = leftdigits;
    else
        dotplace = 1;
    std::string intpart, fracpart, exp;
    if (dotplace <= 0) {
        intpart = "0";
        fracpart = "." + std::string(static_cast<size_t>(-dotplace), '0') + m_digits;
    } else if (dotplace >= len) {
        intpart = m_digits + std::string(static_cast<size_t>(dotplace - len), '0');
    } else {
        intpart = m_digits.substr(0, static_cast<size_t>(dotplace));
        fracpart = "." + m_digits.substr(static_cast<size_t>(dotplace));
    }
    if (leftdigits != dotplace) {
        const long long e = leftdigits - dotplace;
        exp = std::string("E") + (e >= 0 ? "+" : "-") + std::to_string(e >= 0 ? e : -e);
    }
    return sign + intpart + fracpart + exp;
}

QString Decimal::toString() const
{
    return QString::fromStdString(toStdString());
}

double Decimal::toDouble() const
{
    return std::strtod(toStdString().c_str(), nullptr);
}

Decimal Decimal::rounded() const
{
    if (m_kind != Kind::Finite || m_digits.size() <= static_cast<size_t>(Precision))
        return *this;
    const size_t drop = m_digits.size() - static_cast<size_t>(Precision);
    std::string kept = roundHalfEven(m_digits, drop);
    int exponent = m_exponent + static_cast<int>(drop);
    if (kept.size() > static_cast<size_t>(Precision)) { // 999…9 rounded up to 1000…0
        kept.pop_back();
        ++exponent;
    }
    return finite(m_negative, kept, exponent);
}

Decimal Decimal::operator-() const
{
    if (isNaN())
        return propagateNaN(*this, *this); // Python keeps a NaN's sign: -Decimal('NaN') is NaN
    Decimal r = *this;
    if (m_kind == Kind::Finite && isZero())
        r.m_negative = false; // Python: -Decimal('0') is Decimal('0') under ROUND_HALF_EVEN
    else
        r.m_negative = !m_negative;
    return r.rounded();
}

Decimal Decimal::operator+(const Decimal &other) const
{
    // Port of decimal.py's Decimal.__add__ for the default context.
    if (isNaN() || other.isNaN())
        return propagateNaN(*this, other);
    if (m_kind == Kind::Infinity || other.m_kind == Kind::Infinity) {
        if (m_kind == Kind::Infinity && other.m_kind == Kind::Infinity && m_negative != other.m_negative)
            throw ValueError(QStringLiteral("Decimal: -Infinity + Infinity is undefined"));
        return m_kind == Kind::Infinity ? *this : other;
    }
    int exp = std::min(m_exponent, other.m_exponent);
    if (isZero() && other.isZero()) {
        const bool negative = m_negative && other.m_negative;
        return finite(negative, "0", exp);
    }
    if (isZero()) {
        exp = std::max(exp, other.m_exponent - Precision - 1);
        Decimal r = finite(other.m_negative, shiftLeft(other.m_digits, other.m_exponent - exp), exp);
        return r.rounded();
    }
    if (other.isZero()) {
        exp = std::max(exp, m_exponent - Precision - 1);
        Decimal r = finite(m_negative, shiftLeft(m_digits, m_exponent - exp), exp);
        return r.rounded();
    }
    // _normalize: align exponents, replacing a far smaller operand by a sticky 1 ulp below.
    const Decimal *tmp = this;
    const Decimal *oth = &other;
    if (m_exponent < other.m_exponent)
        std::swap(tmp, oth);
    std::string tmpDigits = tmp->m_digits;
    std::string othDigits = oth->m_digits;
    int othExp = oth->m_exponent;
    const int tmpLen = static_cast<int>(tmpDigits.size());
    const int othLen = static_cast<int>(othDigits.size());
    const int limit = tmp->m_exponent + std::min(-1, tmpLen - Precision - 2);
    if (othLen + othExp - 1 < limit) {
        othDigits = "1";
        othExp = limit;
    }
    tmpDigits = shiftLeft(tmpDigits, tmp->m_exponent - othExp);
    const int resultExp = othExp;
    bool negative;
    std::string digits;
    if (tmp->m_negative == oth->m_negative) {
        negative = tmp->m_negative;
        digits = addDigits(tmpDigits, othDigits);
    } else {
        const int c = compareDigits(tmpDigits, othDigits);
        if (c == 0)
            return finite(false, "0", resultExp);
        if (c > 0) {
            negative = tmp->m_negative;
            digits = subDigits(tmpDigits, othDigits);
        } else {
            negative = oth->m_negative;
            digits = subDigits(othDigits, tmpDigits);
        }
    }
    return finite(negative, digits, resultExp).rounded();
}

Decimal Decimal::operator-(const Decimal &other) const
{
    Decimal negated = other;
    if (other.m_kind != Kind::NaN && other.m_kind != Kind::SignalingNaN)
        negated.m_negative = !other.m_negative;
    return *this + negated;
}

Decimal Decimal::operator*(const Decimal &other) const
{
    const bool negative = m_negative != other.m_negative;
    if (isNaN() || other.isNaN())
        return propagateNaN(*this, other);
    if (m_kind == Kind::Infinity || other.m_kind == Kind::Infinity) {
        if (isZero() || other.isZero())
            throw ValueError(QStringLiteral("Decimal: 0 * Infinity is undefined"));
        return Decimal(negative, "0", 0, Kind::Infinity);
    }
    return finite(negative, mulDigits(m_digits, other.m_digits), m_exponent + other.m_exponent).rounded();
}

Decimal Decimal::quantize(int exponent) const
{
    if (m_kind != Kind::Finite)
        throw ValueError(QStringLiteral("Decimal: cannot quantize %1").arg(toString()));
    std::string digits;
    if (exponent <= m_exponent) {
        digits = shiftLeft(m_digits, m_exponent - exponent);
    } else {
        digits = roundHalfEven(m_digits, static_cast<size_t>(exponent - m_exponent));
    }
    if (digits.size() > static_cast<size_t>(Precision))
        throw ValueError(QStringLiteral("Decimal: quantize result has more than 28 digits"));
    return finite(m_negative, digits, exponent);
}

int Decimal::compare(const Decimal &other) const
{
    if (isNaN() || other.isNaN())
        throw ValueError(QStringLiteral("Decimal: cannot order NaN"));
    auto signOf = [](const Decimal &d) { return d.isZero() ? 0 : (d.m_negative ? -1 : 1); };
    const int sa = signOf(*this), sb = signOf(other);
    if (m_kind == Kind::Infinity || other.m_kind == Kind::Infinity) {
        const int va = m_kind == Kind::Infinity ? (m_negative ? -2 : 2) : sa;
        const int vb = other.m_kind == Kind::Infinity ? (other.m_negative ? -2 : 2) : sb;
        return va < vb ? -1 : (va > vb ? 1 : 0);
    }
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (sa == 0)
        return 0;
    int magnitude;
    if (adjusted() != other.adjusted()) {
        magnitude = adjusted() < other.adjusted() ? -1 : 1;
    } else {
        const int e = std::min(m_exponent, other.m_exponent);
        magnitude = compareDigits(shiftLeft(m_digits, m_exponent - e), shiftLeft(other.m_digits, other.m_exponent - e));
    }
    return sa > 0 ? magnitude : -magnitude;
}

bool Decimal::operator==(const Decimal &other) const
{
    if (isNaN() || other.isNaN())
        return false;
    return compare(other) == 0;
}

bool Decimal::isIdenticalTo(const Decimal &other) const
{
    return m_kind == other.m_kind && m_negative == other.m_negative && m_digits == other.m_digits
        && m_exponent == other.m_exponent;
}

QDebug operator<<(QDebug debug, const Decimal &value)
{
    QDebugStateSaver saver(debug);
    debug.nospace().noquote() << "Decimal('" << value.toString() << "')";
    return debug;
}

} // namespace es
