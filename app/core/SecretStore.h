#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <optional>

// Where the secret key lives (docs/design.md, Security): in the OS keychain (QtKeychain: Secret
// Service, KWallet, macOS Keychain, Windows Credential Store) when the user ticks "Remember", and
// otherwise only in this process's memory. When no keychain service is available the key is kept
// for the session only and unavailableReason() says so in a plain sentence. There is no plaintext
// fallback of any kind: QtKeychain's insecure fallback is off.
//
// Entries are keyed by environment and account (keyFor()). All keychain operations are
// asynchronous; each request is answered by exactly one signal carrying the key.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    enum class Backend
    {
        Unknown,     // nothing tried yet
        Keychain,    // the last keychain operation worked
        SessionOnly, // the keychain failed: secrets are kept in memory for this session only
    };
    Q_ENUM(Backend)

    // service: the keychain's service name; tests use their own to stay out of the user's entries.
    explicit SecretStore(const QString& service = QStringLiteral("leadgen-diag"), QObject* parent = nullptr);
    ~SecretStore() override;

    static QString keyFor(const QString& environmentId, const QString& accountId);

    // Looks in the session first, then the keychain → readFinished(key, secret, found).
    void read(const QString& key);
    // Keeps the secret for the session; with remember also writes it to the keychain, and without
    // removes any keychain copy (unticking "Remember" must forget it) → writeFinished(key, remembered).
    void write(const QString& key, const QString& secret, bool remember);
    // Forgets the secret in the session and the keychain → removeFinished(key).
    void remove(const QString& key);

    // For the CLI: read() and wait for the answer. message receives why nothing was found, in
    // words that fit a command-line error ("no keychain service is available: ...").
    std::optional<QString> readBlocking(const QString& key, QString* message = nullptr);

    std::optional<QString> sessionSecret(const QString& key) const;
    Backend backend() const { return m_backend; }
    // A plain sentence for the UI when backend() is SessionOnly, e.g. "No keychain service is
    // available (The name org.freedesktop.secrets was not provided by any .service files): the
    // secret key is kept for this session only."
    QString unavailableReason() const { return m_reason; }

signals:
    void readFinished(const QString& key, const QString& secret, bool found);
    void writeFinished(const QString& key, bool remembered);
    void removeFinished(const QString& key);
    void backendChanged(SecretStore::Backend backend);

private:
    void noteKeychainWorked();
    void noteKeychainFailed(const QString& errorString);

    QString m_service;
    QHash<QString, QString> m_session;
    Backend m_backend = Backend::Unknown;
    QString m_reason;
    QString m_lastError; // the keychain's own words for the last failure
};
