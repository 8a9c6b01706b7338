#include "ApiRequest.h"

#include "Redactor.h"

#include <QUrlQuery>

namespace {
bool isCredentialName(const QString& name)
{
    return name.compare(QLatin1String("accountID"), Qt::CaseInsensitive) == 0 ||
           name.compare(QLatin1String("secretKey"), Qt::CaseInsensitive) == 0;
}
} // namespace

QUrl ApiRequest::url() const
{
    // Built on the encoded query text so that reserved characters in a key ('+', '&', '=', '%')
    // are percent-encoded exactly once and reach the server unchanged.
    QStringList parts;
    const QString existing = endpoint.query(QUrl::FullyEncoded);
    if (!existing.isEmpty()) {
        const QStringList items = existing.split(QLatin1Char('&'), Qt::SkipEmptyParts);
        for (const QString& item : items) {
            const QString name = QUrl::fromPercentEncoding(item.section(QLatin1Char('='), 0, 0).toLatin1());
            if (!isCredentialName(name))
                parts << item;
        }
    }
    if (!accountId.isEmpty())
        parts << QStringLiteral("accountID=") + QString::fromLatin1(QUrl::toPercentEncoding(accountId));
    if (!secretKey.isEmpty())
        parts << QStringLiteral("secretKey=") + QString::fromLatin1(QUrl::toPercentEncoding(secretKey));
    QUrl result = endpoint;
    if (parts.isEmpty())
        result.setQuery(QString());
    else
        result.setQuery(parts.join(QLatin1Char('&')), QUrl::StrictMode);
    return result;
}

QString ApiRequest::displayUrl() const
{
    return Redactor::redactUrl(url());
}

QList<ApiRequest::Header> ApiRequest::effectiveHeaders() const
{
    QList<Header> result;
    const auto addDefault = [&](const QByteArray& name, const QByteArray& value) {
        if (header(name).isEmpty())
            result.append({name, value});
    };
    addDefault("Content-Type", "application/json");
    addDefault("Accept", "application/json");
    addDefault("User-Agent", "leadgen-diag/" LEADGEN_VERSION);
    result.append(headers);
    return result;
}

QByteArray ApiRequest::header(const QByteArray& name) const
{
    for (const Header& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return QByteArray();
}
