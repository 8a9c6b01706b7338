#include "MainWindow.h"

#include "AnalysisTask.h"
#include "AppSettings.h"
#include "bulk/BulkRunDialog.h"
#include "CallCapture.h"
#include "ComposerWidget.h"
#include "ElideLabel.h"
#include "EmbeddedSimulatorProvider.h"
#include "EnvironmentStore.h"
#include "ErrorBrowserWidget.h"
#include "ErrorCatalog.h"
#include "FinishedCall.h"
#include "GettingStartedPanel.h"
#include "HistoryController.h"
#include "HistorySettings.h"
#include "InspectorWidget.h"
#include "JsonText.h"
#include "NetworkPreferences.h"
#include "PreferencesDialog.h"
#include "RecentFiles.h"
#include "RecentFilesMenu.h"
#include "ReproduceController.h"
#include "RequestFile.h"
#include "SecretStore.h"
#include "ShortcutsDialog.h"
#include "support/SupportController.h"
#include "ui_MainWindow.h"
#include "VerdictBanner.h"

#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTime>
#include <QTimer>

namespace {
// Bumped when the dock layout changes incompatibly: an older saved state is then ignored.
constexpr int kStateVersion = 2;
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);
    // The composer (left dock) runs the full height; the bottom dock area is the inspector's (the
    // composer's form needs its height more than a panel needs the width: panels fit beside it).
    setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setDockOptions(AnimatedDocks | AllowTabbedDocks);

    setupInspector();
    setupComposer();
    setupErrorBrowser();
    setupHistory();
    setupSupport();
    setupGettingStarted();
    setupStatusBar();
    setupMenus();
    setupBulk();

    restoreWindowState();
    m_inspector->restoreLastResponse();
}

MainWindow::~MainWindow()
{
    // The store's simulator resolver points at the provider, which goes before the store (a
    // child): take the composer down first and unhook the resolver.
    delete m_composer;
    m_composer = nullptr;
    m_environments->setSimulatorResolver({});
}

ErrorBrowserWidget* MainWindow::errorBrowser()
{
    createErrorBrowser();
    return m_errorBrowser;
}

GettingStartedPanel* MainWindow::gettingStarted()
{
    if (!m_guide) {
        m_guide = new GettingStartedPanel(*this, m_guideDock);
        m_guide->setObjectName(QStringLiteral("gettingStarted"));
        m_guideDock->setWidget(m_guide);
    }
    return m_guide;
}

ComposerWidget* MainWindow::composer() const
{
    return m_composer;
}

InspectorWidget* MainWindow::inspector() const
{
    return m_inspector;
}

// --- setup ----------------------------------------------------------------------------------

void MainWindow::setupInspector()
{
    m_inspector = new InspectorWidget(ErrorCatalog::builtin(), this);
    m_inspector->setObjectName(QStringLiteral("inspector"));
    m_inspector->setAccessibleName(tr("Inspector"));
    setCentralWidget(m_inspector);
    connect(m_inspector, &InspectorWidget::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_inspector, &InspectorWidget::explainRequested, this, &MainWindow::explain);
    // Something else opened before the last call's analysis ended: that verdict is not coming.
    connect(m_inspector, &InspectorWidget::opened, this, [this] { m_verdictPending = false; });
    connect(m_inspector, &InspectorWidget::loaded, this, &MainWindow::showLastCallVerdict);
}

void MainWindow::setupComposer()
{
    m_environments = new EnvironmentStore(nullptr, this);
    m_secrets = new SecretStore(QStringLiteral("leadgen-diag"), this);
    // Before any ApiClient: every call follows the proxy chosen in Preferences.
    m_network = new NetworkPreferences(*m_secrets, this, this);
    // The simulator runs on its own thread and starts on the first call (not at launch).
    m_simulatorProvider = std::make_unique<EmbeddedSimulatorProvider>();

    m_composerDock = new QDockWidget(tr("Composer"), this);
    m_composerDock->setObjectName(QStringLiteral("composerDock"));
    // Always there, so no title bar or close button: the separator still resizes it.
    m_composerDock->setFeatures(QDockWidget::NoDockWidgetFeatures);
    m_composerDock->setTitleBarWidget(new QWidget(m_composerDock));
    m_composer = new ComposerWidget(*m_environments, *m_secrets, nullptr, m_simulatorProvider.get(), m_composerDock);
    m_composer->setObjectName(QStringLiteral("composer"));
    m_composer->setAccessibleName(tr("Composer"));
    m_composer->setResponsePreviewShown(false); // the inspector next to it shows every call
    m_composerDock->setWidget(m_composer);
    addDockWidget(Qt::LeftDockWidgetArea, m_composerDock);

    connect(m_composer, &ComposerWidget::statusMessage, statusBar(), &QStatusBar::showMessage);
    // Every call the composer finishes opens in the inspector, next to it, with the analysis the
    // composer's result line shows (a call is analysed once).
    m_composer->setInspectorSession(m_inspector->session());
    m_inspector->setComposerRequestSource([this] { return m_composer->request().body(); });
    connect(m_composer, &ComposerWidget::callAnalysed, this, [this](const FinishedCall& call) {
        if (!call.inspected)
            m_inspector->openAnalysedCall(call);
        m_history->record(call);
        onCallFinished(call.capture);
    });
    // The verdict's "Next page": the composer takes the request (offset + limit) and, for a call
    // it just made, sends it; the inspector then shows that page.
    connect(m_inspector, &InspectorWidget::nextPageRequested, this,
            [this](const QString& method, const QJsonObject& params, bool send) {
                if (!method.isEmpty())
                    m_composer->setMethod(method);
                m_composer->setParamsText(
                    JsonText::indented(QString::fromUtf8(QJsonDocument(params).toJson(QJsonDocument::Compact))));
                if (send && !m_composer->isSending())
                    m_composer->send();
                else
                    statusBar()->showMessage(tr("The next page is in the composer: check the environment, then Send"),
                                             6000);
            });
    connect(m_composer, &ComposerWidget::inspectRequested, this, &MainWindow::showInspector);
    connect(m_composer, &ComposerWidget::connectionChanged, this, &MainWindow::updateConnectionStatus);
    connect(m_composer, &ComposerWidget::simulatorStarted, this, &MainWindow::updateConnectionStatus);
    connect(m_environments, &EnvironmentStore::changed, this, &MainWindow::updateConnectionStatus);

    // "Reproduce on simulator" and "Try an error" (ReproduceController does the work).
    m_reproducer = new ReproduceController(*m_composer, *m_simulatorProvider, this);
    m_reproducer->setObjectName(QStringLiteral("reproduceController"));
    connect(m_reproducer, &ReproduceController::finished, this, &MainWindow::showInspector);
    connect(m_reproducer, &ReproduceController::statusMessage, statusBar(), &QStatusBar::showMessage);

    m_history = new HistoryController(*m_composer, *m_inspector, this);
    m_history->setObjectName(QStringLiteral("historyController"));
    connect(m_history, &HistoryController::statusMessage, statusBar(), &QStatusBar::showMessage);
}

QDockWidget* MainWindow::addLazyDock(const QString& title, const QString& name, const QString& actionName,
                                     void (MainWindow::*build)())
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                      QDockWidget::DockWidgetFloatable);
    dock->toggleViewAction()->setObjectName(actionName);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    dock->hide();
    // However it gets shown (a button, a shortcut, the View menu, a restored layout), it has its
    // content: built on first show, not at startup.
    connect(dock, &QDockWidget::visibilityChanged, this, [this, dock, build](bool visible) {
        if (!visible)
            return;
        // The first time, beside a panel already open at the bottom: as its tab, not stacked
        // under it (two stacked panels would leave the inspector a few lines on a laptop).
        if (!dock->property("placed").toBool()) {
            dock->setProperty("placed", true);
            tabifyWithOpenPanel(dock);
        }
        (this->*build)();
    });
    return dock;
}

void MainWindow::tabifyWithOpenPanel(QDockWidget* dock)
{
    if (dock->isFloating() || dockWidgetArea(dock) != Qt::BottomDockWidgetArea)
        return;
    for (QDockWidget* other : {m_guideDock, m_errorDock, m_historyDock}) {
        if (other && other != dock && !other->isHidden() && !other->isFloating() &&
            dockWidgetArea(other) == Qt::BottomDockWidgetArea) {
            tabifyDockWidget(other, dock);
            dock->raise();
            return;
        }
    }
}

void MainWindow::setupErrorBrowser()
{
    m_errorDock = addLazyDock(tr("Error codes"), QStringLiteral("errorDock"), QStringLiteral("actionShowErrorCodes"),
                              &MainWindow::createErrorBrowser);
    m_errorDock->toggleViewAction()->setText(tr("Error &codes"));
}

void MainWindow::createErrorBrowser()
{
    if (m_errorBrowser)
        return;
    m_errorBrowser = new ErrorBrowserWidget(ErrorCatalog::builtin(), m_errorDock);
    m_errorBrowser->setObjectName(QStringLiteral("errorBrowser"));
    // Under the inspector it gets what the composer leaves: ~460 pixels in a 1024-pixel window,
    // where it puts the list above the entry (its minimumSizeHint is that arrangement's).
    m_errorDock->setWidget(m_errorBrowser);
    connect(m_errorBrowser, &ErrorBrowserWidget::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_errorBrowser, &ErrorBrowserWidget::openExampleRequested, this, [this](const ErrorEntry& entry) {
        m_inspector->openExample(entry);
        showInspector();
    });
    m_errorBrowser->setInspectorAvailable(true);
    m_reproducer->attach(m_errorBrowser);
}

void MainWindow::setupHistory()
{
    m_historyDock = addLazyDock(tr("History"), QStringLiteral("historyDock"), QStringLiteral("actionShowHistory"),
                                &MainWindow::createHistory);
    m_historyDock->toggleViewAction()->setText(tr("&History"));
    m_historyDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
}

void MainWindow::createHistory()
{
    if (m_historyDock->widget())
        return;
    // Its filter row and buttons need ~800 pixels: narrower (under the inspector in a 1024-pixel
    // window), the panel scrolls sideways instead of widening the window.
    auto* scroll = new QScrollArea(m_historyDock);
    scroll->setObjectName(QStringLiteral("historyScroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(m_history->view(scroll));
    m_historyDock->setWidget(scroll);
    // Under the inspector with room for a screenful of calls; the user's resizing is kept after.
    if (!m_historyDock->isFloating() && dockWidgetArea(m_historyDock) == Qt::BottomDockWidgetArea)
        resizeDocks({m_historyDock}, {int(height() * 0.4)}, Qt::Vertical);
}

void MainWindow::setupGettingStarted()
{
    m_guideDock = addLazyDock(tr("Getting started"), QStringLiteral("gettingStartedDock"),
                              QStringLiteral("actionToggleGettingStarted"), &MainWindow::createGettingStarted);
}

void MainWindow::setupStatusBar()
{
    const auto label = [this](const QString& name) {
        // Elided when the window is narrow: none of them may set its minimum width.
        auto* l = new ElideLabel(this);
        l->setObjectName(name);
        l->setContentsMargins(6, 0, 6, 0);
        statusBar()->addPermanentWidget(l);
        return l;
    };
    m_statusEnvironment = label(QStringLiteral("statusEnvironment"));
    m_statusAccount = label(QStringLiteral("statusAccount"));
    m_statusLastCall = label(QStringLiteral("statusLastCall"));
    m_statusLastCall->hide(); // until the first call
    m_statusSimulator = label(QStringLiteral("statusSimulator"));
    updateConnectionStatus();

    // Which catalogue the explanations come from; a catalogue that failed validation says so
    // instead of silently showing fewer entries.
    const ErrorCatalog& catalog = ErrorCatalog::builtin();
    m_statusCatalogue = label(QStringLiteral("statusCatalogue"));
    if (catalog.validationErrors().isEmpty()) {
        m_statusCatalogue->setText(
            tr("Error catalogue %1 · %n entries", nullptr, int(catalog.entries().size())).arg(catalog.version()));
    } else {
        m_statusCatalogue->setText(
            tr("⚠ Error catalogue %1 has %n problem(s)", nullptr, int(catalog.validationErrors().size()))
                .arg(catalog.version()));
        m_statusCatalogue->setToolTip(catalog.validationErrors().join(QLatin1Char('\n')));
    }
}

void MainWindow::setupMenus()
{
    m_ui->menuFile->insertActions(m_ui->actionOpen, {m_inspector->openAction(), m_inspector->pasteAction()});
    connect(m_ui->actionOpen, &QAction::triggered, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open request or response"), RecentFiles::lastFolder(QSettings()),
                                         tr("JSON files (*.json);;HAR files and support bundles "
                                            "(*.har *.lgdbundle);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
    auto* recent = new RecentFilesMenu([this](const QString& path) { openFile(path); }, this);
    recent->setObjectName(QStringLiteral("menuOpenRecent"));
    const QList<QAction*> fileActions = m_ui->menuFile->actions();
    m_ui->menuFile->insertMenu(fileActions.value(int(fileActions.indexOf(m_ui->actionOpen)) + 1), recent);
    auto* preferences = new QAction(tr("&Preferences…"), this);
    preferences->setObjectName(QStringLiteral("actionPreferences"));
    preferences->setMenuRole(QAction::PreferencesRole);
    preferences->setShortcut(QKeySequence::Preferences);
    connect(preferences, &QAction::triggered, this, &MainWindow::showPreferences);
    m_ui->menuFile->insertAction(m_ui->actionQuit, preferences);
    m_ui->menuFile->insertSeparator(m_ui->actionQuit);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);

    auto* menu = new QMenu(tr("&Request"), this);
    menu->setObjectName(QStringLiteral("menuRequest"));
    menu->addAction(m_composer->sendAction());
    menu->addAction(m_composer->cancelAction());
    menu->addSeparator();
    menu->addAction(m_composer->insertTemplateAction());
    menu->addAction(m_composer->formatAction());
    menu->addSeparator();
    menu->addAction(m_composer->openAction());
    menu->addAction(m_composer->saveAction());
    menu->addSeparator();
    menu->addAction(m_composer->copyCurlAction());
    menu->addAction(m_composer->copyCurlWithSecretAction());
    menu->addAction(m_composer->importCurlAction());
    menu->addSeparator();
    // Bulk work (docs/design.md, Bulk work): the composer's request, all pages or in batches.
    auto* bulk = new QAction(tr("Fetch all pages / Send in &batches…"), this);
    bulk->setObjectName(QStringLiteral("actionBulkRun"));
    connect(bulk, &QAction::triggered, this, [this] {
        ApiRequest request;
        QString error;
        if (!m_composer->currentRequest(&request, &error) || !BulkRunDialog::canRun(request.body)) {
            QMessageBox::information(this, tr("Bulk run"),
                                     error.isEmpty() ? tr("Fetch all pages works on paginated methods (getLeads, …), "
                                                          "Send in batches on batch methods (createLeads, …).")
                                                     : error);
            return;
        }
        const QString environment = m_composer->environment().name;
        auto* dialog = new BulkRunDialog(request, environment.isEmpty() ? request.endpoint.host() : environment,
                                         Environment::isLoopbackHost(request.endpoint.host()), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setHistory(m_history->recorderForCalls());
        dialog->show();
    });
    menu->addAction(bulk);
    menu->addSeparator();
    menu->addAction(m_composer->manageEnvironmentsAction());
    menuBar()->insertMenu(m_ui->menuView->menuAction(), menu);

    m_ui->actionFindErrorCode->setShortcut(ErrorBrowserWidget::focusSearchShortcut());
    connect(m_ui->actionFindErrorCode, &QAction::triggered, this, &MainWindow::showErrorBrowser);
    m_ui->menuView->addAction(m_errorDock->toggleViewAction());
    m_ui->menuView->addAction(m_historyDock->toggleViewAction());
    m_ui->menuView->addAction(m_composer->methodListAction());

    connect(m_ui->actionGettingStarted, &QAction::triggered, this, &MainWindow::showGettingStarted);
    auto* tryError = new QAction(tr("Try an &error…"), this);
    tryError->setObjectName(QStringLiteral("actionTryError"));
    tryError->setToolTip(tr("Pick any error code and see it happen on the built-in simulator"));
    connect(tryError, &QAction::triggered, this, [this] {
        showErrorDock();
        errorBrowser()->showGallery();
    });
    m_ui->menuHelp->insertAction(m_ui->actionAbout, tryError);
    auto* shortcuts = new QAction(tr("&Keyboard shortcuts"), this);
    shortcuts->setObjectName(QStringLiteral("actionKeyboardShortcuts"));
    connect(shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    m_ui->menuHelp->insertAction(m_ui->actionAbout, shortcuts);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
}

// --- docks ----------------------------------------------------------------------------------

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    // The saved layout once more, after the first show: the panels it opened were empty when it
    // was applied (their content is built on first show), and Qt then sizes them a little off
    // what the user left (the error panel ~17 pixels taller).
    if (m_layoutRestored && !m_layoutReapplied) {
        m_layoutReapplied = true;
        QTimer::singleShot(0, this, [this] {
            restoreState(AppSettings::value(QSettings(), AppSettings::Key::WindowState).toByteArray(), kStateVersion);
        });
    }
    // First run (no saved layout): the composer gets a bit less than half the width, and at least
    // its form's natural width (its minimum is smaller: the window fits 1024-pixel screens); the
    // inspector the rest.
    if (!m_layoutRestored && !m_composerSized) {
        m_composerSized = true;
        const int least = m_composerDock->sizeHint().width();
        resizeDocks({m_composerDock}, {std::max(least, int(width() * 0.44))}, Qt::Horizontal);
    }
}

void MainWindow::showErrorDock()
{
    if (!m_errorDockPlaced) {
        // Under the inspector, whose verdict and findings stay in view above it; the composer
        // keeps its full height. Once placed, the user's arrangement is kept.
        m_errorDockPlaced = true;
        m_errorDock->show(); // beside an open panel as its tab (addLazyDock)
        // A bit over a third of a laptop's height, so the inspector keeps rows of findings and
        // body; on a short window the panel needs its share for two rows of gallery tiles.
        // Once the browser has its width and arrangement (stacked when narrow, taller).
        QTimer::singleShot(0, this, [this] {
            resizeDocks({m_errorDock}, {int(height() * (height() >= 740 ? 0.38 : 0.45))}, Qt::Vertical);
        });
    }
    m_errorDock->show();
    m_errorDock->raise();
}

void MainWindow::showErrorBrowser()
{
    showErrorDock();
    errorBrowser()->focusSearch();
}

void MainWindow::explain(const QString& codeOrKey)
{
    showErrorDock();
    errorBrowser()->showEntry(codeOrKey);
}

void MainWindow::showInspector()
{
    // The inspector is the central widget, always in view; bring the window forward.
    raise();
    activateWindow();
}

void MainWindow::showGettingStarted()
{
    gettingStarted();
    m_guideDock->show();
    m_guideDock->raise();
    if (m_guideDock->isFloating() || dockWidgetArea(m_guideDock) != Qt::BottomDockWidgetArea)
        return;
    resizeDocks({m_guideDock}, {std::max(m_guide->sizeHint().height() + 40, int(height() * 0.36))}, Qt::Vertical);
}

bool MainWindow::showGettingStartedOnFirstRun()
{
    QSettings settings;
    if (AppSettings::value(settings, AppSettings::Key::GettingStartedShown).toBool())
        return false;
    AppSettings::setValue(settings, AppSettings::Key::GettingStartedShown, true);
    showGettingStarted();
    return true;
}

// --- status bar -----------------------------------------------------------------------------

void MainWindow::updateConnectionStatus()
{
    if (!m_composer || !m_statusEnvironment)
        return; // constructing or shutting down
    const Environment environment = m_composer->environment();
    m_statusEnvironment->setText(tr("Environment: %1").arg(environment.name));
    m_statusEnvironment->setToolTip(environment.description());
    // The account ID only: the secret key never reaches the screen outside its own field.
    const QString account = m_composer->accountId();
    m_statusAccount->setText(account.isEmpty() ? tr("No account ID") : tr("Account %1").arg(account));

    if (m_simulatorProvider->isRunning()) {
        const QUrl endpoint = m_simulatorProvider->endpoint(ApiVersion::V1_2);
        m_statusSimulator->setText(tr("Simulator running on %1:%2").arg(endpoint.host()).arg(endpoint.port()));
    } else {
        m_statusSimulator->setText(tr("Simulator starts on first call"));
    }
}

void MainWindow::onCallFinished(const CallCapture& capture)
{
    const QTime at = capture.startedAt.isValid() ? capture.startedAt.toLocalTime().time() : QTime::currentTime();
    m_lastCallText = tr("Last call %1").arg(at.toString(QStringLiteral("HH:mm:ss")));
    if (capture.totalMs >= 0)
        m_lastCallText += QStringLiteral(" · ") + tr("%1 ms").arg(capture.totalMs);
    // Without a response there is nothing to analyse: the layer that failed is the verdict.
    m_verdictPending = capture.hasResponse;
    m_statusLastCall->setText(capture.hasResponse
                                  ? m_lastCallText
                                  : m_lastCallText + QStringLiteral(" · ") + failureLayerTitle(capture.layer));
    m_statusLastCall->setToolTip(capture.facts);
    m_statusLastCall->show();
    updateConnectionStatus();
}

void MainWindow::showLastCallVerdict()
{
    if (!m_verdictPending)
        return;
    m_verdictPending = false;
    const auto result = m_inspector->result();
    if (!result)
        return;
    QString verdict = Diagnosis::verdictName(result->diagnosis.verdict);
    verdict.replace(QLatin1Char('_'), QLatin1Char(' '));
    m_statusLastCall->setText(m_lastCallText + QStringLiteral(" · ") + verdict);
    m_statusLastCall->setToolTip(VerdictBanner::titleFor(result->diagnosis));
}

// --- files, dialogs, state ------------------------------------------------------------------

void MainWindow::openFile(const QString& path)
{
    {
        QSettings settings;
        RecentFiles::add(settings, path);
    }
    // A request (saved by the composer, or a bare envelope with a method) goes to the composer;
    // anything else is a response. Requests are small: a big file is not parsed here on the
    // GUI thread, it goes straight to the inspector (which maps it and indexes it off-thread).
    if (m_support->openSupportFile(path)) // a HAR file or a bundle: a list of calls
        return;
    QString error;
    constexpr qint64 kMaxRequestBytes = 4'000'000;
    if (QFileInfo(path).size() <= kMaxRequestBytes) {
        if (const auto file = RequestFile::load(path, &error)) {
            if (const auto envelope = file->envelope(); envelope && envelope->hasMethod()) {
                m_composer->openRequestFile(path);
                return;
            }
        }
    }
    m_inspector->openFile(path);
    showInspector();
}

QString MainWindow::aboutText() const
{
    const ErrorCatalog& catalog = ErrorCatalog::builtin();
    return tr("<h3>Leadgen Diag %1</h3>"
              "<p>Diagnostic tool for Constant Contact's Lead Gen &amp; CRM API "
              "(formerly the SharpSpring pubapi).</p>"
              "<p>Error catalogue version %2, %3 entries.<br>Built with Qt %4, running on Qt %5.</p>")
        .arg(QStringLiteral(LEADGEN_VERSION), catalog.version().toHtmlEscaped())
        .arg(catalog.entries().size())
        .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Leadgen Diag"), aboutText());
}

void MainWindow::showShortcuts()
{
    errorBrowser(); // its shortcuts exist once it does
    auto* dialog = new ShortcutsDialog(this, this);
    dialog->setObjectName(QStringLiteral("shortcutsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showPreferences()
{
    // Non-blocking (open, not exec) so the window stays scriptable; applied and saved on OK.
    auto* dialog = new PreferencesDialog(m_inspector->settings(), this);
    dialog->setObjectName(QStringLiteral("preferencesDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setHistorySettings(HistorySettings::load(QSettings()));
    dialog->setProxy(m_network->proxy(), m_network->rememberPassword());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_network->apply(dialog->proxy(), dialog->rememberProxyPassword());
        const InspectorSettings settings = dialog->settings();
        settings.save();
        m_inspector->setSettings(settings);
        QSettings history;
        dialog->historySettings().save(history);
        m_history->reloadSettings();
        statusBar()->showMessage(tr("Preferences saved"), 3000);
    });
    dialog->open();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_composer)
        m_composer->flushDraft();
    saveWindowState();
    event->accept();
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    if (!restoreGeometry(AppSettings::value(settings, AppSettings::Key::WindowGeometry).toByteArray()))
        fitToScreen();
    m_layoutRestored =
        restoreState(AppSettings::value(settings, AppSettings::Key::WindowState).toByteArray(), kStateVersion);
    // A restored layout has placed the error dock where the user left it.
    m_errorDockPlaced = m_layoutRestored;
}

void MainWindow::fitToScreen()
{
    // First start: the whole window, title bar and borders included, within the screen's free
    // area (the form's 1366×768 would put the status bar below a 1366×768 screen). The frame is
    // known only once a window manager decorated the window, so a usual one is allowed for.
    const QScreen* screen = this->screen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    const QMargins frame(8, 36, 8, 8);
    const QSize room = available.size().shrunkBy(frame);
    resize(size().boundedTo(room).expandedTo(minimumSizeHint().boundedTo(room)));
    const QSize outer = size().grownBy(frame);
    move(available.left() + std::max(0, (available.width() - outer.width()) / 2) + frame.left(),
         available.top() + std::max(0, (available.height() - outer.height()) / 2) + frame.top());
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    AppSettings::setValue(settings, AppSettings::Key::WindowGeometry, saveGeometry());
    AppSettings::setValue(settings, AppSettings::Key::WindowState, saveState(kStateVersion));
    AppSettings::remove(settings, AppSettings::Key::WindowLegacyTab);
}
