#pragma once

#include "HistoryRecord.h"

#include <QObject>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

class QThread;

// Writes calls to the history off the caller's thread (docs/design.md, Call history): record()
// only queues, a worker thread owns the HistoryStore connection and writes whatever queued up
// in one transaction, so a burst of calls costs one commit, not one each.
//
// The first failure to open or write is reported (failed), later ones are not: a full disk
// must not nag after every call, and the call itself is shown whatever happens here.
class HistoryRecorder : public QObject
{
    Q_OBJECT

public:
    // path: the database (HistoryStore::defaultPath()); empty: recording is off.
    explicit HistoryRecorder(const QString& path, QObject* parent = nullptr);
    // Writes what is queued, then stops.
    ~HistoryRecorder() override;

    bool isEnabled() const { return !m_path.isEmpty(); }
    QString path() const { return m_path; }
    // Retention (HistorySettings): applied when the first calls are written and every
    // kPruneEvery calls after; 0 = no limit.
    void setRetention(int keepDays, qint64 maxBodyBytes);
    static constexpr int kPruneEvery = 1000;
    // Queues the record; returns at once.
    void record(HistoryRecord record);
    // Queues a record made on the worker: reading a body spilled to disk and masking it is not
    // the caller's thread's business (the GUI thread must never wait on the disk).
    void record(std::function<HistoryRecord()> make);
    // Waits until everything queued so far is written or failed (the CLI, before it exits).
    bool flush(int timeoutMs = 30000);
    // Waits until fewer than maxUnmade queued calls wait for their record to be made: a caller
    // faster than the recorder holds that many bodies, not thousands, and waits only when it
    // is that far ahead.
    bool waitForRoom(int maxUnmade, int timeoutMs = 30000);
    // Calls written since start.
    qint64 writtenCount() const;
    // Why the last write failed ("" when it did not): for the CLI, after flush().
    QString lastFailure() const;

signals:
    // Emitted from the worker thread: connect with a queued or auto connection.
    void recorded(qint64 lastId, int count);
    void failed(const QString& message);
    // Something to tell the user once (a broken database moved aside).
    void notice(const QString& message);

private:
    void work();

    QString m_path;
    QThread* m_thread = nullptr;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::condition_variable m_room;
    int m_unmade = 0; // queued or being made
    std::deque<std::function<HistoryRecord()>> m_queue;
    bool m_busy = false;
    bool m_stop = false;
    bool m_failureReported = false;
    qint64 m_written = 0;
    QString m_lastFailure;
    int m_keepDays = 0;
    qint64 m_maxBodyBytes = 0;
};
