#include "EmbeddedSimulator.h"
#include "ErrorCatalog.h"
#include "ScenarioCatalog.h"
#include "SimServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QtTest>

// End to end: a real QNetworkAccessManager client talks to the simulator on loopback. Every
// scenario yields exactly its code at its level; envelope and batch shapes; per-second and daily
// limits per account (with a manual clock, no waiting); the embedded simulator on its thread.
class TestSimulator : public QObject
{
    Q_OBJECT

private:
    struct Reply
    {
        int httpStatus = 0;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        QByteArray body;
        QJsonObject json;
        QByteArray contentType;
    };

    static Reply post(QNetworkAccessManager& nam, const QUrl& url, const QByteArray& body,
                      const QJsonObject& headers = QJsonObject())
    {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        for (auto it = headers.begin(); it != headers.end(); ++it)
            request.setRawHeader(it.key().toUtf8(), it.value().toString().toUtf8());
        QNetworkReply* reply = nam.post(request, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(20000);
        Reply result;
        result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.error = reply->error();
        result.body = reply->readAll();
        result.json = QJsonDocument::fromJson(result.body).object();
        result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        reply->deleteLater();
        return result;
    }

    static QUrl url(const SimServer& server, const QString& account = QStringLiteral("SIMDEMO0001"),
                    const QString& secret = QStringLiteral("sim-demo-secret-0001"))
    {
        QUrl u = server.endpoint();
        u.setQuery(QStringLiteral("accountID=%1&secretKey=%2").arg(account, secret));
        return u;
    }

    // The code a scenario expects, read where its level says.
    static int codeAt(const Reply& reply, const QString& level)
    {
        if (level == QLatin1String("api"))
            return reply.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt();
        const QJsonObject result = reply.json.value(QStringLiteral("result")).toObject();
        if (result.isEmpty())
            return -1;
        const QJsonArray items = result.begin().value().toArray();
        return items.at(0).toObject().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt();
    }

    static void runScenarios(const SimConfig& config)
    {
        ManualClock clock;
        SimServer server(config, &clock);
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        QUrl base;
        base.setScheme(QStringLiteral("http"));
        base.setHost(QStringLiteral("127.0.0.1"));
        base.setPort(server.port());
        const QList<Scenario> scenarios = ScenarioCatalog::builtin().scenarios(config.scenarioContext());
        QSet<int> codes;
        for (const Scenario& s : scenarios) {
            // Fresh limits for each scenario: the next day (106 exhausts the day's quota).
            clock.advanceMs(24LL * 3600 * 1000);
            Reply reply;
            for (int i = 0; i < s.repeat; ++i)
                reply = post(nam, s.url(base), s.bodyBytes(), s.headers);
            const QString what = QStringLiteral("scenario %1 (%2): %3")
                                     .arg(s.code)
                                     .arg(s.title, QString::fromUtf8(reply.body.left(400)));
            QVERIFY2(reply.httpStatus == 200, qPrintable(what));
            QVERIFY2(codeAt(reply, s.level) == s.code, qPrintable(what));
            if (s.level == QLatin1String("object")) {
                // The object's error is repeated in the top-level error array.
                const QJsonArray errors = reply.json.value(QStringLiteral("error")).toArray();
                QVERIFY2(!errors.isEmpty() && errors.at(0).toObject().value(QStringLiteral("code")).toInt() == s.code,
                         qPrintable(what));
            } else {
                QVERIFY2(reply.json.value(QStringLiteral("result")).isNull(), qPrintable(what));
            }
            codes.insert(s.code);
        }
        QSet<int> catalogue;
        for (const ErrorEntry& entry : ErrorCatalog::builtin().entries()) {
            if (entry.isNumeric())
                catalogue.insert(entry.code);
        }
        QCOMPARE(codes, catalogue);
    }

private slots:
    void scenarioCatalogIsValid()
    {
        QVERIFY2(ScenarioCatalog::builtin().validationErrors().isEmpty(),
                 qPrintable(ScenarioCatalog::builtin().validationErrors().join(QLatin1Char('\n'))));
        QCOMPARE(ScenarioCatalog::builtin().codes().size(), 39);
    }

    void everyScenarioYieldsItsCode() { runScenarios(SimConfig()); }

    void scenariosFollowTheOptions()
    {
        // Other credentials and limits: the same scenarios, resolved for them. With a small daily
        // limit 106 is reproduced naturally instead of with the fault header.
        SimConfig config;
        config.accountId = QStringLiteral("MYACCOUNT42");
        config.secretKey = QStringLiteral("s3cr3t+with&odd=chars");
        config.perSecond = 3;
        config.daily = 60;
        const std::optional<Scenario> daily = ScenarioCatalog::builtin().scenario(106, config.scenarioContext());
        QVERIFY(daily && daily->natural);
        QCOMPARE(daily->repeat, 61);
        QCOMPARE(ScenarioCatalog::builtin().scenario(107, config.scenarioContext())->repeat, 4);
        QVERIFY(!ScenarioCatalog::builtin().scenario(106)->natural); // 50 000 by default: fault header
        runScenarios(config);
    }

    void envelopeAndBatchShapes()
    {
        SimServer server;
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        const Reply reply = post(nam, url(server),
                                 R"({"method":"createLeads","params":{"objects":[)"
                                 R"({"emailAddress":"e2e.one@example.com","firstName":"One"},)"
                                 R"({"emailAddress":"grace.hopper@northwind.example"},)"
                                 R"({"emailAddress":"e2e.two@example.com","bogus":1}]},"id":42})");
        QCOMPARE(reply.httpStatus, 200);
        QCOMPARE(reply.contentType, QByteArray("application/json"));
        QVERIFY2(reply.body.startsWith("{\"result\":{\"creates\":["), reply.body.constData());
        QCOMPARE(reply.json.value(QStringLiteral("id")), QJsonValue(42));
        const QJsonArray creates =
            reply.json.value(QStringLiteral("result")).toObject().value(QStringLiteral("creates")).toArray();
        QCOMPARE(creates.size(), 3);
        QCOMPARE(creates.at(0).toObject().value(QStringLiteral("success")), QJsonValue(true));
        QVERIFY(creates.at(0).toObject().value(QStringLiteral("error")).isNull());
        QVERIFY(creates.at(0).toObject().value(QStringLiteral("id")).isDouble());
        QCOMPARE(creates.at(1).toObject().value(QStringLiteral("success")), QJsonValue(false));
        QCOMPARE(creates.at(1).toObject().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")),
                 QJsonValue(301));
        // The catalogue's wording without its trailing period, as the service sends it.
        const QString sent = creates.at(1)
                                 .toObject()
                                 .value(QStringLiteral("error"))
                                 .toObject()
                                 .value(QStringLiteral("message"))
                                 .toString();
        QCOMPARE(sent + QLatin1Char('.'), ErrorCatalog::builtin().byCode(301)->message);
        QVERIFY(ErrorCatalog::messageMatches(*ErrorCatalog::builtin().byCode(301), sent));
        QCOMPARE(creates.at(2).toObject().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")),
                 QJsonValue(205));
        const QJsonArray errors = reply.json.value(QStringLiteral("error")).toArray();
        QCOMPARE(errors.size(), 2);
        QCOMPARE(errors.at(0), creates.at(1).toObject().value(QStringLiteral("error")));
        QCOMPARE(errors.at(1), creates.at(2).toObject().value(QStringLiteral("error")));

        const Reply get = post(nam, url(server), R"({"method":"getLead","params":{"id":346743252994},"id":"g"})");
        QVERIFY(get.json.value(QStringLiteral("error")).isNull());
        QCOMPARE(get.json.value(QStringLiteral("id")), QJsonValue(QStringLiteral("g")));
        const QJsonObject lead = get.json.value(QStringLiteral("result"))
                                     .toObject()
                                     .value(QStringLiteral("lead"))
                                     .toArray()
                                     .at(0)
                                     .toObject();
        QCOMPARE(lead.value(QStringLiteral("id")), QJsonValue(QStringLiteral("346743252994")));

        const Reply unknown =
            post(nam, url(server, QStringLiteral("NOBODY")), R"({"method":"getLead","params":{"id":1},"id":1})");
        QCOMPARE(unknown.httpStatus, 401);
        QCOMPARE(QString::fromUtf8(unknown.body),
                 ErrorCatalog::builtin().byKey(QStringLiteral("http_401_text"))->message);
    }

    void perSecondLimitPerAccount()
    {
        ManualClock clock;
        SimServer server(SimConfig(), &clock);
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        const QByteArray body = R"({"method":"getLead","params":{"id":346743252994},"id":"r"})";
        for (int i = 0; i < 10; ++i) {
            clock.advanceMs(90); // eleven requests inside one second
            QVERIFY(post(nam, url(server), body).json.value(QStringLiteral("error")).isNull());
        }
        const Reply eleventh = post(nam, url(server), body);
        QCOMPARE(eleventh.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")),
                 QJsonValue(107));
        const Reply agency =
            post(nam, url(server, QStringLiteral("SIMAGENCY001"), QStringLiteral("sim-agency-secret-001")),
                 R"({"method":"getClients","params":{},"id":"a"})");
        QCOMPARE(agency.httpStatus, 200);
        QVERIFY(agency.json.value(QStringLiteral("error")).isNull());
        clock.advanceMs(1000);
        QVERIFY(post(nam, url(server), body).json.value(QStringLiteral("error")).isNull());
    }

    void dailyLimit()
    {
        ManualClock clock;
        SimConfig config;
        config.daily = 5;
        SimServer server(config, &clock);
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        const QByteArray body = R"({"method":"getLead","params":{"id":346743252994},"id":"d"})";
        for (int i = 0; i < 5; ++i)
            QVERIFY(post(nam, url(server), body).json.value(QStringLiteral("error")).isNull());
        QCOMPARE(
            post(nam, url(server), body).json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")),
            QJsonValue(106));
        clock.advanceMs(24LL * 3600 * 1000); // the next day
        QVERIFY(post(nam, url(server), body).json.value(QStringLiteral("error")).isNull());
    }

    void connectionFaults()
    {
        SimServer server;
        QVERIFY(server.listen());
        QNetworkAccessManager nam;
        const QByteArray body = R"({"method":"getLead","params":{"id":346743252994},"id":"f"})";

        const Reply gateway =
            post(nam, url(server), body, {{QStringLiteral("X-Simulator-Fault"), QStringLiteral("http=502")}});
        QCOMPARE(gateway.httpStatus, 502);
        QVERIFY(gateway.body.contains("502 Bad Gateway"));

        const Reply notJson =
            post(nam, url(server), body, {{QStringLiteral("X-Simulator-Fault"), QStringLiteral("not-json")}});
        QCOMPARE(notJson.httpStatus, 200);
        QVERIFY(QJsonDocument::fromJson(notJson.body).isNull());

        const Reply dropped =
            post(nam, url(server), body, {{QStringLiteral("X-Simulator-Fault"), QStringLiteral("drop")}});
        QCOMPARE(dropped.httpStatus, 0);
        QVERIFY(dropped.error != QNetworkReply::NoError);

        const Reply truncated =
            post(nam, url(server), body, {{QStringLiteral("X-Simulator-Fault"), QStringLiteral("truncate")}});
        QVERIFY(truncated.error != QNetworkReply::NoError);
        QVERIFY(QJsonDocument::fromJson(truncated.body).isNull());

        // A slow answer does not hold up another client.
        QNetworkAccessManager other;
        QNetworkRequest slowRequest(url(server));
        slowRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        slowRequest.setRawHeader("X-Simulator-Fault", "latency=3000");
        QNetworkReply* slow = nam.post(slowRequest, body);
        QElapsedTimer timer;
        timer.start();
        const Reply quick = post(other, url(server), body);
        QVERIFY(quick.json.value(QStringLiteral("error")).isNull());
        QVERIFY(!slow->isFinished());
        QVERIFY2(timer.elapsed() < 2500, "the quick client waited for the slow one");
        QSignalSpy slowDone(slow, &QNetworkReply::finished);
        QVERIFY(slowDone.wait(10000));
        QVERIFY2(timer.elapsed() >= 2900,
                 qPrintable(QStringLiteral("%1 ms, %2").arg(timer.elapsed()).arg(slow->errorString())));
        QCOMPARE(slow->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        slow->deleteLater();
    }

    void embeddedSimulatorRunsOnItsOwnThread()
    {
        EmbeddedSimulator simulator;
        QSignalSpy started(&simulator, &EmbeddedSimulator::started);
        QSignalSpy stopped(&simulator, &EmbeddedSimulator::stopped);
        QSignalSpy handled(&simulator, &EmbeddedSimulator::requestHandled);
        QString error;
        QVERIFY2(simulator.start(SimConfig(), &error), qPrintable(error));
        QVERIFY(simulator.isRunning());
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.at(0).at(0).value<quint16>(), simulator.port());
        QVERIFY(simulator.port() > 0);
        QCOMPARE(simulator.endpoint().toString(),
                 QStringLiteral("http://127.0.0.1:%1/pubapi/v1.2/").arg(simulator.port()));
        QCOMPARE(simulator.endpoint(QStringLiteral("v1")).path(), QStringLiteral("/pubapi/v1/"));
        QCOMPARE(simulator.config().accountId, QStringLiteral("SIMDEMO0001"));

        // The GUI thread stays free: a client on it gets answers from the simulator's thread.
        QNetworkAccessManager nam;
        QUrl u = simulator.endpoint();
        u.setQuery(QStringLiteral("accountID=SIMDEMO0001&secretKey=sim-demo-secret-0001"));
        const Reply reply = post(nam, u, R"({"method":"getLeads","params":{"where":{},"limit":3},"id":"e"})");
        QCOMPARE(reply.json.value(QStringLiteral("result")).toObject().value(QStringLiteral("lead")).toArray().size(),
                 3);
        QTRY_COMPARE(handled.size(), 1);
        const SimLogEntry entry = handled.at(0).at(0).value<SimLogEntry>();
        QCOMPARE(entry.account, QStringLiteral("SIMDEMO0001"));
        QCOMPARE(entry.method, QStringLiteral("getLeads"));
        QCOMPARE(entry.httpStatus, 200);
        QCOMPARE(entry.code, 0);
        QVERIFY(entry.elapsedMs >= 0);
        QVERIFY(!entry.toLine().contains(QStringLiteral("sim-demo-secret-0001")));
        QVERIFY(!entry.path.contains(QStringLiteral("secretKey")));

        // Restart with another configuration; the old port is released.
        SimConfig other;
        other.accountId = QStringLiteral("OTHER");
        QVERIFY(simulator.start(other, &error));
        QCOMPARE(stopped.size(), 1);
        QCOMPARE(simulator.config().accountId, QStringLiteral("OTHER"));
        simulator.stop();
        QVERIFY(!simulator.isRunning());
        QCOMPARE(stopped.size(), 2);
        QVERIFY(simulator.endpoint().isEmpty());
        simulator.stop(); // harmless

        SimConfig bad;
        bad.perSecond = -1;
        QVERIFY(!simulator.start(bad, &error));
        QVERIFY(error.contains(QStringLiteral("per-second")));
        QVERIFY(!simulator.isRunning());
    }

    void portInUseIsReported()
    {
        SimServer first;
        QVERIFY(first.listen());
        SimConfig config;
        config.port = first.port();
        SimServer second(config);
        QString error;
        QVERIFY(!second.listen(&error));
        QVERIFY2(error.contains(QString::number(first.port())), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
