#include "EmbeddedSimulatorProvider.h"

#include "EmbeddedSimulator.h"

#include <QCoreApplication>

EmbeddedSimulatorProvider::EmbeddedSimulatorProvider() = default;

EmbeddedSimulatorProvider::~EmbeddedSimulatorProvider() = default;

bool EmbeddedSimulatorProvider::ensureRunning(QString* error)
{
    if (isRunning())
        return true;
    if (!m_host)
        m_host = std::make_unique<EmbeddedSimulator>();
    return m_host->start(config(), error);
}

bool EmbeddedSimulatorProvider::isRunning() const
{
    return m_host && m_host->isRunning();
}

QUrl EmbeddedSimulatorProvider::endpoint(ApiVersion version) const
{
    return isRunning() ? m_host->endpoint(apiVersionName(version)) : QUrl();
}

SimConfig EmbeddedSimulatorProvider::config() const
{
    return m_host ? m_host->config() : SimConfig();
}

QList<SimulatorProvider::DemoAccount> EmbeddedSimulatorProvider::demoAccounts() const
{
    const SimConfig config = this->config();
    return {
        {config.accountId, config.secretKey, QCoreApplication::translate("EmbeddedSimulatorProvider", "Demo account")},
        {config.agencyAccountId, config.agencySecretKey,
         QCoreApplication::translate("EmbeddedSimulatorProvider", "Agency demo account (manages client accounts)")},
        {config.resellerAccountId, config.resellerSecretKey,
         QCoreApplication::translate("EmbeddedSimulatorProvider", "Reseller demo account (manages sub-accounts)")},
    };
}
