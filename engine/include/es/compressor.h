#pragma once
// Compression of stored state, as Python's eventsourcing.compressor: zlib (ZlibCompressor, the
// library's default when COMPRESSOR_TOPIC names it) and gzip (the wiki example). Decompression
// detects the format by its header, so a reader need not know which one wrote a record.
// Compressors are stateless and thread-safe.

#include <QByteArray>
#include <QString>
#include <memory>

namespace es {

enum class Compression { None, Zlib, Gzip };

// The format the bytes start with: zlib (CMF/FLG header with a valid check), gzip (1f 8b), or None.
Compression detectCompression(const QByteArray &data);
QString compressionName(Compression c); // "plain", "zlib", "gzip"

class Compressor
{
public:
    virtual ~Compressor();
    virtual QByteArray compress(const QByteArray &data) const = 0;
    // Decompresses zlib or gzip, whichever the header says; throws CompressionError on bad data.
    virtual QByteArray decompress(const QByteArray &data) const = 0;
    virtual Compression format() const = 0;
};

// zlib.compress(data) / zlib.decompress(data), as Python's ZlibCompressor (level 6 by default).
class ZlibCompressor final : public Compressor
{
public:
    explicit ZlibCompressor(int level = -1);
    QByteArray compress(const QByteArray &data) const override;
    QByteArray decompress(const QByteArray &data) const override;
    Compression format() const override { return Compression::Zlib; }

private:
    int m_level;
};

// gzip.compress(data) / gzip.decompress(data).
class GzipCompressor final : public Compressor
{
public:
    explicit GzipCompressor(int level = 9);
    QByteArray compress(const QByteArray &data) const override;
    QByteArray decompress(const QByteArray &data) const override;
    Compression format() const override { return Compression::Gzip; }

private:
    int m_level;
};

// Decompresses zlib or gzip by header; returns the input unchanged when it has neither header.
// Throws CompressionError when a header is present but the data is damaged.
QByteArray decompressAny(const QByteArray &data);

// The compressor a COMPRESSOR_TOPIC value names ("eventsourcing.compressor:ZlibCompressor", "zlib",
// "gzip"); throws ConfigurationError naming `variable` for anything else.
std::shared_ptr<Compressor> compressorForTopic(const QString &topic, const QString &variable = QStringLiteral("COMPRESSOR_TOPIC"));

} // namespace es
