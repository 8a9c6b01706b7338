#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QUrl>

// One HTTP call to the API as the client sends it: POST `body` to `endpoint` with the credentials
// in the query string (docs/design.md, The API in brief). The body is raw bytes on purpose, so a deliberately broken
// body (to reproduce 101) is sent exactly as typed.
struct ApiRequest
{
    using Header = QPair<QByteArray, QByteArray>;

    QUrl endpoint;     // may carry extra query items (simFault=...), never the credentials
    QString accountId; // empty: the accountID parameter is left out (reproduces 103)
    QString secretKey; // empty: left out (reproduces 104). Never stored, never displayed.
    QByteArray body;
    QList<Header> headers; // extra request headers (X-Simulator-Fault, ...)
    int timeoutMs = 30000; // whole call, from send to the last byte
    // SHA-256 fingerprints the user chose to trust for this environment (Environment).
    QStringList trustedCertificates;
    // Extra certificate authorities for this call (the environment's CA files, send --cacert),
    // trusted in addition to the system's.
    QList<QSslCertificate> caCertificates;

    // The URL actually requested: endpoint plus accountID and secretKey. Contains the secret: pass
    // it to the network layer only, never to a display or a log (use displayUrl()).
    QUrl url() const;
    // The URL with `secretKey=•••`.
    QString displayUrl() const;
    // Headers sent, including the defaults ApiClient adds (Content-Type, Accept, User-Agent)
    // unless the caller set them.
    QList<Header> effectiveHeaders() const;
    QByteArray header(const QByteArray& name) const; // case-insensitive; empty if absent
};
