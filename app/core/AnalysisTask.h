#pragma once

#include "Diagnosis.h"
#include "JsonIndex.h"
#include "ResponseAnalyzer.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <atomic>
#include <memory>

// Indexes and analyses a response body off the GUI thread (docs/design.md, Big responses), with progress and
// quick cancellation (checked every few hundred thousand structural characters, about a
// millisecond of work). The caller's thread only ever receives finished, shared, immutable
// results, so handing a 1 GB document to the GUI costs nothing; and the index is destroyed on
// a pool thread when its last user lets go, so dropping it does not stall the event loop
// either.
//
// Starting again while a run is in progress cancels that run; its late results are dropped.
class AnalysisTask : public QObject
{
    Q_OBJECT

public:
    struct Result
    {
        std::shared_ptr<const JsonIndex> index;
        Diagnosis diagnosis; // finding/batch nodes refer to `index`
        QString source;      // file path, or empty for bytes
        qint64 indexMs = 0;
        qint64 analyzeMs = 0;
    };

    explicit AnalysisTask(QObject* parent = nullptr);
    // Cancels a running analysis and waits for its thread (at most the length of one
    // uninterruptible step: simdjson's stage 1, ~0.1 s per GB).
    ~AnalysisTask() override;

    // The same analysis on the caller's thread, for bodies small enough not to stall it.
    static std::shared_ptr<const Result> analyseNow(const QByteArray& body,
                                                    const ResponseAnalyzer::Context& context = {});
    // How many analyses ran in this process (both ways): lets tests prove a call is analysed once.
    static int analysisCount();

    // Sizes are those of the bytes given: pass the body after decompression.
    void startBytes(const QByteArray& body, const ResponseAnalyzer::Context& context = {});
    // Maps the file (never copied into memory).
    void startFile(const QString& path, const ResponseAnalyzer::Context& context = {});
    void cancel();
    bool isRunning() const { return m_running; }
    std::shared_ptr<const Result> result() const { return m_result; }
    // Forgets the last result (the index goes when its other users let go too).
    void clearResult() { m_result.reset(); }

signals:
    void started();
    // 0..1000; at most about every 30 ms.
    void progress(int permille);
    // The index is complete: a tree can show it while the findings are computed.
    void indexReady(std::shared_ptr<const JsonIndex> index);
    void finished(std::shared_ptr<const AnalysisTask::Result> result);
    void canceled();
    // The input could not be read at all (missing file, too large, ...). Invalid JSON is not a
    // failure: it is a finished analysis with a not_json verdict.
    void failed(const QString& message);

private:
    struct Run;
    void start(const QByteArray& body, const QString& path, const ResponseAnalyzer::Context& context);
    static void work(const std::shared_ptr<Run>& run, const QPointer<AnalysisTask>& task);
    static std::shared_ptr<const Result> analyse(std::shared_ptr<const JsonIndex> index,
                                                 const ResponseAnalyzer::Context& context);

    std::shared_ptr<Run> m_run;
    QList<QPointer<QThread>> m_threads;
    std::shared_ptr<const Result> m_result;
    bool m_running = false;
};

Q_DECLARE_METATYPE(std::shared_ptr<const JsonIndex>)
Q_DECLARE_METATYPE(std::shared_ptr<const AnalysisTask::Result>)
