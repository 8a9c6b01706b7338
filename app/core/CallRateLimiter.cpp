#include "CallRateLimiter.h"

#include <QHash>
#include <QMutex>

#include <algorithm>

CallRateLimiter::CallRateLimiter(int rate)
    : m_rate(qMax(0, rate))
{
    m_clock.start();
}

std::shared_ptr<CallRateLimiter> CallRateLimiter::forAccount(const QString& key)
{
    static QMutex mutex;
    static QHash<QString, std::shared_ptr<CallRateLimiter>> limiters;
    const QMutexLocker lock(&mutex);
    std::shared_ptr<CallRateLimiter>& limiter = limiters[key];
    if (!limiter)
        limiter = std::make_shared<CallRateLimiter>();
    return limiter;
}

QString CallRateLimiter::accountKey(const QUrl& endpoint, const QString& accountId)
{
    return endpoint.authority() + QLatin1Char('|') + accountId;
}

void CallRateLimiter::prune(qint64 before) const
{
    while (!m_slots.empty() && m_slots.front() <= before)
        m_slots.pop_front();
}

qint64 CallRateLimiter::reserve()
{
    const qint64 t = now();
    ++m_calls;
    // Only the last `rate` slots matter; older ones are kept a window for callsInLastSecond().
    prune(t - kWindowMs);
    qint64 slot = t;
    if (m_rate > 0 && m_slots.size() >= size_t(m_rate))
        slot = qMax(t, m_slots[m_slots.size() - size_t(m_rate)] + kWindowMs);
    m_slots.push_back(slot);
    return slot - t;
}

void CallRateLimiter::noteCall()
{
    const qint64 t = now();
    ++m_calls;
    prune(t - kWindowMs);
    // Reserved slots may lie ahead of now: keep the list in time order.
    m_slots.insert(std::upper_bound(m_slots.begin(), m_slots.end(), t), t);
}

int CallRateLimiter::callsInLastSecond() const
{
    const qint64 t = now();
    int count = 0;
    for (const qint64 slot : m_slots) {
        if (slot > t - 1000 && slot <= t)
            ++count;
    }
    return count;
}

qint64 CallRateLimiter::callsToday() const
{
    return m_calls;
}

void CallRateLimiter::noteServerCounters(std::optional<qint64> callCount, std::optional<qint64> queryLimit)
{
    if (callCount) {
        m_serverCallCount = callCount;
        m_callsAtServerCount = m_calls;
    }
    if (queryLimit)
        m_serverQueryLimit = queryLimit;
}

qint64 CallRateLimiter::bestCallsToday() const
{
    if (m_serverCallCount)
        return *m_serverCallCount + (m_calls - m_callsAtServerCount);
    return m_calls;
}

qint64 CallRateLimiter::bestQuota() const
{
    return m_serverQueryLimit && *m_serverQueryLimit > 0 ? *m_serverQueryLimit : kDefaultDailyQuota;
}

bool CallRateLimiter::quotaExhausted() const
{
    return m_serverCallCount && m_serverQueryLimit && *m_serverQueryLimit > 0 &&
           *m_serverCallCount + (m_calls - m_callsAtServerCount) >= *m_serverQueryLimit;
}
