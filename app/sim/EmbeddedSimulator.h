#pragma once

#include "SimConfig.h"
#include "SimLogEntry.h"

#include <QObject>
#include <QUrl>

#include <memory>

class QThread;
class SimServer;

// The simulator inside the GUI: a SimServer on its own thread, so neither the demo data nor a
// flood of requests ever blocks the GUI thread. Signals arrive on the thread that owns this
// object.
class EmbeddedSimulator : public QObject
{
    Q_OBJECT

public:
    explicit EmbeddedSimulator(QObject* parent = nullptr);
    ~EmbeddedSimulator() override;

    // Starts (or restarts with a new configuration) and returns once the server listens.
    // False with *error when the configuration is invalid or the port cannot be bound.
    bool start(const SimConfig& config = SimConfig(), QString* error = nullptr);
    // Stops the server and its thread; returns once both are gone. Safe when not running.
    void stop();

    bool isRunning() const { return m_server != nullptr; }
    quint16 port() const { return m_port; }
    // e.g. http://127.0.0.1:PORT/pubapi/v1.2/ (no credentials); empty when not running.
    QUrl endpoint(const QString& version = QStringLiteral("v1.2")) const;
    SimConfig config() const { return m_config; }
    // Changes how the running server reports failed batch objects, without a restart (the demo
    // data and what was created stay); returns once the server uses it. Kept for a later start().
    void setBatchShape(SimConfig::BatchShape shape);

signals:
    void started(quint16 port);
    void stopped();
    // One entry per request (time, account, method, code, elapsed); never the secret.
    void requestHandled(const SimLogEntry& entry);

private:
    std::unique_ptr<QThread> m_thread;
    QObject* m_context = nullptr;  // lives in m_thread: target of the blocking invocations
    SimServer* m_server = nullptr; // lives in m_thread
    SimConfig m_config;
    quint16 m_port = 0;
};
