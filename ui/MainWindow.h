#pragma once

#include <QMainWindow>
#include <QPointer>

#include <memory>

namespace Ui {
class MainWindow;
}
class ComposerWidget;
class CsvImportDialog;
class EmbeddedSimulatorProvider;
class EnvironmentStore;
class ErrorBrowserWidget;
class GettingStartedPanel;
class HistoryController;
class InspectorWidget;
class NetworkPreferences;
class QDockWidget;
class QLabel;
class RateMeter;
class ReproduceController;
class SecretStore;
class SupportController;
struct CallCapture;

// The application shell. One window for the common path (compose → send → read the verdict →
// explain): the composer is a dock on the left, the inspector the central widget, so a call's
// verdict and findings show next to the request that made it. The error browser is a dock
// that opens under the inspector on "Explain" or Ctrl+K; "Getting started" is a dock too. Layout, geometry and docks
// persist in QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a request or response file given on the command line or dropped on the window.
    void openFile(const QString& path);
    // Created when first needed (shown, or asked for here): the start does not wait for it.
    ErrorBrowserWidget* errorBrowser();
    ComposerWidget* composer() const;
    EmbeddedSimulatorProvider* simulator() const { return m_simulatorProvider.get(); }
    InspectorWidget* inspector() const;
    QDockWidget* errorDock() const { return m_errorDock; }
    QDockWidget* composerDock() const { return m_composerDock; }
    QDockWidget* historyDock() const { return m_historyDock; }
    QDockWidget* gettingStartedDock() const { return m_guideDock; }
    SupportController* support() const { return m_support; }  // HAR, bundles, triage (ui/support)
    NetworkPreferences* network() const { return m_network; } // the proxy for API calls
    GettingStartedPanel* gettingStarted();                    // created when first needed, like the error browser
    RateMeter* rateMeter() const { return m_rateMeter; }      // the current account's calls (status bar)
    // File → Import CSV… on `path`: the mapping dialog (shown; null when the composer has no
    // usable environment).
    CsvImportDialog* importCsv(const QString& path);

    // The About box text: application, catalogue and Qt versions.
    QString aboutText() const;

    // Shows "Getting started" if it was never shown (remembered in QSettings); true if it did.
    // The application calls it once after showing the window.
    bool showGettingStartedOnFirstRun();

public slots:
    // Ctrl+K: the error browser, its search focused.
    void showErrorBrowser();
    // The error browser on an entry ("Explain"), focus left where it was.
    void explain(const QString& codeOrKey);
    void showInspector();
    void showGettingStarted();
    void showAbout();
    void showPreferences();
    // Help → Keyboard shortcuts: generated from the window's actions.
    void showShortcuts();

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void setupInspector();
    void setupComposer();
    // The docks are made at once, their widgets on first use. Wire the error browser's signals in
    // createErrorBrowser().
    void setupErrorBrowser();
    void createErrorBrowser();
    void createGettingStarted() { gettingStarted(); }
    // A bottom dock, hidden, whose content `create` builds the first time it is shown.
    QDockWidget* addLazyDock(const QString& title, const QString& name, const QString& actionName,
                             void (MainWindow::*build)());
    // A bottom panel shown the first time goes beside one already open, as a tab.
    void tabifyWithOpenPanel(QDockWidget* dock);
    void setupGettingStarted();
    void setupStatusBar();
    void setupMenus();
    void showErrorDock();
    void updateConnectionStatus();
    void onCallFinished(const CallCapture& capture);
    void setupHistory();
    void createHistory();
    void showLastCallVerdict();
    void restoreWindowState();
    void fitToScreen();
    void saveWindowState() const;

    std::unique_ptr<Ui::MainWindow> m_ui;
    ErrorBrowserWidget* m_errorBrowser = nullptr;
    ReproduceController* m_reproducer = nullptr;
    InspectorWidget* m_inspector = nullptr;
    EnvironmentStore* m_environments = nullptr;
    SecretStore* m_secrets = nullptr;
    NetworkPreferences* m_network = nullptr;
    std::unique_ptr<EmbeddedSimulatorProvider> m_simulatorProvider;
    ComposerWidget* m_composer = nullptr;
    GettingStartedPanel* m_guide = nullptr;

    QDockWidget* m_composerDock = nullptr;
    QDockWidget* m_errorDock = nullptr;
    QDockWidget* m_guideDock = nullptr;
    bool m_layoutRestored = false;  // a saved dock layout was applied
    bool m_layoutReapplied = false; // ... and again once its panels had their content
    bool m_errorDockPlaced = false; // the error dock has its area and size
    bool m_composerSized = false;   // the composer dock got its first width

    QLabel* m_statusEnvironment = nullptr;
    QLabel* m_statusAccount = nullptr;
    QLabel* m_statusLastCall = nullptr;
    QLabel* m_statusSimulator = nullptr;
    QLabel* m_statusCatalogue = nullptr;
    // The last call: its time and duration wait for the inspector's verdict.
    QString m_lastCallText;
    bool m_verdictPending = false;
    HistoryController* m_history = nullptr;
    QDockWidget* m_historyDock = nullptr;
    SupportController* m_support = nullptr;
    void setupSupport(); // MainWindowSupport.cpp
    // MainWindowBulk.cpp: rate meter, Import CSV, Retry failed objects.
    void setupBulk();
    void updateRateMeter();
    RateMeter* m_rateMeter = nullptr;
    qint64 m_rateMeterQuota = 0;
};
