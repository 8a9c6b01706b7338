#pragma once

#include "FinishedCall.h"

#include <QObject>

class AnalysisTask;
class InspectorSession;

// Turns a finished call into a FinishedCall, analysing its response once: bodies up to
// kAnalyseNowLimit in memory at once on the caller's thread (finished() is emitted before
// analyse() returns), bigger or spilled ones on a worker (AnalysisTask) with progress. A call
// without a response, or a cancelled one, is passed on without analysis.
//
// With an inspector session set, the bigger bodies are opened there instead: the inspector then
// shows the tree as soon as it is indexed and its Cancel stops the analysis, which is the same
// run whose result (marked `inspected`) comes back here.
class CallAnalysis : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kAnalyseNowLimit = 2 * 1024 * 1024;

    explicit CallAnalysis(QObject* parent = nullptr);
    ~CallAnalysis() override;

    // A call still being analysed is dropped (its result never arrives).
    void analyse(const CallCapture& capture);
    bool isRunning() const;
    // Stops a running analysis: finished() follows with no analysis and a note saying so.
    void cancel();
    // Where big bodies are analysed (see above); null: here.
    void setSession(InspectorSession* session);

signals:
    void progress(int permille);
    void finished(const FinishedCall& call);

private:
    AnalysisTask& task();
    static QString canceledNote();
    void finish(std::shared_ptr<const AnalysisTask::Result> result, const QString& error, bool inspected = false);

    AnalysisTask* m_task = nullptr; // made for the first big body
    InspectorSession* m_session = nullptr;
    CallCapture m_pending;
    bool m_inSession = false; // m_pending is being analysed by m_session
    bool m_opening = false;   // m_session->openCapture() is on the stack
};
