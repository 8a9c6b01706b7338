#include "ApiClient.h"

#include "Environment.h"
#include "ErrorCatalog.h"
#include "NetworkSettings.h"
#include "Platform.h"
#include "Redactor.h"

#include <QAuthenticator>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryFile>

#include <mutex>
#include <simdjson.h>
#include <utility>

namespace {
// Removes a spill file when the last CallCapture copy that refers to it goes away.
class SpillFileRemover
{
public:
    explicit SpillFileRemover(const QString& path)
        : m_path(path)
    {}
    SpillFileRemover(const SpillFileRemover&) = delete;
    SpillFileRemover& operator=(const SpillFileRemover&) = delete;
    ~SpillFileRemover() { QFile::remove(m_path); }

private:
    QString m_path;
};

QString distinguishedName(const QSslCertificate& certificate, bool issuer)
{
    // Most specific first, the way browsers show it.
    const QList<QSslCertificate::SubjectInfo> order{
        QSslCertificate::CommonName,   QSslCertificate::Organization,        QSslCertificate::OrganizationalUnitName,
        QSslCertificate::LocalityName, QSslCertificate::StateOrProvinceName, QSslCertificate::CountryName};
    const QStringList labels{QStringLiteral("CN"), QStringLiteral("O"),  QStringLiteral("OU"),
                             QStringLiteral("L"),  QStringLiteral("ST"), QStringLiteral("C")};
    QStringList parts;
    for (int i = 0; i < order.size(); ++i) {
        const QStringList values = issuer ? certificate.issuerInfo(order.at(i)) : certificate.subjectInfo(order.at(i));
        for (const QString& value : values)
            parts << labels.at(i) + QLatin1Char('=') + value;
    }
    if (parts.isEmpty())
        return issuer ? certificate.issuerDisplayName() : certificate.subjectDisplayName();
    return parts.join(QStringLiteral(", "));
}

// The facts of a certificate that a capture keeps (CallCapture has no Qt Network types).
CertificateInfo certificateInfo(const QSslCertificate& certificate)
{
    CertificateInfo info;
    if (certificate.isNull())
        return info;
    info.subject = distinguishedName(certificate, false);
    info.issuer = distinguishedName(certificate, true);
    info.sha256 = QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
    info.serialNumber = QString::fromLatin1(certificate.serialNumber());
    const auto names = certificate.subjectAlternativeNames();
    for (auto it = names.constBegin(); it != names.constEnd(); ++it)
        info.alternativeNames << it.value();
    info.notBefore = certificate.effectiveDate();
    info.notAfter = certificate.expiryDate();
    info.selfSigned = certificate.isSelfSigned();
    return info;
}

int defaultPort(const QUrl& url)
{
    return url.port(url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80);
}

// The start of a body as one short line for messages.
QString bodySnippet(const QByteArray& head)
{
    QString text = QString::fromUtf8(head.left(200)).simplified();
    if (text.size() > 60)
        text = text.left(60) + QStringLiteral("…");
    return Redactor::redactText(text);
}

// An HTML page (gateway error, login or maintenance page). Judged by the body: servers label
// plain text as text/html too, and that is "not JSON", not a page.
bool looksLikeHtml(const QString& contentType, const QByteArray& head)
{
    QByteArray start = head.left(512).trimmed().toLower();
    if (start.startsWith("\xef\xbb\xbf"))
        start = start.mid(3).trimmed();
    if (start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<head") ||
        start.startsWith("<body") || start.startsWith("<title"))
        return true;
    return contentType.contains(QLatin1String("text/html"), Qt::CaseInsensitive) && start.startsWith('<');
}

// The proxy the manager will use for this URL (its own, its factory's or the application's).
QNetworkProxy effectiveProxy(QNetworkAccessManager* network, const QUrl& url)
{
    const QNetworkProxy own = network->proxy();
    if (own.type() != QNetworkProxy::DefaultProxy)
        return own;
    const QNetworkProxyQuery query(url);
    const QList<QNetworkProxy> list = network->proxyFactory() ? network->proxyFactory()->queryProxy(query)
                                                              : QNetworkProxyFactory::proxyForQuery(query);
    return list.value(0, QNetworkProxy(QNetworkProxy::NoProxy));
}

bool usesProxy(const QNetworkProxy& proxy)
{
    return proxy.type() == QNetworkProxy::HttpProxy || proxy.type() == QNetworkProxy::Socks5Proxy ||
           proxy.type() == QNetworkProxy::HttpCachingProxy;
}

struct JsonCheck
{
    bool json = false;
    bool utf8 = true;
    QString problem;
};

JsonCheck checkJson(const QByteArray& body, const QString& spillPath)
{
    JsonCheck check;
    // Bulk runs check page after page: bodies up to a few MB share one parser per thread (its
    // buffers stay allocated) instead of allocating and faulting in fresh ones for each.
    constexpr qsizetype kReusedCapacity = 8 << 20;
    thread_local simdjson::dom::parser reused(kReusedCapacity);
    simdjson::dom::parser own;
    simdjson::dom::parser& parser = spillPath.isEmpty() && body.size() <= kReusedCapacity ? reused : own;
    simdjson::error_code error = simdjson::SUCCESS;
    if (spillPath.isEmpty()) {
        error = parser.parse(body.constData(), static_cast<size_t>(body.size()), true).error();
    } else {
        auto loaded = simdjson::padded_string::load(QFile::encodeName(spillPath).toStdString());
        if (loaded.error()) {
            check.problem = QStringLiteral("the saved body could not be read back");
            return check;
        }
        error = parser.parse(loaded.value_unsafe()).error();
    }
    check.json = error == simdjson::SUCCESS;
    check.utf8 = error != simdjson::UTF8_ERROR;
    if (!check.json)
        check.problem = QString::fromUtf8(simdjson::error_message(error));
    return check;
}
} // namespace

ApiClient::ApiClient(QNetworkAccessManager* network, QObject* parent)
    : QObject(parent)
    , m_network(network ? network : new QNetworkAccessManager(this))
    , m_spillDirectory(QDir::tempPath())
{
    m_timeout.setSingleShot(true);
    // A coarse timer may fire up to 5 % early; the limit the user set is a promise.
    m_timeout.setTimerType(Qt::PreciseTimer);
    connect(&m_timeout, &QTimer::timeout, this, &ApiClient::onTimeout);
    // A manager of its own (the GUI's) follows the proxy variables and the system's proxy
    // configuration, and never proxies the simulator (docs/design.md, Network settings and
    // packaging). An injected manager is configured by its owner.
    if (!network) {
        NetworkSettings::configureForApplication(*m_network, QProcessEnvironment::systemEnvironment());
        connect(m_network, &QNetworkAccessManager::proxyAuthenticationRequired, this,
                &ApiClient::onProxyAuthenticationRequired);
    }
    // Once per process: spill files left by a run that was killed.
    static std::once_flag swept;
    std::call_once(swept, [this] { sweepStaleSpillFiles(m_spillDirectory); });
}

ApiClient::~ApiClient()
{
    // No signals from a destructor: drop the call silently.
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        detachReply();
        reply->abort();
        reply->deleteLater();
    }
}

FailureLayer ApiClient::layerOf(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::NoError:
        return FailureLayer::None;
    case QNetworkReply::HostNotFoundError:
        return FailureLayer::Dns;
    case QNetworkReply::ConnectionRefusedError:
        return FailureLayer::ConnectionRefused;
    case QNetworkReply::TimeoutError:
        return FailureLayer::Timeout;
    case QNetworkReply::SslHandshakeFailedError:
        return FailureLayer::Tls;
    case QNetworkReply::OperationCanceledError:
        return FailureLayer::Cancelled;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        return FailureLayer::Proxy;
    case QNetworkReply::ContentAccessDenied:
    case QNetworkReply::ContentOperationNotPermittedError:
    case QNetworkReply::ContentNotFoundError:
    case QNetworkReply::AuthenticationRequiredError:
    case QNetworkReply::ContentReSendError:
    case QNetworkReply::ContentConflictError:
    case QNetworkReply::ContentGoneError:
    case QNetworkReply::UnknownContentError:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::OperationNotImplementedError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::UnknownServerError:
        return FailureLayer::HttpStatus;
    default:
        // RemoteHostClosed, TemporaryNetworkFailure, NetworkSessionFailed, protocol errors, ...
        return FailureLayer::Connection;
    }
}

QString ApiClient::catalogueKey(FailureLayer layer)
{
    switch (layer) {
    case FailureLayer::Dns:
        return QStringLiteral("transport_dns");
    case FailureLayer::ConnectionRefused:
        return QStringLiteral("transport_refused");
    case FailureLayer::Timeout:
        return QStringLiteral("transport_timeout");
    case FailureLayer::Tls:
        return QStringLiteral("transport_tls");
    case FailureLayer::Proxy:
        return QStringLiteral("transport_proxy");
    case FailureLayer::HttpStatus:
        return QStringLiteral("http_status");
    case FailureLayer::NotJson:
        return QStringLiteral("not_json");
    case FailureLayer::Connection:
        return QStringLiteral("transport_closed");
    case FailureLayer::None:
    case FailureLayer::Cancelled:
        break;
    }
    return QString();
}

FailureLayer ApiClient::classifyResponse(int status, const QString& contentType, const QByteArray& bodyHead,
                                         bool bodyIsJson, bool bodyIsUtf8, QString* key)
{
    QString k;
    FailureLayer layer = FailureLayer::None;
    if (status < 200 || status >= 300) {
        layer = FailureLayer::HttpStatus;
        if (status == 401 && !bodyIsJson && !bodyHead.trimmed().isEmpty() && !looksLikeHtml(contentType, bodyHead))
            k = QStringLiteral("http_401_text"); // "Unable to determine clusterID ..."
        else if (looksLikeHtml(contentType, bodyHead))
            k = QStringLiteral("html_page");
        else
            k = QStringLiteral("http_status");
    } else if (bodyHead.trimmed().isEmpty() && !bodyIsJson) {
        layer = FailureLayer::NotJson;
        k = QStringLiteral("empty_body");
    } else if (!bodyIsUtf8) {
        layer = FailureLayer::NotJson;
        k = QStringLiteral("invalid_utf8");
    } else if (!bodyIsJson) {
        layer = FailureLayer::NotJson;
        k = looksLikeHtml(contentType, bodyHead) ? QStringLiteral("html_page") : QStringLiteral("not_json");
    }
    if (key)
        *key = k;
    return layer;
}

QString ApiClient::explanation(const QString& key, const QString& facts)
{
    const ErrorEntry* entry = key.isEmpty() ? nullptr : ErrorCatalog::builtin().byKey(key);
    if (!entry || entry->summary.isEmpty())
        return facts;
    return facts + QStringLiteral("\n\n") + entry->summary;
}

void ApiClient::send(const ApiRequest& request)
{
    if (m_reply)
        cancel();

    m_request = request;
    m_capture = CallCapture();
    m_capture.displayUrl = request.displayUrl();
    m_capture.requestBody = request.body;
    m_capture.requestHeaders = request.effectiveHeaders();
    m_capture.startedAt = QDateTime::currentDateTimeUtc();
    m_spillFile.reset();
    m_spillNote.clear();
    m_spillCarry.clear();
    m_spillSecrets.clear();
    if (request.secretKey.size() >= 4) {
        m_spillSecrets << request.secretKey.toUtf8();
        const QByteArray encoded = QUrl::toPercentEncoding(request.secretKey);
        if (encoded != m_spillSecrets.first())
            m_spillSecrets << encoded;
    }
    m_timedOut = false;
    m_cancelled = false;
    m_proxyAuthDeclined = false;
    m_proxyAuthAnswered = false;

    const QUrl url = request.url();
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        // Nothing to connect to (e.g. the simulator is not running): say so instead of letting the
        // network layer report an "unknown protocol".
        CallCapture capture = std::move(m_capture);
        m_capture = CallCapture();
        capture.totalMs = 0;
        capture.layer = FailureLayer::Connection;
        capture.facts = request.endpoint.isEmpty()
                            ? QStringLiteral("There is no endpoint URL to send to.")
                            : QStringLiteral("“%1” is not an http:// or https:// URL with a host name, so nothing "
                                             "was sent.")
                                  .arg(capture.displayUrl);
        capture.explanation = capture.facts;
        finish(capture);
        return;
    }

    QNetworkRequest networkRequest(url);
    for (const ApiRequest::Header& header : m_capture.requestHeaders)
        networkRequest.setRawHeader(header.first, header.second);
    // A redirect would turn the POST into a GET and could carry the secret key in the query
    // string to another host: never follow one, report it.
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // The URL contains the secret: keep it out of any disk cache the manager may have.
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    networkRequest.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);

    if (!request.caCertificates.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(request.caCertificates);
        networkRequest.setSslConfiguration(tls);
    }

    m_proxy = effectiveProxy(m_network, networkRequest.url());
    m_clock.start();
    m_reply = m_network->post(networkRequest, request.body);
    m_capture.bytesSent = request.body.size();
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &ApiClient::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &ApiClient::onReadyRead);
    connect(m_reply, &QNetworkReply::sslErrors, this, &ApiClient::onSslErrors);
    connect(m_reply, &QNetworkReply::finished, this, &ApiClient::onFinished);
    connect(m_reply, &QNetworkReply::uploadProgress, this, &ApiClient::uploadProgress);
    connect(m_reply, &QNetworkReply::downloadProgress, this, &ApiClient::downloadProgress);
    if (request.timeoutMs > 0)
        m_timeout.start(request.timeoutMs);
    emit started(m_capture.displayUrl);
}

void ApiClient::cancel()
{
    if (!m_reply)
        return;
    m_cancelled = true;
    // abort() emits finished() synchronously, so the capture is out before cancel() returns.
    m_reply->abort();
}

void ApiClient::onTimeout()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    m_reply->abort();
}

void ApiClient::onProxyAuthenticationRequired(const QNetworkProxy& proxy, QAuthenticator* authenticator)
{
    // The time limit is for the API, not for the user typing a password.
    const int remaining = m_timeout.isActive() ? m_timeout.remainingTime() : -1;
    m_timeout.stop();
    if (NetworkSettings::authenticateProxy(proxy, authenticator))
        m_proxyAuthAnswered = true;
    else
        m_proxyAuthDeclined = true; // Qt then fails the reply with ProxyAuthenticationRequiredError
    if (remaining >= 0 && m_reply)
        m_timeout.start(remaining);
}

void ApiClient::markFirstByte()
{
    if (m_capture.firstByteMs < 0)
        m_capture.firstByteMs = m_clock.elapsed();
}

void ApiClient::onMetaDataChanged()
{
    markFirstByte();
}

void ApiClient::onReadyRead()
{
    markFirstByte();
    if (m_reply)
        appendBody(m_reply->readAll());
}

void ApiClient::appendBody(const QByteArray& chunk)
{
    if (chunk.isEmpty())
        return;
    m_capture.bytesReceived += chunk.size();
    if (!m_spillFile && m_capture.body.size() + chunk.size() > m_spillThreshold && m_spillNote.isEmpty()) {
        // The pid in the name lets a later run remove the file if this process is killed.
        auto file = std::make_unique<QTemporaryFile>(
            QDir(m_spillDirectory)
                .filePath(
                    QStringLiteral("%1%2-XXXXXX").arg(spillFilePrefix()).arg(QCoreApplication::applicationPid())));
        file->setAutoRemove(false);
        if (file->open()) {
            m_capture.spillPath = file->fileName();
            m_capture.spillGuard = std::make_shared<SpillFileRemover>(file->fileName());
            m_spillFile = std::move(file);
            writeSpill(m_capture.body, false);
            m_capture.body.clear();
        } else {
            m_spillNote = QStringLiteral("The body could not be saved to a temporary file in %1 (%2), so it is kept "
                                         "in memory.")
                              .arg(m_spillDirectory, file->errorString());
        }
    }
    if (m_spillFile)
        writeSpill(chunk, false);
    else
        m_capture.body += chunk;
}

void ApiClient::writeSpill(const QByteArray& chunk, bool last)
{
    // A server that echoes the query string puts the secret in the body, and this file is on
    // disk: every copy of it is masked before writing. The last bytes wait for the next chunk in
    // case a copy straddles two chunks.
    QByteArray data = m_spillCarry + chunk;
    qsizetype keep = 0;
    for (const QByteArray& secret : std::as_const(m_spillSecrets)) {
        data.replace(secret, Redactor::mask().toUtf8());
        keep = qMax(keep, secret.size() - 1);
    }
    keep = last ? 0 : qMin(keep, data.size());
    m_spillCarry = data.right(keep);
    data.chop(keep);
    if (m_spillFile->write(data) != data.size() && m_spillNote.isEmpty())
        m_spillNote = QStringLiteral("Writing the body to %1 failed (%2): the saved body is incomplete.")
                          .arg(m_capture.spillPath, m_spillFile->errorString());
}

QString ApiClient::spillFilePrefix()
{
    return QStringLiteral("leadgen-diag-body-");
}

int ApiClient::sweepStaleSpillFiles(const QString& directory)
{
    // Only our own files (owner, name with a pid) whose process is gone: a running instance,
    // another user's, or anything else in the directory is left alone.
    int removed = 0;
    const QFileInfoList files = QDir(directory).entryInfoList({spillFilePrefix() + QLatin1Char('*')}, QDir::Files);
    for (const QFileInfo& info : files) {
        const QString rest = info.fileName().mid(spillFilePrefix().size());
        bool ok = false;
        const qint64 pid = rest.section(QLatin1Char('-'), 0, 0).toLongLong(&ok);
        if (!ok || pid <= 0 || pid == QCoreApplication::applicationPid() || Platform::processExists(pid) ||
            info.ownerId() != Platform::currentUserId())
            continue;
        removed += QFile::remove(info.filePath()) ? 1 : 0;
    }
    return removed;
}

void ApiClient::onSslErrors(const QList<QSslError>& errors)
{
    if (!m_reply)
        return;
    const QSslCertificate peer = m_reply->sslConfiguration().peerCertificate();
    if (m_capture.peerChain.isEmpty()) {
        const QList<QSslCertificate> chain = m_reply->sslConfiguration().peerCertificateChain();
        for (const QSslCertificate& certificate : chain)
            m_capture.peerChain.append(certificateInfo(certificate));
    }
    QStringList trusted;
    for (const QString& fingerprint : std::as_const(m_request.trustedCertificates))
        trusted << Environment::normalizeFingerprint(fingerprint);
    bool allTrusted = !errors.isEmpty();
    for (const QSslError& error : errors) {
        TlsProblem problem;
        problem.code = static_cast<int>(error.error());
        problem.message = error.errorString();
        problem.certificate = certificateInfo(error.certificate().isNull() ? peer : error.certificate());
        // Only the exact certificate the user chose to trust for this environment: a different
        // certificate (new key, attacker) fails again and is shown.
        if (problem.certificate.isNull() || !trusted.contains(problem.certificate.sha256))
            allTrusted = false;
        m_capture.tlsProblems.append(problem);
    }
    if (allTrusted) {
        m_capture.tlsTrustedByUser = true;
        m_reply->ignoreSslErrors(errors);
    }
}

void ApiClient::detachReply()
{
    if (m_reply)
        disconnect(m_reply, nullptr, this, nullptr);
    m_reply = nullptr;
    m_timeout.stop();
}

void ApiClient::onFinished()
{
    QNetworkReply* reply = m_reply;
    if (!reply)
        return;
    detachReply();
    if (!m_cancelled && !m_timedOut)
        appendBody(reply->readAll());

    CallCapture capture = std::move(m_capture);
    m_capture = CallCapture();
    capture.totalMs = m_clock.elapsed();
    if (m_spillFile) {
        writeSpill(QByteArray(), true);
        m_spillFile->close();
        m_spillFile.reset();
    }
    capture.bodySize = capture.isSpilled() ? capture.bytesReceived : capture.body.size();

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    capture.hasResponse = status.isValid();
    if (capture.hasResponse) {
        capture.httpStatus = status.toInt();
        capture.reasonPhrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        capture.responseHeaders = reply->rawHeaderPairs();
    }
    const QNetworkReply::NetworkError error = reply->error();
    capture.networkError = static_cast<int>(error);
    if (error != QNetworkReply::NoError)
        capture.networkErrorString = Redactor::redactText(reply->errorString());

    if (reply->url().scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0) {
        const QSslConfiguration tls = reply->sslConfiguration();
        capture.peerCertificate = certificateInfo(tls.peerCertificate());
        // After a refused handshake the reply may no longer hold the chain: keep the one seen
        // when the errors were reported.
        const QList<QSslCertificate> chain = tls.peerCertificateChain();
        if (!chain.isEmpty())
            capture.peerChain.clear();
        for (const QSslCertificate& certificate : chain)
            capture.peerChain.append(certificateInfo(certificate));
        if (capture.peerCertificate.isNull() && !capture.tlsProblems.isEmpty())
            capture.peerCertificate = capture.tlsProblems.constFirst().certificate;
    }
    reply->deleteLater();

    const QString host = m_request.endpoint.host();
    const int port = defaultPort(m_request.endpoint);
    const QString qtText = capture.networkErrorString;
    QString facts;
    QString key;
    FailureLayer layer = FailureLayer::None;

    if (m_cancelled) {
        layer = FailureLayer::Cancelled;
        facts = QStringLiteral("Cancelled after %1 ms.").arg(capture.totalMs);
    } else if (m_timedOut) {
        layer = FailureLayer::Timeout;
        key = catalogueKey(layer);
        if (capture.hasResponse) {
            capture.bodyComplete = false;
            facts = QStringLiteral("The response from %1 started after %2 ms but was not complete within the "
                                   "time limit of %3 ms (%4 bytes of body received).")
                        .arg(host)
                        .arg(capture.firstByteMs)
                        .arg(m_request.timeoutMs)
                        .arg(capture.bytesReceived);
        } else {
            facts = QStringLiteral("No response from %1 (port %2) within the time limit of %3 ms: either the "
                                   "connection could not be made or the server accepted the request and never "
                                   "answered.")
                        .arg(host)
                        .arg(port)
                        .arg(m_request.timeoutMs);
            // Through a proxy, "no response" may well be the proxy's silence: name it too.
            if (usesProxy(m_proxy))
                facts += QStringLiteral(" The call went through the proxy %1, port %2, which may be what did not "
                                        "answer.")
                             .arg(m_proxy.hostName())
                             .arg(m_proxy.port());
        }
    } else if (error != QNetworkReply::NoError && layerOf(error) != FailureLayer::HttpStatus) {
        layer = layerOf(error);
        if (layer == FailureLayer::Cancelled) // aborted by someone else (manager destroyed, ...)
            facts = QStringLiteral("The call was aborted after %1 ms (%2).").arg(capture.totalMs).arg(qtText);
        if (!capture.tlsProblems.isEmpty() && !capture.tlsTrustedByUser)
            layer = FailureLayer::Tls;
        // Through a proxy, a refused or failed connection is the proxy's: Qt reports a refused
        // CONNECT tunnel (https) as an unknown network error, and a proxy host name that does not
        // resolve as HostNotFound (the API's name is resolved by the proxy, not here).
        if (usesProxy(m_proxy) && !capture.hasResponse &&
            (layer == FailureLayer::ConnectionRefused || layer == FailureLayer::Dns ||
             (layer == FailureLayer::Connection && error == QNetworkReply::UnknownNetworkError)))
            layer = FailureLayer::Proxy;
        switch (layer) {
        case FailureLayer::Dns:
            facts = QStringLiteral("The host name “%1” could not be resolved to an address (%2).").arg(host, qtText);
            break;
        case FailureLayer::ConnectionRefused:
            facts =
                QStringLiteral("Nothing accepted a connection on %1, port %2 (%3).").arg(host).arg(port).arg(qtText);
            break;
        case FailureLayer::Timeout:
            facts = QStringLiteral("The connection to %1, port %2 timed out (%3).").arg(host).arg(port).arg(qtText);
            break;
        case FailureLayer::Tls: {
            facts = QStringLiteral("The secure (TLS) connection to %1, port %2 was refused by this program:")
                        .arg(host)
                        .arg(port);
            if (capture.tlsProblems.isEmpty())
                facts += QLatin1Char(' ') + qtText + QLatin1Char('.');
            for (const TlsProblem& problem : std::as_const(capture.tlsProblems))
                facts += QStringLiteral("\n• %1 — certificate: %2").arg(problem.message, problem.certificate.summary());
            break;
        }
        case FailureLayer::Proxy:
            if (error == QNetworkReply::ProxyAuthenticationRequiredError && usesProxy(m_proxy)) {
                // Whether a user name and password were given is known only when this client asked.
                QString what = QStringLiteral("asked for a user name and password (HTTP 407) that it did not accept");
                if (m_proxyAuthAnswered)
                    what = QStringLiteral("refused the user name and password (HTTP 407)");
                else if (m_proxyAuthDeclined)
                    what = QStringLiteral("asked for a user name and password (HTTP 407) and none was given");
                facts = QStringLiteral("The proxy %1, port %2 %3, so the call to %4 was not made.")
                            .arg(m_proxy.hostName())
                            .arg(m_proxy.port())
                            .arg(what, host);
                break;
            }
            facts = usesProxy(m_proxy)
                        ? QStringLiteral("The proxy %1, port %2 between this computer and %3 failed (%4).")
                              .arg(m_proxy.hostName())
                              .arg(m_proxy.port())
                              .arg(host, qtText)
                        : QStringLiteral("The proxy between this computer and %1 failed (%2).").arg(host, qtText);
            break;
        case FailureLayer::Connection:
            if (capture.hasResponse) {
                capture.bodyComplete = false;
                facts = QStringLiteral("%1 answered HTTP %2, then the connection broke after %3 bytes of the body "
                                       "(%4).")
                            .arg(host)
                            .arg(capture.httpStatus)
                            .arg(capture.bytesReceived)
                            .arg(qtText);
            } else {
                facts = QStringLiteral("The connection to %1, port %2 failed before a response arrived (%3).")
                            .arg(host)
                            .arg(port)
                            .arg(qtText);
            }
            break;
        default:
            break;
        }
        key = catalogueKey(layer);
    } else if (capture.hasResponse) {
        const QByteArray head = capture.isSpilled() ? capture.readBody().left(4096) : capture.body.left(4096);
        JsonCheck json;
        if (capture.bodySize > 0)
            json = checkJson(capture.body, capture.spillPath);
        layer = classifyResponse(capture.httpStatus, capture.contentType(), head, json.json, json.utf8, &key);
        if (layer == FailureLayer::HttpStatus) {
            facts =
                QStringLiteral("%1 answered HTTP %2 %3").arg(host).arg(capture.httpStatus).arg(capture.reasonPhrase);
            facts = facts.trimmed() + QLatin1Char('.');
            const QByteArray location = capture.responseHeader("Location");
            if (!location.isEmpty()) {
                facts += QStringLiteral(" It redirects to %1; the redirect was not followed, because it would turn "
                                        "the POST into a GET and could carry the secret key to another address.")
                             .arg(Redactor::redactText(QString::fromUtf8(location)));
            }
            if (capture.bodySize > 0)
                facts += QStringLiteral(" Body (%1 bytes): “%2”.").arg(capture.bodySize).arg(bodySnippet(head));
        } else if (layer == FailureLayer::NotJson) {
            if (key == QLatin1String("empty_body"))
                facts = QStringLiteral("HTTP %1, but the body is empty.").arg(capture.httpStatus);
            else if (key == QLatin1String("invalid_utf8"))
                facts = QStringLiteral("HTTP %1, but the body is not valid UTF-8 text (%2 bytes).")
                            .arg(capture.httpStatus)
                            .arg(capture.bodySize);
            else
                facts = QStringLiteral("HTTP %1, but the body is not JSON (%2; %3 bytes starting with “%4”).")
                            .arg(capture.httpStatus)
                            .arg(json.problem)
                            .arg(capture.bodySize)
                            .arg(bodySnippet(head));
        }
    } else {
        layer = FailureLayer::Connection;
        facts = QStringLiteral("The call ended without a response from %1.").arg(host);
    }

    if (!m_spillNote.isEmpty())
        facts = facts.isEmpty() ? m_spillNote : facts + QLatin1Char(' ') + m_spillNote;
    capture.layer = layer;
    capture.errorKey = key;
    capture.facts = facts;
    capture.explanation = layer == FailureLayer::None ? facts : explanation(key, facts);
    finish(capture);
}

void ApiClient::finish(const CallCapture& capture)
{
    // State is reset before the signal, so a slot may send() the next call right away.
    m_cancelled = false;
    m_timedOut = false;
    m_proxyAuthDeclined = false;
    m_proxyAuthAnswered = false;
    emit finished(capture);
}
