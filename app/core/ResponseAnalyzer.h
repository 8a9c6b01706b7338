#pragma once

#include "Diagnosis.h"
#include "DiagnosisFilter.h"
#include "ErrorCatalog.h"
#include "JsonIndex.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

#include <optional>

// Turns a response body (plus, when known, its HTTP status, headers and the request that
// produced it) into a Diagnosis: a verdict and findings exactly as docs/design.md (Command line) defines, with
// explanations from the error catalogue. Works the same for a response just received and for
// one pasted or loaded from a file; only the envelope and batch arrays are walked, so a 1 GB
// getLeads page is analysed in milliseconds once indexed.
//
// Rules worth knowing (docs/design.md, The API in brief):
//  - `error` may be null, [], an object (API level) or an array of copies of the failed
//    objects' errors. Copies are reported once, at the failed object's own path
//    ($.result.creates[i].error); only copies that match no failed object are reported at
//    $.error[j].
//  - Unknown numeric codes are reported (known: false, key "unknown_code"), never dropped;
//    codes sent as strings count as codes, with an extra `code_as_string` warning.
//  - Silent update success: when the request is updateLeads (in methods.json terms: a batch
//    update of leads that cannot report 404, unlike updateLeadsV2) and an object sent without
//    `id` is reported as a success, the response cannot prove anything was updated (the API
//    also says success when no lead matched). Without `id` and `emailAddress` that is a
//    warning (nothing can have matched); with an email it is info. An unknown id cannot be
//    detected from the response at all, so it is not guessed at.
//  - Verdict precedence: http_error > empty > not_json > invalid_envelope > api_error >
//    all_failed > partial_failure > ok. Any error-severity finding implies a verdict other
//    than ok.
class ResponseAnalyzer
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    struct Context
    {
        std::optional<int> httpStatus;
        Headers headers;     // as received (QNetworkReply::rawHeaderPairs())
        QJsonObject request; // the request envelope {method, params, id}; empty = unknown
    };

    explicit ResponseAnalyzer(const ErrorCatalog& catalog = ErrorCatalog::builtin());

    Diagnosis analyze(const QByteArray& body, const Context& context = {}) const;
    // With an index built elsewhere (off the GUI thread, from a mapped file, ...). Finding
    // nodes refer to this index. With a filter, only the findings and batch rows it keeps are
    // built (the rest is counted): the same verdict and counts in a fraction of the time and
    // memory for a batch of a million failed objects.
    Diagnosis analyze(const JsonIndex& index, const Context& context, DiagnosisFilter* filter = nullptr) const;

    // The catalogue text a finding carries as its explanation: the entry's summary (falling
    // back to its message, then its title, while entries are being written). Empty for null.
    static QString explanationFor(const ErrorEntry* entry);

private:
    const ErrorCatalog& m_catalog;
};
