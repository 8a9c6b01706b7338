#include "JsonLinesReader.h"

#include "Gzip.h"
#include "JsonIndex.h"
#include "ParallelFor.h"
#include "Redactor.h"

#include <QDateTime>
#include <QFile>

#include <cstring>
#include <limits>
#include <vector>

namespace {

using Node = JsonIndex::NodeId;

// "time": an ISO 8601 string, or a number of seconds (or milliseconds, when that big) since the
// epoch.
qint64 timeOf(const JsonIndex& index, Node node)
{
    if (node == JsonIndex::npos)
        return -1;
    if (index.type(node) == JsonIndex::Type::String) {
        const QDateTime time = QDateTime::fromString(index.string(node), Qt::ISODateWithMs);
        if (!time.isValid())
            return -1;
        return time.toMSecsSinceEpoch();
    }
    if (index.type(node) == JsonIndex::Type::Number) {
        const double value = index.number(node);
        return value > 1e11 ? qint64(value) : qint64(value * 1000);
    }
    return -1;
}

// A request or response member: objects and arrays as their JSON text, strings as the text
// they hold (a body that was not JSON), null as nothing.
QByteArray bodyOf(const JsonIndex& index, Node node)
{
    if (node == JsonIndex::npos || index.type(node) == JsonIndex::Type::Null)
        return {};
    if (index.type(node) == JsonIndex::Type::String)
        return index.string(node).toUtf8();
    return index.raw(node).toByteArray();
}

} // namespace

JsonLinesReader::JsonLinesReader(const QString& path)
    : m_path(path)
{}

bool JsonLinesReader::parseLine(const QByteArray& line, ImportedCall* call, QString* error)
{
    // Indexed once: a bare response keeps this index for its diagnosis. The bytes are copied
    // first, so the index does not point into the reader's buffer.
    const QByteArray owned(line.constData(), line.size());
    auto shared = std::make_shared<JsonIndex>(JsonIndex::fromBytes(owned));
    const JsonIndex& index = *shared;
    if (!index.isValid()) {
        *error = QStringLiteral("not JSON: %1 (column %2)")
                     .arg(index.errorMessage())
                     .arg(index.lineColumn(qMax<qint64>(0, index.errorOffset())).column);
        return false;
    }
    const Node root = index.root();
    if (index.type(root) != JsonIndex::Type::Object) {
        *error = QStringLiteral("a JSON %1, not an object").arg(JsonIndex::typeName(index.type(root)));
        return false;
    }
    const Node response = index.member(root, QLatin1String("response"));
    const Node request = index.member(root, QLatin1String("request"));
    if (response == JsonIndex::npos && request == JsonIndex::npos) {
        call->responseBody = owned; // a bare response (the index shares these bytes)
        call->responseIndex = shared;
    } else {
        call->requestBody = bodyOf(index, request);
        call->responseBody = bodyOf(index, response);
        const Node status = index.member(root, QLatin1String("http_status"));
        if (status != JsonIndex::npos && index.type(status) == JsonIndex::Type::Number)
            call->httpStatus = int(index.number(status));
        call->timeMs = timeOf(index, index.member(root, QLatin1String("time")));
        const Node url = index.member(root, QLatin1String("url"));
        if (url != JsonIndex::npos && index.type(url) == JsonIndex::Type::String)
            call->url = index.string(url);
        const Node elapsed = index.member(root, QLatin1String("elapsed_ms"));
        if (elapsed != JsonIndex::npos && index.type(elapsed) == JsonIndex::Type::Number)
            call->elapsedMs = qint64(index.number(elapsed));
        call->responseBodyMissing = response == JsonIndex::npos;
    }
    if (ImportedCall::mayCarrySecret(line.constData(), line.size()))
        call->maskSecrets();
    return true;
}

bool JsonLinesReader::read(const std::function<bool(ImportedCall&& call)>& onCall,
                           const std::function<bool(double)>& progress)
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot open %1: %2").arg(m_path, file.errorString());
        return false;
    }
    constexpr qint64 kChunk = 4 << 20;
    QByteArray buffer;
    qint64 filled = 0; // bytes of buffer holding data
    qint64 lineNumber = 0;
    int index = 0;
    // Parses the complete lines at the front of the buffer (at the end, all of it), hands them on
    // and keeps the unfinished line. False when onCall asked to stop.
    const auto parseLines = [&](bool atEnd) {
        // The complete lines of this chunk are parsed in parallel, then handed on in order.
        const char* data = buffer.constData();
        qint64 start = 0;
        struct Line
        {
            qint64 begin;
            qint64 end;
            qint64 number;
        };
        std::vector<Line> lines;
        while (start < filled) {
            const char* newline = static_cast<const char*>(memchr(data + start, '\n', size_t(filled - start)));
            if (!newline && !atEnd)
                break; // the rest of this line comes with the next read
            const qint64 end = newline ? newline - data : filled;
            ++lineNumber;
            qint64 lineEnd = end;
            if (lineEnd > start && data[lineEnd - 1] == '\r')
                --lineEnd;
            qint64 lineStart = start;
            while (lineStart < lineEnd && (data[lineStart] == ' ' || data[lineStart] == '\t'))
                ++lineStart;
            start = newline ? end + 1 : filled;
            if (lineStart < lineEnd)
                lines.push_back({lineStart, lineEnd, lineNumber});
        }
        std::vector<ImportedCall> calls(lines.size());
        std::vector<QString> errors(lines.size());
        parallelFor(qsizetype(lines.size()), [&](qsizetype i) {
            // A view, not a copy: parseLine copies what it keeps.
            const QByteArray line = QByteArray::fromRawData(data + lines[i].begin, lines[i].end - lines[i].begin);
            if (!parseLine(line, &calls[i], &errors[i]) && errors[i].isEmpty())
                errors[i] = QStringLiteral("unreadable");
        });
        for (size_t i = 0; i < lines.size(); ++i) {
            if (!errors[i].isEmpty()) {
                if (++m_problemCount <= kMaxProblems)
                    m_problems.append({lines[i].number, errors[i]});
                const char* begin = data + lines[i].begin;
                const qint64 size = lines[i].end - lines[i].begin;
                if (ImportedCall::mayCarrySecret(begin, size) &&
                    Redactor::containsSecretKey(QString::fromUtf8(begin, size)))
                    m_skippedSecret = true;
                continue;
            }
            ImportedCall& call = calls[i];
            call.source = m_path;
            call.index = index++;
            call.line = lines[i].number;
            ++m_records;
            if (!onCall(std::move(call)))
                return false;
        }
        if (start > 0) {
            std::memmove(buffer.data(), buffer.constData() + start, size_t(filled - start));
            filled -= start;
        }
        return true;
    };

    if (Gzip::isGzip(file.peek(2))) {
        // A compressed log (.jsonl.gz) is decompressed as it is read, never whole, and stops at
        // the same decompression-bomb ratio as a compressed response; no size limit beyond that,
        // since logs of several GB are what this reader is for.
        bool stopped = false;
        QString error;
        Gzip::Failure failure = Gzip::Failure::None;
        const bool ok = Gzip::decompress(
            file,
            [&](const char* data, qint64 size) {
                if (buffer.size() < filled + size)
                    buffer.resize(qMax(filled + size, filled + kChunk));
                std::memcpy(buffer.data() + filled, data, size_t(size));
                filled += size;
                if (filled < kChunk)
                    return true;
                stopped = !parseLines(false);
                return !stopped;
            },
            std::numeric_limits<qint64>::max(), &error, progress, &failure);
        if (stopped)
            return true;
        if (!ok) {
            if (failure != Gzip::Failure::Canceled) {
                // The lines before the damage were handed on; the reason names where it stopped.
                parseLines(false);
                m_error = QStringLiteral("%1 is gzip-compressed and %2").arg(m_path, error);
            }
            return false;
        }
        parseLines(true);
        return true;
    }

    const qint64 total = qMax<qint64>(1, file.size());
    qint64 readSoFar = 0;
    bool atEnd = false;
    while (!atEnd) {
        if (buffer.size() - filled < kChunk)
            buffer.resize(filled + kChunk);
        const qint64 got = file.read(buffer.data() + filled, buffer.size() - filled);
        if (got < 0) {
            m_error = QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString());
            return false;
        }
        atEnd = got == 0;
        filled += got;
        readSoFar += got;
        if (progress && !progress(double(readSoFar) / double(total)))
            return false;
        if (!parseLines(atEnd))
            return true;
    }
    return true;
}
