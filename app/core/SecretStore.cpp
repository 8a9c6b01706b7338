#include "SecretStore.h"

#include <QEventLoop>
#include <qt6keychain/keychain.h>

// Jobs have no parent on purpose: QtKeychain's backends call back into a job when the keychain
// answers, so a job must live until it finishes (autoDelete), even when this store is destroyed
// first. The connections use `this` as context, so a dead store is simply not told.

SecretStore::SecretStore(const QString& service, QObject* parent)
    : QObject(parent)
    , m_service(service)
{}

SecretStore::~SecretStore() = default;

QString SecretStore::keyFor(const QString& environmentId, const QString& accountId)
{
    return environmentId + QLatin1Char('/') + accountId;
}

void SecretStore::noteKeychainWorked()
{
    if (m_backend == Backend::Keychain)
        return;
    m_backend = Backend::Keychain;
    m_reason.clear();
    emit backendChanged(m_backend);
}

void SecretStore::noteKeychainFailed(const QString& errorString)
{
    m_lastError = errorString.isEmpty() ? QStringLiteral("unknown error") : errorString;
    const QString reason =
        QStringLiteral("No keychain service is available (%1): the secret key is kept for this session only.")
            .arg(m_lastError);
    const bool changed = m_backend != Backend::SessionOnly || reason != m_reason;
    m_backend = Backend::SessionOnly;
    m_reason = reason;
    if (changed)
        emit backendChanged(m_backend);
}

void SecretStore::read(const QString& key)
{
    if (const auto secret = sessionSecret(key)) {
        // Answer asynchronously like the keychain path, so callers see one behaviour.
        QMetaObject::invokeMethod(
            this, [this, key, value = *secret] { emit readFinished(key, value, true); }, Qt::QueuedConnection);
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job* finishedJob) {
        auto* readJob = static_cast<QKeychain::ReadPasswordJob*>(finishedJob);
        switch (readJob->error()) {
        case QKeychain::NoError: {
            noteKeychainWorked();
            const QString secret = readJob->textData();
            m_session.insert(key, secret);
            emit readFinished(key, secret, true);
            return;
        }
        case QKeychain::EntryNotFound:
            // Also what a locked or half-working keyring says; only a failed write proves the
            // keychain unusable, so the backend is left as it is.
            emit readFinished(key, QString(), false);
            return;
        default:
            noteKeychainFailed(readJob->errorString());
            emit readFinished(key, QString(), false);
            return;
        }
    });
    job->start();
}

void SecretStore::write(const QString& key, const QString& secret, bool remember)
{
    m_session.insert(key, secret);
    if (!remember) {
        auto* job = new QKeychain::DeletePasswordJob(m_service);
        job->setAutoDelete(true);
        job->setInsecureFallback(false);
        job->setKey(key);
        connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job*) { emit writeFinished(key, false); });
        job->start();
        return;
    }
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job* finishedJob) {
        if (finishedJob->error() == QKeychain::NoError) {
            noteKeychainWorked();
            emit writeFinished(key, true);
        } else {
            noteKeychainFailed(finishedJob->errorString());
            emit writeFinished(key, false);
        }
    });
    job->start();
}

void SecretStore::remove(const QString& key)
{
    m_session.remove(key);
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, key](QKeychain::Job* finishedJob) {
        const QKeychain::Error error = finishedJob->error();
        if (error == QKeychain::NoError) {
            noteKeychainWorked();
        } else if (error != QKeychain::EntryNotFound) {
            noteKeychainFailed(finishedJob->errorString());
        }
        emit removeFinished(key);
    });
    job->start();
}

std::optional<QString> SecretStore::readBlocking(const QString& key, QString* message)
{
    std::optional<QString> result;
    QEventLoop loop;
    const auto connection = connect(this, &SecretStore::readFinished, &loop,
                                    [&](const QString& answeredKey, const QString& secret, bool found) {
                                        if (answeredKey != key)
                                            return;
                                        if (found)
                                            result = secret;
                                        loop.quit();
                                    });
    read(key);
    loop.exec();
    disconnect(connection);
    if (!result && message) {
        *message = m_backend == Backend::SessionOnly
                       ? QStringLiteral("no keychain service is available: %1").arg(m_lastError)
                       : QStringLiteral("the keychain has no secret key for %1").arg(key);
    }
    return result;
}

std::optional<QString> SecretStore::sessionSecret(const QString& key) const
{
    const auto it = m_session.constFind(key);
    if (it == m_session.constEnd())
        return std::nullopt;
    return *it;
}
