#include "ErrorCatalog.h"
#include "FaultSpec.h"
#include "SimApi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

// Fault injection (docs/design.md, Simulator): the specification syntax, and what SimApi answers for each
// fault (the connection-level effects, latency/truncate/drop, are checked end to end in
// tst_simulator).
class TestSimFaults : public QObject
{
    Q_OBJECT

private:
    static SimReply send(SimApi& api, const QByteArray& body, const QByteArray& fault, bool asQuery = false)
    {
        HttpRequest request;
        request.method = "POST";
        request.path = "/pubapi/v1.2/";
        request.query = "accountID=SIMDEMO0001&secretKey=sim-demo-secret-0001";
        if (asQuery)
            request.query += "&simFault=" + fault.toPercentEncoding();
        else
            request.headers.append(qMakePair(QByteArray("x-simulator-fault"), fault));
        request.body = body;
        return api.handle(request);
    }

    static SimConfig config()
    {
        SimConfig c;
        c.leads = 20;
        return c;
    }

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("normalized"); // toString(), or a part of the error message
        QTest::newRow("code") << QStringLiteral("code=999") << true << QStringLiteral("code=999");
        QTest::newRow("combined") << QStringLiteral(" code=301 ; latency=250;truncate ") << true
                                  << QStringLiteral("code=301; latency=250; truncate");
        QTest::newRow("http") << QStringLiteral("http=502") << true << QStringLiteral("http=502");
        QTest::newRow("flags, any case") << QStringLiteral("DROP;Not-Json") << true << QStringLiteral("drop; not-json");
        QTest::newRow("unknown code") << QStringLiteral("code=42") << false << QStringLiteral("code=42");
        QTest::newRow("code not a number") << QStringLiteral("code=abc") << false << QStringLiteral("error catalogue");
        QTest::newRow("http 200") << QStringLiteral("http=200") << false << QStringLiteral("400 and 599");
        QTest::newRow("latency too long") << QStringLiteral("latency=600000") << false << QStringLiteral("60000");
        QTest::newRow("negative latency") << QStringLiteral("latency=-1") << false << QStringLiteral("milliseconds");
        QTest::newRow("flag with a value") << QStringLiteral("truncate=1") << false << QStringLiteral("takes no value");
        QTest::newRow("unknown item") << QStringLiteral("explode") << false
                                      << QStringLiteral("unknown fault 'explode'");
        QTest::newRow("empty") << QStringLiteral(" ; ") << false << QStringLiteral("empty");
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QString, normalized);
        FaultSpec spec;
        QString error;
        QCOMPARE(FaultSpec::parse(text, &spec, &error), ok);
        if (ok)
            QCOMPARE(spec.toString(), normalized);
        else
            QVERIFY2(error.contains(normalized), qPrintable(error));
    }

    void everyCatalogueCodeCanBeInjected()
    {
        SimApi api(config());
        const QByteArray body = R"({"method":"getLead","params":{"id":346743252994},"id":"f"})";
        int count = 0;
        for (const ErrorEntry& entry : ErrorCatalog::builtin().entries()) {
            if (!entry.isNumeric())
                continue;
            ++count;
            const SimReply reply = send(api, body, "code=" + QByteArray::number(entry.code));
            const QJsonObject json = QJsonDocument::fromJson(reply.response.body).object();
            QCOMPARE(reply.response.status, 200);
            QCOMPARE(json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), entry.code);
            // Sent without the trailing period of the catalogue's wording.
            QString expected = entry.message;
            while (expected.endsWith(QLatin1Char('.')))
                expected.chop(1);
            QCOMPARE(json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
                     expected);
            QCOMPARE(json.value(QStringLiteral("id")).toString(), QStringLiteral("f"));
        }
        QCOMPARE(count, 39);
    }

    void objectLevelCodeFailsEveryObject()
    {
        SimApi api(config());
        const QByteArray body = R"({"method":"createLeads","params":{"objects":[{"emailAddress":"a@x.example"},)"
                                R"({"emailAddress":"b@x.example"}]},"id":"f"})";
        const SimReply reply = send(api, body, "code=303", true);
        const QJsonObject json = QJsonDocument::fromJson(reply.response.body).object();
        const QJsonArray creates =
            json.value(QStringLiteral("result")).toObject().value(QStringLiteral("creates")).toArray();
        QCOMPARE(creates.size(), 2);
        for (const QJsonValue& item : creates) {
            QCOMPARE(item.toObject().value(QStringLiteral("success")).toBool(), false);
            QCOMPARE(item.toObject().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
                     303);
        }
        QCOMPARE(json.value(QStringLiteral("error")).toArray().size(), 2);
        // Nothing was created.
        const SimReply again = send(api, body, "latency=0");
        QCOMPARE(QJsonDocument::fromJson(again.response.body).object().value(QStringLiteral("error")).toArray().size(),
                 0);
    }

    void transportFaults()
    {
        SimApi api(config());
        const QByteArray body = R"({"method":"getLead","params":{"id":346743252994},"id":"f"})";

        SimReply reply = send(api, body, "http=502");
        QCOMPARE(reply.response.status, 502);
        QCOMPARE(reply.response.contentType, QByteArray("text/html"));
        QVERIFY(reply.response.body.contains("<title>502 Bad Gateway</title>"));

        reply = send(api, body, "not-json");
        QCOMPARE(reply.response.status, 200);
        QVERIFY(QJsonDocument::fromJson(reply.response.body).isNull());

        reply = send(api, body, "drop");
        QVERIFY(reply.drop);
        QCOMPARE(reply.log.httpStatus, 0);

        reply = send(api, body, "latency=1500; truncate");
        QCOMPARE(reply.latencyMs, 1500);
        QVERIFY(reply.truncate);
        QCOMPARE(reply.response.status, 200); // the normal answer, delayed and cut by the connection
        QVERIFY(reply.response.body.startsWith("{\"result\":{\"lead\":["));
        QCOMPARE(reply.log.fault, QStringLiteral("latency=1500; truncate"));

        reply = send(api, body, "code=12345");
        QCOMPARE(reply.response.status, 400);
        QVERIFY(reply.response.body.startsWith("X-Simulator-Fault: fault 'code=12345'"));
    }

    void faultsNeedNoCredentials()
    {
        // A gateway page comes before the API looks at credentials.
        SimApi api(config());
        HttpRequest request;
        request.method = "POST";
        request.path = "/pubapi/v1/";
        request.headers.append(qMakePair(QByteArray("x-simulator-fault"), QByteArray("http=504")));
        QCOMPARE(api.handle(request).response.status, 504);
    }
};

QTEST_GUILESS_MAIN(TestSimFaults)
#include "tst_simfaults.moc"
