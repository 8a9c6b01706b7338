#include "Cli.h"
#include "CliRun.h"
#include "EnvironmentStore.h"
#include "FakeHttpServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

// `leadgen-diag send` (docs/design.md, Command line) against a loopback fake server: exit status
// 0/1/2/3, the JSON shape, where account and secret come from, and that the secret is never
// printed. The environment has no D-Bus session (tests/extra.cmake), so the keychain is absent.
class TestSendCommand : public QObject
{
    Q_OBJECT

private:
    using Run = TestSupport::CliRun;

    QTemporaryDir m_home;
    QString m_requestPath;
    const QString m_secret = QStringLiteral("send-test-secret-4f1c+/=");

    static Run run(const QStringList& args, const QByteArray& stdinData = QByteArray())
    {
        return TestSupport::runCli(QStringList{QStringLiteral("send")} + args, stdinData);
    }

    void checkNoSecret(const Run& result)
    {
        const QByteArray encoded = QUrl::toPercentEncoding(m_secret);
        QVERIFY2(!result.out.contains(m_secret) && !result.out.contains(QString::fromLatin1(encoded)),
                 qPrintable(result.out));
        QVERIFY2(!result.err.contains(m_secret) && !result.err.contains(QString::fromLatin1(encoded)),
                 qPrintable(result.err));
    }

    static void saveEnvironment(const QString& name, const QUrl& url, const QString& account,
                                const QStringList& trusted = {})
    {
        EnvironmentStore store;
        Environment environment;
        if (auto existing = store.find(name))
            environment = *existing;
        environment.name = name;
        environment.kind = Environment::Kind::Custom;
        environment.baseUrl = url;
        environment.accountId = account;
        environment.trustedCertificates = trusted;
        QString error;
        QVERIFY2(store.save(environment, &error), qPrintable(error));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("leadgen-diag"));
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home.filePath(QStringLiteral("config")));
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home.filePath(QStringLiteral("config")));
        qputenv("LEADGEN_TEST_SECRET", m_secret.toUtf8());
        qputenv("LEADGEN_TEST_EMPTY", QByteArray());
        qunsetenv("LEADGEN_TEST_UNSET");

        m_requestPath = m_home.filePath(QStringLiteral("getLeads.json"));
        QFile file(m_requestPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "{\"format\":\"leadgen-diag-request\",\"version\":1,\"environment\":\"Staging\",\"accountID\":\"FILE-ACC\","
            "\"request\":{\"method\":\"getLeads\",\"params\":{\"where\":{}},\"id\":\"t-1\"}}");
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("messagePart");
        const QString file = m_requestPath;
        QTest::newRow("no file") << QStringList() << "which request";
        QTest::newRow("two files") << QStringList{file, file} << "one request at a time";
        QTest::newRow("env and endpoint")
            << QStringList{file, "--env", "X", "--endpoint", "https://h.example/"} << "use one of them";
        QTest::newRow("secret on the command line")
            << QStringList{file, "--secret", "abc"} << "never taken from the command line";
        QTest::newRow("secret= on the command line") << QStringList{file, "--secret-key=abc"} << "never taken";
        QTest::newRow("timeout not a number") << QStringList{file, "--timeout", "soon"} << "--timeout";
        QTest::newRow("timeout zero") << QStringList{file, "--timeout", "0"} << "--timeout";
        QTest::newRow("option without value") << QStringList{file, "--env"} << "--env needs a value";
        QTest::newRow("unknown option") << QStringList{file, "--frobnicate"} << "unknown option --frobnicate";
        QTest::newRow("unknown environment")
            << QStringList{file, "--env", "Nowhere", "--secret-env", "LEADGEN_TEST_SECRET"}
            << "no environment named “Nowhere”";
        QTest::newRow("missing file") << QStringList{QStringLiteral("/nonexistent/req.json")} << "cannot read";
        QTest::newRow("secret variable unset")
            << QStringList{file,           "--endpoint",        "https://h.example/pubapi/v1/", "--account", "A",
                           "--secret-env", "LEADGEN_TEST_UNSET"}
            << "LEADGEN_TEST_UNSET";
        QTest::newRow("secret in endpoint")
            << QStringList{file, "--endpoint", "https://h.example/?secretKey=abc"} << "must not carry the secretKey";
        QTest::newRow("plain http to another computer")
            << QStringList{file, "--endpoint", "http://crm.example.com/pubapi/v1/", "--secret-env",
                           "LEADGEN_TEST_SECRET"}
            << "unencrypted";
        QTest::newRow("endpoint without secret")
            << QStringList{file, "--endpoint", "https://h.example/pubapi/v1/", "--account", "A"} << "--secret-env";
        QTest::newRow("endpoint without account")
            << QStringList{file, "--endpoint", "https://h.example/pubapi/v1/"} << "no account ID";
        QTest::newRow("keychain without a service")
            << QStringList{file, "--env", "Production v1.2", "--account", "P1"} << "keychain";
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, messagePart);
        const Run result = run(args);
        QCOMPARE(result.status, 2);
        QVERIFY2(result.out.isEmpty(), qPrintable(result.out));
        QVERIFY2(result.err.contains(messagePart), qPrintable(result.err));
        QVERIFY2(!result.err.trimmed().contains(QLatin1Char('\n')), qPrintable(result.err)); // one line
        checkNoSecret(result);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("not JSON") << QByteArray("method=getLeads") << "JSON is invalid";
        QTest::newRow("a response") << QByteArray("{\"result\":{\"lead\":[]},\"error\":null,\"id\":\"1\"}")
                                    << "response";
        QTest::newRow("empty") << QByteArray() << "empty";
    }

    void badInput()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, messagePart);
        const Run result =
            run({QStringLiteral("-"), QStringLiteral("--endpoint"), QStringLiteral("http://127.0.0.1:9/")}, content);
        QCOMPARE(result.status, 2);
        QVERIFY(result.out.isEmpty());
        QVERIFY2(result.err.contains(QLatin1String("standard input")) && result.err.contains(messagePart),
                 qPrintable(result.err));
    }

    void successAsJson()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        script.body =
            "{\"result\":{\"lead\":[{\"id\":\"1\",\"emailAddress\":\"a@example.com\"}]},\"error\":null,\"id\":\"t-1\"}";
        script.headers.append(FakeHttpServer::Header("X-Request-Id", "r-77"));
        server.setScript(script);
        const QByteArray stdinData = "{\"method\":\"getLeads\",\"params\":{\"where\":{}},\"id\":\"t-1\","
                                     "\"header\":{\"accountID\":\"A\",\"secretKey\":\"inline-secret-zz\"}}";
        const Run result =
            run({QStringLiteral("-"), QStringLiteral("--endpoint"),
                 server.url().toString() + QStringLiteral("?accountID=URL-ACC"), QStringLiteral("--secret-env"),
                 QStringLiteral("LEADGEN_TEST_SECRET"), QStringLiteral("--json")},
                stdinData);
        QCOMPARE(result.status, 0);
        checkNoSecret(result);
        // The secret in the body was stripped before sending, with a warning.
        QVERIFY2(result.err.contains(QLatin1String("$.header.secretKey")), qPrintable(result.err));
        QVERIFY(!result.out.contains(QLatin1String("inline-secret-zz")));

        const QJsonObject json = result.json();
        for (const char* key : {"request", "url", "http_status", "elapsed_ms", "response", "diagnosis"})
            QVERIFY2(json.contains(QLatin1String(key)), key);
        QCOMPARE(json.value(QLatin1String("http_status")).toInt(), 200);
        QCOMPARE(json.value(QLatin1String("reason")).toString(), QStringLiteral("OK"));
        QVERIFY(json.value(QLatin1String("url")).toString().contains(QStringLiteral("secretKey=\u2022\u2022\u2022")));
        QVERIFY(json.value(QLatin1String("url")).toString().contains(QLatin1String("accountID=URL-ACC")));
        QCOMPARE(json.value(QLatin1String("request")).toObject().value(QLatin1String("method")).toString(),
                 QStringLiteral("getLeads"));
        QCOMPARE(json.value(QLatin1String("response")).toObject().value(QLatin1String("id")).toString(),
                 QStringLiteral("t-1"));
        QCOMPARE(
            json.value(QLatin1String("response_headers")).toObject().value(QLatin1String("X-Request-Id")).toString(),
            QStringLiteral("r-77"));
        QVERIFY(json.value(QLatin1String("failure")).isNull());
        QVERIFY(json.value(QLatin1String("elapsed_ms")).toInteger() >= 0);
        const QJsonObject diagnosis = json.value(QLatin1String("diagnosis")).toObject();
        QCOMPARE(diagnosis.value(QLatin1String("verdict")).toString(), QStringLiteral("ok"));
        QCOMPARE(diagnosis.value(QLatin1String("http_status")).toInt(), 200);
        QCOMPARE(diagnosis.value(QLatin1String("id_matches")).toBool(), true);

        // What the server received: the secret from the variable, the account from the URL.
        QCOMPARE(server.received().size(), 1);
        const QByteArray target = server.received().first().target;
        QVERIFY2(target.contains("accountID=URL-ACC"), target.constData());
        QVERIFY2(target.contains("secretKey=" + QUrl::toPercentEncoding(m_secret)), target.constData());
        QVERIFY(!server.received().first().body.contains("inline-secret-zz"));
    }

    // The "headers" a request file carries (the composer's Headers tab, saved by the GUI) are sent,
    // checked like the GUI checks them.
    void requestFileHeaders()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        const QString path = m_home.filePath(QStringLiteral("withHeaders.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"format\":\"leadgen-diag-request\",\"version\":1,\"headers\":{\"X-Trace-Id\":\"trace-42\"},"
                   "\"request\":{\"method\":\"getLeads\",\"params\":{\"where\":{}},\"id\":\"t-1\"}}");
        file.close();
        const Run result =
            run({path, QStringLiteral("--endpoint"), server.url().toString(), QStringLiteral("--account"),
                 QStringLiteral("CLI-ACC"), QStringLiteral("--secret-env"), QStringLiteral("LEADGEN_TEST_SECRET")});
        QCOMPARE(result.status, 0);
        QCOMPARE(server.received().size(), 1);
        QCOMPARE(server.received().first().header("X-Trace-Id"), QByteArray("trace-42"));

        // A header the network layer owns is refused before anything is sent, as in the composer.
        QFile hostFile(m_home.filePath(QStringLiteral("hostHeader.json")));
        QVERIFY(hostFile.open(QIODevice::WriteOnly));
        hostFile.write("{\"format\":\"leadgen-diag-request\",\"version\":1,\"headers\":{\"Host\":\"evil.example\"},"
                       "\"request\":{\"method\":\"getLeads\",\"params\":{\"where\":{}},\"id\":\"t-1\"}}");
        hostFile.close();
        const Run refused = run({hostFile.fileName(), QStringLiteral("--endpoint"), server.url().toString(),
                                 QStringLiteral("--account"), QStringLiteral("CLI-ACC"), QStringLiteral("--secret-env"),
                                 QStringLiteral("LEADGEN_TEST_SECRET")});
        QCOMPARE(refused.status, 2);
        QVERIFY2(refused.err.contains(QLatin1String("Host")), qPrintable(refused.err));
        QCOMPARE(server.received().size(), 1);
    }

    void humanOutput()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        script.body = "{\"result\":{\"lead\":[]},\"error\":null,\"id\":\"t-1\"}";
        server.setScript(script);
        const Run result =
            run({m_requestPath, QStringLiteral("--endpoint"), server.url().toString(), QStringLiteral("--account"),
                 QStringLiteral("CLI-ACC"), QStringLiteral("--secret-env"), QStringLiteral("LEADGEN_TEST_SECRET")});
        QCOMPARE(result.status, 0);
        checkNoSecret(result);
        QVERIFY2(result.out.startsWith(QLatin1String("POST http://127.0.0.1:")), qPrintable(result.out));
        QVERIFY2(result.out.contains(QLatin1String("HTTP 200 OK")), qPrintable(result.out));
        QVERIFY(result.out.contains(QLatin1String("\"lead\": [")));
        QVERIFY(server.received().first().target.contains("accountID=CLI-ACC"));
    }

    void outcomes_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("layer");
        QTest::newRow("HTTP 500") << "500" << 1 << "http_status";
        QTest::newRow("not JSON") << "notjson" << 1 << "not_json";
        QTest::newRow("refused") << "refused" << 3 << "refused";
        QTest::newRow("DNS") << "dns" << 3 << "dns";
        QTest::newRow("timeout") << "timeout" << 3 << "timeout";
        QTest::newRow("TLS self-signed") << "tls" << 3 << "tls";
    }

    void outcomes()
    {
        QFETCH(QString, what);
        QFETCH(int, status);
        QFETCH(QString, layer);
        FakeHttpServer server;
        if (what == QLatin1String("tls"))
            server.useTls(FakeHttpServer::testCertificate(), FakeHttpServer::testKey());
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        if (what == QLatin1String("500")) {
            script.status = 500;
            script.reason = "Internal Server Error";
        } else if (what == QLatin1String("notjson")) {
            script.headers = {{"Content-Type", "text/html"}};
            script.body = "<html>maintenance</html>";
        } else if (what == QLatin1String("timeout")) {
            script.mode = FakeHttpServer::Script::Mode::NeverAnswer;
        }
        server.setScript(script);
        QString endpoint = server.url().toString();
        if (what == QLatin1String("refused"))
            endpoint = QStringLiteral("http://127.0.0.1:%1/pubapi/v1.2/").arg(FakeHttpServer::unusedPort());
        else if (what == QLatin1String("dns"))
            endpoint = QStringLiteral("https://leadgen-diag-send-test.invalid/pubapi/v1.2/");

        const Run result =
            run({m_requestPath, QStringLiteral("--endpoint"), endpoint, QStringLiteral("--account"),
                 QStringLiteral("A"), QStringLiteral("--secret-env"), QStringLiteral("LEADGEN_TEST_SECRET"),
                 QStringLiteral("--timeout"), QStringLiteral("400"), QStringLiteral("--json")});
        QCOMPARE(result.status, status);
        checkNoSecret(result);
        const QJsonObject json = result.json();
        QVERIFY2(!json.isEmpty(), qPrintable(result.out));
        const QJsonObject failure = json.value(QLatin1String("failure")).toObject();
        QCOMPARE(failure.value(QLatin1String("layer")).toString(), layer);
        QVERIFY(!failure.value(QLatin1String("explanation")).toString().isEmpty());
        QCOMPARE(json.value(QLatin1String("http_status")).isNull(), status == 3);
        if (what == QLatin1String("tls")) {
            const QJsonObject tls = json.value(QLatin1String("tls")).toObject();
            QVERIFY(tls.value(QLatin1String("problems")).toArray().size() >= 1);
            QVERIFY(tls.value(QLatin1String("peer_certificate"))
                        .toObject()
                        .value(QLatin1String("subject"))
                        .toString()
                        .contains(QLatin1String("TEST ONLY")));
        }
        // The human form names the layer too.
        const Run human =
            run({m_requestPath, QStringLiteral("--endpoint"), endpoint, QStringLiteral("--account"),
                 QStringLiteral("A"), QStringLiteral("--secret-env"), QStringLiteral("LEADGEN_TEST_SECRET"),
                 QStringLiteral("--timeout"), QStringLiteral("400")});
        QCOMPARE(human.status, status);
        checkNoSecret(human);
        if (status == 3)
            QVERIFY2(human.out.contains(QLatin1String("No HTTP response")), qPrintable(human.out));
    }

    void diagnosis_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<int>("code");
        QTest::newRow("ok") << QByteArray("{\"result\":{\"lead\":[]},\"error\":null,\"id\":\"t-1\"}") << 0 << "ok" << 0;
        QTest::newRow("API-level error")
            << QByteArray("{\"result\":null,\"error\":{\"code\":205,\"message\":\"Invalid parameters\",\"data\":{}},"
                          "\"id\":\"t-1\"}")
            << 1 << "api_error" << 205;
        QTest::newRow("per-object batch failure")
            << QByteArray("{\"result\":{\"creates\":[{\"success\":true,\"error\":null,\"id\":1},{\"success\":false,"
                          "\"error\":{\"code\":301,\"message\":\"Entry already exists\",\"data\":[]}}]},"
                          "\"error\":[{\"code\":301,\"message\":\"Entry already exists\",\"data\":[]}],\"id\":\"t-1\"}")
            << 1 << "partial_failure" << 301;
    }

    void diagnosis()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, verdict);
        QFETCH(int, code);
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        script.body = body;
        server.setScript(script);
        const QStringList base{m_requestPath,
                               QStringLiteral("--endpoint"),
                               server.url().toString(),
                               QStringLiteral("--account"),
                               QStringLiteral("A"),
                               QStringLiteral("--secret-env"),
                               QStringLiteral("LEADGEN_TEST_SECRET")};
        const Run result = run(base + QStringList{QStringLiteral("--json")});
        QCOMPARE(result.status, status);
        const QJsonObject diagnosis = result.json().value(QLatin1String("diagnosis")).toObject();
        QCOMPARE(diagnosis.value(QLatin1String("verdict")).toString(), verdict);
        if (code) {
            const QJsonArray findings = diagnosis.value(QLatin1String("findings")).toArray();
            bool found = false;
            for (const QJsonValue& finding : findings)
                found = found || finding.toObject().value(QLatin1String("code")).toInt() == code;
            QVERIFY2(found, qPrintable(result.out));
        }
        // The human form ends with the diagnosis.
        const Run human = run(base);
        QCOMPARE(human.status, status);
        QVERIFY2(human.out.contains(verdict.section(QLatin1Char('_'), 0, 0), Qt::CaseInsensitive),
                 qPrintable(human.out));
    }

    void simulator_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<int>("code");
        const QByteArray getLeads = "{\"method\":\"getLeads\",\"params\":{\"where\":{},\"limit\":2},\"id\":\"s-1\"}";
        QTest::newRow("default is the simulator") << getLeads << QStringList() << 0 << "ok" << 200 << 0;
        QTest::newRow("named") << getLeads << QStringList{"--env", "simulator"} << 0 << "ok" << 200 << 0;
        QTest::newRow("unknown method") << QByteArray("{\"method\":\"getLeadz\",\"params\":{},\"id\":\"s-2\"}")
                                        << QStringList() << 1 << "api_error" << 200 << 204;
        QTest::newRow("unknown account") << getLeads << QStringList{"--account", "NOSUCHACCOUNT"} << 1 << "http_error"
                                         << 401 << 0;
        QTest::newRow("wrong secret from the environment")
            << getLeads << QStringList{"--secret-env", "LEADGEN_TEST_SECRET"} << 1 << "api_error" << 200 << 105;
        QTest::newRow("batch with a bad object")
            << QByteArray(
                   "{\"method\":\"createLeads\",\"params\":{\"objects\":[{\"emailAddress\":\"new-1@example.com\"},"
                   "{\"firstName\":\"no email\"}]},\"id\":\"s-3\"}")
            << QStringList() << 1 << "partial_failure" << 200 << 0;
    }

    void simulator()
    {
        QFETCH(QByteArray, request);
        QFETCH(QStringList, extra);
        QFETCH(int, status);
        QFETCH(QString, verdict);
        QFETCH(int, httpStatus);
        QFETCH(int, code);
        const Run result = run(QStringList{QStringLiteral("-"), QStringLiteral("--json")} + extra, request);
        QCOMPARE(result.status, status);
        checkNoSecret(result);
        const QJsonObject json = result.json();
        QCOMPARE(json.value(QLatin1String("environment")).toString(), QStringLiteral("Simulator"));
        QVERIFY2(json.value(QLatin1String("url")).toString().startsWith(QLatin1String("http://127.0.0.1:")),
                 qPrintable(json.value(QLatin1String("url")).toString()));
        QCOMPARE(json.value(QLatin1String("http_status")).toInt(), httpStatus);
        const QJsonObject diagnosis = json.value(QLatin1String("diagnosis")).toObject();
        QCOMPARE(diagnosis.value(QLatin1String("verdict")).toString(), verdict);
        if (code) {
            bool found = false;
            const QJsonArray findings = diagnosis.value(QLatin1String("findings")).toArray();
            for (const QJsonValue& finding : findings)
                found = found || finding.toObject().value(QLatin1String("code")).toInt() == code;
            QVERIFY2(found, qPrintable(result.out));
        }
    }

    void environmentFromSettings()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        saveEnvironment(QStringLiteral("Staging"), server.url(), QStringLiteral("ENV-ACC"));

        // The file was saved for "Staging": its account wins over the environment's.
        Run result =
            run({m_requestPath, QStringLiteral("--env"), QStringLiteral("staging"), QStringLiteral("--secret-env"),
                 QStringLiteral("LEADGEN_TEST_SECRET"), QStringLiteral("--json")});
        QCOMPARE(result.status, 0);
        QCOMPARE(result.json().value(QLatin1String("environment")).toString(), QStringLiteral("Staging"));
        QVERIFY(server.received().last().target.contains("accountID=FILE-ACC"));

        // --account wins over both.
        result =
            run({m_requestPath, QStringLiteral("--env"), QStringLiteral("Staging"), QStringLiteral("--account"),
                 QStringLiteral("ARG-ACC"), QStringLiteral("--secret-env"), QStringLiteral("LEADGEN_TEST_SECRET")});
        QCOMPARE(result.status, 0);
        QVERIFY(server.received().last().target.contains("accountID=ARG-ACC"));

        // Another environment: the file's account does not travel, a note says so.
        saveEnvironment(QStringLiteral("Other"), server.url(QStringLiteral("/pubapi/v1/")),
                        QStringLiteral("OTHER-ACC"));
        result = run({m_requestPath, QStringLiteral("--env"), QStringLiteral("Other"), QStringLiteral("--secret-env"),
                      QStringLiteral("LEADGEN_TEST_SECRET")});
        QCOMPARE(result.status, 0);
        QVERIFY(server.received().last().target.startsWith("/pubapi/v1/?accountID=OTHER-ACC"));
        QVERIFY2(result.err.contains(QStringLiteral("saved for “Staging”")), qPrintable(result.err));

        // An empty secret variable is sent as no secret (reproduces 104 on purpose).
        result = run({m_requestPath, QStringLiteral("--env"), QStringLiteral("Other"), QStringLiteral("--secret-env"),
                      QStringLiteral("LEADGEN_TEST_EMPTY")});
        QCOMPARE(result.status, 0);
        QVERIFY(!server.received().last().target.contains("secretKey"));
    }

    void trustedCertificateOfTheEnvironment()
    {
        FakeHttpServer server;
        server.useTls(FakeHttpServer::testCertificate(), FakeHttpServer::testKey());
        QVERIFY(server.listen());
        const QString fingerprint =
            QString::fromLatin1(FakeHttpServer::testCertificate().digest(QCryptographicHash::Sha256).toHex());
        saveEnvironment(QStringLiteral("Lab TLS"), server.url(), QStringLiteral("LAB"), {fingerprint});
        const Run result =
            run({m_requestPath, QStringLiteral("--env"), QStringLiteral("Lab TLS"), QStringLiteral("--secret-env"),
                 QStringLiteral("LEADGEN_TEST_SECRET"), QStringLiteral("--json")});
        QCOMPARE(result.status, 0);
        const QJsonObject tls = result.json().value(QLatin1String("tls")).toObject();
        QVERIFY(tls.value(QLatin1String("trusted_by_user")).toBool());
        QCOMPARE(tls.value(QLatin1String("peer_certificate")).toObject().value(QLatin1String("sha256")).toString(),
                 fingerprint);
    }

    void echoedSecretIsMasked()
    {
        // A server that echoes the query string must not make us print the key.
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        script.body = "{\"result\":{\"echo\":\"" + m_secret.toUtf8() + "\"},\"error\":null,\"id\":\"t-1\"}";
        server.setScript(script);
        for (const bool json : {false, true}) {
            QStringList args{m_requestPath,
                             QStringLiteral("--endpoint"),
                             server.url().toString(),
                             QStringLiteral("--account"),
                             QStringLiteral("A"),
                             QStringLiteral("--secret-env"),
                             QStringLiteral("LEADGEN_TEST_SECRET")};
            if (json)
                args << QStringLiteral("--json");
            const Run result = run(args);
            QCOMPARE(result.status, 0);
            checkNoSecret(result);
        }
    }
};

QTEST_GUILESS_MAIN(TestSendCommand)
#include "tst_sendcommand.moc"
