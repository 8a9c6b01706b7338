#include "ComposerWidget.h"
#include "EnvironmentStore.h"
#include "FakeHttpServer.h"
#include "ScriptedPrompter.h"
#include "SecretStore.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextDocumentFragment>
#include <QtTest>
#include <QUuid>

#include <memory>

// "Remember" in the composer across sessions. Runs twice (tests/extra.cmake):
// LEADGEN_KEYCHAIN_MODE=real inside tests/support/with-keyring.sh (a real Secret Service): the key
// comes back in a new session and unticking forgets it; LEADGEN_KEYCHAIN_MODE=none with no D-Bus
// at all: the UI says the key is kept for this session only, and a new session has nothing,
// because there is no plaintext fallback anywhere.
class TestComposerKeychain : public QObject
{
    Q_OBJECT

private:
    QString m_mode;
    QString m_service;
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<EnvironmentStore> m_environments;
    FakeHttpServer m_server;
    QString m_environmentId;
    const QString m_secret = QStringLiteral("kc-") + QUuid::createUuid().toString(QUuid::Id128);

    // One application session: its own SecretStore (empty memory) and composer over the same
    // settings, as after a restart.
    struct Session
    {
        SecretStore secrets;
        ScriptedPrompter prompter;
        ComposerWidget composer;

        Session(const QString& service, EnvironmentStore& environments, QSettings& settings)
            : secrets(service)
            , composer(environments, secrets, &settings)
        {
            composer.setPrompter(&prompter);
            composer.show();
        }
        QLineEdit* secretEdit() { return composer.findChild<QLineEdit*>(QStringLiteral("secretEdit")); }
        QCheckBox* remember() { return composer.findChild<QCheckBox*>(QStringLiteral("rememberSecret")); }
        QString status()
        {
            return QTextDocumentFragment::fromHtml(composer.findChild<QLabel*>(QStringLiteral("secretStatus"))->text())
                .toPlainText();
        }
    };

    bool real() const { return m_mode == QLatin1String("real"); }

private slots:
    void initTestCase()
    {
        m_mode = qEnvironmentVariable("LEADGEN_KEYCHAIN_MODE");
        if (m_mode != QLatin1String("none") && m_mode != QLatin1String("real"))
            QSKIP("LEADGEN_KEYCHAIN_MODE is not set: run through ctest (tests/extra.cmake sets up both modes)");
        QCoreApplication::setOrganizationName(QStringLiteral("leadgen-diag"));
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_composerkeychain"));
        m_service = QStringLiteral("leadgen-diag-test-composer-%1").arg(QCoreApplication::applicationPid());
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        m_environments = std::make_unique<EnvironmentStore>(m_settings.get());
        QVERIFY(m_server.listen());
        Environment environment;
        environment.name = QStringLiteral("Keychain test");
        environment.kind = Environment::Kind::Custom;
        environment.baseUrl = m_server.url();
        QVERIFY(m_environments->save(environment));
        m_environmentId = environment.id;
    }

    void cleanupTestCase()
    {
        if (m_environmentId.isEmpty())
            return;
        // Leave nothing in the keyring, whatever happened above.
        SecretStore secrets(m_service);
        QSignalSpy removed(&secrets, &SecretStore::removeFinished);
        secrets.remove(SecretStore::keyFor(m_environmentId, QStringLiteral("KC-ACC")));
        removed.wait(20000);
    }

    void rememberAcrossSessions()
    {
        {
            Session session(m_service, *m_environments, *m_settings);
            QVERIFY(session.composer.selectEnvironment(m_environmentId));
            session.composer.setAccountId(QStringLiteral("KC-ACC"));
            session.secretEdit()->setFocus();
            QTest::keyClicks(session.secretEdit(), m_secret);
            QSignalSpy written(&session.secrets, &SecretStore::writeFinished);
            session.remember()->click();
            QVERIFY(written.wait(20000));
            if (real()) {
                QCOMPARE(written.constLast().at(1).toBool(), true);
                QVERIFY(session.remember()->isChecked());
                QTRY_VERIFY2(session.status().contains(QLatin1String("Kept in the system keychain")),
                             qPrintable(session.status()));
            } else {
                QCOMPARE(written.constLast().at(1).toBool(), false);
                QTRY_VERIFY(!session.remember()->isChecked());
                QVERIFY2(session.status().contains(QLatin1String("session only")), qPrintable(session.status()));
            }
            session.composer.flushDraft();
        }

        {
            // After a restart: the draft brings environment and account back, the key comes from
            // the keychain or not at all.
            Session session(m_service, *m_environments, *m_settings);
            QCOMPARE(session.composer.environment().id, m_environmentId);
            QCOMPARE(session.composer.accountId(), QStringLiteral("KC-ACC"));
            if (real()) {
                QTRY_COMPARE_WITH_TIMEOUT(session.secretEdit()->text(), m_secret, 20000);
                QVERIFY(session.remember()->isChecked());
                QCOMPARE(session.secretEdit()->echoMode(), QLineEdit::Password);
                // Unticking forgets it in the keychain.
                QSignalSpy written(&session.secrets, &SecretStore::writeFinished);
                session.remember()->click();
                QVERIFY(written.wait(20000));
                QCOMPARE(written.constLast().at(1).toBool(), false);
            } else {
                QSignalSpy read(&session.secrets, &SecretStore::readFinished);
                QVERIFY(read.wait(20000) || !read.isEmpty());
                QCOMPARE(session.secretEdit()->text(), QString());
                QTRY_VERIFY2(session.status().contains(QLatin1String("session only")), qPrintable(session.status()));
            }
        }

        if (real()) {
            Session session(m_service, *m_environments, *m_settings);
            QSignalSpy read(&session.secrets, &SecretStore::readFinished);
            QVERIFY(read.wait(20000) || !read.isEmpty());
            QCOMPARE(session.secretEdit()->text(), QString());
            QVERIFY(!session.remember()->isChecked());
        }

        // Whatever the keychain did, the settings never saw the key.
        m_settings->sync();
        QFile file(m_settings->fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(stored.contains("KC-ACC"));
        QVERIFY(!stored.contains(m_secret.toUtf8()));
    }
};

QTEST_MAIN(TestComposerKeychain)
#include "tst_composerkeychain.moc"
