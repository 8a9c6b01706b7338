#include "ProxyConfig.h"

#include "AppSettings.h"
#include "Environment.h"

#include <QNetworkProxyFactory>

namespace {
constexpr quint16 kDefaultHttpProxyPort = 3128;
constexpr quint16 kDefaultSocksPort = 1080;

QString variable(const QProcessEnvironment& environment, const QString& lower, const QString& upper = {})
{
    const QString value = environment.value(lower).trimmed();
    if (!value.isEmpty() || upper.isEmpty())
        return value;
    return environment.value(upper).trimmed();
}
} // namespace

std::optional<ProxyConfig> ProxyConfig::fromUrl(const QString& text, QString* error)
{
    const auto fail = [&](const QString& message) -> std::optional<ProxyConfig> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    ProxyConfig config;
    if (trimmed.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0 ||
        trimmed.compare(QLatin1String("direct"), Qt::CaseInsensitive) == 0) {
        config.mode = Mode::Direct;
        return config;
    }
    if (trimmed.compare(QLatin1String("system"), Qt::CaseInsensitive) == 0)
        return config;
    // "proxy.example:3128" without a scheme is an HTTP proxy, as for curl.
    const QUrl url =
        QUrl::fromUserInput(trimmed.contains(QLatin1String("://")) ? trimmed : QStringLiteral("http://") + trimmed);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty())
        return fail(QStringLiteral("“%1” is not a proxy URL such as http://proxy.example:3128 or "
                                   "socks5://proxy.example:1080")
                        .arg(trimmed));
    if (!url.password().isEmpty())
        return fail(QStringLiteral("the proxy URL holds a password, which would be visible to other users: give "
                                   "only the user name (http://user@host:port) and put the password in "
                                   "LEADGEN_PROXY_PASSWORD"));
    if (scheme == QLatin1String("http")) {
        config.type = QNetworkProxy::HttpProxy;
    } else if (scheme == QLatin1String("socks5") || scheme == QLatin1String("socks5h")) {
        config.type = QNetworkProxy::Socks5Proxy;
    } else {
        return fail(QStringLiteral("proxy type “%1” is not supported: use http:// or socks5://").arg(scheme));
    }
    if ((!url.path().isEmpty() && url.path() != QLatin1String("/")) || url.hasQuery() || url.hasFragment())
        return fail(QStringLiteral("a proxy URL has no path, query or fragment: “%1”").arg(trimmed));
    config.mode = Mode::Manual;
    config.host = url.host();
    config.port =
        quint16(url.port(config.type == QNetworkProxy::Socks5Proxy ? kDefaultSocksPort : kDefaultHttpProxyPort));
    config.user = url.userName();
    return config;
}

QString ProxyConfig::toUrl() const
{
    switch (mode) {
    case Mode::System:
        return QStringLiteral("system");
    case Mode::Direct:
        return QStringLiteral("none");
    case Mode::Manual:
        break;
    }
    QUrl url;
    url.setScheme(type == QNetworkProxy::Socks5Proxy ? QStringLiteral("socks5") : QStringLiteral("http"));
    url.setHost(host);
    url.setPort(port);
    // An empty but non-null user would print as "http://@host".
    if (!user.isEmpty())
        url.setUserName(user);
    return url.toString();
}

QNetworkProxy ProxyConfig::manualProxy() const
{
    return QNetworkProxy(type, host, port, user, password);
}

QList<QNetworkProxy> ProxyConfig::proxiesFor(const QUrl& url) const
{
    if (Environment::isLoopbackHost(url.host()))
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
    switch (mode) {
    case Mode::Direct:
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
    case Mode::Manual:
        if (noProxyCovers(noProxy, url))
            return {QNetworkProxy(QNetworkProxy::NoProxy)};
        return {manualProxy()};
    case Mode::System:
        break;
    }
    QList<QNetworkProxy> proxies = QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
    return proxies.isEmpty() ? QList<QNetworkProxy>{QNetworkProxy(QNetworkProxy::NoProxy)} : proxies;
}

bool ProxyConfig::noProxyCovers(const QString& noProxy, const QUrl& url)
{
    const QString host = url.host().toLower();
    for (QString entry : noProxy.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        entry = entry.trimmed().toLower();
        if (entry == QLatin1String("*"))
            return true;
        // "host:port" covers that port only.
        if (const qsizetype colon = entry.lastIndexOf(QLatin1Char(':'));
            colon > 0 && !entry.contains(QLatin1Char(']')) && entry.count(QLatin1Char(':')) == 1) {
            bool ok = false;
            const int port = entry.mid(colon + 1).toInt(&ok);
            if (ok && port != url.port(url.scheme() == QLatin1String("https") ? 443 : 80))
                continue;
            entry.truncate(colon);
        }
        if (entry.startsWith(QLatin1Char('.')))
            entry.remove(0, 1);
        if (entry.isEmpty())
            continue;
        if (host == entry || host.endsWith(QLatin1Char('.') + entry))
            return true;
    }
    return false;
}

std::optional<QNetworkProxy> ProxyConfig::fromEnvironment(const QUrl& url, const QProcessEnvironment& environment,
                                                          QString* error)
{
    const bool https = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    // http_proxy is lower-case only: HTTP_PROXY can be set by a CGI request ("httpoxy").
    QString value = https ? variable(environment, QStringLiteral("https_proxy"), QStringLiteral("HTTPS_PROXY"))
                          : variable(environment, QStringLiteral("http_proxy"));
    if (value.isEmpty())
        value = variable(environment, QStringLiteral("all_proxy"), QStringLiteral("ALL_PROXY"));
    if (value.isEmpty())
        return std::nullopt;
    if (Environment::isLoopbackHost(url.host()) ||
        noProxyCovers(variable(environment, QStringLiteral("no_proxy"), QStringLiteral("NO_PROXY")), url))
        return QNetworkProxy(QNetworkProxy::NoProxy);
    // Unlike --proxy, the variables may carry a password (that is where such setups keep it).
    const QUrl proxyUrl =
        QUrl::fromUserInput(value.contains(QLatin1String("://")) ? value : QStringLiteral("http://") + value);
    QString password = proxyUrl.password();
    QUrl withoutPassword = proxyUrl;
    withoutPassword.setPassword(QString());
    QString why;
    std::optional<ProxyConfig> config = fromUrl(withoutPassword.toString(), &why);
    if (!config || config->mode != Mode::Manual) {
        if (error)
            *error = why;
        return std::nullopt;
    }
    config->password = password;
    return config->manualProxy();
}

ProxyConfig ProxyConfig::load(const QSettings& settings)
{
    // Stored in the URL form (without password); anything unreadable is the default, System.
    std::optional<ProxyConfig> config =
        fromUrl(AppSettings::value(settings, AppSettings::Key::NetworkProxy).toString(), nullptr);
    if (!config)
        return ProxyConfig();
    config->noProxy = AppSettings::value(settings, AppSettings::Key::NetworkProxyBypass).toString();
    return *config;
}

void ProxyConfig::save(QSettings& settings) const
{
    AppSettings::setValue(settings, AppSettings::Key::NetworkProxy, toUrl());
    AppSettings::setValue(settings, AppSettings::Key::NetworkProxyBypass, noProxy);
}

QString ProxyConfig::secretKey() const
{
    return QStringLiteral("proxy:") + toUrl();
}

bool ProxyConfig::operator==(const ProxyConfig& other) const
{
    return mode == other.mode && type == other.type && host == other.host && port == other.port && user == other.user &&
           password == other.password && noProxy == other.noProxy;
}
