#include "bulk/CsvImportDialog.h"
#include "bulk/RateMeter.h"
#include "CallRateLimiter.h"
#include "ComposerWidget.h"
#include "EnvironmentStore.h"
#include "FinishedCall.h"
#include "HistoryController.h"
#include "HistorySettings.h"
#include "HistoryStore.h"
#include "InspectorWidget.h"
#include "MainWindow.h"
#include "RecentFiles.h"
#include "RequestFile.h"
#include "ui_MainWindow.h"

#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

// Bulk work's place in the window (docs/design.md, Bulk work): the status bar's rate meter,
// File → Import CSV… and the inspector's "Retry failed objects" into the composer. Kept apart
// from MainWindow.cpp.
void MainWindow::setupBulk()
{
    m_rateMeter = new RateMeter(this);
    statusBar()->addPermanentWidget(m_rateMeter);
    connect(m_composer, &ComposerWidget::callAnalysed, this, [this](const FinishedCall& call) {
        // Only calls that reached the service count against its limits.
        if (!call.capture.hasResponse)
            return;
        updateRateMeter();
        const std::shared_ptr<CallRateLimiter> limiter = CallRateLimiter::forAccount(m_rateMeter->accountKey());
        limiter->noteCall();
        if (call.analysis)
            limiter->noteServerCounters(call.analysis->diagnosis.quota.callCount,
                                        call.analysis->diagnosis.quota.queryLimit);
        m_rateMeter->refresh();
    });
    connect(m_composer, &ComposerWidget::connectionChanged, this, &MainWindow::updateRateMeter);
    connect(m_composer, &ComposerWidget::simulatorStarted, this, &MainWindow::updateRateMeter);
    connect(m_environments, &EnvironmentStore::changed, this, &MainWindow::updateRateMeter);
    updateRateMeter();

    auto* import = new QAction(tr("&Import CSV…"), this);
    import->setObjectName(QStringLiteral("actionImportCsv"));
    import->setToolTip(tr("Map a spreadsheet's columns to fields, lint every row and send them in batches"));
    connect(import, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import CSV"), RecentFiles::lastFolder(QSettings()),
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty())
            importCsv(path);
    });
    QAction* before = findChild<QAction*>(QStringLiteral("actionPreferences"));
    m_ui->menuFile->insertAction(before ? before : m_ui->actionQuit, import);
    m_ui->menuFile->insertSeparator(before ? before : m_ui->actionQuit);

    connect(m_inspector, &InspectorWidget::retryRequested, this, [this](const QJsonObject& envelope, int objects) {
        RequestFile file;
        file.body = QJsonDocument(envelope).toJson(QJsonDocument::Compact);
        file.environment = m_composer->environment().name;
        file.accountId = m_composer->accountId();
        m_composer->loadRequest(file, tr("%1 failed objects to retry.").arg(objects));
        statusBar()->showMessage(tr("The composer holds the %1 failed objects worth retrying").arg(objects), 6000);
    });
}

void MainWindow::updateRateMeter()
{
    if (!m_rateMeter || !m_composer)
        return;
    const Environment environment = m_composer->environment();
    const QString key = CallRateLimiter::accountKey(m_environments->endpoint(environment), m_composer->accountId());
    if (key == m_rateMeter->accountKey() && environment.dailyQuota == m_rateMeterQuota) {
        m_rateMeter->refresh();
        return;
    }
    m_rateMeterQuota = environment.dailyQuota;
    // Today's calls the history holds for this environment (the service's day is UTC).
    qint64 historyToday = 0;
    const HistorySettings settings = HistorySettings::load(QSettings());
    const QString path = settings.recordingPath();
    if (settings.enabled && QFileInfo::exists(path)) {
        HistoryStore store(path);
        HistoryFilter filter;
        filter.environment = environment.name;
        filter.sinceMs = QDateTime::currentDateTimeUtc().date().startOfDay(Qt::UTC).toMSecsSinceEpoch();
        if (store.isOpen())
            historyToday = store.count(filter);
    }
    const QString account = m_composer->accountId();
    m_rateMeter->setAccount(key,
                            account.isEmpty() ? environment.name : tr("%1, account %2").arg(environment.name, account),
                            environment.dailyQuota, historyToday);
}

CsvImportDialog* MainWindow::importCsv(const QString& path)
{
    ApiRequest request;
    QString error;
    if (!m_composer->currentRequest(&request, &error)) {
        QMessageBox::information(this, tr("Import CSV"), error);
        return nullptr;
    }
    const Environment environment = m_composer->environment();
    auto* dialog =
        new CsvImportDialog(path, request, environment.name,
                            environment.isSimulator() || Environment::isLoopbackHost(request.endpoint.host()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setHistory(m_history->recorderForCalls());
    dialog->show();
    return dialog;
}
