#pragma once
// UUID helpers with Python's uuid semantics: uuid4(), uuid5(namespace, name) giving the same ids
// as Python (NAMESPACE_URL, name encoded as UTF-8), and the two text forms the stores use: 32 hex
// digits ("uuid_hex", SQLite's originator_id, the remote log) and dashed (PostgreSQL, exports).
// Stateless functions, thread-safe.

#include <QByteArray>
#include <QString>
#include <QUuid>
#include <functional>
#include <string_view>

namespace es::uuid {

// Python's uuid.NAMESPACE_DNS, NAMESPACE_URL, NAMESPACE_OID, NAMESPACE_X500.
extern const QUuid NamespaceDns;
extern const QUuid NamespaceUrl;
extern const QUuid NamespaceOid;
extern const QUuid NamespaceX500;

// A random (version 4) UUID.
QUuid v4();
// Replaces the source of v4() ids, process-wide (nullptr restores the random source): for
// deterministic demo stores and tests. Thread-safe; v4() stays lock-free while no source is set.
void setV4Source(std::function<QUuid()> source);
// Python's uuid5(namespace, name).
QUuid v5(const QUuid &ns, const QString &name);
// uuid5(NAMESPACE_URL, name), as the wiki, parking lot and counters examples use.
inline QUuid v5url(const QString &name) { return v5(NamespaceUrl, name); }

// 32 lower-case hex digits (Python's uuid.hex).
QString toHex(const QUuid &id);
// Writes 32 lower-case hex digits to out[0..31] (no terminator).
void toHex(const QUuid &id, char *out);
// Writes the 16 bytes of RFC 4122 (QUuid::toRfc4122() without the allocation) to out[0..15].
void toRfc4122(const QUuid &id, char *out);
// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", lower case (Python's str(uuid)).
QString toDashed(const QUuid &id);

// Parses 32 hex digits, the dashed form, or either in braces, upper or lower case (Python's
// UUID(str) accepts the same). Returns false on anything else.
bool parse(std::string_view text, QUuid *out);
bool parse(const QString &text, QUuid *out);
inline bool parse(const char *text, QUuid *out) { return parse(std::string_view(text), out); }
// As parse(); throws es::ValueError naming the text when it is not a UUID.
QUuid fromString(std::string_view text);
QUuid fromString(const QString &text);
inline QUuid fromString(const char *text) { return fromString(std::string_view(text)); }

} // namespace es::uuid
