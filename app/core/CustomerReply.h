#pragma once

#include "HistoryRecord.h"

#include <QString>

// "Copy explanation for the customer" (docs/design.md, Support workflow): plain-language Markdown
// a support engineer can paste into a reply. It says what happened, which object and field, why
// (from the error catalogue), what to change, and shows a corrected request when the request
// linter has safe fixes for it. No tool jargon (verdicts, findings, JSON paths) and never the
// secret key: every text that goes in is masked again.
namespace CustomerReply {
// About one finding of a call (findingIndex into call.findings; -1: the call's first error).
QString forCall(const HistoryRecord& call, int findingIndex = -1);
// About a code met `count` times between two times (ms, -1 unknown), with `example` as the
// call to show.
QString forCode(const QString& codeOrKey, const HistoryRecord& example, qint64 count, qint64 firstMs, qint64 lastMs);
// "the 2nd object you sent (params.objects[1])", "the request as a whole": a finding's place in
// plain words.
QString placeOf(const HistoryFinding& finding, const QString& method);
} // namespace CustomerReply
