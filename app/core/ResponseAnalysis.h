#pragma once

#include "ResponseAnalyzer.h"

#include <QJsonArray>

#include <algorithm>

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

    ResponseAnalysis(const ErrorCatalog& catalog, const JsonIndex& index, const ResponseAnalyzer::Context& context)
        : m_catalog(catalog)
        , m_index(index)
        , m_context(context)
    {}

    Diagnosis run();

private:
    Finding& add(Severity severity, Level level, const QString& key, const QString& message, NodeId node = npos);
    Finding& addCode(Severity severity, Level level, std::optional<int> code, const QString& message, NodeId node);
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
    std::optional<int> reportErrorObject(NodeId error, Level level, int index, const ErrorWording& wording,
                                         QString* messageOut = nullptr);
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
    Diagnosis m_d;
    bool m_httpError = false;
    bool m_bodyExplainsHttp = false; // e.g. the 401 clusterID text: no separate http_status finding
    NodeId m_dataArray = npos;       // the result's first data array (not a batch key)
    QString m_dataKey;
    QJsonArray m_requestObjects;
    bool m_hasRequestObjects = false;
};
