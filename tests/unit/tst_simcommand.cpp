#include "Cli.h"
#include "CliRun.h"
#include "SimCommand.h"
#include "SimServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtTest>

#include <csignal>

// `leadgen-diag sim`: options, --scenarios output, the start banner, one log line per request
// without the secret, and a clean stop on SIGTERM/SIGINT.
class TestSimCommand : public QObject
{
    Q_OBJECT

private:
    using Run = TestSupport::CliRun;
    static Run run(const QStringList& args, SimCommand* command = nullptr)
    {
        return TestSupport::runCli(command ? args : QStringList{QStringLiteral("sim")} + args, QByteArray(), command);
    }

private slots:
    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("port not a number") << QStringList{QStringLiteral("--port"), QStringLiteral("http")}
                                           << QStringLiteral("--port expects a number");
        QTest::newRow("port too big") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")}
                                      << QStringLiteral("between 0 and 65535");
        QTest::newRow("negative limit") << QStringList{QStringLiteral("--per-second"), QStringLiteral("-1")}
                                        << QStringLiteral("--per-second");
        QTest::newRow("too few leads") << QStringList{QStringLiteral("--leads"), QStringLiteral("1")}
                                       << QStringLiteral("--leads");
        QTest::newRow("json alone") << QStringList{QStringLiteral("--json")} << QStringLiteral("--scenarios");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
        QTest::newRow("stray argument") << QStringList{QStringLiteral("extra")} << QStringLiteral("extra");
        QTest::newRow("bad host") << QStringList{QStringLiteral("--host"), QStringLiteral("not a host")}
                                  << QStringLiteral("not an IP address");
        QTest::newRow("empty secret") << QStringList{QStringLiteral("--secret"), QString()}
                                      << QStringLiteral("secret key");
        QTest::newRow("unknown batch shape") << QStringList{QStringLiteral("--batch-shape"), QStringLiteral("vendor")}
                                             << QStringLiteral("--batch-shape must be observed or documented");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run result = run(args);
        QCOMPARE(result.status, 2);
        QVERIFY(result.out.isEmpty());
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QCOMPARE(result.err.count(QLatin1Char('\n')), 1); // one line
    }

    void scenariosJson()
    {
        const Run result = run({QStringLiteral("--scenarios"), QStringLiteral("--json"), QStringLiteral("--account"),
                                QStringLiteral("ACME9"), QStringLiteral("--secret"), QStringLiteral("k3y")});
        QCOMPARE(result.status, 0);
        QVERIFY(result.err.isEmpty());
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(result.out.toUtf8(), &error);
        QVERIFY2(document.isObject(), qPrintable(error.errorString()));
        const QJsonArray scenarios = document.object().value(QStringLiteral("scenarios")).toArray();
        QCOMPARE(scenarios.size(), 39);
        for (const QJsonValue& value : scenarios) {
            const QJsonObject s = value.toObject();
            for (const char* key : {"code", "title", "path", "query", "headers", "body", "repeat"})
                QVERIFY2(s.contains(QLatin1String(key)), key);
            QVERIFY(s.value(QStringLiteral("code")).isDouble());
            QVERIFY(s.value(QStringLiteral("repeat")).toInt() >= 1);
            QVERIFY(s.value(QStringLiteral("body")).isObject() || s.value(QStringLiteral("body")).isString());
        }
        const QJsonObject first = scenarios.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("code")).toInt(), 101);
        QCOMPARE(first.value(QStringLiteral("query")).toObject().value(QStringLiteral("accountID")).toString(),
                 QStringLiteral("ACME9"));
        QCOMPARE(first.value(QStringLiteral("query")).toObject().value(QStringLiteral("secretKey")).toString(),
                 QStringLiteral("k3y"));
    }

    void scenariosText()
    {
        const Run result = run({QStringLiteral("--scenarios"), QStringLiteral("--port"), QStringLiteral("8099")});
        QCOMPARE(result.status, 0);
        QVERIFY(result.out.contains(QStringLiteral("999  Unknown server error")));
        QVERIFY(result.out.contains(
            QStringLiteral("curl -sS -X POST \"http://127.0.0.1:8099/pubapi/v1.2/?accountID=SIMDEMO0001")));
        // Without --port the URL waits for $PORT, in double quotes so that the shell expands it;
        // the query is percent-encoded, so nothing else in it is special to the shell.
        const Run free = run({QStringLiteral("--scenarios"), QStringLiteral("--account"), QStringLiteral("A&B $x")});
        QVERIFY2(free.out.contains(
                     QStringLiteral("curl -sS -X POST \"http://127.0.0.1:$PORT/pubapi/v1.2/?accountID=A%26B%20%24x&")),
                 qPrintable(free.out.left(600)));
        QVERIFY(result.out.contains(QStringLiteral("-H 'X-Simulator-Fault: code=999'")));
        QVERIFY(result.out.contains(QStringLiteral("repeat: send it 11 times")));
    }

    void servesLogsAndStops()
    {
        SimCommand command;
        QNetworkAccessManager nam;
        command.setStartedHook([&](SimServer& server) {
            QUrl url = server.endpoint();
            url.setQuery(QStringLiteral("accountID=SIMDEMO0001&secretKey=sim-demo-secret-0001"));
            QNetworkRequest request(url);
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
            QNetworkReply* reply =
                nam.post(request, QByteArray(R"({"method":"getLead","params":{"id":346743252994},"id":1})"));
            connect(reply, &QNetworkReply::finished, reply, [&command, reply] {
                reply->deleteLater();
                command.stop();
            });
        });
        const Run result = run(
            {QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--leads"), QStringLiteral("50")}, &command);
        QCOMPARE(result.status, 0);
        QVERIFY2(result.out.contains(QStringLiteral("listening on http://127.0.0.1:")), qPrintable(result.out));
        QVERIFY(result.out.contains(QStringLiteral("accountID  SIMDEMO0001")));
        QVERIFY(
            result.out.contains(QStringLiteral("secretKey  sim-demo-secret-0001"))); // demo secret: shown on purpose
        QVERIFY(result.out.contains(QStringLiteral("50 leads, seed 5")));
        const QString log = result.out.mid(result.out.indexOf(QStringLiteral("Stop with Ctrl+C.")));
        QVERIFY2(log.contains(QStringLiteral("POST /pubapi/v1.2/ SIMDEMO0001 getLead -> 200 ok")), qPrintable(log));
        QVERIFY(!log.contains(QStringLiteral("sim-demo-secret-0001"))); // never in the request log
        QVERIFY(log.contains(QStringLiteral("Simulator stopped after 1 request(s).")));
    }

    void batchShapeOption_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QJsonValue>("topError");
        QTest::addColumn<QJsonValue>("success");
        QTest::newRow("default") << QStringList() << QJsonValue(QJsonArray()) << QJsonValue(false);
        QTest::newRow("observed") << QStringList{QStringLiteral("--batch-shape"), QStringLiteral("observed")}
                                  << QJsonValue(QJsonArray()) << QJsonValue(false);
        QTest::newRow("documented") << QStringList{QStringLiteral("--batch-shape"), QStringLiteral("Documented")}
                                    << QJsonValue(QJsonValue::Null) << QJsonValue(QStringLiteral("false"));
    }
    void batchShapeOption()
    {
        QFETCH(QStringList, args);
        QFETCH(QJsonValue, topError);
        QFETCH(QJsonValue, success);
        SimCommand command;
        QNetworkAccessManager nam;
        QByteArray body;
        command.setStartedHook([&](SimServer& server) {
            QUrl url = server.endpoint();
            url.setQuery(QStringLiteral("accountID=SIMDEMO0001&secretKey=sim-demo-secret-0001"));
            QNetworkRequest request(url);
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
            QNetworkReply* reply =
                nam.post(request, QByteArray(R"({"method":"updateLeads","params":{"objects":[{"id":"abc"}]},"id":1})"));
            connect(reply, &QNetworkReply::finished, reply, [&command, &body, reply] {
                body = reply->readAll();
                reply->deleteLater();
                command.stop();
            });
        });
        const Run result = run(
            QStringList{QStringLiteral("--leads"), QStringLiteral("20"), QStringLiteral("--quiet")} + args, &command);
        QCOMPARE(result.status, 0);
        const QJsonObject json = QJsonDocument::fromJson(body).object();
        // Observed: the failed object's error copied into the top-level array; documented: null.
        if (topError.isArray())
            QCOMPARE(json.value(QStringLiteral("error")).toArray().size(), 1);
        else
            QCOMPARE(json.value(QStringLiteral("error")), topError);
        const QJsonObject item = json.value(QStringLiteral("result"))
                                     .toObject()
                                     .value(QStringLiteral("updates"))
                                     .toArray()
                                     .first()
                                     .toObject();
        QCOMPARE(item.value(QStringLiteral("success")), success);
        QCOMPARE(item.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(), 205);
    }

    // A key of the user's own, from --secret-env (not visible in the process list) or --secret
    // (warned about when serving), is never printed, --quiet or not, in the banner or --scenarios.
    void ownSecretIsMasked_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("warned");
        QTest::newRow("--secret-env") << QStringList{QStringLiteral("--secret-env"), QStringLiteral("LEADGEN_SIM_OWN")}
                                      << false;
        QTest::newRow("--secret-env --quiet")
            << QStringList{QStringLiteral("--secret-env"), QStringLiteral("LEADGEN_SIM_OWN"), QStringLiteral("--quiet")}
            << false;
        QTest::newRow("--secret") << QStringList{QStringLiteral("--secret"), QStringLiteral("own-sim-secret-7781")}
                                  << true;
    }

    void ownSecretIsMasked()
    {
        QFETCH(QStringList, args);
        QFETCH(bool, warned);
        const QString secret = QStringLiteral("own-sim-secret-7781");
        qputenv("LEADGEN_SIM_OWN", secret.toUtf8());
        SimCommand command;
        QString endpoint;
        command.setStartedHook([&](SimServer& server) {
            endpoint = server.endpoint().toString();
            QTimer::singleShot(0, &server, [&command] { command.stop(); });
        });
        const Run served = run(args, &command);
        QCOMPARE(served.status, 0);
        QVERIFY(!endpoint.isEmpty());
        QVERIFY2(!served.out.contains(secret) && !served.err.contains(secret), qPrintable(served.out));
        QVERIFY2(served.out.contains(QStringLiteral("secretKey  \u2022")), qPrintable(served.out));
        QCOMPARE(served.err.contains(QLatin1String("process list")), warned);

        for (const QString& json : {QString(), QStringLiteral("--json")}) {
            const Run scenarios = run(args + QStringList{QStringLiteral("--scenarios")} +
                                      (json.isEmpty() ? QStringList() : QStringList{json}));
            QCOMPARE(scenarios.status, 0);
            QVERIFY(scenarios.out.size() > 1000);
            QVERIFY2(!scenarios.out.contains(secret), qPrintable(json));
        }
    }

    void secretEnvUnset()
    {
        qunsetenv("LEADGEN_SIM_UNSET");
        const Run result = run({QStringLiteral("--secret-env"), QStringLiteral("LEADGEN_SIM_UNSET")});
        QCOMPARE(result.status, 2);
        QVERIFY2(result.err.contains(QLatin1String("LEADGEN_SIM_UNSET")), qPrintable(result.err));
    }

    void stopsOnSignals_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }
    void stopsOnSignals()
    {
        QFETCH(int, signal);
        struct sigaction before = {};
        ::sigaction(signal, nullptr, &before);
        SimCommand command;
        command.setStartedHook([signal](SimServer&) { QTimer::singleShot(0, [signal] { std::raise(signal); }); });
        const Run result = run({QStringLiteral("--quiet")}, &command);
        QCOMPARE(result.status, 0);
        QVERIFY(result.out.contains(QStringLiteral("Simulator stopped after 0 request(s).")));
        // The previous disposition is restored.
        struct sigaction after = {};
        ::sigaction(signal, nullptr, &after);
        QVERIFY(after.sa_handler == before.sa_handler);
    }
};

QTEST_GUILESS_MAIN(TestSimCommand)
#include "tst_simcommand.moc"
