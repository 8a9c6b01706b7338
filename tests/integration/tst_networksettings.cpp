#include "CliRun.h"
#include "EnvironmentStore.h"
#include "FakeHttpServer.h"
#include "ProxyConfig.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

// Proxies and certificate authorities of `leadgen-diag send` end to end (docs/design.md, Network
// settings and packaging): a scripted loopback proxy sees the API request when a proxy is set
// (--proxy or https_proxy) and not when no_proxy covers the host or the host is loopback; an
// HTTPS server with a self-signed certificate fails with the certificate's details, passes with
// --cacert or the environment's CA file, and passes after trusting its fingerprint for one
// environment only.
class TestNetworkSettings : public QObject
{
    Q_OBJECT

private:
    using Run = TestSupport::CliRun;
    QTemporaryDir m_home;
    QString m_requestPath;
    // A name that no resolver knows: a call that is not proxied fails before reaching anything.
    const QUrl m_remote{QStringLiteral("https://api.leadgen-diag.test/pubapi/v1.2/")};

    static Run send(const QStringList& args)
    {
        return TestSupport::runCli(QStringList{QStringLiteral("send")} + args +
                                   QStringList{QStringLiteral("--account"), QStringLiteral("ACC"),
                                               QStringLiteral("--secret-env"), QStringLiteral("NET_TEST_SECRET"),
                                               QStringLiteral("--timeout"), QStringLiteral("20000"),
                                               QStringLiteral("--json")});
    }

    // A proxy that refuses with 407: enough to see what it was asked, and a proxy failure.
    static void scriptProxy(FakeHttpServer& proxy)
    {
        FakeHttpServer::Script script;
        script.status = 407;
        script.reason = "Proxy Authentication Required";
        script.headers = {{"Proxy-Authenticate", "Basic realm=\"corp\""}};
        script.body = "denied";
        proxy.setScript(script);
    }

    static void saveEnvironment(const QString& name, const QUrl& url, const QStringList& trusted,
                                const QStringList& caFiles = {})
    {
        EnvironmentStore store;
        Environment environment;
        if (auto existing = store.find(name))
            environment = *existing;
        environment.name = name;
        environment.kind = Environment::Kind::Custom;
        environment.baseUrl = url;
        environment.accountId = QStringLiteral("ACC");
        environment.trustedCertificates = trusted;
        environment.caCertificateFiles = caFiles;
        QString error;
        QVERIFY2(store.save(environment, &error), qPrintable(error));
    }

    static QString fingerprint()
    {
        return QString::fromLatin1(FakeHttpServer::testCertificate().digest(QCryptographicHash::Sha256).toHex());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("leadgen-diag"));
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home.filePath(QStringLiteral("config")));
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home.filePath(QStringLiteral("config")));
        qputenv("NET_TEST_SECRET", "net-test-secret");
        qputenv("LEADGEN_HISTORY", "off");
        m_requestPath = TestSupport::writeFile(m_home.path(), QStringLiteral("request.json"),
                                               "{\"method\":\"getLeads\",\"params\":{\"where\":{}},\"id\":\"n-1\"}");
    }

    void init()
    {
        for (const char* name : {"https_proxy", "HTTPS_PROXY", "http_proxy", "all_proxy", "ALL_PROXY", "no_proxy",
                                 "NO_PROXY", "LEADGEN_PROXY_PASSWORD"})
            qunsetenv(name);
    }

    void proxyUrls_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalised"); // empty: refused
        QTest::newRow("http with port") << "http://proxy.corp:8080"
                                        << "http://proxy.corp:8080";
        QTest::newRow("http default port") << "http://proxy.corp"
                                           << "http://proxy.corp:3128";
        QTest::newRow("no scheme") << "proxy.corp:8080"
                                   << "http://proxy.corp:8080";
        QTest::newRow("socks5 with user") << "socks5://ann@proxy.corp"
                                          << "socks5://ann@proxy.corp:1080";
        QTest::newRow("none") << "none"
                              << "none";
        QTest::newRow("direct") << "DIRECT"
                                << "none";
        QTest::newRow("system") << "system"
                                << "system";
        QTest::newRow("password refused") << "http://ann:pw@proxy.corp:3128" << QString();
        QTest::newRow("https proxy refused") << "https://proxy.corp" << QString();
        QTest::newRow("path refused") << "http://proxy.corp/x" << QString();
        QTest::newRow("no host") << "http://" << QString();
    }
    void proxyUrls()
    {
        QFETCH(QString, text);
        QFETCH(QString, normalised);
        QString error;
        const std::optional<ProxyConfig> config = ProxyConfig::fromUrl(text, &error);
        if (normalised.isEmpty()) {
            QVERIFY(!config);
            QVERIFY(!error.isEmpty());
            QVERIFY2(!error.contains(QLatin1String("pw")), qPrintable(error));
        } else {
            QVERIFY2(config, qPrintable(error));
            QCOMPARE(config->toUrl(), normalised);
        }
    }

    void noProxy_data()
    {
        QTest::addColumn<QString>("noProxy");
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("covered");
        QTest::newRow("exact host") << "api.example.com"
                                    << "https://api.example.com/" << true;
        QTest::newRow("domain suffix") << "example.com"
                                       << "https://api.example.com/" << true;
        QTest::newRow("leading dot") << ".example.com"
                                     << "https://api.example.com/" << true;
        QTest::newRow("not a suffix of a label") << "ample.com"
                                                 << "https://api.example.com/" << false;
        QTest::newRow("list with spaces") << "intranet, .example.com"
                                          << "https://x.example.com/" << true;
        QTest::newRow("star") << "*"
                              << "https://anything.example/" << true;
        QTest::newRow("port matches") << "api.example.com:443"
                                      << "https://api.example.com/" << true;
        QTest::newRow("other port") << "api.example.com:8443"
                                    << "https://api.example.com/" << false;
        QTest::newRow("case") << "API.Example.COM"
                              << "https://api.example.com/" << true;
        QTest::newRow("empty") << ""
                               << "https://api.example.com/" << false;
    }
    void noProxy()
    {
        QFETCH(QString, noProxy);
        QFETCH(QString, url);
        QFETCH(bool, covered);
        QCOMPARE(ProxyConfig::noProxyCovers(noProxy, QUrl(url)), covered);
    }

    // Preferences' form of a proxy: saved without its password, read back the same; "No proxy
    // for" keeps the hosts it covers direct; an empty user is no user ("http://@host" before).
    void proxyConfigSettingsAndBypass()
    {
        ProxyConfig config;
        config.mode = ProxyConfig::Mode::Manual;
        config.type = QNetworkProxy::Socks5Proxy;
        config.host = QStringLiteral("proxy.corp");
        config.port = 1080;
        config.user = QLatin1String("");
        QCOMPARE(config.toUrl(), QStringLiteral("socks5://proxy.corp:1080"));
        config.user = QStringLiteral("ann");
        config.password = QStringLiteral("proxy-pw-5512");
        config.noProxy = QStringLiteral("intranet.example, .corp.example");
        const QString path = m_home.filePath(QStringLiteral("proxy.ini"));
        {
            QSettings settings(path, QSettings::IniFormat);
            config.save(settings);
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("proxy-pw-5512"));
        const ProxyConfig loaded = ProxyConfig::load(QSettings(path, QSettings::IniFormat));
        ProxyConfig expected = config;
        expected.password.clear();
        QVERIFY(loaded == expected);
        QCOMPARE(loaded.secretKey(), QStringLiteral("proxy:socks5://ann@proxy.corp:1080"));

        QCOMPARE(config.proxiesFor(QUrl(QStringLiteral("https://api.corp.example/x"))).first().type(),
                 QNetworkProxy::NoProxy);
        QCOMPARE(config.proxiesFor(QUrl(QStringLiteral("https://intranet.example/x"))).first().type(),
                 QNetworkProxy::NoProxy);
        const QNetworkProxy proxied = config.proxiesFor(m_remote).first();
        QCOMPARE(proxied.type(), QNetworkProxy::Socks5Proxy);
        QCOMPARE(proxied.password(), QStringLiteral("proxy-pw-5512"));
        // Nothing saved: the system's choice.
        QCOMPARE(ProxyConfig::load(QSettings(m_home.filePath(QStringLiteral("none.ini")), QSettings::IniFormat)).mode,
                 ProxyConfig::Mode::System);
    }

    // --proxy: the proxy is asked to tunnel to the API host; its refusal is named a proxy failure.
    void explicitProxySeesTheRequest()
    {
        FakeHttpServer proxy;
        QVERIFY(proxy.listen());
        scriptProxy(proxy);
        const Run run = send({m_requestPath, QStringLiteral("--endpoint"), m_remote.toString(),
                              QStringLiteral("--proxy"), QStringLiteral("http://127.0.0.1:%1").arg(proxy.port())});
        QCOMPARE(run.status, 3);
        QCOMPARE(proxy.received().size(), 1);
        QCOMPARE(proxy.received().first().method, QByteArray("CONNECT"));
        QCOMPARE(proxy.received().first().target, QByteArray("api.leadgen-diag.test:443"));
        const QJsonObject failure = run.json().value(QLatin1String("failure")).toObject();
        QCOMPARE(failure.value(QLatin1String("layer")).toString(), QStringLiteral("proxy"));
        QVERIFY2(failure.value(QLatin1String("facts")).toString().contains(QLatin1String("proxy")),
                 qPrintable(run.out));
        QVERIFY(!run.out.contains(QLatin1String("net-test-secret")));
    }

    // https_proxy is honoured, and no_proxy covering the host keeps the call away from the proxy.
    void environmentProxyAndNoProxy_data()
    {
        QTest::addColumn<QString>("noProxy");
        QTest::addColumn<bool>("proxied");
        QTest::newRow("https_proxy") << QString() << true;
        QTest::newRow("no_proxy covers the domain") << QStringLiteral("localhost,.leadgen-diag.test") << false;
        QTest::newRow("no_proxy for another domain") << QStringLiteral("intranet.example") << true;
    }
    void environmentProxyAndNoProxy()
    {
        QFETCH(QString, noProxy);
        QFETCH(bool, proxied);
        FakeHttpServer proxy;
        QVERIFY(proxy.listen());
        scriptProxy(proxy);
        qputenv("https_proxy", QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()).toUtf8());
        if (!noProxy.isEmpty())
            qputenv("no_proxy", noProxy.toUtf8());
        const Run run = send({m_requestPath, QStringLiteral("--endpoint"), m_remote.toString()});
        QCOMPARE(run.status, 3);
        const QString layer =
            run.json().value(QLatin1String("failure")).toObject().value(QLatin1String("layer")).toString();
        if (proxied) {
            QCOMPARE(proxy.received().size(), 1);
            QCOMPARE(proxy.received().first().target, QByteArray("api.leadgen-diag.test:443"));
            QCOMPARE(layer, QStringLiteral("proxy"));
        } else {
            QVERIFY(proxy.received().isEmpty());
            QVERIFY2(layer != QLatin1String("proxy"), qPrintable(run.out));
        }
    }

    // The simulator and any other loopback server are reached directly, whatever the proxy says.
    void loopbackIsNeverProxied()
    {
        FakeHttpServer proxy;
        QVERIFY(proxy.listen());
        scriptProxy(proxy);
        FakeHttpServer server;
        QVERIFY(server.listen());
        qputenv("https_proxy", QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()).toUtf8());
        qputenv("http_proxy", QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()).toUtf8());
        for (const QStringList& extra :
             {QStringList(),
              QStringList{QStringLiteral("--proxy"), QStringLiteral("http://127.0.0.1:%1").arg(proxy.port())}}) {
            const Run run =
                send(QStringList{m_requestPath, QStringLiteral("--endpoint"), server.url().toString()} + extra);
            QCOMPARE(run.status, 0);
        }
        QCOMPARE(server.received().size(), 2);
        QVERIFY(proxy.received().isEmpty());
    }

    // An untrusted certificate: the call fails and says which certificate it was.
    void untrustedCertificateDetails()
    {
        FakeHttpServer server;
        server.useTls(FakeHttpServer::testCertificate(), FakeHttpServer::testKey());
        QVERIFY(server.listen());
        const Run run = send({m_requestPath, QStringLiteral("--endpoint"), server.url().toString()});
        QCOMPARE(run.status, 3);
        const QJsonObject json = run.json();
        QCOMPARE(json.value(QLatin1String("failure")).toObject().value(QLatin1String("layer")).toString(),
                 QStringLiteral("tls"));
        const QJsonObject tls = json.value(QLatin1String("tls")).toObject();
        QCOMPARE(tls.value(QLatin1String("host")).toString(), QStringLiteral("127.0.0.1"));
        QVERIFY2(tls.value(QLatin1String("subject")).toString().contains(QLatin1String("leadgen-diag test server")),
                 qPrintable(run.out));
        QVERIFY(!tls.value(QLatin1String("issuer")).toString().isEmpty());
        QCOMPARE(tls.value(QLatin1String("sha256")).toString(), fingerprint());
        QVERIFY(QDateTime::fromString(tls.value(QLatin1String("not_before")).toString(), Qt::ISODate).isValid());
        QVERIFY(QDateTime::fromString(tls.value(QLatin1String("not_after")).toString(), Qt::ISODate).isValid());
        const QJsonArray chain = tls.value(QLatin1String("chain")).toArray();
        QVERIFY2(!chain.isEmpty(), qPrintable(run.out));
        QCOMPARE(chain.first().toObject().value(QLatin1String("sha256")).toString(), fingerprint());
        QVERIFY(!tls.value(QLatin1String("errors")).toArray().isEmpty());
        QVERIFY(server.received().isEmpty());
    }

    // --cacert: the server's certificate is its own authority, so trusting the file is enough.
    void cacertOption()
    {
        FakeHttpServer server;
        server.useTls(FakeHttpServer::testCertificate(), FakeHttpServer::testKey());
        QVERIFY(server.listen());
        const QString ca = TestSupport::dataPath(QStringLiteral("tls/TEST-ONLY-selfsigned.crt"));
        const Run run = send(
            {m_requestPath, QStringLiteral("--endpoint"), server.url().toString(), QStringLiteral("--cacert"), ca});
        QVERIFY2(run.status == 0, qPrintable(run.out + run.err));
        QCOMPARE(server.received().size(), 1);
        const QJsonObject tls = run.json().value(QLatin1String("tls")).toObject();
        QVERIFY(tls.value(QLatin1String("errors")).toArray().isEmpty());
        QVERIFY(!tls.value(QLatin1String("trusted_by_user")).toBool());

        // Not a PEM file: a usage error naming it, nothing sent.
        const Run bad = send({m_requestPath, QStringLiteral("--endpoint"), server.url().toString(),
                              QStringLiteral("--cacert"), m_requestPath});
        QCOMPARE(bad.status, 2);
        QVERIFY2(bad.err.contains(m_requestPath), qPrintable(bad.err));
        QCOMPARE(server.received().size(), 1);
    }

    // Trusting the fingerprint holds for that environment only; the environment's CA file too.
    void trustIsPerEnvironment()
    {
        FakeHttpServer server;
        server.useTls(FakeHttpServer::testCertificate(), FakeHttpServer::testKey());
        QVERIFY(server.listen());
        saveEnvironment(QStringLiteral("TLS trusted"), server.url(), {fingerprint()});
        saveEnvironment(QStringLiteral("TLS other"), server.url(), {});
        saveEnvironment(QStringLiteral("TLS with CA"), server.url(), {},
                        {TestSupport::dataPath(QStringLiteral("tls/TEST-ONLY-selfsigned.crt"))});

        Run run = send({m_requestPath, QStringLiteral("--env"), QStringLiteral("TLS trusted")});
        QVERIFY2(run.status == 0, qPrintable(run.out + run.err));
        QVERIFY(run.json().value(QLatin1String("tls")).toObject().value(QLatin1String("trusted_by_user")).toBool());

        run = send({m_requestPath, QStringLiteral("--env"), QStringLiteral("TLS other")});
        QCOMPARE(run.status, 3);
        QCOMPARE(run.json().value(QLatin1String("tls")).toObject().value(QLatin1String("sha256")).toString(),
                 fingerprint());

        run = send({m_requestPath, QStringLiteral("--env"), QStringLiteral("TLS with CA")});
        QVERIFY2(run.status == 0, qPrintable(run.out + run.err));
        QCOMPARE(server.received().size(), 2);

        // Revoked: fails again.
        EnvironmentStore store;
        std::optional<Environment> trusted = store.find(QStringLiteral("TLS trusted"));
        QVERIFY(trusted);
        QVERIFY(store.distrustCertificate(trusted->id, fingerprint()));
        run = send({m_requestPath, QStringLiteral("--env"), QStringLiteral("TLS trusted")});
        QCOMPARE(run.status, 3);
    }
};

QTEST_GUILESS_MAIN(TestNetworkSettings)
#include "tst_networksettings.moc"
