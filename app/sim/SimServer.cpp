#include "SimServer.h"

#include "HttpConnection.h"

#include <QDateTime>
#include <QMetaMethod>
#include <QTcpServer>
#include <QTcpSocket>

namespace {
constexpr int kAcceptRetryMs = 100;
} // namespace

SimServer::SimServer(const SimConfig& config, const SimClock* clock, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_api(config, clock)
    , m_server(new QTcpServer(this))
{
    qRegisterMetaType<SimLogEntry>();
    m_monotonic.start();
    connect(m_server, &QTcpServer::newConnection, this, &SimServer::onNewConnection);
    connect(m_server, &QTcpServer::acceptError, this, &SimServer::onAcceptError);
    m_acceptRetry.setSingleShot(true);
    m_acceptRetry.setInterval(kAcceptRetryMs);
    connect(&m_acceptRetry, &QTimer::timeout, this, [this] {
        if (m_server->isListening())
            m_server->resumeAccepting();
    });
    // Timeouts are checked by one timer for all connections rather than a timer each.
    const int shortest = qMin(m_config.requestTimeoutMs, m_config.idleTimeoutMs);
    m_sweepTimer.setInterval(qBound(20, shortest / 4, 250));
    connect(&m_sweepTimer, &QTimer::timeout, this, &SimServer::sweep);
}

void SimServer::setBatchShape(SimConfig::BatchShape shape)
{
    m_config.batchShape = shape;
    m_api.setBatchShape(shape);
}

SimServer::~SimServer()
{
    close();
}

bool SimServer::listen(QString* error)
{
    const QStringList problems = m_config.validate();
    if (!problems.isEmpty()) {
        if (error)
            *error = problems.join(QStringLiteral("; "));
        return false;
    }
    const QHostAddress address = m_config.host == QLatin1String("localhost") ? QHostAddress(QHostAddress::LocalHost)
                                                                             : QHostAddress(m_config.host);
    m_server->setMaxPendingConnections(1024);
    if (!m_server->listen(address, m_config.port)) {
        if (error)
            *error = QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(m_config.host)
                         .arg(m_config.port)
                         .arg(m_server->errorString());
        return false;
    }
    m_sweepTimer.start();
    return true;
}

void SimServer::close()
{
    m_sweepTimer.stop();
    if (m_server->isListening())
        m_server->close();
    const QSet<HttpConnection*> connections = m_connections;
    m_connections.clear();
    for (HttpConnection* connection : connections) {
        connection->abort();
        delete connection;
    }
}

bool SimServer::isListening() const
{
    return m_server->isListening();
}

quint16 SimServer::port() const
{
    return m_server->serverPort();
}

QUrl SimServer::endpoint(const QString& version) const
{
    return endpointFor(m_config.host, port(), version);
}

QUrl SimServer::endpointFor(const QString& host, quint16 port, const QString& version)
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(host == QLatin1String("localhost") ? QStringLiteral("127.0.0.1") : host);
    url.setPort(port);
    url.setPath(QStringLiteral("/pubapi/%1/").arg(version));
    return url;
}

void SimServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        if (m_connections.size() >= m_config.maxConnections) {
            socket->write(HttpResponse::text(503, "too many connections, try again later\n").serializeHead(false, 1) +
                          "too many connections, try again later\n");
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        m_connections.insert(new HttpConnection(this, socket));
    }
}

void SimServer::onAcceptError(QAbstractSocket::SocketError error)
{
    // Qt stops accepting after a failed accept() (out of file descriptors, typically) and never
    // starts again by itself. Retrying at once would fail again in a busy loop: retry after a
    // pause, or as soon as a connection closes and frees a descriptor.
    SimLogEntry entry;
    entry.timeMs = QDateTime::currentMSecsSinceEpoch();
    entry.path = QStringLiteral("(accept failed: %1 (socket error %2); retrying in %3 ms)")
                     .arg(m_server->errorString())
                     .arg(int(error))
                     .arg(kAcceptRetryMs);
    if (logWanted())
        emit requestHandled(entry);
    if (!m_acceptRetry.isActive())
        m_acceptRetry.start();
}

void SimServer::connectionClosed(HttpConnection* connection)
{
    if (m_connections.remove(connection))
        connection->deleteLater();
    if (m_acceptRetry.isActive()) {
        m_acceptRetry.stop();
        if (m_server->isListening())
            m_server->resumeAccepting();
    }
}

void SimServer::sweep()
{
    const qint64 now = monotonicMs();
    const QSet<HttpConnection*> connections = m_connections; // checks may close connections
    for (HttpConnection* connection : connections)
        connection->checkTimeouts(now);
}

bool SimServer::logWanted() const
{
    static const QMetaMethod signal = QMetaMethod::fromSignal(&SimServer::requestHandled);
    return isSignalConnected(signal);
}
