#include "BatchRun.h"

#include "CallRateLimiter.h"
#include "ErrorCatalog.h"
#include "MethodCatalog.h"

#include <QJsonDocument>

namespace {
// success as the API sends it: true/false, or the strings "true"/"false" (documented shape).
bool truthy(const JsonIndex& index, JsonIndex::NodeId node)
{
    if (node == JsonIndex::npos)
        return false;
    switch (index.type(node)) {
    case JsonIndex::Type::True:
        return true;
    case JsonIndex::Type::String: {
        const QString text = index.string(node);
        return text == QLatin1String("true") || text == QLatin1String("1");
    }
    case JsonIndex::Type::Number:
        return index.number(node) != 0;
    default:
        return false;
    }
}

QJsonValue scalarValue(const JsonIndex& index, JsonIndex::NodeId node)
{
    if (node == JsonIndex::npos)
        return QJsonValue();
    switch (index.type(node)) {
    case JsonIndex::Type::String:
        return index.string(node);
    case JsonIndex::Type::Number:
        if (const auto i = index.integer(node))
            return QJsonValue(*i);
        return index.number(node);
    case JsonIndex::Type::True:
    case JsonIndex::Type::False:
        return index.boolean(node);
    default:
        return QJsonValue();
    }
}
} // namespace

BatchRun::BatchRun(ThrottledCaller* caller, const ApiRequest& base, const QJsonObject& envelope,
                   const QJsonArray& objects, const MethodSpec& method, int chunkSize, QObject* parent)
    : BulkRun(caller, parent)
    , m_base(base)
    , m_envelope(envelope)
    , m_objects(objects)
    , m_resultKey(method.batchResultKey())
    , m_chunkSize(qBound(1, chunkSize, kMaxChunk))
{
    m_progress.objects = int(objects.size());
    m_progress.chunkCount = int((objects.size() + m_chunkSize - 1) / m_chunkSize);
}

int BatchRun::defaultChunkSize(const QJsonArray& objects)
{
    // "Many" custom fields: more than 20 on average over the first objects.
    qsizetype custom = 0;
    const qsizetype sample = qMin<qsizetype>(objects.size(), 50);
    for (qsizetype i = 0; i < sample; ++i) {
        const QStringList keys = objects.at(i).toObject().keys();
        for (const QString& key : keys) {
            if (MethodCatalog::isCustomFieldName(key))
                ++custom;
        }
    }
    return sample > 0 && custom / sample > 20 ? 250 : kMaxChunk;
}

void BatchRun::start()
{
    begin();
    sendChunk();
}

void BatchRun::updateProgress()
{
    fillCounters(&m_progress);
    emit progressed(m_progress);
}

void BatchRun::sendChunk()
{
    if (m_next >= m_objects.size()) {
        stop(Stop::Done, QStringLiteral("%1 objects in %2 calls, %3 failed")
                             .arg(m_progress.objects)
                             .arg(m_progress.chunks)
                             .arg(m_progress.failed));
        return;
    }
    if (const auto why = stopBeforeCall()) {
        stop(why->first, why->second);
        return;
    }
    m_chunkBegin = m_next;
    const int end = int(qMin<qsizetype>(m_objects.size(), qsizetype(m_next) + m_chunkSize));
    QJsonArray chunk;
    for (int i = m_next; i < end; ++i)
        chunk.append(m_objects.at(i));
    QJsonObject params = m_envelope.value(QStringLiteral("params")).toObject();
    params.insert(QStringLiteral("objects"), chunk);
    QJsonObject envelope = m_envelope;
    envelope.insert(QStringLiteral("params"), params);
    ApiRequest request = m_base;
    request.body = QJsonDocument(envelope).toJson(QJsonDocument::Compact);
    m_next = end;
    m_caller->call(request);
}

void BatchRun::stop(Stop why, const QString& message)
{
    end();
    updateProgress();
    Outcome outcome;
    outcome.stop = why;
    outcome.progress = m_progress;
    outcome.message = message;
    outcome.firstUnsent = m_next < m_objects.size() ? m_next : -1;
    emit finished(outcome);
}

void BatchRun::onCallFinished(const ThrottledCaller::Result& result)
{
    if (!m_running)
        return;
    const int begin = m_chunkBegin;
    const int end = m_next;
    if (const auto why = stopFor(result)) {
        m_next = begin; // this chunk did not get through
        stop(why->first, why->second);
        return;
    }
    QList<ObjectResult> results;
    const JsonIndex& index = *result.index;
    JsonIndex::NodeId list = JsonIndex::npos;
    if (result.answer.apiCode == 0 && index.isValid()) {
        const JsonIndex::NodeId root = index.root();
        const JsonIndex::NodeId res =
            index.type(root) == JsonIndex::Type::Object ? index.member(root, QLatin1String("result")) : JsonIndex::npos;
        if (res != JsonIndex::npos && index.type(res) == JsonIndex::Type::Object)
            list = index.member(res, m_resultKey);
    }
    QString apiMessage;
    if (result.answer.apiCode != 0) {
        const JsonIndex::NodeId error = index.member(index.root(), QLatin1String("error"));
        const JsonIndex::NodeId message =
            error != JsonIndex::npos ? index.member(error, QLatin1String("message")) : JsonIndex::npos;
        apiMessage = message != JsonIndex::npos ? index.string(message) : codeText(result.answer.apiCode);
    }
    for (int i = begin; i < end; ++i) {
        ObjectResult r;
        r.index = i;
        r.sent = true;
        const QJsonObject object = m_objects.at(i).toObject();
        r.id = object.value(QStringLiteral("id"));
        if (result.answer.apiCode != 0) {
            r.code = result.answer.apiCode;
            r.message = apiMessage;
        } else if (list == JsonIndex::npos || i - begin >= index.childCount(list)) {
            r.message = QStringLiteral("the answer has no result for this object");
        } else {
            const JsonIndex::NodeId item = index.child(list, i - begin);
            r.success = truthy(index, index.member(item, QLatin1String("success")));
            const QJsonValue id = scalarValue(index, index.member(item, QLatin1String("id")));
            if (!id.isUndefined() && !id.isNull())
                r.id = id;
            const JsonIndex::NodeId error = index.member(item, QLatin1String("error"));
            if (error != JsonIndex::npos && index.type(error) == JsonIndex::Type::Object) {
                const QJsonValue code = scalarValue(index, index.member(error, QLatin1String("code")));
                r.code = code.isString() ? code.toString().toInt() : code.toInt();
                r.message = scalarValue(index, index.member(error, QLatin1String("message"))).toString();
                r.success = false;
            }
        }
        if (!r.success)
            ++m_progress.failed;
        results.append(r);
    }
    ++m_progress.chunks;
    m_progress.objectsDone = end;
    emit chunkDone(results);
    updateProgress();
    sendChunk();
}
