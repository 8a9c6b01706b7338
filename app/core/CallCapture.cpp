#include "CallCapture.h"

#include <QFile>

QString failureLayerName(FailureLayer layer)
{
    switch (layer) {
    case FailureLayer::None:
        return QStringLiteral("none");
    case FailureLayer::Dns:
        return QStringLiteral("dns");
    case FailureLayer::ConnectionRefused:
        return QStringLiteral("refused");
    case FailureLayer::Timeout:
        return QStringLiteral("timeout");
    case FailureLayer::Tls:
        return QStringLiteral("tls");
    case FailureLayer::Proxy:
        return QStringLiteral("proxy");
    case FailureLayer::Connection:
        return QStringLiteral("connection");
    case FailureLayer::HttpStatus:
        return QStringLiteral("http_status");
    case FailureLayer::NotJson:
        return QStringLiteral("not_json");
    case FailureLayer::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QString();
}

QString failureLayerTitle(FailureLayer layer)
{
    switch (layer) {
    case FailureLayer::None:
        return QStringLiteral("No failure");
    case FailureLayer::Dns:
        return QStringLiteral("DNS");
    case FailureLayer::ConnectionRefused:
        return QStringLiteral("Connection refused");
    case FailureLayer::Timeout:
        return QStringLiteral("Timeout");
    case FailureLayer::Tls:
        return QStringLiteral("TLS");
    case FailureLayer::Proxy:
        return QStringLiteral("Proxy");
    case FailureLayer::Connection:
        return QStringLiteral("Connection");
    case FailureLayer::HttpStatus:
        return QStringLiteral("HTTP status");
    case FailureLayer::NotJson:
        return QStringLiteral("Body not JSON");
    case FailureLayer::Cancelled:
        return QStringLiteral("Cancelled");
    }
    return QString();
}

QString CertificateInfo::colonFingerprint() const
{
    QStringList pairs;
    for (int i = 0; i + 1 < sha256.size(); i += 2)
        pairs << sha256.mid(i, 2).toUpper();
    return pairs.join(QLatin1Char(':'));
}

QString CertificateInfo::summary() const
{
    if (isNull())
        return QStringLiteral("no certificate");
    QString text = QStringLiteral("subject %1; issuer %2").arg(subject, issuer);
    if (selfSigned)
        text += QStringLiteral(" (self-signed)");
    if (!alternativeNames.isEmpty())
        text += QStringLiteral("; names %1").arg(alternativeNames.join(QStringLiteral(", ")));
    text +=
        QStringLiteral("; valid %1 to %2; SHA-256 %3")
            .arg(notBefore.toUTC().toString(Qt::ISODate), notAfter.toUTC().toString(Qt::ISODate), colonFingerprint());
    return text;
}

QByteArray CallCapture::readBody(QString* error) const
{
    if (!isSpilled())
        return body;
    QFile file(spillPath);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read the saved response body %1: %2").arg(spillPath, file.errorString());
        return QByteArray();
    }
    return file.readAll();
}

QByteArray CallCapture::responseHeader(const QByteArray& name) const
{
    for (const Header& header : responseHeaders) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return QByteArray();
}

QString CallCapture::contentType() const
{
    return QString::fromLatin1(responseHeader("Content-Type"));
}
