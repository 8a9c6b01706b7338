#include "LintParamsRules.h"

#include "CountryCodes.h"
#include "LintText.h"
#include "TextDistance.h"

#include <algorithm>
#include <iterator>

namespace {
using namespace LintText;
using Node = JsonSourceNode;
using Severity = LintFinding::Severity;
using Confidence = LintConfidence;

bool isDateRangeMethod(const LintSubject& s)
{
    return s.method->name.endsWith(QLatin1String("DateRange"));
}

// In check order. Each entry: id, scope, severity, predicted code, level, message (%1.. from the
// check), fix text, check.
const LintRule kRules[] = {
    // --- params as a whole
    {"objects-missing", LintScope::Params, Severity::Error, 207, "api", Confidence::Documented,
     "%1 takes its records in \"objects\", which is missing.", "Add \"objects\": [ {...} ] with one hash per record.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.method->batch && !s.params->member(QStringLiteral("objects")))
             out.report(LintReport{pathKey(s.path, QStringLiteral("objects")), -1, 0, {s.method->name}}.atContainer(
                 *s.params));
     }},
    {"required-param-missing", LintScope::Params, Severity::Error, 206, "api", Confidence::Observed,
     "%1 requires \"%2\"%3.", "Add %1.",
     [](const LintSubject& s, LintReporter& out) {
         for (const MethodParam& p : s.method->params) {
             if (!p.required || s.params->member(p.name) || (s.method->batch && p.name == QLatin1String("objects")))
                 continue;
             const bool object = p.type == QLatin1String("object");
             LintReport r{
                 pathKey(s.path, p.name),
                 -1,
                 0,
                 {s.method->name, p.name, object ? QStringLiteral(", even when empty") : QString()},
                 {object ? QStringLiteral("\"%1\": {} (an empty filter is fine)").arg(p.name) : quoted(p.name)}};
             r.atContainer(*s.params);
             const bool miscasedPresent = s.params->memberCaseInsensitive(p.name) != nullptr;
             if (object && !miscasedPresent)
                 r.quickFix =
                     LintQuickFix{QStringLiteral("Insert \"%1\": {}").arg(p.name),
                                  {insertMember(s.text, *s.params, jsonQuote(p.name) + QStringLiteral(": {}"))}};
             out.report(r);
         }
     }},
    {"user-fields-incomplete", LintScope::Params, Severity::Error, 223, "api", Confidence::Observed,
     "Creating a user needs all of %1; missing: %2.", "Add %1, or remove the user fields to create no user.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.method->userFields.isEmpty())
             return;
         QStringList present;
         QStringList missing;
         for (const QString& name : s.method->userFields)
             (s.params->member(name) ? present : missing).append(name);
         if (present.isEmpty() || missing.isEmpty())
             return;
         out.report(LintReport{pathKey(s.path, missing.first()),
                               -1,
                               0,
                               {quotedList(s.method->userFields), quotedList(missing)},
                               {quotedList(missing)}}
                        .at(*s.params->member(present.first()), true));
     }},

    // --- each parameter
    {"param-miscased", LintScope::Param, Severity::Error, 205, "api", Confidence::Observed,
     "\"%1\" is not a parameter of %2; names are case-sensitive: \"%3\".", "Rename it to \"%1\".",
     [](const LintSubject& s, LintReporter& out) {
         if (s.param)
             return;
         const MethodParam* p = s.method->paramCaseInsensitive(s.node->key);
         if (!p)
             return;
         LintReport r{s.path, -1, 0, {s.node->key, s.method->name, p->name}, {p->name}};
         r.at(*s.node, true);
         if (!s.params->member(p->name))
             r.quickFix = LintQuickFix{QStringLiteral("Rename to \"%1\"").arg(p->name), {renameKey(*s.node, p->name)}};
         out.report(r);
     }},
    {"param-unknown", LintScope::Param, Severity::Error, 205, "api", Confidence::Observed,
     "\"%1\" is not a parameter of %2%3.", "%1",
     [](const LintSubject& s, LintReporter& out) {
         if (s.param || s.method->paramCaseInsensitive(s.node->key) || isDateRangeMethod(s))
             return;
         if (out.saturated())
             return out.report(LintReport{});
         const QStringList names = s.method->paramNames();
         const QStringList close =
             mayHaveCloseName(s.node->key, names) ? TextDistance::closest(s.node->key, names, 1) : QStringList();
         const QString fix = names.isEmpty()
                                 ? QStringLiteral("Remove it: %1 takes no parameters.").arg(s.method->name)
                                 : QStringLiteral("Remove it or use one of: %1.").arg(names.join(QLatin1String(", ")));
         LintReport r{s.path,
                      -1,
                      0,
                      {s.node->key, s.method->name,
                       close.isEmpty() ? QString() : QStringLiteral(" (did you mean \"%1\"?)").arg(close.first())},
                      {fix}};
         r.at(*s.node, true);
         if (!close.isEmpty() && !s.params->member(close.first()))
             r.quickFix = LintQuickFix{QStringLiteral("Rename to \"%1\"").arg(close.first()),
                                       {renameKey(*s.node, close.first())}};
         out.report(r);
     }},
    // A production template sends limit with an empty where to getLeadsDateRange and it works.
    {"param-unknown-daterange", LintScope::Param, Severity::Warning, 0, "request", Confidence::Observed,
     "\"%1\" is not a documented parameter of %2; the *DateRange methods were seen to accept extra parameters, so "
     "it is probably ignored.",
     "Remove it unless you have seen it work (%1 takes: %2).",
     [](const LintSubject& s, LintReporter& out) {
         if (s.param || s.method->paramCaseInsensitive(s.node->key) || !isDateRangeMethod(s))
             return;
         out.report(LintReport{s.path,
                               -1,
                               0,
                               {s.node->key, s.method->name},
                               {s.method->name, s.method->paramNames().join(QLatin1String(", "))}}
                        .at(*s.node, true));
     }},
    // PHP's isset() is false for null: a null parameter counts as absent.
    {"required-param-null", LintScope::Param, Severity::Warning, 206, "api", Confidence::Inferred,
     "\"%1\" is null, which the API treats as missing; %2 requires it.", "%1",
     [](const LintSubject& s, LintReporter& out) {
         if (s.isObjectsOfBatch() || !s.param || !s.param->required || s.node->kind != Node::Kind::Null)
             return;
         const bool object = s.param->type == QLatin1String("object");
         LintReport r{s.path,
                      -1,
                      0,
                      {s.param->name, s.method->name},
                      {object ? QStringLiteral("Send {} instead of null (an empty filter is fine).")
                              : QStringLiteral("Give it a value.")}};
         r.at(*s.node);
         if (object)
             r.quickFix =
                 LintQuickFix{QStringLiteral("Replace null with {}"), {replaceValue(*s.node, QStringLiteral("{}"))}};
         out.report(r);
     }},
    {"param-null-ignored", LintScope::Param, Severity::Warning, 0, "request", Confidence::Inferred,
     "\"%1\" is null, which the API treats as absent (its default applies).", "Leave \"%1\" out or give it a value.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.isObjectsOfBatch() && s.param && !s.param->required && s.node->kind == Node::Kind::Null)
             out.report(LintReport{s.path, -1, 0, {s.param->name}, {s.param->name}}.at(*s.node));
     }},
    {"param-array-for-scalar", LintScope::Param, Severity::Error, 210, "api", Confidence::Documented,
     "\"%1\" must be a single %2 value, not a list.", "Pass one value, or use a method that takes a list.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.isObjectsOfBatch())
             return;
         if (s.param)
             LintRule::checkTypedValue(s, out, s.param->name, s.param->type, true, false);
     }},
    {"param-type", LintScope::Param, Severity::Warning, 205, "api", Confidence::Inferred, "\"%1\" must be %2; got %3.",
     "Send %1.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.isObjectsOfBatch())
             return;
         if (!s.param)
             return;
         const Node& n = *s.node;
         // "" in an integer param is a wrong type too (RM: empty strings in integer fields → 205).
         if (n.kind == Node::Kind::String && n.scalar.toString().isEmpty() && isNumericType(s.param->type))
             out.report(LintReport{
                 s.path, -1, 0, {s.param->name, typePhrase(s.param->type), describe(n)}, {typePhrase(s.param->type)}}
                            .at(n));
         else
             LintRule::checkTypedValue(s, out, s.param->name, s.param->type, false, true);
     }},
    {"param-not-allowed", LintScope::Param, Severity::Error, 217, "api", Confidence::Documented,
     "\"%1\" is %2; allowed: %3.", "Use one of: %1.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.param || s.param->allowed.isEmpty() || !s.node->isScalar() || s.node->kind == Node::Kind::Null)
             return;
         const QString value = scalarText(*s.node);
         LintRule::checkAllowedValue(s, out, s.param->name, s.param->allowed, value);
     }},
    {"param-out-of-range", LintScope::Param, Severity::Error, 217, "api", Confidence::Documented,
     "\"%1\" is %2; the allowed range is %3 to %4.", "Use a value from %1 to %2.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.param || !s.param->min || !s.param->max || s.param->clamped || s.param->type == QLatin1String("array"))
             return;
         const auto v = numericValue(*s.node);
         if (!v || (*v >= *s.param->min && *v <= *s.param->max))
             return;
         out.report(LintReport{s.path,
                               -1,
                               0,
                               {s.param->name, numberText(*v), numberText(*s.param->min), numberText(*s.param->max)},
                               {numberText(*s.param->min), numberText(*s.param->max)}}
                        .at(*s.node));
     }},
    {"param-clamped", LintScope::Param, Severity::Warning, 0, "request", Confidence::Documented,
     "\"%1\" is %2; the API silently returns at most %3.",
     "Fetch all pages instead: offset 0, %1, 2 x %1, ... until a page has fewer than %1 records.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.param || !s.param->clamped || !s.param->max)
             return;
         const auto v = numericValue(*s.node);
         if (v && *v > *s.param->max)
             out.report(LintReport{
                 s.path, -1, 0, {s.param->name, numberText(*v), numberText(*s.param->max)}, {numberText(*s.param->max)}}
                            .at(*s.node));
     }},
    {"param-below-min", LintScope::Param, Severity::Warning, 0, "request", Confidence::Inferred,
     "\"%1\" is %2; expected at least %3.", "Use a value of at least %1.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.param || !s.param->min || (s.param->max && !s.param->clamped) ||
             s.param->type == QLatin1String("array"))
             return; // bounded ranges are param-out-of-range's
         const auto v = numericValue(*s.node);
         if (v && *v < *s.param->min)
             out.report(LintReport{
                 s.path, -1, 0, {s.param->name, numberText(*v), numberText(*s.param->min)}, {numberText(*s.param->min)}}
                            .at(*s.node));
     }},
    {"param-datetime-format", LintScope::Param, Severity::Warning, 0, "request", Confidence::Documented,
     "\"%1\" is %2, not in the 'Y-m-d H:i:s' format the API expects.",
     "Write it as 'Y-m-d H:i:s' without T or time zone%1. v1 reads it in the account's Company Profile time "
     "zone, v1.2 in UTC.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.param || s.param->type != QLatin1String("datetime") || s.node->kind != Node::Kind::String)
             return;
         const QString value = s.node->scalar.toString();
         if (isDateTimeText(value))
             return;
         const QString fixed = dateTimeWithoutT(value);
         LintReport r{s.path,
                      -1,
                      0,
                      {s.param->name, describe(*s.node)},
                      {fixed.isEmpty() ? QString() : QStringLiteral(" (\"%1\")").arg(fixed)}};
         r.at(*s.node);
         if (!fixed.isEmpty())
             r.quickFix =
                 LintQuickFix{QStringLiteral("Write \"%1\"").arg(fixed), {replaceValue(*s.node, jsonQuote(fixed))}};
         out.report(r);
     }},
    {"datetime-zone-v1", LintScope::Param, Severity::Warning, 0, "request", Confidence::Observed,
     "API v1 reads \"%1\" in the time zone of the account's Company Profile, not in UTC.",
     "Send UTC times to the v1.2 endpoint, or convert the time to the Company Profile zone.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.param && s.param->type == QLatin1String("datetime") &&
             s.context->apiVersion == LintContext::ApiVersion::V1 && s.node->kind == Node::Kind::String &&
             isDateTimeText(s.node->scalar.toString()))
             out.report(LintReport{s.path, -1, 0, {s.param->name}}.at(*s.node));
     }},
    {"param-country-code", LintScope::Param, Severity::Error, 215, "api", Confidence::Documented,
     "\"%1\" is %2, not an ISO 3166-1 alpha-2 country code%3.", "Use a two-letter ISO code (US, GB, IT, ...)%1.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.param || s.param->format != QLatin1String("country") || s.node->kind != Node::Kind::String)
             return;
         const QString value = s.node->scalar.toString();
         if (CountryCodes::isAlpha2(value))
             return;
         const QString suggestion = CountryCodes::suggestAlpha2(value);
         LintReport r{s.path,
                      -1,
                      0,
                      {s.param->name, describe(*s.node),
                       suggestion.isEmpty() ? QString() : QStringLiteral(" (did you mean %1?)").arg(suggestion)},
                      {suggestion.isEmpty() ? QString() : QStringLiteral(": \"%1\"").arg(suggestion)}};
         r.at(*s.node);
         if (!suggestion.isEmpty())
             r.quickFix = LintQuickFix{QStringLiteral("Write \"%1\"").arg(suggestion),
                                       {replaceValue(*s.node, jsonQuote(suggestion))}};
         out.report(r);
     }},
    {"param-username", LintScope::Param, Severity::Error, 218, "api", Confidence::Documented,
     "\"%1\" is %2, not an email address; user logins must be email addresses.", "Use the user's email address.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.param && s.param->format == QLatin1String("username") && s.node->kind == Node::Kind::String &&
             !looksLikeEmail(s.node->scalar.toString()))
             out.report(LintReport{s.path, -1, 0, {s.param->name, describe(*s.node)}}.at(*s.node));
     }},
    {"where-missing-key", LintScope::Param, Severity::Error, 206, "api", Confidence::Observed,
     "%1 needs \"%2\" in \"%3\".", "Add \"%1\" to \"%2\".",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.param || s.param->requiredKeys.isEmpty() || !(s.node->isObject() || isEmptyPhpArray(*s.node)))
             return;
         for (const QString& key : s.param->requiredKeys) {
             if (!s.node->member(key))
                 out.report(
                     LintReport{pathKey(s.path, key), -1, 0, {s.method->name, key, s.param->name}, {key, s.param->name}}
                         .atContainer(*s.node));
         }
     }},
    {"where-key-miscased", LintScope::Param, Severity::Warning, 0, "request", Confidence::Inferred,
     "Filter \"%1\" is not known; names are case-sensitive: \"%2\".", "Rename it to \"%1\".",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.param || s.param->keys.isEmpty() || !s.node->isObject())
             return;
         for (const Node& child : s.node->children) {
             if (s.param->keys.contains(child.key))
                 continue;
             for (const QString& key : s.param->keys) {
                 if (key.compare(child.key, Qt::CaseInsensitive) != 0)
                     continue;
                 LintReport r{pathKey(s.path, child.key), -1, 0, {child.key, key}, {key}};
                 r.at(child, true);
                 if (!s.node->member(key))
                     r.quickFix = LintQuickFix{QStringLiteral("Rename to \"%1\"").arg(key), {renameKey(child, key)}};
                 out.report(r);
             }
         }
     }},
    {"where-unknown-key", LintScope::Param, Severity::Warning, 0, "request", Confidence::Inferred,
     "\"%1\" is not a known filter of %2 (known: %3); the API may ignore or reject it.", "Use one of: %1.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.param || s.param->keys.isEmpty() || !s.node->isObject())
             return;
         for (const Node& child : s.node->children) {
             bool known = false;
             for (const QString& key : s.param->keys)
                 known = known || key.compare(child.key, Qt::CaseInsensitive) == 0;
             if (!known && out.saturated())
                 out.report(LintReport{});
             else if (!known)
                 out.report(LintReport{pathKey(s.path, child.key),
                                       -1,
                                       0,
                                       {child.key, s.method->name, s.param->keys.join(QLatin1String(", "))},
                                       {s.param->keys.join(QLatin1String(", "))}}
                                .at(child, true));
         }
     }},
    {"where-operator-object", LintScope::Param, Severity::Warning, 205, "api", Confidence::Inferred,
     "Filter \"%1\" is an object (%2); filters take a value or a list of values, comparison operators are not "
     "documented.",
     "Filter by exact values (a single value or a list), or fetch by date range and filter locally.",
     [](const LintSubject& s, LintReporter& out) {
         // Every filter hash: also those whose filter names the catalogue does not list.
         if (!s.param || (s.param->keys.isEmpty() && s.param->name != QLatin1String("where")) || !s.node->isObject())
             return;
         for (const Node& child : s.node->children) {
             if (!child.isObject())
                 continue;
             QStringList keys;
             for (const Node& op : child.children)
                 keys.append(quoted(op.key));
             out.report(
                 LintReport{pathKey(s.path, child.key),
                            -1,
                            0,
                            {child.key, keys.isEmpty() ? QStringLiteral("empty") : keys.join(QLatin1String(", "))}}
                     .at(child));
         }
     }},
    {"where-several-keys", LintScope::Param, Severity::Warning, 0, "request", Confidence::Observed,
     "%1 honours only one filter, but \"%2\" has %3 (%4).", "Keep one filter per call.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.param || !s.param->singleKey || !s.node->isObject() || s.node->children.size() < 2)
             return;
         // The first few names are enough to recognise the filter; a pasted object can have 200k.
         constexpr size_t kNamesShown = 10;
         QStringList keys;
         for (size_t i = 0; i < std::min(kNamesShown, s.node->children.size()); ++i)
             keys.append(s.node->children[i].key);
         if (s.node->children.size() > kNamesShown)
             keys.append(QStringLiteral("…"));
         out.report(LintReport{
             s.path,
             -1,
             0,
             {s.method->name, s.param->name, QString::number(s.node->children.size()), keys.join(QLatin1String(", "))}}
                        .at(*s.node, true));
     }},
    {"field-names-unknown", LintScope::Param, Severity::Warning, 0, "request", Confidence::Inferred,
     "\"%1\" is not a %2 field%3.", "Use system names from getFields.",
     [](const LintSubject& s, LintReporter& out) {
         const QString type = s.objectType();
         if (!s.param || !s.param->fieldNames || !s.node->isArray() || type.isEmpty())
             return;
         for (qsizetype i = 0; i < qsizetype(s.node->children.size()); ++i) {
             const Node& item = s.node->children[size_t(i)];
             if (item.kind != Node::Kind::String)
                 continue;
             const QString name = item.scalar.toString();
             if (s.methods->objectField(type, name) ||
                 (s.methods->objectAllowsCustomFields(type) && MethodCatalog::isCustomFieldName(name)))
                 continue;
             if (out.saturated()) {
                 out.report(LintReport{});
                 continue;
             }
             const QStringList close = s.closestFieldName(type, name);
             out.report(LintReport{
                 pathIndex(s.path, i),
                 -1,
                 0,
                 {name, type,
                  close.isEmpty() ? QString() : QStringLiteral(" (did you mean \"%1\"?)").arg(close.first())}}
                            .at(item));
         }
     }},
};
} // namespace

LintRuleTable LintParamsRules::rules()
{
    return {kRules, std::size(kRules)};
}
