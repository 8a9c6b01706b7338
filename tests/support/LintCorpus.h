#pragma once

#include "RequestLinter.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>

// One case of the lint corpus (tests/data/requests/*.json): an envelope and the findings the
// linter must report. Shared by the linter unit test and the simulator oracle test.
//
// File format:
//   {"description": S,
//    "context": {"environment": "simulator|production|custom", "api_version": "v1|v1.2",
//                "account_id": bool, "secret_key": bool},            (optional)
//    "envelope": <any JSON, taken VERBATIM from the file>  | "raw": S | "raw_base64": S,
//    "expect": [{"code": N, "path": S, "rule": S?, "at": S?, "message_contains": S?},
//               {"severity": "warning", "rule": S, "path": S, "likely_code": N?, "confidence": S?, ...}],
//    "sim_account": "agency",                                          (optional, oracle only)
//    "oracle_known_difference": S,    (optional: the simulator is known to answer otherwise; why)
//    "oracle": false, "oracle_reason": S}                              (optional)
// Error findings are exhaustive (every error the linter reports must be expected); warnings
// are checked only where listed. "at" is the exact text of the finding's source range.
struct LintCase
{
    QString name; // file name without .json
    QString description;
    QByteArray body;        // the request body exactly as it would be sent
    bool bytesOnly = false; // raw_base64: not valid UTF-8, lint the bytes
    LintContext context;
    QJsonArray expect;
    bool oracle = true;
    QString oracleReason;
    QString simAccount;      // which simulator demo account the oracle uses: "" (main) or "agency"
    QString knownDifference; // the simulator answers otherwise (QEXPECT_FAIL in the oracle); why

    // The body as text; a leading byte order mark is kept (it is part of what is sent).
    QString text() const;
};

namespace LintCorpus {
// All cases, sorted by name; a malformed case file is a fatal test error (qFatal).
QList<LintCase> load();
} // namespace LintCorpus
