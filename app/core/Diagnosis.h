#pragma once

#include "JsonIndex.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

// One observation about a response (the `F` objects of `inspect --json`, docs/design.md, Command line).
struct Finding
{
    enum class Severity
    {
        Error,
        Warning,
        Info
    };
    enum class Level
    {
        Api,
        Object,
        Http,
        Envelope
    };

    Severity severity = Severity::Error;
    std::optional<int> code; // the numeric code the response carries (also when sent as "105")
    QString key;             // catalogue key of a non-numeric entry ("id_mismatch", "unknown_code", ...)
    bool known = true;       // the catalogue has an entry for this code / key
    Level level = Level::Envelope;
    QString path = QStringLiteral("$"); // where in the body: $.result.creates[1].error
    int index = -1;                     // batch object index; -1 = null
    QString message;                    // the specific fact ("object 2 of 3 failed with 301: Entry already exists.")
    QString explanation;                // from the catalogue (summary), never hard-coded
    QString title;                      // catalogue title, for headings in the UI

    // For the inspector: the node the finding is about and its bytes in the body.
    JsonIndex::NodeId node = JsonIndex::npos;
    qint64 offset = -1; // -1 = not tied to a byte range
    qint64 length = 0;
    qint64 line = 0; // 1-based, 0 = unknown
    qint64 column = 0;

    static QString severityName(Severity severity);
    static QString levelName(Level level);
    QJsonObject toJson() const;
    // "error    $.result.creates[1].error  301  object 2 of 3 failed ... — explanation"
    QString toTextLine() const;
};

// QString and std::optional members only: a growing list of a million findings can move them with
// memcpy/realloc instead of constructing each one again.
Q_DECLARE_TYPEINFO(Finding, Q_RELOCATABLE_TYPE);

// One element of result.creates|updates|deletes, for the inspector's batch table.
struct BatchRow
{
    QString key; // "creates", "updates" or "deletes"
    int index = 0;
    bool success = true;
    std::optional<int> code;
    QString message;
    JsonIndex::NodeId node = JsonIndex::npos;      // the element
    JsonIndex::NodeId errorNode = JsonIndex::npos; // its error object, if any
    QString id;                                    // the created/updated record id, as text
    // Correlation with the request's params.objects[index], when the request is known.
    bool hasRequestObject = false;
    QJsonObject requestObject;
    QString requestLabel; // emailAddress, else id, else the first field: one word for a table cell

    QJsonObject toJson() const;
};

// What ResponseAnalyzer concludes about one response.
struct Diagnosis
{
    enum class Verdict
    {
        Ok,
        ApiError,
        PartialFailure,
        AllFailed,
        HttpError,
        NotJson,
        InvalidEnvelope,
        Empty
    };

    Verdict verdict = Verdict::Ok;
    std::optional<int> httpStatus;
    std::optional<QString> requestId; // the id the response echoes
    std::optional<bool> idMatches;    // null without a request (or a request without id)
    QList<Finding> findings;
    struct Stats
    {
        qint64 bytes = 0;   // body size after decompression
        qint64 objects = 0; // batch elements, or records in the result's data arrays
        qint64 failed = 0;  // failed batch elements
    } stats;

    // Informational fields (docs/design.md, The API in brief); also reported as info findings.
    std::optional<bool> hasMore;

    // The top-level quota counters (sent as strings, "1036" and "50000"): calls made today and
    // the daily allowance, as captures show them. For the verdict line and a rate meter.
    struct Quota
    {
        std::optional<qint64> callCount;
        std::optional<qint64> queryLimit;

        bool isEmpty() const { return !callCount && !queryLimit; }
        std::optional<qint64> remaining() const;
        // "call 1,036 of 50,000 today" (the parts that are known); empty without counters.
        QString text() const;
    } quota;

    // A page of a paginated method that is exactly `limit` long: the request for the next one
    // (same params, offset + limit), for a one-click "Next page".
    struct PageRequest
    {
        qint64 offset = 0;
        qint64 limit = 0;
        QJsonObject params; // the request's params with the new offset
        QString label;      // "Next page (offset 500)"
        QJsonObject toJson() const;
    };
    std::optional<PageRequest> nextPage;
    // An empty page after a non-zero offset: the end of the results, this many records before it.
    std::optional<qint64> endOfResults;

    QString method;        // from the request envelope, when given
    QList<BatchRow> batch; // per-object results, in order

    // Left out by a DiagnosisFilter: findings counted but not built (by severity), batch rows
    // not kept. Zero without a filter.
    qint64 omitted[3] = {0, 0, 0};
    qint64 batchRowsOmitted = 0;
    qint64 omittedFindings() const { return omitted[0] + omitted[1] + omitted[2]; }
    bool hasBatch() const { return !batch.isEmpty() || batchRowsOmitted > 0; }

    // toJson() lists every batch row up to this many, only the failed ones above.
    static constexpr int kMaxJsonBatchRows = 1000;

    bool hasErrors() const;
    // Kept and omitted findings of this severity.
    int count(Finding::Severity severity) const;
    static QString verdictName(Verdict verdict);
    // Exactly the inspect object of docs/design.md (Command line), plus added keys: info {hasMore, callCount,
    // queryLimit}, quota, next_page, method, batch (rows) and batch_rows ("all" | "failed", see
    // kMaxJsonBatchRows).
    QJsonObject toJson() const;
    // The verdict line then one line per finding (`inspect` text output).
    QString toText() const;
    QString verdictLine() const;
};
