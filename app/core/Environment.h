#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

// API version of an endpoint (docs/design.md, The API in brief): v1 reads and writes dates in the account's time
// zone, v1.2 in UTC. Everything else is the same.
enum class ApiVersion
{
    V1,
    V1_2
};

QString apiVersionName(ApiVersion version); // "v1" | "v1.2"
ApiVersion apiVersionFromName(const QString& name, bool* ok = nullptr);

// Where requests go. A value type: the secret key is deliberately NOT a member (it lives in the
// keychain or in the session, see SecretStore), so an Environment can be stored, copied and
// logged without thinking about it.
struct Environment
{
    enum class Kind
    {
        Simulator,
        Production,
        Custom
    };

    QString id;   // stable: "simulator", "production-v1.2", "production-v1", or a uuid
    QString name; // unique, shown in the UI and used by `send --env NAME`
    Kind kind = Kind::Custom;
    ApiVersion version = ApiVersion::V1_2;
    QUrl baseUrl;      // the endpoint (POST target); empty for the simulator until it runs
    QString accountId; // not a secret; sent as the accountID query parameter
    // SHA-256 fingerprints (lower-case hex, no separators) of certificates the user explicitly
    // chose to trust for this environment despite TLS errors.
    QStringList trustedCertificates;
    // PEM files of extra certificate authorities trusted for this environment (a company CA
    // that re-signs TLS traffic), in addition to the system's.
    QStringList caCertificateFiles;
    // The user confirmed the warning that plain http:// to a non-loopback host sends the secret
    // key unencrypted.
    bool plainHttpAcknowledged = false;
    // The account's calls per day (docs/design.md, Bulk work): the status bar's rate meter turns
    // amber at 80 % of it. The service's own queryLimit, when an answer carries it and it is lower,
    // wins.
    qint64 dailyQuota = kDefaultDailyQuota;
    static constexpr qint64 kDefaultDailyQuota = 50000;

    bool isBuiltin() const { return kind != Kind::Custom; }
    bool isSimulator() const { return kind == Kind::Simulator; }
    // One line for lists and tooltips: "Production v1 — legacy, account time zone".
    QString description() const;

    static QString normalizeFingerprint(const QString& fingerprint); // strips ':' and spaces, lower-case
    static bool isValidFingerprint(const QString& fingerprint);      // 64 hex digits once normalised
    static bool isLoopbackHost(const QString& host);

    bool operator==(const Environment& other) const;
    bool operator!=(const Environment& other) const { return !(*this == other); }
};

Q_DECLARE_METATYPE(Environment)
