#pragma once

#include "Environment.h"

#include <QSet>
#include <QTimer>
#include <QWidget>

#include <memory>

namespace Ui {
class CredentialsBar;
}
class EnvironmentStore;
class QSettings;
class RequestDraft;
class SecretStore;
class SimulatorProvider;

// The composer's environment, account ID and secret key (CredentialsBar.ui). It writes them into
// the RequestDraft; the secret goes only to SecretStore (session, or keychain with Remember) and
// to the draft's in-memory field. Demo accounts of the simulator show their public secret.
class CredentialsBar : public QWidget
{
    Q_OBJECT

public:
    explicit CredentialsBar(QWidget* parent = nullptr);
    ~CredentialsBar() override;

    // Called once by the composer, before anything else (the form makes this widget).
    void setup(EnvironmentStore& environments, SecretStore& secrets, QSettings& settings, SimulatorProvider* simulator,
               RequestDraft& draft);
    // Stops talking to the stores (the composer is going away).
    void detach();

    // startSimulator: a Simulator environment starts the simulator now (the user chose it); at
    // construction it waits for the first call instead, to keep the application's start quick.
    void applyEnvironment(const Environment& environment, const QString& accountId, bool startSimulator = true);
    bool selectEnvironment(const QString& id);
    void refreshEnvironments();
    void setAccountId(const QString& accountId);
    // The secret as typed: kept for the session at once (or the keychain with Remember).
    void setSecretKey(const QString& secret);
    // The secret as a scenario or a pasted cURL line gives it: in the field, stored on focus out.
    void enterSecret(const QString& secret);
    void storeSecret();
    // Remembers the account ID among the environment's recent ones (after a send).
    void rememberAccount();
    bool isDemoAccount(QString* secret = nullptr) const;

signals:
    void manageRequested();
    // The environment or the account ID changed (status bars).
    void connectionChanged();
    void simulatorStarted(const QUrl& endpoint);
    void simulatorFailed(const QString& reason);

private:
    void onEnvironmentActivated(int index);
    void refreshAccounts(const Environment& environment, const QString& accountId);
    void onAccountChanged();
    // Fills the secret field for the current environment and account. keepTyped: a secret the
    // user typed stays when nothing is known for the new account (the account was typed after it).
    void lookUpSecret(bool keepTyped = false);
    void onSecretRead(const QString& key, const QString& secret, bool found);
    void onSecretEdited();
    void updateSecretUi();
    QString secretKeyId() const;
    QString accountId() const;
    QStringList recentAccounts(const QString& environmentId) const;

    std::unique_ptr<Ui::CredentialsBar> m_ui;
    EnvironmentStore* m_environments = nullptr;
    SecretStore* m_secrets = nullptr;
    QSettings* m_settings = nullptr;
    SimulatorProvider* m_simulator = nullptr;
    RequestDraft* m_draft = nullptr;
    bool m_restoring = false;
    QString m_pendingSecretKey;   // the SecretStore key a read was started for
    QString m_secretEditedKey;    // the key the user typed a secret for (wins over late reads)
    QSet<QString> m_keychainKeys; // SecretStore keys known to be in the keychain
    QTimer m_accountTimer;
};
