#include "SimConfig.h"

#include <QHostAddress>
#include <QTimeZone>

QStringList SimConfig::validate() const
{
    QStringList problems;
    if (host != QLatin1String("localhost") && QHostAddress(host).isNull())
        problems << QStringLiteral("host '%1' is not an IP address (use e.g. 127.0.0.1 or ::1)").arg(host);
    if (accountId.trimmed().isEmpty())
        problems << QStringLiteral("the account ID must not be empty");
    if (secretKey.isEmpty())
        problems << QStringLiteral("the secret key must not be empty");
    if (accountId == agencyAccountId || accountId == resellerAccountId)
        problems
            << QStringLiteral("the account ID %1 is already used by a demo agency/reseller account").arg(accountId);
    if (perSecond < 0 || perSecond > kMaxPerSecond)
        problems << QStringLiteral("per-second limit must be between 0 (unlimited) and %1").arg(kMaxPerSecond);
    if (daily < 0)
        problems << QStringLiteral("daily limit must be 0 (unlimited) or more");
    if (leads < kMinLeads || leads > kMaxLeads)
        problems << QStringLiteral("the number of demo leads must be between %1 (the well-known demo leads) and %2")
                        .arg(kMinLeads)
                        .arg(kMaxLeads);
    if (maxBodyBytes <= 0)
        problems << QStringLiteral("the body size limit must be positive");
    if (requestTimeoutMs <= 0 || idleTimeoutMs <= 0)
        problems << QStringLiteral("timeouts must be positive");
    if (maxConnections <= 0)
        problems << QStringLiteral("the connection limit must be positive");
    if (!timeZone.isEmpty() && !QTimeZone(timeZone.toUtf8()).isValid())
        problems << QStringLiteral("unknown time zone '%1'").arg(timeZone);
    return problems;
}

ScenarioContext SimConfig::scenarioContext() const
{
    ScenarioContext context;
    context.accountId = accountId;
    context.secretKey = secretKey;
    context.agencyAccountId = agencyAccountId;
    context.agencySecretKey = agencySecretKey;
    context.resellerAccountId = resellerAccountId;
    context.resellerSecretKey = resellerSecretKey;
    context.perSecond = perSecond;
    context.daily = daily;
    return context;
}

std::optional<SimConfig::BatchShape> SimConfig::batchShapeFromName(const QString& name)
{
    const QString key = name.trimmed().toLower();
    if (key == QLatin1String("observed"))
        return BatchShape::Observed;
    if (key == QLatin1String("documented"))
        return BatchShape::Documented;
    return std::nullopt;
}

QString SimConfig::batchShapeName(BatchShape shape)
{
    return shape == BatchShape::Documented ? QStringLiteral("documented") : QStringLiteral("observed");
}
