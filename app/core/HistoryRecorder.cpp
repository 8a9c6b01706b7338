#include "HistoryRecorder.h"

#include "HistoryStore.h"

#include <QDateTime>
#include <QThread>

#include <chrono>

HistoryRecorder::HistoryRecorder(const QString& path, QObject* parent)
    : QObject(parent)
    , m_path(path)
{
    if (m_path.isEmpty())
        return;
    m_thread = QThread::create([this] { work(); });
    m_thread->setObjectName(QStringLiteral("history"));
    m_thread->start(QThread::LowPriority);
}

HistoryRecorder::~HistoryRecorder()
{
    if (!m_thread)
        return;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread->wait();
    delete m_thread;
}

void HistoryRecorder::record(HistoryRecord record)
{
    this->record(std::function<HistoryRecord()>([kept = std::move(record)] { return kept; }));
}

void HistoryRecorder::record(std::function<HistoryRecord()> make)
{
    if (!m_thread)
        return;
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back(std::move(make));
        ++m_unmade;
    }
    m_wake.notify_one();
}

bool HistoryRecorder::waitForRoom(int maxUnmade, int timeoutMs)
{
    if (!m_thread)
        return true;
    std::unique_lock<std::mutex> lock(m_mutex);
    return m_room.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                           [this, maxUnmade] { return m_unmade < maxUnmade || m_stop; });
}

void HistoryRecorder::setRetention(int keepDays, qint64 maxBodyBytes)
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_keepDays = keepDays;
    m_maxBodyBytes = maxBodyBytes;
}

QString HistoryRecorder::lastFailure() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_lastFailure;
}

bool HistoryRecorder::flush(int timeoutMs)
{
    if (!m_thread)
        return true;
    std::unique_lock<std::mutex> lock(m_mutex);
    return m_idle.wait_for(lock, std::chrono::milliseconds(timeoutMs), [this] { return m_queue.empty() && !m_busy; });
}

qint64 HistoryRecorder::writtenCount() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_written;
}

void HistoryRecorder::work()
{
    // The connection is made here: a QSqlDatabase belongs to the thread that opened it.
    HistoryStore store(m_path);
    if (!store.notice().isEmpty())
        emit notice(store.notice());
    qint64 sincePrune = kPruneEvery; // prune with the first batch
    for (;;) {
        std::deque<std::function<HistoryRecord()>> jobs;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_queue.empty())
                return; // stopping, nothing left
            jobs.swap(m_queue);
            m_busy = true;
        }
        QList<HistoryRecord> batch;
        batch.reserve(qsizetype(jobs.size()));
        // Each job lets go of what it captured (a whole body, its index, a spill file) as soon as
        // its record is made: a burst holds the cut records, not every body at once.
        while (!jobs.empty()) {
            batch.append(jobs.front()());
            jobs.pop_front();
            {
                const std::lock_guard<std::mutex> lock(m_mutex);
                --m_unmade;
            }
            m_room.notify_all();
        }
        const bool ok = store.isOpen() && store.insert(batch);
        sincePrune += batch.size();
        if (ok && sincePrune >= kPruneEvery) {
            sincePrune = 0;
            int keepDays = 0;
            qint64 maxBytes = 0;
            {
                const std::lock_guard<std::mutex> lock(m_mutex);
                keepDays = m_keepDays;
                maxBytes = m_maxBodyBytes;
            }
            if (keepDays > 0 || maxBytes > 0)
                store.prune(keepDays > 0 ? keepDays : -1, maxBytes > 0 ? maxBytes : -1,
                            QDateTime::currentMSecsSinceEpoch());
        }
        QString failure;
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            if (ok) {
                m_written += batch.size();
                m_lastFailure.clear();
            } else {
                m_lastFailure = store.error();
                if (!m_failureReported) {
                    m_failureReported = true;
                    failure = m_lastFailure;
                }
            }
        }
        // Signals before idle: whoever flush()es then finds them posted.
        if (ok)
            emit recorded(batch.constLast().id, int(batch.size()));
        else if (!failure.isEmpty())
            emit failed(failure);
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_busy = false;
        }
        m_idle.notify_all();
    }
}
