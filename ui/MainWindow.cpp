#include "MainWindow.h"

#include "ErrorBrowserWidget.h"
#include "ErrorCatalog.h"
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

    m_errorBrowser = new ErrorBrowserWidget(ErrorCatalog::builtin(), m_ui->errorsTab);
    m_ui->errorsTabLayout->addWidget(m_errorBrowser);

    m_statusEnvironment = new QLabel(this);
    m_statusEnvironment->setObjectName(QStringLiteral("statusEnvironment"));
    statusBar()->addPermanentWidget(m_statusEnvironment);

    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
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

void MainWindow::showAbout()
{
    const ErrorCatalog& catalog = ErrorCatalog::builtin();
    QMessageBox::about(this, tr("About Leadgen Diag"),
                       tr("<h3>Leadgen Diag %1</h3>"
                          "<p>Diagnostic tool for Constant Contact's Lead Gen &amp; CRM API "
                          "(formerly the SharpSpring pubapi).</p>"
                          "<p>Error catalogue version %2, %3 entries.<br>Built with Qt %4.</p>")
                           .arg(QStringLiteral(LEADGEN_VERSION), catalog.version())
                           .arg(catalog.entries().size())
                           .arg(QStringLiteral(QT_VERSION_STR)));
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
    m_ui->mainTabs->setCurrentIndex(settings.value(QStringLiteral("MainWindow/tab"), 0).toInt());
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("MainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("MainWindow/state"), saveState());
    settings.setValue(QStringLiteral("MainWindow/tab"), m_ui->mainTabs->currentIndex());
}
