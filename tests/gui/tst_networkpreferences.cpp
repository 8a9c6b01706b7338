#include "ComposerWidget.h"
#include "EnvironmentStore.h"
#include "FakeHttpServer.h"
#include "FinishedCall.h"
#include "GuiApplication.h"
#include "InspectorWidget.h"
#include "MainWindow.h"
#include "NetworkPreferences.h"
#include "NetworkSettings.h"
#include "PreferencesDialog.h"
#include "VerdictBanner.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

namespace {
// Answers the proxy password prompt (a modal dialog, shown while the network manager waits)
// from a script, and records what it showed.
class PromptAnswerer : public QObject
{
public:
    struct Answer
    {
        bool accept = false;
        QString password;
        bool remember = false;
    };
    QList<Answer> answers;
    QStringList messages;      // the prompt's text, each time
    QStringList prefilledUser; // the user name it offered

    PromptAnswerer()
    {
        m_timer.setInterval(20);
        connect(&m_timer, &QTimer::timeout, this, &PromptAnswerer::poll);
        m_timer.start();
    }

private:
    void poll()
    {
        for (QWidget* widget : QApplication::topLevelWidgets()) {
            auto* dialog = qobject_cast<QDialog*>(widget);
            if (!dialog || dialog->objectName() != QLatin1String("proxyAuthDialog") || !dialog->isVisible() ||
                m_answered.contains(dialog))
                continue;
            m_answered.append(dialog);
            messages << dialog->findChild<QLabel*>(QStringLiteral("proxyAuthMessage"))->text();
            prefilledUser << dialog->findChild<QLineEdit*>(QStringLiteral("proxyAuthUser"))->text();
            const Answer answer = answers.isEmpty() ? Answer() : answers.takeFirst();
            auto* buttons = dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"));
            if (!answer.accept) {
                buttons->button(QDialogButtonBox::Cancel)->click();
                continue;
            }
            dialog->findChild<QLineEdit*>(QStringLiteral("proxyAuthPassword"))->setText(answer.password);
            dialog->findChild<QCheckBox*>(QStringLiteral("proxyAuthRemember"))->setChecked(answer.remember);
            buttons->button(QDialogButtonBox::Ok)->click();
        }
    }

    QTimer m_timer;
    QList<QPointer<QDialog>> m_answered;
};
} // namespace

// Preferences → Network (docs/design.md, Network settings and packaging): the proxy chosen there
// carries the composer's calls (a scripted loopback proxy sees them), None and "No proxy for" keep
// them away from it, the simulator is never proxied, a proxy asking for a password gets the
// prompt (Cancel names the proxy), a failing proxy is named as such in the inspector, and the
// proxy password never reaches the settings file.
class TestNetworkPreferences : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_config;
    QString m_environmentId;
    // A name no resolver knows: a call that is not proxied fails before reaching anything.
    const QUrl m_remote{QStringLiteral("https://api.leadgen-diag.test/pubapi/v1.2/")};

    static PreferencesDialog* openPreferences(MainWindow& window)
    {
        window.findChild<QAction*>(QStringLiteral("actionPreferences"))->trigger();
        return window.findChild<PreferencesDialog*>(QStringLiteral("preferencesDialog"));
    }

    struct Choice
    {
        QString mode; // system, none, http, socks5
        QString host;
        int port = 3128;
        QString user;
        QString password;
        bool remember = false;
        QString bypass;
    };

    // Fills Preferences → Network as a user would and presses OK.
    static bool choose(MainWindow& window, const Choice& choice)
    {
        PreferencesDialog* dialog = openPreferences(window);
        if (!dialog)
            return false;
        auto* mode = dialog->findChild<QComboBox*>(QStringLiteral("proxyMode"));
        mode->setCurrentIndex(mode->findData(choice.mode));
        dialog->findChild<QLineEdit*>(QStringLiteral("proxyHost"))->setText(choice.host);
        dialog->findChild<QSpinBox*>(QStringLiteral("proxyPort"))->setValue(choice.port);
        dialog->findChild<QLineEdit*>(QStringLiteral("proxyUser"))->setText(choice.user);
        dialog->findChild<QLineEdit*>(QStringLiteral("proxyPassword"))->setText(choice.password);
        dialog->findChild<QCheckBox*>(QStringLiteral("proxyRememberPassword"))->setChecked(choice.remember);
        dialog->findChild<QLineEdit*>(QStringLiteral("proxyBypass"))->setText(choice.bypass);
        QPushButton* ok =
            dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);
        if (!ok->isEnabled())
            return false;
        ok->click();
        return true;
    }

    static FinishedCall sendFromComposer(MainWindow& window, const QString& environmentId)
    {
        ComposerWidget* composer = window.composer();
        if (!composer->selectEnvironment(environmentId))
            return FinishedCall();
        composer->setSecretKey(QStringLiteral("net-gui-secret-4410"));
        composer->setMethod(QStringLiteral("getLeads"));
        composer->setParamsText(QStringLiteral("{\"where\": {}, \"limit\": 1}"));
        QSignalSpy analysed(composer, &ComposerWidget::callAnalysed);
        composer->send();
        if (analysed.isEmpty() && !analysed.wait(20000))
            return FinishedCall();
        return analysed.constFirst().at(0).value<FinishedCall>();
    }

    static void scriptProxy(FakeHttpServer& proxy, int status, const QByteArray& reason)
    {
        FakeHttpServer::Script script;
        script.status = status;
        script.reason = reason;
        script.headers = {{"Content-Type", "text/plain"}};
        if (status == 407)
            script.headers.append(FakeHttpServer::Header("Proxy-Authenticate", "Basic realm=\"corp\""));
        script.body = "no";
        proxy.setScript(script);
    }

    static QString settingsText()
    {
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_config.isValid());
        GuiApplication::applyIdentity();
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_networkpreferences"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_config.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_config.path());
        qputenv("LEADGEN_HISTORY", "off");
        // The desktop's or the caller's proxy must not decide these tests.
        for (const char* name :
             {"https_proxy", "HTTPS_PROXY", "http_proxy", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"})
            qunsetenv(name);
    }

    void init()
    {
        QSettings().clear();
        Environment environment;
        environment.name = QStringLiteral("Behind a proxy");
        environment.kind = Environment::Kind::Custom;
        environment.baseUrl = m_remote;
        environment.accountId = QStringLiteral("ACC-NET");
        EnvironmentStore store(nullptr);
        QString error;
        QVERIFY2(store.save(environment, &error), qPrintable(error));
        m_environmentId = store.find(environment.name)->id;
    }

    // The explicit proxy sees the composer's call (a CONNECT to the API host); None and "No
    // proxy for" covering the host keep the call away from it.
    void proxyChoiceDecidesTheRoute_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("bypass");
        QTest::addColumn<bool>("proxied");
        QTest::newRow("HTTP proxy") << QStringLiteral("http") << QString() << true;
        QTest::newRow("HTTP proxy, no proxy for another domain")
            << QStringLiteral("http") << QStringLiteral("intranet.example") << true;
        QTest::newRow("HTTP proxy, no proxy for the API's domain")
            << QStringLiteral("http") << QStringLiteral("localhost, .leadgen-diag.test") << false;
        QTest::newRow("None") << QStringLiteral("none") << QString() << false;
    }
    void proxyChoiceDecidesTheRoute()
    {
        QFETCH(QString, mode);
        QFETCH(QString, bypass);
        QFETCH(bool, proxied);
        FakeHttpServer proxy;
        QVERIFY(proxy.listen());
        scriptProxy(proxy, 502, "Bad Gateway");
        MainWindow window;
        QVERIFY(choose(window, {mode, QStringLiteral("127.0.0.1"), proxy.port(), QString(), QString(), false, bypass}));
        QCOMPARE(NetworkSettings::applicationProxy().mode,
                 mode == QLatin1String("none") ? ProxyConfig::Mode::Direct : ProxyConfig::Mode::Manual);

        const FinishedCall call = sendFromComposer(window, m_environmentId);
        QVERIFY(!call.capture.displayUrl.isEmpty());
        QVERIFY(!call.capture.hasResponse);
        if (proxied) {
            QCOMPARE(proxy.received().size(), 1);
            QCOMPARE(proxy.received().first().method, QByteArray("CONNECT"));
            QCOMPARE(proxy.received().first().target, QByteArray("api.leadgen-diag.test:443"));
            QCOMPARE(call.capture.layer, FailureLayer::Proxy);
        } else {
            QVERIFY(proxy.received().isEmpty());
            QVERIFY2(call.capture.layer != FailureLayer::Proxy, qPrintable(call.capture.facts));
        }
    }

    // The embedded simulator runs on loopback: never proxied, whatever Preferences say.
    void simulatorIsNeverProxied()
    {
        FakeHttpServer proxy;
        QVERIFY(proxy.listen());
        scriptProxy(proxy, 502, "Bad Gateway");
        MainWindow window;
        QVERIFY(choose(window, {QStringLiteral("http"), QStringLiteral("127.0.0.1"), proxy.port(), QString(), QString(),
                                false, QString()}));
        const FinishedCall call = sendFromComposer(window, EnvironmentStore::simulatorId());
        QVERIFY2(call.capture.hasResponse, qPrintable(call.capture.facts));
        QCOMPARE(call.capture.httpStatus, 200);
        QVERIFY(proxy.received().isEmpty());
    }

    // A proxy that is refused, cannot be found or asks for a password that is not given: the
    // inspector says "Proxy" and names it, not the API refusing a connection.
    void proxyFailureIsNamedInTheInspector_data()
    {
        QTest::addColumn<QString>("failure");
        QTest::newRow("refused") << QStringLiteral("refused");
        QTest::newRow("unknown proxy host") << QStringLiteral("unknown host");
        QTest::newRow("password prompt cancelled") << QStringLiteral("407");
    }
    void proxyFailureIsNamedInTheInspector()
    {
        QFETCH(QString, failure);
        FakeHttpServer proxy;
        QVERIFY(proxy.listen());
        scriptProxy(proxy, 407, "Proxy Authentication Required");
        QString host = QStringLiteral("127.0.0.1");
        int port = proxy.port();
        if (failure == QLatin1String("refused"))
            port = FakeHttpServer::unusedPort();
        else if (failure == QLatin1String("unknown host"))
            host = QStringLiteral("proxy.leadgen-diag.test");
        MainWindow window;
        QVERIFY(
            choose(window, {QStringLiteral("http"), host, port, QStringLiteral("ann"), QString(), false, QString()}));
        PromptAnswerer prompt; // Cancel
        const FinishedCall call = sendFromComposer(window, m_environmentId);
        QVERIFY(!call.capture.displayUrl.isEmpty());
        QCOMPARE(call.capture.layer, FailureLayer::Proxy);
        QVERIFY2(call.capture.facts.contains(QStringLiteral("%1, port %2").arg(host).arg(port)),
                 qPrintable(call.capture.facts));
        QVERIFY(!call.capture.facts.contains(QLatin1String("Nothing accepted a connection")));
        auto* banner = window.inspector()->findChild<VerdictBanner*>(QStringLiteral("verdictBanner"));
        QVERIFY(banner);
        QTRY_COMPARE(banner->title(), QStringLiteral("No response: Proxy"));
        QVERIFY2(banner->details().contains(host), qPrintable(banner->details()));
        if (failure == QLatin1String("407")) {
            QCOMPARE(prompt.messages.size(), 1);
            QVERIFY2(prompt.messages.first().contains(QStringLiteral("127.0.0.1, port %1").arg(port)),
                     qPrintable(prompt.messages.first()));
            QVERIFY(prompt.messages.first().contains(QLatin1String("corp")));
            QCOMPARE(prompt.prefilledUser.first(), QStringLiteral("ann"));
            QVERIFY2(call.capture.facts.contains(QLatin1String("none was given")), qPrintable(call.capture.facts));
            QVERIFY(!proxy.received().isEmpty());
            for (const FakeHttpServer::Received& request : proxy.received())
                QCOMPARE(request.target, QByteArray("api.leadgen-diag.test:443"));
        } else {
            QVERIFY(prompt.messages.isEmpty());
        }
    }

    // The prompt's answer is sent to the proxy (Basic), kept for the session, and the password is
    // in no settings file, neither from the prompt nor from Preferences.
    void promptAnswerIsUsedAndNeverWrittenToSettings()
    {
        const QString password = QStringLiteral("canary-proxy-pw-8d21");
        FakeHttpServer proxy;
        QVERIFY(proxy.listen());
        scriptProxy(proxy, 407, "Proxy Authentication Required");
        {
            MainWindow window;
            QVERIFY(choose(window, {QStringLiteral("http"), QStringLiteral("127.0.0.1"), proxy.port(),
                                    QStringLiteral("ann"), QString(), false, QString()}));
            PromptAnswerer prompt;
            // The first answer is sent; the proxy refuses it again, and the second prompt is cancelled.
            prompt.answers = {{true, password, false}, {false, QString(), false}};
            const FinishedCall call = sendFromComposer(window, m_environmentId);
            QCOMPARE(call.capture.layer, FailureLayer::Proxy);
            QVERIFY2(call.capture.facts.contains(QLatin1String("refused the user name and password")),
                     qPrintable(call.capture.facts));
            QCOMPARE(prompt.messages.size(), 2);
            QVERIFY(proxy.received().size() >= 2);
            QCOMPARE(proxy.received().last().header("Proxy-Authorization"),
                     QByteArray("Basic ") + QStringLiteral("ann:%1").arg(password).toUtf8().toBase64());
            QCOMPARE(window.network()->proxy().password, password); // this session only
            QVERIFY(!settingsText().contains(password));
        }
        {
            // Typed into Preferences and remembered: the keychain (or this session), not the file.
            MainWindow window;
            QVERIFY(choose(window, {QStringLiteral("socks5"), QStringLiteral("127.0.0.1"), 1080, QStringLiteral("bob"),
                                    password, true, QStringLiteral(".corp.example")}));
            const ProxyConfig saved = ProxyConfig::load(QSettings());
            QCOMPARE(saved.mode, ProxyConfig::Mode::Manual);
            QCOMPARE(saved.type, QNetworkProxy::Socks5Proxy);
            QCOMPARE(saved.user, QStringLiteral("bob"));
            QCOMPARE(saved.noProxy, QStringLiteral(".corp.example"));
            QVERIFY(saved.password.isEmpty());
            QCOMPARE(window.network()->proxy().password, password);
            QCOMPARE(NetworkSettings::applicationProxy().password, password);
            const QString text = settingsText();
            QVERIFY2(text.contains(QLatin1String("socks5://bob@127.0.0.1:1080")), qPrintable(text));
            QVERIFY(!text.contains(password));
        }
        // Nothing anywhere under the configuration directory holds it.
        QDirIterator files(m_config.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        int searched = 0;
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(password.toUtf8()), qPrintable(file.fileName()));
            ++searched;
        }
        QVERIFY(searched > 0);
    }

    // Preferences shows what is in effect; a host that is not one keeps OK disabled; Restore
    // defaults is the system's settings.
    void preferencesFormRules()
    {
        MainWindow window;
        PreferencesDialog* dialog = openPreferences(window);
        QVERIFY(dialog);
        auto* mode = dialog->findChild<QComboBox*>(QStringLiteral("proxyMode"));
        auto* host = dialog->findChild<QLineEdit*>(QStringLiteral("proxyHost"));
        QPushButton* ok =
            dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);
        QCOMPARE(mode->currentData().toString(), QStringLiteral("system"));
        QVERIFY(!host->isEnabled());
        QVERIFY(ok->isEnabled());
        mode->setCurrentIndex(mode->findData(QStringLiteral("http")));
        QVERIFY(host->isEnabled());
        QVERIFY(!ok->isEnabled()); // no host yet
        host->setText(QStringLiteral("proxy corp"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("proxyNote"))->text().contains(QLatin1String("proxy corp")));
        host->setText(QStringLiteral("proxy.corp.example"));
        QVERIFY(ok->isEnabled());
        mode->setCurrentIndex(mode->findData(QStringLiteral("socks5")));
        QCOMPARE(dialog->findChild<QSpinBox*>(QStringLiteral("proxyPort"))->value(), 1080);
        QCOMPARE(dialog->proxy().toUrl(), QStringLiteral("socks5://proxy.corp.example:1080"));
        dialog->findChild<QPushButton*>(QStringLiteral("restoreDefaultsButton"))->click();
        QCOMPARE(dialog->proxy().mode, ProxyConfig::Mode::System);
        dialog->reject();
        QCOMPARE(ProxyConfig::load(QSettings()).mode, ProxyConfig::Mode::System);
    }
};

QTEST_MAIN(TestNetworkPreferences)
#include "tst_networkpreferences.moc"
