#include "LintEnvelopeRules.h"

#include "LintText.h"
#include "RequestEnvelope.h"

#include <iterator>

namespace {
using namespace LintText;
using Node = JsonSourceNode;
using Severity = LintFinding::Severity;
using Confidence = LintConfidence;

// In check order. Each entry: id, scope, severity, predicted code, level, message (%1.. from the
// check), fix text, check.
const LintRule kRules[] = {
    // --- the envelope
    {"missing-id", LintScope::Envelope, Severity::Error, 102, "api", Confidence::Documented,
     "The envelope has no \"id\" member.", "Add an \"id\" (any string or number; the response echoes it).",
     [](const LintSubject& s, LintReporter& out) {
         if (s.root->member(QStringLiteral("id")))
             return;
         LintReport r{QStringLiteral("$.id")};
         r.atContainer(*s.root);
         // A mis-cased "ID" gets a rename from envelope-key-miscased instead.
         if (!s.root->memberCaseInsensitive(QStringLiteral("id")))
             r.quickFix =
                 LintQuickFix{QStringLiteral("Add an \"id\""),
                              {insertMember(s.text, *s.root,
                                            QStringLiteral("\"id\": ") + jsonQuote(RequestEnvelope::generateId()))}};
         out.report(r);
     }},
    {"id-not-scalar", LintScope::Envelope, Severity::Warning, 0, "request", Confidence::Inferred,
     "\"id\" is %1; the response echoes it and clients compare it as a string or number.",
     "Use a string or a number as the id.",
     [](const LintSubject& s, LintReporter& out) {
         const Node* id = s.root->member(QStringLiteral("id"));
         if (!id || id->kind == Node::Kind::String || id->kind == Node::Kind::Number)
             return;
         LintReport r{QStringLiteral("$.id"), -1, 0, {describe(*id)}};
         r.at(*id).quickFix = LintQuickFix{QStringLiteral("Generate a new id"),
                                           {replaceValue(*id, jsonQuote(RequestEnvelope::generateId()))}};
         out.report(r);
     }},
    {"missing-method", LintScope::Envelope, Severity::Error, 201, "api", Confidence::Documented,
     "The envelope has no \"method\" member.", "Add \"method\" with a method name, e.g. \"getLeads\".",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.root->member(QStringLiteral("method")))
             out.report(LintReport{QStringLiteral("$.method")}.atContainer(*s.root));
     }},
    {"method-empty", LintScope::Envelope, Severity::Error, 201, "api", Confidence::Documented, "\"method\" is %1.",
     "Put a method name in \"method\".",
     [](const LintSubject& s, LintReporter& out) {
         const Node* m = s.root->member(QStringLiteral("method"));
         if (m && (m->kind == Node::Kind::Null ||
                   (m->kind == Node::Kind::String && m->scalar.toString().trimmed().isEmpty())))
             out.report(LintReport{QStringLiteral("$.method"), -1, 0, {describe(*m)}}.at(*m));
     }},
    {"method-not-string", LintScope::Envelope, Severity::Error, 204, "api", Confidence::Documented,
     "\"method\" is %1, not a method name.", "Write the method name as a string, e.g. \"getLeads\".",
     [](const LintSubject& s, LintReporter& out) {
         const Node* m = s.root->member(QStringLiteral("method"));
         if (m && m->kind != Node::Kind::String && m->kind != Node::Kind::Null)
             out.report(LintReport{QStringLiteral("$.method"), -1, 0, {describe(*m)}}.at(*m));
     }},
    {"method-wrong-case", LintScope::Envelope, Severity::Error, 204, "api", Confidence::Observed,
     "\"%1\" is not a method: method names are case-sensitive, the method is \"%2\".", "Write \"%1\".",
     [](const LintSubject& s, LintReporter& out) {
         const Node* m = s.root->member(QStringLiteral("method"));
         if (!m || m->kind != Node::Kind::String || s.methods->byName(m->scalar.toString()))
             return;
         const MethodSpec* spec = s.methods->byNameCaseInsensitive(m->scalar.toString().trimmed());
         if (!spec)
             return;
         LintReport r{QStringLiteral("$.method"), -1, 0, {m->scalar.toString(), spec->name}, {spec->name}};
         r.at(*m).quickFix =
             LintQuickFix{QStringLiteral("Write \"%1\"").arg(spec->name), {replaceValue(*m, jsonQuote(spec->name))}};
         out.report(r);
     }},
    {"method-unknown", LintScope::Envelope, Severity::Error, 204, "api", Confidence::Documented,
     "\"%1\" is not a method of this API%2.",
     "Use a method name from the catalogue (explain lists them; names are case-sensitive).",
     [](const LintSubject& s, LintReporter& out) {
         const Node* m = s.root->member(QStringLiteral("method"));
         if (!m || m->kind != Node::Kind::String)
             return;
         const QString name = m->scalar.toString();
         if (name.trimmed().isEmpty() || s.methods->byName(name) || s.methods->byNameCaseInsensitive(name.trimmed()))
             return;
         const QStringList close =
             mayHaveCloseName(name.trimmed(), s.methods->methodNames()) ? s.methods->closestNames(name) : QStringList();
         const QString hint =
             close.isEmpty() ? QString() : QStringLiteral(" (did you mean %1?)").arg(close.join(QLatin1String(", ")));
         out.report(LintReport{QStringLiteral("$.method"), -1, 0, {name, hint}}.at(*m));
     }},
    {"missing-params", LintScope::Envelope, Severity::Error, 202, "api", Confidence::Documented,
     "The envelope has no \"params\" member (it is required even when the method takes no parameters).",
     "Add \"params\": {}.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.root->member(QStringLiteral("params")))
             return;
         LintReport r{QStringLiteral("$.params")};
         r.atContainer(*s.root);
         if (!s.root->memberCaseInsensitive(QStringLiteral("params")))
             r.quickFix = LintQuickFix{QStringLiteral("Add \"params\": {}"),
                                       {insertMember(s.text, *s.root, QStringLiteral("\"params\": {}"))}};
         out.report(r);
     }},
    {"params-not-object", LintScope::Envelope, Severity::Error, 202, "api", Confidence::Documented,
     "\"params\" is %1; it must be an object.", "Send the parameters as an object, e.g. \"params\": {}.",
     [](const LintSubject& s, LintReporter& out) {
         const Node* p = s.root->member(QStringLiteral("params"));
         if (!p || p->isContainer())
             return;
         LintReport r{QStringLiteral("$.params"), -1, 0, {describe(*p)}};
         r.at(*p);
         if (p->kind == Node::Kind::Null)
             r.quickFix =
                 LintQuickFix{QStringLiteral("Replace null with {}"), {replaceValue(*p, QStringLiteral("{}"))}};
         out.report(r);
     }},
    {"params-list", LintScope::Envelope, Severity::Warning, 205, "api", Confidence::Inferred,
     "\"params\" is a list; parameters must be named members of an object.",
     "Turn the list into an object of named parameters.",
     [](const LintSubject& s, LintReporter& out) {
         const Node* p = s.root->member(QStringLiteral("params"));
         if (p && p->isArray() && !p->children.empty())
             out.report(LintReport{QStringLiteral("$.params")}.at(*p));
     }},
    {"envelope-key-miscased", LintScope::Envelope, Severity::Warning, 0, "request", Confidence::Inferred,
     "\"%1\" is not an envelope member; did you mean \"%2\"? Member names are case-sensitive.", "Rename it to \"%1\".",
     [](const LintSubject& s, LintReporter& out) {
         for (const Node& child : s.root->children) {
             for (const char* known : {"method", "params", "id", "header"}) {
                 const QString name = QLatin1String(known);
                 if (child.key == name || child.key.compare(name, Qt::CaseInsensitive) != 0)
                     continue;
                 LintReport r{pathKey(QStringLiteral("$"), child.key), -1, 0, {child.key, name}, {name}};
                 r.at(child, true);
                 if (!s.root->member(name))
                     r.quickFix = LintQuickFix{QStringLiteral("Rename to \"%1\"").arg(name), {renameKey(child, name)}};
                 out.report(r);
             }
         }
     }},
    {"envelope-unknown-key", LintScope::Envelope, Severity::Warning, 0, "request", Confidence::Inferred,
     "\"%1\" is not part of the envelope; the API reads only method, params and id.", "Remove \"%1\".",
     [](const LintSubject& s, LintReporter& out) {
         for (const Node& child : s.root->children) {
             bool known = false;
             for (const char* name : {"method", "params", "id", "header"})
                 known = known || child.key.compare(QLatin1String(name), Qt::CaseInsensitive) == 0;
             if (!known)
                 out.report(LintReport{pathKey(QStringLiteral("$"), child.key), -1, 0, {child.key}, {child.key}}.at(
                     child, true));
         }
     }},
    {"legacy-header", LintScope::Envelope, Severity::Warning, 0, "request", Confidence::Observed,
     "The legacy \"header\" object is not needed: the API takes accountID and secretKey from the query string.",
     "Remove \"header\" and set the credentials on the environment.",
     [](const LintSubject& s, LintReporter& out) {
         if (const Node* h = s.root->member(QStringLiteral("header")))
             out.report(LintReport{QStringLiteral("$.header")}.at(*h, true));
     }},

    // --- the method
    {"undocumented-method", LintScope::Method, Severity::Warning, 0, "request", Confidence::Inferred,
     "The parameters of %1 are not documented; only the envelope was checked.",
     "Check the vendor documentation, and try the call on the simulator before production.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.method->documented)
             out.report(LintReport{QStringLiteral("$.method"), -1, 0, {s.method->name}}.at(
                 *s.root->member(QStringLiteral("method"))));
     }},
    {"production-mutating", LintScope::Method, Severity::Warning, 0, "request", Confidence::Inferred,
     "%1 changes data and the environment is production.",
     "Try it on the simulator first; the composer asks for confirmation before sending.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.method->mutating && s.context->environment == LintContext::Environment::Production)
             out.report(LintReport{QStringLiteral("$.method"), -1, 0, {s.method->name}}.at(
                 *s.root->member(QStringLiteral("method"))));
     }},
};
} // namespace

LintRuleTable LintEnvelopeRules::rules()
{
    return {kRules, std::size(kRules)};
}
