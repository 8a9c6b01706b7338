#include "BulkCallRecorder.h"

#include "HistoryRecord.h"
#include "HistoryRecorder.h"
#include "RequestEnvelope.h"
#include "ResponseAnalyzer.h"

BulkCallRecorder::BulkCallRecorder(HistoryRecorder* recorder, Context context, qint64 bodyLimit, int backlog)
    : m_recorder(recorder)
    , m_context(std::move(context))
    , m_bodyLimit(bodyLimit)
    , m_backlog(backlog)
{}

void BulkCallRecorder::record(const CallCapture& capture, const QByteArray& body,
                              std::shared_ptr<const JsonIndex> index)
{
    if (!m_recorder || !m_recorder->isEnabled())
        return;
    if (m_backlog > 0)
        m_recorder->waitForRoom(m_backlog);
    ++m_recorded;
    m_recorder->record([capture, body, index = std::move(index), context = m_context, limit = m_bodyLimit] {
        std::optional<Diagnosis> diagnosis;
        if (capture.hasResponse) {
            ResponseAnalyzer::Context analysis;
            analysis.httpStatus = capture.httpStatus;
            analysis.headers = capture.responseHeaders;
            if (const auto envelope = RequestEnvelope::parse(capture.requestBody))
                analysis.request = envelope->object();
            // The caller's index, only read here (a JsonIndex does not change once built).
            diagnosis =
                index ? ResponseAnalyzer().analyze(*index, analysis) : ResponseAnalyzer().analyze(body, analysis);
        }
        return HistoryRecord::fromCall(capture, body, diagnosis ? &*diagnosis : nullptr, context.environment,
                                       context.account, context.source, context.secret, limit);
    });
}
