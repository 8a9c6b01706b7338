#include "MainWindow.h"

#include "ComposerWidget.h"
#include "EmbeddedSimulator.h"
#include "EmbeddedSimulatorProvider.h"
#include "EnvironmentStore.h"
#include "ErrorBrowserWidget.h"
#include "ErrorCatalog.h"
#include "InspectorWidget.h"
#include "RequestFile.h"
#include "SecretStore.h"
#include "ui_MainWindow.h"

#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QSettings>

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);

    const ErrorCatalog& catalog = ErrorCatalog::builtin();
    m_errorBrowser = new ErrorBrowserWidget(catalog, m_ui->errorsTab);
    m_errorBrowser->setObjectName(QStringLiteral("errorBrowser"));
    m_ui->errorsTabLayout->addWidget(m_errorBrowser);
    connect(m_errorBrowser, &ErrorBrowserWidget::statusMessage, statusBar(), &QStatusBar::showMessage);

    m_inspector = new InspectorWidget(catalog, m_ui->inspectorTab);
    m_inspector->setObjectName(QStringLiteral("inspector"));
    m_ui->inspectorTabLayout->setContentsMargins(0, 0, 0, 0);
    m_ui->inspectorTabLayout->addWidget(m_inspector);
    connect(m_inspector, &InspectorWidget::statusMessage, statusBar(), &QStatusBar::showMessage);
    // Opening something on purpose brings the inspector to the front (restoring the last
    // response at startup does not).
    for (QAction* action : {m_inspector->openAction(), m_inspector->pasteAction()})
        connect(action, &QAction::triggered, this, &MainWindow::showInspector);
    connect(m_inspector, &InspectorWidget::explainRequested, this, [this](const QString& codeOrKey) {
        m_ui->mainTabs->setCurrentWidget(m_ui->errorsTab);
        m_errorBrowser->showEntry(codeOrKey);
    });
    connect(m_errorBrowser, &ErrorBrowserWidget::openExampleRequested, this, [this](const ErrorEntry& entry) {
        m_inspector->openExample(entry);
        showInspector();
    });
    m_errorBrowser->setInspectorAvailable(true);
    m_ui->menuFile->insertActions(m_ui->actionOpen, {m_inspector->openAction(), m_inspector->pasteAction()});

    m_statusEnvironment = new QLabel(this);
    m_statusEnvironment->setObjectName(QStringLiteral("statusEnvironment"));
    statusBar()->addPermanentWidget(m_statusEnvironment);
    setupComposer();
    // Every call the composer finishes opens in the inspector (the composer keeps its quick look).
    connect(m_composer, &ComposerWidget::callFinished, m_inspector, &InspectorWidget::openCapture);
    connect(m_composer, &ComposerWidget::inspectRequested, this, &MainWindow::showInspector);

    // Which catalogue the explanations come from; a catalogue that failed validation says so
    // instead of silently showing fewer entries.
    m_statusCatalogue = new QLabel(this);
    m_statusCatalogue->setObjectName(QStringLiteral("statusCatalogue"));
    if (catalog.validationErrors().isEmpty()) {
        m_statusCatalogue->setText(
            tr("Error catalogue %1 · %n entries", nullptr, int(catalog.entries().size())).arg(catalog.version()));
    } else {
        m_statusCatalogue->setText(
            tr("⚠ Error catalogue %1 has %n problem(s)", nullptr, int(catalog.validationErrors().size()))
                .arg(catalog.version()));
        m_statusCatalogue->setToolTip(catalog.validationErrors().join(QLatin1Char('\n')));
    }
    statusBar()->addPermanentWidget(m_statusCatalogue);

    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    m_ui->actionFindErrorCode->setShortcut(ErrorBrowserWidget::focusSearchShortcut());
    connect(m_ui->actionFindErrorCode, &QAction::triggered, this, &MainWindow::showErrorBrowser);
    connect(m_ui->actionOpen, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open request or response"), QString(),
                                                          tr("JSON files (*.json);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });

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

ErrorBrowserWidget* MainWindow::errorBrowser() const
{
    return m_errorBrowser;
}

ComposerWidget* MainWindow::composer() const
{
    return m_composer;
}

void MainWindow::setupComposer()
{
    m_network = new QNetworkAccessManager(this);
    m_environments = new EnvironmentStore(nullptr, this);
    m_secrets = new SecretStore(QStringLiteral("leadgen-diag"), this);
    // The simulator runs on its own thread and starts when the composer first needs it.
    m_simulator = new EmbeddedSimulator(this);
    m_simulatorProvider = std::make_unique<EmbeddedSimulatorProvider>(*m_simulator);
    m_composer = new ComposerWidget(*m_environments, *m_secrets, m_network, nullptr, m_ui->composerTab);
    m_composer->setObjectName(QStringLiteral("composer"));
    m_composer->setSimulatorProvider(m_simulatorProvider.get());
    m_ui->composerTabLayout->setContentsMargins(0, 0, 0, 0);
    m_ui->composerTabLayout->addWidget(m_composer);
    connect(m_composer, &ComposerWidget::statusMessage, statusBar(), &QStatusBar::showMessage);

    const auto showEnvironment = [this] {
        if (!m_composer)
            return; // shutting down
        const Environment environment = m_composer->environment();
        const QUrl endpoint = m_environments->endpoint(environment);
        if (environment.isSimulator() && !endpoint.isEmpty())
            m_statusEnvironment->setText(tr("Simulator running on %1:%2").arg(endpoint.host()).arg(endpoint.port()));
        else
            m_statusEnvironment->setText(tr("Environment: %1").arg(environment.name));
        m_statusEnvironment->setToolTip(environment.description());
    };
    connect(m_environments, &EnvironmentStore::currentChanged, this, showEnvironment);
    connect(m_environments, &EnvironmentStore::changed, this, showEnvironment);
    connect(m_composer, &ComposerWidget::simulatorStarted, this, showEnvironment);
    showEnvironment();

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
    menu->addAction(m_composer->manageEnvironmentsAction());
    menuBar()->insertMenu(m_ui->menuView->menuAction(), menu);
}

InspectorWidget* MainWindow::inspector() const
{
    return m_inspector;
}

void MainWindow::openFile(const QString& path)
{
    // A request (saved by the composer, or a bare envelope with a method) goes to the composer;
    // anything else is a response. Requests are small: a big file is not parsed here on the
    // GUI thread, it goes straight to the inspector (which maps it and indexes it off-thread).
    QString error;
    constexpr qint64 kMaxRequestBytes = 4'000'000;
    if (QFileInfo(path).size() <= kMaxRequestBytes) {
        if (const auto file = RequestFile::load(path, &error)) {
            if (const auto envelope = file->envelope(); envelope && envelope->hasMethod()) {
                m_ui->mainTabs->setCurrentWidget(m_ui->composerTab);
                m_composer->openRequestFile(path);
                return;
            }
        }
    }
    m_inspector->openFile(path);
    showInspector();
}

void MainWindow::showInspector()
{
    m_ui->mainTabs->setCurrentWidget(m_ui->inspectorTab);
}

void MainWindow::showErrorBrowser()
{
    m_ui->mainTabs->setCurrentWidget(m_ui->errorsTab);
    m_errorBrowser->focusSearch();
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
    restoreGeometry(settings.value(QStringLiteral("MainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("MainWindow/state")).toByteArray());
    // The tab is remembered by name so that reordering tabs does not open the wrong one. The
    // composer (on the simulator) is where a newcomer starts.
    const QString tab = settings.value(QStringLiteral("MainWindow/tab"), m_ui->composerTab->objectName()).toString();
    if (auto* page = m_ui->mainTabs->findChild<QWidget*>(tab); page && m_ui->mainTabs->indexOf(page) >= 0)
        m_ui->mainTabs->setCurrentWidget(page);
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("MainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("MainWindow/state"), saveState());
    settings.setValue(QStringLiteral("MainWindow/tab"), m_ui->mainTabs->currentWidget()->objectName());
}
