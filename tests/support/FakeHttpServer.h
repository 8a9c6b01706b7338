#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslCertificate>
#include <QSslKey>
#include <QUrl>

#include <memory>

class QTcpServer;
class QTcpSocket;

// A loopback HTTP/1.1 server with scripted answers for client tests (plain or TLS through
// QSslServer). Every request gets the current Script; what arrived is recorded.
class FakeHttpServer : public QObject
{
    Q_OBJECT

public:
    using Header = QPair<QByteArray, QByteArray>;

    struct Script
    {
        enum class Mode
        {
            Answer,      // status line, headers, body
            NeverAnswer, // read the request, then stay silent (client timeout)
            Close,       // read the request, then close without a byte
            Truncate,    // announce Content-Length, send half the body, close
        };
        Mode mode = Mode::Answer;
        int status = 200;
        QByteArray reason = "OK";
        QList<Header> headers{{"Content-Type", "application/json"}};
        QByteArray body = R"({"result":{},"error":null,"id":"1"})";
        int chunks = 1;       // body split into this many writes...
        int chunkDelayMs = 0; // ...this far apart (a slow body)
    };

    struct Received
    {
        QByteArray method;
        QByteArray target; // path and query, as sent
        QList<Header> headers;
        QByteArray body;
        QByteArray header(const QByteArray& name) const;
    };

    explicit FakeHttpServer(QObject* parent = nullptr);
    ~FakeHttpServer() override;

    // TLS with this certificate and key (QSslServer); call before listen().
    void useTls(const QSslCertificate& certificate, const QSslKey& key);
    bool listen(); // 127.0.0.1, random port
    quint16 port() const;
    // http(s)://host:port + path, host "127.0.0.1" unless given ("localhost" for mismatch tests).
    QUrl url(const QString& path = QStringLiteral("/pubapi/v1.2/"),
             const QString& host = QStringLiteral("127.0.0.1")) const;

    void setScript(const Script& script) { m_script = script; }
    const QList<Received>& received() const { return m_received; }

    // A port on 127.0.0.1 where nothing listens (bound, then released).
    static quint16 unusedPort();
    // The TEST-ONLY certificate and key under tests/data/tls.
    static QSslCertificate testCertificate(const QString& name = QStringLiteral("TEST-ONLY-selfsigned.crt"));
    static QSslKey testKey();

signals:
    void requestReceived();

private:
    void onConnection();
    void onReadyRead(QTcpSocket* socket);
    void answer(QTcpSocket* socket);

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    Script m_script;
    QList<Received> m_received;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};
