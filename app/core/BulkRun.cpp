#include "BulkRun.h"

#include "CallRateLimiter.h"
#include "ErrorCatalog.h"

BulkRun::BulkRun(ThrottledCaller* caller, QObject* parent)
    : QObject(parent)
    , m_caller(caller)
{}

QString BulkRun::codeText(int code)
{
    const ErrorEntry* entry = ErrorCatalog::builtin().byCode(code);
    return entry ? QStringLiteral("%1 %2").arg(code).arg(entry->title) : QString::number(code);
}

QString BulkRun::stopName(Stop stop)
{
    switch (stop) {
    case Stop::Done:
        return QStringLiteral("done");
    case Stop::MaxPages:
        return QStringLiteral("max_pages");
    case Stop::Failed:
        return QStringLiteral("failed");
    case Stop::QuotaExhausted:
        return QStringLiteral("quota_exhausted");
    case Stop::Cancelled:
        return QStringLiteral("cancelled");
    case Stop::WriteFailed:
        return QStringLiteral("write_failed");
    }
    return QString();
}

void BulkRun::begin()
{
    m_running = true;
    m_cancelRequested = false;
    m_clock.start();
    m_retriesAtStart = m_caller->totalRetries();
    m_throttledAtStart = m_caller->throttledMs();
    connect(m_caller, &ThrottledCaller::finished, this, &BulkRun::onCallFinished, Qt::UniqueConnection);
    connect(m_caller, &ThrottledCaller::retrying, this, &BulkRun::updateProgress, Qt::UniqueConnection);
}

void BulkRun::end()
{
    m_running = false;
    disconnect(m_caller, nullptr, this, nullptr);
}

void BulkRun::cancel()
{
    if (!m_running)
        return;
    m_cancelRequested = true;
    if (m_caller->isRunning())
        m_caller->cancel();
}

void BulkRun::fillCounters(Counters* counters) const
{
    counters->retries = m_caller->totalRetries() - m_retriesAtStart;
    counters->throttledMs = m_caller->throttledMs() - m_throttledAtStart;
    counters->elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
}

std::optional<std::pair<BulkRun::Stop, QString>> BulkRun::stopFor(const ThrottledCaller::Result& result) const
{
    if (result.cancelled || m_cancelRequested)
        return std::pair{Stop::Cancelled, QStringLiteral("cancelled")};
    if (result.capture.layer != FailureLayer::None)
        return std::pair{Stop::Failed,
                         QStringLiteral("%1: %2").arg(failureLayerTitle(result.capture.layer),
                                                      result.capture.explanation.section(QLatin1Char('\n'), 0, 0))};
    if (result.answer.apiCode == 106)
        return std::pair{Stop::QuotaExhausted,
                         QStringLiteral("the service answered %1: no more calls today").arg(codeText(106))};
    if (result.answer.apiCode == 107)
        return std::pair{
            Stop::Failed,
            QStringLiteral("the service kept answering %1 after %2 retries").arg(codeText(107)).arg(result.retries)};
    return std::nullopt;
}

std::optional<std::pair<BulkRun::Stop, QString>> BulkRun::stopBeforeCall() const
{
    if (m_cancelRequested)
        return std::pair{Stop::Cancelled, QStringLiteral("cancelled")};
    const CallRateLimiter& limiter = m_caller->limiter();
    if (limiter.quotaExhausted())
        return std::pair{Stop::QuotaExhausted,
                         QStringLiteral("the account's daily quota is used up (callCount %1 of queryLimit %2): the "
                                        "next call would be refused with %3")
                             .arg(limiter.serverCallCount().value_or(0))
                             .arg(limiter.serverQueryLimit().value_or(0))
                             .arg(codeText(106))};
    return std::nullopt;
}
