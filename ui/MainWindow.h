#pragma once

#include <QMainWindow>

#include <memory>

namespace Ui {
class MainWindow;
}
class ComposerWidget;
class EmbeddedSimulator;
class EmbeddedSimulatorProvider;
class EnvironmentStore;
class ErrorBrowserWidget;
class InspectorWidget;
class QLabel;
class QNetworkAccessManager;
class SecretStore;

// The application shell: menus, status bar, and the composer / inspector / error-code tabs.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a request or response file given on the command line or dropped on the window.
    void openFile(const QString& path);
    ErrorBrowserWidget* errorBrowser() const;
    ComposerWidget* composer() const;
    EmbeddedSimulator* simulator() const { return m_simulator; }
    InspectorWidget* inspector() const;

    // The About box text: application, catalogue and Qt versions.
    QString aboutText() const;

public slots:
    void showErrorBrowser();
    void showInspector();
    void showAbout();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void setupComposer();
    void restoreWindowState();
    void saveWindowState() const;

    std::unique_ptr<Ui::MainWindow> m_ui;
    ErrorBrowserWidget* m_errorBrowser = nullptr;
    InspectorWidget* m_inspector = nullptr;
    QLabel* m_statusEnvironment = nullptr;
    QNetworkAccessManager* m_network = nullptr;
    EnvironmentStore* m_environments = nullptr;
    SecretStore* m_secrets = nullptr;
    EmbeddedSimulator* m_simulator = nullptr;
    std::unique_ptr<EmbeddedSimulatorProvider> m_simulatorProvider;
    ComposerWidget* m_composer = nullptr;
    QLabel* m_statusCatalogue = nullptr;
};
