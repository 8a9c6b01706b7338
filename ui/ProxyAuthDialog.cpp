#include "ProxyAuthDialog.h"

#include "ui_ProxyAuthDialog.h"

#include <QPushButton>

ProxyAuthDialog::ProxyAuthDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ProxyAuthDialog>())
{
    m_ui->setupUi(this);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->proxyAuthUser, &QLineEdit::textChanged, this, &ProxyAuthDialog::updateOk);
    updateOk();
}

ProxyAuthDialog::~ProxyAuthDialog() = default;

void ProxyAuthDialog::setProxy(const QString& host, quint16 port, const QString& realm)
{
    const QString proxy = tr("%1, port %2").arg(host.toHtmlEscaped()).arg(port);
    m_ui->proxyAuthMessage->setText(
        realm.isEmpty()
            ? tr("The proxy <b>%1</b> asks for a user name and password.").arg(proxy)
            : tr("The proxy <b>%1</b> asks for a user name and password for “%2”.").arg(proxy, realm.toHtmlEscaped()));
}

void ProxyAuthDialog::setUser(const QString& user)
{
    m_ui->proxyAuthUser->setText(user);
    if (!user.isEmpty())
        m_ui->proxyAuthPassword->setFocus();
}

void ProxyAuthDialog::setPassword(const QString& password)
{
    m_ui->proxyAuthPassword->setText(password);
}

void ProxyAuthDialog::setRememberAvailable(bool available, bool checked)
{
    m_ui->proxyAuthRemember->setVisible(available);
    m_ui->proxyAuthRemember->setChecked(available && checked);
}

QString ProxyAuthDialog::user() const
{
    return m_ui->proxyAuthUser->text().trimmed();
}

QString ProxyAuthDialog::password() const
{
    return m_ui->proxyAuthPassword->text();
}

bool ProxyAuthDialog::remember() const
{
    return m_ui->proxyAuthRemember->isVisible() && m_ui->proxyAuthRemember->isChecked();
}

void ProxyAuthDialog::updateOk()
{
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!user().isEmpty());
}
