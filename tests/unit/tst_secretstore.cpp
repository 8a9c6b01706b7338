#include "SecretStore.h"

#include <QDirIterator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

// The secret key's home (docs/design.md, Security). Runs twice (tests/extra.cmake): LEADGEN_KEYCHAIN_MODE=none
// with no D-Bus session at all (session-only path), and =real inside tests/support/with-keyring.sh
// (private D-Bus session, unlocked gnome-keyring: a real Secret Service round trip).
class TestSecretStore : public QObject
{
    Q_OBJECT

private:
    QString m_mode;
    QString m_service;

    // Every file under the directories an app may write to: the secret must be in none.
    static QStringList filesContaining(const QByteArray& needle)
    {
        QStringList roots{QDir::homePath(), QDir::tempPath()};
        for (const char* variable : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
            const QString value = qEnvironmentVariable(variable);
            if (!value.isEmpty())
                roots << value;
        }
        QStringList hits;
        for (const QString& root : std::as_const(roots)) {
            QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                if (file.size() > 64 * 1024 * 1024 || !file.open(QIODevice::ReadOnly))
                    continue;
                if (file.readAll().contains(needle))
                    hits << file.fileName();
            }
        }
        return hits;
    }

    static bool waitFor(QSignalSpy& spy) { return !spy.isEmpty() || spy.wait(20000); }

private slots:
    void initTestCase()
    {
        m_mode = qEnvironmentVariable("LEADGEN_KEYCHAIN_MODE");
        if (m_mode != QLatin1String("none") && m_mode != QLatin1String("real"))
            QSKIP("LEADGEN_KEYCHAIN_MODE is not set: run through ctest (tests/extra.cmake sets up both modes)");
        // Our own service name: never the user's entries, never a previous run's.
        m_service = QStringLiteral("leadgen-diag-test-%1").arg(QCoreApplication::applicationPid());
    }

    void keyNamesEnvironmentAndAccount()
    {
        QCOMPARE(SecretStore::keyFor(QStringLiteral("production-v1.2"), QStringLiteral("ACC")),
                 QStringLiteral("production-v1.2/ACC"));
    }

    void rememberedSecret()
    {
        const QString secret = QStringLiteral("canary-%1-remembered").arg(QCoreApplication::applicationPid());
        const QString key = SecretStore::keyFor(QStringLiteral("production-v1.2"), QStringLiteral("ACC-1"));
        SecretStore store(m_service);
        QSignalSpy written(&store, &SecretStore::writeFinished);
        QSignalSpy backend(&store, &SecretStore::backendChanged);
        store.write(key, secret, true);
        QVERIFY(waitFor(written));
        QCOMPARE(written.first().at(0).toString(), key);
        const bool remembered = written.first().at(1).toBool();
        // Whatever the keychain does, this session has the key.
        QCOMPARE(store.sessionSecret(key), std::optional<QString>(secret));

        // A second store has no session copy: it can only find what the keychain kept.
        SecretStore fresh(m_service);
        QSignalSpy read(&fresh, &SecretStore::readFinished);
        fresh.read(key);
        QVERIFY(waitFor(read));
        QCOMPARE(read.first().at(0).toString(), key);

        if (m_mode == QLatin1String("none")) {
            QVERIFY(!remembered);
            QCOMPARE(store.backend(), SecretStore::Backend::SessionOnly);
            QCOMPARE(backend.size(), 1);
            const QString reason = store.unavailableReason();
            qInfo("session-only reason: %s", qPrintable(reason));
            QVERIFY2(reason.startsWith(QLatin1String("No keychain service is available (")), qPrintable(reason));
            QVERIFY2(reason.endsWith(QLatin1String("): the secret key is kept for this session only.")),
                     qPrintable(reason));
            QVERIFY(!reason.contains(secret));
            QCOMPARE(read.first().at(2).toBool(), false);
            QString message;
            QVERIFY(!fresh.readBlocking(key, &message));
            QVERIFY2(!message.isEmpty(), "readBlocking says why nothing was found");
        } else {
            QVERIFY2(remembered, qPrintable(store.unavailableReason()));
            QCOMPARE(store.backend(), SecretStore::Backend::Keychain);
            QVERIFY(store.unavailableReason().isEmpty());
            QCOMPARE(read.first().at(2).toBool(), true);
            QCOMPARE(read.first().at(1).toString(), secret);
            SecretStore blocking(m_service);
            QCOMPARE(blocking.readBlocking(key), std::optional<QString>(secret));
        }
        // Never a plaintext copy anywhere the app could write (the keyring file is encrypted).
        QCOMPARE(filesContaining(secret.toUtf8()), QStringList());

        SecretStore remover(m_service);
        QSignalSpy removed(&remover, &SecretStore::removeFinished);
        remover.remove(key);
        QVERIFY(waitFor(removed));
        SecretStore after(m_service);
        QVERIFY(!after.readBlocking(key));
    }

    void uncheckingRememberForgetsTheKeychainCopy()
    {
        const QString secret = QStringLiteral("canary-%1-unticked").arg(QCoreApplication::applicationPid());
        const QString key = SecretStore::keyFor(QStringLiteral("custom-x"), QStringLiteral("ACC-2"));
        SecretStore store(m_service);
        QSignalSpy written(&store, &SecretStore::writeFinished);
        store.write(key, secret, true);
        QVERIFY(waitFor(written));
        written.clear();
        store.write(key, secret, false);
        QVERIFY(waitFor(written));
        QCOMPARE(written.first().at(1).toBool(), false);
        // Still usable in this session...
        QCOMPARE(store.sessionSecret(key), std::optional<QString>(secret));
        QSignalSpy read(&store, &SecretStore::readFinished);
        store.read(key);
        QVERIFY(waitFor(read));
        QCOMPARE(read.first().at(1).toString(), secret);
        // ...but gone from the keychain.
        SecretStore fresh(m_service);
        QVERIFY(!fresh.readBlocking(key));
        QCOMPARE(filesContaining(secret.toUtf8()), QStringList());
    }

    void destroyedWithJobsInFlight()
    {
        // The store goes away while the keychain still works on its jobs: their answers must
        // reach nobody, and crash nothing.
        const QString key = SecretStore::keyFor(QStringLiteral("gone"), QStringLiteral("ACC-3"));
        auto* store = new SecretStore(m_service);
        store->write(key, QStringLiteral("canary-in-flight"), true);
        store->read(key);
        store->remove(key);
        // Let the jobs start (QtKeychain starts them from the event loop), so they are in
        // flight in the backend when the store goes.
        QCoreApplication::processEvents();
        delete store;
        // A second store's round trips keep the event loop running while those answers arrive.
        SecretStore other(m_service);
        other.readBlocking(key);
        other.readBlocking(key);
        QVERIFY(!other.sessionSecret(key));
    }

    void unknownKeyIsNotFound()
    {
        SecretStore store(m_service);
        QString message;
        QVERIFY(!store.readBlocking(QStringLiteral("nowhere/none"), &message));
        QVERIFY(!message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
