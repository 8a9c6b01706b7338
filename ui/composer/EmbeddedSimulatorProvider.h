#pragma once

#include "SimConfig.h"
#include "SimulatorProvider.h"

#include <memory>

class SimulatorHost;

// The composer's view of the in-process simulator (design.md §5): started on first use with the
// default demo configuration, its endpoints and the public demo accounts. The simulator itself
// (SimulatorHost::create) comes from the network module, loaded on that first use.
class EmbeddedSimulatorProvider : public SimulatorProvider
{
public:
    EmbeddedSimulatorProvider();
    ~EmbeddedSimulatorProvider() override;

    bool ensureRunning(QString* error) override;
    bool isRunning() const override;
    QUrl endpoint(ApiVersion version) const override;
    QList<DemoAccount> demoAccounts() const override;

    // The configuration it runs (or will start) with.
    SimConfig config() const;

private:
    std::unique_ptr<SimulatorHost> m_host;
};
