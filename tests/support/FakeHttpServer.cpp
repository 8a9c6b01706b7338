#include "FakeHttpServer.h"

#include "TestSupport.h"

#include <QPointer>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

QByteArray FakeHttpServer::Received::header(const QByteArray& name) const
{
    for (const Header& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return QByteArray();
}

FakeHttpServer::FakeHttpServer(QObject* parent)
    : QObject(parent)
    , m_server(std::make_unique<QTcpServer>())
{}

FakeHttpServer::~FakeHttpServer() = default;

void FakeHttpServer::useTls(const QSslCertificate& certificate, const QSslKey& key)
{
    auto server = std::make_unique<QSslServer>();
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    server->setSslConfiguration(configuration);
    m_server = std::move(server);
    m_tls = true;
}

bool FakeHttpServer::listen()
{
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &FakeHttpServer::onConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 FakeHttpServer::port() const
{
    return m_server->serverPort();
}

QUrl FakeHttpServer::url(const QString& path, const QString& host) const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(host);
    url.setPort(port());
    url.setPath(path);
    return url;
}

quint16 FakeHttpServer::unusedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

QSslCertificate FakeHttpServer::testCertificate(const QString& name)
{
    return QSslCertificate(TestSupport::readData(QStringLiteral("tls/") + name), QSsl::Pem);
}

QSslKey FakeHttpServer::testKey()
{
    return QSslKey(TestSupport::readData(QStringLiteral("tls/TEST-ONLY-selfsigned.key")), QSsl::Rsa, QSsl::Pem);
}

void FakeHttpServer::onConnection()
{
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void FakeHttpServer::onReadyRead(QTcpSocket* socket)
{
    QByteArray& buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        Received request;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        qsizetype contentLength = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                contentLength = value.toLongLong();
        }
        if (buffer.size() < headerEnd + 4 + contentLength)
            return;
        request.body = buffer.mid(headerEnd + 4, contentLength);
        buffer.remove(0, headerEnd + 4 + contentLength);
        m_received.append(request);
        emit requestReceived();
        answer(socket);
    }
}

void FakeHttpServer::answer(QTcpSocket* socket)
{
    const Script script = m_script;
    switch (script.mode) {
    case Script::Mode::NeverAnswer:
        return;
    case Script::Mode::Close:
        socket->disconnectFromHost();
        return;
    case Script::Mode::Answer:
    case Script::Mode::Truncate:
        break;
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(script.status) + ' ' + script.reason + "\r\n";
    for (const Header& h : script.headers)
        head += h.first + ": " + h.second + "\r\n";
    head += "Content-Length: " + QByteArray::number(script.body.size()) + "\r\n";
    head += "Connection: close\r\n\r\n";
    socket->write(head);

    if (script.mode == Script::Mode::Truncate) {
        socket->write(script.body.left(script.body.size() / 2));
        socket->disconnectFromHost();
        return;
    }
    const int chunks = qMax(1, script.chunks);
    const qsizetype size = (script.body.size() + chunks - 1) / chunks;
    QPointer<QTcpSocket> guarded(socket);
    for (int i = 0; i < chunks; ++i) {
        const QByteArray piece = script.body.mid(i * size, size);
        const bool last = i == chunks - 1;
        const auto send = [guarded, piece, last] {
            if (!guarded)
                return;
            guarded->write(piece);
            if (last)
                guarded->disconnectFromHost();
        };
        if (script.chunkDelayMs <= 0 || i == 0)
            send();
        else
            QTimer::singleShot(script.chunkDelayMs * i, this, send);
    }
}
