#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QUrl>

#include <deque>
#include <memory>
#include <optional>

// The client's side of the API's per-account limits (docs/design.md, Bulk work): at most rate()
// calls in any second, shared by every call the process makes for one account (forAccount()), so
// the service's per-second limit (107) is not met in the first place. It also keeps what the
// process knows about the day: its own calls and, preferred when a response carried them, the
// service's callCount/queryLimit counters.
class CallRateLimiter
{
public:
    static constexpr int kDefaultRate = 10;
    static constexpr int kDefaultDailyQuota = 50000;

    explicit CallRateLimiter(int rate = kDefaultRate);

    // The one limiter of an account (key: endpoint host and account) in this process.
    static std::shared_ptr<CallRateLimiter> forAccount(const QString& key);
    // That key: the endpoint's host and port, and the account ID.
    static QString accountKey(const QUrl& endpoint, const QString& accountId);

    // Calls per second; 0 = no client-side limit.
    void setRate(int rate) { m_rate = qMax(0, rate); }
    int rate() const { return m_rate; }

    // Reserves the next slot for a call: how many milliseconds to wait before sending it (0 =
    // now). Every reservation counts as a call.
    qint64 reserve();
    // Counts a call sent now without asking for a slot (a single call from the composer), so
    // the account's meter and the runs that follow see it.
    void noteCall();
    // Calls sent (reserved) in the last second and since the process started today.
    int callsInLastSecond() const;
    qint64 callsToday() const;

    // The service's counters from a response (strings in real answers; absent = unknown).
    void noteServerCounters(std::optional<qint64> callCount, std::optional<qint64> queryLimit);
    std::optional<qint64> serverCallCount() const { return m_serverCallCount; }
    std::optional<qint64> serverQueryLimit() const { return m_serverQueryLimit; }
    // Today's calls as best known: the service's count (plus calls made since it was read) when
    // known, else this process's count.
    qint64 bestCallsToday() const;
    // The daily quota as best known: the service's queryLimit, else kDefaultDailyQuota.
    qint64 bestQuota() const;
    // Whether the service said the quota is used up (the next call would be refused with 106).
    bool quotaExhausted() const;

    // The window: a second plus a small margin, so that calls that arrive a little closer
    // together than they were sent still stay under the service's sliding second.
    static constexpr qint64 kWindowMs = 1050;

private:
    qint64 now() const { return m_clock.elapsed(); }
    void prune(qint64 before) const;

    int m_rate;
    QElapsedTimer m_clock;
    mutable std::deque<qint64> m_slots; // reserved send times (ms on m_clock), ascending
    qint64 m_calls = 0;
    std::optional<qint64> m_serverCallCount;
    std::optional<qint64> m_serverQueryLimit;
    qint64 m_callsAtServerCount = 0; // m_calls when the service's count was read
};
