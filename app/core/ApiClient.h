#pragma once

#include "ApiRequest.h"
#include "CallCapture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QTimer>

#include <memory>

class QAuthenticator;
class QNetworkAccessManager;

// Sends one API call at a time through an injected QNetworkAccessManager and captures everything
// about it as a CallCapture: status, reason, headers, body (spilled to a temporary
// file above a size threshold), timings, body volume, and on failure the layer that failed with
// a plain explanation taken from the catalogue (errors.json situation entries) plus the facts of
// this call. TLS errors are never ignored silently: only errors whose certificate the user
// explicitly trusts for the environment (ApiRequest::trustedCertificates) are ignored.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kDefaultSpillThreshold = 32 * 1024 * 1024;

    // Without a network manager it makes its own, with the proxy rules of NetworkSettings: the
    // application's proxy (Preferences) when explicit, else the proxy variables, then the system
    // configuration; loopback never proxied. A proxy asking for a password is answered through
    // NetworkSettings' authenticator (the GUI's prompt).
    explicit ApiClient(QNetworkAccessManager* network, QObject* parent = nullptr);
    ~ApiClient() override;

    // Bodies larger than this go to a temporary file instead of memory.
    void setSpillThreshold(qint64 bytes) { m_spillThreshold = bytes; }
    qint64 spillThreshold() const { return m_spillThreshold; }
    // Where spill files are created (default: QDir::tempPath()).
    void setSpillDirectory(const QString& directory) { m_spillDirectory = directory; }
    // Spill files are named <prefix><pid>-XXXXXX. The first ApiClient of a process sweeps the
    // files of this user whose process no longer runs (a run killed mid-download); returns how
    // many it removed.
    static QString spillFilePrefix();
    static int sweepStaleSpillFiles(const QString& directory);

    bool isRunning() const { return m_reply != nullptr; }

    // Starts a call; a call still running is cancelled first (its finished() arrives before this
    // returns). finished() always follows; for a request that cannot start (no usable URL) it is
    // emitted before send() returns.
    void send(const ApiRequest& request);
    // Aborts the running call at once; finished() with FailureLayer::Cancelled is emitted before
    // this returns. No-op when idle.
    void cancel();

    // The layer a Qt network error belongs to (without the HTTP and body checks).
    static FailureLayer layerOf(QNetworkReply::NetworkError error);
    // The catalogue key (errors.json) of a layer; for HTTP and body problems the key depends on
    // the response (401 text, HTML page, empty body), see classifyResponse().
    static QString catalogueKey(FailureLayer layer);
    // Layer and catalogue key for a response that did arrive: HTTP status problems, HTML pages,
    // empty or non-JSON bodies. Returns FailureLayer::None for a 2xx JSON body.
    static FailureLayer classifyResponse(int status, const QString& contentType, const QByteArray& bodyHead,
                                         bool bodyIsJson, bool bodyIsUtf8, QString* key);
    // facts + "\n\n" + the catalogue's summary of the key (facts alone if the key is unknown).
    static QString explanation(const QString& key, const QString& facts);

signals:
    void started(const QString& displayUrl);
    void uploadProgress(qint64 sent, qint64 total);
    void downloadProgress(qint64 received, qint64 total);
    void finished(const CallCapture& capture);

private:
    void onMetaDataChanged();
    void onReadyRead();
    void onSslErrors(const QList<QSslError>& errors);
    void onProxyAuthenticationRequired(const QNetworkProxy& proxy, QAuthenticator* authenticator);
    void onFinished();
    void onTimeout();
    void markFirstByte();
    void appendBody(const QByteArray& chunk);
    void writeSpill(const QByteArray& chunk, bool last);
    void finish(const CallCapture& capture);
    void detachReply();

    QNetworkAccessManager* m_network = nullptr;
    qint64 m_spillThreshold = kDefaultSpillThreshold;
    QString m_spillDirectory;

    // State of the running call.
    QPointer<QNetworkReply> m_reply;
    ApiRequest m_request;
    CallCapture m_capture;
    QElapsedTimer m_clock;
    QTimer m_timeout;
    std::unique_ptr<QFile> m_spillFile;
    QString m_spillNote;
    QByteArray m_spillCarry;          // tail not yet written (a secret may straddle two chunks)
    QList<QByteArray> m_spillSecrets; // the secret as it may be echoed: as is, percent-encoded
    QNetworkProxy m_proxy;            // the proxy this call goes through, for naming the failing layer
    bool m_timedOut = false;
    bool m_cancelled = false;
    bool m_proxyAuthDeclined = false; // the user cancelled the proxy's password prompt
    bool m_proxyAuthAnswered = false; // ...or gave a user name and password
};
