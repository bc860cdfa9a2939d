#pragma once
// Typed encoding of values to the Python wire format, chosen at compile time (no QVariant, no
// per-field lookups by name on the hot path).
//
// es::Codec<T> knows how to write a T with a json::Writer and read it back from a json::Node:
//   bool, int, qint64, double, QString, std::string, QStringList, QByteArray (as text), json::Value,
//   std::optional<T> (None), std::vector<T>/QList<T> (list), std::pair/std::tuple (tuple → list),
//   std::map<QString,T>/QMap<QString,T> (dict), and the built-in custom types
//   QUuid ("uuid_hex"), es::Decimal ("decimal_str"), es::Timestamp ("datetime_iso").
//
// Custom types (Python's Transcoding classes) specialise es::Transcoding<T>:
//
//   template<> struct es::Transcoding<Person> {
//       static constexpr std::string_view name = "person_as_dict";
//       static void encode(es::json::Writer &w, const Person &p);  // writes the "_data_" value
//       static Person decode(const es::json::Node &data);          // reads it back
//   };
//
// and are then written as {"_type_": name, "_data_": …} like Python's JSONTranscoder does.
// Decoding errors throw es::TranscodingError with the path of the failing value.

#include "es/decimal.h"
#include "es/errors.h"
#include "es/json.h"
#include "es/timestamp.h"
#include "es/uuid.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUuid>
#include <charconv>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace es {

template<typename T>
struct Transcoding; // specialise for custom types

template<typename T, typename Enable = void>
struct Codec; // specialise for value types

namespace detail {

template<typename T, typename = void>
struct HasTranscoding : std::false_type
{
};
template<typename T>
struct HasTranscoding<T, std::void_t<decltype(Transcoding<T>::name)>> : std::true_type
{
};

[[noreturn]] void throwTypeMismatch(const char *expected, const json::Node &node);
[[noreturn]] void throwCustomTypeMismatch(std::string_view expected, const json::Node &node);
// Reads {"_type_": name, "_data_": …} and returns the _data_ node; throws naming the _type_ found.
json::Node customData(const json::Node &node, std::string_view expectedName);
void beginCustom(json::Writer &w, std::string_view name);
inline void endCustom(json::Writer &w) { w.endObject(); }

} // namespace detail

template<typename T>
void encodeValue(json::Writer &w, const T &value)
{
    Codec<T>::write(w, value);
}

template<typename T>
T decodeValue(const json::Node &node)
{
    return Codec<T>::read(node);
}

// --- scalars ---------------------------------------------------------------------------------------

template<>
struct Codec<bool>
{
    static void write(json::Writer &w, bool v) { w.boolean(v); }
    static bool read(const json::Node &n)
    {
        if (!n.isBool())
            detail::throwTypeMismatch("boolean", n);
        return n.toBool();
    }
};

template<typename T>
struct Codec<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>>
{
    static void write(json::Writer &w, T v)
    {
        if constexpr (std::is_signed_v<T>)
            w.integer(static_cast<long long>(v));
        else
            w.unsignedInteger(static_cast<unsigned long long>(v));
    }
    static T read(const json::Node &n)
    {
        if constexpr (std::is_same_v<T, unsigned long long> || std::is_same_v<T, unsigned long>) {
            // Beyond LLONG_MAX the parser keeps the number as text; what write() wrote reads back.
            if (n.type() == json::Node::Type::BigInteger) {
                const std::string_view t = n.numberText();
                unsigned long long u = 0;
                const auto r = std::from_chars(t.data(), t.data() + t.size(), u);
                if (r.ec != std::errc() || r.ptr != t.data() + t.size() || u > std::numeric_limits<T>::max())
                    detail::throwTypeMismatch("integer in range", n);
                return static_cast<T>(u);
            }
        }
        if (!n.isInteger())
            detail::throwTypeMismatch("integer", n);
        const long long v = n.toInteger();
        if (v < static_cast<long long>(std::numeric_limits<T>::min())
            || (v > 0 && static_cast<unsigned long long>(v) > static_cast<unsigned long long>(std::numeric_limits<T>::max())))
            detail::throwTypeMismatch("integer in range", n);
        return static_cast<T>(v);
    }
};

template<>
struct Codec<double>
{
    static void write(json::Writer &w, double v) { w.number(v); }
    static double read(const json::Node &n)
    {
        if (!n.isNumber())
            detail::throwTypeMismatch("number", n);
        return n.toDouble();
    }
};

template<>
struct Codec<QString>
{
    static void write(json::Writer &w, const QString &v) { w.string(QStringView(v)); }
    static QString read(const json::Node &n)
    {
        if (!n.isString())
            detail::throwTypeMismatch("string", n);
        return n.toQString();
    }
};

template<>
struct Codec<std::string>
{
    static void write(json::Writer &w, const std::string &v) { w.string(std::string_view(v)); }
    static std::string read(const json::Node &n)
    {
        if (!n.isString())
            detail::throwTypeMismatch("string", n);
        return std::string(n.stringView());
    }
};

// Bytes that hold UTF-8 text, written as a JSON string (Python code that stores text as str).
template<>
struct Codec<QByteArray>
{
    static void write(json::Writer &w, const QByteArray &v)
    {
        w.string(std::string_view(v.constData(), static_cast<size_t>(v.size())));
    }
    static QByteArray read(const json::Node &n)
    {
        if (!n.isString())
            detail::throwTypeMismatch("string", n);
        const std::string_view s = n.stringView();
        return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
    }
};

template<>
struct Codec<json::Value>
{
    static void write(json::Writer &w, const json::Value &v) { w.value(v); }
    static json::Value read(const json::Node &n) { return json::Value::fromNode(n); }
};

// --- the built-in custom types of Python's JSONTranscoder -----------------------------------------

template<>
struct Codec<QUuid>
{
    static void write(json::Writer &w, const QUuid &v)
    {
        detail::beginCustom(w, "uuid_hex");
        char hex[32];
        uuid::toHex(v, hex);
        w.string(std::string_view(hex, 32));
        detail::endCustom(w);
    }
    static QUuid read(const json::Node &n)
    {
        const json::Node data = detail::customData(n, "uuid_hex");
        QUuid id;
        if (!data.isString() || !uuid::parse(data.stringView(), &id))
            detail::throwTypeMismatch("UUID hex string", data);
        return id;
    }
};

template<>
struct Codec<Decimal>
{
    static void write(json::Writer &w, const Decimal &v)
    {
        detail::beginCustom(w, "decimal_str");
        w.string(std::string_view(v.toStdString()));
        detail::endCustom(w);
    }
    static Decimal read(const json::Node &n)
    {
        const json::Node data = detail::customData(n, "decimal_str");
        Decimal d;
        if (!data.isString() || !Decimal::tryParse(data.stringView(), &d))
            detail::throwTypeMismatch("Decimal string", data);
        return d;
    }
};

template<>
struct Codec<Timestamp>
{
    static void write(json::Writer &w, const Timestamp &v)
    {
        detail::beginCustom(w, "datetime_iso");
        std::string &out = w.rawValue();
        out.push_back('"');
        v.appendIso(out); // ASCII only: nothing to escape
        out.push_back('"');
        detail::endCustom(w);
    }
    static Timestamp read(const json::Node &n)
    {
        const json::Node data = detail::customData(n, "datetime_iso");
        Timestamp t;
        if (!data.isString() || !Timestamp::tryParseIso(data.stringView(), &t))
            detail::throwTypeMismatch("ISO datetime string", data);
        return t;
    }
};

// --- containers --------------------------------------------------------------------------------------

template<typename T>
struct Codec<std::optional<T>>
{
    static void write(json::Writer &w, const std::optional<T> &v)
    {
        if (v)
            Codec<T>::write(w, *v);
        else
            w.null();
    }
    static std::optional<T> read(const json::Node &n)
    {
        if (!n.isValid() || n.isNull())
            return std::nullopt;
        return Codec<T>::read(n);
    }
};

namespace detail {
template<typename C>
struct SequenceCodec
{
    using T = typename C::value_type;
    static void write(json::Writer &w, const C &v)
    {
        w.beginArray();
        for (const auto &e : v)
            Codec<T>::write(w, e);
        w.endArray();
    }
    static C read(const json::Node &n)
    {
        if (!n.isArray())
            throwTypeMismatch("array", n);
        C out;
        out.reserve(static_cast<decltype(out.size())>(n.size()));
        n.forEachElement([&](const json::Node &e) { out.push_back(Codec<T>::read(e)); });
        return out;
    }
};

template<typename M>
struct MappingCodec
{
    using T = typename M::mapped_type;
    static void write(json::Writer &w, const M &v)
    {
        w.beginObject();
        for (auto it = v.begin(); it != v.end(); ++it) {
            if constexpr (std::is_same_v<M, QMap<QString, T>>) {
                w.key(QStringView(it.key()));
                Codec<T>::write(w, it.value());
            } else {
                w.key(QStringView(it->first));
                Codec<T>::write(w, it->second);
            }
        }
        w.endObject();
    }
    static M read(const json::Node &n)
    {
        if (!n.isObject())
            throwTypeMismatch("object", n);
        M out;
        n.forEachMember([&](std::string_view k, const json::Node &v) {
            out[QString::fromUtf8(k.data(), static_cast<qsizetype>(k.size()))] = Codec<T>::read(v);
        });
        return out;
    }
};
} // namespace detail

template<typename T>
struct Codec<std::vector<T>> : detail::SequenceCodec<std::vector<T>>
{
};
template<typename T>
struct Codec<QList<T>> : detail::SequenceCodec<QList<T>>
{
};
template<>
struct Codec<QStringList> : detail::SequenceCodec<QList<QString>>
{
};
template<typename T>
struct Codec<std::map<QString, T>> : detail::MappingCodec<std::map<QString, T>>
{
};
template<typename T>
struct Codec<QMap<QString, T>> : detail::MappingCodec<QMap<QString, T>>
{
};

template<typename... Ts>
struct Codec<std::tuple<Ts...>>
{
    static void write(json::Writer &w, const std::tuple<Ts...> &v)
    {
        w.beginArray();
        std::apply([&](const auto &...e) { (encodeValue(w, e), ...); }, v);
        w.endArray();
    }
    static std::tuple<Ts...> read(const json::Node &n)
    {
        if (!n.isArray() || n.size() != sizeof...(Ts))
            detail::throwTypeMismatch("array of the tuple's length", n);
        return readAt(n, std::index_sequence_for<Ts...>());
    }

private:
    template<size_t... I>
    static std::tuple<Ts...> readAt(const json::Node &n, std::index_sequence<I...>)
    {
        return std::tuple<Ts...>(Codec<Ts>::read(n.at(static_cast<uint32_t>(I)))...);
    }
};

template<typename A, typename B>
struct Codec<std::pair<A, B>>
{
    static void write(json::Writer &w, const std::pair<A, B> &v)
    {
        w.beginArray();
        Codec<A>::write(w, v.first);
        Codec<B>::write(w, v.second);
        w.endArray();
    }
    static std::pair<A, B> read(const json::Node &n)
    {
        if (!n.isArray() || n.size() != 2)
            detail::throwTypeMismatch("array of two", n);
        return {Codec<A>::read(n.at(0)), Codec<B>::read(n.at(1))};
    }
};

// --- custom types through es::Transcoding<T> -----------------------------------------------------------

template<typename T>
struct Codec<T, std::enable_if_t<detail::HasTranscoding<T>::value>>
{
    static void write(json::Writer &w, const T &v)
    {
        detail::beginCustom(w, Transcoding<T>::name);
        Transcoding<T>::encode(w, v);
        detail::endCustom(w);
    }
    static T read(const json::Node &n) { return Transcoding<T>::decode(detail::customData(n, Transcoding<T>::name)); }
};

} // namespace es
