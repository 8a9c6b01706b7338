#include "HttpConnection.h"

#include "SimServer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#endif

namespace {
// Stop reading new requests while this much of the answers is not yet sent (a client that
// pipelines without reading must not make the server buffer without bound).
constexpr qint64 kHighWaterBytes = 4 * 1024 * 1024;
constexpr qint64 kLowWaterBytes = 256 * 1024;
// After an error answer, input is read and thrown away for this long so that the client gets
// to read the answer instead of a connection reset (a "lingering close").
constexpr qint64 kLingerMs = 3000;
constexpr qint64 kMaxLingerBytes = 64LL * 1024 * 1024;
} // namespace

HttpConnection::HttpConnection(SimServer* server, QTcpSocket* socket)
    : QObject(server)
    , m_server(server)
    , m_socket(socket)
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    HttpRequestParser::Limits limits;
    limits.maxBodyBytes = server->config().maxBodyBytes;
    m_parser.setLimits(limits);
    const QHostAddress address = m_socket->peerAddress();
    m_peer = (address.protocol() == QAbstractSocket::IPv6Protocol && !address.toIPv4Address()
                  ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                  : QHostAddress(address.toIPv4Address()).toString()) +
             QLatin1Char(':') + QString::number(m_socket->peerPort());
    m_lastActivityMs = server->monotonicMs();
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] { m_server->connectionClosed(this); });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            m_server->connectionClosed(this);
    });
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::abort()
{
    m_closing = true;
    m_socket->abort();
}

void HttpConnection::onReadyRead()
{
    m_lastActivityMs = m_server->monotonicMs();
    if (m_lingerStartMs >= 0) {
        // Lingering: drain and forget, up to a bound.
        static thread_local char sink[64 * 1024];
        qint64 total = 0;
        while (m_socket->bytesAvailable() > 0 && total < kMaxLingerBytes)
            total += qMax<qint64>(0, m_socket->read(sink, sizeof sink));
        return;
    }
    if (m_closing)
        return;
    m_in.append(m_socket->readAll());
    acknowledgeAtOnce();
    process();
}

void HttpConnection::acknowledgeAtOnce()
{
#ifdef TCP_QUICKACK
    // Qt's client writes a request in pieces (the headers, then the body 16 KB at a time) and,
    // by Nagle's rule, holds each piece until the one before is acknowledged; a delayed ACK makes
    // that 40 ms per request with a body of some size. Linux clears quick-ACK mode on its own, so
    // it is set again after every read.
    const int on = 1;
    ::setsockopt(int(m_socket->socketDescriptor()), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
#endif
}

void HttpConnection::onBytesWritten()
{
    if (m_waitingForDrain && m_socket->bytesToWrite() < kLowWaterBytes) {
        m_waitingForDrain = false;
        process();
    }
}

void HttpConnection::compactBuffer()
{
    if (m_inPos == m_in.size()) {
        m_in.clear();
        m_inPos = 0;
    } else if (m_inPos > 64 * 1024) {
        m_in.remove(0, m_inPos);
        m_inPos = 0;
    }
}

void HttpConnection::process()
{
    while (!m_paused && !m_closing && m_lingerStartMs < 0) {
        if (m_socket->bytesToWrite() > kHighWaterBytes) {
            m_waitingForDrain = true;
            break;
        }
        if (m_inPos >= m_in.size() && !m_parser.inProgress())
            break;
        const HttpRequestParser::Status status = m_parser.parse(m_in, &m_inPos);
        if (m_parser.wantsContinue()) {
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            m_parser.continueSent();
        }
        if (status == HttpRequestParser::Status::NeedMore) {
            if (m_parser.inProgress() && m_requestStartMs < 0)
                m_requestStartMs = m_server->monotonicMs();
            break;
        }
        if (status == HttpRequestParser::Status::Error) {
            sendError(m_parser.errorStatus(), m_parser.errorReason());
            break;
        }
        m_requestStartMs = -1;
        handle(m_parser.takeRequest());
    }
    compactBuffer();
}

void HttpConnection::handle(const HttpRequest& request)
{
    QElapsedTimer timer;
    timer.start();
    SimReply reply = m_server->api().handle(request);
    ++m_server->m_requestCount;
    reply.log.peer = m_peer;
    const bool keepAlive = request.keepAlive && !reply.response.close;
    const bool headRequest = request.method == "HEAD";
    const int versionMinor = request.versionMinor;
    if (reply.latencyMs <= 0) {
        send(reply, keepAlive, versionMinor, headRequest);
        reply.log.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
        if (m_server->logWanted())
            emit m_server->requestHandled(reply.log);
        return;
    }
    // Answer later without blocking anything: this connection pauses (answers stay in order),
    // the others carry on.
    m_paused = true;
    m_delayed = Delayed{reply, keepAlive, versionMinor, headRequest, timer};
    setReading(false);
    // Precise: a coarse timer may fire 5 % early, and "latency=MS" promises at least MS.
    QTimer::singleShot(reply.latencyMs, Qt::PreciseTimer, this, &HttpConnection::sendDelayed);
}

void HttpConnection::setReading(bool enabled)
{
    // QTcpSocket closes its descriptor as soon as it reads the end of input, so a client that
    // half-closes after its request would never get a delayed answer. While one is pending the
    // socket's read notifier (a child of its socket engine) is switched off: nothing is read,
    // the end of input stays in the kernel until the answer has been written.
    const QList<QSocketNotifier*> notifiers = m_socket->findChildren<QSocketNotifier*>();
    for (QSocketNotifier* notifier : notifiers) {
        if (notifier->type() == QSocketNotifier::Read)
            notifier->setEnabled(enabled);
    }
}

void HttpConnection::sendDelayed()
{
    if (!m_delayed)
        return; // already sent (the client half-closed)
    Delayed delayed = std::move(*m_delayed);
    m_delayed.reset();
    m_paused = false;
    send(delayed.reply, delayed.keepAlive, delayed.versionMinor, delayed.headRequest);
    setReading(true);
    delayed.reply.log.elapsedMs = double(delayed.timer.nsecsElapsed()) / 1e6;
    if (m_server->logWanted())
        emit m_server->requestHandled(delayed.reply.log);
    process();
}

void HttpConnection::send(const SimReply& reply, bool keepAlive, int versionMinor, bool headRequest)
{
    if (m_closing)
        return;
    if (reply.drop) {
        // Close without a single byte of answer.
        m_closing = true;
        m_socket->disconnectFromHost();
        return;
    }
    const bool close = !keepAlive || reply.truncate;
    const QByteArray head = reply.response.serializeHead(!close, versionMinor);
    if (headRequest) {
        m_socket->write(head);
    } else if (reply.truncate) {
        // The head announces the whole body; half of it arrives, then the connection closes.
        m_socket->write(head + reply.response.body.left(reply.response.body.size() / 2));
    } else {
        QByteArray out;
        out.reserve(head.size() + reply.response.body.size());
        out += head;
        out += reply.response.body;
        m_socket->write(out);
    }
    m_socket->flush(); // write now rather than on the next write notification
    m_lastActivityMs = m_server->monotonicMs();
    if (close)
        closeAfterWrite();
}

void HttpConnection::sendError(int status, const QString& reason)
{
    HttpResponse response = HttpResponse::text(status, reason.toUtf8() + '\n');
    m_socket->write(response.serializeHead(false, 1) + response.body);
    SimLogEntry entry;
    entry.timeMs = QDateTime::currentMSecsSinceEpoch();
    entry.peer = m_peer;
    entry.httpStatus = status;
    entry.path = QStringLiteral("(unparsed request: %1)").arg(reason);
    if (m_server->logWanted())
        emit m_server->requestHandled(entry);
    m_requestStartMs = -1;
    startLinger();
}

void HttpConnection::startLinger()
{
    // Keep reading (and discarding) for a while before closing: closing a socket with unread
    // input makes the kernel send a reset, which can destroy the answer before the client reads
    // it (a 413 sent while the client still uploads is the classic case).
    m_lingerStartMs = m_server->monotonicMs();
    m_in.clear();
    m_inPos = 0;
    m_socket->flush();
    onReadyRead();
}

void HttpConnection::closeAfterWrite()
{
    m_closing = true;
    m_socket->disconnectFromHost(); // sends what is buffered, then closes
}

void HttpConnection::checkTimeouts(qint64 nowMs)
{
    const SimConfig& config = m_server->config();
    if (m_lingerStartMs >= 0) {
        // Done lingering when the answer is out and the client went quiet, or after kLingerMs.
        const bool quiet = m_socket->bytesToWrite() == 0 && nowMs - m_lastActivityMs > 300;
        if (!m_closing && (quiet || nowMs - m_lingerStartMs > kLingerMs))
            closeAfterWrite();
        return;
    }
    if (m_paused || m_closing)
        return;
    if (m_requestStartMs >= 0 && nowMs - m_requestStartMs > config.requestTimeoutMs) {
        sendError(408, QStringLiteral("request not received completely within %1 ms").arg(config.requestTimeoutMs));
        return;
    }
    if (m_requestStartMs < 0 && !m_parser.inProgress() && nowMs - m_lastActivityMs > config.idleTimeoutMs)
        abort();
}
