#pragma once

#include "ProxyConfig.h"

#include <QObject>
#include <QPointer>

class QAuthenticator;
class QWidget;
class SecretStore;

// The GUI's proxy for API calls (Preferences; docs/design.md, Network settings and packaging):
// loaded at start and applied to every ApiClient that makes its own network manager
// (NetworkSettings' application proxy); the simulator on loopback is never proxied. The proxy
// password is a secret: it lives in SecretStore (keychain when "remember" is ticked, otherwise this
// session only) and never in the settings. While it exists it answers proxies asking for a
// password with ProxyAuthDialog.
class NetworkPreferences : public QObject
{
    Q_OBJECT

public:
    // dialogParent: the window the password prompt is modal to.
    NetworkPreferences(SecretStore& secrets, QWidget* dialogParent, QObject* parent = nullptr);
    ~NetworkPreferences() override;

    // The choice in effect, with the password once known.
    ProxyConfig proxy() const { return m_config; }
    bool rememberPassword() const { return m_remember; }
    // Saves the choice (settings without password, the password in SecretStore) and applies it
    // to the next call.
    void apply(const ProxyConfig& config, bool rememberPassword);

signals:
    void proxyChanged();

private:
    bool askForCredentials(const QNetworkProxy& proxy, QAuthenticator* authenticator);
    void onSecretRead(const QString& key, const QString& secret, bool found);
    bool isConfiguredProxy(const QNetworkProxy& proxy) const;
    static QString secretKeyFor(const QNetworkProxy& proxy, const QString& user);

    SecretStore& m_secrets;
    QPointer<QWidget> m_dialogParent;
    ProxyConfig m_config;
    bool m_remember = false;
};
