#include "HttpResponseText.h"

#include <QtTest>

// Splitting pasted responses into status, headers and body (curl -i, curl -v, bare bodies).
class TestHttpResponseText : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("status"); // 0 = no head found
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QStringList>("headers"); // "Name: value"
        QTest::addColumn<QByteArray>("body");

        const QByteArray json = "{\"result\":null,\"error\":{\"code\":105,\"message\":\"x\"},\"id\":\"1\"}";
        QTest::newRow("bare body") << json << 0 << QString() << QStringList() << json;
        QTest::newRow("curl -i") << QByteArray(
                                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Id:  7 \r\n\r\n" + json)
                                 << 200 << "OK" << QStringList{"Content-Type: application/json", "X-Id: 7"} << json;
        QTest::newRow("curl -i, LF only, leading blank lines")
            << QByteArray("\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm=\"SharpSpring\"\n\n"
                          "Unable to determine clusterID from provided accountID/secretKey")
            << 401 << "Unauthorized" << QStringList{"WWW-Authenticate: Basic realm=\"SharpSpring\""}
            << QByteArray("Unable to determine clusterID from provided accountID/secretKey");
        QTest::newRow("HTTP/2 without reason")
            << QByteArray("HTTP/2 502\r\ncontent-type: text/html\r\n\r\n<html></html>") << 502 << QString()
            << QStringList{"content-type: text/html"} << QByteArray("<html></html>");
        QTest::newRow("interim 100 Continue head")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}") << 200 << "OK"
            << QStringList{"Content-Length: 2"} << QByteArray("{}");
        QTest::newRow("head without body") << QByteArray("HTTP/1.1 204 No Content\r\nServer: x\r\n\r\n") << 204
                                           << "No Content" << QStringList{"Server: x"} << QByteArray();
        QTest::newRow("not a head after all")
            << QByteArray("HTTP/1.1 200 OK\nthis line has no colon\n\n{}") << 0 << QString() << QStringList()
            << QByteArray("HTTP/1.1 200 OK\nthis line has no colon\n\n{}");
        QTest::newRow("curl -v") << QByteArray(
                                        "*   Trying 127.0.0.1:8080...\n* Connected to localhost\n"
                                        "> POST /pubapi/v1.2/?accountID=A&secretKey=S HTTP/1.1\n> Host: x\n>\n"
                                        "{ [61 bytes data]\n< HTTP/1.1 200 OK\n< Content-Type: application/json\n"
                                        "< Content-Length: 61\n<\n" +
                                        json + "\n* Connection #0 to host localhost left intact\n")
                                 << 200 << "OK" << QStringList{"Content-Type: application/json", "Content-Length: 61"}
                                 << QByteArray(json + "\n");
        QTest::newRow("curl -v without blank separator")
            << QByteArray("< HTTP/1.1 503 Service Unavailable\n< Retry-After: 30\n{\"x\":1}") << 503
            << "Service Unavailable" << QStringList{"Retry-After: 30"} << QByteArray("{\"x\":1}");
        QTest::newRow("curl -v body starting with a brace and space")
            << QByteArray("< HTTP/1.1 200 OK\n<\n{ \"result\": 1 }") << 200 << "OK" << QStringList()
            << QByteArray("{ \"result\": 1 }");
    }
    void parse()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, status);
        QFETCH(QString, reason);
        QFETCH(QStringList, headers);
        QFETCH(QByteArray, body);
        const HttpResponseText parsed = HttpResponseText::parse(text);
        QCOMPARE(parsed.hasHead(), status != 0);
        QCOMPARE(parsed.httpStatus.value_or(0), status);
        QCOMPARE(parsed.reasonPhrase, reason);
        QStringList got;
        for (const auto& [name, value] : parsed.headers)
            got.append(QString::fromLatin1(name + ": " + value));
        QCOMPARE(got, headers);
        QCOMPARE(parsed.body, body);
    }
};

QTEST_GUILESS_MAIN(TestHttpResponseText)
#include "tst_httpresponsetext.moc"
