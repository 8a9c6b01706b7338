#include "SimServer.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QtTest>

#include <algorithm>
#include <memory>
#include <sys/resource.h>
#include <sys/socket.h>
#include <vector>

// The simulator's HTTP layer under abuse, with raw sockets where a well-behaved client cannot
// misbehave: garbage, TLS on the plain port, an oversized body, a stalled half request, 200
// keep-alive clients at once, pipelining, chunked bodies, 100-continue, idle connections. Each
// time another client must still be served promptly.
class TestSimulatorHttp : public QObject
{
    Q_OBJECT

private:
    static constexpr const char* kQuery = "accountID=SIMDEMO0001&secretKey=sim-demo-secret-0001";
    static constexpr const char* kBody = R"({"method":"getLead","params":{"id":346743252994},"id":"x"})";

    struct RawResponse
    {
        int status = 0;
        QByteArray head;
        QByteArray body;
    };

    // Complete responses at the start of `data` (Content-Length framed), consumed from it.
    static QList<RawResponse> takeResponses(QByteArray* data)
    {
        QList<RawResponse> responses;
        for (;;) {
            const qsizetype end = data->indexOf("\r\n\r\n");
            if (end < 0)
                break;
            RawResponse r;
            r.head = data->left(end);
            r.status = r.head.mid(9, 3).toInt();
            qsizetype length = 0;
            const QList<QByteArray> lines = r.head.split('\n');
            for (const QByteArray& line : lines) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (r.status == 100)
                length = 0;
            if (data->size() < end + 4 + length)
                break;
            r.body = data->mid(end + 4, length);
            data->remove(0, end + 4 + length);
            responses.append(r);
        }
        return responses;
    }

    static QByteArray request(const QByteArray& body = kBody, const QByteArray& extra = QByteArray())
    {
        return "POST /pubapi/v1.2/?" + QByteArray(kQuery) +
               " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + extra +
               "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

    // A well-behaved client's request, to show that the server still serves others.
    static bool otherClientIsServed(const SimServer& server, int withinMs)
    {
        QNetworkAccessManager nam;
        QUrl url = server.endpoint();
        url.setQuery(QString::fromLatin1(kQuery));
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QElapsedTimer timer;
        timer.start();
        std::unique_ptr<QNetworkReply> reply(nam.post(request, QByteArray(kBody)));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!finished.wait(withinMs))
            return false;
        const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
        return reply->error() == QNetworkReply::NoError && json.value(QStringLiteral("error")).isNull() &&
               timer.elapsed() < withinMs;
    }

    static std::unique_ptr<QTcpSocket> connectTo(const SimServer& server)
    {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, server.port());
        if (!socket->waitForConnected(5000))
            return nullptr;
        return socket;
    }

    // Reads until `count` responses arrived or the peer closed.
    static QList<RawResponse> readResponses(QTcpSocket& socket, int count, QByteArray* rest = nullptr)
    {
        QByteArray data;
        QList<RawResponse> responses;
        QSignalSpy ready(&socket, &QTcpSocket::readyRead);
        QElapsedTimer timer;
        timer.start();
        while (responses.size() < count && timer.elapsed() < 10000) {
            data += socket.readAll();
            responses += takeResponses(&data);
            if (responses.size() >= count || socket.state() != QAbstractSocket::ConnectedState)
                break;
            ready.wait(1000);
        }
        data += socket.readAll();
        responses += takeResponses(&data);
        if (rest)
            *rest = data;
        return responses;
    }

private slots:
    void garbageRequestLine_data()
    {
        QTest::addColumn<QByteArray>("garbage");
        QTest::newRow("words") << QByteArray("HELLO SERVER\r\n\r\n");
        QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff\r\n", 6);
        QTest::newRow("TLS client hello") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
    }
    void garbageRequestLine()
    {
        QFETCH(QByteArray, garbage);
        SimServer server;
        QVERIFY(server.listen());
        auto socket = connectTo(server);
        QVERIFY(socket);
        socket->write(garbage);
        const QList<RawResponse> responses = readResponses(*socket, 1);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.at(0).status, 400);
        QVERIFY(responses.at(0).head.contains("Connection: close"));
        QTRY_COMPARE(socket->state(), QAbstractSocket::UnconnectedState);
        QVERIFY(otherClientIsServed(server, 3000));
    }

    void ambiguousFramingIs400_data()
    {
        QTest::addColumn<QByteArray>("raw");
        const QByteArray head = "POST /pubapi/v1.2/?" + QByteArray(kQuery) + " HTTP/1.1\r\n";
        const QByteArray body(kBody);
        auto chunked = [&](const QByteArray& size) {
            return head + "Host: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n" + size + "\r\n" + body.left(16) +
                   "\r\n0\r\n\r\n";
        };
        QTest::newRow("two Host headers") << request(body, "Host: 127.0.0.2\r\n");
        QTest::newRow("chunk size 0x10") << chunked("0x10");
        QTest::newRow("chunk size +10") << chunked("+10");
        QTest::newRow("bare CR in a header value") << request(body, "X-Note: a\rInjected: 1\r\n");
        QTest::newRow("NUL in a header value") << request(body, QByteArray("X-Note: a\0b\r\n", 13));
    }
    void ambiguousFramingIs400()
    {
        QFETCH(QByteArray, raw);
        SimServer server;
        QVERIFY(server.listen());
        auto socket = connectTo(server);
        QVERIFY(socket);
        socket->write(raw);
        const QList<RawResponse> responses = readResponses(*socket, 1);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.at(0).status, 400);
        QTRY_COMPARE(socket->state(), QAbstractSocket::UnconnectedState);
        // The same framing done right is served (the rows differ only in the flaw).
        auto good = connectTo(server);
        QVERIFY(good);
        good->write(request());
        const QList<RawResponse> served = readResponses(*good, 1);
        QCOMPARE(served.size(), 1);
        QCOMPARE(served.at(0).status, 200);
    }

    void halfCloseStillGetsTheDelayedAnswer()
    {
        SimServer server;
        QVERIFY(server.listen());
        auto socket = connectTo(server);
        QVERIFY(socket);
        socket->write(request(kBody, "X-Simulator-Fault: latency=300\r\n"));
        QVERIFY(socket->waitForBytesWritten(5000));
        // The client is done sending (shutdown of its write side) but still reads.
        QCOMPARE(::shutdown(int(socket->socketDescriptor()), SHUT_WR), 0);
        const QList<RawResponse> responses = readResponses(*socket, 1);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.at(0).status, 200);
        const QJsonObject json = QJsonDocument::fromJson(responses.at(0).body).object();
        QVERIFY(json.value(QStringLiteral("error")).isNull());
        QVERIFY(json.value(QStringLiteral("result")).toObject().contains(QStringLiteral("lead")));
    }

    void acceptFailureIsLoggedAndRecovered()
    {
        SimServer server;
        QVERIFY(server.listen());
        QStringList log;
        connect(&server, &SimServer::requestHandled, this, [&](const SimLogEntry& entry) { log << entry.path; });
        auto acceptFailures = [&] {
            return int(std::count_if(log.cbegin(), log.cend(), [](const QString& path) {
                return path.startsWith(QLatin1String("(accept failed"));
            }));
        };
        // Leave this process a few descriptors, take them all with clients: the server's accept()
        // fails with EMFILE while their connections wait in the backlog.
        rlimit original{};
        QCOMPARE(getrlimit(RLIMIT_NOFILE, &original), 0);
        const int open = int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size());
        rlimit low = original;
        low.rlim_cur = rlim_t(open + 3);
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &low), 0);
        std::vector<std::unique_ptr<QTcpSocket>> clients;
        for (int i = 0; i < 16; ++i) {
            auto client = std::make_unique<QTcpSocket>();
            client->connectToHost(QHostAddress::LocalHost, server.port());
            if (!client->waitForConnected(2000))
                break;
            clients.push_back(std::move(client));
        }
        const bool failedToAccept = QTest::qWaitFor([&] { return acceptFailures() > 0; }, 5000);
        // A while out of descriptors: retried at a measured pace, not in a busy loop.
        QTest::qWait(500);
        const int failuresWhileOut = acceptFailures();
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &original), 0);
        QVERIFY(!clients.empty());
        QVERIFY(failedToAccept);
        QVERIFY2(failuresWhileOut <= 10, qPrintable(QString::number(failuresWhileOut)));
        // Descriptors are back: the waiting clients are accepted and served.
        for (const auto& client : clients) {
            client->write(request());
            const QList<RawResponse> responses = readResponses(*client, 1);
            QCOMPARE(responses.size(), 1);
            QCOMPARE(responses.at(0).status, 200);
        }
        QVERIFY(otherClientIsServed(server, 3000));
    }

    void oversizedBodyIs413()
    {
        SimServer server; // 8 MiB limit by default
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        QUrl url = server.endpoint();
        url.setQuery(QString::fromLatin1(kQuery));
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        const QByteArray big = "{\"method\":\"createLeads\",\"params\":{\"objects\":[\"" +
                               QByteArray(10 * 1024 * 1024, 'x') + "\"]},\"id\":1}";
        std::unique_ptr<QNetworkReply> reply(nam.post(request, big));
        // Other clients are served while the upload is refused.
        QVERIFY(otherClientIsServed(server, 5000));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(reply->isFinished() || finished.wait(20000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 413);
        QVERIFY(reply->readAll().contains("exceeds the limit"));

        // A client that announces the size gets the answer before sending the body.
        auto socket = connectTo(server);
        socket->write(
            "POST /pubapi/v1.2/ HTTP/1.1\r\nHost: x\r\nContent-Length: 10485760\r\nExpect: 100-continue\r\n\r\n");
        const QList<RawResponse> responses = readResponses(*socket, 1);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.at(0).status, 413);
    }

    void stalledHalfRequestTimesOut()
    {
        SimConfig config;
        config.requestTimeoutMs = 500;
        SimServer server(config);
        QVERIFY(server.listen());
        auto socket = connectTo(server);
        QVERIFY(socket);
        socket->write("POST /pubapi/v1.2/ HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"meth");
        QVERIFY(socket->waitForBytesWritten(2000));
        QElapsedTimer timer;
        timer.start();
        // The stalled client does not hold anyone up...
        QVERIFY(otherClientIsServed(server, 400));
        // ...and is told so, then disconnected.
        const QList<RawResponse> responses = readResponses(*socket, 1);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.at(0).status, 408);
        QVERIFY(timer.elapsed() < 3000);
        QTRY_COMPARE(socket->state(), QAbstractSocket::UnconnectedState);
        QVERIFY(otherClientIsServed(server, 2000));
    }

    void trickledRequestTimesOutToo()
    {
        // One byte at a time never stalls, but the whole request must arrive in time.
        SimConfig config;
        config.requestTimeoutMs = 400;
        SimServer server(config);
        QVERIFY(server.listen());
        auto socket = connectTo(server);
        const QByteArray whole = request();
        int sent = 0;
        QTimer trickle;
        connect(&trickle, &QTimer::timeout, socket.get(), [&] {
            if (sent < whole.size() && socket->state() == QAbstractSocket::ConnectedState)
                socket->write(whole.mid(sent++, 1));
        });
        trickle.start(20);
        const QList<RawResponse> responses = readResponses(*socket, 1);
        trickle.stop();
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.at(0).status, 408);
        QVERIFY(sent < whole.size());
    }

    void manyKeepAliveClients()
    {
        SimConfig config;
        config.perSecond = 0; // 200 clients of one account: the limit is not what is tested here
        SimServer server(config);
        QVERIFY(server.listen());
        constexpr int kClients = 200;
        constexpr int kRequestsEach = 5;
        struct Client
        {
            std::unique_ptr<QTcpSocket> socket;
            QByteArray buffer;
            int answered = 0;
            bool failed = false;
        };
        std::vector<Client> clients(kClients);
        int done = 0;
        int peak = 0;
        for (Client& client : clients) {
            client.socket = std::make_unique<QTcpSocket>();
            QTcpSocket* socket = client.socket.get();
            Client* c = &client;
            connect(socket, &QTcpSocket::connected, socket, [socket] { socket->write(request()); });
            connect(socket, &QTcpSocket::readyRead, socket, [&, socket, c] {
                c->buffer += socket->readAll();
                const QList<RawResponse> responses = takeResponses(&c->buffer);
                for (const RawResponse& r : responses) {
                    peak = qMax(peak, server.connectionCount());
                    const QJsonObject json = QJsonDocument::fromJson(r.body).object();
                    if (r.status != 200 || !json.value(QStringLiteral("error")).isNull() ||
                        r.head.contains("Connection: close"))
                        c->failed = true;
                    if (++c->answered == kRequestsEach)
                        ++done;
                    else
                        socket->write(request()); // the same connection, kept alive
                }
            });
            socket->connectToHost(QHostAddress::LocalHost, server.port());
        }
        QTRY_COMPARE_WITH_TIMEOUT(done, kClients, 30000);
        for (const Client& client : clients) {
            QVERIFY(!client.failed);
            QCOMPARE(client.answered, kRequestsEach);
            QCOMPARE(client.socket->state(), QAbstractSocket::ConnectedState);
        }
        QCOMPARE(server.connectionCount(), kClients);
        QVERIFY(peak >= kClients / 2);
        QVERIFY(otherClientIsServed(server, 3000));
    }

    void pipelinedAndChunkedRequests()
    {
        SimServer server;
        QVERIFY(server.listen());
        auto socket = connectTo(server);
        const QByteArray secondBody = R"({"method":"getLead","params":{"id":346743253010},"id":"second"})";
        QByteArray chunked =
            "POST /pubapi/v1.2/?" + QByteArray(kQuery) + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (qsizetype pos = 0; pos < secondBody.size(); pos += 16) {
            const QByteArray piece = secondBody.mid(pos, 16);
            chunked += QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n";
        }
        chunked += "0\r\n\r\n";
        socket->write(request() + chunked + request(R"({"method":"getLead","params":{"id":1},"id":"third"})"));
        const QList<RawResponse> responses = readResponses(*socket, 3);
        QCOMPARE(responses.size(), 3);
        QStringList ids;
        for (const RawResponse& r : responses) {
            QCOMPARE(r.status, 200);
            ids << QJsonDocument::fromJson(r.body).object().value(QStringLiteral("id")).toString();
        }
        QCOMPARE(ids, (QStringList{QStringLiteral("x"), QStringLiteral("second"), QStringLiteral("third")}));
        const QJsonObject second = QJsonDocument::fromJson(responses.at(1).body).object();
        QCOMPARE(second.value(QStringLiteral("result")).toObject().value(QStringLiteral("lead")).toArray().size(), 1);
    }

    void expectContinue()
    {
        SimServer server;
        QVERIFY(server.listen());
        auto socket = connectTo(server);
        const QByteArray body = kBody;
        socket->write("POST /pubapi/v1.2/?" + QByteArray(kQuery) + " HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n" +
                      "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n");
        QList<RawResponse> responses = readResponses(*socket, 1);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.at(0).status, 100);
        socket->write(body);
        responses = readResponses(*socket, 1);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.at(0).status, 200);
    }

    void http10ClosesAndIdleConnectionsAreClosed()
    {
        SimConfig config;
        config.idleTimeoutMs = 300;
        SimServer server(config);
        QVERIFY(server.listen());
        auto old = connectTo(server);
        old->write("POST /pubapi/v1.2/?" + QByteArray(kQuery) +
                   " HTTP/1.0\r\nContent-Length: " + QByteArray::number(qstrlen(kBody)) + "\r\n\r\n" + kBody);
        const QList<RawResponse> responses = readResponses(*old, 1);
        QCOMPARE(responses.size(), 1);
        QCOMPARE(responses.at(0).status, 200);
        QVERIFY(responses.at(0).head.contains("Connection: close"));
        QTRY_COMPARE(old->state(), QAbstractSocket::UnconnectedState);

        auto idle = connectTo(server);
        QTRY_COMPARE(server.connectionCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(idle->state(), QAbstractSocket::UnconnectedState, 5000);
        QTRY_COMPARE(server.connectionCount(), 0);
    }

    void closeDropsConnections()
    {
        SimServer server;
        QVERIFY(server.listen());
        auto socket = connectTo(server);
        QTRY_COMPARE(server.connectionCount(), 1);
        server.close();
        QVERIFY(!server.isListening());
        QCOMPARE(server.connectionCount(), 0);
        QTRY_COMPARE(socket->state(), QAbstractSocket::UnconnectedState);
    }
};

QTEST_GUILESS_MAIN(TestSimulatorHttp)
#include "tst_simulatorhttp.moc"
