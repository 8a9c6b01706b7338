#include "ThrottledCaller.h"

#include "ApiClient.h"
#include "CallRateLimiter.h"

#include <QRandomGenerator>

namespace {
std::optional<qint64> counter(const JsonIndex& index, JsonIndex::NodeId node)
{
    if (node == JsonIndex::npos)
        return std::nullopt;
    if (index.type(node) == JsonIndex::Type::Number)
        return index.integer(node);
    if (index.type(node) == JsonIndex::Type::String) {
        bool ok = false;
        const qint64 v = index.string(node).trimmed().toLongLong(&ok);
        if (ok)
            return v;
    }
    return std::nullopt;
}
} // namespace

ApiAnswer ApiAnswer::read(const JsonIndex& index)
{
    ApiAnswer answer;
    const JsonIndex::NodeId root = index.root();
    if (root == JsonIndex::npos || index.type(root) != JsonIndex::Type::Object)
        return answer;
    const JsonIndex::NodeId error = index.member(root, QLatin1String("error"));
    if (error != JsonIndex::npos && index.type(error) == JsonIndex::Type::Object) {
        if (const auto code = counter(index, index.member(error, QLatin1String("code"))))
            answer.apiCode = int(*code);
    }
    answer.callCount = counter(index, index.member(root, QLatin1String("callCount")));
    answer.queryLimit = counter(index, index.member(root, QLatin1String("queryLimit")));
    JsonIndex::NodeId more = index.member(root, QLatin1String("hasMore"));
    if (more == JsonIndex::npos) {
        const JsonIndex::NodeId result = index.member(root, QLatin1String("result"));
        if (result != JsonIndex::npos && index.type(result) == JsonIndex::Type::Object)
            more = index.member(result, QLatin1String("hasMore"));
    }
    if (more != JsonIndex::npos) {
        if (index.type(more) == JsonIndex::Type::True || index.type(more) == JsonIndex::Type::False)
            answer.hasMore = index.boolean(more);
        else if (index.type(more) == JsonIndex::Type::String)
            answer.hasMore = index.string(more) == QLatin1String("true") || index.string(more) == QLatin1String("1");
    }
    return answer;
}

ThrottledCaller::ThrottledCaller(QNetworkAccessManager* network, std::shared_ptr<CallRateLimiter> limiter,
                                 QObject* parent)
    : QObject(parent)
    , m_client(std::make_unique<ApiClient>(network))
    , m_limiter(std::move(limiter))
{
    m_wait.setSingleShot(true);
    // A coarse timer may fire up to 5 % early: a call sent before its slot is one more in the
    // service's window than the limiter allowed, and the service answers 107.
    m_wait.setTimerType(Qt::PreciseTimer);
    connect(&m_wait, &QTimer::timeout, this, [this] { m_client->send(m_request); });
    connect(m_client.get(), &ApiClient::finished, this, &ThrottledCaller::onFinished);
}

ThrottledCaller::~ThrottledCaller() = default;

qint64 ThrottledCaller::backoffMs(int attempt)
{
    const qint64 base = qint64(kBackoffBaseMs) << qBound(0, attempt - 1, 10);
    return base + qint64(QRandomGenerator::global()->bounded(int(base / 2 + 1)));
}

void ThrottledCaller::call(const ApiRequest& request)
{
    m_request = request;
    m_attempt = 0;
    m_running = true;
    sendWhenAllowed(0);
}

void ThrottledCaller::sendWhenAllowed(qint64 extraDelayMs)
{
    // The back-off runs first; the limiter's slot is then taken from when it ends.
    const qint64 limiterDelay = m_limiter->reserve();
    const qint64 delay = qMax(extraDelayMs, limiterDelay);
    m_throttledMs += delay;
    if (delay <= 0) {
        m_client->send(m_request);
        return;
    }
    m_wait.start(int(qMin<qint64>(delay, 24 * 3600 * 1000)));
}

void ThrottledCaller::cancel()
{
    if (!m_running)
        return;
    if (m_wait.isActive()) {
        m_wait.stop();
        m_running = false;
        Result result;
        result.cancelled = true;
        result.capture.layer = FailureLayer::Cancelled;
        result.retries = m_attempt;
        emit finished(result);
        return;
    }
    m_client->cancel(); // finished() comes through onFinished()
}

void ThrottledCaller::onFinished(const CallCapture& capture)
{
    Result result;
    result.capture = capture;
    result.retries = m_attempt;
    if (capture.layer == FailureLayer::Cancelled) {
        m_running = false;
        result.cancelled = true;
        emit finished(result);
        return;
    }
    if (capture.hasResponse)
        result.body = capture.readBody(&result.readError);
    auto index = std::make_shared<const JsonIndex>(JsonIndex::fromBytes(result.body));
    if (index->isValid())
        result.answer = ApiAnswer::read(*index);
    result.index = index;
    emit attempted(capture, result.body, std::move(index));
    m_limiter->noteServerCounters(result.answer.callCount, result.answer.queryLimit);
    if (result.answer.apiCode == 107 && m_attempt < m_maxRetries) {
        ++m_attempt;
        ++m_totalRetries;
        const qint64 delay = backoffMs(m_attempt);
        emit retrying(m_attempt, delay);
        sendWhenAllowed(delay);
        return;
    }
    m_running = false;
    emit finished(result);
}
