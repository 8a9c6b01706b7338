#include "RateMeter.h"

#include "CallRateLimiter.h"
#include "Tone.h"

#include <QLocale>
#include <QStyle>

RateMeter::RateMeter(QWidget* parent)
    : ElideLabel(parent)
{
    setObjectName(QStringLiteral("rateMeter"));
    setContentsMargins(6, 0, 6, 0);
    setProperty("level", QStringLiteral("normal"));
    // Only while the last second has calls: an idle window wakes nobody up.
    m_tick.setInterval(500);
    connect(&m_tick, &QTimer::timeout, this, &RateMeter::refresh);
}

void RateMeter::setAccount(const QString& key, const QString& label, qint64 quota, qint64 historyToday)
{
    m_key = key;
    m_label = label;
    m_environmentQuota = quota > 0 ? quota : CallRateLimiter::kDefaultDailyQuota;
    // The history also holds the calls this process made (the limiter counts them too).
    const std::shared_ptr<CallRateLimiter> limiter = CallRateLimiter::forAccount(key);
    m_historyBase = qMax<qint64>(0, historyToday - limiter->callsToday());
    refresh();
}

void RateMeter::refresh()
{
    const std::shared_ptr<CallRateLimiter> limiter = CallRateLimiter::forAccount(m_key);
    m_lastSecond = limiter->callsInLastSecond();
    // The service's count is the truth when an answer carried it; else what we know of.
    m_today = limiter->serverCallCount() ? limiter->bestCallsToday() : m_historyBase + limiter->callsToday();
    m_quota = m_environmentQuota;
    if (const auto serverLimit = limiter->serverQueryLimit(); serverLimit && *serverLimit > 0)
        m_quota = qMin(m_quota, *serverLimit);

    const QLocale locale;
    const int percent = m_quota > 0 ? int(qMin<qint64>(999, m_today * 100 / m_quota)) : 0;
    setText(tr("%1/s · today %2 of %3").arg(m_lastSecond).arg(locale.toString(m_today), locale.toString(m_quota)));
    QString level = QStringLiteral("normal");
    Tone::Kind tone = Tone::Kind::Neutral;
    if (percent >= 100) {
        level = QStringLiteral("exhausted");
        tone = Tone::Kind::Error;
    } else if (percent >= kWarningPercent) {
        level = QStringLiteral("warning");
        tone = Tone::Kind::Warning;
    }
    QPalette p = palette();
    p.setColor(QPalette::WindowText,
               tone == Tone::Kind::Neutral ? QPalette().color(QPalette::WindowText) : Tone::color(tone, QPalette()));
    setPalette(p);
    setProperty("level", level);
    setToolTip(tr("%1: %2 calls in the last second (limit %3 a second); %4 calls today, %5 % of the daily quota "
                  "of %6%7.")
                   .arg(m_label)
                   .arg(m_lastSecond)
                   .arg(limiter->rate())
                   .arg(locale.toString(m_today))
                   .arg(percent)
                   .arg(locale.toString(m_quota))
                   .arg(limiter->serverCallCount() ? tr(" (the service's own counters)")
                                                   : tr(" (this computer's calls: history and this session)")));
    if (m_lastSecond > 0 && !m_tick.isActive())
        m_tick.start();
    else if (m_lastSecond == 0)
        m_tick.stop();
}
