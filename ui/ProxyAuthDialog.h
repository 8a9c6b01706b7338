#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class ProxyAuthDialog;
}

// Asked when a proxy answers 407 Proxy Authentication Required: the user name and password for
// that proxy, optionally remembered in the keychain (docs/design.md, Network settings and
// packaging). Cancel fails the call as a proxy failure that names the proxy.
class ProxyAuthDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ProxyAuthDialog(QWidget* parent = nullptr);
    ~ProxyAuthDialog() override;

    // "proxy.corp.example, port 3128" and the realm it announced (may be empty).
    void setProxy(const QString& host, quint16 port, const QString& realm);
    void setUser(const QString& user);
    void setPassword(const QString& password);
    // Remembering is offered for the proxy chosen in Preferences (whose password is read back
    // at start); for a proxy of the system's configuration the answer lasts for the session.
    void setRememberAvailable(bool available, bool checked);

    QString user() const;
    QString password() const;
    bool remember() const;

private:
    void updateOk();

    std::unique_ptr<Ui::ProxyAuthDialog> m_ui;
};
