#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>

// The layer at which a call failed, from the bottom up. None: an HTTP response
// arrived with a 2xx status and a JSON body; whether the API reported errors inside it is the
// ResponseAnalyzer's business.
enum class FailureLayer
{
    None,
    Dns,               // host name not resolved
    ConnectionRefused, // nothing listens on host:port
    Timeout,           // no complete answer within the time limit
    Tls,               // handshake failed (certificate chain, host mismatch, expiry, ...)
    Proxy,             // the proxy refused, failed or wants authentication
    Connection,        // connection broken (closed mid-response, network down, protocol error)
    HttpStatus,        // a response with a non-2xx status
    NotJson,           // 2xx, but the body is empty or not JSON
    Cancelled,         // cancelled by the user
};

// Stable lower-case name: "dns", "refused", "timeout", "tls", "proxy", "connection",
// "http_status", "not_json", "cancelled" ("none" for None). Used in `send --json`.
QString failureLayerName(FailureLayer layer);
// Human title of a layer: "DNS", "Connection refused", ...
QString failureLayerTitle(FailureLayer layer);

// What the UI shows about a certificate (never ignored silently: docs/design.md, Security).
struct CertificateInfo
{
    QString subject; // "CN=api.example.com, O=Example"
    QString issuer;
    QString sha256; // lower-case hex, no separators (what Environment stores)
    QString serialNumber;
    QStringList alternativeNames; // DNS names and IP addresses
    QDateTime notBefore;
    QDateTime notAfter;
    bool selfSigned = false;

    bool isNull() const { return sha256.isEmpty(); }
    // sha256 as "AB:CD:..." for display.
    QString colonFingerprint() const;
    // "subject …, issuer …, SHA-256 …, valid … to …" on one line.
    QString summary() const;
};

struct TlsProblem
{
    int code = 0;    // QSslError::SslError
    QString message; // Qt's text for the error
    CertificateInfo certificate;
};

// Everything observed about one call, as a value (cheap to copy: a spilled body is shared).
struct CallCapture
{
    using Header = QPair<QByteArray, QByteArray>;

    // Request
    QString displayUrl; // secretKey=•••
    QByteArray requestBody;
    QList<Header> requestHeaders;
    QDateTime startedAt;

    // Response (hasResponse: a status line and headers arrived)
    bool hasResponse = false;
    int httpStatus = 0;
    QString reasonPhrase;
    QList<Header> responseHeaders;
    QByteArray body;   // empty when spilled
    QString spillPath; // temporary file holding the body when it was too big for memory
    qint64 bodySize = 0;
    bool bodyComplete = true; // false when the connection broke mid-body

    // Timings (ms since send; -1 = did not happen) and body volume
    qint64 totalMs = -1;
    qint64 firstByteMs = -1;  // response headers arrived
    qint64 bytesSent = 0;     // request body bytes
    qint64 bytesReceived = 0; // response body bytes as delivered (after decompression)

    // Failure
    FailureLayer layer = FailureLayer::None;
    QString errorKey;           // catalogue situation key (errors.json): "transport_dns", ...
    int networkError = 0;       // QNetworkReply::NetworkError
    QString networkErrorString; // Qt's text, secret redacted
    QString facts;              // what happened in this call, in one or two plain sentences
    QString explanation;        // facts + the catalogue's plain explanation of the layer

    // TLS (https only)
    QList<TlsProblem> tlsProblems;
    CertificateInfo peerCertificate;
    QList<CertificateInfo> peerChain;
    bool tlsTrustedByUser = false; // errors were ignored because the user trusts this certificate

    bool succeeded() const { return hasResponse && layer == FailureLayer::None; }
    bool isSpilled() const { return !spillPath.isEmpty(); }
    // The body from memory or the spill file (empty with a message in error if unreadable).
    QByteArray readBody(QString* error = nullptr) const;
    QByteArray responseHeader(const QByteArray& name) const; // case-insensitive
    QString contentType() const;

    // Keeps the spill file alive while any copy of this capture exists; removes it after.
    std::shared_ptr<void> spillGuard;
};

Q_DECLARE_METATYPE(CallCapture)
