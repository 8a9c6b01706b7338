#pragma once

#include "ApiRequest.h"
#include "CallCapture.h"
#include "JsonIndex.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

class ApiClient;
class CallRateLimiter;
class QNetworkAccessManager;

// What the envelope of an answer says, read once from its index.
struct ApiAnswer
{
    int apiCode = 0; // the top-level error's code (numbers or numeric strings), 0 = none
    std::optional<qint64> callCount;
    std::optional<qint64> queryLimit;
    std::optional<bool> hasMore;

    static ApiAnswer read(const JsonIndex& index);
};

// One logical API call of a bulk run (docs/design.md, Bulk work): waits for the account's
// CallRateLimiter slot, sends through ApiClient, and answers the service's per-second limit (107)
// by trying again after an exponential back-off with jitter, at most maxRetries() times. A daily
// limit (106) is not retried: the run has to stop. Every HTTP call made, retries included, is
// reported by attempted() with its parsed body (the call history records each without parsing
// the body a second time).
class ThrottledCaller : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultRetries = 5;
    static constexpr int kBackoffBaseMs = 250;

    struct Result
    {
        CallCapture capture;
        QByteArray body;
        QString readError;
        std::shared_ptr<const JsonIndex> index; // parsed body (invalid when not JSON)
        ApiAnswer answer;
        int retries = 0; // 107 retries for this call
        bool cancelled = false;
        bool ok() const { return !cancelled && capture.layer == FailureLayer::None && answer.apiCode == 0; }
    };

    ThrottledCaller(QNetworkAccessManager* network, std::shared_ptr<CallRateLimiter> limiter,
                    QObject* parent = nullptr);
    ~ThrottledCaller() override;

    void setMaxRetries(int retries) { m_maxRetries = qMax(0, retries); }
    int maxRetries() const { return m_maxRetries; }
    CallRateLimiter& limiter() const { return *m_limiter; }

    // Starts a call (one at a time); finished() follows, also after cancel().
    void call(const ApiRequest& request);
    void cancel();
    bool isRunning() const { return m_running; }

    // Totals since construction: 107 retries, and time spent waiting for the limiter or a back-off.
    int totalRetries() const { return m_totalRetries; }
    qint64 throttledMs() const { return m_throttledMs; }

    // The back-off before retry `attempt` (1-based): base·2^(attempt-1) plus up to half of that.
    static qint64 backoffMs(int attempt);

signals:
    void attempted(const CallCapture& capture, const QByteArray& body, std::shared_ptr<const JsonIndex> index);
    void retrying(int attempt, qint64 delayMs);
    void finished(const ThrottledCaller::Result& result);

private:
    void sendWhenAllowed(qint64 extraDelayMs);
    void onFinished(const CallCapture& capture);

    std::unique_ptr<ApiClient> m_client;
    std::shared_ptr<CallRateLimiter> m_limiter;
    QTimer m_wait;
    ApiRequest m_request;
    int m_maxRetries = kDefaultRetries;
    int m_attempt = 0;
    bool m_running = false;
    int m_totalRetries = 0;
    qint64 m_throttledMs = 0;
};
