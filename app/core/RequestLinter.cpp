#include "RequestLinter.h"

#include "Environment.h"
#include "ErrorCatalog.h"
#include "LintEnvelopeRules.h"
#include "LintObjectRules.h"
#include "LintParamsRules.h"
#include "LintRule.h"
#include "LintText.h"
#include "LintTextRules.h"
#include "MethodCatalog.h"

#include <QJsonArray>
#include <QStringDecoder>

#include <algorithm>
#include <vector>

namespace {
using Node = JsonSourceNode;

// Every rule in the order the API is believed to check: credentials, body, envelope, method,
// params, objects, fields. A finding's rank is its rule's index here.
const std::vector<LintRule>& allRules()
{
    static const std::vector<LintRule> rules = [] {
        std::vector<LintRule> all;
        for (const LintRuleTable& table :
             {LintTextRules::rules(), LintEnvelopeRules::rules(), LintParamsRules::rules(), LintObjectRules::rules()})
            all.insert(all.end(), table.begin(), table.end());
        return all;
    }();
    return rules;
}

class Run : public LintReporter
{
public:
    Run(const ErrorCatalog& errors, QStringView text)
        : m_errors(errors)
        , m_lines(text)
    {}

    void runScope(LintScope scope, const LintSubject& subject)
    {
        const std::vector<LintRule>& rules = allRules();
        for (size_t i = 0; i < rules.size(); ++i) {
            if (rules[i].scope != scope)
                continue;
            m_rule = &rules[i];
            m_ruleIndex = int(i);
            rules[i].check(subject, *this);
        }
    }

    bool saturated() const override
    {
        return m_listed.size() > size_t(m_ruleIndex) &&
               m_listed[size_t(m_ruleIndex)] >= RequestLinter::kMaxFindingsPerRule;
    }

    void report(LintReport r) override
    {
        if (m_listed.size() <= size_t(m_ruleIndex)) {
            m_listed.resize(size_t(m_ruleIndex) + 1, 0);
            m_omitted.resize(size_t(m_ruleIndex) + 1, 0);
        }
        if (saturated()) {
            ++m_omitted[size_t(m_ruleIndex)];
            return;
        }
        ++m_listed[size_t(m_ruleIndex)];
        LintFinding f;
        f.severity = m_rule->severity;
        f.confidence = m_rule->confidence;
        // Only an error predicts the answer; a warning with a code names what the API may say.
        (f.isError() ? f.predictedCode : f.likelyCode) = m_rule->code;
        f.rule = QString::fromLatin1(m_rule->id);
        f.level = QString::fromLatin1(m_rule->level);
        f.path = r.path;
        f.message = LintText::fillTemplate(m_rule->message, r.args);
        if (f.likelyCode)
            f.message += QStringLiteral(" It may be answered with %1.").arg(f.likelyCode);
        f.fix = LintText::fillTemplate(m_rule->fix, r.fixArgs);
        if (const int code = f.predictedCode ? f.predictedCode : f.likelyCode) {
            if (const ErrorEntry* entry = m_errors.byCode(code)) {
                f.codeMessage = entry->message;
                f.explanation = entry->summary;
            }
        }
        f.offset = r.offset;
        f.length = r.length;
        if (f.offset >= 0)
            m_lines.lineColumn(f.offset, &f.line, &f.column);
        f.quickFix = r.quickFix;
        m_findings.emplace_back(m_ruleIndex, std::move(f));
    }

    QList<LintFinding> findings()
    {
        // Rule order is the API's check order, so the first error is the likely answer; within a
        // rule, text order.
        std::stable_sort(m_findings.begin(), m_findings.end(), [](const auto& a, const auto& b) {
            if (a.first != b.first)
                return a.first < b.first;
            return a.second.offset < b.second.offset;
        });
        QList<LintFinding> result;
        result.reserve(qsizetype(m_findings.size()));
        for (size_t i = 0; i < m_findings.size(); ++i) {
            const int rule = m_findings[i].first;
            const bool lastOfRule = i + 1 == m_findings.size() || m_findings[i + 1].first != rule;
            if (lastOfRule && size_t(rule) < m_omitted.size())
                m_findings[i].second.omitted = m_omitted[size_t(rule)];
            result.append(std::move(m_findings[i].second));
        }
        return result;
    }

private:
    const ErrorCatalog& m_errors;
    LintText::LineIndex m_lines;
    const LintRule* m_rule = nullptr;
    int m_ruleIndex = 0;
    std::vector<std::pair<int, LintFinding>> m_findings;
    std::vector<int> m_listed;     // per rule index
    std::vector<qint64> m_omitted; // per rule index
};
} // namespace

// ---------------------------------------------------------------------------------------------

std::optional<LintContext::Environment> LintContext::environmentFromString(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("simulator"))
        return Environment::Simulator;
    if (n == QLatin1String("production"))
        return Environment::Production;
    if (n == QLatin1String("custom"))
        return Environment::Custom;
    if (n == QLatin1String("unknown"))
        return Environment::Unknown;
    return std::nullopt;
}

std::optional<LintContext::ApiVersion> LintContext::apiVersionFromString(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("v1") || n == QLatin1String("1"))
        return ApiVersion::V1;
    if (n == QLatin1String("v1.2") || n == QLatin1String("1.2"))
        return ApiVersion::V1_2;
    return std::nullopt;
}

LintContext LintContext::forEnvironment(const ::Environment& environment, bool hasSecretKey)
{
    LintContext context;
    switch (environment.kind) {
    case ::Environment::Kind::Simulator:
        context.environment = Environment::Simulator;
        break;
    case ::Environment::Kind::Production:
        context.environment = Environment::Production;
        break;
    case ::Environment::Kind::Custom:
        context.environment = Environment::Custom;
        break;
    }
    context.apiVersion = environment.version == ::ApiVersion::V1 ? ApiVersion::V1 : ApiVersion::V1_2;
    context.hasAccountId = !environment.accountId.trimmed().isEmpty();
    context.hasSecretKey = hasSecretKey;
    return context;
}

QString LintFinding::confidenceName(LintConfidence confidence)
{
    switch (confidence) {
    case LintConfidence::Documented:
        return QStringLiteral("documented");
    case LintConfidence::Observed:
        return QStringLiteral("observed");
    case LintConfidence::Inferred:
        break;
    }
    return QStringLiteral("inferred");
}

QJsonObject LintFinding::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("severity"), severityName());
    o.insert(QStringLiteral("predicted_code"),
             predictedCode ? QJsonValue(predictedCode) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("likely_code"), likelyCode ? QJsonValue(likelyCode) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("confidence"), confidenceName(confidence));
    o.insert(QStringLiteral("path"), path);
    o.insert(QStringLiteral("message"), message);
    o.insert(QStringLiteral("fix"), fix);
    o.insert(QStringLiteral("rule"), rule);
    o.insert(QStringLiteral("level"), level);
    o.insert(QStringLiteral("code_message"),
             codeMessage.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(codeMessage));
    o.insert(QStringLiteral("explanation"),
             explanation.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(explanation));
    if (offset >= 0) {
        o.insert(QStringLiteral("offset"), offset);
        o.insert(QStringLiteral("length"), length);
        o.insert(QStringLiteral("line"), line);
        o.insert(QStringLiteral("column"), column);
    } else {
        o.insert(QStringLiteral("offset"), QJsonValue::Null);
        o.insert(QStringLiteral("length"), QJsonValue::Null);
        o.insert(QStringLiteral("line"), QJsonValue::Null);
        o.insert(QStringLiteral("column"), QJsonValue::Null);
    }
    o.insert(QStringLiteral("omitted"), omitted);
    if (quickFix) {
        QJsonArray edits;
        for (const LintTextEdit& e : quickFix->edits)
            edits.append(QJsonObject{{QStringLiteral("offset"), e.offset},
                                     {QStringLiteral("length"), e.length},
                                     {QStringLiteral("text"), e.text}});
        o.insert(QStringLiteral("quick_fix"),
                 QJsonObject{{QStringLiteral("label"), quickFix->label}, {QStringLiteral("edits"), edits}});
    } else {
        o.insert(QStringLiteral("quick_fix"), QJsonValue::Null);
    }
    return o;
}

RequestLinter::RequestLinter()
    : RequestLinter(MethodCatalog::builtin(), ErrorCatalog::builtin())
{}

RequestLinter::RequestLinter(const MethodCatalog& methods, const ErrorCatalog& errors)
    : m_methods(methods)
    , m_errors(errors)
{}

QList<LintFinding> RequestLinter::lint(const QByteArray& body, const LintContext& context) const
{
    // Keep a leading byte order mark: it is sent, and PHP's json_decode rejects it.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    const QString text = decoder(body);
    const int badByte = LintText::firstInvalidUtf8Byte(body);
    if (badByte < 0)
        return lint(text, context);
    LintSubject subject;
    subject.context = &context;
    subject.text = text;
    subject.methods = &m_methods;
    subject.utf8ErrorByte = badByte;
    QStringDecoder prefixDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    subject.utf8ErrorOffset = int(QString(prefixDecoder(body.left(badByte))).size());
    Run run(m_errors, text);
    run.runScope(LintScope::Context, subject);
    run.runScope(LintScope::Text, subject);
    return run.findings();
}

QList<LintFinding> RequestLinter::lint(const QString& text, const LintContext& context) const
{
    const JsonSourceScanner::Result scan = JsonSourceScanner::scan(text, JsonSourceScanner::Option::AllowLeadingBom);
    LintSubject s;
    s.context = &context;
    s.text = text;
    s.methods = &m_methods;
    s.scan = &scan;
    Run run(m_errors, text);
    run.runScope(LintScope::Context, s);
    run.runScope(LintScope::Text, s);
    if (!scan.ok || !scan.root.isObject())
        return run.findings();

    s.root = &scan.root;
    run.runScope(LintScope::Envelope, s);
    const Node* methodNode = s.root->member(QStringLiteral("method"));
    if (methodNode && methodNode->kind == Node::Kind::String)
        s.method = m_methods.byName(methodNode->scalar.toString());
    if (!s.method)
        return run.findings();
    run.runScope(LintScope::Method, s);

    const Node* params = s.root->member(QStringLiteral("params"));
    if (!s.method->documented || !params || !(params->isObject() || LintText::isEmptyPhpArray(*params)))
        return run.findings();
    s.params = params;
    s.path = QStringLiteral("$.params");
    run.runScope(LintScope::Params, s);
    for (const Node& member : params->children) {
        LintSubject p = s;
        p.node = &member;
        p.param = s.method->param(member.key);
        p.path = LintText::pathKey(QStringLiteral("$.params"), member.key);
        run.runScope(LintScope::Param, p);
    }

    const Node* objects = s.method->batch ? params->member(QStringLiteral("objects")) : nullptr;
    if (!objects)
        return run.findings();
    LintSubject o = s;
    o.objects = objects;
    o.path = QStringLiteral("$.params.objects");
    run.runScope(LintScope::Objects, o);
    if (!objects->isArray())
        return run.findings();
    for (qsizetype i = 0; i < qsizetype(objects->children.size()); ++i) {
        const Node& element = objects->children[size_t(i)];
        if (!element.isObject())
            continue;
        LintSubject e = o;
        e.element = &element;
        e.index = i;
        e.elementPath = LintText::pathIndex(o.path, i);
        e.path = e.elementPath;
        e.node = &element;
        run.runScope(LintScope::Element, e);
        for (const Node& member : element.children) {
            // Keys a restricted record does not take are object-key-not-accepted's alone.
            if (!s.method->objectKeys.isEmpty() && !s.method->objectKeys.contains(member.key))
                continue;
            LintSubject f = e;
            f.node = &member;
            f.field = m_methods.objectField(s.method->objectType, member.key);
            f.path = LintText::pathKey(e.elementPath, member.key);
            run.runScope(LintScope::Field, f);
        }
    }
    return run.findings();
}

QString RequestLinter::applyFix(const QString& text, const LintFinding& finding)
{
    return applyFixes(text, {finding});
}

QString RequestLinter::applyFixes(const QString& text, const QList<LintFinding>& findings, int* applied)
{
    std::vector<LintTextEdit> accepted;
    int count = 0;
    const auto overlaps = [](const LintTextEdit& a, const LintTextEdit& b) {
        if (a.length == 0 && b.length == 0)
            return a.offset == b.offset; // two inserts at one place would need a separator
        const int aEnd = a.offset + a.length;
        const int bEnd = b.offset + b.length;
        if (a.length == 0)
            return a.offset > b.offset && a.offset < bEnd;
        if (b.length == 0)
            return b.offset > a.offset && b.offset < aEnd;
        return a.offset < bEnd && b.offset < aEnd;
    };
    for (const LintFinding& finding : findings) {
        if (!finding.quickFix || finding.quickFix->edits.isEmpty())
            continue;
        bool ok = true;
        for (const LintTextEdit& edit : finding.quickFix->edits) {
            if (edit.offset < 0 || edit.length < 0 || edit.offset + edit.length > text.size())
                ok = false; // stale: made for another text
            for (const LintTextEdit& other : accepted)
                ok = ok && !overlaps(edit, other);
        }
        // Edits of one fix must not overlap each other either.
        const QList<LintTextEdit>& own = finding.quickFix->edits;
        for (qsizetype i = 0; ok && i < own.size(); ++i) {
            for (qsizetype j = i + 1; ok && j < own.size(); ++j)
                ok = !overlaps(own[i], own[j]);
        }
        if (!ok)
            continue;
        for (const LintTextEdit& edit : own)
            accepted.push_back(edit);
        ++count;
    }
    // Apply from the end so earlier offsets stay valid; at one offset, a replacement before the
    // insertion that ends there.
    std::stable_sort(accepted.begin(), accepted.end(), [](const LintTextEdit& a, const LintTextEdit& b) {
        if (a.offset != b.offset)
            return a.offset > b.offset;
        return a.length > b.length;
    });
    QString result = text;
    for (const LintTextEdit& edit : accepted)
        result.replace(edit.offset, edit.length, edit.text);
    if (applied)
        *applied = count;
    return result;
}

int RequestLinter::predictedResponseCode(const QList<LintFinding>& findings)
{
    for (const LintFinding& f : findings) {
        if (f.isError() && f.predictedCode)
            return f.predictedCode;
    }
    return 0;
}

void RequestLinter::countFindings(const QList<LintFinding>& findings, qint64* errors, qint64* warnings)
{
    *errors = 0;
    *warnings = 0;
    for (const LintFinding& f : findings)
        (f.isError() ? *errors : *warnings) += 1 + f.omitted;
}

QList<RequestLinter::RuleInfo> RequestLinter::rules()
{
    QList<RuleInfo> list;
    for (const LintRule& rule : allRules())
        list.append(
            {QString::fromLatin1(rule.id), rule.severity, rule.code, QString::fromLatin1(rule.level), rule.confidence});
    return list;
}