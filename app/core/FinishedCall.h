#pragma once

#include "AnalysisTask.h"
#include "CallCapture.h"

#include <QMetaType>
#include <QString>

#include <memory>

// A call that ended, with what was captured and its diagnosis, analysed once (CallAnalysis) and
// then shown by every view: the composer's result line, the inspector, the status bar.
struct FinishedCall
{
    CallCapture capture;
    // Null when there was nothing to analyse (no response, cancelled) or the body was unreadable.
    std::shared_ptr<const AnalysisTask::Result> analysis;
    QString error; // why the body was not analysed (unreadable, analysis canceled), if it was not
    // The inspector's session analysed it, so the inspector shows it already (CallAnalysis).
    bool inspected = false;

    // The response as text for a quick look: indented when it is complete JSON, cut at `limit`
    // bytes with a note, or what went wrong when there is no body.
    QString responseText(qint64 limit) const;
    // The analysis context of a capture: status, headers and the request envelope it sent.
    static ResponseAnalyzer::Context contextFor(const CallCapture& capture);
};

Q_DECLARE_METATYPE(FinishedCall)
