#include "ResponseAnalyzer.h"

#include "ResponseAnalysis.h"

ResponseAnalyzer::ResponseAnalyzer(const ErrorCatalog& catalog)
    : m_catalog(catalog)
{}

Diagnosis ResponseAnalyzer::analyze(const QByteArray& body, const Context& context) const
{
    const JsonIndex index = JsonIndex::fromBytes(body);
    Diagnosis d = analyze(index, context);
    // The nodes die with this index: keep only the byte ranges.
    for (Finding& f : d.findings)
        f.node = JsonIndex::npos;
    for (BatchRow& row : d.batch)
        row.node = row.errorNode = JsonIndex::npos;
    return d;
}

Diagnosis ResponseAnalyzer::analyze(const JsonIndex& index, const Context& context, DiagnosisFilter* filter) const
{
    ResponseAnalysis analysis(m_catalog, index, context, filter);
    return analysis.run();
}

QString ResponseAnalyzer::explanationFor(const ErrorEntry* entry)
{
    if (!entry)
        return QString();
    if (!entry->summary.isEmpty())
        return entry->summary;
    if (!entry->message.isEmpty())
        return entry->message;
    return entry->title;
}
