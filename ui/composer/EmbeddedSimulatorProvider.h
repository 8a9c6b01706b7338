#pragma once

#include "SimConfig.h"
#include "SimulatorProvider.h"

#include <memory>

class EmbeddedSimulator;

// The composer's view of the in-process simulator (docs/design.md, Simulator): started on first
// use with the default demo configuration, its endpoints and the public demo accounts.
class EmbeddedSimulatorProvider : public SimulatorProvider
{
public:
    EmbeddedSimulatorProvider();
    ~EmbeddedSimulatorProvider() override;

    bool ensureRunning(QString* error) override;
    bool isRunning() const override;
    QUrl endpoint(ApiVersion version) const override;
    QList<DemoAccount> demoAccounts() const override;
    // Kept in the settings (AppSettings' SimulatorBatchShape) and applied to the running simulator.
    QString batchShape() const override;
    void setBatchShape(const QString& name) override;

    // The configuration it runs (or will start) with.
    SimConfig config() const;

private:
    std::unique_ptr<EmbeddedSimulator> m_host;
    SimConfig::BatchShape m_batchShape = SimConfig::BatchShape::Observed;
};
