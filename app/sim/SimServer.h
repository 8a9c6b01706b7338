#pragma once

#include "SimApi.h"
#include "SimClock.h"
#include "SimConfig.h"
#include "SimLogEntry.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <memory>

class HttpConnection;
class QTcpServer;

// The simulator's HTTP/1.1 server: a QTcpServer whose connections are served by event-driven
// HttpConnection objects on the thread the server lives in, so a slow, stalled or malicious
// client never blocks another. Usable on the current thread (CLI, tests) or inside
// EmbeddedSimulator's thread (GUI).
class SimServer : public QObject
{
    Q_OBJECT

public:
    explicit SimServer(const SimConfig& config = SimConfig(), const SimClock* clock = SimClock::system(),
                       QObject* parent = nullptr);
    ~SimServer() override;

    // Binds to config().host:config().port (port 0 = a free one). False with *error on failure.
    bool listen(QString* error = nullptr);
    // Stops listening and closes every connection.
    void close();
    bool isListening() const;
    quint16 port() const;
    // http://HOST:PORT/pubapi/<version>/ (IPv6 hosts in brackets), without credentials.
    QUrl endpoint(const QString& version = QStringLiteral("v1.2")) const;
    static QUrl endpointFor(const QString& host, quint16 port, const QString& version);

    const SimConfig& config() const { return m_config; }
    SimApi& api() { return m_api; }
    void setBatchShape(SimConfig::BatchShape shape);
    int connectionCount() const { return int(m_connections.size()); }
    // Requests answered (or dropped) since the server was created.
    quint64 requestCount() const { return m_requestCount; }

signals:
    // One entry per answered (or dropped) request. Never carries the secret key.
    void requestHandled(const SimLogEntry& entry);

private:
    friend class HttpConnection;

    void onNewConnection();
    void onAcceptError(QAbstractSocket::SocketError error);
    void sweep();
    void connectionClosed(HttpConnection* connection);
    bool logWanted() const;
    qint64 monotonicMs() const { return m_monotonic.elapsed(); }

    SimConfig m_config;
    SimApi m_api;
    QTcpServer* m_server;
    QSet<HttpConnection*> m_connections;
    QTimer m_sweepTimer;
    QTimer m_acceptRetry; // resumes accepting after a failed accept()
    QElapsedTimer m_monotonic;
    quint64 m_requestCount = 0;
};
