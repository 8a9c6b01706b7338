#include "NetworkSettings.h"

#include "Environment.h"

#include <QMutex>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>

namespace {
// Managers live on whichever thread made them (bulk runs use workers): the shared choice is
// guarded.
QMutex& applicationMutex()
{
    static QMutex mutex;
    return mutex;
}

ProxyConfig& applicationConfig()
{
    static ProxyConfig config;
    return config;
}

NetworkSettings::ProxyAuthenticator& applicationAuthenticator()
{
    static NetworkSettings::ProxyAuthenticator authenticator;
    return authenticator;
}

class ApiProxyFactory : public QNetworkProxyFactory
{
public:
    ApiProxyFactory(std::optional<ProxyConfig> config, QProcessEnvironment environment)
        : m_config(std::move(config))
        , m_environment(std::move(environment))
    {}

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery& query) override
    {
        const QUrl url = query.url();
        const ProxyConfig config = m_config ? *m_config : NetworkSettings::applicationProxy();
        // An explicit choice (--proxy, Preferences) beats the environment; the environment beats
        // the desktop's configuration.
        if (config.mode == ProxyConfig::Mode::System && !Environment::isLoopbackHost(url.host())) {
            if (const std::optional<QNetworkProxy> fromVariables = ProxyConfig::fromEnvironment(url, m_environment))
                return {*fromVariables};
        }
        return config.proxiesFor(url);
    }

private:
    std::optional<ProxyConfig> m_config; // nullopt: the application's, read at each request
    QProcessEnvironment m_environment;
};
} // namespace

void NetworkSettings::configure(QNetworkAccessManager& network, const ProxyConfig& config,
                                const QProcessEnvironment& environment)
{
    network.setProxyFactory(new ApiProxyFactory(config, environment)); // the manager owns it
}

void NetworkSettings::configureForApplication(QNetworkAccessManager& network, const QProcessEnvironment& environment)
{
    network.setProxyFactory(new ApiProxyFactory(std::nullopt, environment));
}

void NetworkSettings::setApplicationProxy(const ProxyConfig& config)
{
    const QMutexLocker lock(&applicationMutex());
    applicationConfig() = config;
}

ProxyConfig NetworkSettings::applicationProxy()
{
    const QMutexLocker lock(&applicationMutex());
    return applicationConfig();
}

void NetworkSettings::setProxyAuthenticator(ProxyAuthenticator authenticator)
{
    const QMutexLocker lock(&applicationMutex());
    applicationAuthenticator() = std::move(authenticator);
}

bool NetworkSettings::hasProxyAuthenticator()
{
    const QMutexLocker lock(&applicationMutex());
    return bool(applicationAuthenticator());
}

bool NetworkSettings::authenticateProxy(const QNetworkProxy& proxy, QAuthenticator* authenticator)
{
    ProxyAuthenticator ask;
    {
        // Not held while asking: the dialog runs an event loop.
        const QMutexLocker lock(&applicationMutex());
        ask = applicationAuthenticator();
    }
    return ask && ask(proxy, authenticator);
}
