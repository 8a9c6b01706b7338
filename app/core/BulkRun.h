#pragma once

#include "ThrottledCaller.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <optional>

// What PageRun and BatchRun share (docs/design.md, Bulk work): one call at a time through a
// ThrottledCaller, the run's own share of its retries and throttling, cancel, and why a call
// stops the run (no answer, the daily limit, 107 after every retry, cancel).
class BulkRun : public QObject
{
    Q_OBJECT

public:
    enum class Stop
    {
        Done,           // every page or object
        MaxPages,       // paging: --max-pages reached; more may follow
        Failed,         // no answer, an HTTP problem or an API error
        QuotaExhausted, // 106, or the service's counters say the day's quota is used up
        Cancelled,
        WriteFailed, // paging: the output could not be written
    };
    // The counters every run reports.
    struct Counters
    {
        int retries = 0;        // 107s retried during this run
        qint64 throttledMs = 0; // waited for the limiter and back-offs
        qint64 elapsedMs = 0;
    };

    void cancel();
    bool isRunning() const { return m_running; }

    // done, max_pages, failed, quota_exhausted, cancelled, write_failed
    static QString stopName(Stop stop);
    // "106 Daily call limit exceeded": a code with its catalogue title.
    static QString codeText(int code);

protected:
    explicit BulkRun(ThrottledCaller* caller, QObject* parent = nullptr);

    // Marks the run as started and routes the caller's answers to onCallFinished().
    void begin();
    // Marks it as stopped; the caller's answers no longer come here.
    void end();
    void fillCounters(Counters* counters) const;
    // Why this answer stops the run, if it does: cancel, no answer, 106 and 107 (after every
    // retry). An API-level error is left to the subclass (a batch goes on, paging stops).
    std::optional<std::pair<Stop, QString>> stopFor(const ThrottledCaller::Result& result) const;
    // Why the next call must not be sent: cancel asked, or the service's counters say the
    // day's quota is used up.
    std::optional<std::pair<Stop, QString>> stopBeforeCall() const;

    virtual void onCallFinished(const ThrottledCaller::Result& result) = 0;
    virtual void updateProgress() = 0;

    ThrottledCaller* m_caller;
    bool m_running = false;
    bool m_cancelRequested = false;

private:
    int m_retriesAtStart = 0;
    qint64 m_throttledAtStart = 0;
    QElapsedTimer m_clock;
};
