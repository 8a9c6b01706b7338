#include "PageRun.h"

#include "CallRateLimiter.h"
#include "ErrorCatalog.h"
#include "MethodCatalog.h"
#include "RecordSink.h"

#include <QJsonDocument>

namespace {
// The result list of a page: result[key], else the first array under result.
JsonIndex::NodeId resultArray(const JsonIndex& index, const QString& key)
{
    const JsonIndex::NodeId root = index.root();
    if (root == JsonIndex::npos || index.type(root) != JsonIndex::Type::Object)
        return JsonIndex::npos;
    const JsonIndex::NodeId result = index.member(root, QLatin1String("result"));
    if (result == JsonIndex::npos || index.type(result) != JsonIndex::Type::Object)
        return JsonIndex::npos;
    if (!key.isEmpty()) {
        const JsonIndex::NodeId list = index.member(result, key);
        if (list != JsonIndex::npos && index.type(list) == JsonIndex::Type::Array)
            return list;
    }
    const int count = index.childCount(result);
    for (int i = 0; i < count; ++i) {
        const JsonIndex::NodeId child = index.child(result, i);
        if (index.type(child) == JsonIndex::Type::Array)
            return child;
    }
    return JsonIndex::npos;
}

QString codeText(int code)
{
    const ErrorEntry* entry = ErrorCatalog::builtin().byCode(code);
    return entry ? QStringLiteral("%1 %2").arg(code).arg(entry->title) : QString::number(code);
}
} // namespace

PageRun::PageRun(ThrottledCaller* caller, RecordSink* sink, const ApiRequest& base, const QJsonObject& envelope,
                 const MethodSpec& method, const Options& options, QObject* parent)
    : QObject(parent)
    , m_caller(caller)
    , m_sink(sink)
    , m_base(base)
    , m_envelope(envelope)
    , m_resultKey(method.resultKey)
    , m_options(options)
{
    const QJsonObject params = envelope.value(QStringLiteral("params")).toObject();
    const MethodParam* limitParam = method.param(QStringLiteral("limit"));
    const int maxLimit = limitParam && limitParam->max ? int(*limitParam->max) : 500;
    const qint64 asked = params.value(QStringLiteral("limit")).toVariant().toLongLong();
    // Without a limit the page size is the API's largest, so a short page means the end.
    m_limit = asked > 0 ? int(qMin<qint64>(asked, maxLimit)) : maxLimit;
    m_offset = options.startOffset >= 0
                   ? options.startOffset
                   : qMax<qint64>(0, params.value(QStringLiteral("offset")).toVariant().toLongLong());
}

bool PageRun::supports(const MethodSpec& method)
{
    return method.paginated;
}

QString PageRun::stopName(Stop stop)
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

void PageRun::start()
{
    m_running = true;
    m_cancelRequested = false;
    m_clock.start();
    m_retriesAtStart = m_caller->totalRetries();
    m_throttledAtStart = m_caller->throttledMs();
    m_progress = {};
    m_progress.offset = m_offset;
    connect(m_caller, &ThrottledCaller::finished, this, &PageRun::onCallFinished, Qt::UniqueConnection);
    connect(m_caller, &ThrottledCaller::retrying, this, &PageRun::updateProgress, Qt::UniqueConnection);
    sendPage();
}

void PageRun::cancel()
{
    if (!m_running)
        return;
    m_cancelRequested = true;
    if (m_caller->isRunning())
        m_caller->cancel();
}

void PageRun::updateProgress()
{
    m_progress.offset = m_offset;
    m_progress.retries = m_caller->totalRetries() - m_retriesAtStart;
    m_progress.throttledMs = m_caller->throttledMs() - m_throttledAtStart;
    m_progress.elapsedMs = m_clock.elapsed();
    m_progress.callsLastSecond = m_caller->limiter().callsInLastSecond();
    m_progress.callsToday = m_caller->limiter().bestCallsToday();
    m_progress.quota = m_caller->limiter().bestQuota();
    emit progressed(m_progress);
}

void PageRun::sendPage()
{
    if (m_cancelRequested) {
        stop(Stop::Cancelled, QStringLiteral("cancelled"));
        return;
    }
    if (m_options.maxPages > 0 && m_progress.pages >= m_options.maxPages) {
        stop(Stop::MaxPages,
             QStringLiteral("stopped after %1 pages (--max-pages); more may follow").arg(m_progress.pages));
        return;
    }
    if (m_caller->limiter().quotaExhausted()) {
        stop(Stop::QuotaExhausted,
             QStringLiteral("the account's daily quota is used up (callCount %1 of queryLimit %2): the next call "
                            "would be refused with %3")
                 .arg(*m_caller->limiter().serverCallCount())
                 .arg(*m_caller->limiter().serverQueryLimit())
                 .arg(codeText(106)));
        return;
    }
    QJsonObject params = m_envelope.value(QStringLiteral("params")).toObject();
    params.insert(QStringLiteral("limit"), m_limit);
    params.insert(QStringLiteral("offset"), m_offset);
    QJsonObject envelope = m_envelope;
    envelope.insert(QStringLiteral("params"), params);
    ApiRequest request = m_base;
    request.body = QJsonDocument(envelope).toJson(QJsonDocument::Compact);
    m_caller->call(request);
}

void PageRun::stop(Stop why, const QString& message, const ThrottledCaller::Result& last)
{
    m_running = false;
    updateProgress();
    Outcome outcome;
    outcome.stop = why;
    outcome.progress = m_progress;
    outcome.message = message;
    outcome.last = last;
    outcome.resumeOffset = why == Stop::Done ? -1 : m_offset;
    disconnect(m_caller, nullptr, this, nullptr);
    emit finished(outcome);
}

void PageRun::onCallFinished(const ThrottledCaller::Result& result)
{
    if (!m_running)
        return;
    if (result.cancelled || m_cancelRequested) {
        stop(Stop::Cancelled, QStringLiteral("cancelled"), result);
        return;
    }
    if (result.capture.layer != FailureLayer::None) {
        stop(Stop::Failed,
             QStringLiteral("%1: %2").arg(failureLayerTitle(result.capture.layer),
                                          result.capture.explanation.section(QLatin1Char('\n'), 0, 0)),
             result);
        return;
    }
    if (result.answer.apiCode == 106) {
        stop(Stop::QuotaExhausted, QStringLiteral("the service answered %1: no more calls today").arg(codeText(106)),
             result);
        return;
    }
    if (result.answer.apiCode == 107) {
        stop(Stop::Failed,
             QStringLiteral("the service kept answering %1 after %2 retries").arg(codeText(107)).arg(result.retries),
             result);
        return;
    }
    if (result.answer.apiCode != 0) {
        stop(Stop::Failed, QStringLiteral("the service answered %1").arg(codeText(result.answer.apiCode)), result);
        return;
    }
    const JsonIndex& index = *result.index;
    const JsonIndex::NodeId array = resultArray(index, m_resultKey);
    if (array == JsonIndex::npos) {
        stop(Stop::Failed, QStringLiteral("the answer has no list of records under result"), result);
        return;
    }
    const qint64 written = m_sink->writeArray(index, array);
    if (!m_sink->errorString().isEmpty()) {
        stop(Stop::WriteFailed, QStringLiteral("writing the records failed: %1").arg(m_sink->errorString()), result);
        return;
    }
    ++m_progress.pages;
    m_progress.records += written;
    m_offset += written;
    const bool last = written < m_limit || (result.answer.hasMore && !*result.answer.hasMore);
    updateProgress();
    if (last) {
        stop(Stop::Done, QStringLiteral("all %1 records in %2 pages").arg(m_progress.records).arg(m_progress.pages),
             result);
        return;
    }
    sendPage();
}
