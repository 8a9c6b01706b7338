#include "CallAnalysis.h"

#include "AnalysisTask.h"
#include "InspectorSession.h"

#include <QSignalBlocker>

CallAnalysis::CallAnalysis(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<FinishedCall>();
}

CallAnalysis::~CallAnalysis() = default;

AnalysisTask& CallAnalysis::task()
{
    if (!m_task) {
        m_task = new AnalysisTask(this);
        connect(m_task, &AnalysisTask::progress, this, &CallAnalysis::progress);
        connect(m_task, &AnalysisTask::finished, this,
                [this](std::shared_ptr<const AnalysisTask::Result> result) { finish(std::move(result), QString()); });
        connect(m_task, &AnalysisTask::failed, this, [this](const QString& message) { finish(nullptr, message); });
        connect(m_task, &AnalysisTask::canceled, this, [this] { finish(nullptr, canceledNote()); });
    }
    return *m_task;
}

void CallAnalysis::setSession(InspectorSession* session)
{
    m_session = session;
    // Only the run opened for m_pending counts; the session's other work is its own business.
    connect(session, &InspectorSession::progress, this, [this](int permille) {
        if (m_inSession)
            emit progress(permille);
    });
    connect(session, &InspectorSession::finished, this, [this](std::shared_ptr<const AnalysisTask::Result> result) {
        if (m_inSession)
            finish(std::move(result), QString(), true);
    });
    connect(session, &InspectorSession::failed, this, [this](const QString& message) {
        if (m_inSession)
            finish(nullptr, message, true);
    });
    connect(session, &InspectorSession::canceled, this, [this] {
        if (m_inSession)
            finish(nullptr, canceledNote(), true);
    });
    connect(session, &InspectorSession::started, this, [this] {
        // The user opened something else in the inspector: this call's analysis is gone.
        if (m_inSession && !m_opening)
            finish(nullptr, tr("Not analysed: something else was opened in the inspector."), true);
    });
}

QString CallAnalysis::canceledNote()
{
    return tr("Analysis canceled.");
}

void CallAnalysis::finish(std::shared_ptr<const AnalysisTask::Result> result, const QString& error, bool inspected)
{
    m_inSession = false;
    FinishedCall call{std::exchange(m_pending, CallCapture()), std::move(result), error};
    call.inspected = inspected;
    emit finished(call);
}

bool CallAnalysis::isRunning() const
{
    return m_inSession || (m_task && m_task->isRunning());
}

void CallAnalysis::cancel()
{
    if (m_inSession)
        m_session->cancel(); // canceled, then finish()
    else if (m_task && m_task->isRunning())
        m_task->cancel();
}

void CallAnalysis::analyse(const CallCapture& capture)
{
    // A run still going is dropped without a word (see the header).
    m_inSession = false;
    if (m_task && m_task->isRunning()) {
        const QSignalBlocker blocker(m_task);
        m_task->cancel();
    }
    m_pending = CallCapture();
    if (!capture.hasResponse || capture.layer == FailureLayer::Cancelled) {
        emit finished(FinishedCall{capture, nullptr, QString()});
        return;
    }
    const ResponseAnalyzer::Context context = FinishedCall::contextFor(capture);
    if (!capture.isSpilled() && capture.body.size() <= kAnalyseNowLimit) {
        emit finished(FinishedCall{capture, AnalysisTask::analyseNow(capture.body, context), QString()});
        return;
    }
    m_pending = capture;
    if (m_session) {
        m_inSession = true;
        m_opening = true;
        m_session->openCapture(capture);
        m_opening = false;
        return;
    }
    if (capture.isSpilled())
        task().startFile(capture.spillPath, context);
    else
        task().startBytes(capture.body, context);
}
