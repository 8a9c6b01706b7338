#include "RateLimiter.h"

namespace {
constexpr qint64 kMsPerDay = 24 * 60 * 60 * 1000;
} // namespace

RateLimiter::RateLimiter(int perSecond, int daily, const SimClock* clock)
    : m_perSecond(qMax(0, perSecond))
    , m_daily(qMax(0, daily))
    , m_clock(clock)
{}

RateLimiter::Verdict RateLimiter::admit(const QString& account)
{
    // Counted even without limits: every answer reports the day's call count.
    const qint64 now = m_clock->nowMs();
    Account& state = m_accounts[account];

    const qint64 day = now / kMsPerDay;
    if (day != state.day) {
        state.day = day;
        state.usedToday = 0;
    }
    if (state.usedToday < std::numeric_limits<int>::max())
        ++state.usedToday;
    if (m_daily > 0 && state.usedToday > m_daily)
        return Verdict::DailyExceeded;

    if (m_perSecond > 0) {
        if (state.window.size() < size_t(m_perSecond)) {
            state.window.push_back(now);
        } else {
            // Full ring: the oldest admitted call decides whether the last second is full.
            if (now - state.window[state.oldest] < 1000)
                return Verdict::PerSecondExceeded;
            state.window[state.oldest] = now;
            state.oldest = (state.oldest + 1) % state.window.size();
        }
    }
    return Verdict::Allowed;
}

int RateLimiter::usedToday(const QString& account) const
{
    const auto it = m_accounts.constFind(account);
    if (it == m_accounts.constEnd() || it->day != m_clock->nowMs() / kMsPerDay)
        return 0;
    return it->usedToday;
}
