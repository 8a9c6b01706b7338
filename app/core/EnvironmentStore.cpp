#include "EnvironmentStore.h"

#include "AppSettings.h"
#include "TrustStore.h"

#include <QSettings>
#include <QUrlQuery>
#include <QUuid>

#include <algorithm>

namespace {
constexpr int kMaxNameLength = 80;
constexpr int kMaxAccountIdLength = 100;

bool hasControlCharacters(const QString& text)
{
    for (QChar c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return true;
    }
    return false;
}

QList<QString> queryNames(const QUrl& url)
{
    QList<QString> names;
    const auto items = QUrlQuery(url).queryItems();
    for (const auto& item : items)
        names.append(item.first);
    return names;
}

// The stored daily quota; a missing or nonsensical value is the API's default.
qint64 storedQuota(const QSettings& settings)
{
    const qint64 quota = settings.value(QStringLiteral("dailyQuota")).toLongLong();
    return quota > 0 ? quota : Environment::kDefaultDailyQuota;
}
} // namespace

QString EnvironmentStore::Check::message() const
{
    return (errors + warnings).join(QLatin1Char('\n'));
}

QUrl EnvironmentStore::productionUrl(ApiVersion version)
{
    return version == ApiVersion::V1 ? QUrl(QStringLiteral("https://api.sharpspring.com/pubapi/v1/"))
                                     : QUrl(QStringLiteral("https://api.sharpspring.com/pubapi/v1.2/"));
}

EnvironmentStore::EnvironmentStore(QSettings* settings, QObject* parent)
    : QObject(parent)
{
    if (!settings) {
        m_ownedSettings = std::make_unique<QSettings>();
        settings = m_ownedSettings.get();
    }
    m_settings = settings;
    load();
}

EnvironmentStore::~EnvironmentStore() = default;

QList<Environment> EnvironmentStore::builtins() const
{
    Environment simulator;
    simulator.id = simulatorId();
    simulator.name = QStringLiteral("Simulator");
    simulator.kind = Environment::Kind::Simulator;

    Environment v12;
    v12.id = productionV12Id();
    v12.name = QStringLiteral("Production v1.2");
    v12.kind = Environment::Kind::Production;
    v12.version = ApiVersion::V1_2;
    v12.baseUrl = productionUrl(ApiVersion::V1_2);

    Environment v1;
    v1.id = productionV1Id();
    v1.name = QStringLiteral("Production v1");
    v1.kind = Environment::Kind::Production;
    v1.version = ApiVersion::V1;
    v1.baseUrl = productionUrl(ApiVersion::V1);

    QList<Environment> list{simulator, v12, v1};
    for (Environment& environment : list) {
        const auto it = m_overrides.constFind(environment.id);
        if (it == m_overrides.constEnd())
            continue;
        environment.accountId = it->accountId;
        environment.trustedCertificates = it->trustedCertificates;
        environment.caCertificateFiles = it->caCertificateFiles;
        environment.dailyQuota = it->dailyQuota;
        if (environment.isSimulator())
            environment.version = it->version;
    }
    return list;
}

Environment EnvironmentStore::withResolvedUrl(Environment environment) const
{
    if (environment.isSimulator())
        environment.baseUrl = m_resolver ? m_resolver(environment.version) : QUrl();
    return environment;
}

QList<Environment> EnvironmentStore::environments() const
{
    QList<Environment> list;
    for (const Environment& environment : builtins())
        list.append(withResolvedUrl(environment));
    list.append(m_custom);
    return list;
}

std::optional<Environment> EnvironmentStore::byId(const QString& id) const
{
    const QList<Environment> list = environments();
    for (const Environment& environment : list) {
        if (environment.id == id)
            return environment;
    }
    return std::nullopt;
}

std::optional<Environment> EnvironmentStore::find(const QString& nameOrId) const
{
    const QString wanted = nameOrId.trimmed();
    const QList<Environment> list = environments();
    for (const Environment& environment : list) {
        // Also "Production v1 (legacy, account time zone)", the way the UI lists built-ins.
        const QString qualified =
            environment.name + QStringLiteral(" (") + environment.description() + QLatin1Char(')');
        if (environment.name.compare(wanted, Qt::CaseInsensitive) == 0 ||
            (environment.isBuiltin() && qualified.compare(wanted, Qt::CaseInsensitive) == 0))
            return environment;
    }
    return byId(wanted);
}

Environment EnvironmentStore::current() const
{
    if (auto environment = byId(m_currentId))
        return *environment;
    return withResolvedUrl(builtins().constFirst());
}

bool EnvironmentStore::setCurrent(const QString& id)
{
    if (!byId(id))
        return false;
    if (id == m_currentId)
        return true;
    m_currentId = id;
    persist();
    emit currentChanged(id);
    return true;
}

EnvironmentStore::Check EnvironmentStore::checkUrl(const QUrl& url, Environment::Kind kind, bool plainHttpAcknowledged)
{
    Check check;
    if (url.isEmpty()) {
        check.errors << QStringLiteral("Enter the endpoint URL, e.g. https://api.sharpspring.com/pubapi/v1.2/");
        return check;
    }
    if (!url.isValid()) {
        check.errors << QStringLiteral("The URL is not valid: %1").arg(url.errorString());
        return check;
    }
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http")) {
        check.errors << (scheme.isEmpty()
                             ? QStringLiteral("The URL needs a scheme: start it with https://")
                             : QStringLiteral("The URL must start with https:// (it starts with %1://)").arg(scheme));
        return check;
    }
    if (url.host().isEmpty())
        check.errors << QStringLiteral("The URL has no host name");
    if (!url.userInfo().isEmpty())
        check.errors << QStringLiteral("Remove the user name/password from the URL: the API does not use them and "
                                       "they would be stored in the settings");
    if (url.hasFragment())
        check.errors << QStringLiteral("Remove the #fragment from the URL");
    const QList<QString> names = queryNames(url);
    for (const QString& name : names) {
        if (name.compare(QLatin1String("secretKey"), Qt::CaseInsensitive) == 0)
            check.errors << QStringLiteral("Remove secretKey from the URL: the secret key goes in the secret field "
                                           "(kept in the keychain), never in the settings");
        else if (name.compare(QLatin1String("accountID"), Qt::CaseInsensitive) == 0)
            check.errors << QStringLiteral("Remove accountID from the URL and enter it in the Account ID field");
    }
    if (!check.errors.isEmpty() || scheme == QLatin1String("https"))
        return check;

    if (Environment::isLoopbackHost(url.host()))
        return check; // plain http to this computer never leaves it
    if (kind == Environment::Kind::Production) {
        check.errors << QStringLiteral("Production endpoints must use https://");
        return check;
    }
    check.warnings << QStringLiteral("Plain http:// sends the secret key unencrypted to %1: anyone on the network "
                                     "path can read it. Use https:// unless you are sure.")
                          .arg(url.host());
    check.needsAcknowledgement = !plainHttpAcknowledged;
    return check;
}

EnvironmentStore::Check EnvironmentStore::check(const Environment& environment) const
{
    Check result;
    if (!environment.isSimulator())
        result = checkUrl(environment.baseUrl, environment.kind, environment.plainHttpAcknowledged);

    const QString name = environment.name.trimmed();
    if (name.isEmpty())
        result.errors << QStringLiteral("Enter a name for the environment");
    else if (name.size() > kMaxNameLength)
        result.errors << QStringLiteral("The name is longer than %1 characters").arg(kMaxNameLength);
    else if (hasControlCharacters(name))
        result.errors << QStringLiteral("The name contains control characters");
    const QList<Environment> list = environments();
    for (const Environment& other : list) {
        if (other.id != environment.id && other.name.compare(name, Qt::CaseInsensitive) == 0) {
            result.errors << QStringLiteral("An environment named “%1” already exists").arg(other.name);
            break;
        }
    }

    const QString account = environment.accountId;
    if (account.size() > kMaxAccountIdLength)
        result.errors << QStringLiteral("The account ID is longer than %1 characters").arg(kMaxAccountIdLength);
    for (QChar c : account) {
        if (c.isSpace() || c.category() == QChar::Other_Control) {
            result.errors << QStringLiteral("The account ID contains spaces or control characters (copied with "
                                            "surrounding text?)");
            break;
        }
    }
    if (environment.dailyQuota <= 0)
        result.errors << QStringLiteral("The daily quota must be at least one call");
    for (const QString& fingerprint : environment.trustedCertificates) {
        if (!Environment::isValidFingerprint(fingerprint))
            result.errors
                << QStringLiteral("“%1” is not a SHA-256 certificate fingerprint (64 hex digits)").arg(fingerprint);
    }
    // A warning, not an error: a CA file on a share that is not mounted must not make the
    // environment disappear; the call says which file it could not read.
    QString caError;
    if (!TrustStore::loadPemFiles(environment.caCertificateFiles, &caError))
        result.warnings << caError;
    return result;
}

bool EnvironmentStore::save(Environment& environment, QString* error)
{
    environment.name = environment.name.trimmed();
    environment.accountId = environment.accountId.trimmed();
    for (QString& fingerprint : environment.trustedCertificates)
        fingerprint = Environment::normalizeFingerprint(fingerprint);
    environment.trustedCertificates.removeDuplicates();

    if (environment.isBuiltin()) {
        const auto existing = byId(environment.id);
        if (!existing) {
            if (error)
                *error = QStringLiteral("There is no built-in environment “%1”").arg(environment.id);
            return false;
        }
        // Name and URL of built-ins are fixed; only what the user may change is taken over.
        Environment merged = *existing;
        merged.accountId = environment.accountId;
        merged.trustedCertificates = environment.trustedCertificates;
        merged.caCertificateFiles = environment.caCertificateFiles;
        merged.dailyQuota = environment.dailyQuota;
        if (merged.isSimulator())
            merged.version = environment.version;
        const Check result = check(merged);
        if (!result.ok()) {
            if (error)
                *error = result.message();
            return false;
        }
        m_overrides[merged.id] = BuiltinOverride{merged.accountId, merged.trustedCertificates,
                                                 merged.caCertificateFiles, merged.version, merged.dailyQuota};
        environment = merged;
        persist();
        emit changed();
        return true;
    }

    const Check result = check(environment);
    if (!result.ok()) {
        if (error)
            *error = result.message();
        return false;
    }
    if (environment.id.isEmpty()) {
        environment.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_custom.append(environment);
    } else {
        auto it = std::find_if(m_custom.begin(), m_custom.end(),
                               [&](const Environment& e) { return e.id == environment.id; });
        if (it == m_custom.end())
            m_custom.append(environment);
        else
            *it = environment;
    }
    persist();
    emit changed();
    return true;
}

bool EnvironmentStore::remove(const QString& id, QString* error)
{
    auto it = std::find_if(m_custom.begin(), m_custom.end(), [&](const Environment& e) { return e.id == id; });
    if (it == m_custom.end()) {
        if (error) {
            *error = byId(id) ? QStringLiteral("Built-in environments cannot be removed")
                              : QStringLiteral("There is no environment with id “%1”").arg(id);
        }
        return false;
    }
    m_custom.erase(it);
    const bool wasCurrent = m_currentId == id;
    if (wasCurrent)
        m_currentId = simulatorId();
    persist();
    emit changed();
    if (wasCurrent)
        emit currentChanged(m_currentId);
    return true;
}

bool EnvironmentStore::trustCertificate(const QString& id, const QString& sha256Fingerprint, QString* error)
{
    auto environment = byId(id);
    if (!environment) {
        if (error)
            *error = QStringLiteral("There is no environment with id “%1”").arg(id);
        return false;
    }
    if (!Environment::isValidFingerprint(sha256Fingerprint)) {
        if (error)
            *error =
                QStringLiteral("“%1” is not a SHA-256 certificate fingerprint (64 hex digits)").arg(sha256Fingerprint);
        return false;
    }
    environment->trustedCertificates.append(Environment::normalizeFingerprint(sha256Fingerprint));
    return save(*environment, error);
}

bool EnvironmentStore::distrustCertificate(const QString& id, const QString& sha256Fingerprint)
{
    auto environment = byId(id);
    if (!environment)
        return false;
    if (environment->trustedCertificates.removeAll(Environment::normalizeFingerprint(sha256Fingerprint)) == 0)
        return false;
    return save(*environment);
}

void EnvironmentStore::setSimulatorResolver(SimulatorResolver resolver)
{
    m_resolver = std::move(resolver);
    emit changed();
}

QUrl EnvironmentStore::endpoint(const Environment& environment) const
{
    return withResolvedUrl(environment).baseUrl;
}

void EnvironmentStore::load()
{
    m_settings->beginGroup(AppSettings::path(AppSettings::Group::Environments));
    m_currentId = m_settings->value(QStringLiteral("current"), simulatorId()).toString();

    m_settings->beginGroup(QStringLiteral("builtin"));
    for (const QString& id : {simulatorId(), productionV12Id(), productionV1Id()}) {
        if (!m_settings->childGroups().contains(id))
            continue;
        m_settings->beginGroup(id);
        BuiltinOverride override;
        override.accountId = m_settings->value(QStringLiteral("accountId")).toString();
        override.trustedCertificates = m_settings->value(QStringLiteral("trustedCertificates")).toStringList();
        override.caCertificateFiles = m_settings->value(QStringLiteral("caCertificateFiles")).toStringList();
        override.version =
            apiVersionFromName(m_settings->value(QStringLiteral("version"), QStringLiteral("v1.2")).toString());
        override.dailyQuota = storedQuota(*m_settings);
        m_overrides.insert(id, override);
        m_settings->endGroup();
    }
    m_settings->endGroup();

    const int count = m_settings->beginReadArray(QStringLiteral("custom"));
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        Environment environment;
        environment.kind = Environment::Kind::Custom;
        environment.id = m_settings->value(QStringLiteral("id")).toString();
        environment.name = m_settings->value(QStringLiteral("name")).toString();
        environment.baseUrl = QUrl(m_settings->value(QStringLiteral("url")).toString());
        environment.version = apiVersionFromName(m_settings->value(QStringLiteral("version")).toString());
        environment.accountId = m_settings->value(QStringLiteral("accountId")).toString();
        environment.trustedCertificates = m_settings->value(QStringLiteral("trustedCertificates")).toStringList();
        environment.caCertificateFiles = m_settings->value(QStringLiteral("caCertificateFiles")).toStringList();
        environment.plainHttpAcknowledged = m_settings->value(QStringLiteral("plainHttpAcknowledged")).toBool();
        environment.dailyQuota = storedQuota(*m_settings);
        if (environment.id.isEmpty())
            environment.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const Check result = check(environment);
        if (!result.ok()) {
            m_loadWarnings << QStringLiteral("Skipped the stored environment “%1”: %2")
                                  .arg(environment.name, result.errors.value(0, result.warnings.value(0)));
            continue;
        }
        m_custom.append(environment);
    }
    m_settings->endArray();
    m_settings->endGroup();

    if (!byId(m_currentId))
        m_currentId = simulatorId();
}

void EnvironmentStore::persist()
{
    m_settings->beginGroup(AppSettings::path(AppSettings::Group::Environments));
    m_settings->setValue(QStringLiteral("current"), m_currentId);

    m_settings->remove(QStringLiteral("builtin"));
    m_settings->beginGroup(QStringLiteral("builtin"));
    for (auto it = m_overrides.constBegin(); it != m_overrides.constEnd(); ++it) {
        m_settings->beginGroup(it.key());
        m_settings->setValue(QStringLiteral("accountId"), it->accountId);
        m_settings->setValue(QStringLiteral("trustedCertificates"), it->trustedCertificates);
        m_settings->setValue(QStringLiteral("caCertificateFiles"), it->caCertificateFiles);
        if (it.key() == simulatorId())
            m_settings->setValue(QStringLiteral("version"), apiVersionName(it->version));
        m_settings->setValue(QStringLiteral("dailyQuota"), it->dailyQuota);
        m_settings->endGroup();
    }
    m_settings->endGroup();

    m_settings->remove(QStringLiteral("custom"));
    m_settings->beginWriteArray(QStringLiteral("custom"), static_cast<int>(m_custom.size()));
    for (int i = 0; i < m_custom.size(); ++i) {
        const Environment& environment = m_custom.at(i);
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("id"), environment.id);
        m_settings->setValue(QStringLiteral("name"), environment.name);
        m_settings->setValue(QStringLiteral("url"), environment.baseUrl.toString(QUrl::FullyEncoded));
        m_settings->setValue(QStringLiteral("version"), apiVersionName(environment.version));
        m_settings->setValue(QStringLiteral("accountId"), environment.accountId);
        m_settings->setValue(QStringLiteral("trustedCertificates"), environment.trustedCertificates);
        m_settings->setValue(QStringLiteral("caCertificateFiles"), environment.caCertificateFiles);
        m_settings->setValue(QStringLiteral("plainHttpAcknowledged"), environment.plainHttpAcknowledged);
        m_settings->setValue(QStringLiteral("dailyQuota"), environment.dailyQuota);
    }
    m_settings->endArray();
    m_settings->endGroup();
    m_settings->sync();
}
