#pragma once

#include "SimulatorProvider.h"

class EmbeddedSimulator;

// The composer's view of the in-process simulator (design.md §5): started on first use with the
// default demo configuration, its endpoints and the public demo accounts.
class EmbeddedSimulatorProvider : public SimulatorProvider
{
public:
    explicit EmbeddedSimulatorProvider(EmbeddedSimulator& simulator);

    bool ensureRunning(QString* error) override;
    bool isRunning() const override;
    QUrl endpoint(ApiVersion version) const override;
    QList<DemoAccount> demoAccounts() const override;

private:
    EmbeddedSimulator& m_simulator;
};
