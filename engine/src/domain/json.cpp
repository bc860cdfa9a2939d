#include "es/json.h"

#include "es/errors.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace es::json {

namespace {

constexpr char HexLower[] = "0123456789abcdef";
constexpr int MaxDepth = 1000; // Python's default recursion limit is about this deep

void appendU16Escape(std::string &out, unsigned v)
{
    char buf[6] = {'\\', 'u', HexLower[(v >> 12) & 0xf], HexLower[(v >> 8) & 0xf], HexLower[(v >> 4) & 0xf],
                   HexLower[v & 0xf]};
    out.append(buf, 6);
}

// The short escapes Python uses; 0 when the character needs \uXXXX or no escape.
char shortEscape(unsigned c)
{
    switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '\n': return 'n';
    case '\r': return 'r';
    case '\t': return 't';
    case '\b': return 'b';
    case '\f': return 'f';
    default: return 0;
    }
}

// Decodes the UTF-8 sequence at s[i] into *cp and advances i; false (i unchanged) when the bytes
// there are not one. Encoded surrogates (ED A0..BF xx) are accepted: the parser stores a lone
// \uD800 escape that way, and Python writes it back as the same escape.
bool decodeUtf8(std::string_view s, size_t &i, unsigned *cp)
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    int n;
    unsigned v;
    unsigned min;
    if (b0 < 0x80) {
        *cp = b0;
        ++i;
        return true;
    }
    if (b0 >= 0xc2 && b0 <= 0xdf) {
        n = 1;
        v = b0 & 0x1fu;
        min = 0x80;
    } else if ((b0 & 0xf0) == 0xe0) {
        n = 2;
        v = b0 & 0x0fu;
        min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        n = 3;
        v = b0 & 0x07u;
        min = 0x10000;
    } else {
        return false;
    }
    if (i + static_cast<size_t>(n) >= s.size())
        return false;
    for (int k = 1; k <= n; ++k) {
        const auto b = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
        if ((b & 0xc0) != 0x80)
            return false;
        v = (v << 6) | (b & 0x3fu);
    }
    if (v < min || v > 0x10ffff)
        return false;
    *cp = v;
    i += static_cast<size_t>(n) + 1;
    return true;
}

[[noreturn]] void throwInvalidUtf8(size_t offset)
{
    throw TranscodingError(QStringLiteral("cannot encode a string as JSON: invalid UTF-8 at byte %1").arg(offset));
}

void appendUtf8(std::string &out, unsigned cp)
{
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
        out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
}

bool isValidNumberText(std::string_view t)
{
    size_t i = 0;
    if (i < t.size() && t[i] == '-')
        ++i;
    if (i >= t.size())
        return false;
    if (t[i] == '0') {
        ++i;
    } else if (t[i] >= '1' && t[i] <= '9') {
        while (i < t.size() && t[i] >= '0' && t[i] <= '9')
            ++i;
    } else {
        return false;
    }
    if (i < t.size() && t[i] == '.') {
        ++i;
        const size_t start = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9')
            ++i;
        if (i == start)
            return false;
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-'))
            ++i;
        const size_t start = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9')
            ++i;
        if (i == start)
            return false;
    }
    return i == t.size();
}

} // namespace

namespace {

// The length of the run of bytes at the start of s[0..n) that are written as they are: printable
// ASCII other than '"' and '\\' (eight at a time while a whole word qualifies).
size_t plainAsciiRun(const char *s, size_t n)
{
    constexpr uint64_t Ones = 0x0101010101010101ULL;
    constexpr uint64_t Highs = 0x8080808080808080ULL;
    const auto hasZero = [](uint64_t x) { return (x - Ones) & ~x & Highs; };
    size_t j = 0;
    while (j + 8 <= n) {
        uint64_t w;
        std::memcpy(&w, s + j, 8);
        const uint64_t stop = hasZero(w ^ (Ones * '"')) | hasZero(w ^ (Ones * '\\')) | hasZero(w ^ (Ones * 0x7f))
            | ((w - Ones * 0x20) & ~w & Highs) | (w & Highs);
        if (stop)
            break;
        j += 8;
    }
    while (j < n) {
        const auto c = static_cast<unsigned char>(s[j]);
        if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f)
            break;
        ++j;
    }
    return j;
}

} // namespace

// --- Writer ----------------------------------------------------------------------------------------

Writer::Writer(std::string &out)
    : Writer(out, Options())
{
}

Writer::Writer(std::string &out, Options options)
    : m_out(out)
    , m_options(options)
{
    m_first.reserve(16);
}

void Writer::separator()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        if (m_first.back())
            m_first.back() = false;
        else
            m_out.append(m_options.compact ? "," : ", ");
    }
}

void Writer::beginObject()
{
    separator();
    m_out.push_back('{');
    m_first.push_back(true);
}

void Writer::endObject()
{
    m_first.pop_back();
    m_out.push_back('}');
}

void Writer::beginArray()
{
    separator();
    m_out.push_back('[');
    m_first.push_back(true);
}

void Writer::endArray()
{
    m_first.pop_back();
    m_out.push_back(']');
}

bool Writer::appendPlainQuoted(std::string_view utf8, bool asKey)
{
    // Short text that needs no escaping (keys, topics, names): separator, quotes and text in one
    // append instead of four.
    constexpr size_t Max = 64;
    if (utf8.size() > Max || plainAsciiRun(utf8.data(), utf8.size()) != utf8.size())
        return false;
    char buf[Max + 8];
    size_t k = 0;
    if (m_afterKey) {
        m_afterKey = false;
    } else if (!m_first.empty()) {
        if (m_first.back()) {
            m_first.back() = false;
        } else {
            buf[k++] = ',';
            if (!m_options.compact)
                buf[k++] = ' ';
        }
    }
    buf[k++] = '"';
    std::memcpy(buf + k, utf8.data(), utf8.size());
    k += utf8.size();
    buf[k++] = '"';
    if (asKey) {
        buf[k++] = ':';
        if (!m_options.compact)
            buf[k++] = ' ';
        m_afterKey = true;
    }
    m_out.append(buf, k);
    return true;
}

void Writer::key(std::string_view utf8)
{
    if (appendPlainQuoted(utf8, true))
        return;
    separator();
    m_out.push_back('"');
    appendEscapedUtf8(utf8);
    if (m_options.compact)
        m_out.append("\":", 2);
    else
        m_out.append("\": ", 3);
    m_afterKey = true;
}

void Writer::key(QStringView text)
{
    separator();
    m_out.push_back('"');
    appendEscapedUtf16(text);
    m_out.append(m_options.compact ? "\":" : "\": ");
    m_afterKey = true;
}

void Writer::null()
{
    separator();
    m_out.append("null");
}

void Writer::boolean(bool v)
{
    separator();
    m_out.append(v ? "true" : "false");
}

void Writer::integer(long long v)
{
    separator();
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    m_out.append(buf, static_cast<size_t>(r.ptr - buf));
}

void Writer::unsignedInteger(unsigned long long v)
{
    separator();
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    m_out.append(buf, static_cast<size_t>(r.ptr - buf));
}

void Writer::number(double v)
{
    if (!std::isfinite(v))
        throw TranscodingError(QStringLiteral("cannot encode %1 as JSON: NaN and infinities are not valid JSON")
                                   .arg(std::isnan(v) ? QStringLiteral("NaN") : QStringLiteral("an infinity")));
    separator();
    m_out.append(formatDouble(v));
}

void Writer::rawNumber(std::string_view text)
{
    if (!isValidNumberText(text))
        throw TranscodingError(QStringLiteral("not a JSON number: '%1'")
                                   .arg(QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()))));
    separator();
    m_out.append(text);
}

void Writer::string(std::string_view utf8)
{
    if (appendPlainQuoted(utf8, false))
        return;
    separator();
    m_out.push_back('"');
    appendEscapedUtf8(utf8);
    m_out.push_back('"');
}

void Writer::string(QStringView text)
{
    separator();
    m_out.push_back('"');
    appendEscapedUtf16(text);
    m_out.push_back('"');
}

void Writer::raw(std::string_view json)
{
    separator();
    m_out.append(json);
}


void Writer::appendEscapedUtf8(std::string_view s)
{
    size_t i = 0;
    while (i < s.size()) {
        // Copy the longest run of ASCII that needs no escaping.
        size_t j = i + plainAsciiRun(s.data() + i, s.size() - i);
        while (j < s.size()) {
            const auto c = static_cast<unsigned char>(s[j]);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f)
                break;
            ++j;
        }
        m_out.append(s.data() + i, j - i);
        i = j;
        if (i >= s.size())
            break;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (const char e = shortEscape(c)) {
                m_out.push_back('\\');
                m_out.push_back(e);
            } else if (c == 0x7f && !m_options.ensureAscii) {
                m_out.push_back(static_cast<char>(c));
            } else {
                appendU16Escape(m_out, c);
            }
            ++i;
            continue;
        }
        // Non-ASCII: validated either way, since Python's json cannot read invalid UTF-8 back;
        // under ensure_ascii \uXXXX, with surrogate pairs beyond the BMP.
        const size_t from = i;
        unsigned cp = 0;
        if (!decodeUtf8(s, i, &cp))
            throwInvalidUtf8(from);
        if (!m_options.ensureAscii) {
            m_out.append(s.data() + from, i - from);
        } else if (cp >= 0x10000) {
            const unsigned v = cp - 0x10000;
            appendU16Escape(m_out, 0xd800 | (v >> 10));
            appendU16Escape(m_out, 0xdc00 | (v & 0x3ff));
        } else {
            appendU16Escape(m_out, cp);
        }
    }
}

void Writer::appendEscapedUtf16(QStringView s)
{
    const char16_t *p = s.utf16();
    const qsizetype n = s.size();
    const auto plain = [](char16_t c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; };
    for (qsizetype i = 0; i < n; ++i) {
        if (plain(p[i])) {
            // A run of characters written as they are, narrowed through a small buffer.
            char buf[64];
            size_t k = 0;
            while (i < n && plain(p[i])) {
                buf[k++] = static_cast<char>(p[i++]);
                if (k == sizeof buf) {
                    m_out.append(buf, k);
                    k = 0;
                }
            }
            m_out.append(buf, k);
            if (i >= n)
                break;
        }
        const char16_t c = p[i];
        if (c < 0x80) {
            if (const char e = shortEscape(c)) {
                m_out.push_back('\\');
                m_out.push_back(e);
            } else if (c == 0x7f && !m_options.ensureAscii) {
                m_out.push_back(static_cast<char>(c));
            } else {
                appendU16Escape(m_out, c);
            }
        } else if (m_options.ensureAscii) {
            appendU16Escape(m_out, c);
        } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < n && p[i + 1] >= 0xdc00 && p[i + 1] < 0xe000) {
            const unsigned cp = 0x10000 + ((static_cast<unsigned>(c) - 0xd800) << 10)
                + (static_cast<unsigned>(p[i + 1]) - 0xdc00);
            appendUtf8(m_out, cp);
            ++i;
        } else {
            appendUtf8(m_out, c);
        }
    }
}

void Writer::value(const Value &v)
{
    switch (v.type()) {
    case Value::Type::Null:
        null();
        break;
    case Value::Type::Bool:
        boolean(v.toBool());
        break;
    case Value::Type::Integer:
        integer(v.toInteger());
        break;
    case Value::Type::BigInteger:
        rawNumber(v.bigIntegerText());
        break;
    case Value::Type::Double:
        number(v.toDouble());
        break;
    case Value::Type::String:
        string(std::string_view(v.string()));
        break;
    case Value::Type::Array:
        beginArray();
        for (const Value &e : v.array())
            value(e);
        endArray();
        break;
    case Value::Type::Object:
        beginObject();
        if (m_options.sortKeys) {
            std::vector<const Value::Member *> sorted;
            sorted.reserve(v.members().size());
            for (const auto &m : v.members())
                sorted.push_back(&m);
            // UTF-8 byte order is code point order, which is how Python sorts str keys.
            std::stable_sort(sorted.begin(), sorted.end(),
                             [](const Value::Member *a, const Value::Member *b) { return a->first < b->first; });
            for (const auto *m : sorted) {
                key(std::string_view(m->first));
                value(m->second);
            }
        } else {
            for (const auto &m : v.members()) {
                key(std::string_view(m.first));
                value(m.second);
            }
        }
        endObject();
        break;
    }
}

std::string formatDouble(double v)
{
    if (v == 0.0)
        return std::signbit(v) ? "-0.0" : "0.0";
    // Shortest round-trip digits, then laid out as Python's float_repr_style 'short' ('r' mode).
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<size_t>(r.ptr - buf));
    bool negative = false;
    if (sci.front() == '-') {
        negative = true;
        sci.remove_prefix(1);
    }
    const size_t ePos = sci.find('e');
    std::string digits;
    digits.push_back(sci[0]);
    if (ePos > 1)
        digits.append(sci.substr(2, ePos - 2));
    int exp10 = 0;
    std::from_chars(sci.data() + ePos + 1 + (sci[ePos + 1] == '+' ? 1 : 0), sci.data() + sci.size(), exp10);
    while (digits.size() > 1 && digits.back() == '0')
        digits.pop_back();
    const int decpt = exp10 + 1; // digits are 0.d1d2… × 10^decpt
    std::string out = negative ? "-" : "";
    const int nd = static_cast<int>(digits.size());
    if (decpt <= -4 || decpt > 16) {
        out += digits[0];
        if (nd > 1) {
            out += '.';
            out.append(digits, 1, std::string::npos);
        }
        const int e = decpt - 1;
        char ebuf[16];
        std::snprintf(ebuf, sizeof ebuf, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
        out += ebuf;
    } else if (decpt <= 0) {
        out += "0.";
        out.append(static_cast<size_t>(-decpt), '0');
        out += digits;
    } else if (decpt >= nd) {
        out += digits;
        out.append(static_cast<size_t>(decpt - nd), '0');
        out += ".0";
    } else {
        out.append(digits, 0, static_cast<size_t>(decpt));
        out += '.';
        out.append(digits, static_cast<size_t>(decpt), std::string::npos);
    }
    return out;
}

// --- Parser --------------------------------------------------------------------------------------

class Parser
{
public:
    Parser(Document &doc, std::string *error)
        : m_doc(doc)
        , m_s(doc.m_view)
        , m_error(error)
    {
    }

    bool run()
    {
        skipWs();
        if (!parseValue(0))
            return false;
        skipWs();
        if (m_i != m_s.size())
            return fail("extra data after the JSON value");
        return true;
    }

private:
    using Entry = Document::Entry;

    bool fail(const char *what)
    {
        if (m_error) {
            *m_error = std::string(what) + " at offset " + std::to_string(m_i);
        }
        return false;
    }

    void skipWs()
    {
        while (m_i < m_s.size()) {
            const char c = m_s[m_i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                break;
            ++m_i;
        }
    }

    uint32_t push(Node::Type type, uint32_t start, uint32_t length, bool escaped = false)
    {
        m_doc.m_entries.push_back(Entry{type, escaped, start, length, 0});
        return static_cast<uint32_t>(m_doc.m_entries.size() - 1);
    }

    void close(uint32_t index) { m_doc.m_entries[index].next = static_cast<uint32_t>(m_doc.m_entries.size()); }

    bool literal(std::string_view word)
    {
        if (m_s.compare(m_i, word.size(), word) != 0)
            return false;
        m_i += word.size();
        return true;
    }

    bool parseValue(int depth)
    {
        if (m_i >= m_s.size())
            return fail("expecting a value");
        const char c = m_s[m_i];
        switch (c) {
        case '{':
            return parseObject(depth);
        case '[':
            return parseArray(depth);
        case '"':
            return parseString();
        case 't':
            if (literal("true")) {
                close(push(Node::Type::Bool, 1, 0));
                return true;
            }
            break;
        case 'f':
            if (literal("false")) {
                close(push(Node::Type::Bool, 0, 0));
                return true;
            }
            break;
        case 'n':
            if (literal("null")) {
                close(push(Node::Type::Null, 0, 0));
                return true;
            }
            break;
        case 'N':
            if (literal("NaN")) {
                close(push(Node::Type::Double, static_cast<uint32_t>(m_i - 3), 3));
                return true;
            }
            break;
        case 'I':
            if (literal("Infinity")) {
                close(push(Node::Type::Double, static_cast<uint32_t>(m_i - 8), 8));
                return true;
            }
            break;
        default:
            if (c == '-' || (c >= '0' && c <= '9'))
                return parseNumber();
            break;
        }
        return fail("expecting a value");
    }

    bool parseNumber()
    {
        const size_t start = m_i;
        if (m_s[m_i] == '-') {
            ++m_i;
            if (literal("Infinity")) {
                close(push(Node::Type::Double, static_cast<uint32_t>(start), static_cast<uint32_t>(m_i - start)));
                return true;
            }
        }
        if (m_i >= m_s.size())
            return fail("expecting a value");
        if (m_s[m_i] == '0') {
            ++m_i;
        } else if (m_s[m_i] >= '1' && m_s[m_i] <= '9') {
            while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9')
                ++m_i;
        } else {
            return fail("expecting a value");
        }
        bool isFloat = false;
        if (m_i < m_s.size() && m_s[m_i] == '.' && m_i + 1 < m_s.size() && m_s[m_i + 1] >= '0' && m_s[m_i + 1] <= '9') {
            isFloat = true;
            ++m_i;
            while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9')
                ++m_i;
        }
        if (m_i < m_s.size() && (m_s[m_i] == 'e' || m_s[m_i] == 'E')) {
            size_t j = m_i + 1;
            if (j < m_s.size() && (m_s[j] == '+' || m_s[j] == '-'))
                ++j;
            if (j < m_s.size() && m_s[j] >= '0' && m_s[j] <= '9') {
                isFloat = true;
                m_i = j;
                while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9')
                    ++m_i;
            }
        }
        const auto len = static_cast<uint32_t>(m_i - start);
        Node::Type type = Node::Type::Double;
        if (!isFloat) {
            long long v = 0;
            const auto r = std::from_chars(m_s.data() + start, m_s.data() + m_i, v);
            type = (r.ec == std::errc() && r.ptr == m_s.data() + m_i) ? Node::Type::Integer : Node::Type::BigInteger;
        }
        close(push(type, static_cast<uint32_t>(start), len));
        return true;
    }

    static int hex4(std::string_view s, size_t i)
    {
        if (i + 4 > s.size())
            return -1;
        int v = 0;
        for (size_t k = i; k < i + 4; ++k) {
            const char c = s[k];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= c - '0';
            else if (c >= 'a' && c <= 'f')
                v |= c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                v |= c - 'A' + 10;
            else
                return -1;
        }
        return v;
    }

    // The bytes of w (little-endian) that need a look: '"', '\\', below 0x20 or at least 0x80, each
    // flagged by its high bit. SWAR: (x - 0x01…) & ~x & 0x80… flags the zero bytes of x; a borrow
    // can only wrongly flag bytes above a rightly flagged one, so the lowest flag is exact.
    static uint64_t attentionMask(uint64_t w)
    {
        constexpr uint64_t Ones = 0x0101010101010101ULL;
        constexpr uint64_t Highs = 0x8080808080808080ULL;
        const auto zeroBytes = [](uint64_t x) { return (x - Ones) & ~x & Highs; };
        const uint64_t quote = zeroBytes(w ^ (Ones * '"'));
        const uint64_t backslash = zeroBytes(w ^ (Ones * '\\'));
        const uint64_t control = (w - Ones * 0x20) & ~w & Highs; // bytes below 0x20
        return quote | backslash | control | (w & Highs);
    }

    // Validates one UTF-8 sequence starting at m_i (a byte >= 0x80); advances past it.
    bool skipUtf8()
    {
        const auto b0 = static_cast<unsigned char>(m_s[m_i]);
        int n;
        unsigned min;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            n = 1;
            min = 0x80;
        } else if ((b0 & 0xf0) == 0xe0) {
            n = 2;
            min = 0x800;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            n = 3;
            min = 0x10000;
        } else {
            return fail("invalid UTF-8 in string");
        }
        if (m_i + static_cast<size_t>(n) >= m_s.size())
            return fail("invalid UTF-8 in string");
        unsigned cp = b0 & (n == 1 ? 0x1fu : n == 2 ? 0x0fu : 0x07u);
        for (int k = 1; k <= n; ++k) {
            const auto b = static_cast<unsigned char>(m_s[m_i + static_cast<size_t>(k)]);
            if ((b & 0xc0) != 0x80)
                return fail("invalid UTF-8 in string");
            cp = (cp << 6) | (b & 0x3fu);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
            return fail("invalid UTF-8 in string");
        m_i += static_cast<size_t>(n) + 1;
        return true;
    }

    bool parseString()
    {
        ++m_i; // opening quote
        const size_t start = m_i;
        // Fast path: no escapes. Eight bytes at a time up to the first byte that needs a look (a
        // quote, a backslash, a control character or non-ASCII), then that byte.
        const size_t n = m_s.size();
        for (;;) {
            bool found = false; // m_i is at a byte that needs a look
#if defined(__SSE2__)
            // Sixteen at a time: as signed bytes, "below 0x20" also takes in every byte >= 0x80.
            while (m_i + 16 <= n) {
                const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(m_s.data() + m_i));
                const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                              _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                                                 _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
                if (const int mask = _mm_movemask_epi8(hit)) {
                    m_i += static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
                    found = true;
                    break;
                }
                m_i += 16;
            }
#endif
#if Q_BYTE_ORDER == Q_LITTLE_ENDIAN
            while (!found && m_i + 8 <= n) {
                uint64_t w;
                std::memcpy(&w, m_s.data() + m_i, 8);
                if (const uint64_t mask = attentionMask(w)) {
                    m_i += static_cast<size_t>(__builtin_ctzll(mask)) >> 3; // the lowest flag is exact
                    found = true;
                    break;
                }
                m_i += 8;
            }
#endif
            while (!found && m_i < n) {
                const auto c = static_cast<unsigned char>(m_s[m_i]);
                if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80)
                    break;
                ++m_i;
            }
            if (m_i >= n)
                return fail("unterminated string");
            const auto c = static_cast<unsigned char>(m_s[m_i]);
            if (c == '"') {
                close(push(Node::Type::String, static_cast<uint32_t>(start), static_cast<uint32_t>(m_i - start)));
                ++m_i;
                return true;
            }
            if (c == '\\')
                break;
            if (c < 0x20)
                return fail("invalid control character in string");
            if (!skipUtf8())
                return false;
        }
        if (m_i >= m_s.size())
            return fail("unterminated string");
        // Slow path: unescape into the side buffer.
        std::string &u = m_doc.m_unescaped;
        const auto ustart = static_cast<uint32_t>(u.size());
        u.append(m_s, start, m_i - start);
        while (m_i < m_s.size()) {
            const auto c = static_cast<unsigned char>(m_s[m_i]);
            if (c == '"') {
                close(push(Node::Type::String, ustart, static_cast<uint32_t>(u.size() - ustart), true));
                ++m_i;
                return true;
            }
            if (c < 0x20)
                return fail("invalid control character in string");
            if (c >= 0x80) {
                const size_t from = m_i;
                if (!skipUtf8())
                    return false;
                u.append(m_s, from, m_i - from);
                continue;
            }
            if (c != '\\') {
                u.push_back(static_cast<char>(c));
                ++m_i;
                continue;
            }
            if (m_i + 1 >= m_s.size())
                return fail("unterminated string");
            const char e = m_s[m_i + 1];
            const size_t escape = m_i; // errors point at the backslash, as Python's do
            m_i += 2;
            switch (e) {
            case '"': u.push_back('"'); break;
            case '\\': u.push_back('\\'); break;
            case '/': u.push_back('/'); break;
            case 'b': u.push_back('\b'); break;
            case 'f': u.push_back('\f'); break;
            case 'n': u.push_back('\n'); break;
            case 'r': u.push_back('\r'); break;
            case 't': u.push_back('\t'); break;
            case 'u': {
                int v = hex4(m_s, m_i);
                if (v < 0) {
                    m_i = escape;
                    return fail("invalid \\uXXXX escape");
                }
                m_i += 4;
                unsigned cp = static_cast<unsigned>(v);
                if (cp >= 0xd800 && cp < 0xdc00 && m_i + 6 <= m_s.size() && m_s[m_i] == '\\' && m_s[m_i + 1] == 'u') {
                    const int low = hex4(m_s, m_i + 2);
                    if (low >= 0xdc00 && low < 0xe000) {
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (static_cast<unsigned>(low) - 0xdc00);
                        m_i += 6;
                    }
                }
                appendUtf8(u, cp); // lone surrogates kept as their 3-byte form, as Python keeps them
                break;
            }
            default:
                m_i = escape;
                return fail("invalid escape in string");
            }
        }
        return fail("unterminated string");
    }

    bool parseArray(int depth)
    {
        if (depth >= MaxDepth)
            return fail("nesting too deep");
        ++m_i;
        const uint32_t self = push(Node::Type::Array, 0, 0);
        uint32_t count = 0;
        skipWs();
        if (m_i < m_s.size() && m_s[m_i] == ']') {
            ++m_i;
            close(self);
            return true;
        }
        for (;;) {
            skipWs();
            if (!parseValue(depth + 1))
                return false;
            ++count;
            skipWs();
            if (m_i >= m_s.size())
                return fail("unterminated array");
            if (m_s[m_i] == ',') {
                ++m_i;
                continue;
            }
            if (m_s[m_i] == ']') {
                ++m_i;
                break;
            }
            return fail("expecting ',' or ']'");
        }
        m_doc.m_entries[self].start = count;
        close(self);
        return true;
    }

    bool parseObject(int depth)
    {
        if (depth >= MaxDepth)
            return fail("nesting too deep");
        ++m_i;
        const uint32_t self = push(Node::Type::Object, 0, 0);
        uint32_t count = 0;
        skipWs();
        if (m_i < m_s.size() && m_s[m_i] == '}') {
            ++m_i;
            close(self);
            return true;
        }
        for (;;) {
            skipWs();
            if (m_i >= m_s.size() || m_s[m_i] != '"')
                return fail("expecting a property name in double quotes");
            if (!parseString())
                return false;
            skipWs();
            if (m_i >= m_s.size() || m_s[m_i] != ':')
                return fail("expecting ':'");
            ++m_i;
            skipWs();
            if (!parseValue(depth + 1))
                return false;
            ++count;
            skipWs();
            if (m_i >= m_s.size())
                return fail("unterminated object");
            if (m_s[m_i] == ',') {
                ++m_i;
                continue;
            }
            if (m_s[m_i] == '}') {
                ++m_i;
                break;
            }
            return fail("expecting ',' or '}'");
        }
        m_doc.m_entries[self].start = count;
        close(self);
        return true;
    }

    Document &m_doc;
    std::string_view m_s;
    std::string *m_error;
    size_t m_i = 0;
};

// The view follows the text when the document owns it (a moved short string changes address).
Document::Document(const Document &other)
    : m_text(other.m_text)
    , m_view(other.ownsText() ? std::string_view(m_text) : other.m_view)
    , m_unescaped(other.m_unescaped)
    , m_entries(other.m_entries)
{
}

Document::Document(Document &&other) noexcept
{
    *this = std::move(other);
}

Document &Document::operator=(const Document &other)
{
    if (this != &other) {
        const bool owns = other.ownsText();
        m_text = other.m_text;
        m_view = owns ? std::string_view(m_text) : other.m_view;
        m_unescaped = other.m_unescaped;
        m_entries = other.m_entries;
    }
    return *this;
}

Document &Document::operator=(Document &&other) noexcept
{
    if (this != &other) {
        const bool owns = other.ownsText();
        m_text = std::move(other.m_text);
        m_view = owns ? std::string_view(m_text) : other.m_view;
        m_unescaped = std::move(other.m_unescaped);
        m_entries = std::move(other.m_entries);
        other.m_view = {};
    }
    return *this;
}

bool Document::tryParse(std::string_view text, std::string *error)
{
    if (text.size() >= std::numeric_limits<uint32_t>::max()) {
        if (error)
            *error = "JSON text too large";
        return false;
    }
    m_text.assign(text.data(), text.size());
    m_view = m_text;
    return run(error);
}

bool Document::tryParseInPlace(std::string_view text, std::string *error)
{
    if (text.size() >= std::numeric_limits<uint32_t>::max()) {
        if (error)
            *error = "JSON text too large";
        return false;
    }
    m_view = text;
    return run(error);
}

bool Document::run(std::string *error)
{
    m_unescaped.clear();
    m_entries.clear();
    Parser parser(*this, error);
    if (!parser.run()) {
        m_entries.clear();
        return false;
    }
    return true;
}

Document Document::parse(std::string_view text)
{
    Document doc;
    std::string error;
    if (!doc.tryParse(text, &error))
        throw TranscodingError(QStringLiteral("invalid JSON: %1").arg(QString::fromStdString(error)));
    return doc;
}

Node Document::root() const
{
    return m_entries.empty() ? Node() : Node(this, 0);
}

// --- Node ------------------------------------------------------------------------------------------

const char *Node::typeName() const
{
    if (!m_doc)
        return "nothing";
    switch (type()) {
    case Type::Null: return "null";
    case Type::Bool: return "boolean";
    case Type::Integer:
    case Type::BigInteger: return "integer";
    case Type::Double: return "float";
    case Type::String: return "string";
    case Type::Array: return "array";
    case Type::Object: return "object";
    }
    return "?";
}

bool Node::toBool() const
{
    return m_doc && type() == Type::Bool && m_doc->m_entries[m_index].start != 0;
}

std::string_view Node::numberText() const
{
    if (!m_doc || !isNumber())
        return {};
    const auto &e = m_doc->m_entries[m_index];
    return m_doc->m_view.substr(e.start, e.length);
}

long long Node::toInteger() const
{
    if (!m_doc || type() != Type::Integer)
        return 0;
    long long v = 0;
    const std::string_view t = numberText();
    std::from_chars(t.data(), t.data() + t.size(), v);
    return v;
}

namespace {

// The value of number text that from_chars found out of double's range: an infinity or a zero
// (with the text's sign), decided by the decimal exponent of its first significant digit — not by
// the sign of the exponent, since 1000…0e-10 with 400 zeros overflows.
double outOfRangeDouble(std::string_view t)
{
    const bool negative = !t.empty() && t.front() == '-';
    size_t i = negative ? 1 : 0;
    long long magnitude = 0; // decimal exponent of the first significant digit, before the e part
    bool significant = false;
    long long position = 0; // exponent of the digit at i
    size_t intDigits = 0;
    for (size_t k = i; k < t.size() && t[k] >= '0' && t[k] <= '9'; ++k)
        ++intDigits;
    position = static_cast<long long>(intDigits) - 1;
    for (; i < t.size() && t[i] != 'e' && t[i] != 'E'; ++i) {
        if (t[i] == '.')
            continue;
        if (t[i] != '0' && !significant) {
            significant = true;
            magnitude = position;
        }
        --position;
    }
    long long exponent = 0;
    if (i < t.size()) { // the e part, saturated: its size only has to tell huge from tiny
        ++i;
        const bool negativeExponent = i < t.size() && t[i] == '-';
        if (i < t.size() && (t[i] == '-' || t[i] == '+'))
            ++i;
        for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i)
            exponent = std::min<long long>(exponent * 10 + (t[i] - '0'), 1000000000000LL);
        if (negativeExponent)
            exponent = -exponent;
    }
    const double sign = negative ? -1.0 : 1.0;
    if (!significant || magnitude + exponent < 0)
        return sign * 0.0;
    return sign * std::numeric_limits<double>::infinity();
}

} // namespace

double Node::toDouble() const
{
    const std::string_view t = numberText();
    if (t.empty())
        return 0.0;
    if (t == "NaN")
        return std::numeric_limits<double>::quiet_NaN();
    if (t == "Infinity")
        return std::numeric_limits<double>::infinity();
    if (t == "-Infinity")
        return -std::numeric_limits<double>::infinity();
    double v = 0.0;
    const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (r.ec == std::errc::result_out_of_range) // Python gives inf for 1e999 and 0.0 for 1e-999
        return outOfRangeDouble(t);
    return v;
}

QString Node::toQString() const
{
    const std::string_view v = stringView();
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}

Node Node::firstChild() const
{
    if (size() == 0)
        return {};
    return Node(m_doc, m_index + 1);
}

Node Node::following() const
{
    if (!m_doc)
        return {};
    const uint32_t next = m_doc->m_entries[m_index].next;
    if (next >= m_doc->m_entries.size())
        return {};
    return Node(m_doc, next);
}

Node Node::at(uint32_t i) const
{
    if (type() != Type::Array || i >= size())
        return {};
    Node n = firstChild();
    for (uint32_t k = 0; k < i; ++k)
        n = Node(m_doc, m_doc->m_entries[n.m_index].next);
    return n;
}

// --- Value -----------------------------------------------------------------------------------------

namespace {
const std::string EmptyString;
const Value::Array EmptyArray;
const Value::Object EmptyObject;
} // namespace

Value Value::fromNode(const Node &node)
{
    if (!node.isValid())
        return Value();
    switch (node.type()) {
    case Type::Null:
        return Value();
    case Type::Bool:
        return Value(node.toBool());
    case Type::Integer:
        return Value(node.toInteger());
    case Type::BigInteger:
        return Value(BigInteger{std::string(node.numberText())});
    case Type::Double:
        return Value(node.toDouble());
    case Type::String:
        return Value(std::string(node.stringView()));
    case Type::Array: {
        Array a;
        a.reserve(node.size());
        const uint32_t n = node.size();
        Node e = node.firstChild();
        for (uint32_t k = 0; k < n; ++k, e = e.following())
            a.push_back(fromNode(e));
        return Value(std::move(a));
    }
    case Type::Object: {
        Object o;
        o.reserve(node.size());
        const uint32_t n = node.size();
        Node k = node.firstChild();
        for (uint32_t i = 0; i < n; ++i) {
            const Node v = k.following();
            std::string key(k.stringView());
            // Python keeps the last of repeated keys, at the position of the first.
            auto it = std::find_if(o.begin(), o.end(), [&](const Member &m) { return m.first == key; });
            if (it != o.end())
                it->second = fromNode(v);
            else
                o.emplace_back(std::move(key), fromNode(v));
            k = v.following();
        }
        return Value(std::move(o));
    }
    }
    return Value();
}

Value Value::parse(std::string_view text)
{
    const Document doc = Document::parse(text);
    return fromNode(doc.root());
}

Value::Type Value::type() const
{
    switch (m_data.index()) {
    case 0: return Type::Null;
    case 1: return Type::Bool;
    case 2: return Type::Integer;
    case 3: return Type::BigInteger;
    case 4: return Type::Double;
    case 5: return Type::String;
    case 6: return Type::Array;
    default: return Type::Object;
    }
}

const char *Value::typeName() const
{
    switch (type()) {
    case Type::Null: return "null";
    case Type::Bool: return "boolean";
    case Type::Integer:
    case Type::BigInteger: return "integer";
    case Type::Double: return "float";
    case Type::String: return "string";
    case Type::Array: return "array";
    case Type::Object: return "object";
    }
    return "?";
}

bool Value::toBool() const
{
    const bool *b = std::get_if<bool>(&m_data);
    return b && *b;
}

long long Value::toInteger() const
{
    if (const long long *v = std::get_if<long long>(&m_data))
        return *v;
    return 0;
}

double Value::toDouble() const
{
    if (const double *v = std::get_if<double>(&m_data))
        return *v;
    if (const long long *v = std::get_if<long long>(&m_data))
        return static_cast<double>(*v);
    if (const BigInteger *v = std::get_if<BigInteger>(&m_data))
        return std::strtod(v->text.c_str(), nullptr);
    return 0.0;
}

const std::string &Value::string() const
{
    if (const std::string *s = std::get_if<std::string>(&m_data))
        return *s;
    return EmptyString;
}

QString Value::toQString() const
{
    const std::string &s = string();
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

const std::string &Value::bigIntegerText() const
{
    if (const BigInteger *v = std::get_if<BigInteger>(&m_data))
        return v->text;
    return EmptyString;
}

const Value::Array &Value::array() const
{
    if (const Array *a = std::get_if<Array>(&m_data))
        return *a;
    return EmptyArray;
}

Value::Array &Value::array()
{
    if (!std::holds_alternative<Array>(m_data))
        m_data = Array{};
    return std::get<Array>(m_data);
}

const Value::Object &Value::members() const
{
    if (const Object *o = std::get_if<Object>(&m_data))
        return *o;
    return EmptyObject;
}

Value::Object &Value::members()
{
    if (!std::holds_alternative<Object>(m_data))
        m_data = Object{};
    return std::get<Object>(m_data);
}

const Value *Value::find(std::string_view key) const
{
    const Object *o = std::get_if<Object>(&m_data);
    if (!o)
        return nullptr;
    for (const auto &m : *o)
        if (m.first == key)
            return &m.second;
    return nullptr;
}

Value *Value::find(std::string_view key)
{
    Object *o = std::get_if<Object>(&m_data);
    if (!o)
        return nullptr;
    for (auto &m : *o)
        if (m.first == key)
            return &m.second;
    return nullptr;
}

void Value::insert(std::string_view key, Value v)
{
    if (Value *existing = find(key)) {
        *existing = std::move(v);
        return;
    }
    members().emplace_back(std::string(key), std::move(v));
}

bool Value::remove(std::string_view key)
{
    Object *o = std::get_if<Object>(&m_data);
    if (!o)
        return false;
    const auto it = std::find_if(o->begin(), o->end(), [&](const Member &m) { return m.first == key; });
    if (it == o->end())
        return false;
    o->erase(it);
    return true;
}

void Value::append(Value v)
{
    array().push_back(std::move(v));
}

size_t Value::size() const
{
    if (const Object *o = std::get_if<Object>(&m_data))
        return o->size();
    if (const Array *a = std::get_if<Array>(&m_data))
        return a->size();
    return 0;
}

std::string Value::toJson() const
{
    return toJson(Writer::Options());
}

std::string Value::toJson(Writer::Options options) const
{
    std::string out;
    Writer w(out, options);
    w.value(*this);
    return out;
}

namespace {

// Python compares an int and a float exactly: 2**53 + 1 != 2.0**53, although converting the int to
// a double would make them equal.
bool integerEqualsDouble(long long i, double d)
{
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || std::trunc(d) != d)
        return false; // NaN, infinities, beyond long long, or a fraction
    return static_cast<long long>(d) == i;
}

bool bigIntegerEqualsDouble(const std::string &text, double d)
{
    if (!std::isfinite(d) || std::trunc(d) != d)
        return false;
    char buf[400]; // the largest double has 309 integral digits, printed exactly by %.0f
    std::snprintf(buf, sizeof buf, "%.0f", d);
    return text == buf;
}

} // namespace

bool Value::operator==(const Value &other) const
{
    const Type a = type(), b = other.type();
    const bool aNum = isNumber(), bNum = other.isNumber();
    if (aNum && bNum) {
        if (a == Type::Double && b == Type::Double)
            return toDouble() == other.toDouble(); // NaN != NaN, as Python
        if (a == Type::Integer && b == Type::Integer)
            return toInteger() == other.toInteger();
        if (a == Type::BigInteger && b == Type::BigInteger)
            return bigIntegerText() == other.bigIntegerText();
        if (a == Type::Double || b == Type::Double) {
            const Value &d = a == Type::Double ? *this : other;
            const Value &i = a == Type::Double ? other : *this;
            return i.type() == Type::Integer ? integerEqualsDouble(i.toInteger(), d.toDouble())
                                             : bigIntegerEqualsDouble(i.bigIntegerText(), d.toDouble());
        }
        // An Integer and a BigInteger: equal only when the big one holds a small value as text.
        const Value &big = a == Type::BigInteger ? *this : other;
        const Value &small = a == Type::BigInteger ? other : *this;
        return big.bigIntegerText() == std::to_string(small.toInteger());
    }
    if (a == Type::Bool && b == Type::Bool)
        return toBool() == other.toBool();
    if (a != b)
        return false;
    switch (a) {
    case Type::Null:
        return true;
    case Type::String:
        return string() == other.string();
    case Type::Array:
        return array() == other.array();
    case Type::Object: {
        const Object &x = members(), &y = other.members();
        if (x.size() != y.size())
            return false;
        for (const auto &m : x) {
            const Value *v = other.find(m.first);
            if (!v || !(m.second == *v))
                return false;
        }
        return true;
    }
    default:
        return false;
    }
}

} // namespace es::json
