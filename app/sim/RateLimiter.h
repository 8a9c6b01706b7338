#pragma once

#include "SimClock.h"

#include <QHash>
#include <QString>

#include <vector>

// Per-account call limits of the API (docs/design.md, Simulator): N calls in any sliding second (107) and M
// calls per UTC day (106). 0 disables a limit.
//
// Every authenticated call counts towards the daily quota, including calls refused by the
// per-second limit (a client hammering the API in a loop burns its quota); only calls that were
// let through occupy the per-second window, so a client that backs off recovers after a second.
class RateLimiter
{
public:
    enum class Verdict
    {
        Allowed,
        PerSecondExceeded,
        DailyExceeded
    };

    RateLimiter(int perSecond, int daily, const SimClock* clock = SimClock::system());

    Verdict admit(const QString& account);

    // Calls counted today for the account (for logs and tests).
    int usedToday(const QString& account) const;
    int perSecond() const { return m_perSecond; }
    int daily() const { return m_daily; }

private:
    struct Account
    {
        std::vector<qint64> window; // timestamps of admitted calls, a ring once full
        size_t oldest = 0;          // index of the oldest timestamp when the ring is full
        qint64 day = -1;
        int usedToday = 0;
    };

    int m_perSecond;
    int m_daily;
    const SimClock* m_clock;
    QHash<QString, Account> m_accounts; // only authenticated accounts: bounded
};
