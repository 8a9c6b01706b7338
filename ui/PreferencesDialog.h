#pragma once

#include "HistorySettings.h"
#include "InspectorSettings.h"
#include "ProxyConfig.h"

#include <QDialog>

#include <memory>

namespace Ui {
class PreferencesDialog;
}

// Edit → Preferences: the proxy for API calls (docs/design.md, Network settings and packaging), the call history
// (docs/design.md, Call history) and the inspector's size limits (docs/design.md, Big responses), which decide how much
// text work the body view does on big responses. The tree, findings and batch table work at any size, so these trade
// convenience against speed only; they are shown in MB (10^6 bytes).
class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(const InspectorSettings& settings, QWidget* parent = nullptr);
    ~PreferencesDialog() override;

    InspectorSettings settings() const;
    // The call history's settings: recording, body limit, retention (the database path shown).
    void setHistorySettings(const HistorySettings& settings);
    HistorySettings historySettings() const;
    // The proxy for API calls: system settings, none, or an explicit HTTP or SOCKS5 proxy. The
    // password is shown masked; the dialog saves nothing itself.
    void setProxy(const ProxyConfig& config, bool rememberPassword);
    ProxyConfig proxy() const;
    bool rememberProxyPassword() const;

private:
    void display(const InspectorSettings& settings);
    void updateHint();
    void updateProxyForm();

    std::unique_ptr<Ui::PreferencesDialog> m_ui;
};
