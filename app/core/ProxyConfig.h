#pragma once

#include <QList>
#include <QNetworkProxy>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include <optional>

class QSettings;

// Which proxy API calls go through (docs/design.md, Network settings and packaging). A value:
// the password is a member only for the session, it is never written by this class (it is a
// secret: keychain or session, like the API's secret key).
struct ProxyConfig
{
    enum class Mode
    {
        System, // the desktop's proxy configuration (and, on the command line, https_proxy & co)
        Direct, // no proxy at all
        Manual, // the proxy below
    };

    Mode mode = Mode::System;
    QNetworkProxy::ProxyType type = QNetworkProxy::HttpProxy; // HttpProxy or Socks5Proxy
    QString host;
    quint16 port = 0;
    QString user;
    QString password;
    // Manual only: hosts reached without the proxy, in the no_proxy syntax ("*", hosts and domain
    // suffixes, optionally with a port). Preferences' "No proxy for".
    QString noProxy;

    // "http://[user@]host[:port]" (port 3128 by default), "socks5://[user@]host[:port]" (1080),
    // "none" / "direct", "system". A password in the URL is refused: it would be visible in the
    // process list and the shell history.
    static std::optional<ProxyConfig> fromUrl(const QString& text, QString* error);
    // The same form without password: "http://user@proxy.example:3128", "none", "system".
    QString toUrl() const;

    // The proxies for a call to url. Loopback hosts (the simulator) are never proxied.
    QList<QNetworkProxy> proxiesFor(const QUrl& url) const;
    QNetworkProxy manualProxy() const;

    // The command line's system configuration: the curl conventions (https_proxy or
    // HTTPS_PROXY for https, http_proxy for http, all_proxy/ALL_PROXY for both; no_proxy /
    // NO_PROXY: "*" or a comma-separated list of hosts and domain suffixes, ".example.com" or
    // "example.com", optionally with a port). nullopt when none of the proxy variables is set
    // (the desktop configuration then applies).
    static std::optional<QNetworkProxy> fromEnvironment(const QUrl& url, const QProcessEnvironment& environment,
                                                        QString* error = nullptr);
    static bool noProxyCovers(const QString& noProxy, const QUrl& url);

    // The GUI's choice (Preferences, AppSettings' Network keys). Never the password: that is a
    // secret, kept in SecretStore under secretKey().
    static ProxyConfig load(const QSettings& settings);
    void save(QSettings& settings) const;
    // The SecretStore entry of the password: one per proxy and user ("proxy:http://ann@host:3128").
    QString secretKey() const;

    bool operator==(const ProxyConfig& other) const;
    bool operator!=(const ProxyConfig& other) const { return !(*this == other); }
};
