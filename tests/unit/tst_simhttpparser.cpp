#include "HttpRequestParser.h"

#include <QtTest>

// The simulator's incremental HTTP/1.1 request parser: framing (Content-Length, chunked,
// pipelining, arbitrary fragmentation), connection semantics and every rejection with its status.
class TestSimHttpParser : public QObject
{
    Q_OBJECT

private:
    struct Parsed
    {
        QList<HttpRequest> requests;
        int errorStatus = 0;
        QString errorReason;
        bool inProgress = false;
    };

    // Feeds `data` in pieces of `chunk` bytes (0 = all at once), as a connection would.
    static Parsed feed(const QByteArray& data, int chunk = 0, qint64 maxBody = 1024)
    {
        HttpRequestParser::Limits limits;
        limits.maxBodyBytes = maxBody;
        HttpRequestParser parser(limits);
        Parsed result;
        QByteArray buffer;
        qsizetype offset = 0;
        const int step = chunk > 0 ? chunk : int(data.size());
        for (qsizetype pos = 0; pos < data.size() && !result.errorStatus; pos += step) {
            buffer.append(data.mid(pos, step));
            for (;;) {
                const auto status = parser.parse(buffer, &offset);
                if (status == HttpRequestParser::Status::Complete) {
                    result.requests.append(parser.takeRequest());
                    continue;
                }
                if (status == HttpRequestParser::Status::Error) {
                    result.errorStatus = parser.errorStatus();
                    result.errorReason = parser.errorReason();
                }
                break;
            }
        }
        result.inProgress = parser.inProgress();
        return result;
    }

    static QByteArray post(const QByteArray& body, const QByteArray& extraHeaders = QByteArray())
    {
        return "POST /pubapi/v1.2/?accountID=A&secretKey=B HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
               QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
    }

private slots:
    void completeRequests_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("chunk");
        QTest::addColumn<int>("count");
        QTest::addColumn<QByteArray>("lastBody");

        const QByteArray body = R"({"method":"getLead","params":{"id":1},"id":"x"})";
        QTest::newRow("content-length, one read") << post(body) << 0 << 1 << body;
        QTest::newRow("content-length, byte by byte") << post(body) << 1 << 1 << body;
        QTest::newRow("content-length, 7-byte pieces") << post(body) << 7 << 1 << body;
        QTest::newRow("no body") << QByteArray("POST /pubapi/v1/ HTTP/1.1\r\nHost: h\r\n\r\n") << 0 << 1
                                 << QByteArray();
        QTest::newRow("bare LF line endings")
            << QByteArray("POST / HTTP/1.1\nHost: h\nContent-Length: 2\n\n{}") << 0 << 1 << QByteArray("{}");
        QTest::newRow("empty lines before the request line") << (QByteArray("\r\n\r\n") + post(body)) << 0 << 1 << body;
        QTest::newRow("pipelined, one read") << (post("{}") + post(body)) << 0 << 2 << body;
        QTest::newRow("pipelined, byte by byte") << (post("{}") + post(body)) << 1 << 2 << body;
        const QByteArray chunked = "POST /pubapi/v1.2/ HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                                   "5\r\n{\"met\r\n"
                                   "9;ext=1\r\nhod\":\"x\"}\r\n"
                                   "0\r\nX-Trailer: yes\r\n\r\n";
        QTest::newRow("chunked with extension and trailer") << chunked << 0 << 1 << QByteArray("{\"method\":\"x\"}");
        QTest::newRow("chunked, byte by byte") << chunked << 1 << 1 << QByteArray("{\"method\":\"x\"}");
        QTest::newRow("chunked then content-length") << (chunked + post(body)) << 3 << 2 << body;
        QTest::newRow("empty Expect of the vendor samples") << post(body, "Expect:\r\n") << 0 << 1 << body;
    }
    void completeRequests()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, chunk);
        QFETCH(int, count);
        QFETCH(QByteArray, lastBody);
        const Parsed parsed = feed(raw, chunk);
        QCOMPARE(parsed.errorStatus, 0);
        QCOMPARE(parsed.requests.size(), count);
        QCOMPARE(parsed.requests.last().body, lastBody);
        QCOMPARE(parsed.requests.last().method, QByteArray("POST"));
        QVERIFY(!parsed.inProgress);
    }

    void requestParts()
    {
        const Parsed parsed = feed(post("{}", "X-Simulator-Fault:   code=999 \r\nCONTENT-TYPE: application/json\r\n"));
        QCOMPARE(parsed.requests.size(), 1);
        const HttpRequest& r = parsed.requests.first();
        QCOMPARE(r.target, QByteArray("/pubapi/v1.2/?accountID=A&secretKey=B"));
        QCOMPARE(r.path, QByteArray("/pubapi/v1.2/"));
        QCOMPARE(r.query, QByteArray("accountID=A&secretKey=B"));
        QCOMPARE(r.versionMinor, 1);
        // Names are lower-cased, values trimmed of surrounding whitespace only.
        QCOMPARE(r.header("x-simulator-fault"), QByteArray("code=999"));
        QCOMPARE(r.header("content-type"), QByteArray("application/json"));
        QVERIFY(r.header("absent").isNull());
    }

    void keepAlive_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<bool>("keepAlive");
        QTest::newRow("1.1 default") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n\r\n") << true;
        QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n") << false;
        QTest::newRow("1.1 token list") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nConnection: TE, Close\r\n\r\n")
                                        << false;
        QTest::newRow("1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
        QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << true;
    }
    void keepAlive()
    {
        QFETCH(QByteArray, raw);
        QFETCH(bool, keepAlive);
        const Parsed parsed = feed(raw);
        QCOMPARE(parsed.requests.size(), 1);
        QCOMPARE(parsed.requests.first().keepAlive, keepAlive);
    }

    void rejections_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reasonContains");

        QTest::newRow("garbage request line")
            << QByteArray("HELLO THERE\r\n\r\n") << 400 << QStringLiteral("request line");
        QTest::newRow("binary junk") << QByteArray("\x01\x02\x03garbage") << 400
                                     << QStringLiteral("not an HTTP request");
        QTest::newRow("TLS handshake") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) << 400
                                       << QStringLiteral("https://");
        QTest::newRow("HTTP/2.0") << QByteArray("POST / HTTP/2.0\r\nHost: h\r\n\r\n") << 505
                                  << QStringLiteral("HTTP/1.1");
        QTest::newRow("unknown protocol") << QByteArray("POST / SPDY/3\r\n\r\n") << 400 << QStringLiteral("protocol");
        QTest::newRow("missing Host") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n") << 400
                                      << QStringLiteral("Host");
        QTest::newRow("space before colon")
            << QByteArray("POST / HTTP/1.1\r\nHost : h\r\n\r\n") << 400 << QStringLiteral("header name");
        QTest::newRow("folded header") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n  2\r\n\r\n") << 400
                                       << QStringLiteral("folding");
        QTest::newRow("Content-Length not a number")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1x\r\n\r\n") << 400
            << QStringLiteral("Content-Length");
        QTest::newRow("negative Content-Length")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n") << 400
            << QStringLiteral("Content-Length");
        QTest::newRow("conflicting Content-Length")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n") << 400
            << QStringLiteral("conflicting");
        QTest::newRow("Content-Length and chunked")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n")
            << 400 << QStringLiteral("both");
        QTest::newRow("gzip, chunked") << QByteArray(
                                              "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
                                       << 501 << QStringLiteral("gzip");
        QTest::newRow("chunked not last")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n") << 400
            << QStringLiteral("chunked");
        QTest::newRow("bad chunk size") << QByteArray(
                                               "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                                        << 400 << QStringLiteral("chunk");
        QTest::newRow("chunk without CRLF")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}XX\r\n") << 400
            << QStringLiteral("CRLF");
        QTest::newRow("body over the limit") << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1025\r\n\r\n")
                                             << 413 << QStringLiteral("1025");
        QTest::newRow("chunked body over the limit")
            << (QByteArray("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n200\r\n") +
                QByteArray(512, 'a') + "\r\n201\r\n")
            << 413 << QStringLiteral("limit");
        QTest::newRow("request line too long")
            << (QByteArray("POST /") + QByteArray(9000, 'a')) << 414 << QStringLiteral("request line");
        QByteArray manyHeaders = "POST / HTTP/1.1\r\nHost: h\r\n";
        for (int i = 0; i < 101; ++i)
            manyHeaders += "X-H" + QByteArray::number(i) + ": v\r\n";
        QTest::newRow("too many headers") << manyHeaders << 431 << QStringLiteral("header fields");
        QTest::newRow("header section too large")
            << (QByteArray("POST / HTTP/1.1\r\nHost: h\r\nX-Big: ") + QByteArray(40000, 'b')) << 431
            << QStringLiteral("header section");
        QTest::newRow("unknown expectation")
            << QByteArray("POST / HTTP/1.1\r\nHost: h\r\nExpect: magic\r\n\r\n") << 417 << QStringLiteral("magic");
    }
    void rejections()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        QFETCH(QString, reasonContains);
        for (int chunk : {0, 1}) {
            const Parsed parsed = feed(raw, chunk);
            QVERIFY2(parsed.requests.isEmpty(), qPrintable(QStringLiteral("chunk %1").arg(chunk)));
            QCOMPARE(parsed.errorStatus, status);
            QVERIFY2(parsed.errorReason.contains(reasonContains), qPrintable(parsed.errorReason));
        }
    }

    void continueIsRequested()
    {
        HttpRequestParser parser;
        const QByteArray head = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n";
        qsizetype offset = 0;
        QCOMPARE(parser.parse(head, &offset), HttpRequestParser::Status::NeedMore);
        QVERIFY(parser.wantsContinue());
        QVERIFY(parser.inProgress());
        parser.continueSent();
        QVERIFY(!parser.wantsContinue());
        QByteArray all = head + "{}";
        QCOMPARE(parser.parse(all, &offset), HttpRequestParser::Status::Complete);
        QCOMPARE(parser.takeRequest().body, QByteArray("{}"));
        QVERIFY(!parser.inProgress());
    }

    void inProgressTracksPartialRequests()
    {
        HttpRequestParser parser;
        QByteArray data = "PO";
        qsizetype offset = 0;
        QVERIFY(!parser.inProgress());
        QCOMPARE(parser.parse(data, &offset), HttpRequestParser::Status::NeedMore);
        QVERIFY(parser.inProgress()); // half a request line counts: a stalled client times out
        QCOMPARE(offset, data.size());
    }
};

QTEST_GUILESS_MAIN(TestSimHttpParser)
#include "tst_simhttpparser.moc"
