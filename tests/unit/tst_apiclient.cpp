#include "ApiClient.h"
#include "ErrorCatalog.h"
#include "FakeHttpServer.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

// ApiClient against a loopback fake server: what is sent, what is captured, and the layer named
// for every kind of failure.
class TestApiClient : public QObject
{
    Q_OBJECT

private:
    static ApiRequest requestTo(const QUrl& endpoint, int timeoutMs = 10000)
    {
        ApiRequest request;
        request.endpoint = endpoint;
        request.accountId = QStringLiteral("ACC123");
        request.secretKey = QStringLiteral("s3cr3t+/&=key");
        request.body = R"({"method":"getLeads","params":{"where":{}},"id":"req-1"})";
        request.timeoutMs = timeoutMs;
        return request;
    }

    static CallCapture sendAndWait(ApiClient& client, const ApiRequest& request, int waitMs = 15000)
    {
        QSignalSpy spy(&client, &ApiClient::finished);
        client.send(request);
        if (spy.isEmpty() && !spy.wait(waitMs)) {
            qWarning("no finished() within %d ms", waitMs);
            return CallCapture();
        }
        return spy.takeFirst().at(0).value<CallCapture>();
    }

private slots:
    void initTestCase() { qRegisterMetaType<CallCapture>(); }

    void requestIsBuiltAsTheApiExpects()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        QNetworkAccessManager network;
        ApiClient client(&network);
        ApiRequest request = requestTo(server.url());
        request.endpoint.setQuery(QStringLiteral("simFault=code%3D105"));
        request.headers.append(ApiRequest::Header("X-Simulator-Fault", "latency=1"));
        const CallCapture capture = sendAndWait(client, request);
        QCOMPARE(capture.layer, FailureLayer::None);
        QCOMPARE(server.received().size(), 1);
        const FakeHttpServer::Received& got = server.received().first();
        QCOMPARE(got.method, QByteArray("POST"));
        // Reserved characters of the key arrive percent-encoded exactly once.
        QCOMPARE(got.target,
                 QByteArray("/pubapi/v1.2/?simFault=code%3D105&accountID=ACC123&secretKey=s3cr3t%2B%2F%26%3Dkey"));
        QCOMPARE(got.body, request.body);
        QCOMPARE(got.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(got.header("X-Simulator-Fault"), QByteArray("latency=1"));
        QVERIFY(got.header("User-Agent").startsWith("leadgen-diag/"));
        // What is shown never carries the key.
        QVERIFY2(!capture.displayUrl.contains(QLatin1String("s3cr3t")), qPrintable(capture.displayUrl));
        QVERIFY(capture.displayUrl.contains(QStringLiteral("secretKey=\u2022\u2022\u2022")));
        QVERIFY(capture.displayUrl.contains(QLatin1String("accountID=ACC123")));
    }

    void credentialsLeftOutWhenEmpty()
    {
        ApiRequest request;
        request.endpoint = QUrl(QStringLiteral("https://example.invalid/pubapi/v1/?accountID=OLD&secretKey=OLD&x=1"));
        QCOMPARE(request.url().toString(QUrl::FullyEncoded), QStringLiteral("https://example.invalid/pubapi/v1/?x=1"));
        request.accountId = QStringLiteral("A");
        QCOMPARE(request.url().toString(QUrl::FullyEncoded),
                 QStringLiteral("https://example.invalid/pubapi/v1/?x=1&accountID=A"));
    }

    void responses_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<FailureLayer>("layer");
        QTest::addColumn<QString>("key");

        const QByteArray json = "application/json";
        QTest::newRow("200 JSON result") << 200 << json << QByteArray(R"({"result":{"lead":[]},"error":null,"id":"1"})")
                                         << FailureLayer::None << QString();
        QTest::newRow("200 API-level error is not a transport failure")
            << 200 << json
            << QByteArray(R"({"result":null,"error":{"code":205,"message":"Invalid parameters","data":{}},"id":"1"})")
            << FailureLayer::None << QString();
        QTest::newRow("401 cluster text")
            << 401 << QByteArray("text/plain")
            << QByteArray("Unable to determine clusterID from provided accountID/secretKey") << FailureLayer::HttpStatus
            << QStringLiteral("http_401_text");
        QTest::newRow("502 gateway HTML")
            << 502 << QByteArray("text/html") << QByteArray("<html><body><h1>502 Bad Gateway</h1></body></html>")
            << FailureLayer::HttpStatus << QStringLiteral("html_page");
        QTest::newRow("500 JSON") << 500 << json << QByteArray(R"({"result":null,"error":null,"id":"1"})")
                                  << FailureLayer::HttpStatus << QStringLiteral("http_status");
        QTest::newRow("404 empty") << 404 << QByteArray("text/plain") << QByteArray() << FailureLayer::HttpStatus
                                   << QStringLiteral("http_status");
        QTest::newRow("200 malformed JSON") << 200 << json << QByteArray(R"({"result":{"lead":[)")
                                            << FailureLayer::NotJson << QStringLiteral("not_json");
        QTest::newRow("200 HTML page") << 200 << QByteArray("text/html; charset=utf-8")
                                       << QByteArray("<!DOCTYPE html><html><title>Login</title></html>")
                                       << FailureLayer::NotJson << QStringLiteral("html_page");
        QTest::newRow("200 empty body") << 200 << json << QByteArray() << FailureLayer::NotJson
                                        << QStringLiteral("empty_body");
        QTest::newRow("200 invalid UTF-8") << 200 << json << QByteArray("{\"result\":\"\xff\xfe\"}")
                                           << FailureLayer::NotJson << QStringLiteral("invalid_utf8");
        QTest::newRow("302 redirect") << 302 << QByteArray("text/plain") << QByteArray("moved")
                                      << FailureLayer::HttpStatus << QStringLiteral("http_status");
    }

    void responses()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(FailureLayer, layer);
        QFETCH(QString, key);

        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        script.status = status;
        script.reason = status == 200 ? "OK" : "Something";
        script.headers = {{"Content-Type", contentType}, {"X-Trace", "abc"}};
        if (status == 302)
            script.headers.append(FakeHttpServer::Header("Location", "https://elsewhere.example/?secretKey=leaked"));
        script.body = body;
        server.setScript(script);

        QNetworkAccessManager network;
        ApiClient client(&network);
        const CallCapture capture = sendAndWait(client, requestTo(server.url()));
        QVERIFY(capture.hasResponse);
        QCOMPARE(capture.httpStatus, status);
        QCOMPARE(capture.reasonPhrase, QString::fromLatin1(script.reason));
        QCOMPARE(capture.layer, layer);
        QCOMPARE(capture.errorKey, key);
        QCOMPARE(capture.body, body);
        QCOMPARE(capture.bodySize, body.size());
        QCOMPARE(capture.bytesReceived, body.size());
        QCOMPARE(capture.responseHeader("x-trace"), QByteArray("abc"));
        QCOMPARE(capture.contentType(), QString::fromLatin1(contentType));
        QVERIFY(capture.totalMs >= 0);
        QVERIFY(capture.firstByteMs >= 0 && capture.firstByteMs <= capture.totalMs);
        QCOMPARE(capture.bytesSent, requestTo(server.url()).body.size());
        QVERIFY(!capture.isSpilled());
        if (layer != FailureLayer::None) {
            QVERIFY2(capture.facts.contains(QString::number(status)), qPrintable(capture.facts));
            QVERIFY(capture.explanation.startsWith(capture.facts));
        }
        if (status == 302) {
            QVERIFY2(capture.facts.contains(QLatin1String("not followed")), qPrintable(capture.facts));
            QVERIFY2(!capture.facts.contains(QLatin1String("leaked")), qPrintable(capture.facts));
            QCOMPARE(server.received().size(), 1); // the redirect was not followed
        }
    }

    void slowBodyIsTimedAndComplete()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        script.body = QByteArray(R"({"result":{"lead":[)") + QByteArray(3000, ' ') + "]},\"error\":null,\"id\":\"1\"}";
        script.chunks = 4;
        script.chunkDelayMs = 60;
        server.setScript(script);
        QNetworkAccessManager network;
        ApiClient client(&network);
        QSignalSpy progress(&client, &ApiClient::downloadProgress);
        const CallCapture capture = sendAndWait(client, requestTo(server.url()));
        QCOMPARE(capture.layer, FailureLayer::None);
        QCOMPARE(capture.body, script.body);
        // The last chunk leaves at least 3 × 60 ms after the first one.
        QVERIFY2(capture.totalMs - capture.firstByteMs >= 150,
                 qPrintable(QStringLiteral("total %1 first byte %2").arg(capture.totalMs).arg(capture.firstByteMs)));
        QVERIFY(progress.size() >= 2);
    }

    void bigBodySpillsToATemporaryFile()
    {
        QTemporaryDir spillDir;
        QVERIFY(spillDir.isValid());
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        QByteArray leads;
        for (int i = 0; i < 2000; ++i)
            leads += (i ? "," : "") + QByteArray("{\"id\":\"") + QByteArray::number(i) +
                     "\",\"emailAddress\":\"x@example.com\"}";
        script.body = "{\"result\":{\"lead\":[" + leads + "]},\"error\":null,\"id\":\"1\"}";
        script.chunks = 8;
        server.setScript(script);

        QNetworkAccessManager network;
        ApiClient client(&network);
        client.setSpillThreshold(4096);
        client.setSpillDirectory(spillDir.path());
        QString spillPath;
        {
            const CallCapture capture = sendAndWait(client, requestTo(server.url()));
            QCOMPARE(capture.layer, FailureLayer::None);
            QVERIFY(capture.isSpilled());
            QVERIFY(capture.body.isEmpty());
            QCOMPARE(capture.bodySize, script.body.size());
            QCOMPARE(capture.readBody(), script.body);
            spillPath = capture.spillPath;
            QVERIFY(spillPath.startsWith(spillDir.path()));
            QVERIFY(QFile::exists(spillPath));
            // Copies share the file.
            const CallCapture copy = capture;
            QCOMPARE(copy.readBody(), script.body);
        }
        // The last copy is gone: so is the file.
        QVERIFY(!QFile::exists(spillPath));
    }

    void bigBodyThatIsNotJsonIsNamed()
    {
        QTemporaryDir spillDir;
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        script.body = QByteArray(10000, 'x');
        server.setScript(script);
        QNetworkAccessManager network;
        ApiClient client(&network);
        client.setSpillThreshold(1000);
        client.setSpillDirectory(spillDir.path());
        const CallCapture capture = sendAndWait(client, requestTo(server.url()));
        QVERIFY(capture.isSpilled());
        QCOMPARE(capture.layer, FailureLayer::NotJson);
        QCOMPARE(capture.errorKey, QStringLiteral("not_json"));
    }

    void cancelIsImmediate()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        script.mode = FakeHttpServer::Script::Mode::NeverAnswer;
        server.setScript(script);
        QNetworkAccessManager network;
        ApiClient client(&network);
        QSignalSpy finished(&client, &ApiClient::finished);
        QSignalSpy arrived(&server, &FakeHttpServer::requestReceived);
        client.send(requestTo(server.url()));
        QVERIFY(client.isRunning());
        QVERIFY(arrived.wait(5000));
        client.cancel();
        // Synchronous: the capture is out before cancel() returns.
        QCOMPARE(finished.size(), 1);
        QVERIFY(!client.isRunning());
        const CallCapture capture = finished.takeFirst().at(0).value<CallCapture>();
        QCOMPARE(capture.layer, FailureLayer::Cancelled);
        QVERIFY(!capture.hasResponse);
        client.cancel(); // idle: no-op
        QCOMPARE(finished.size(), 0);
    }

    void sendWhileRunningCancelsThePreviousCall()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script silent;
        silent.mode = FakeHttpServer::Script::Mode::NeverAnswer;
        server.setScript(silent);
        QNetworkAccessManager network;
        ApiClient client(&network);
        QSignalSpy finished(&client, &ApiClient::finished);
        client.send(requestTo(server.url()));
        server.setScript(FakeHttpServer::Script());
        client.send(requestTo(server.url()));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).value<CallCapture>().layer, FailureLayer::Cancelled);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(1).at(0).value<CallCapture>().layer, FailureLayer::None);
    }

    void destroyingTheClientMidCallIsSafe()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script silent;
        silent.mode = FakeHttpServer::Script::Mode::NeverAnswer;
        server.setScript(silent);
        QNetworkAccessManager network;
        QSignalSpy arrived(&server, &FakeHttpServer::requestReceived);
        {
            ApiClient client(&network);
            client.send(requestTo(server.url()));
            QVERIFY(arrived.wait(5000));
        }
        // The aborted reply is deleted later without touching the dead client.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }

    void refusedPort()
    {
        QNetworkAccessManager network;
        ApiClient client(&network);
        const quint16 port = FakeHttpServer::unusedPort();
        const CallCapture capture =
            sendAndWait(client, requestTo(QUrl(QStringLiteral("http://127.0.0.1:%1/pubapi/v1.2/").arg(port))));
        QVERIFY(!capture.hasResponse);
        QCOMPARE(capture.layer, FailureLayer::ConnectionRefused);
        QCOMPARE(capture.errorKey, QStringLiteral("transport_refused"));
        QCOMPARE(capture.networkError, int(QNetworkReply::ConnectionRefusedError));
        QVERIFY2(capture.facts.contains(QString::number(port)), qPrintable(capture.facts));
        QVERIFY(!capture.networkErrorString.isEmpty());
    }

    void dnsFailure()
    {
        QNetworkAccessManager network;
        ApiClient client(&network);
        const CallCapture capture =
            sendAndWait(client, requestTo(QUrl(QStringLiteral("https://leadgen-diag-test.invalid/pubapi/v1.2/"))));
        QVERIFY(!capture.hasResponse);
        QCOMPARE(capture.layer, FailureLayer::Dns);
        QCOMPARE(capture.errorKey, QStringLiteral("transport_dns"));
        QVERIFY2(capture.facts.contains(QLatin1String("leadgen-diag-test.invalid")), qPrintable(capture.facts));
        // Qt's error text quotes the URL: the key must not survive in it.
        QVERIFY2(!capture.networkErrorString.contains(QLatin1String("s3cr3t")), qPrintable(capture.networkErrorString));
    }

    void serverThatNeverAnswersTimesOut()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        script.mode = FakeHttpServer::Script::Mode::NeverAnswer;
        server.setScript(script);
        QNetworkAccessManager network;
        ApiClient client(&network);
        const CallCapture capture = sendAndWait(client, requestTo(server.url(), 300));
        QVERIFY(!capture.hasResponse);
        QCOMPARE(capture.layer, FailureLayer::Timeout);
        QCOMPARE(capture.errorKey, QStringLiteral("transport_timeout"));
        QVERIFY(capture.totalMs >= 300);
        QVERIFY2(capture.facts.contains(QLatin1String("300 ms")), qPrintable(capture.facts));
        QCOMPARE(server.received().size(), 1);
    }

    void connectionClosedWithoutAnswer()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        script.mode = FakeHttpServer::Script::Mode::Close;
        server.setScript(script);
        QNetworkAccessManager network;
        ApiClient client(&network);
        const CallCapture capture = sendAndWait(client, requestTo(server.url()));
        QVERIFY(!capture.hasResponse);
        QCOMPARE(capture.layer, FailureLayer::Connection);
        QVERIFY(!capture.facts.isEmpty());
    }

    void truncatedBody()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        script.mode = FakeHttpServer::Script::Mode::Truncate;
        script.body = QByteArray(R"({"result":{"lead":[{"id":"1"},{"id":"2"}]},"error":null,"id":"1"})");
        server.setScript(script);
        QNetworkAccessManager network;
        ApiClient client(&network);
        const CallCapture capture = sendAndWait(client, requestTo(server.url()));
        QVERIFY(capture.hasResponse);
        QCOMPARE(capture.httpStatus, 200);
        QCOMPARE(capture.layer, FailureLayer::Connection);
        QVERIFY(!capture.bodyComplete);
        QVERIFY(capture.body.size() < script.body.size());
    }

    void tls_data()
    {
        QTest::addColumn<QString>("certificate");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("trust");
        QTest::addColumn<int>("expectedError");
        QTest::addColumn<bool>("succeeds");

        const QString selfSigned = QStringLiteral("TEST-ONLY-selfsigned.crt");
        const QString expired = QStringLiteral("TEST-ONLY-expired.crt");
        const QString ip = QStringLiteral("127.0.0.1");
        QTest::newRow("self-signed") << selfSigned << ip << false << int(QSslError::SelfSignedCertificate) << false;
        QTest::newRow("host mismatch") << selfSigned << QStringLiteral("localhost") << false
                                       << int(QSslError::HostNameMismatch) << false;
        QTest::newRow("expired") << expired << ip << false << int(QSslError::CertificateExpired) << false;
        QTest::newRow("self-signed, trusted by fingerprint")
            << selfSigned << ip << true << int(QSslError::SelfSignedCertificate) << true;
        QTest::newRow("expired, trusted by fingerprint")
            << expired << ip << true << int(QSslError::CertificateExpired) << true;
    }

    void tls()
    {
        QFETCH(QString, certificate);
        QFETCH(QString, host);
        QFETCH(bool, trust);
        QFETCH(int, expectedError);
        QFETCH(bool, succeeds);

        const QSslCertificate serverCertificate = FakeHttpServer::testCertificate(certificate);
        QVERIFY(!serverCertificate.isNull());
        FakeHttpServer server;
        server.useTls(serverCertificate, FakeHttpServer::testKey());
        QVERIFY(server.listen());
        QNetworkAccessManager network;
        ApiClient client(&network);
        ApiRequest request = requestTo(server.url(QStringLiteral("/pubapi/v1.2/"), host));
        const QString fingerprint = QString::fromLatin1(serverCertificate.digest(QCryptographicHash::Sha256).toHex());
        if (trust)
            request.trustedCertificates = {fingerprint.toUpper()};
        const CallCapture capture = sendAndWait(client, request);

        bool sawExpected = false;
        for (const TlsProblem& problem : capture.tlsProblems)
            sawExpected = sawExpected || problem.code == expectedError;
        QVERIFY2(sawExpected, qPrintable(capture.facts));
        QCOMPARE(capture.peerCertificate.sha256, fingerprint);
        QVERIFY(capture.peerCertificate.subject.contains(QLatin1String("TEST ONLY")));
        QVERIFY(capture.peerCertificate.selfSigned);
        if (succeeds) {
            QCOMPARE(capture.layer, FailureLayer::None);
            QVERIFY(capture.tlsTrustedByUser);
            QCOMPARE(capture.httpStatus, 200);
        } else {
            QVERIFY(!capture.hasResponse);
            QCOMPARE(capture.layer, FailureLayer::Tls);
            QCOMPARE(capture.errorKey, QStringLiteral("transport_tls"));
            QVERIFY(!capture.tlsTrustedByUser);
            // The certificate's details are in the explanation, never hidden.
            QVERIFY2(capture.facts.contains(capture.peerCertificate.colonFingerprint()), qPrintable(capture.facts));
            QVERIFY2(capture.facts.contains(QLatin1String("TEST ONLY")), qPrintable(capture.facts));
            QCOMPARE(server.received().size(), 0);
        }
    }

    void trustingAnotherCertificateDoesNotHelp()
    {
        FakeHttpServer server;
        server.useTls(FakeHttpServer::testCertificate(), FakeHttpServer::testKey());
        QVERIFY(server.listen());
        QNetworkAccessManager network;
        ApiClient client(&network);
        ApiRequest request = requestTo(server.url());
        const QSslCertificate other = FakeHttpServer::testCertificate(QStringLiteral("TEST-ONLY-expired.crt"));
        request.trustedCertificates = {QString::fromLatin1(other.digest(QCryptographicHash::Sha256).toHex())};
        const CallCapture capture = sendAndWait(client, request);
        QCOMPARE(capture.layer, FailureLayer::Tls);
        QVERIFY(!capture.tlsTrustedByUser);
    }

    void proxyRefused()
    {
        QNetworkAccessManager network;
        network.setProxy(
            QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), FakeHttpServer::unusedPort()));
        ApiClient client(&network);
        const CallCapture capture =
            sendAndWait(client, requestTo(QUrl(QStringLiteral("https://api.sharpspring.com/pubapi/v1.2/"))));
        QVERIFY(!capture.hasResponse);
        QVERIFY2(capture.layer == FailureLayer::Proxy, qPrintable(QStringLiteral("%1 %2: %3")
                                                                      .arg(failureLayerName(capture.layer))
                                                                      .arg(capture.networkError)
                                                                      .arg(capture.networkErrorString)));
        QCOMPARE(capture.errorKey, QStringLiteral("transport_proxy"));
        QVERIFY2(capture.facts.contains(QLatin1String("proxy")), qPrintable(capture.facts));
    }

    // The GUI's client (no injected manager) follows https_proxy, and still reaches the simulator
    // on loopback directly. Before, it ignored every proxy.
    void ownManagerFollowsProxySettings()
    {
        FakeHttpServer proxy;
        QVERIFY(proxy.listen());
        FakeHttpServer::Script refuse;
        refuse.status = 407;
        refuse.reason = "Proxy Authentication Required";
        refuse.body = "denied";
        proxy.setScript(refuse);
        FakeHttpServer simulator;
        QVERIFY(simulator.listen());
        const QByteArray previous = qgetenv("https_proxy");
        qputenv("https_proxy", QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()).toUtf8());
        qputenv("http_proxy", QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()).toUtf8());
        ApiClient client(nullptr);
        const CallCapture remote =
            sendAndWait(client, requestTo(QUrl(QStringLiteral("https://api.leadgen-diag.test/pubapi/v1.2/"))));
        const CallCapture local = sendAndWait(client, requestTo(simulator.url()));
        qunsetenv("http_proxy");
        if (previous.isEmpty())
            qunsetenv("https_proxy");
        else
            qputenv("https_proxy", previous);
        QCOMPARE(remote.layer, FailureLayer::Proxy);
        QCOMPARE(proxy.received().size(), 1);
        QCOMPARE(proxy.received().first().target, QByteArray("api.leadgen-diag.test:443"));
        QVERIFY(local.succeeded());
        QCOMPARE(simulator.received().size(), 1);
    }

    void proxyWantsAuthentication()
    {
        // A proxy that answers 407 to the CONNECT of an https request.
        FakeHttpServer proxy;
        QVERIFY(proxy.listen());
        FakeHttpServer::Script script;
        script.status = 407;
        script.reason = "Proxy Authentication Required";
        script.headers = {{"Proxy-Authenticate", "Basic realm=\"corp\""}};
        script.body = "denied";
        proxy.setScript(script);
        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.port()));
        ApiClient client(&network);
        const CallCapture capture =
            sendAndWait(client, requestTo(QUrl(QStringLiteral("https://api.sharpspring.com/pubapi/v1.2/"))));
        QCOMPARE(capture.layer, FailureLayer::Proxy);
        QCOMPARE(capture.networkError, int(QNetworkReply::ProxyAuthenticationRequiredError));
        QCOMPARE(proxy.received().size(), 1);
        QCOMPARE(proxy.received().first().method, QByteArray("CONNECT"));
    }

    void unusableEndpoint_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("empty (simulator not running)") << QString();
        QTest::newRow("no host") << "http:///pubapi/v1/";
        QTest::newRow("other scheme") << "ftp://h.example/";
    }

    void unusableEndpoint()
    {
        QFETCH(QString, url);
        QNetworkAccessManager network;
        ApiClient client(&network);
        QSignalSpy finished(&client, &ApiClient::finished);
        client.send(requestTo(QUrl(url)));
        QCOMPARE(finished.size(), 1);
        QVERIFY(!client.isRunning());
        const CallCapture capture = finished.first().at(0).value<CallCapture>();
        QCOMPARE(capture.layer, FailureLayer::Connection);
        QVERIFY(!capture.hasResponse);
        QVERIFY(capture.facts.contains(QLatin1String("nothing was sent")) ||
                capture.facts.contains(QLatin1String("no endpoint")));
        QVERIFY(!capture.facts.contains(QLatin1String("s3cr3t")));
    }

    void layerOfNetworkErrors_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<FailureLayer>("layer");
        QTest::newRow("none") << int(QNetworkReply::NoError) << FailureLayer::None;
        QTest::newRow("host not found") << int(QNetworkReply::HostNotFoundError) << FailureLayer::Dns;
        QTest::newRow("refused") << int(QNetworkReply::ConnectionRefusedError) << FailureLayer::ConnectionRefused;
        QTest::newRow("timeout") << int(QNetworkReply::TimeoutError) << FailureLayer::Timeout;
        QTest::newRow("tls") << int(QNetworkReply::SslHandshakeFailedError) << FailureLayer::Tls;
        QTest::newRow("proxy refused") << int(QNetworkReply::ProxyConnectionRefusedError) << FailureLayer::Proxy;
        QTest::newRow("proxy auth") << int(QNetworkReply::ProxyAuthenticationRequiredError) << FailureLayer::Proxy;
        QTest::newRow("proxy not found") << int(QNetworkReply::ProxyNotFoundError) << FailureLayer::Proxy;
        QTest::newRow("remote closed") << int(QNetworkReply::RemoteHostClosedError) << FailureLayer::Connection;
        QTest::newRow("404") << int(QNetworkReply::ContentNotFoundError) << FailureLayer::HttpStatus;
        QTest::newRow("503") << int(QNetworkReply::ServiceUnavailableError) << FailureLayer::HttpStatus;
        QTest::newRow("protocol") << int(QNetworkReply::ProtocolFailure) << FailureLayer::Connection;
    }

    void layerOfNetworkErrors()
    {
        QFETCH(int, error);
        QFETCH(FailureLayer, layer);
        QCOMPARE(ApiClient::layerOf(static_cast<QNetworkReply::NetworkError>(error)), layer);
    }

    void catalogueKeysExist_data()
    {
        QTest::addColumn<FailureLayer>("layer");
        for (FailureLayer layer :
             {FailureLayer::Dns, FailureLayer::ConnectionRefused, FailureLayer::Timeout, FailureLayer::Tls,
              FailureLayer::Proxy, FailureLayer::HttpStatus, FailureLayer::NotJson, FailureLayer::Connection})
            QTest::newRow(qPrintable(failureLayerName(layer))) << layer;
    }

    void catalogueKeysExist()
    {
        // Every key the client names is a situation entry of errors.json.
        QFETCH(FailureLayer, layer);
        const QString key = ApiClient::catalogueKey(layer);
        QVERIFY(!key.isEmpty());
        QVERIFY2(ErrorCatalog::builtin().byKey(key), qPrintable(key));
        for (const char* other : {"http_401_text", "html_page", "empty_body", "invalid_utf8"})
            QVERIFY2(ErrorCatalog::builtin().byKey(QLatin1String(other)), other);
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
