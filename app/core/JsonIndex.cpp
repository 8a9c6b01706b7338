#include "JsonIndex.h"

#include "Gzip.h"
#include "Platform.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <algorithm>
#include <cstring>

namespace {

// Code points in [p, p + n): bytes that are not UTF-8 continuation bytes (10xxxxxx), eight at
// a time. Columns on a 1 GB single-line document are counted at memory speed.
qint64 countCodePoints(const char* p, qint64 n)
{
    qint64 count = 0;
    qint64 i = 0;
    for (; i + 8 <= n; i += 8) {
        quint64 w;
        std::memcpy(&w, p + i, 8);
        const quint64 continuation = (w & ~(w << 1) & 0x8080808080808080ull) >> 7; // 1 per 10xxxxxx byte
        // Horizontal byte sum by multiplication (no popcount: the build does not assume POPCNT).
        count += 8 - qint64((continuation * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; ++i)
        count += (uchar(p[i]) & 0xc0) != 0x80;
    return count;
}

bool isPlainIdentifier(const QString& key)
{
    if (key.isEmpty())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key.at(i);
        const bool letter = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                            (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || c == QLatin1Char('_') ||
                            c == QLatin1Char('$');
        if (!letter && !(i > 0 && c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            return false;
    }
    return true;
}

} // namespace

JsonIndex::JsonIndex() = default;
JsonIndex::~JsonIndex() = default;
JsonIndex::JsonIndex(JsonIndex&& other) noexcept = default;
JsonIndex& JsonIndex::operator=(JsonIndex&& other) noexcept = default;

namespace {
QString tooLargeText(qint64 maxSize)
{
    return QStringLiteral("larger than the %1-byte limit").arg(maxSize);
}

JsonIndex::Status statusOf(Gzip::Failure failure)
{
    switch (failure) {
    case Gzip::Failure::TooLarge:
    case Gzip::Failure::Bomb:
        return JsonIndex::Status::TooLarge;
    case Gzip::Failure::Canceled:
        return JsonIndex::Status::Canceled;
    default:
        return JsonIndex::Status::Unreadable;
    }
}
} // namespace

JsonIndex JsonIndex::fromBytes(const QByteArray& bytes, const Progress& progress, qint64 maxSize)
{
    maxSize = qMin(maxSize, maxDocumentSize());
    JsonIndex index;
    if (Gzip::isGzip(bytes)) {
        QString error;
        Gzip::Failure failure = Gzip::Failure::None;
        std::optional<QByteArray> plain = Gzip::decompress(bytes, maxSize, &error, &failure);
        if (!plain) {
            index.fail(statusOf(failure), -1, QStringLiteral("the input is gzip-compressed and %1").arg(error));
            return index;
        }
        index.m_compressedSize = bytes.size();
        index.m_bytes = std::move(*plain);
        index.m_data = index.m_bytes.constData();
        index.m_size = index.m_bytes.size();
        index.build(progress);
        return index;
    }
    if (bytes.size() > maxSize) {
        index.fail(Status::TooLarge, -1, QStringLiteral("%1 bytes is %2").arg(bytes.size()).arg(tooLargeText(maxSize)));
        return index;
    }
    index.m_bytes = bytes;
    index.m_data = index.m_bytes.constData();
    index.m_size = index.m_bytes.size();
    index.build(progress);
    return index;
}

JsonIndex JsonIndex::fromFile(const QString& path, const Progress& progress, qint64 maxSize, Residency residency)
{
    JsonIndex index;
    const QFileInfo info(path);
    if (info.isDir()) {
        index.fail(Status::Unreadable, -1, QStringLiteral("it is a directory"));
        return index;
    }
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly)) {
        index.fail(Status::Unreadable, -1, file->errorString());
        return index;
    }
    // /dev/zero, a FIFO, /dev/stdin: no size to trust and no mapping; read with the same bound.
    if (!info.isFile() || file->isSequential())
        return fromStream(*file, maxSize, progress, residency);
    return fromOpenFile(std::move(file), info.fileName(), progress, maxSize, residency);
}

JsonIndex JsonIndex::fromStream(QIODevice& in, qint64 maxSize, const Progress& progress, Residency residency)
{
    maxSize = qMin(maxSize, maxDocumentSize());
    constexpr qint64 kInMemory = 32 << 20;
    constexpr qint64 kChunk = 1 << 20;
    JsonIndex index;
    QByteArray head;
    // Reserved at its full size: one block that malloc maps on its own and gives back when the
    // input spills to a file. Grown by appending, it ended on the heap and stayed resident next
    // to the mapped file (inspect - of 72 MB: 228 MB peak instead of 199 MB). Untouched pages
    // cost nothing.
    head.reserve(qsizetype(qMin(kInMemory, maxSize + 1)));
    std::unique_ptr<QTemporaryFile> spill;
    QByteArray chunk;
    qint64 total = 0;
    for (;;) {
        // One byte more than the limit is enough to know the input is too large.
        chunk.resize(qMin(kChunk, maxSize + 1 - total));
        const qint64 n = in.read(chunk.data(), chunk.size());
        if (n < 0) {
            index.fail(Status::Unreadable, -1, in.errorString());
            return index;
        }
        if (n == 0) // blocking devices (files, pipes, buffers) return 0 only at the end
            break;
        total += n;
        if (total > maxSize) {
            index.fail(Status::TooLarge, -1, QStringLiteral("the input is %1").arg(tooLargeText(maxSize)));
            return index;
        }
        if (!spill && head.size() + n <= kInMemory) {
            head.append(chunk.constData(), n);
            continue;
        }
        if (!spill) {
            spill = std::make_unique<QTemporaryFile>(
                QDir(QDir::tempPath()).filePath(QStringLiteral("leadgen-diag-stdin-XXXXXX")));
            if (!spill->open() || spill->write(head) != head.size()) {
                index.fail(Status::Unreadable, -1,
                           QStringLiteral("cannot write a temporary file: %1").arg(spill->errorString()));
                return index;
            }
            head = QByteArray();
        }
        if (spill->write(chunk.constData(), n) != n) {
            index.fail(Status::Unreadable, -1,
                       QStringLiteral("cannot write a temporary file: %1").arg(spill->errorString()));
            return index;
        }
    }
    if (!spill)
        return fromBytes(head, progress, maxSize);
    if (!spill->flush() || !spill->seek(0)) {
        index.fail(Status::Unreadable, -1, spill->errorString());
        return index;
    }
    return fromOpenFile(std::move(spill), QStringLiteral("the input"), progress, maxSize, residency);
}

JsonIndex JsonIndex::fromOpenFile(std::unique_ptr<QFile> file, const QString& name, const Progress& progress,
                                  qint64 maxSize, Residency residency)
{
    maxSize = qMin(maxSize, maxDocumentSize());
    JsonIndex index;
    index.m_onePass = residency == Residency::OnePass;
    if (Gzip::isGzip(file->peek(2))) {
        // Decompressed into a temporary file (removed with the index) and mapped like any
        // other: a compressed 300 MB response must not need its plain size in memory twice.
        auto plain = std::make_unique<QTemporaryFile>(
            QDir(QDir::tempPath()).filePath(QStringLiteral("leadgen-diag-gunzip-XXXXXX")));
        if (!plain->open()) {
            index.fail(
                Status::Unreadable, -1,
                QStringLiteral("cannot create a temporary file to decompress into: %1").arg(plain->errorString()));
            return index;
        }
        QString error;
        Gzip::Failure failure = Gzip::Failure::None;
        const auto onProgress = [&progress](double f) { return !progress || progress(0.1 * f); };
        if (!Gzip::decompress(*file, *plain, maxSize, &error, onProgress, &failure)) {
            index.fail(statusOf(failure), -1, QStringLiteral("%1 is gzip-compressed and %2").arg(name, error));
            return index;
        }
        index.m_compressedSize = file->size();
        if (!plain->flush() || !plain->seek(0)) {
            index.fail(Status::Unreadable, -1, plain->errorString());
            return index;
        }
        file = std::move(plain);
    }
    const qint64 size = file->size();
    if (size > maxSize) {
        index.fail(Status::TooLarge, -1, QStringLiteral("%1 bytes is %2").arg(size).arg(tooLargeText(maxSize)));
        return index;
    }
    constexpr qint64 kMapThreshold = 256 * 1024;
    if (size < kMapThreshold) {
        index.m_bytes = file->readAll();
        if (index.m_bytes.size() != size && file->error() != QFileDevice::NoError) {
            index.fail(Status::Unreadable, -1, file->errorString());
            return index;
        }
        index.m_data = index.m_bytes.constData();
        index.m_size = index.m_bytes.size();
        index.build(progress);
        return index;
    }
    uchar* map = file->map(0, size);
    if (!map) {
        index.fail(Status::Unreadable, -1, file->errorString());
        return index;
    }
    index.m_file = std::move(file);
    index.m_data = reinterpret_cast<const char*>(map);
    index.m_size = size;
    // Fault the mapping in by chunks first: reading a cold file happens here, where it can
    // report progress and be canceled, not inside the single uninterruptible stage 1 call.
    constexpr qint64 kChunk = 16 << 20;
    volatile char sink = 0;
    for (qint64 at = 0; at < size; at += 4096) {
        sink = sink + index.m_data[at];
        if (at % kChunk == 0 && at && progress && !progress(0.15 * double(at) / double(size))) {
            index.fail(Status::Canceled, -1, QStringLiteral("canceled"));
            return index;
        }
    }
    index.build(progress ? Progress([&progress](double f) { return progress(0.15 + 0.85 * f); }) : Progress());
    return index;
}

void JsonIndex::build(const Progress& progress)
{
    m_knownNonJson = false;
    // Looked at before indexing: invalid UTF-8 (a byte order mark, gzip's 8b) is replaced while
    // indexing.
    QString encoding = otherEncoding(QByteArrayView(m_data, m_size));
    if (Gzip::isGzip(QByteArrayView(m_data, m_size)))
        encoding = m_compressedSize ? QStringLiteral("the decompressed body is gzip-compressed again (compressed "
                                                     "twice): decompress it once more")
                                    : QStringLiteral("the body is gzip-compressed");
    buildIndex(progress);
    if (m_status != Status::Invalid)
        return;
    if (!encoding.isEmpty()) {
        m_errorOffset = 0;
        m_errorMessage = encoding;
        m_knownNonJson = true;
        m_truncated = false;
        return;
    }
    nameKnownShape();
}

QString JsonIndex::otherEncoding(QByteArrayView bytes)
{
    // Text in another Unicode encoding: by its byte order mark, or by the NUL bytes every ASCII
    // character then carries (JSON text starts with an ASCII character).
    struct Encoding
    {
        const char* name;
        QByteArrayView bom;
        const char* nulPattern; // over the first 4 bytes: '0' a NUL byte, 'x' another
    };
    static const Encoding encodings[] = {
        {"UTF-32LE", QByteArrayView("\xFF\xFE\x00\x00", 4), "x000"},
        {"UTF-32BE", QByteArrayView("\x00\x00\xFE\xFF", 4), "000x"},
        {"UTF-16LE", QByteArrayView("\xFF\xFE", 2), "x0x0"},
        {"UTF-16BE", QByteArrayView("\xFE\xFF", 2), "0x0x"},
    };
    for (const Encoding& e : encodings) {
        bool pattern = bytes.size() >= 4;
        for (int i = 0; pattern && i < 4; ++i)
            pattern = (bytes[i] == 0) == (e.nulPattern[i] == '0');
        const bool bom = bytes.startsWith(e.bom);
        if (bom || pattern) {
            const QString how = bom ? QStringLiteral("byte order mark %1")
                                          .arg(QString::fromLatin1(e.bom.toByteArray().toHex(' ')).toUpper())
                                    : QStringLiteral("a NUL byte next to each ASCII character");
            return QStringLiteral("the body is %1 text (%2), not UTF-8 as JSON requires: convert it first, e.g. "
                                  "iconv -f %1 -t UTF-8")
                .arg(QLatin1String(e.name), how);
        }
    }
    return QString();
}

void JsonIndex::nameKnownShape()
{
    const QByteArrayView all(m_data, m_size);
    const auto named = [this](qint64 offset, const QString& message) {
        m_errorOffset = offset;
        m_errorMessage = message;
        m_knownNonJson = true;
        m_truncated = false;
    };
    // At the error: a token JSON does not have.
    qint64 at = m_errorOffset;
    if (at < 0 || at >= m_size)
        return;
    const QByteArrayView here = all.sliced(at);
    if (here.startsWith("//") || here.startsWith("/*")) {
        named(at, QStringLiteral("a comment (%1): JSON has no comments; remove it")
                      .arg(here.startsWith("//") ? QStringLiteral("//") : QStringLiteral("/* */")));
        return;
    }
    for (const char* word : {"NaN", "Infinity", "-Infinity", "+Infinity", "-NaN"}) {
        if (here.startsWith(word)) {
            named(at, QStringLiteral("%1 is not a JSON number (JSON has no NaN or Infinity): the sender must write "
                                     "null or a string instead")
                          .arg(QLatin1String(word)));
            return;
        }
    }
}

void JsonIndex::fail(Status status, qint64 offset, const QString& message, bool truncated)
{
    m_status = status;
    m_errorOffset = offset;
    m_errorMessage = message;
    m_truncated = truncated;
    m_nodes.clear();
    m_nodes.shrink_to_fit();
    m_containers.clear();
    m_containers.shrink_to_fit();
    m_farKeys.clear();
}

void JsonIndex::releaseSource(qint64 from, qint64 to) const
{
    // Only a file mapping: released pages of an in-memory copy would read back as zeros.
    if (m_onePass && m_file && m_bytes.isNull() && from < to)
        Platform::releasePages(m_data + std::max<qint64>(from, 0), m_data + std::min(to, m_size));
}

qint64 JsonIndex::indexMemory() const
{
    return qint64(m_nodes.size()) * qint64(sizeof(Node)) + qint64(m_containers.size()) * qint64(sizeof(Container)) +
           qint64(m_farKeys.size()) * 32;
}

bool JsonIndex::isContainer(NodeId node) const
{
    const Type t = type(node);
    return t == Type::Object || t == Type::Array;
}

JsonIndex::NodeId JsonIndex::parent(NodeId node) const
{
    return m_nodes[node].parent;
}

int JsonIndex::childCount(NodeId node) const
{
    const Container* c = containerOf(node);
    return c ? int(c->count) : 0;
}

JsonIndex::NodeId JsonIndex::child(NodeId node, int index) const
{
    const Container* c = containerOf(node);
    if (!c)
        return npos;
    return index >= 0 && quint32(index) < c->count ? c->first + quint32(index) : npos;
}

int JsonIndex::row(NodeId node) const
{
    const NodeId parent = m_nodes[node].parent;
    return parent == npos ? 0 : int(node - containerOf(parent)->first);
}

int JsonIndex::depth(NodeId node) const
{
    int d = 0;
    for (NodeId p = parent(node); p != npos; p = parent(p))
        ++d;
    return d;
}

qint64 JsonIndex::length(NodeId node) const
{
    if (const Container* c = containerOf(node))
        return qint64(c->end) + 1 - m_nodes[node].offset;
    return m_nodes[node].aux;
}

QString JsonIndex::path(NodeId node) const
{
    if (node == npos)
        return QString();
    QStringList segments;
    for (NodeId n = node; parent(n) != npos; n = parent(n)) {
        if (hasKey(n)) {
            const QString k = key(n);
            if (isPlainIdentifier(k)) {
                segments.append(QLatin1Char('.') + k);
            } else {
                QString escaped = k;
                escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
                escaped.replace(QLatin1Char('\''), QLatin1String("\\'"));
                segments.append(QLatin1String("['") + escaped + QLatin1String("']"));
            }
        } else {
            segments.append(QLatin1Char('[') + QString::number(row(n)) + QLatin1Char(']'));
        }
    }
    // Reserved to the exact size: findings keep their paths, up to one per batch object.
    qsizetype size = 1;
    for (const QString& segment : std::as_const(segments))
        size += segment.size();
    QString result;
    result.reserve(size);
    result += QLatin1Char('$');
    for (auto it = segments.crbegin(); it != segments.crend(); ++it)
        result += *it;
    return result;
}

JsonIndex::LineColumn JsonIndex::lineColumn(qint64 offset) const
{
    return lineColumns({offset}).constFirst();
}

QList<JsonIndex::LineColumn> JsonIndex::lineColumns(const QList<qint64>& offsets) const
{
    QList<int> order(offsets.size());
    for (int i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](int a, int b) { return offsets[a] < offsets[b]; });
    QList<LineColumn> result(offsets.size());
    // One forward pass: newlines are counted with memchr, columns (code points) incrementally,
    // so many offsets on one 1 GB line still cost one scan.
    qint64 line = 1;
    qint64 scanned = 0;  // newlines counted up to here
    qint64 columnAt = 0; // code points counted on the current line up to here
    qint64 column = 1;
    // By windows, so that a one-pass index releases the bytes behind the scan as it goes.
    constexpr qint64 kWindow = 4 << 20;
    qint64 released = 0;
    for (int i : order) {
        const qint64 target = std::clamp<qint64>(offsets[i], 0, m_size);
        while (scanned < target) {
            const qint64 span = std::min(target - scanned, kWindow);
            const char* nl = static_cast<const char*>(std::memchr(m_data + scanned, '\n', size_t(span)));
            if (nl) {
                ++line;
                scanned = nl - m_data + 1;
                columnAt = scanned;
                column = 1;
            } else {
                scanned += span;
                column += countCodePoints(m_data + columnAt, scanned - columnAt);
                columnAt = scanned;
            }
            releaseSource(released, columnAt);
            released = std::max(released, columnAt);
        }
        column += countCodePoints(m_data + columnAt, target - columnAt);
        columnAt = target;
        result[i] = {line, column};
    }
    return result;
}

QString JsonIndex::typeName(Type type)
{
    switch (type) {
    case Type::Null:
        return QStringLiteral("null");
    case Type::False:
    case Type::True:
        return QStringLiteral("boolean");
    case Type::Number:
        return QStringLiteral("number");
    case Type::String:
        return QStringLiteral("string");
    case Type::Object:
        return QStringLiteral("object");
    case Type::Array:
        return QStringLiteral("array");
    }
    return QString();
}
