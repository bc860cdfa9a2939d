#include "es/uuid.h"

#include "es/errors.h"

#include <atomic>
#include <cstring>
#include <mutex>
#if defined(Q_OS_LINUX)
#include <cerrno>
#include <pthread.h>
#include <sys/random.h>
#endif

namespace es::uuid {

const QUuid NamespaceDns(0x6ba7b810, 0x9dad, 0x11d1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8);
const QUuid NamespaceUrl(0x6ba7b811, 0x9dad, 0x11d1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8);
const QUuid NamespaceOid(0x6ba7b812, 0x9dad, 0x11d1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8);
const QUuid NamespaceX500(0x6ba7b814, 0x9dad, 0x11d1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8);

namespace {

constexpr char HexDigits[] = "0123456789abcdef";

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

namespace {
std::atomic<bool> g_sourceSet{false};
std::mutex g_sourceMutex;
std::function<QUuid()> g_source;
} // namespace

void setV4Source(std::function<QUuid()> source)
{
    std::lock_guard lock(g_sourceMutex);
    g_source = std::move(source);
    g_sourceSet = static_cast<bool>(g_source);
}

#if defined(Q_OS_LINUX)
namespace {

// Random bytes for v4(), per thread, 4 KiB at a time from getrandom() — what Python's uuid4()
// reads 16 bytes at a time (os.urandom). QUuid::createUuid() costs 1.2-1.7 µs here (it goes
// through QRandomGenerator::system() for every UUID); this costs one system call per 256 UUIDs
// (measured 0.04 µs a UUID). A forked child starts with an empty pool, so that it never repeats
// its parent's UUIDs.
struct RandomPool
{
    unsigned char bytes[4096];
    size_t used = sizeof bytes;
};
thread_local RandomPool t_pool;

void emptyPoolInChild()
{
    t_pool.used = sizeof t_pool.bytes; // the forking thread is the child's only thread
}

bool fill(RandomPool &pool)
{
    static const bool registered = (pthread_atfork(nullptr, nullptr, emptyPoolInChild), true);
    (void)registered;
    size_t got = 0;
    while (got < sizeof pool.bytes) {
        const ssize_t n = getrandom(pool.bytes + got, sizeof pool.bytes - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        got += static_cast<size_t>(n);
    }
    pool.used = 0;
    return true;
}

} // namespace
#endif

QUuid v4()
{
    if (g_sourceSet.load(std::memory_order_acquire)) {
        std::lock_guard lock(g_sourceMutex);
        if (g_source)
            return g_source();
    }
#if defined(Q_OS_LINUX)
    RandomPool &pool = t_pool;
    if (pool.used + 16 > sizeof pool.bytes && !fill(pool))
        return QUuid::createUuid();
    unsigned char *b = pool.bytes + pool.used;
    pool.used += 16;
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40); // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80); // RFC 4122 variant
    return QUuid::fromRfc4122(QByteArrayView(reinterpret_cast<const char *>(b), 16));
#else
    return QUuid::createUuid();
#endif
}

QUuid v5(const QUuid &ns, const QString &name)
{
    return QUuid::createUuidV5(ns, name.toUtf8());
}

void toRfc4122(const QUuid &id, char *out)
{
    // From the fields (big-endian, as RFC 4122 lays them out): no allocation, every event stored
    // goes through here.
    const unsigned char raw[8] = {
        static_cast<unsigned char>(id.data1 >> 24), static_cast<unsigned char>(id.data1 >> 16),
        static_cast<unsigned char>(id.data1 >> 8),  static_cast<unsigned char>(id.data1),
        static_cast<unsigned char>(id.data2 >> 8),  static_cast<unsigned char>(id.data2),
        static_cast<unsigned char>(id.data3 >> 8),  static_cast<unsigned char>(id.data3),
    };
    std::memcpy(out, raw, 8);
    std::memcpy(out + 8, id.data4, 8);
}

void toHex(const QUuid &id, char *out)
{
    char raw[16];
    toRfc4122(id, raw);
    for (size_t i = 0; i < 16; ++i) {
        const auto byte = static_cast<unsigned char>(raw[i]);
        out[2 * i] = HexDigits[byte >> 4];
        out[2 * i + 1] = HexDigits[byte & 0xf];
    }
}

QString toHex(const QUuid &id)
{
    char buf[32];
    toHex(id, buf);
    return QString::fromLatin1(buf, 32);
}

QString toDashed(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

bool parse(std::string_view s, QUuid *out)
{
    if (s.size() >= 2 && s.front() == '{' && s.back() == '}')
        s = s.substr(1, s.size() - 2);
    if (s.size() >= 9 && (s.substr(0, 9) == "urn:uuid:"))
        s.remove_prefix(9);
    unsigned char bytes[16];
    int n = 0;
    int hi = -1;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '-') {
            // Dashes only where the dashed form has them, and only in that form.
            if (s.size() != 36 || (i != 8 && i != 13 && i != 18 && i != 23))
                return false;
            continue;
        }
        const int v = hexValue(c);
        if (v < 0 || n >= 16)
            return false;
        if (hi < 0) {
            hi = v;
        } else {
            bytes[n++] = static_cast<unsigned char>(hi << 4 | v);
            hi = -1;
        }
    }
    if (n != 16 || hi >= 0 || (s.size() != 32 && s.size() != 36))
        return false;
    *out = QUuid::fromRfc4122(QByteArrayView(reinterpret_cast<const char *>(bytes), 16));
    return true;
}

bool parse(const QString &text, QUuid *out)
{
    if (text.size() > 48)
        return false;
    const QByteArray latin = text.toLatin1();
    return parse(std::string_view(latin.constData(), static_cast<size_t>(latin.size())), out);
}

QUuid fromString(std::string_view text)
{
    QUuid id;
    if (!parse(text, &id))
        throw ValueError(QStringLiteral("not a UUID: '%1'")
                             .arg(QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()))));
    return id;
}

QUuid fromString(const QString &text)
{
    QUuid id;
    if (!parse(text, &id))
        throw ValueError(QStringLiteral("not a UUID: '%1'").arg(text));
    return id;
}

} // namespace es::uuid
