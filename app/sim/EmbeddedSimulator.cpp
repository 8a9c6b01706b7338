#include "EmbeddedSimulator.h"

#include "SimServer.h"

#include <QThread>

EmbeddedSimulator::EmbeddedSimulator(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<SimLogEntry>();
}

EmbeddedSimulator::~EmbeddedSimulator()
{
    stop();
}

bool EmbeddedSimulator::start(const SimConfig& config, QString* error)
{
    stop();
    const QStringList problems = config.validate();
    if (!problems.isEmpty()) {
        if (error)
            *error = problems.join(QStringLiteral("; "));
        return false;
    }
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("leadgen-simulator"));
    m_context = new QObject;
    m_context->moveToThread(m_thread.get());
    m_thread->start();

    // Built on its thread: generating the demo data and every socket then belong to it.
    SimServer* server = nullptr;
    QString listenError;
    QMetaObject::invokeMethod(
        m_context,
        [&] {
            server = new SimServer(config);
            if (!server->listen(&listenError)) {
                delete server;
                server = nullptr;
            }
        },
        Qt::BlockingQueuedConnection);
    if (!server) {
        if (error)
            *error = listenError;
        m_thread->quit();
        m_thread->wait();
        delete m_context;
        m_context = nullptr;
        m_thread.reset();
        return false;
    }
    m_server = server;
    m_config = config;
    m_port = server->port();
    connect(m_server, &SimServer::requestHandled, this, &EmbeddedSimulator::requestHandled, Qt::QueuedConnection);
    emit started(m_port);
    return true;
}

void EmbeddedSimulator::setBatchShape(SimConfig::BatchShape shape)
{
    m_config.batchShape = shape;
    if (SimServer* server = m_server)
        QMetaObject::invokeMethod(
            m_context, [server, shape] { server->setBatchShape(shape); }, Qt::BlockingQueuedConnection);
}

void EmbeddedSimulator::stop()
{
    if (!m_thread)
        return;
    SimServer* server = m_server;
    if (server) {
        disconnect(server, nullptr, this, nullptr);
        QMetaObject::invokeMethod(
            m_context, [server] { delete server; }, Qt::BlockingQueuedConnection);
    }
    m_server = nullptr;
    m_thread->quit();
    m_thread->wait();
    delete m_context; // its thread has finished
    m_context = nullptr;
    m_thread.reset();
    m_port = 0;
    if (server)
        emit stopped();
}

QUrl EmbeddedSimulator::endpoint(const QString& version) const
{
    if (!m_server)
        return QUrl();
    return SimServer::endpointFor(m_config.host, m_port, version);
}
