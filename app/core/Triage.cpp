#include "Triage.h"

#include "Diagnosis.h"
#include "ImportedCall.h"
#include "ParallelFor.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <optional>

namespace {

QJsonValue isoOrNull(qint64 ms)
{
    return ms < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(HistoryRecord::isoTime(ms));
}

void widen(qint64 timeMs, qint64* first, qint64* last)
{
    if (timeMs < 0)
        return;
    if (*first < 0 || timeMs < *first)
        *first = timeMs;
    if (*last < 0 || timeMs > *last)
        *last = timeMs;
}

QString plural(qint64 n, const char* one, const char* many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

} // namespace

bool Triage::needsDiagnosis(const ImportedCall& call)
{
    // A body the exporter left out (browsers keep only some) says nothing about the API; an
    // HTTP error status still does.
    return call.isApiCall() && !(call.responseBodyMissing && call.responseBody.isEmpty() &&
                                 (!call.httpStatus || (*call.httpStatus >= 200 && *call.httpStatus < 300)));
}

void Triage::addCall(const ImportedCall& call)
{
    if (needsDiagnosis(call)) {
        const Diagnosis diagnosis = call.diagnose();
        addDiagnosed(call, &diagnosis);
    } else {
        addDiagnosed(call, nullptr);
    }
}

void Triage::addCalls(const std::vector<ImportedCall>& calls)
{
    std::vector<std::optional<Diagnosis>> diagnoses(calls.size());
    parallelFor(qsizetype(calls.size()), [&](qsizetype i) {
        if (needsDiagnosis(calls[size_t(i)]))
            diagnoses[size_t(i)] = calls[size_t(i)].diagnose();
    });
    for (size_t i = 0; i < calls.size(); ++i)
        addDiagnosed(calls[i], diagnoses[i] ? &*diagnoses[i] : nullptr);
}

void Triage::addDiagnosed(const ImportedCall& call, const Diagnosis* diagnosed)
{
    ++m_calls;
    if (!call.isApiCall())
        return;
    ++m_apiCalls;
    if (!diagnosed) {
        ++m_verdicts[QStringLiteral("body_not_recorded")];
        return;
    }
    const Diagnosis& diagnosis = *diagnosed;
    const QString verdict = Diagnosis::verdictName(diagnosis.verdict);
    ++m_verdicts[verdict];
    const QString method = call.apiMethod();

    // The codes the call met: numeric codes and catalogue keys, notes (info) left out as the
    // history's code list does.
    QSet<QString> seen;
    QList<const Finding*> firsts;
    for (const Finding& finding : diagnosis.findings) {
        if (finding.severity == Finding::Severity::Info)
            continue;
        const QString text = finding.code ? QString::number(*finding.code) : finding.key;
        if (text.isEmpty() || seen.contains(text))
            continue;
        seen.insert(text);
        firsts.append(&finding);
    }

    if (!method.isEmpty()) {
        auto it = m_methodIndex.constFind(method);
        if (it == m_methodIndex.constEnd()) {
            it = m_methodIndex.insert(method, int(m_methods.size()));
            MethodRow row;
            row.method = method;
            row.exampleSource = call.source;
            row.exampleIndex = call.index;
            m_methods.append(row);
        }
        MethodRow& row = m_methods[*it];
        ++row.count;
        if (diagnosis.verdict != Diagnosis::Verdict::Ok)
            ++row.failed;
        for (const QString& code : std::as_const(seen))
            ++row.codes[code];
        widen(call.timeMs, &row.firstMs, &row.lastMs);
    }

    for (const Finding* finding : std::as_const(firsts)) {
        const QString text = finding->code ? QString::number(*finding->code) : finding->key;
        auto it = m_codeIndex.constFind(text);
        if (it == m_codeIndex.constEnd()) {
            it = m_codeIndex.insert(text, int(m_codes.size()));
            CodeRow row;
            row.code = finding->code ? QVariant(*finding->code) : QVariant(finding->key);
            row.exampleSource = call.source;
            row.exampleIndex = call.index;
            row.exampleLine = call.line;
            row.example = call.toRecord(&diagnosis);
            if (row.example.requestBody.size() + row.example.responseBody.size() > kExampleBodyLimit) {
                row.example.requestBody.clear();
                row.example.responseBody.clear();
                row.example.bodiesDropped = true;
            }
            m_codes.append(row);
        }
        CodeRow& row = m_codes[*it];
        ++row.count;
        if (!method.isEmpty() && !row.methods.contains(method)) {
            row.methods.append(method);
            row.methods.sort();
        }
        widen(call.timeMs, &row.firstMs, &row.lastMs);
    }
}

void Triage::addProblem(const QString& source, qint64 line, const QString& message)
{
    ++m_problemCount;
    if (m_problems.size() < kMaxProblems)
        m_problems.append({source, line, message});
}

void Triage::addSecretSource(const QString& source)
{
    if (!m_secretSources.contains(source))
        m_secretSources.append(source);
}

QList<Triage::CodeRow> Triage::codeRows() const
{
    QList<CodeRow> rows = m_codes;
    std::stable_sort(rows.begin(), rows.end(), [](const CodeRow& a, const CodeRow& b) {
        if (a.count != b.count)
            return a.count > b.count;
        const bool aNumeric = a.code.typeId() == QMetaType::Int;
        const bool bNumeric = b.code.typeId() == QMetaType::Int;
        if (aNumeric != bNumeric)
            return aNumeric;
        return aNumeric ? a.code.toInt() < b.code.toInt() : a.codeText() < b.codeText();
    });
    return rows;
}

QList<Triage::MethodRow> Triage::methodRows() const
{
    QList<MethodRow> rows = m_methods;
    std::stable_sort(rows.begin(), rows.end(), [](const MethodRow& a, const MethodRow& b) {
        return a.count != b.count ? a.count > b.count : a.method < b.method;
    });
    return rows;
}

QJsonObject Triage::toJson() const
{
    QJsonObject verdicts;
    for (auto it = m_verdicts.cbegin(); it != m_verdicts.cend(); ++it)
        verdicts.insert(it.key(), it.value());
    QJsonArray byCode;
    for (const CodeRow& row : codeRows()) {
        byCode.append(QJsonObject{
            {QStringLiteral("code"),
             row.code.typeId() == QMetaType::Int ? QJsonValue(row.code.toInt()) : QJsonValue(row.codeText())},
            {QStringLiteral("count"), row.count},
            {QStringLiteral("methods"), QJsonArray::fromStringList(row.methods)},
            {QStringLiteral("first_seen"), isoOrNull(row.firstMs)},
            {QStringLiteral("last_seen"), isoOrNull(row.lastMs)},
            {QStringLiteral("example"),
             QJsonObject{{QStringLiteral("source"), row.exampleSource},
                         {QStringLiteral("index"), row.exampleIndex},
                         {QStringLiteral("line"),
                          row.exampleLine > 0 ? QJsonValue(row.exampleLine) : QJsonValue(QJsonValue::Null)}}},
        });
    }
    QJsonArray byMethod;
    for (const MethodRow& row : methodRows()) {
        QJsonObject codes;
        for (auto it = row.codes.cbegin(); it != row.codes.cend(); ++it)
            codes.insert(it.key(), it.value());
        byMethod.append(QJsonObject{
            {QStringLiteral("method"), row.method},
            {QStringLiteral("count"), row.count},
            {QStringLiteral("failed"), row.failed},
            {QStringLiteral("codes"), codes},
            {QStringLiteral("first_seen"), isoOrNull(row.firstMs)},
            {QStringLiteral("last_seen"), isoOrNull(row.lastMs)},
            {QStringLiteral("example"),
             QJsonObject{{QStringLiteral("source"), row.exampleSource}, {QStringLiteral("index"), row.exampleIndex}}},
        });
    }
    QJsonArray malformed;
    for (const Problem& problem : m_problems)
        malformed.append(QJsonObject{{QStringLiteral("source"), problem.source},
                                     {QStringLiteral("line"), problem.line},
                                     {QStringLiteral("message"), problem.message}});
    return QJsonObject{
        {QStringLiteral("calls"), m_calls},
        {QStringLiteral("api_calls"), m_apiCalls},
        {QStringLiteral("verdicts"), verdicts},
        {QStringLiteral("by_code"), byCode},
        {QStringLiteral("by_method"), byMethod},
        {QStringLiteral("malformed"), malformed},
        {QStringLiteral("malformed_count"), m_problemCount},
        {QStringLiteral("secrets_masked_in"), QJsonArray::fromStringList(m_secretSources)},
    };
}

QString Triage::toText() const
{
    QString text;
    text +=
        QStringLiteral("%1 read, %2 to the API.\n").arg(plural(m_calls, "call", "calls"), QString::number(m_apiCalls));
    if (!m_verdicts.isEmpty()) {
        QStringList parts;
        for (auto it = m_verdicts.cbegin(); it != m_verdicts.cend(); ++it)
            parts.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value()));
        text += QStringLiteral("Verdicts: %1\n").arg(parts.join(QStringLiteral(", ")));
    }
    const QList<CodeRow> codes = codeRows();
    if (!codes.isEmpty()) {
        text += QStringLiteral("\n%1  %2  %3  %4  %5  %6\n")
                    .arg(QStringLiteral("CODE"), -22)
                    .arg(QStringLiteral("COUNT"), 7)
                    .arg(QStringLiteral("FIRST SEEN (UTC)"), -24)
                    .arg(QStringLiteral("LAST SEEN (UTC)"), -24)
                    .arg(QStringLiteral("EXAMPLE"), -24)
                    .arg(QStringLiteral("METHODS"));
        for (const CodeRow& row : codes) {
            const QString example =
                QStringLiteral("%1 #%2").arg(row.exampleSource.section(QLatin1Char('/'), -1)).arg(row.exampleIndex);
            text += QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                        .arg(row.codeText().left(22), -22)
                        .arg(row.count, 7)
                        .arg(row.firstMs < 0 ? QStringLiteral("-") : HistoryRecord::isoTime(row.firstMs), -24)
                        .arg(row.lastMs < 0 ? QStringLiteral("-") : HistoryRecord::isoTime(row.lastMs), -24)
                        .arg(example, -24)
                        .arg(row.methods.isEmpty() ? QStringLiteral("-") : row.methods.join(QLatin1Char(',')));
        }
    }
    const QList<MethodRow> methods = methodRows();
    if (!methods.isEmpty()) {
        text += QStringLiteral("\n%1  %2  %3  %4\n")
                    .arg(QStringLiteral("METHOD"), -28)
                    .arg(QStringLiteral("CALLS"), 7)
                    .arg(QStringLiteral("FAILED"), 7)
                    .arg(QStringLiteral("CODES"));
        for (const MethodRow& row : methods) {
            QStringList counts;
            for (auto it = row.codes.cbegin(); it != row.codes.cend(); ++it)
                counts.append(QStringLiteral("%1×%2").arg(it.key()).arg(it.value()));
            text += QStringLiteral("%1  %2  %3  %4\n")
                        .arg(row.method.left(28), -28)
                        .arg(row.count, 7)
                        .arg(row.failed, 7)
                        .arg(counts.join(QStringLiteral(", ")));
        }
    }
    if (m_problemCount > 0) {
        text += QStringLiteral("\n%1 skipped:\n").arg(plural(m_problemCount, "record", "records"));
        for (const Problem& problem : m_problems)
            text += QStringLiteral("  %1:%2: %3\n").arg(problem.source).arg(problem.line).arg(problem.message);
        if (m_problemCount > m_problems.size())
            text += QStringLiteral("  ... and %1 more\n").arg(m_problemCount - m_problems.size());
    }
    return text;
}
