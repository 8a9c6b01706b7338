#include "CurlCommand.h"
#include "HeaderLines.h"
#include "RequestFile.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

// The composer's "Name: value" header lines (HeaderLines), and headers in request files and cURL
// command lines.
class TestHeaderLines : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QStringList>("headers");  // "Name=value"
        QTest::addColumn<QStringList>("problems"); // "line: fragment of the message"

        QTest::newRow("empty") << QString() << QString() << QStringList() << QStringList();
        QTest::newRow("one") << QStringLiteral("X-Simulator-Fault: code=999") << QString()
                             << QStringList{QStringLiteral("X-Simulator-Fault=code=999")} << QStringList();
        QTest::newRow("blank lines, comments, spaces")
            << QStringLiteral("\n# the fault\n  X-A :  one  \n\nX-B:two\n") << QString()
            << QStringList{QStringLiteral("X-A=one"), QStringLiteral("X-B=two")} << QStringList();
        QTest::newRow("empty value") << QStringLiteral("X-Empty:") << QString()
                                     << QStringList{QStringLiteral("X-Empty=")} << QStringList();
        QTest::newRow("no colon") << QStringLiteral("X-A: 1\nX-Simulator-Fault code=999") << QString()
                                  << QStringList{QStringLiteral("X-A=1")}
                                  << QStringList{QStringLiteral("2:has no colon")};
        QTest::newRow("space in name") << QStringLiteral("X Fault: 1") << QString() << QStringList()
                                       << QStringList{QStringLiteral("1:not a valid header name")};
        QTest::newRow("no name") << QStringLiteral(": 1") << QString() << QStringList()
                                 << QStringList{QStringLiteral("1:name before the colon")};
        QTest::newRow("transport") << QStringLiteral("Content-Length: 5\nhost: x") << QString() << QStringList()
                                   << QStringList{QStringLiteral("1:network layer"), QStringLiteral("2:network layer")};
        QTest::newRow("credential names")
            << QStringLiteral("secretKey: abc\nAccountID: 1") << QString() << QStringList()
            << QStringList{QStringLiteral("1:query string"), QStringLiteral("2:query string")};
        QTest::newRow("secret in a value")
            << QStringLiteral("X-Api: Bearer s3cret-value-42") << QStringLiteral("s3cret-value-42") << QStringList()
            << QStringList{QStringLiteral("1:contains the secret key")};
        QTest::newRow("duplicate, any case")
            << QStringLiteral("X-A: 1\nx-a: 2") << QString() << QStringList{QStringLiteral("X-A=1")}
            << QStringList{QStringLiteral("2:already set on line 1")};
        QTest::newRow("non-ASCII value") << QStringLiteral("X-A: caf\u00e9") << QString() << QStringList()
                                         << QStringList{QStringLiteral("1:printable ASCII")};
        QTest::newRow("replacing a default") << QStringLiteral("Content-Type: text/plain") << QString()
                                             << QStringList{QStringLiteral("Content-Type=text/plain")} << QStringList();
    }

    void parse()
    {
        QFETCH(QString, text);
        QFETCH(QString, secret);
        QFETCH(QStringList, headers);
        QFETCH(QStringList, problems);
        const HeaderLines::Result result = HeaderLines::parse(text, secret);
        QStringList got;
        for (const ApiRequest::Header& h : result.headers)
            got << QString::fromLatin1(h.first + '=' + h.second);
        QCOMPARE(got, headers);
        QCOMPARE(result.problems.size(), problems.size());
        for (int i = 0; i < problems.size(); ++i) {
            const QString line = problems.at(i).section(QLatin1Char(':'), 0, 0);
            const QString fragment = problems.at(i).section(QLatin1Char(':'), 1);
            QCOMPARE(result.problems.at(i).line, line.toInt());
            QVERIFY2(result.problems.at(i).message.contains(fragment), qPrintable(result.problems.at(i).toString()));
        }
        QCOMPARE(result.ok(), problems.isEmpty());
        // The secret never appears in a message either.
        if (!secret.isEmpty()) {
            for (const HeaderLines::Problem& p : result.problems)
                QVERIFY(!p.message.contains(secret));
        }
    }

    void formatRoundTrip()
    {
        const QList<ApiRequest::Header> headers{{"X-Simulator-Fault", "code=222"}, {"X-Trace", "a b"}};
        const QString text = HeaderLines::format(headers);
        QCOMPARE(text, QStringLiteral("X-Simulator-Fault: code=222\nX-Trace: a b"));
        QCOMPARE(HeaderLines::parse(text).headers, headers);
    }

    void defaults()
    {
        QVERIFY(HeaderLines::isDefault({"content-type", "application/json"}));
        QVERIFY(HeaderLines::isDefault({"Accept", "application/json"}));
        QVERIFY(!HeaderLines::isDefault({"Content-Type", "text/plain"}));
        QVERIFY(!HeaderLines::isDefault({"X-Simulator-Fault", "code=1"}));
    }

    // Request files keep the headers ("headers": {...}); credentials and secret look-alikes in
    // them never reach the file.
    void requestFileRoundTrip()
    {
        RequestFile file;
        file.body = QByteArrayLiteral("{\"method\":\"getLead\",\"params\":{\"id\":1},\"id\":\"1\"}");
        file.environment = QStringLiteral("Simulator");
        file.accountId = QStringLiteral("SIMDEMO0001");
        file.headers = {{"X-Simulator-Fault", "code=999"}, {"secretKey", "abc123"}, {"X-Url", "a?secretKey=zzz999"}};
        QStringList warnings;
        const QByteArray json = file.toJson(&warnings);
        QVERIFY(!json.contains("abc123"));
        QVERIFY(!json.contains("zzz999"));
        QCOMPARE(warnings.size(), 2);
        const QJsonObject headers = QJsonDocument::fromJson(json).object().value(QStringLiteral("headers")).toObject();
        QCOMPARE(headers.value(QStringLiteral("X-Simulator-Fault")).toString(), QStringLiteral("code=999"));
        QVERIFY(!headers.contains(QStringLiteral("secretKey")));

        QString error;
        const auto loaded = RequestFile::fromJson(json, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->headers.size(), 2);
        QCOMPARE(loaded->headers.at(0), (ApiRequest::Header{"X-Simulator-Fault", "code=999"}));

        // A raw (non-JSON) body with headers.
        RequestFile raw;
        raw.body = QByteArrayLiteral("method=getLead&id=1");
        raw.headers = {{"X-Simulator-Fault", "code=101"}};
        const auto rawLoaded = RequestFile::fromJson(raw.toJson(), &error);
        QVERIFY2(rawLoaded, qPrintable(error));
        QCOMPARE(rawLoaded->body, raw.body);
        QCOMPARE(rawLoaded->headers, raw.headers);

        // Malformed headers in a file are refused with a reason.
        QVERIFY(!RequestFile::fromJson(QByteArrayLiteral("{\"format\":\"leadgen-diag-request\",\"version\":1,"
                                                         "\"headers\":[1],\"body\":\"x\"}"),
                                       &error));
        QVERIFY2(error.contains(QLatin1String("headers")), qPrintable(error));
        QVERIFY(!RequestFile::fromJson(QByteArrayLiteral("{\"format\":\"leadgen-diag-request\",\"version\":1,"
                                                         "\"headers\":{\"X-A\":1},\"body\":\"x\"}"),
                                       &error));
        QVERIFY2(error.contains(QLatin1String("X-A")), qPrintable(error));
    }

    // cURL export writes the extra headers as -H; import reads them back.
    void curlCarriesHeaders()
    {
        ApiRequest request;
        request.endpoint = QUrl(QStringLiteral("http://127.0.0.1:8099/pubapi/v1.2/"));
        request.accountId = QStringLiteral("SIMDEMO0001");
        request.secretKey = QStringLiteral("sim-demo-secret-0001");
        request.body = QByteArrayLiteral("{\"method\":\"getLeads\",\"params\":{\"where\":{}},\"id\":\"1\"}");
        request.headers = {{"X-Simulator-Fault", "code=222"}};
        const QString line = CurlCommand::fromRequest(request).toCommandLine();
        QVERIFY2(line.contains(QLatin1String("-H 'X-Simulator-Fault: code=222'")), qPrintable(line));
        QVERIFY(!line.contains(request.secretKey));
        const auto parsed = CurlCommand::parse(line);
        QVERIFY(parsed);
        const ApiRequest back = parsed->toRequest();
        QCOMPARE(back.header("X-Simulator-Fault"), QByteArray("code=222"));
    }
};

QTEST_GUILESS_MAIN(TestHeaderLines)
#include "tst_headerlines.moc"
