#include "NetworkPreferences.h"

#include "AppSettings.h"
#include "NetworkSettings.h"
#include "ProxyAuthDialog.h"
#include "SecretStore.h"

#include <QAuthenticator>
#include <QNetworkProxyFactory>
#include <QSettings>

NetworkPreferences::NetworkPreferences(SecretStore& secrets, QWidget* dialogParent, QObject* parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_dialogParent(dialogParent)
{
    // API calls have a factory of their own (NetworkSettings); anything else the GUI fetches
    // follows the desktop's proxy configuration.
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    const QSettings settings;
    m_config = ProxyConfig::load(settings);
    m_remember = AppSettings::value(settings, AppSettings::Key::NetworkProxyRememberPassword).toBool();
    NetworkSettings::setApplicationProxy(m_config);
    NetworkSettings::setProxyAuthenticator([this](const QNetworkProxy& proxy, QAuthenticator* authenticator) {
        return askForCredentials(proxy, authenticator);
    });
    connect(&m_secrets, &SecretStore::readFinished, this, &NetworkPreferences::onSecretRead);
    // The remembered password arrives later (the keychain answers asynchronously); a call made
    // before that is asked for it.
    if (m_config.mode == ProxyConfig::Mode::Manual && !m_config.user.isEmpty())
        m_secrets.read(m_config.secretKey());
}

NetworkPreferences::~NetworkPreferences()
{
    // Nothing may call into a dead object; the next window (tests) installs its own.
    NetworkSettings::setProxyAuthenticator({});
    NetworkSettings::setApplicationProxy(ProxyConfig());
}

void NetworkPreferences::onSecretRead(const QString& key, const QString& secret, bool found)
{
    if (!found || m_config.mode != ProxyConfig::Mode::Manual || key != m_config.secretKey() ||
        !m_config.password.isEmpty())
        return;
    m_config.password = secret;
    NetworkSettings::setApplicationProxy(m_config);
}

void NetworkPreferences::apply(const ProxyConfig& config, bool rememberPassword)
{
    const bool hadSecret = m_config.mode == ProxyConfig::Mode::Manual && !m_config.user.isEmpty();
    const bool hasSecret = config.mode == ProxyConfig::Mode::Manual && !config.user.isEmpty();
    // Another proxy or user: the old password is of no use any more.
    if (hadSecret && (!hasSecret || m_config.secretKey() != config.secretKey()))
        m_secrets.remove(m_config.secretKey());
    if (hasSecret) {
        if (!config.password.isEmpty())
            m_secrets.write(config.secretKey(), config.password, rememberPassword);
        else if (!m_config.password.isEmpty()) // cleared by the user
            m_secrets.remove(config.secretKey());
    }
    m_config = config;
    m_remember = rememberPassword;
    QSettings settings;
    m_config.save(settings);
    AppSettings::setValue(settings, AppSettings::Key::NetworkProxyRememberPassword, rememberPassword);
    NetworkSettings::setApplicationProxy(m_config);
    emit proxyChanged();
}

bool NetworkPreferences::isConfiguredProxy(const QNetworkProxy& proxy) const
{
    return m_config.mode == ProxyConfig::Mode::Manual && proxy.type() == m_config.type &&
           proxy.hostName().compare(m_config.host, Qt::CaseInsensitive) == 0 && proxy.port() == m_config.port;
}

QString NetworkPreferences::secretKeyFor(const QNetworkProxy& proxy, const QString& user)
{
    ProxyConfig config;
    config.mode = ProxyConfig::Mode::Manual;
    config.type = proxy.type() == QNetworkProxy::Socks5Proxy ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy;
    config.host = proxy.hostName();
    config.port = proxy.port();
    config.user = user;
    return config.secretKey();
}

bool NetworkPreferences::askForCredentials(const QNetworkProxy& proxy, QAuthenticator* authenticator)
{
    const bool configured = isConfiguredProxy(proxy);
    QString user = authenticator->user();
    if (user.isEmpty())
        user = configured ? m_config.user : proxy.user();
    ProxyAuthDialog dialog(m_dialogParent);
    dialog.setObjectName(QStringLiteral("proxyAuthDialog"));
    dialog.setProxy(proxy.hostName(), proxy.port(), authenticator->realm());
    dialog.setUser(user);
    // A password given earlier in this session for a proxy of the system's configuration.
    if (!configured && !user.isEmpty())
        dialog.setPassword(m_secrets.sessionSecret(secretKeyFor(proxy, user)).value_or(QString()));
    dialog.setRememberAvailable(configured, m_remember);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    authenticator->setUser(dialog.user());
    authenticator->setPassword(dialog.password());
    if (configured) {
        ProxyConfig config = m_config;
        config.user = dialog.user();
        config.password = dialog.password();
        apply(config, dialog.remember());
    } else {
        m_secrets.write(secretKeyFor(proxy, dialog.user()), dialog.password(), false);
    }
    return true;
}
