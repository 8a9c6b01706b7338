#include "NetworkSettings.h"

#include "Environment.h"

#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>

namespace {
class ApiProxyFactory : public QNetworkProxyFactory
{
public:
    ApiProxyFactory(ProxyConfig config, QProcessEnvironment environment)
        : m_config(std::move(config))
        , m_environment(std::move(environment))
    {}

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery& query) override
    {
        const QUrl url = query.url();
        // An explicit choice (--proxy, Preferences) beats the environment; the environment beats
        // the desktop's configuration.
        if (m_config.mode == ProxyConfig::Mode::System && !Environment::isLoopbackHost(url.host())) {
            if (const std::optional<QNetworkProxy> fromVariables = ProxyConfig::fromEnvironment(url, m_environment))
                return {*fromVariables};
        }
        return m_config.proxiesFor(url);
    }

private:
    ProxyConfig m_config;
    QProcessEnvironment m_environment;
};
} // namespace

void NetworkSettings::configure(QNetworkAccessManager& network, const ProxyConfig& config,
                                const QProcessEnvironment& environment)
{
    network.setProxyFactory(new ApiProxyFactory(config, environment)); // the manager owns it
}
