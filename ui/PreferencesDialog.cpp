#include "PreferencesDialog.h"

#include "HistoryStore.h"
#include "ui_PreferencesDialog.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QPushButton>
#include <QUrl>

namespace {
constexpr qint64 kMegabyte = 1'000'000;

int toMegabytes(qint64 bytes)
{
    return int(qBound<qint64>(qint64(1), (bytes + kMegabyte / 2) / kMegabyte, qint64(100'000)));
}
} // namespace

PreferencesDialog::PreferencesDialog(const InspectorSettings& settings, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PreferencesDialog>())
{
    m_ui->setupUi(this);
    display(settings);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    QPushButton* defaults = m_ui->buttonBox->button(QDialogButtonBox::RestoreDefaults);
    defaults->setObjectName(QStringLiteral("restoreDefaultsButton"));
    connect(defaults, &QPushButton::clicked, this, [this] {
        display(InspectorSettings());
        setHistorySettings(HistorySettings());
        setProxy(ProxyConfig(), false);
    });
    m_ui->proxyMode->addItem(tr("System settings"), QStringLiteral("system"));
    m_ui->proxyMode->addItem(tr("No proxy (direct connection)"), QStringLiteral("none"));
    m_ui->proxyMode->addItem(tr("HTTP proxy"), QStringLiteral("http"));
    m_ui->proxyMode->addItem(tr("SOCKS5 proxy"), QStringLiteral("socks5"));
    connect(m_ui->proxyMode, &QComboBox::currentIndexChanged, this, [this] {
        // The usual ports, unless one was typed.
        const QString mode = m_ui->proxyMode->currentData().toString();
        if (mode == QLatin1String("socks5") && m_ui->proxyPort->value() == 3128)
            m_ui->proxyPort->setValue(1080);
        else if (mode == QLatin1String("http") && m_ui->proxyPort->value() == 1080)
            m_ui->proxyPort->setValue(3128);
        updateProxyForm();
    });
    connect(m_ui->proxyHost, &QLineEdit::textChanged, this, &PreferencesDialog::updateProxyForm);
    setProxy(ProxyConfig(), false);
    setHistorySettings(HistorySettings());
    connect(m_ui->historyEnabled, &QCheckBox::toggled, this, [this](bool on) {
        for (QWidget* widget :
             {static_cast<QWidget*>(m_ui->historyBodyLimit), static_cast<QWidget*>(m_ui->historyKeepDays),
              static_cast<QWidget*>(m_ui->historyMaxMegabytes)})
            widget->setEnabled(on);
    });
    const QString path = HistoryStore::defaultPath();
    m_ui->historyPath->setText(path.isEmpty() ? tr("LEADGEN_HISTORY=off: nothing is recorded, whatever is chosen here.")
                                              : tr("Database: %1").arg(path));
    // One line, cut with "…" when long; the whole path in the tooltip.
    m_ui->historyPath->setToolTip(path);
    m_ui->historyOpenFolder->setEnabled(!path.isEmpty());
    connect(m_ui->historyOpenFolder, &QPushButton::clicked, this,
            [path] { QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath())); });
    for (QSpinBox* spin : {m_ui->highlightLimit, m_ui->prettyPrintLimit, m_ui->reopenLimit})
        connect(spin, &QSpinBox::valueChanged, this, &PreferencesDialog::updateHint);
    updateHint();
    // As tall as the wrapped notes need at this width: the form's fixed size would cut the last
    // lines (the database path, the proxy note).
    if (layout()->hasHeightForWidth())
        resize(width(), std::max(height(), layout()->totalHeightForWidth(width())));
}

PreferencesDialog::~PreferencesDialog() = default;

InspectorSettings PreferencesDialog::settings() const
{
    InspectorSettings s;
    s.highlightLimit = m_ui->highlightLimit->value() * kMegabyte;
    s.prettyPrintLimit = m_ui->prettyPrintLimit->value() * kMegabyte;
    s.reopenLimit = m_ui->reopenLimit->value() * kMegabyte;
    return s;
}

void PreferencesDialog::setHistorySettings(const HistorySettings& settings)
{
    m_ui->historyEnabled->setChecked(settings.enabled);
    m_ui->historyBodyLimit->setValue(int(settings.bodyLimit / kMegabyte));
    m_ui->historyKeepDays->setValue(settings.keepDays);
    m_ui->historyMaxMegabytes->setValue(settings.maxMegabytes);
}

HistorySettings PreferencesDialog::historySettings() const
{
    HistorySettings s;
    s.enabled = m_ui->historyEnabled->isChecked();
    s.bodyLimit = qint64(m_ui->historyBodyLimit->value()) * kMegabyte;
    s.keepDays = m_ui->historyKeepDays->value();
    s.maxMegabytes = m_ui->historyMaxMegabytes->value();
    return s;
}

void PreferencesDialog::setProxy(const ProxyConfig& config, bool rememberPassword)
{
    QString mode = QStringLiteral("system");
    if (config.mode == ProxyConfig::Mode::Direct)
        mode = QStringLiteral("none");
    else if (config.mode == ProxyConfig::Mode::Manual)
        mode = config.type == QNetworkProxy::Socks5Proxy ? QStringLiteral("socks5") : QStringLiteral("http");
    m_ui->proxyHost->setText(config.host);
    m_ui->proxyMode->setCurrentIndex(m_ui->proxyMode->findData(mode));
    m_ui->proxyPort->setValue(config.port > 0 ? config.port : 3128);
    m_ui->proxyUser->setText(config.user);
    m_ui->proxyPassword->setText(config.password);
    m_ui->proxyRememberPassword->setChecked(rememberPassword);
    m_ui->proxyBypass->setText(config.noProxy);
    updateProxyForm();
}

ProxyConfig PreferencesDialog::proxy() const
{
    ProxyConfig config;
    const QString mode = m_ui->proxyMode->currentData().toString();
    if (mode == QLatin1String("none")) {
        config.mode = ProxyConfig::Mode::Direct;
    } else if (mode == QLatin1String("http") || mode == QLatin1String("socks5")) {
        config.mode = ProxyConfig::Mode::Manual;
        config.type = mode == QLatin1String("socks5") ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy;
        config.host = m_ui->proxyHost->text().trimmed();
        config.port = quint16(m_ui->proxyPort->value());
        config.user = m_ui->proxyUser->text().trimmed();
        config.password = config.user.isEmpty() ? QString() : m_ui->proxyPassword->text();
        config.noProxy = m_ui->proxyBypass->text().trimmed();
    }
    return config;
}

bool PreferencesDialog::rememberProxyPassword() const
{
    return proxy().mode == ProxyConfig::Mode::Manual && m_ui->proxyRememberPassword->isChecked();
}

void PreferencesDialog::updateProxyForm()
{
    const ProxyConfig config = proxy();
    const bool manual = config.mode == ProxyConfig::Mode::Manual;
    for (QWidget* widget :
         {static_cast<QWidget*>(m_ui->proxyHost), static_cast<QWidget*>(m_ui->proxyPort),
          static_cast<QWidget*>(m_ui->proxyUser), static_cast<QWidget*>(m_ui->proxyPassword),
          static_cast<QWidget*>(m_ui->proxyRememberPassword), static_cast<QWidget*>(m_ui->proxyBypass)})
        widget->setEnabled(manual);
    // The same check as `send --proxy`: a host name, nothing else.
    QString problem;
    if (manual) {
        if (config.host.isEmpty())
            problem = tr("Enter the proxy's host name.");
        else if (!ProxyConfig::fromUrl(config.toUrl(), &problem) || config.host.contains(QLatin1Char('/')) ||
                 config.host.contains(QLatin1Char(' ')))
            problem = tr("“%1” is not a host name.").arg(config.host);
    }
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
    QString note;
    switch (config.mode) {
    case ProxyConfig::Mode::System:
        note = tr("The desktop's proxy settings, after the https_proxy, http_proxy, all_proxy and no_proxy "
                  "variables when they are set.");
        break;
    case ProxyConfig::Mode::Direct:
        note = tr("Every call connects directly, whatever the system or the variables say.");
        break;
    case ProxyConfig::Mode::Manual:
        note = problem.isEmpty() ? tr("The password is kept in the keychain when remembered, otherwise for this "
                                      "session only; never in the settings file.")
                                 : problem;
        break;
    }
    m_ui->proxyNote->setText(note + QLatin1Char(' ') +
                             tr("The simulator and other servers on this computer are never proxied."));
}

void PreferencesDialog::display(const InspectorSettings& settings)
{
    m_ui->highlightLimit->setValue(toMegabytes(settings.highlightLimit));
    m_ui->prettyPrintLimit->setValue(toMegabytes(settings.prettyPrintLimit));
    m_ui->reopenLimit->setValue(toMegabytes(settings.reopenLimit));
}

void PreferencesDialog::updateHint()
{
    // Colouring applies to pretty-printed text only: say so when the numbers make one moot.
    if (m_ui->highlightLimit->value() > m_ui->prettyPrintLimit->value()) {
        m_ui->hint->setText(tr("Responses above %1 MB are shown as received, without colours, whatever the "
                               "colouring limit.")
                                .arg(m_ui->prettyPrintLimit->value()));
    } else {
        m_ui->hint->setText(tr("Error objects are marked in the body at any size; the tree, findings and "
                               "batch table always work."));
    }
}
