#include "MainWindow.h"

#include "ErrorBrowserWidget.h"
#include "ErrorCatalog.h"
#include "PlaceholderPage.h"
#include "ui_MainWindow.h"

#include <QCloseEvent>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
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

    // Until the composer and inspector land, their tabs say what they will hold.
    for (auto [tab, feature] : {std::pair{m_ui->composerTab, PlaceholderPage::Feature::Composer},
                                std::pair{m_ui->inspectorTab, PlaceholderPage::Feature::Inspector}}) {
        auto* page = new PlaceholderPage(feature, tab);
        tab->layout()->addWidget(page);
        connect(page, &PlaceholderPage::errorBrowserRequested, this, &MainWindow::showErrorBrowser);
    }

    m_statusEnvironment = new QLabel(this);
    m_statusEnvironment->setObjectName(QStringLiteral("statusEnvironment"));
    statusBar()->addPermanentWidget(m_statusEnvironment);

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
}

MainWindow::~MainWindow() = default;

ErrorBrowserWidget* MainWindow::errorBrowser() const
{
    return m_errorBrowser;
}

void MainWindow::openFile(const QString& path)
{
    statusBar()->showMessage(tr("Opening %1 needs the inspector, which is not built yet").arg(path), 5000);
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
    saveWindowState();
    event->accept();
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("MainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("MainWindow/state")).toByteArray());
    // The tab is remembered by name so that reordering tabs does not open the wrong one. The
    // error codes are the default while they are the only finished tab.
    const QString tab = settings.value(QStringLiteral("MainWindow/tab"), m_ui->errorsTab->objectName()).toString();
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
