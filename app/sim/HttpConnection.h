#pragma once

#include "HttpRequestParser.h"
#include "SimApi.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <optional>

class QTcpSocket;
class SimServer;

// One client connection of SimServer: reads whatever arrives, parses requests incrementally,
// answers them in order (keep-alive, pipelining), applies the reply's injected faults (latency
// without blocking anyone, truncation, drop) and closes on errors with the proper status.
// Timeouts are driven by the server's sweep().
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    HttpConnection(SimServer* server, QTcpSocket* socket);
    ~HttpConnection() override;

    // Called periodically: 408 for a request that takes too long to arrive, close idle
    // keep-alive connections, end lingering closes.
    void checkTimeouts(qint64 nowMs);
    // Closes at once (server shutdown).
    void abort();

private:
    void acknowledgeAtOnce();
    void onReadyRead();
    void onBytesWritten();
    void process();
    void handle(const HttpRequest& request);
    void send(const SimReply& reply, bool keepAlive, int versionMinor, bool headRequest);
    void sendError(int status, const QString& reason);
    void closeAfterWrite();
    void startLinger();
    void compactBuffer();
    void sendDelayed();
    void setReading(bool enabled);

    SimServer* m_server;
    QTcpSocket* m_socket;
    HttpRequestParser m_parser;
    QByteArray m_in;
    qsizetype m_inPos = 0;
    QString m_peer;
    qint64 m_requestStartMs = -1; // first byte of the request in progress, -1 = none
    qint64 m_lastActivityMs = 0;
    qint64 m_lingerStartMs = -1; // discarding input after an error answer, -1 = not lingering
    bool m_paused = false;       // a delayed (latency fault) answer is pending
    // The delayed answer, sent by its timer (reading pauses meanwhile, see setReading()).
    struct Delayed
    {
        SimReply reply;
        bool keepAlive = false;
        int versionMinor = 1;
        bool headRequest = false;
        QElapsedTimer timer;
    };
    std::optional<Delayed> m_delayed;
    bool m_waitingForDrain = false;
    bool m_closing = false;
};
