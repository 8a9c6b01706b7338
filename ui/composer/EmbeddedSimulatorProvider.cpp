#include "EmbeddedSimulatorProvider.h"

#include "AppSettings.h"
#include "EmbeddedSimulator.h"

#include <QCoreApplication>
#include <QSettings>

EmbeddedSimulatorProvider::EmbeddedSimulatorProvider()
{
    const QSettings settings;
    m_batchShape =
        SimConfig::batchShapeFromName(AppSettings::value(settings, AppSettings::Key::SimulatorBatchShape).toString())
            .value_or(SimConfig::BatchShape::Observed);
}

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
    SimConfig config = m_host ? m_host->config() : SimConfig();
    config.batchShape = m_batchShape;
    return config;
}

QString EmbeddedSimulatorProvider::batchShape() const
{
    return SimConfig::batchShapeName(m_batchShape);
}

void EmbeddedSimulatorProvider::setBatchShape(const QString& name)
{
    const std::optional<SimConfig::BatchShape> shape = SimConfig::batchShapeFromName(name);
    if (!shape || *shape == m_batchShape)
        return;
    m_batchShape = *shape;
    QSettings settings;
    AppSettings::setValue(settings, AppSettings::Key::SimulatorBatchShape, SimConfig::batchShapeName(*shape));
    if (m_host)
        m_host->setBatchShape(*shape);
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
