#include "Environment.h"

#include <QHostAddress>
#include <QRegularExpression>

QString apiVersionName(ApiVersion version)
{
    return version == ApiVersion::V1 ? QStringLiteral("v1") : QStringLiteral("v1.2");
}

ApiVersion apiVersionFromName(const QString& name, bool* ok)
{
    const QString n = name.trimmed().toLower();
    const bool known =
        n == QLatin1String("v1") || n == QLatin1String("1") || n == QLatin1String("v1.2") || n == QLatin1String("1.2");
    if (ok)
        *ok = known;
    return (n == QLatin1String("v1") || n == QLatin1String("1")) ? ApiVersion::V1 : ApiVersion::V1_2;
}

QString Environment::description() const
{
    switch (kind) {
    case Kind::Simulator:
        return QStringLiteral("the built-in simulator on this computer, demo data, no network");
    case Kind::Production:
        return version == ApiVersion::V1 ? QStringLiteral("legacy, account time zone") : QStringLiteral("dates in UTC");
    case Kind::Custom:
        break;
    }
    return baseUrl.toDisplayString() + QStringLiteral(" (") + apiVersionName(version) + QLatin1Char(')');
}

QString Environment::normalizeFingerprint(const QString& fingerprint)
{
    QString result = fingerprint.trimmed().toLower();
    result.remove(QLatin1Char(':'));
    result.remove(QLatin1Char(' '));
    return result;
}

bool Environment::isValidFingerprint(const QString& fingerprint)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    return hex.match(normalizeFingerprint(fingerprint)).hasMatch();
}

bool Environment::isLoopbackHost(const QString& host)
{
    const QString h = host.toLower();
    if (h == QLatin1String("localhost") || h.endsWith(QLatin1String(".localhost")))
        return true;
    return QHostAddress(h).isLoopback();
}

bool Environment::operator==(const Environment& other) const
{
    return id == other.id && name == other.name && kind == other.kind && version == other.version &&
           baseUrl == other.baseUrl && accountId == other.accountId &&
           trustedCertificates == other.trustedCertificates && caCertificateFiles == other.caCertificateFiles &&
           plainHttpAcknowledged == other.plainHttpAcknowledged && dailyQuota == other.dailyQuota;
}
