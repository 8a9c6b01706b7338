#include "EnvironmentStore.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

// Environments: built-ins, custom CRUD, URL rules, persistence without secrets.
class TestEnvironmentStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString settingsPath() const { return m_dir.filePath(QStringLiteral("settings.ini")); }

    static Environment custom(const QString& name, const QString& url)
    {
        Environment environment;
        environment.name = name;
        environment.kind = Environment::Kind::Custom;
        environment.baseUrl = QUrl(url);
        return environment;
    }

private slots:
    void init() { QFile::remove(settingsPath()); }

    void builtins()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        EnvironmentStore store(&settings);
        const QList<Environment> list = store.environments();
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0).name, QStringLiteral("Simulator"));
        QVERIFY(list.at(0).isSimulator());
        QCOMPARE(list.at(1).name, QStringLiteral("Production v1.2"));
        QCOMPARE(list.at(1).baseUrl, QUrl(QStringLiteral("https://api.sharpspring.com/pubapi/v1.2/")));
        QCOMPARE(list.at(1).version, ApiVersion::V1_2);
        QCOMPARE(list.at(2).name, QStringLiteral("Production v1"));
        QCOMPARE(list.at(2).baseUrl, QUrl(QStringLiteral("https://api.sharpspring.com/pubapi/v1/")));
        QCOMPARE(list.at(2).version, ApiVersion::V1);
        QVERIFY(list.at(2).description().contains(QLatin1String("account time zone")));
        QCOMPARE(store.find(QStringLiteral("production v1 (legacy, account time zone)"))->id,
                 EnvironmentStore::productionV1Id());
        // The simulator is the default.
        QCOMPARE(store.current().id, EnvironmentStore::simulatorId());
        QString error;
        QVERIFY(!store.remove(EnvironmentStore::productionV1Id(), &error));
        QVERIFY(error.contains(QLatin1String("Built-in")));
    }

    void simulatorUrlComesFromTheResolver()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        EnvironmentStore store(&settings);
        QVERIFY(store.current().baseUrl.isEmpty()); // not running yet
        QSignalSpy changed(&store, &EnvironmentStore::changed);
        store.setSimulatorResolver([](ApiVersion version) {
            return QUrl(QStringLiteral("http://127.0.0.1:4321/pubapi/%1/").arg(apiVersionName(version)));
        });
        QCOMPARE(changed.size(), 1);
        QCOMPARE(store.current().baseUrl, QUrl(QStringLiteral("http://127.0.0.1:4321/pubapi/v1.2/")));
        Environment simulator = store.current();
        simulator.version = ApiVersion::V1;
        simulator.accountId = QStringLiteral("SIMDEMO0001");
        QVERIFY(store.save(simulator));
        QCOMPARE(store.endpoint(*store.byId(EnvironmentStore::simulatorId())),
                 QUrl(QStringLiteral("http://127.0.0.1:4321/pubapi/v1/")));
    }

    void urlRules_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("acknowledged");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("needsAcknowledgement");
        QTest::addColumn<QString>("messagePart");

        const int custom = int(Environment::Kind::Custom);
        const int production = int(Environment::Kind::Production);
        QTest::newRow("https") << "https://crm.example.com/pubapi/v1.2/" << custom << false << true << false
                               << QString();
        QTest::newRow("http loopback IPv4")
            << "http://127.0.0.1:8080/pubapi/v1.2/" << custom << false << true << false << QString();
        QTest::newRow("http loopback 127.x")
            << "http://127.1.2.3/pubapi/v1/" << custom << false << true << false << QString();
        QTest::newRow("http loopback IPv6")
            << "http://[::1]:8080/pubapi/v1/" << custom << false << true << false << QString();
        QTest::newRow("http localhost") << "http://localhost:8080/" << custom << false << true << false << QString();
        QTest::newRow("http remote, not acknowledged")
            << "http://crm.example.com/pubapi/v1/" << custom << false << false << true << "unencrypted";
        QTest::newRow("http remote, acknowledged")
            << "http://crm.example.com/pubapi/v1/" << custom << true << true << false << "unencrypted";
        QTest::newRow("http production never")
            << "http://api.sharpspring.com/pubapi/v1/" << production << true << false << false << "https";
        QTest::newRow("ftp") << "ftp://example.com/" << custom << false << false << false << "ftp://";
        QTest::newRow("empty") << "" << custom << false << false << false << "Enter the endpoint";
        QTest::newRow("no host") << "https:///pubapi/v1/" << custom << false << false << false << "host";
        QTest::newRow("secret in URL") << "https://h.example/pubapi/v1/?secretKey=abc" << custom << false << false
                                       << false << "keychain";
        QTest::newRow("account in URL") << "https://h.example/pubapi/v1/?accountID=abc" << custom << false << false
                                        << false << "Account ID field";
        QTest::newRow("user info") << "https://user:pw@h.example/" << custom << false << false << false << "password";
        QTest::newRow("fragment") << "https://h.example/#x" << custom << false << false << false << "fragment";
    }

    void urlRules()
    {
        QFETCH(QString, url);
        QFETCH(int, kind);
        QFETCH(bool, acknowledged);
        QFETCH(bool, ok);
        QFETCH(bool, needsAcknowledgement);
        QFETCH(QString, messagePart);
        const EnvironmentStore::Check check =
            EnvironmentStore::checkUrl(QUrl(url), static_cast<Environment::Kind>(kind), acknowledged);
        QCOMPARE(check.ok(), ok);
        QCOMPARE(check.needsAcknowledgement, needsAcknowledgement);
        if (!messagePart.isEmpty())
            QVERIFY2(check.message().contains(messagePart, Qt::CaseInsensitive), qPrintable(check.message()));
    }

    void customCrudPersists()
    {
        QString id;
        {
            QSettings settings(settingsPath(), QSettings::IniFormat);
            EnvironmentStore store(&settings);
            QSignalSpy changed(&store, &EnvironmentStore::changed);
            Environment staging =
                custom(QStringLiteral("Staging"), QStringLiteral("https://staging.example.com/pubapi/v1.2/"));
            staging.accountId = QStringLiteral("  ACC-1  ");
            QString error;
            QVERIFY2(store.save(staging, &error), qPrintable(error));
            QVERIFY(!staging.id.isEmpty());
            QCOMPARE(staging.accountId, QStringLiteral("ACC-1"));
            id = staging.id;
            QCOMPARE(changed.size(), 1);
            QVERIFY(store.setCurrent(id));

            // Names are unique, case-insensitively, also against built-ins.
            Environment clash = custom(QStringLiteral("staging"), QStringLiteral("https://x.example/"));
            QVERIFY(!store.save(clash, &error));
            QVERIFY(error.contains(QLatin1String("already exists")));
            Environment clash2 = custom(QStringLiteral("simulator"), QStringLiteral("https://x.example/"));
            QVERIFY(!store.save(clash2, &error));

            Environment lab =
                custom(QStringLiteral("Lab (plain http)"), QStringLiteral("http://10.0.0.5:8080/pubapi/v1/"));
            QVERIFY(!store.save(lab, &error));
            QVERIFY(error.contains(QLatin1String("unencrypted")));
            lab.plainHttpAcknowledged = true;
            lab.version = ApiVersion::V1;
            QVERIFY2(store.save(lab, &error), qPrintable(error));

            Environment production = *store.byId(EnvironmentStore::productionV12Id());
            production.accountId = QStringLiteral("PROD-7");
            production.baseUrl = QUrl(QStringLiteral("https://evil.example/")); // ignored: built-in URL is fixed
            QVERIFY(store.save(production, &error));
            QVERIFY(store.trustCertificate(
                id, QStringLiteral("AB:") + QStringLiteral("cd").repeated(30) + QStringLiteral("EF"), &error));
        }
        QSettings settings(settingsPath(), QSettings::IniFormat);
        EnvironmentStore store(&settings);
        QVERIFY(store.loadWarnings().isEmpty());
        QCOMPARE(store.environments().size(), 5);
        QCOMPARE(store.current().id, id);
        const Environment staging = *store.find(QStringLiteral("STAGING"));
        QCOMPARE(staging.baseUrl, QUrl(QStringLiteral("https://staging.example.com/pubapi/v1.2/")));
        QCOMPARE(staging.accountId, QStringLiteral("ACC-1"));
        QCOMPARE(staging.trustedCertificates,
                 QStringList{QStringLiteral("ab") + QStringLiteral("cd").repeated(30) + QStringLiteral("ef")});
        const Environment lab = *store.find(QStringLiteral("Lab (plain http)"));
        QVERIFY(lab.plainHttpAcknowledged);
        QCOMPARE(lab.version, ApiVersion::V1);
        const Environment production = *store.byId(EnvironmentStore::productionV12Id());
        QCOMPARE(production.accountId, QStringLiteral("PROD-7"));
        QCOMPARE(production.baseUrl, EnvironmentStore::productionUrl(ApiVersion::V1_2));
        QCOMPARE(store.find(EnvironmentStore::productionV1Id())->name, QStringLiteral("Production v1"));

        QVERIFY(store.distrustCertificate(id, staging.trustedCertificates.first()));
        QVERIFY(store.byId(id)->trustedCertificates.isEmpty());
        QSignalSpy currentChanged(&store, &EnvironmentStore::currentChanged);
        QVERIFY(store.remove(id));
        QCOMPARE(currentChanged.size(), 1);
        QCOMPARE(store.current().id, EnvironmentStore::simulatorId());
        QVERIFY(!store.find(QStringLiteral("Staging")));
    }

    void dailyQuotaPersists()
    {
        QString id;
        {
            QSettings settings(settingsPath(), QSettings::IniFormat);
            EnvironmentStore store(&settings);
            QCOMPARE(store.current().dailyQuota, Environment::kDefaultDailyQuota);
            Environment staging =
                custom(QStringLiteral("Staging"), QStringLiteral("https://staging.example.com/pubapi/v1.2/"));
            staging.dailyQuota = 120000;
            QString error;
            QVERIFY2(store.save(staging, &error), qPrintable(error));
            id = staging.id;
            Environment simulator = *store.byId(EnvironmentStore::simulatorId());
            simulator.dailyQuota = 25;
            QVERIFY2(store.save(simulator, &error), qPrintable(error));
            simulator.dailyQuota = 0;
            QVERIFY(!store.save(simulator, &error));
            QVERIFY(error.contains(QLatin1String("quota")));
        }
        QSettings settings(settingsPath(), QSettings::IniFormat);
        EnvironmentStore store(&settings);
        QCOMPARE(store.byId(id)->dailyQuota, 120000);
        QCOMPARE(store.byId(EnvironmentStore::simulatorId())->dailyQuota, 25);
        QCOMPARE(store.byId(EnvironmentStore::productionV1Id())->dailyQuota, Environment::kDefaultDailyQuota);
    }

    void invalidValuesAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("account");
        QTest::addColumn<QString>("fingerprint");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("empty name") << ""
                                    << "A"
                                    << ""
                                    << "name";
        QTest::newRow("long name") << QString(81, QLatin1Char('n')) << "A"
                                   << ""
                                   << "longer";
        QTest::newRow("control char in name") << "a\tb"
                                              << "A"
                                              << ""
                                              << "control";
        QTest::newRow("space in account") << "X"
                                          << "ACC 1"
                                          << ""
                                          << "account ID";
        QTest::newRow("bad fingerprint") << "X"
                                         << "A"
                                         << "abc"
                                         << "fingerprint";
    }

    void invalidValuesAreRefused()
    {
        QFETCH(QString, name);
        QFETCH(QString, account);
        QFETCH(QString, fingerprint);
        QFETCH(QString, messagePart);
        QSettings settings(settingsPath(), QSettings::IniFormat);
        EnvironmentStore store(&settings);
        Environment environment = custom(name, QStringLiteral("https://h.example/"));
        environment.accountId = account;
        if (!fingerprint.isEmpty())
            environment.trustedCertificates = {fingerprint};
        QString error;
        QVERIFY(!store.save(environment, &error));
        QVERIFY2(error.contains(messagePart, Qt::CaseInsensitive), qPrintable(error));
        QCOMPARE(store.environments().size(), 3);
    }

    void tamperedSettingsAreSkipped()
    {
        {
            QSettings settings(settingsPath(), QSettings::IniFormat);
            settings.beginGroup(QStringLiteral("environments"));
            settings.beginWriteArray(QStringLiteral("custom"), 2);
            settings.setArrayIndex(0);
            settings.setValue(QStringLiteral("id"), QStringLiteral("x1"));
            settings.setValue(QStringLiteral("name"), QStringLiteral("Leaky"));
            settings.setValue(QStringLiteral("url"), QStringLiteral("https://h.example/?secretKey=oops"));
            settings.setArrayIndex(1);
            settings.setValue(QStringLiteral("id"), QStringLiteral("x2"));
            settings.setValue(QStringLiteral("name"), QStringLiteral("Fine"));
            settings.setValue(QStringLiteral("url"), QStringLiteral("https://fine.example/pubapi/v1/"));
            settings.endArray();
            settings.setValue(QStringLiteral("current"), QStringLiteral("does-not-exist"));
            settings.endGroup();
        }
        QSettings settings(settingsPath(), QSettings::IniFormat);
        EnvironmentStore store(&settings);
        QCOMPARE(store.environments().size(), 4);
        QCOMPARE(store.loadWarnings().size(), 1);
        QVERIFY(store.loadWarnings().first().contains(QLatin1String("Leaky")));
        QCOMPARE(store.current().id, EnvironmentStore::simulatorId());
    }

    void noSecretInSettingsFile()
    {
        {
            QSettings settings(settingsPath(), QSettings::IniFormat);
            EnvironmentStore store(&settings);
            Environment environment =
                custom(QStringLiteral("Staging"), QStringLiteral("https://h.example/?secretKey=zz"));
            QVERIFY(!store.save(environment));
        }
        QFile file(settingsPath());
        if (file.open(QIODevice::ReadOnly))
            QVERIFY(!file.readAll().contains("secretKey"));
    }
};

QTEST_GUILESS_MAIN(TestEnvironmentStore)
#include "tst_environmentstore.moc"
