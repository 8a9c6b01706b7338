#pragma once

#include "FinishedCall.h"

#include <QObject>

class AnalysisTask;

// Turns a finished call into a FinishedCall, analysing its response once: bodies up to
// kAnalyseNowLimit in memory at once on the caller's thread (finished() is emitted before
// analyse() returns), bigger or spilled ones on a worker (AnalysisTask) with progress. A call
// without a response, or a cancelled one, is passed on without analysis.
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

signals:
    void progress(int permille);
    void finished(const FinishedCall& call);

private:
    AnalysisTask& task();

    AnalysisTask* m_task = nullptr; // made for the first big body
    CallCapture m_pending;
};
