#include "EmbeddedSimulatorProvider.h"

#include "EmbeddedSimulator.h"

#include <QCoreApplication>

EmbeddedSimulatorProvider::EmbeddedSimulatorProvider(EmbeddedSimulator& simulator)
    : m_simulator(simulator)
{}

bool EmbeddedSimulatorProvider::ensureRunning(QString* error)
{
    if (m_simulator.isRunning())
        return true;
    return m_simulator.start(m_simulator.config(), error);
}

bool EmbeddedSimulatorProvider::isRunning() const
{
    return m_simulator.isRunning();
}

QUrl EmbeddedSimulatorProvider::endpoint(ApiVersion version) const
{
    return m_simulator.endpoint(apiVersionName(version));
}

QList<SimulatorProvider::DemoAccount> EmbeddedSimulatorProvider::demoAccounts() const
{
    const SimConfig config = m_simulator.config();
    return {
        {config.accountId, config.secretKey, QCoreApplication::translate("EmbeddedSimulatorProvider", "Demo account")},
        {config.agencyAccountId, config.agencySecretKey,
         QCoreApplication::translate("EmbeddedSimulatorProvider", "Agency demo account (manages client accounts)")},
        {config.resellerAccountId, config.resellerSecretKey,
         QCoreApplication::translate("EmbeddedSimulatorProvider", "Reseller demo account (manages sub-accounts)")},
    };
}
