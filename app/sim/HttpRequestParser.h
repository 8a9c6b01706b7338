#pragma once

#include "HttpRequest.h"

#include <QByteArray>
#include <QString>

// Incremental HTTP/1.1 request parser (RFC 9112): request line, headers, bodies framed by
// Content-Length or chunked transfer coding, pipelined requests. It never blocks and never
// buffers more than the configured limits: a connection feeds it whatever bytes arrived.
class HttpRequestParser
{
public:
    struct Limits
    {
        qint64 maxBodyBytes = 8 * 1024 * 1024;
        int maxRequestLineBytes = 8 * 1024;
        int maxHeaderBytes = 32 * 1024; // the whole header section
        int maxHeaderCount = 100;
    };

    enum class Status
    {
        NeedMore, // consumed everything, request incomplete
        Complete, // a request is ready: takeRequest()
        Error,    // the stream is unusable: answer errorStatus() and close
    };

    HttpRequestParser() = default;
    explicit HttpRequestParser(const Limits& limits)
        : m_limits(limits)
    {}

    void setLimits(const Limits& limits) { m_limits = limits; }
    const Limits& limits() const { return m_limits; }

    // Parses from `data` starting at `*offset`, advancing it past the consumed bytes. Stops after
    // one complete request so that pipelined requests are answered in order.
    Status parse(const QByteArray& data, qsizetype* offset);

    HttpRequest takeRequest();

    // Valid after Status::Error: the HTTP status to answer (400, 413, 414, 431, 501, 505) and a
    // plain-language reason.
    int errorStatus() const { return m_errorStatus; }
    QString errorReason() const { return m_errorReason; }

    // True once the headers of the current request are in and it asked for "100-continue"
    // (the caller answers "100 Continue" once, then clears it with continueSent()).
    bool wantsContinue() const { return m_wantsContinue; }
    void continueSent() { m_wantsContinue = false; }

    // True while part of a request has arrived (for request timeouts); false between requests.
    bool inProgress() const { return m_state != State::Start || m_lineStarted; }

    void reset();

private:
    enum class State
    {
        Start,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Done
    };

    Status fail(int status, const QString& reason);
    // Extracts one line ending in LF (CR stripped) from data; false when no full line yet.
    bool takeLine(const QByteArray& data, qsizetype* offset, QByteArray* line, int maxBytes, int tooLongStatus,
                  Status* error, const char* tooLongReason = nullptr);
    Status parseRequestLine(const QByteArray& line);
    Status parseHeaderLine(const QByteArray& line);
    Status headersDone();

    Limits m_limits;
    State m_state = State::Start;
    HttpRequest m_request;
    QByteArray m_partialLine; // bytes of a line not terminated yet
    bool m_lineStarted = false;
    int m_headerBytes = 0;
    qint64 m_remaining = 0; // body bytes (or chunk bytes) still expected
    bool m_chunked = false;
    bool m_wantsContinue = false;
    int m_errorStatus = 0;
    QString m_errorReason;
};
