#include "CallAnalysis.h"

#include "AnalysisTask.h"

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
        connect(m_task, &AnalysisTask::finished, this, [this](std::shared_ptr<const AnalysisTask::Result> result) {
            emit finished(FinishedCall{std::exchange(m_pending, CallCapture()), std::move(result), QString()});
        });
        connect(m_task, &AnalysisTask::failed, this, [this](const QString& message) {
            emit finished(FinishedCall{std::exchange(m_pending, CallCapture()), nullptr, message});
        });
    }
    return *m_task;
}

bool CallAnalysis::isRunning() const
{
    return m_task && m_task->isRunning();
}

void CallAnalysis::analyse(const CallCapture& capture)
{
    if (isRunning())
        m_task->cancel();
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
    if (capture.isSpilled())
        task().startFile(capture.spillPath, context);
    else
        task().startBytes(capture.body, context);
}
