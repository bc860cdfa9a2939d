#include "es/compressor.h"

#include "es/errors.h"

#include <zlib.h>

namespace es {

namespace {

// windowBits for zlib's deflateInit2/inflateInit2: 15 = zlib wrapper, 15 + 16 = gzip wrapper.
constexpr int ZlibWindow = 15;
constexpr int GzipWindow = 15 + 16;

QByteArray deflateAll(const QByteArray &data, int level, int windowBits)
{
    z_stream zs{};
    if (deflateInit2(&zs, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw CompressionError(QStringLiteral("cannot initialise zlib"));
    QByteArray out;
    out.resize(static_cast<qsizetype>(deflateBound(&zs, static_cast<uLong>(data.size()))) + 32);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    const auto produced = static_cast<qsizetype>(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        throw CompressionError(QStringLiteral("zlib compression failed (%1)").arg(rc));
    out.truncate(produced);
    return out;
}

QByteArray inflateAll(const QByteArray &data, int windowBits, const char *format)
{
    z_stream zs{};
    if (inflateInit2(&zs, windowBits) != Z_OK)
        throw CompressionError(QStringLiteral("cannot initialise zlib"));
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = static_cast<uInt>(data.size());
    QByteArray out;
    out.resize(qMax<qsizetype>(256, data.size() * 4));
    int rc = Z_OK;
    bool tooLarge = false;
    for (;;) {
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + zs.total_out);
        zs.avail_out = static_cast<uInt>(out.size() - static_cast<qsizetype>(zs.total_out));
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END)
            break;
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
            rc = Z_DATA_ERROR; // input ended before the stream did: truncated
            break;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR)
            break;
        if (zs.avail_out == 0) {
            if (out.size() > (qsizetype(1) << 30)) { // a decompression bomb, not a state
                tooLarge = true;
                rc = Z_MEM_ERROR;
                break;
            }
            out.resize(out.size() * 2);
        }
    }
    const auto produced = static_cast<qsizetype>(zs.total_out);
    const bool trailing = zs.avail_in != 0;
    inflateEnd(&zs);
    if (rc != Z_STREAM_END)
        throw CompressionError(QStringLiteral("cannot decompress %1 data: %2")
                                   .arg(QLatin1String(format),
                                        rc == Z_DATA_ERROR ? QStringLiteral("damaged or truncated")
                                        : rc == Z_NEED_DICT ? QStringLiteral("it needs a preset dictionary, which no writer of states uses")
                                        : tooLarge         ? QStringLiteral("it expands beyond 1 GiB, more than any stored state")
                                                           : QStringLiteral("error %1").arg(rc)));
    if (trailing)
        throw CompressionError(QStringLiteral("cannot decompress %1 data: trailing bytes after the stream").arg(QLatin1String(format)));
    out.truncate(produced);
    return out;
}

} // namespace

Compressor::~Compressor() = default;

Compression detectCompression(const QByteArray &data)
{
    if (data.size() >= 2) {
        const auto b0 = static_cast<unsigned char>(data[0]);
        const auto b1 = static_cast<unsigned char>(data[1]);
        if (b0 == 0x1f && b1 == 0x8b)
            return Compression::Gzip;
        // zlib: CM = 8 (deflate), CINFO <= 7, and (CMF*256 + FLG) divisible by 31.
        if ((b0 & 0x0f) == 8 && (b0 >> 4) <= 7 && ((b0 << 8) | b1) % 31 == 0)
            return Compression::Zlib;
    }
    return Compression::None;
}

QString compressionName(Compression c)
{
    switch (c) {
    case Compression::Zlib: return QStringLiteral("zlib");
    case Compression::Gzip: return QStringLiteral("gzip");
    case Compression::None: break;
    }
    return QStringLiteral("plain");
}

ZlibCompressor::ZlibCompressor(int level)
    : m_level(level)
{
}

QByteArray ZlibCompressor::compress(const QByteArray &data) const
{
    return deflateAll(data, m_level, ZlibWindow);
}

QByteArray ZlibCompressor::decompress(const QByteArray &data) const
{
    if (detectCompression(data) == Compression::Gzip)
        return inflateAll(data, GzipWindow, "gzip");
    return inflateAll(data, ZlibWindow, "zlib");
}

GzipCompressor::GzipCompressor(int level)
    : m_level(level)
{
}

QByteArray GzipCompressor::compress(const QByteArray &data) const
{
    return deflateAll(data, m_level, GzipWindow);
}

QByteArray GzipCompressor::decompress(const QByteArray &data) const
{
    if (detectCompression(data) == Compression::Zlib)
        return inflateAll(data, ZlibWindow, "zlib");
    return inflateAll(data, GzipWindow, "gzip");
}

QByteArray decompressAny(const QByteArray &data)
{
    switch (detectCompression(data)) {
    case Compression::Zlib:
        return inflateAll(data, ZlibWindow, "zlib");
    case Compression::Gzip:
        return inflateAll(data, GzipWindow, "gzip");
    case Compression::None:
        break;
    }
    return data;
}

std::shared_ptr<Compressor> compressorForTopic(const QString &topic, const QString &variable)
{
    const QString t = topic.trimmed();
    if (t == QLatin1String("eventsourcing.compressor:ZlibCompressor") || t == QLatin1String("zlib")
        || t == QLatin1String("eventsourcing.compressor:zlib"))
        return std::make_shared<ZlibCompressor>();
    if (t == QLatin1String("gzip") || t == QLatin1String("eventsourcing.compressor:gzip"))
        return std::make_shared<GzipCompressor>();
    throw ConfigurationError(QStringLiteral("%1='%2' names no known compressor (use "
                                            "'eventsourcing.compressor:ZlibCompressor', 'zlib' or 'gzip')")
                                 .arg(variable, topic));
}

} // namespace es
