#include "PageRun.h"

#include "CallRateLimiter.h"
#include "ErrorCatalog.h"
#include "MethodCatalog.h"
#include "RecordExport.h"
#include "RecordSink.h"

#include <QJsonDocument>

PageRun::PageRun(ThrottledCaller* caller, RecordSink* sink, const ApiRequest& base, const QJsonObject& envelope,
                 const MethodSpec& method, const Options& options, QObject* parent)
    : BulkRun(caller, parent)
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

void PageRun::start()
{
    m_progress = {};
    m_progress.offset = m_offset;
    m_startOffset = m_offset;
    m_sinkWrittenAtStart = m_sink->writtenRecords();
    begin();
    if (const auto why = stopBeforePage()) {
        stop(why->first, why->second);
        return;
    }
    sendPage();
}

void PageRun::updateProgress()
{
    m_progress.offset = m_offset;
    fillCounters(&m_progress);
    m_progress.callsLastSecond = m_caller->limiter().callsInLastSecond();
    m_progress.callsToday = m_caller->limiter().bestCallsToday();
    m_progress.quota = m_caller->limiter().bestQuota();
    emit progressed(m_progress);
}

std::optional<std::pair<PageRun::Stop, QString>> PageRun::stopBeforePage() const
{
    const auto before = stopBeforeCall();
    if (before && before->first == Stop::Cancelled)
        return before;
    if (m_options.maxPages > 0 && m_progress.pages >= m_options.maxPages)
        return std::pair{Stop::MaxPages,
                         QStringLiteral("stopped after %1 pages (--max-pages); more may follow").arg(m_progress.pages)};
    return before;
}

void PageRun::sendPage()
{
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
    end();
    updateProgress();
    Outcome outcome;
    outcome.stop = why;
    outcome.progress = m_progress;
    outcome.message = message;
    outcome.last = last;
    outcome.resumeOffset = why == Stop::Done ? -1 : m_offset;
    emit finished(outcome);
}

void PageRun::onCallFinished(const ThrottledCaller::Result& result)
{
    if (!m_running)
        return;
    if (const auto why = stopFor(result)) {
        stop(why->first, why->second, result);
        return;
    }
    if (result.answer.apiCode != 0) {
        stop(Stop::Failed, QStringLiteral("the service answered %1").arg(codeText(result.answer.apiCode)), result);
        return;
    }
    const JsonIndex& index = *result.index;
    const JsonIndex::NodeId array = RecordExport::resultRecords(index, m_resultKey);
    if (array == JsonIndex::npos) {
        stop(Stop::Failed, QStringLiteral("the answer has no list of records under result"), result);
        return;
    }
    const qint64 count = index.childCount(array);
    const bool last = count < m_limit || (result.answer.hasMore && !*result.answer.hasMore);
    ++m_progress.pages;
    m_progress.records += count;
    m_offset += count;
    // The next page is asked for before this one is written: the service prepares it while the
    // records go to disk, instead of each side waiting for the other.
    std::optional<std::pair<Stop, QString>> why;
    if (!last) {
        why = stopBeforePage();
        if (!why)
            sendPage();
    }
    m_sink->writeArray(index, array);
    if (!m_sink->errorString().isEmpty()) {
        // A resumed run starts with the first record that did not reach the output (buffered rows
        // of earlier pages are lost with the failed write too).
        end();
        m_caller->cancel();
        --m_progress.pages;
        m_progress.records = m_sink->writtenRecords() - m_sinkWrittenAtStart;
        m_offset = m_startOffset + m_progress.records;
        stop(Stop::WriteFailed, QStringLiteral("writing the records failed: %1").arg(m_sink->errorString()), result);
        return;
    }
    updateProgress();
    if (last)
        stop(Stop::Done, QStringLiteral("all %1 records in %2 pages").arg(m_progress.records).arg(m_progress.pages),
             result);
    else if (why)
        stop(why->first, why->second, result);
}
