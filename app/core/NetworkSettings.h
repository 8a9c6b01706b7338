#pragma once

#include "ProxyConfig.h"

#include <QProcessEnvironment>

#include <functional>

class QAuthenticator;
class QNetworkAccessManager;

// How a network manager for API calls reaches the network (docs/design.md, Network settings and
// packaging): through a proxy factory that never proxies loopback hosts (the simulator), uses an
// explicit proxy when one is configured, and otherwise the system configuration; on the command
// line the variables https_proxy, http_proxy, all_proxy and no_proxy come first, as for curl.
class NetworkSettings
{
public:
    // Replaces the manager's proxy factory. environment: the variables to honour (the command
    // line passes its own; the GUI passes an empty one and follows the desktop's settings).
    static void configure(QNetworkAccessManager& network, const ProxyConfig& config,
                          const QProcessEnvironment& environment = QProcessEnvironment());
    // The same, following the application's proxy (below) as it is at each request: a change in
    // Preferences applies to managers that already exist.
    static void configureForApplication(QNetworkAccessManager& network,
                                        const QProcessEnvironment& environment = QProcessEnvironment());

    // The GUI's proxy choice (Preferences), password included for the session; System by default.
    static void setApplicationProxy(const ProxyConfig& config);
    static ProxyConfig applicationProxy();

    // Asks the user for a proxy's user name and password (407 Proxy Authentication Required):
    // fills the authenticator and returns true, or returns false when the user cancelled. It runs
    // while the manager waits (QNetworkAccessManager::proxyAuthenticationRequired is answered
    // synchronously), so it shows a modal dialog. Without one (the command line) nothing is asked.
    using ProxyAuthenticator = std::function<bool(const QNetworkProxy& proxy, QAuthenticator* authenticator)>;
    static void setProxyAuthenticator(ProxyAuthenticator authenticator);
    static bool hasProxyAuthenticator();
    // False when there is no authenticator or the user cancelled.
    static bool authenticateProxy(const QNetworkProxy& proxy, QAuthenticator* authenticator);
};
