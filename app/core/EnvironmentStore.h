#pragma once

#include "Environment.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QSettings;

// The environments requests can go to: the built-in Simulator (default), Production
// v1.2, Production v1 (legacy, account time zone) and any number of custom ones. Persisted in
// QSettings under "environments/"; there is no secret anywhere in here by construction.
class EnvironmentStore : public QObject
{
    Q_OBJECT

public:
    static QString simulatorId() { return QStringLiteral("simulator"); }
    static QString productionV12Id() { return QStringLiteral("production-v1.2"); }
    static QString productionV1Id() { return QStringLiteral("production-v1"); }
    static QUrl productionUrl(ApiVersion version);

    // settings: where to persist; nullptr = QSettings() of the application (organisation and
    // application name "leadgen-diag"), owned by the store.
    explicit EnvironmentStore(QSettings* settings = nullptr, QObject* parent = nullptr);
    ~EnvironmentStore() override;

    // Built-ins first (Simulator, Production v1.2, Production v1), then custom ones in creation
    // order. The simulator's baseUrl is filled in from the resolver when one is set.
    QList<Environment> environments() const;
    std::optional<Environment> byId(const QString& id) const;
    // By name (case-insensitive) or id: what `send --env NAME` accepts.
    std::optional<Environment> find(const QString& nameOrId) const;

    Environment current() const;
    bool setCurrent(const QString& id);

    // Result of validating a URL or a whole environment. errors block saving; a plain-http
    // warning blocks saving until the user acknowledges it (needsAcknowledgement).
    struct Check
    {
        QStringList errors;
        QStringList warnings;
        bool needsAcknowledgement = false;
        bool ok() const { return errors.isEmpty() && !needsAcknowledgement; }
        QString message() const; // errors then warnings, one per line
    };
    // Rules: http(s) only; a host; no user info, fragment, accountID or secretKey in the URL
    // (they would end up in settings); https required, except for loopback hosts or, for custom
    // environments, after the user acknowledged the plain-http warning.
    static Check checkUrl(const QUrl& url, Environment::Kind kind, bool plainHttpAcknowledged);
    // checkUrl plus name (non-empty, unique), account ID and fingerprint rules.
    Check check(const Environment& environment) const;

    // Adds (empty id: a new id is assigned and written back) or updates an environment. For
    // built-ins only the account ID, trusted certificates and (simulator) the API version are
    // kept; their name and URL are fixed. Returns false with a plain message when check() fails.
    bool save(Environment& environment, QString* error = nullptr);
    bool remove(const QString& id, QString* error = nullptr);

    // The explicit per-environment action behind "Trust this certificate".
    bool trustCertificate(const QString& id, const QString& sha256Fingerprint, QString* error = nullptr);
    bool distrustCertificate(const QString& id, const QString& sha256Fingerprint);

    // The simulator runs in-process on a random port, so its URL is known only at run time; the
    // application hands in a function that returns it (e.g. EmbeddedSimulator::endpoint). Keeps
    // core free of simulator dependencies.
    using SimulatorResolver = std::function<QUrl(ApiVersion)>;
    void setSimulatorResolver(SimulatorResolver resolver);
    // Where to POST for this environment (the simulator's URL from the resolver, empty when the
    // simulator is not running).
    QUrl endpoint(const Environment& environment) const;

    // Problems found in the stored settings (hand-edited or from an older version), e.g. a
    // custom environment whose URL carried a secretKey; those entries are skipped.
    const QStringList& loadWarnings() const { return m_loadWarnings; }

signals:
    void changed();
    void currentChanged(const QString& id);

private:
    struct BuiltinOverride
    {
        QString accountId;
        QStringList trustedCertificates;
        QStringList caCertificateFiles;
        ApiVersion version = ApiVersion::V1_2;
        qint64 dailyQuota = Environment::kDefaultDailyQuota;
    };

    QList<Environment> builtins() const;
    Environment withResolvedUrl(Environment environment) const;
    void load();
    void persist();

    std::unique_ptr<QSettings> m_ownedSettings;
    QSettings* m_settings = nullptr;
    QList<Environment> m_custom;
    QHash<QString, BuiltinOverride> m_overrides;
    QString m_currentId;
    SimulatorResolver m_resolver;
    QStringList m_loadWarnings;
};
