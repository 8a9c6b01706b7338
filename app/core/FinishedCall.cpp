#include "FinishedCall.h"

#include "ByteSize.h"
#include "JsonText.h"
#include "RequestEnvelope.h"

#include <QCoreApplication>

ResponseAnalyzer::Context FinishedCall::contextFor(const CallCapture& capture)
{
    ResponseAnalyzer::Context context;
    if (capture.hasResponse) {
        context.httpStatus = capture.httpStatus;
        context.headers = capture.responseHeaders;
    }
    if (const auto envelope = RequestEnvelope::parse(capture.requestBody))
        context.request = envelope->object();
    return context;
}

QString FinishedCall::responseText(qint64 limit) const
{
    QString readError;
    const bool small = capture.bodySize <= limit;
    QString shown = QString::fromUtf8(small ? capture.readBody(&readError) : capture.readBody(&readError).left(limit));
    if (!readError.isEmpty()) {
        shown = readError;
    } else {
        // Indented for reading when it is complete JSON; the raw bytes go to the inspector.
        if (small && JsonText::check(shown).ok)
            shown = JsonText::indented(shown);
        if (!small)
            shown +=
                QCoreApplication::translate("FinishedCall", "\n\n… %1 in all; the inspector shows the whole response.")
                    .arg(ByteSize::text(capture.bodySize));
    }
    if (!capture.hasResponse && shown.isEmpty())
        shown = capture.explanation;
    return shown;
}
