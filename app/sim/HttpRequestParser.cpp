#include "HttpRequestParser.h"

#include <algorithm>
#include <cctype>

namespace {
// RFC 9110 §5.6.2 token characters.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(const QByteArray& text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

QByteArray trimOws(const QByteArray& text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && (text[begin] == ' ' || text[begin] == '\t'))
        ++begin;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        --end;
    return text.mid(begin, end - begin);
}

// Comma-separated list elements, trimmed and lower-cased (Connection, Transfer-Encoding).
QList<QByteArray> tokenList(const QByteArray& value)
{
    QList<QByteArray> list;
    const QList<QByteArray> parts = value.split(',');
    for (const QByteArray& part : parts) {
        const QByteArray item = trimOws(part).toLower();
        if (!item.isEmpty())
            list.append(item);
    }
    return list;
}
} // namespace

void HttpRequestParser::reset()
{
    m_state = State::Start;
    m_request = HttpRequest();
    m_partialLine.clear();
    m_lineStarted = false;
    m_headerBytes = 0;
    m_remaining = 0;
    m_chunked = false;
    m_wantsContinue = false;
    m_errorStatus = 0;
    m_errorReason.clear();
}

HttpRequest HttpRequestParser::takeRequest()
{
    HttpRequest request = std::move(m_request);
    reset();
    return request;
}

HttpRequestParser::Status HttpRequestParser::fail(int status, const QString& reason)
{
    m_errorStatus = status;
    m_errorReason = reason;
    m_state = State::Done;
    return Status::Error;
}

bool HttpRequestParser::takeLine(const QByteArray& data, qsizetype* offset, QByteArray* line, int maxBytes,
                                 int tooLongStatus, Status* error, const char* tooLongReason)
{
    *error = Status::NeedMore;
    const qsizetype start = *offset;
    const qsizetype newline = data.indexOf('\n', start);
    const qsizetype segmentEnd = newline < 0 ? data.size() : newline;
    if (m_partialLine.size() + (segmentEnd - start) > maxBytes) {
        QString reason;
        if (tooLongStatus == 414)
            reason = QStringLiteral("request line longer than %1 bytes").arg(m_limits.maxRequestLineBytes);
        else if (tooLongStatus == 431)
            reason = QStringLiteral("header section longer than %1 bytes").arg(m_limits.maxHeaderBytes);
        else
            reason = QString::fromLatin1(tooLongReason ? tooLongReason : "line too long");
        *error = fail(tooLongStatus, reason);
        return false;
    }
    if (newline < 0) {
        m_partialLine.append(data.constData() + start, segmentEnd - start);
        m_lineStarted = m_lineStarted || segmentEnd > start;
        *offset = data.size();
        return false;
    }
    if (m_partialLine.isEmpty()) {
        *line = data.mid(start, segmentEnd - start);
    } else {
        m_partialLine.append(data.constData() + start, segmentEnd - start);
        *line = std::move(m_partialLine);
        m_partialLine = QByteArray();
    }
    if (line->endsWith('\r'))
        line->chop(1);
    *offset = newline + 1;
    return true;
}

HttpRequestParser::Status HttpRequestParser::parseRequestLine(const QByteArray& line)
{
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace == firstSpace)
        return fail(400, QStringLiteral("malformed request line (expected: METHOD TARGET HTTP/1.1)"));
    m_request.method = line.left(firstSpace);
    m_request.target = line.mid(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArray version = line.mid(lastSpace + 1);
    if (!isToken(m_request.method))
        return fail(400, QStringLiteral("malformed request line: invalid method"));
    if (m_request.target.isEmpty() || m_request.target.contains(' '))
        return fail(400, QStringLiteral("malformed request line: invalid request target"));
    for (char c : m_request.target) {
        if (static_cast<unsigned char>(c) < 0x21 || c == 0x7f)
            return fail(400, QStringLiteral("malformed request line: control character in the request target"));
    }
    if (version == "HTTP/1.1") {
        m_request.versionMinor = 1;
    } else if (version == "HTTP/1.0") {
        m_request.versionMinor = 0;
    } else if (version.startsWith("HTTP/") && version.size() == 8 && version[6] == '.') {
        return fail(
            505, QStringLiteral("HTTP version %1 is not supported (use HTTP/1.1)").arg(QString::fromLatin1(version)));
    } else {
        return fail(400, QStringLiteral("malformed request line: unknown protocol version"));
    }
    const qsizetype question = m_request.target.indexOf('?');
    if (question < 0) {
        m_request.path = m_request.target;
    } else {
        m_request.path = m_request.target.left(question);
        m_request.query = m_request.target.mid(question + 1);
    }
    m_state = State::Headers;
    return Status::NeedMore;
}

HttpRequestParser::Status HttpRequestParser::parseHeaderLine(const QByteArray& line)
{
    if (line.startsWith(' ') || line.startsWith('\t'))
        return fail(400, QStringLiteral("obsolete header line folding is not accepted"));
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return fail(400, QStringLiteral("malformed header line (expected: Name: value)"));
    const QByteArray name = line.left(colon);
    if (!isToken(name))
        return fail(400, QStringLiteral("malformed header name"));
    if (m_request.headers.size() >= m_limits.maxHeaderCount)
        return fail(431, QStringLiteral("more than %1 header fields").arg(m_limits.maxHeaderCount));
    const QByteArray value = trimOws(line.mid(colon + 1));
    // A CR that does not end the line, or a NUL, would let a value smuggle a header through a
    // proxy that splits differently.
    if (value.contains('\r') || value.contains('\0'))
        return fail(400, QStringLiteral("malformed header value: bare CR or NUL in %1").arg(QString::fromLatin1(name)));
    m_request.headers.append({name.toLower(), value});
    return Status::NeedMore;
}

HttpRequestParser::Status HttpRequestParser::headersDone()
{
    HttpRequest& r = m_request;
    if (r.versionMinor == 1 && !r.hasHeader("host"))
        return fail(400, QStringLiteral("HTTP/1.1 request without a Host header"));
    if (std::count_if(r.headers.cbegin(), r.headers.cend(), [](const auto& h) { return h.first == "host"; }) > 1)
        return fail(400, QStringLiteral("more than one Host header"));

    // Connection management: HTTP/1.1 defaults to keep-alive, HTTP/1.0 to close.
    r.keepAlive = r.versionMinor == 1;
    bool sawTransferEncoding = false;
    QList<QByteArray> codings;
    QByteArray contentLength;
    bool sawContentLength = false;
    for (const auto& h : r.headers) {
        if (h.first == "connection") {
            const QList<QByteArray> tokens = tokenList(h.second);
            if (tokens.contains("close"))
                r.keepAlive = false;
            else if (tokens.contains("keep-alive"))
                r.keepAlive = true;
        } else if (h.first == "transfer-encoding") {
            sawTransferEncoding = true;
            codings += tokenList(h.second);
        } else if (h.first == "content-length") {
            // Several Content-Length fields (or a list) are acceptable only when all agree.
            const QList<QByteArray> values = h.second.split(',');
            for (const QByteArray& raw : values) {
                const QByteArray value = trimOws(raw);
                if (sawContentLength && value != contentLength)
                    return fail(400, QStringLiteral("conflicting Content-Length values"));
                contentLength = value;
                sawContentLength = true;
            }
        } else if (h.first == "expect") {
            const QByteArray value = h.second.toLower();
            if (value == "100-continue")
                m_wantsContinue = true;
            else if (!value.isEmpty()) // vendor samples send an empty "Expect:" to stop curl's 100-continue
                return fail(417, QStringLiteral("unsupported expectation '%1'").arg(QString::fromLatin1(h.second)));
        }
    }

    if (sawTransferEncoding) {
        if (sawContentLength)
            return fail(400, QStringLiteral("both Transfer-Encoding and Content-Length given"));
        if (r.versionMinor == 0)
            return fail(400, QStringLiteral("Transfer-Encoding in an HTTP/1.0 request"));
        if (codings.isEmpty() || codings.last() != "chunked")
            return fail(400, QStringLiteral("the request body is not framed: Transfer-Encoding must end with chunked"));
        if (codings.size() > 1)
            return fail(501, QStringLiteral("unsupported transfer coding '%1' (only chunked is supported)")
                                 .arg(QString::fromLatin1(codings.first())));
        m_chunked = true;
        m_state = State::ChunkSize;
        return Status::NeedMore;
    }
    qint64 length = 0;
    if (sawContentLength) {
        if (contentLength.isEmpty() || contentLength.size() > 18)
            return fail(400, QStringLiteral("invalid Content-Length"));
        for (char c : contentLength) {
            if (c < '0' || c > '9')
                return fail(400, QStringLiteral("invalid Content-Length"));
        }
        length = contentLength.toLongLong();
    }
    if (length > m_limits.maxBodyBytes) {
        m_wantsContinue = false;
        return fail(413, QStringLiteral("request body of %1 bytes exceeds the limit of %2 bytes")
                             .arg(length)
                             .arg(m_limits.maxBodyBytes));
    }
    if (length == 0) {
        m_wantsContinue = false;
        m_state = State::Done;
        return Status::Complete;
    }
    m_request.body.reserve(length);
    m_remaining = length;
    m_state = State::Body;
    return Status::NeedMore;
}

HttpRequestParser::Status HttpRequestParser::parse(const QByteArray& data, qsizetype* offset)
{
    Status lineError = Status::NeedMore;
    QByteArray line;
    while (*offset < data.size() || m_state == State::Done) {
        switch (m_state) {
        case State::Start:
            if (m_partialLine.isEmpty()) {
                // Fail fast on bytes that cannot start a request line instead of waiting for a
                // newline that may never come (binary junk, a TLS handshake sent to http://).
                const char first = data.at(*offset);
                if (first == 0x16)
                    return fail(400, QStringLiteral("received a TLS handshake: this server speaks plain HTTP "
                                                    "(use http://, not https://)"));
                if (!isTokenChar(first) && first != '\r' && first != '\n')
                    return fail(400, QStringLiteral("not an HTTP request (the request line must start with a method)"));
            }
            if (!takeLine(data, offset, &line, m_limits.maxRequestLineBytes, 414, &lineError))
                return lineError;
            m_lineStarted = false;
            if (line.isEmpty()) // RFC 9112 §2.2: ignore empty lines before a request line
                continue;
            m_headerBytes = 0;
            if (parseRequestLine(line) == Status::Error)
                return Status::Error;
            m_lineStarted = true; // a request is in progress from here on
            break;
        case State::Headers: {
            if (!takeLine(data, offset, &line, m_limits.maxHeaderBytes - m_headerBytes, 431, &lineError))
                return lineError;
            m_headerBytes += int(line.size()) + 2;
            if (line.isEmpty()) {
                const Status status = headersDone();
                if (status != Status::NeedMore)
                    return status;
                break;
            }
            if (parseHeaderLine(line) == Status::Error)
                return Status::Error;
            break;
        }
        case State::Body: {
            const qint64 take = qMin<qint64>(m_remaining, data.size() - *offset);
            m_request.body.append(data.constData() + *offset, take);
            *offset += take;
            m_remaining -= take;
            if (m_remaining == 0) {
                m_state = State::Done;
                return Status::Complete;
            }
            break;
        }
        case State::ChunkSize: {
            if (!takeLine(data, offset, &line, 1024, 400, &lineError, "malformed chunk size line (too long)"))
                return lineError;
            const qsizetype semicolon = line.indexOf(';'); // chunk extensions are ignored
            const QByteArray hex = trimOws(semicolon < 0 ? line : line.left(semicolon));
            // Hex digits only: toLongLong() would also take "0x10", "+3" or " 3".
            if (hex.isEmpty() || hex.size() > 15 || !std::all_of(hex.cbegin(), hex.cend(), [](char c) {
                    return std::isxdigit(static_cast<unsigned char>(c));
                }))
                return fail(400, QStringLiteral("malformed chunk size line"));
            bool ok = false;
            const qint64 size = hex.toLongLong(&ok, 16);
            if (!ok || size < 0)
                return fail(400, QStringLiteral("malformed chunk size line"));
            if (m_request.body.size() + size > m_limits.maxBodyBytes)
                return fail(
                    413,
                    QStringLiteral("chunked request body exceeds the limit of %1 bytes").arg(m_limits.maxBodyBytes));
            if (size == 0) {
                m_state = State::Trailers;
            } else {
                m_remaining = size;
                m_state = State::ChunkData;
            }
            break;
        }
        case State::ChunkData: {
            const qint64 take = qMin<qint64>(m_remaining, data.size() - *offset);
            m_request.body.append(data.constData() + *offset, take);
            *offset += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd:
            if (!takeLine(data, offset, &line, 2, 400, &lineError, "chunk data not followed by CRLF"))
                return lineError;
            if (!line.isEmpty())
                return fail(400, QStringLiteral("chunk data not followed by CRLF"));
            m_state = State::ChunkSize;
            break;
        case State::Trailers:
            if (!takeLine(data, offset, &line, m_limits.maxHeaderBytes, 431, &lineError))
                return lineError;
            if (line.isEmpty()) {
                m_state = State::Done;
                return Status::Complete;
            }
            break; // trailer fields are accepted and ignored
        case State::Done:
            // A request is complete but not taken, or the stream failed: consume nothing more.
            return m_errorStatus ? Status::Error : Status::Complete;
        }
    }
    return Status::NeedMore;
}
