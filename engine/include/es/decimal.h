#pragma once
// es::Decimal — an exact decimal number with Python's decimal.Decimal semantics: a sign, a
// coefficient of decimal digits and an exponent, so 1.50 and 1.5 are equal but print differently.
// toString() is identical to Python's str(Decimal); fromString() accepts what Decimal(str) accepts
// (no underscores). Arithmetic follows Python's default context: 28 significant digits,
// ROUND_HALF_EVEN. Stored on the wire as {"_type_": "decimal_str", "_data_": str(value)}.
// A value type: copyable, no shared state, thread-safe.

#include <QDebug>
#include <QString>
#include <string>
#include <string_view>

namespace es {

class Decimal
{
public:
    enum class Kind : unsigned char { Finite, Infinity, NaN, SignalingNaN };

    // Zero ("0").
    Decimal() = default;
    // An integer, exponent 0.
    Decimal(long long value); // NOLINT(google-explicit-constructor): Decimal(5) reads naturally
    Decimal(int value) : Decimal(static_cast<long long>(value)) { }

    // Parses Python's Decimal string syntax; throws es::ValueError on anything else.
    static Decimal fromString(std::string_view text);
    static Decimal fromString(const QString &text);
    static Decimal fromString(const char *text) { return fromString(std::string_view(text)); }
    // As fromString() but returns false instead of throwing.
    static bool tryParse(std::string_view text, Decimal *out);

    // Python's str(Decimal): "0.00", "149.50", "-50.5", "1E+2", "Infinity", "NaN".
    QString toString() const;
    std::string toStdString() const;
    // The nearest double (for charts and display, never for storage).
    double toDouble() const;

    Kind kind() const { return m_kind; }
    bool isFinite() const { return m_kind == Kind::Finite; }
    bool isNaN() const { return m_kind == Kind::NaN || m_kind == Kind::SignalingNaN; }
    bool isNegative() const { return m_negative; }
    bool isZero() const { return m_kind == Kind::Finite && m_digits == "0"; }
    // The exponent (e.g. -2 for 1.50) and the coefficient's digits ("150").
    int exponent() const { return m_exponent; }
    const std::string &digits() const { return m_digits; }

    Decimal operator-() const;
    Decimal operator+(const Decimal &other) const;
    Decimal operator-(const Decimal &other) const;
    Decimal operator*(const Decimal &other) const;
    Decimal &operator+=(const Decimal &other) { return *this = *this + other; }
    Decimal &operator-=(const Decimal &other) { return *this = *this - other; }

    // Python's quantize(Decimal(10) ** exponent) with ROUND_HALF_EVEN: quantize(-2) gives 2 places.
    Decimal quantize(int exponent) const;

    // Numeric comparison (1.5 == 1.50). NaN compares unequal to everything, like Python.
    int compare(const Decimal &other) const; // -1, 0, 1; throws ValueError for NaN
    bool operator==(const Decimal &other) const;
    bool operator!=(const Decimal &other) const { return !(*this == other); }
    bool operator<(const Decimal &other) const { return compare(other) < 0; }
    bool operator<=(const Decimal &other) const { return compare(other) <= 0; }
    bool operator>(const Decimal &other) const { return compare(other) > 0; }
    bool operator>=(const Decimal &other) const { return compare(other) >= 0; }
    // Same sign, digits and exponent: what str() shows is the same.
    bool isIdenticalTo(const Decimal &other) const;

    static constexpr int Precision = 28;

private:
    Decimal(bool negative, std::string digits, int exponent, Kind kind = Kind::Finite);
    static Decimal finite(bool negative, std::string digits, int exponent);
    Decimal rounded() const; // to Precision digits, ROUND_HALF_EVEN
    int adjusted() const { return m_exponent + static_cast<int>(m_digits.size()) - 1; }

    std::string m_digits = "0"; // coefficient, no leading zeros ("0" for zero)
    int m_exponent = 0;
    bool m_negative = false;
    Kind m_kind = Kind::Finite;
};

QDebug operator<<(QDebug debug, const Decimal &value);

} // namespace es
