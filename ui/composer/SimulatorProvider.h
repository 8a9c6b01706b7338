#pragma once

#include "Environment.h"

#include <QList>
#include <QString>
#include <QUrl>

// What the composer needs from the embedded simulator, behind an interface so the widget does not
// depend on how (or whether) the simulator runs: the application wires EmbeddedSimulator in,
// tests wire a loopback server.
class SimulatorProvider
{
public:
    // A demo account of the simulator. Its secret is public by design and shown in the UI.
    struct DemoAccount
    {
        QString accountId;
        QString secretKey;
        QString label; // "Demo account", "Agency demo", ...
    };

    virtual ~SimulatorProvider() = default;

    // Starts the simulator if it is not running yet ("starts on first use"). False with a plain
    // message when it cannot start.
    virtual bool ensureRunning(QString* error) = 0;
    virtual bool isRunning() const = 0;
    // Where to POST for a version; empty while not running.
    virtual QUrl endpoint(ApiVersion version) const = 0;
    // The first one is the default account of the Simulator environment.
    virtual QList<DemoAccount> demoAccounts() const = 0;
    // How create/update/delete calls report failed objects: "observed" or "documented" (the
    // values of `sim --batch-shape`, docs/design.md, Simulator); empty when this simulator has no
    // such choice. A change applies to the next call.
    virtual QString batchShape() const { return QString(); }
    virtual void setBatchShape(const QString& /*name*/) {}
};
