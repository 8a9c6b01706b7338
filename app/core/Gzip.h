#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <optional>

class QIODevice;

// gzip-compressed responses: customers send `response.json.gz`, and `curl --compressed -o` or a
// proxy log can leave a body still encoded. The inspector and `inspect` look at the JSON inside
// (docs/design.md, Big responses: sizes are measured after decompression).
namespace Gzip {
// The gzip magic bytes 1f 8b.
bool isGzip(QByteArrayView bytes);

// Why decompression stopped, for callers that react differently (a size limit can be raised).
enum class Failure
{
    None,
    Corrupt,  // corrupt or truncated gzip data
    TooLarge, // the output would exceed maxSize
    Bomb,     // past kBombGrace output bytes, more than kMaxRatio times the input consumed
    Canceled,
    Other, // zlib could not start, or the output could not be written
};

// A real JSON response compresses well, but not beyond this ratio once it is this big; more is
// refused as a likely decompression bomb (a few MB that expand to GBs) while decompressing.
constexpr qint64 kMaxRatio = 200;
constexpr qint64 kBombGrace = 10 << 20;

// Decompresses a whole gzip stream (also several concatenated members). nullopt with a
// specific message for a corrupt or truncated stream, or when the output would exceed maxSize.
std::optional<QByteArray> decompress(QByteArrayView compressed, qint64 maxSize, QString* error,
                                     Failure* failure = nullptr);

// Streams in → out. progress(fraction of the input consumed) may return false to cancel
// (error "canceled"). False with a message on failure; out then holds a partial result.
bool decompress(QIODevice& in, QIODevice& out, qint64 maxSize, QString* error,
                const std::function<bool(double)>& progress = {}, Failure* failure = nullptr);
// Streams in → write(data, size), chunk by chunk, for readers that consume the plain bytes as
// they come (a compressed JSON Lines log). write returns false to stop (the result is then false,
// failure Other, error left as write set it).
bool decompress(QIODevice& in, const std::function<bool(const char* data, qint64 size)>& write, qint64 maxSize,
                QString* error, const std::function<bool(double)>& progress = {}, Failure* failure = nullptr);
// One gzip member holding the bytes (support bundles); empty only if zlib fails. Inputs must
// stay below 4 GiB (one deflate call).
QByteArray compress(QByteArrayView plain);
} // namespace Gzip
