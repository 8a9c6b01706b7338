#pragma once

#include "DiagnosisFilter.h"
#include "ResponseAnalyzer.h"

#include <QJsonArray>

#include <algorithm>
#include <functional>
#include <vector>

// One run of ResponseAnalyzer::analyze: the index, the context and the diagnosis being built.
// Internal to the analyzer; its member functions are spread by concern over
// ResponseAnalysis.cpp (findings, readers, the run, HTTP-level and non-JSON bodies),
// ResponseAnalysisEnvelope.cpp (envelope, id, result) and ResponseAnalysisBatch.cpp (batch
// elements, error objects, top-level copies, silent updates).
class ResponseAnalysis
{
public:
    using Severity = Finding::Severity;
    using Level = Finding::Level;
    using Verdict = Diagnosis::Verdict;
    using NodeId = JsonIndex::NodeId;
    using Type = JsonIndex::Type;
    static constexpr NodeId npos = JsonIndex::npos;

    ResponseAnalysis(const ErrorCatalog& catalog, const JsonIndex& index, const ResponseAnalyzer::Context& context,
                     DiagnosisFilter* filter = nullptr)
        : m_catalog(catalog)
        , m_index(index)
        , m_context(context)
        , m_filter(filter)
    {}

    Diagnosis run();

private:
    // For findings a response holds a bounded number of times. When the filter leaves it out,
    // the result is a scratch finding: edits to it go nowhere.
    Finding& add(Severity severity, Level level, const QString& key, const QString& message, NodeId node = npos);
    // For findings that may come once per batch object: nullptr when the filter leaves the
    // finding out, and then no text is built; otherwise the caller sets the message (setMessage).
    // `force` keeps it whatever the filter says (counted all the same).
    Finding* addAt(Severity severity, Level level, const QString& key, int index, NodeId node, bool force = false);
    Finding* addCodeAt(Severity severity, Level level, std::optional<int> code, int index, NodeId node);
    Finding* admit(Severity severity, Level level, std::optional<int> code, const ErrorEntry* codeEntry,
                   const QString& key, int index, NodeId node, bool force);
    static void setMessage(Finding& f, QString message);
    // Keeps the verdict of highest precedence (see ResponseAnalyzer).
    void raise(Verdict verdict);
    QByteArray header(const QByteArray& name) const;

    void analyzeHttp();
    void reportInvalidUtf8();
    void analyzeNotJson();
    void analyzeEnvelope(NodeId root);
    void analyzeId(NodeId idNode);
    void analyzeResult(NodeId result, bool errorReported);
    void analyzeBatch(const QString& key, NodeId array);
    void correlateCopies(NodeId errorArray);
    // Copy j of the top-level error list, reported where it is (it belongs to no failed object).
    void reportCopy(int j, int copies, const QString& suffix, bool suffixIfNotObject);
    // Every few thousand elements of a long array: the bytes before element i are done with
    // (JsonIndex::releaseSource, for an index read in one pass); *released is where that began.
    void releaseBehind(int i, NodeId element, qint64* released) const;
    void checkSilentUpdates();
    void reportInfo(NodeId root, NodeId result);
    // Paging of a data page (ResponseAnalysisPaging.cpp): silent cap, end of results, next page.
    void analyzePaging();
    // Reads {code, message, data}; returns the code (nullopt when absent or unusable).
    // How a finding names the error it reports: "<subject> <code clause>: <message><suffix>".
    struct ErrorWording
    {
        QString subject;  // "API error", "object 2 of 3 failed with", "top-level error 1 of 2"
        QString withCode; // "%1" = the code: "%1", "has code %1"
        QString noCode;   // "without a code", "has no code"
        QString badCode;  // "%1" = the raw code: "with an unusable code %1"
        QString suffix;   // appended after the message
    };
    static ErrorWording apiWording();
    static ErrorWording objectWording(int index, qint64 total);
    static ErrorWording copyWording(int index, qint64 total, const QString& suffix);
    // The wording is asked for only when the finding is kept.
    std::optional<int> reportErrorObject(NodeId error, Level level, int index,
                                         const std::function<ErrorWording()>& wording);
    // The error object's message as a batch row shows it (null without one).
    QString errorMessageText(NodeId error) const;
    // A kept batch row's request columns (params.objects[row.index]).
    void fillRequest(BatchRow& row) const;
    std::optional<int> readCode(NodeId codeNode, bool* asString) const;
    // What an error's `data` says was rejected, as a sentence ("leadScore was rejected."), from
    // {"field": …} or the documented {"params": [{"param": …, "message": …}]}; "" otherwise.
    QString rejectedNames(NodeId data) const;
    std::optional<qint64> readCounter(NodeId node) const;
    QString describeType(NodeId node) const;
    // The node's source text, cut at max bytes (for quoting in messages).
    QString rawText(NodeId node, qsizetype max = 1 << 20) const
    {
        const QByteArrayView raw = m_index.raw(node);
        return QString::fromUtf8(raw.first(std::min(raw.size(), max)));
    }

    static constexpr int kQuoteChars = 120;
    // 'text', simplified and cut at max characters.
    static QString quoted(QString text, int max = kQuoteChars);
    // "2 of 5" for index 1.
    static QString ordinalOf(int index, qint64 total);
    // A scalar request value as text (1 and "1" compare equal); empty for anything else.
    static QString jsonValueText(const QJsonValue& value);

    const ErrorCatalog& m_catalog;
    const JsonIndex& m_index;
    const ResponseAnalyzer::Context& m_context;
    DiagnosisFilter* m_filter = nullptr;
    Diagnosis m_d;
    Finding m_scratch;      // what add() returns for a finding the filter left out
    qint64 m_rows = 0;      // batch rows seen (kept or not)
    NodeId m_copies = npos; // the top-level error array of copies, when there is one
    // Failed rows carrying an error object, for correlateCopies (kept only when there are copies).
    struct FailedRow
    {
        int index;
        std::optional<int> code;
    };
    std::vector<FailedRow> m_failedWithError;
    // Successful `updates` rows that have a request object, for checkSilentUpdates.
    struct UpdatedRow
    {
        int index;
        NodeId node;
    };
    std::vector<UpdatedRow> m_updated;
    bool m_httpError = false;
    bool m_bodyExplainsHttp = false; // e.g. the 401 clusterID text: no separate http_status finding
    NodeId m_dataArray = npos;       // the result's first data array (not a batch key)
    QString m_dataKey;
    QJsonArray m_requestObjects;
    bool m_hasRequestObjects = false;
};
