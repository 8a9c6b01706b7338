#include "ApiClient.h"
#include "EmbeddedSimulator.h"
#include "ResponseAnalyzer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QtTest>

// The real client against the real simulator: each situation produces the
// right capture, the right named layer and, for responses, the right diagnosis.
class TestApiClientSim : public QObject
{
    Q_OBJECT

private:
    EmbeddedSimulator m_simulator;

    ApiRequest request(const QByteArray& body, const QString& version = QStringLiteral("v1.2")) const
    {
        ApiRequest r;
        r.endpoint = m_simulator.endpoint(version);
        r.accountId = QString::fromLatin1(SimConfig::kDemoAccountId);
        r.secretKey = QString::fromLatin1(SimConfig::kDemoSecretKey);
        r.body = body;
        r.timeoutMs = 10000;
        return r;
    }

    static CallCapture send(const ApiRequest& r)
    {
        QNetworkAccessManager network;
        ApiClient client(&network);
        QSignalSpy spy(&client, &ApiClient::finished);
        client.send(r);
        if (spy.isEmpty() && !spy.wait(15000))
            return CallCapture();
        return spy.takeFirst().at(0).value<CallCapture>();
    }

    static Diagnosis diagnose(const CallCapture& capture, const ApiRequest& r)
    {
        ResponseAnalyzer::Context context;
        context.httpStatus = capture.httpStatus;
        context.headers = capture.responseHeaders;
        context.request = QJsonDocument::fromJson(r.body).object();
        return ResponseAnalyzer().analyze(capture.readBody(), context);
    }

    static bool hasCode(const Diagnosis& diagnosis, int code)
    {
        for (const Finding& finding : diagnosis.findings) {
            if (finding.code == code)
                return true;
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<CallCapture>();
        SimConfig config;
        config.leads = 50;
        config.perSecond = 0; // the tests send in bursts
        QString error;
        QVERIFY2(m_simulator.start(config, &error), qPrintable(error));
        QVERIFY(!m_simulator.endpoint().isEmpty());
    }

    void cleanupTestCase() { m_simulator.stop(); }

    void successfulGet()
    {
        const ApiRequest r =
            request("{\"method\":\"getLeads\",\"params\":{\"where\":{},\"limit\":5},\"id\":\"sim-get-1\"}");
        const CallCapture capture = send(r);
        QCOMPARE(capture.layer, FailureLayer::None);
        QCOMPARE(capture.httpStatus, 200);
        QVERIFY(capture.totalMs >= 0 && capture.firstByteMs >= 0);
        QVERIFY(capture.bytesReceived > 0);
        QVERIFY(!capture.displayUrl.contains(QString::fromLatin1(SimConfig::kDemoSecretKey)));
        const Diagnosis diagnosis = diagnose(capture, r);
        QCOMPARE(diagnosis.verdict, Diagnosis::Verdict::Ok);
        QCOMPARE(diagnosis.idMatches, std::optional<bool>(true));
        const QJsonObject body = QJsonDocument::fromJson(capture.body).object();
        QCOMPARE(body.value(QLatin1String("result")).toObject().value(QLatin1String("lead")).toArray().size(), 5);
    }

    void apiLevelError()
    {
        const ApiRequest r = request("{\"method\":\"getLeadz\",\"params\":{},\"id\":\"sim-err-1\"}");
        const CallCapture capture = send(r);
        QCOMPARE(capture.layer, FailureLayer::None); // transport fine: the API said no
        QCOMPARE(capture.httpStatus, 200);
        const Diagnosis diagnosis = diagnose(capture, r);
        QCOMPARE(diagnosis.verdict, Diagnosis::Verdict::ApiError);
        QVERIFY(hasCode(diagnosis, 204));
    }

    void wrongSecret()
    {
        ApiRequest r = request("{\"method\":\"getLeads\",\"params\":{\"where\":{}},\"id\":\"sim-err-2\"}");
        r.secretKey = QStringLiteral("not-the-secret");
        const CallCapture capture = send(r);
        const Diagnosis diagnosis = diagnose(capture, r);
        QCOMPARE(diagnosis.verdict, Diagnosis::Verdict::ApiError);
        QVERIFY(hasCode(diagnosis, 105));
    }

    void unknownAccountIsHttp401Text()
    {
        ApiRequest r = request("{\"method\":\"getLeads\",\"params\":{\"where\":{}},\"id\":\"sim-401\"}");
        r.accountId = QStringLiteral("NOSUCHACCOUNT");
        const CallCapture capture = send(r);
        QCOMPARE(capture.httpStatus, 401);
        QCOMPARE(capture.layer, FailureLayer::HttpStatus);
        QCOMPARE(capture.errorKey, QStringLiteral("http_401_text"));
    }

    void perObjectBatchFailure()
    {
        // An email the demo data already has, next to a new one: one create fails with 301.
        const ApiRequest get =
            request("{\"method\":\"getLeads\",\"params\":{\"where\":{},\"limit\":1},\"id\":\"sim-b-0\"}");
        const CallCapture first = send(get);
        const QString existing = QJsonDocument::fromJson(first.body)
                                     .object()
                                     .value(QLatin1String("result"))
                                     .toObject()
                                     .value(QLatin1String("lead"))
                                     .toArray()
                                     .first()
                                     .toObject()
                                     .value(QLatin1String("emailAddress"))
                                     .toString();
        QVERIFY(!existing.isEmpty());
        const QByteArray body = "{\"method\":\"createLeads\",\"params\":{\"objects\":[{\"emailAddress\":"
                                "\"brand-new-lead@example.com\"},{\"emailAddress\":\"" +
                                existing.toUpper().toUtf8() + "\"}]},\"id\":\"sim-b-1\"}";
        const ApiRequest r = request(body);
        const CallCapture capture = send(r);
        QCOMPARE(capture.layer, FailureLayer::None);
        const Diagnosis diagnosis = diagnose(capture, r);
        QCOMPARE(diagnosis.verdict, Diagnosis::Verdict::PartialFailure);
        QVERIFY(hasCode(diagnosis, 301));
        QCOMPARE(diagnosis.stats.failed, 1);
    }

    void faults_data()
    {
        QTest::addColumn<QByteArray>("fault");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<FailureLayer>("layer");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("hasResponse");
        QTest::newRow("gateway page") << QByteArray("http=502") << 10000 << FailureLayer::HttpStatus
                                      << QStringLiteral("html_page") << true;
        QTest::newRow("not JSON") << QByteArray("not-json") << 10000 << FailureLayer::NotJson
                                  << QStringLiteral("not_json") << true;
        QTest::newRow("dropped") << QByteArray("drop") << 10000 << FailureLayer::Connection
                                 << QStringLiteral("transport_closed") << false;
        QTest::newRow("truncated") << QByteArray("truncate") << 10000 << FailureLayer::Connection
                                   << QStringLiteral("transport_closed") << true;
        QTest::newRow("too slow") << QByteArray("latency=3000") << 300 << FailureLayer::Timeout
                                  << QStringLiteral("transport_timeout") << false;
    }

    void faults()
    {
        QFETCH(QByteArray, fault);
        QFETCH(int, timeoutMs);
        QFETCH(FailureLayer, layer);
        QFETCH(QString, key);
        QFETCH(bool, hasResponse);
        ApiRequest r = request("{\"method\":\"getLeads\",\"params\":{\"where\":{}},\"id\":\"sim-f\"}");
        r.headers.append(ApiRequest::Header("X-Simulator-Fault", fault));
        r.timeoutMs = timeoutMs;
        const CallCapture capture = send(r);
        QCOMPARE(capture.layer, layer);
        QCOMPARE(capture.errorKey, key);
        QCOMPARE(capture.hasResponse, hasResponse);
        QVERIFY(!capture.explanation.isEmpty());
    }

    void bothVersions()
    {
        const ApiRequest r = request(
            "{\"method\":\"getLeads\",\"params\":{\"where\":{},\"limit\":1},\"id\":\"sim-v1\"}", QStringLiteral("v1"));
        QVERIFY(r.endpoint.path().endsWith(QLatin1String("/pubapi/v1/")));
        const CallCapture capture = send(r);
        QCOMPARE(capture.layer, FailureLayer::None);
    }
};

QTEST_GUILESS_MAIN(TestApiClientSim)
#include "tst_apiclient_sim.moc"
