#include "Gzip.h"

#include <QIODevice>

#include <vector>
#include <zlib.h>

namespace Gzip {
namespace {

constexpr int kChunk = 1 << 18;

QString zlibError(int status, const z_stream& stream)
{
    if (status == Z_DATA_ERROR)
        return QStringLiteral("the gzip data is corrupt (%1)")
            .arg(QString::fromLatin1(stream.msg ? stream.msg : "invalid compressed data"));
    if (status == Z_MEM_ERROR)
        return QStringLiteral("not enough memory to decompress");
    return QStringLiteral("decompression failed (zlib status %1)").arg(status);
}

// One inflate session over any number of concatenated gzip members; `read` supplies input,
// `write` takes output. The caller's callbacks decide where bytes come from and go.
class Inflater
{
public:
    Inflater() { m_ok = inflateInit2(&m_stream, 16 + MAX_WBITS) == Z_OK; }
    ~Inflater() { inflateEnd(&m_stream); }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    Failure failure = Failure::None;

    bool run(const std::function<QByteArrayView()>& read, const std::function<bool(const char*, qint64)>& write,
             qint64 maxSize, QString* error)
    {
        const auto fail = [&](Failure why, const QString& message) {
            failure = why;
            if (error)
                *error = message;
            return false;
        };
        if (!m_ok)
            return fail(Failure::Other, QStringLiteral("cannot start the decompressor"));
        std::vector<char> out(kChunk);
        qint64 produced = 0;
        qint64 fed = 0; // compressed bytes handed to zlib, over all members
        bool memberEnded = false;
        for (;;) {
            if (m_stream.avail_in == 0) {
                const QByteArrayView input = read();
                if (input.isEmpty()) {
                    if (memberEnded)
                        return true;
                    return fail(Failure::Corrupt,
                                QStringLiteral("the gzip data is truncated after %1 decompressed bytes").arg(produced));
                }
                fed += input.size();
                m_stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
                m_stream.avail_in = uInt(input.size());
            }
            if (memberEnded) {
                // Another member follows (concatenated gzip), unless the rest is padding.
                if (*m_stream.next_in == 0) {
                    m_stream.avail_in = 0;
                    continue;
                }
                // Anything else than another gzip header is not ours to decode: name it, rather
                // than let zlib call it "incorrect header check".
                if (*m_stream.next_in != 0x1f) {
                    return fail(Failure::Corrupt,
                                QStringLiteral("the gzip data ends after %1 compressed bytes and is followed by "
                                               "trailing garbage (bytes that are not gzip)")
                                    .arg(fed - m_stream.avail_in));
                }
                inflateReset(&m_stream);
                memberEnded = false;
            }
            m_stream.next_out = reinterpret_cast<Bytef*>(out.data());
            m_stream.avail_out = uInt(out.size());
            const int status = inflate(&m_stream, Z_NO_FLUSH);
            if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR)
                return fail(Failure::Corrupt, zlibError(status, m_stream));
            const qint64 n = qint64(out.size()) - m_stream.avail_out;
            produced += n;
            if (produced > maxSize)
                return fail(Failure::TooLarge,
                            QStringLiteral("the decompressed response is larger than %1 bytes").arg(maxSize));
            const qint64 consumed = qMax<qint64>(1, fed - m_stream.avail_in);
            if (produced > kBombGrace && produced > kMaxRatio * consumed) {
                return fail(Failure::Bomb,
                            QStringLiteral("%1 compressed bytes expand to more than %2 bytes (over %3:1), which looks "
                                           "like a decompression bomb; if the data is genuine, decompress it yourself "
                                           "(gunzip -c) and open the plain JSON")
                                .arg(consumed)
                                .arg(produced)
                                .arg(kMaxRatio));
            }
            if (n > 0 && !write(out.data(), n)) {
                failure = Failure::Other;
                return false;
            }
            if (status == Z_STREAM_END)
                memberEnded = true;
        }
    }

private:
    z_stream m_stream{};
    bool m_ok = false;
};

} // namespace

bool isGzip(QByteArrayView bytes)
{
    return bytes.size() >= 2 && uchar(bytes[0]) == 0x1f && uchar(bytes[1]) == 0x8b;
}

std::optional<QByteArray> decompress(QByteArrayView compressed, qint64 maxSize, QString* error, Failure* failure)
{
    QByteArray result;
    bool given = false;
    Inflater inflater;
    const bool ok = inflater.run(
        [&]() -> QByteArrayView {
            if (given)
                return {};
            given = true;
            return compressed;
        },
        [&](const char* data, qint64 size) {
            result.append(data, size);
            return true;
        },
        maxSize, error);
    if (failure)
        *failure = inflater.failure;
    if (!ok)
        return std::nullopt;
    return result;
}

bool decompress(QIODevice& in, const std::function<bool(const char* data, qint64 size)>& write, qint64 maxSize,
                QString* error, const std::function<bool(double)>& progress, Failure* failure)
{
    const qint64 total = qMax<qint64>(1, in.size());
    QByteArray buffer;
    bool canceled = false;
    Inflater inflater;
    const bool ok = inflater.run(
        [&]() -> QByteArrayView {
            if (progress && !progress(double(in.pos()) / double(total))) {
                canceled = true;
                return {};
            }
            buffer = in.read(kChunk);
            return buffer;
        },
        write, maxSize, error);
    if (canceled && error)
        *error = QStringLiteral("canceled");
    if (failure)
        *failure = canceled ? Failure::Canceled : inflater.failure;
    return ok && !canceled;
}

bool decompress(QIODevice& in, QIODevice& out, qint64 maxSize, QString* error,
                const std::function<bool(double)>& progress, Failure* failure)
{
    return decompress(
        in,
        [&](const char* data, qint64 size) {
            if (out.write(data, size) == size)
                return true;
            if (error)
                *error = QStringLiteral("cannot write the decompressed data: %1").arg(out.errorString());
            return false;
        },
        maxSize, error, progress, failure);
}

QByteArray compress(QByteArrayView plain)
{
    z_stream stream{};
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out;
    out.resize(qsizetype(deflateBound(&stream, uLong(plain.size()))) + 32);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
    stream.avail_in = uInt(plain.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = uInt(out.size());
    const int status = deflate(&stream, Z_FINISH);
    const qsizetype written = qsizetype(stream.total_out);
    deflateEnd(&stream);
    if (status != Z_STREAM_END)
        return {};
    out.resize(written);
    return out;
}

} // namespace Gzip
