#include "CredentialsBar.h"

#include "AppSettings.h"
#include "EnvironmentStore.h"
#include "RequestDraft.h"
#include "SecretStore.h"
#include "SimulatorProvider.h"
#include "Tone.h"
#include "ui_CredentialsBar.h"

#include <QSettings>
#include <QSignalBlocker>

namespace {
constexpr int kAccountDelayMs = 300;
constexpr int kMaxRecentAccounts = 10;
} // namespace

CredentialsBar::CredentialsBar(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::CredentialsBar>())
{
    m_ui->setupUi(this);
    m_ui->secretStatus->setForegroundRole(QPalette::PlaceholderText);
    m_accountTimer.setSingleShot(true);
    m_accountTimer.setInterval(kAccountDelayMs);
    connect(&m_accountTimer, &QTimer::timeout, this, &CredentialsBar::onAccountChanged);
}

CredentialsBar::~CredentialsBar() = default;

void CredentialsBar::setup(EnvironmentStore& environments, SecretStore& secrets, QSettings& settings,
                           SimulatorProvider* simulator, RequestDraft& draft)
{
    m_environments = &environments;
    m_secrets = &secrets;
    m_settings = &settings;
    m_simulator = simulator;
    m_draft = &draft;

    connect(m_ui->manageEnvironments, &QToolButton::clicked, this, &CredentialsBar::manageRequested);
    connect(m_ui->environmentCombo, &QComboBox::activated, this, &CredentialsBar::onEnvironmentActivated);
    connect(m_environments, &EnvironmentStore::changed, this, &CredentialsBar::refreshEnvironments);
    connect(m_ui->accountCombo, &QComboBox::activated, this, [this] {
        m_accountTimer.stop();
        onAccountChanged();
    });
    connect(m_ui->accountCombo, &QComboBox::editTextChanged, this, [this] {
        m_draft->setAccountId(accountId());
        if (!m_restoring)
            m_accountTimer.start();
    });
    // Every change of the field (typed, looked up, a demo value) is the secret of the next call.
    connect(m_ui->secretEdit, &QLineEdit::textChanged, m_draft, &RequestDraft::setSecretKey);
    connect(m_ui->secretEdit, &QLineEdit::textEdited, this, &CredentialsBar::onSecretEdited);
    connect(m_ui->secretEdit, &QLineEdit::editingFinished, this, &CredentialsBar::storeSecret);
    connect(m_ui->revealSecret, &QToolButton::toggled, this, [this](bool shown) {
        m_ui->secretEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        m_ui->revealSecret->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(m_ui->rememberSecret, &QCheckBox::toggled, this, [this] {
        if (m_restoring)
            return;
        storeSecret();
        updateSecretUi();
    });
    connect(m_secrets, &SecretStore::readFinished, this, &CredentialsBar::onSecretRead);
    connect(m_secrets, &SecretStore::writeFinished, this, [this](const QString& key, bool remembered) {
        if (remembered)
            m_keychainKeys.insert(key);
        else
            m_keychainKeys.remove(key);
        if (key == secretKeyId() && m_ui->rememberSecret->isChecked() && !remembered) {
            // The keychain refused: say so instead of pretending the key is remembered.
            const QSignalBlocker blocker(m_ui->rememberSecret);
            m_ui->rememberSecret->setChecked(false);
        }
        updateSecretUi();
    });
    connect(m_secrets, &SecretStore::backendChanged, this, &CredentialsBar::updateSecretUi);
    refreshEnvironments();
}

void CredentialsBar::detach()
{
    // QWidget's destructor still hides and unfocuses the children (the secret field then emits
    // editingFinished): nothing may reach a half-destroyed composer any more.
    const QList<QObject*> children = findChildren<QObject*>();
    for (QObject* child : children)
        disconnect(child, nullptr, this, nullptr);
    disconnect(m_ui->secretEdit, nullptr, m_draft, nullptr);
    disconnect(m_secrets, nullptr, this, nullptr);
    disconnect(m_environments, nullptr, this, nullptr);
}

QString CredentialsBar::accountId() const
{
    return m_ui->accountCombo->currentText().trimmed();
}

QString CredentialsBar::secretKeyId() const
{
    return SecretStore::keyFor(m_draft->environmentId(), accountId());
}

void CredentialsBar::refreshEnvironments()
{
    const QSignalBlocker blocker(m_ui->environmentCombo);
    m_ui->environmentCombo->clear();
    const QList<Environment> list = m_environments->environments();
    for (const Environment& env : list) {
        m_ui->environmentCombo->addItem(env.name, env.id);
        m_ui->environmentCombo->setItemData(m_ui->environmentCombo->count() - 1, env.description(), Qt::ToolTipRole);
    }
    const QString current = m_draft->environmentId();
    const int index = m_ui->environmentCombo->findData(current);
    if (index < 0 && !current.isEmpty()) {
        // The environment was removed meanwhile: fall back to the store's current one.
        applyEnvironment(m_environments->current(), QString());
        return;
    }
    m_ui->environmentCombo->setCurrentIndex(qMax(0, index));
}

void CredentialsBar::onEnvironmentActivated(int index)
{
    const QString id = m_ui->environmentCombo->itemData(index).toString();
    if (id == m_draft->environmentId())
        return;
    if (const auto env = m_environments->byId(id))
        applyEnvironment(*env, QString());
}

bool CredentialsBar::selectEnvironment(const QString& id)
{
    const auto env = m_environments->byId(id);
    if (!env)
        return false;
    applyEnvironment(*env, QString());
    return true;
}

void CredentialsBar::applyEnvironment(const Environment& env, const QString& accountId, bool startSimulator)
{
    storeSecret(); // what was typed for the previous environment stays in the session
    m_draft->setEnvironmentId(env.id);
    m_environments->setCurrent(env.id);
    {
        const QSignalBlocker blocker(m_ui->environmentCombo);
        m_ui->environmentCombo->setCurrentIndex(qMax(0, m_ui->environmentCombo->findData(env.id)));
    }
    m_ui->environmentCombo->setToolTip(env.description());

    // The simulator starts on first use: selecting it is that use, so its URL and demo
    // credentials can be shown right away.
    if (startSimulator && env.isSimulator() && m_simulator && !m_simulator->isRunning()) {
        QString error;
        if (m_simulator->ensureRunning(&error))
            emit simulatorStarted(m_environments->endpoint(env));
        else
            emit simulatorFailed(error);
    }
    QString account = accountId;
    if (account.isEmpty())
        account = env.accountId;
    if (account.isEmpty() && env.isSimulator() && m_simulator && !m_simulator->demoAccounts().isEmpty())
        account = m_simulator->demoAccounts().constFirst().accountId;
    refreshAccounts(env, account);
    lookUpSecret();
    emit connectionChanged();
}

void CredentialsBar::refreshAccounts(const Environment& env, const QString& accountId)
{
    const bool restoring = m_restoring;
    m_restoring = true;
    m_ui->accountCombo->clear();
    QStringList seen;
    const auto add = [&](const QString& id, const QString& tip) {
        if (id.isEmpty() || seen.contains(id))
            return;
        seen << id;
        m_ui->accountCombo->addItem(id);
        m_ui->accountCombo->setItemData(m_ui->accountCombo->count() - 1, tip, Qt::ToolTipRole);
    };
    if (env.isSimulator() && m_simulator) {
        const QList<SimulatorProvider::DemoAccount> demos = m_simulator->demoAccounts();
        for (const auto& demo : demos)
            add(demo.accountId, demo.label);
    }
    add(env.accountId, tr("The account ID saved with the environment"));
    for (const QString& recent : recentAccounts(env.id))
        add(recent, tr("Used recently"));
    m_ui->accountCombo->setEditText(accountId);
    m_ui->accountCombo->lineEdit()->setPlaceholderText(tr("accountID"));
    m_restoring = restoring;
}

void CredentialsBar::setAccountId(const QString& accountId)
{
    m_ui->accountCombo->setEditText(accountId);
    m_accountTimer.stop();
    onAccountChanged();
}

void CredentialsBar::onAccountChanged()
{
    lookUpSecret(true);
    emit connectionChanged();
}

bool CredentialsBar::isDemoAccount(QString* secret) const
{
    if (!m_simulator || !m_draft->environment().isSimulator())
        return false;
    const QList<SimulatorProvider::DemoAccount> demos = m_simulator->demoAccounts();
    for (const auto& demo : demos) {
        if (demo.accountId == accountId()) {
            if (secret)
                *secret = demo.secretKey;
            return true;
        }
    }
    return false;
}

void CredentialsBar::lookUpSecret(bool keepTyped)
{
    const QString key = secretKeyId();
    // A secret typed before the account ID was (re)entered belongs to the account being typed,
    // unless the stores know one for it: keep it rather than wipe what the user typed.
    const bool carryTyped = keepTyped && !m_secretEditedKey.isEmpty() && !m_ui->secretEdit->text().isEmpty();
    m_secretEditedKey.clear();
    m_pendingSecretKey.clear();
    QString demoSecret;
    const bool restoring = m_restoring;
    m_restoring = true;
    if (isDemoAccount(&demoSecret)) {
        // Public demo values: shown, never stored anywhere.
        m_ui->secretEdit->setText(demoSecret);
        m_ui->rememberSecret->setChecked(false);
    } else if (const auto secret = m_secrets->sessionSecret(key)) {
        m_ui->secretEdit->setText(*secret);
        m_ui->rememberSecret->setChecked(m_keychainKeys.contains(key));
    } else if (carryTyped) {
        m_secretEditedKey = key;
        m_ui->rememberSecret->setChecked(false);
    } else {
        m_ui->secretEdit->clear();
        m_ui->rememberSecret->setChecked(false);
        if (!accountId().isEmpty()) {
            m_pendingSecretKey = key;
            // One turn of the event loop later, and only if still wanted: the first keychain use
            // loads libsecret and opens D-Bus (milliseconds), and a lookup superseded while the
            // draft is restored (environment, then account) is never made.
            QTimer::singleShot(0, this, [this, key] {
                if (m_pendingSecretKey == key)
                    m_secrets->read(key);
            });
        }
    }
    if (!carryTyped)
        m_ui->revealSecret->setChecked(false);
    m_restoring = restoring;
    updateSecretUi();
}

void CredentialsBar::onSecretRead(const QString& key, const QString& secret, bool found)
{
    if (key != m_pendingSecretKey)
        return; // an older lookup, or one the user overtook by typing
    m_pendingSecretKey.clear();
    if (!found || key != secretKeyId() || m_secretEditedKey == key)
        return;
    // The session had nothing when the read started, so a hit comes from the keychain.
    m_keychainKeys.insert(key);
    const bool restoring = m_restoring;
    m_restoring = true;
    m_ui->secretEdit->setText(secret);
    m_ui->rememberSecret->setChecked(true);
    m_restoring = restoring;
    updateSecretUi();
}

void CredentialsBar::setSecretKey(const QString& secret)
{
    enterSecret(secret);
    storeSecret();
}

void CredentialsBar::enterSecret(const QString& secret)
{
    m_ui->secretEdit->setText(secret);
    onSecretEdited();
}

void CredentialsBar::onSecretEdited()
{
    m_secretEditedKey = secretKeyId();
    m_pendingSecretKey.clear();
    updateSecretUi();
}

void CredentialsBar::storeSecret()
{
    if (m_draft->environmentId().isEmpty() || isDemoAccount() || accountId().isEmpty())
        return;
    const QString secret = m_ui->secretEdit->text();
    const QString key = secretKeyId();
    const bool remember = m_ui->rememberSecret->isChecked();
    if (secret.isEmpty()) {
        // An emptied field is how one sends without a secret (to see the API's answer); it does
        // not delete what the keychain holds unless Remember was unticked.
        if (!remember && m_keychainKeys.contains(key)) {
            m_secrets->remove(key);
            m_keychainKeys.remove(key);
        }
        return;
    }
    if (m_secrets->sessionSecret(key) == secret && m_keychainKeys.contains(key) == remember)
        return; // nothing changed: no keychain round trip
    m_secrets->write(key, secret, remember);
}

void CredentialsBar::updateSecretUi()
{
    const bool demo = isDemoAccount();
    m_ui->rememberSecret->setEnabled(!demo && !accountId().isEmpty());
    m_ui->revealSecret->setEnabled(!demo);
    if (demo)
        m_ui->secretEdit->setEchoMode(QLineEdit::Normal);
    else if (!m_ui->revealSecret->isChecked())
        m_ui->secretEdit->setEchoMode(QLineEdit::Password);

    const QString key = secretKeyId();
    QString text;
    Tone::Kind tone = Tone::Kind::Neutral;
    if (demo) {
        text = tr("Public demo credentials of the embedded simulator: shown on purpose, never stored.");
    } else if (m_secrets->backend() == SecretStore::Backend::SessionOnly) {
        text = m_secrets->unavailableReason();
        tone = Tone::Kind::Warning;
    } else if (m_ui->rememberSecret->isChecked() && m_keychainKeys.contains(key)) {
        text = tr("Kept in the system keychain for %1 / %2.").arg(m_draft->environment().name, accountId());
    } else if (m_ui->rememberSecret->isChecked()) {
        text = tr("Saving to the system keychain…");
    } else if (!m_ui->secretEdit->text().isEmpty()) {
        text = tr("Kept for this session only. Tick Remember to keep it in the system keychain.");
    } else if (accountId().isEmpty()) {
        text = tr("Enter the account ID and the secret key of the account to call.");
    } else {
        text = tr("No secret key: the request goes out without secretKey.");
        tone = Tone::Kind::Warning;
    }
    m_ui->secretStatus->setText(Tone::html(text.toHtmlEscaped(), tone, palette()));
}

QStringList CredentialsBar::recentAccounts(const QString& environmentId) const
{
    return m_settings->value(AppSettings::path(AppSettings::Group::RecentAccounts) + QLatin1Char('/') + environmentId)
        .toStringList();
}

void CredentialsBar::rememberAccount()
{
    const QString account = accountId();
    const QString environmentId = m_draft->environmentId();
    if (account.isEmpty())
        return;
    QStringList recent = recentAccounts(environmentId);
    recent.removeAll(account);
    recent.prepend(account);
    while (recent.size() > kMaxRecentAccounts)
        recent.removeLast();
    m_settings->setValue(AppSettings::path(AppSettings::Group::RecentAccounts) + QLatin1Char('/') + environmentId,
                         recent);
}
