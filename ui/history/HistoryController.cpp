#include "HistoryController.h"

#include "ComposerWidget.h"
#include "FinishedCall.h"
#include "HistoryCompareDialog.h"
#include "HistoryModel.h"
#include "HistoryPanel.h"
#include "HistoryRecorder.h"
#include "HistorySettings.h"
#include "HistoryStatsWidget.h"
#include "InspectorWidget.h"
#include "RequestFile.h"

#include <QFile>
#include <QSettings>
#include <QTabWidget>

HistoryController::HistoryController(ComposerWidget& composer, InspectorWidget& inspector, QObject* parent)
    : QObject(parent)
    , m_composer(composer)
    , m_inspector(inspector)
{}

HistoryController::~HistoryController() = default;

HistoryRecorder* HistoryController::recorderForCalls()
{
    const HistorySettings settings = HistorySettings::load(QSettings());
    const QString path = settings.recordingPath();
    if (path.isEmpty())
        return nullptr;
    if (!m_recorder || m_recorder->path() != path) {
        delete m_recorder;
        m_recorder = new HistoryRecorder(path, this);
        // Said once (the recorder reports its first failure only): the call itself is shown anyway.
        connect(m_recorder, &HistoryRecorder::failed, this, [this](const QString& message) {
            emit statusMessage(tr("Calls are not being recorded in the history: %1").arg(message), 15000);
        });
        connect(m_recorder, &HistoryRecorder::notice, this,
                [this](const QString& message) { emit statusMessage(message, 15000); });
        connect(m_recorder, &HistoryRecorder::recorded, this, &HistoryController::onRecorded);
    }
    m_recorder->setRetention(settings.keepDays, qint64(settings.maxMegabytes) * 1000 * 1000);
    return m_recorder;
}

void HistoryController::record(const FinishedCall& call)
{
    HistoryRecorder* recorder = recorderForCalls();
    if (!recorder)
        return;
    const HistorySettings settings = HistorySettings::load(QSettings());
    const QString environment = m_composer.environment().name;
    const QString account = m_composer.accountId();
    const QString secret = m_composer.request().secretKey();
    recorder->record([call, environment, account, secret, limit = settings.bodyLimit] {
        QByteArray body;
        if (call.capture.isSpilled()) {
            // Only what will be kept: a spilled body can be gigabytes.
            QFile file(call.capture.spillPath);
            if (file.open(QIODevice::ReadOnly))
                body = file.read(limit + 1);
        } else {
            body = call.capture.body;
        }
        return HistoryRecord::fromCall(call.capture, body, call.analysis ? &call.analysis->diagnosis : nullptr,
                                       environment, account, QStringLiteral("gui"), secret, limit);
    });
}

void HistoryController::onRecorded()
{
    if (m_panel && m_panel->isVisible())
        m_panel->reload();
    if (m_stats && m_stats->isVisible())
        m_stats->refresh();
}

QTabWidget* HistoryController::view(QWidget* parent)
{
    if (m_view)
        return m_view;
    m_view = new QTabWidget(parent);
    m_view->setObjectName(QStringLiteral("historyView"));
    m_view->setDocumentMode(true);
    m_panel = new HistoryPanel(m_view);
    m_panel->setObjectName(QStringLiteral("historyPanel"));
    m_stats = new HistoryStatsWidget(m_view);
    m_stats->setObjectName(QStringLiteral("historyStats"));
    m_view->addTab(m_panel, tr("Calls"));
    m_view->addTab(m_stats, tr("Analytics"));
    connect(m_panel, &HistoryPanel::statusMessage, this, &HistoryController::statusMessage);
    connect(m_panel, &HistoryPanel::openRequested, this, [this](const HistoryRecord& call) {
        m_inspector.openCapture(call.toCapture());
        emit statusMessage(tr("Opened call %1 from the history").arg(call.id), 4000);
    });
    connect(m_panel, &HistoryPanel::resendRequested, this, [this](const HistoryRecord& call) {
        m_composer.loadRequest(call.toRequestFile(),
                               tr("Loaded call %1 from the history: check it, then Send.").arg(call.id));
    });
    connect(m_panel, &HistoryPanel::compareRequested, this, &HistoryController::compare);
    connect(m_stats, &HistoryStatsWidget::filterRequested, this, [this](const HistoryFilter& filter) {
        m_panel->showFiltered(filter);
        m_view->setCurrentWidget(m_panel);
    });
    connect(m_view, &QTabWidget::currentChanged, this, [this] {
        if (m_view->currentWidget() == m_stats)
            m_stats->refresh();
    });
    reloadSettings();
    return m_view;
}

void HistoryController::reloadSettings()
{
    if (!m_view)
        return;
    const QString path = HistorySettings::load(QSettings()).recordingPath();
    if (path == m_viewPath && m_panel->model()->store())
        return;
    m_viewPath = path;
    m_panel->setDatabase(path);
    m_stats->setDatabase(path);
}

void HistoryController::compare(const HistoryRecord& before, const HistoryRecord& after)
{
    auto* dialog = new HistoryCompareDialog(before, after, m_view ? m_view->window() : nullptr);
    dialog->setObjectName(QStringLiteral("historyCompareDialog"));
    dialog->show();
}
