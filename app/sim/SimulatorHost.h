#pragma once

#include "SimConfig.h"

#include <QString>
#include <QUrl>

#include <memory>

// The simulator running inside this process, as the GUI sees it. EmbeddedSimulator implements it
// in the network module (NetworkModule): the GUI creates one on the first call to the simulator.
class SimulatorHost
{
public:
    virtual ~SimulatorHost() = default;

    // Starts (or restarts with a new configuration) and returns once the server listens.
    virtual bool start(const SimConfig& config, QString* error) = 0;
    virtual bool isRunning() const = 0;
    // e.g. http://127.0.0.1:PORT/pubapi/v1.2/; empty when not running.
    virtual QUrl endpoint(const QString& version) const = 0;
    virtual SimConfig config() const = 0;

    // A new EmbeddedSimulator (not started); nullptr with *error when the network module cannot
    // be loaded.
    static std::unique_ptr<SimulatorHost> create(QString* error = nullptr);

    // Called once by the network module as it loads.
    using Factory = std::unique_ptr<SimulatorHost> (*)();
    static bool registerFactory(Factory factory);
};
