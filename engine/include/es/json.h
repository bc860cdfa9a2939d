#pragma once
// JSON as Python's json module writes and reads it — the wire format of every stored state.
//
// - Writer: streams JSON text into a std::string with Python's json.dumps() defaults: separators
//   ", " and ": ", ensure_ascii (non-ASCII as lower-case \uXXXX escapes, surrogate pairs beyond the
//   BMP), floats as Python's repr(), integers exact, NaN and infinities refused. The transcoder's hot
//   path: no QVariant, no per-value allocation once the buffer has grown.
// - Document/Node: a fast parser into a flat node array; nodes are views into the document (cheap
//   to copy, valid while the document lives). Accepts what json.loads() accepts, including NaN and
//   Infinity, big integers and lone surrogates; rejects everything else with the offset of the error.
// - Value: an owning, mutable JSON value (object members keep their order) for the generic decoder,
//   the inspector, snapshots' state and upcasting; compared as Python compares dicts and numbers.
//
// Writer, Document and Value are not thread-safe; use one per thread. Strings are UTF-8.

#include <QString>
#include <QStringView>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace es::json {

class Value;

class Writer
{
public:
    struct Options
    {
        bool ensureAscii = true; // Python's default
        bool sortKeys = false;   // applies to Values written with value()
        bool compact = false;    // separators "," and ":" instead of ", " and ": "
    };

    explicit Writer(std::string &out);
    Writer(std::string &out, Options options);

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    // An object key; the next call writes its value.
    void key(std::string_view utf8);
    void key(QStringView text);

    void null();
    void boolean(bool v);
    void integer(long long v);
    void unsignedInteger(unsigned long long v);
    // Python's repr(float); throws es::TranscodingError for NaN and infinities.
    void number(double v);
    // A number given as JSON text (big integers), written verbatim after validation.
    void rawNumber(std::string_view text);
    // Strings must be valid UTF-8 (a lone surrogate in its 3-byte form is accepted, as the parser
    // stores \ud800 that way); anything else throws es::TranscodingError rather than write bytes
    // Python's json.loads() would refuse.
    void string(std::string_view utf8);
    void string(QStringView text);
    void string(const QString &text) { string(QStringView(text)); }
    void string(const char *utf8) { string(std::string_view(utf8)); }
    // A complete JSON value already encoded (e.g. a cached fragment); no validation.
    void raw(std::string_view json);
    // For a caller that appends one complete JSON value itself: places the separator, returns the
    // buffer to append to (the hot path of the timestamp codec).
    std::string &rawValue()
    {
        separator();
        return m_out;
    }
    void value(const Value &v);

    // Convenience for object members.
    template<typename T>
    void member(std::string_view name, const T &v)
    {
        key(name);
        write(v);
    }

    const Options &options() const { return m_options; }
    std::string &buffer() { return m_out; }

private:
    void write(bool v) { boolean(v); }
    void write(int v) { integer(v); }
    void write(long long v) { integer(v); }
    void write(long v) { integer(v); }
    void write(double v) { number(v); }
    void write(std::string_view v) { string(v); }
    void write(const char *v) { string(v); }
    void write(const QString &v) { string(v); }
    void write(const Value &v) { value(v); }
    void separator();
    bool appendPlainQuoted(std::string_view utf8, bool asKey);
    void appendEscapedUtf8(std::string_view s);
    void appendEscapedUtf16(QStringView s);

    std::string &m_out;
    Options m_options;
    std::vector<bool> m_first; // per open container: no element written yet
    bool m_afterKey = false;
};

// Python's repr(float) for finite values ("1.0", "0.1", "1e+16", "1.5e-05").
std::string formatDouble(double v);

class Document;

// A view of one parsed JSON value inside a Document.
class Node
{
public:
    enum class Type : uint8_t { Null, Bool, Integer, BigInteger, Double, String, Array, Object };

    Node() = default;
    Type type() const;
    bool isValid() const { return m_doc != nullptr; }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isInteger() const { return type() == Type::Integer; }
    bool isNumber() const
    {
        const Type t = type();
        return t == Type::Integer || t == Type::BigInteger || t == Type::Double;
    }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }

    bool toBool() const;
    long long toInteger() const;    // Integer only
    double toDouble() const;        // any number
    std::string_view numberText() const; // the number as written
    std::string_view stringView() const; // String only: unescaped UTF-8
    QString toQString() const;

    // Arrays and objects: number of elements / members.
    uint32_t size() const;
    // Array element i (0-based); invalid Node when out of range.
    Node at(uint32_t i) const;
    // Object member by key (the last one if repeated, as Python); invalid Node when absent.
    Node find(std::string_view key) const;
    Node operator[](std::string_view key) const { return find(key); }

    template<typename F>
    void forEachMember(F f) const // f(std::string_view key, Node value), in document order
    {
        const uint32_t n = size();
        Node k = firstChild();
        for (uint32_t i = 0; i < n; ++i) {
            const Node v = k.following();
            f(k.stringView(), v);
            k = v.following();
        }
    }
    template<typename F>
    void forEachElement(F f) const // f(Node element)
    {
        const uint32_t n = size();
        Node e = firstChild();
        for (uint32_t i = 0; i < n; ++i) {
            f(e);
            e = e.following();
        }
    }

    // Human-readable type name for error messages ("object", "string"…).
    const char *typeName() const;

private:
    friend class Document;
    friend class Value;
    // The entry after this subtree: the next sibling while inside the parent's count.
    Node firstChild() const;
    Node following() const;
    Node(const Document *doc, uint32_t index) : m_doc(doc), m_index(index) { }
    const Document *m_doc = nullptr;
    uint32_t m_index = 0;
};

class Document
{
public:
    Document() = default;
    Document(const Document &other);
    Document(Document &&other) noexcept;
    Document &operator=(const Document &other);
    Document &operator=(Document &&other) noexcept;
    ~Document() = default;

    // Parses a copy of text; throws es::TranscodingError describing the first error and its offset.
    static Document parse(std::string_view text);
    // Parses into this document, reusing its memory; returns false and sets *error on bad input.
    bool tryParse(std::string_view text, std::string *error);
    // As tryParse(), without copying the text: the document's nodes read `text`, which must stay
    // valid and unchanged while they are used (the mapper's decoding hot path).
    bool tryParseInPlace(std::string_view text, std::string *error);
    Node root() const;

private:
    friend class Node;
    friend class Parser;
    bool run(std::string *error);
    bool ownsText() const { return m_view.data() == m_text.data(); }
    struct Entry
    {
        Node::Type type;
        bool escaped;   // string data lives in m_unescaped
        uint32_t start; // text offset (numbers, strings) or child count (containers)
        uint32_t length;
        uint32_t next;  // index of the next sibling (one past this subtree)
    };
    std::string m_text;       // the parsed text, when the document keeps a copy
    std::string_view m_view;  // the parsed text: m_text, or the caller's (tryParseInPlace)
    std::string m_unescaped;
    std::vector<Entry> m_entries;
};

// The accessors every decoded field goes through, inline.
inline Node::Type Node::type() const
{
    return m_doc ? m_doc->m_entries[m_index].type : Type::Null;
}

inline std::string_view Node::stringView() const
{
    if (!m_doc)
        return {};
    const Document::Entry &e = m_doc->m_entries[m_index];
    if (e.type != Type::String)
        return {};
    return e.escaped ? std::string_view(m_doc->m_unescaped).substr(e.start, e.length) : m_doc->m_view.substr(e.start, e.length);
}

// Inline, so that a key given as a literal is compared with a known length (no memcmp call): the
// decoder looks up every field this way.
inline Node Node::find(std::string_view key) const
{
    if (!m_doc)
        return {};
    const auto &entries = m_doc->m_entries;
    if (entries[m_index].type != Type::Object)
        return {};
    Node found;
    const uint32_t n = entries[m_index].start;
    uint32_t index = m_index + 1;
    for (uint32_t k = 0; k < n; ++k) {
        const Document::Entry &e = entries[index];
        const uint32_t valueIndex = e.next;
        if (e.length == key.size()) {
            const char *text = (e.escaped ? m_doc->m_unescaped.data() : m_doc->m_view.data()) + e.start;
            if (std::string_view(text, key.size()) == key) // the last one, as Python
                found = Node(m_doc, valueIndex);
        }
        index = entries[valueIndex].next;
    }
    return found;
}

inline uint32_t Node::size() const
{
    if (!m_doc)
        return 0;
    const Document::Entry &e = m_doc->m_entries[m_index];
    return (e.type == Type::Array || e.type == Type::Object) ? e.start : 0;
}

class Value
{
public:
    using Type = Node::Type;
    using Array = std::vector<Value>;
    using Member = std::pair<std::string, Value>;
    using Object = std::vector<Member>;
    struct BigInteger
    {
        std::string text;
    };

    Value() = default; // null
    Value(std::nullptr_t) { }
    Value(bool v) : m_data(v) { }
    Value(int v) : m_data(static_cast<long long>(v)) { }
    Value(long v) : m_data(static_cast<long long>(v)) { }
    Value(long long v) : m_data(v) { }
    Value(double v) : m_data(v) { }
    Value(const char *utf8) : m_data(std::string(utf8)) { }
    Value(std::string utf8) : m_data(std::move(utf8)) { }
    Value(std::string_view utf8) : m_data(std::string(utf8)) { }
    Value(const QString &text) : m_data(text.toStdString()) { }
    Value(Array a) : m_data(std::move(a)) { }
    Value(Object o) : m_data(std::move(o)) { }
    Value(BigInteger b) : m_data(std::move(b)) { }

    static Value fromNode(const Node &node);
    // Parses JSON text; throws es::TranscodingError.
    static Value parse(std::string_view text);
    static Value emptyObject() { return Value(Object{}); }
    static Value emptyArray() { return Value(Array{}); }

    Type type() const;
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isInteger() const { return type() == Type::Integer; }
    bool isNumber() const
    {
        const Type t = type();
        return t == Type::Integer || t == Type::BigInteger || t == Type::Double;
    }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }
    const char *typeName() const;

    bool toBool() const;
    long long toInteger() const;
    double toDouble() const;
    const std::string &string() const; // UTF-8; empty string when not a string
    QString toQString() const;
    const std::string &bigIntegerText() const;
    const Array &array() const;
    Array &array();
    const Object &members() const;
    Object &members();

    // Objects: the member's value or nullptr. insert() replaces an existing key or appends.
    const Value *find(std::string_view key) const;
    Value *find(std::string_view key);
    void insert(std::string_view key, Value v);
    bool remove(std::string_view key);
    // Arrays: append.
    void append(Value v);
    size_t size() const;

    // JSON text (Python's json.dumps() by default).
    std::string toJson() const;
    std::string toJson(Writer::Options options) const;

    // Python's == on the decoded values: objects ignore member order, 1 == 1.0 (exactly: 2**53 + 1 is
    // not 2.0**53), NaN != NaN. Stricter than Python in one way: true != 1, since a boolean on the
    // wire is never a number.
    bool operator==(const Value &other) const;
    bool operator!=(const Value &other) const { return !(*this == other); }

private:
    std::variant<std::monostate, bool, long long, BigInteger, double, std::string, Array, Object> m_data;
};

} // namespace es::json
