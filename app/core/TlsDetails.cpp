#include "TlsDetails.h"

#include <QJsonArray>

QJsonObject TlsDetails::certificateJson(const CertificateInfo& info)
{
    QJsonObject object;
    object.insert(QStringLiteral("subject"), info.subject);
    object.insert(QStringLiteral("issuer"), info.issuer);
    object.insert(QStringLiteral("sha256"), info.sha256);
    object.insert(QStringLiteral("serial_number"), info.serialNumber);
    object.insert(QStringLiteral("alternative_names"), QJsonArray::fromStringList(info.alternativeNames));
    object.insert(QStringLiteral("not_before"), info.notBefore.toUTC().toString(Qt::ISODate));
    object.insert(QStringLiteral("not_after"), info.notAfter.toUTC().toString(Qt::ISODate));
    object.insert(QStringLiteral("self_signed"), info.selfSigned);
    return object;
}

QJsonObject TlsDetails::toJson(const CallCapture& capture, const QString& host)
{
    const CertificateInfo& peer = capture.peerCertificate;
    QJsonObject tls;
    tls.insert(QStringLiteral("host"), host);
    tls.insert(QStringLiteral("subject"), peer.subject);
    tls.insert(QStringLiteral("issuer"), peer.issuer);
    tls.insert(QStringLiteral("not_before"),
               peer.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(peer.notBefore.toUTC().toString(Qt::ISODate)));
    tls.insert(QStringLiteral("not_after"),
               peer.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(peer.notAfter.toUTC().toString(Qt::ISODate)));
    tls.insert(QStringLiteral("sha256"), peer.sha256);
    QJsonArray chain;
    for (const CertificateInfo& certificate : capture.peerChain)
        chain.append(certificateJson(certificate));
    tls.insert(QStringLiteral("chain"), chain);
    QJsonArray errors;
    QJsonArray problems;
    for (const TlsProblem& problem : capture.tlsProblems) {
        errors.append(problem.message);
        QJsonObject p;
        p.insert(QStringLiteral("message"), problem.message);
        p.insert(QStringLiteral("certificate"), certificateJson(problem.certificate));
        problems.append(p);
    }
    tls.insert(QStringLiteral("errors"), errors);
    tls.insert(QStringLiteral("peer_certificate"), certificateJson(peer));
    tls.insert(QStringLiteral("problems"), problems);
    tls.insert(QStringLiteral("trusted_by_user"), capture.tlsTrustedByUser);
    return tls;
}
