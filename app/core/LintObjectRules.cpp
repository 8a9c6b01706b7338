#include "LintObjectRules.h"

#include "LintText.h"

#include <QHash>

#include <iterator>
#include <vector>

namespace {
using namespace LintText;
using Node = JsonSourceNode;
using Severity = LintFinding::Severity;
using Confidence = LintConfidence;

bool isCreateMethod(const MethodSpec* m)
{
    return m && m->resultKey == QLatin1String("creates");
}

// In check order. Each entry: id, scope, severity, predicted code, level, message (%1.. from the
// check), fix text, check.
const LintRule kRules[] = {
    // --- the objects list of a batch method
    {"objects-not-array", LintScope::Objects, Severity::Error, 207, "api", Confidence::Documented,
     "\"objects\" is %1; it must be a list of hashes.", "Send \"objects\": [ {...} ].",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.objects->isContainer())
             out.report(LintReport{s.path, -1, 0, {describe(*s.objects)}}.at(*s.objects));
     }},
    {"objects-not-list", LintScope::Objects, Severity::Error, 208, "api", Confidence::Documented,
     "\"objects\" is a single hash, not a list of hashes.", "Wrap it in a list: [ {...} ].",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.objects->isObject())
             return;
         LintReport r{s.path};
         r.at(*s.objects).quickFix =
             LintQuickFix{QStringLiteral("Wrap in [ ]"),
                          {{s.objects->start, 0, QStringLiteral("[")}, {s.objects->end, 0, QStringLiteral("]")}}};
         out.report(r);
     }},
    {"objects-empty", LintScope::Objects, Severity::Warning, 0, "request", Confidence::Inferred,
     "\"objects\" is empty; the call does nothing.", "Add at least one record.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.objects->isArray() && s.objects->children.empty())
             out.report(LintReport{s.path}.at(*s.objects));
     }},
    {"objects-too-many", LintScope::Objects, Severity::Error, 209, "api", Confidence::Documented,
     "\"objects\" has %1 records; at most %2 are allowed per call.", "Split the records into calls of at most %1.",
     [](const LintSubject& s, LintReporter& out) {
         const int limit = s.method->maxObjects;
         if (s.objects->isArray() && limit > 0 && int(s.objects->children.size()) > limit)
             out.report(LintReport{s.path,
                                   -1,
                                   0,
                                   {QString::number(s.objects->children.size()), QString::number(limit)},
                                   {QString::number(limit)}}
                            .at(*s.objects, true));
     }},
    {"objects-scalar", LintScope::Objects, Severity::Error, 208, "api", Confidence::Documented,
     "objects[%1] is %2, not a hash%3.", "%1",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.objects->isArray())
             return;
         std::vector<const Node*> scalars;
         for (const Node& element : s.objects->children) {
             if (element.isScalar())
                 scalars.push_back(&element);
         }
         if (scalars.empty())
             return;
         const Node& first = *scalars.front();
         const qsizetype firstIndex = &first - s.objects->children.data();
         const bool idOnly = s.method->objectKeys == QStringList{QStringLiteral("id")};
         LintReport r{
             pathIndex(s.path, firstIndex),
             -1,
             0,
             {QString::number(firstIndex), describe(first),
              scalars.size() > 1 ? QStringLiteral(" (%1 elements are scalars)").arg(scalars.size()) : QString()},
             {idOnly ? QStringLiteral("Write each element as a hash: {\"id\": %1}.").arg(scalarText(first))
                     : QStringLiteral("Make every element a hash of field names.")}};
         r.at(first);
         bool wrappable = idOnly;
         for (const Node* n : scalars)
             wrappable = wrappable && MethodCatalog::valueMatchesType(n->scalar, QStringLiteral("integer"));
         if (wrappable) {
             LintQuickFix fix{QStringLiteral("Wrap as {\"id\": N}"), {}};
             for (const Node* n : scalars)
                 fix.edits.append(replaceValue(*n, QStringLiteral("{\"id\": ") +
                                                       s.text.mid(n->start, n->end - n->start).toString() +
                                                       QLatin1Char('}')));
             r.quickFix = fix;
         }
         out.report(r);
     }},
    {"objects-nested-list", LintScope::Objects, Severity::Warning, 205, "object", Confidence::Inferred,
     "objects[%1] is a list, not a hash.", "Write each element as a hash of field names.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.objects->isArray())
             return;
         for (qsizetype i = 0; i < qsizetype(s.objects->children.size()); ++i) {
             const Node& element = s.objects->children[size_t(i)];
             if (element.isArray())
                 out.report(LintReport{pathIndex(s.path, i), -1, 0, {QString::number(i)}}.at(element));
         }
     }},
    {"unique-duplicate", LintScope::Objects, Severity::Error, 301, "object", Confidence::Observed,
     "%1 %2 is also in objects[%3]; this record fails because %1 must be unique (case-insensitively).",
     "Remove the duplicate record, or update the existing one instead.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.objects->isArray() || !isCreateMethod(s.method))
             return;
         for (const FieldSpec& field : s.methods->objectFields(s.method->objectType)) {
             if (!field.unique)
                 continue;
             QHash<QString, qsizetype> seen;
             for (qsizetype i = 0; i < qsizetype(s.objects->children.size()); ++i) {
                 const Node* value = s.objects->children[size_t(i)].member(field.name);
                 if (!value || value->kind != Node::Kind::String || value->scalar.toString().isEmpty())
                     continue;
                 const QString folded = value->scalar.toString().trimmed().toCaseFolded();
                 if (const auto it = seen.constFind(folded); it != seen.constEnd())
                     out.report(LintReport{pathKey(pathIndex(s.path, i), field.name),
                                           -1,
                                           0,
                                           {field.name, jsonQuote(value->scalar.toString()), QString::number(*it)}}
                                    .at(*value));
                 else
                     seen.insert(folded, i);
             }
         }
     }},

    // --- each record
    {"object-required-key", LintScope::Element, Severity::Error, 205, "object", Confidence::Documented,
     "objects[%1] has no \"%2\", which %3 requires.", "Add \"%1\" to every record.",
     [](const LintSubject& s, LintReporter& out) {
         for (const QString& key : s.method->objectRequired) {
             if (!s.element->member(key))
                 out.report(LintReport{
                     pathKey(s.elementPath, key), -1, 0, {QString::number(s.index), key, s.method->name}, {key}}
                                .atContainer(*s.element));
         }
     }},
    {"object-key-not-accepted", LintScope::Element, Severity::Error, 205, "object", Confidence::Observed,
     "objects[%1] has \"%2\"; %3 takes only %4 in each record.", "Remove \"%1\".",
     [](const LintSubject& s, LintReporter& out) {
         if (s.method->objectKeys.isEmpty())
             return;
         for (const Node& child : s.element->children) {
             if (!s.method->objectKeys.contains(child.key))
                 out.report(
                     LintReport{pathKey(s.elementPath, child.key),
                                -1,
                                0,
                                {QString::number(s.index), child.key, s.method->name, quotedList(s.method->objectKeys)},
                                {child.key}}
                         .at(child, true));
         }
     }},
    {"object-no-identifier", LintScope::Element, Severity::Warning, 0, "object", Confidence::Observed,
     "objects[%1] has none of %2, so the API cannot tell which record to change (%3 then reports success and "
     "changes nothing, or fails).",
     "Add %1.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.method->objectOneOf.isEmpty())
             return;
         for (const QString& key : s.method->objectOneOf) {
             if (s.element->member(key))
                 return;
         }
         out.report(LintReport{s.elementPath,
                               -1,
                               0,
                               {QString::number(s.index), quotedList(s.method->objectOneOf), s.method->name},
                               {quotedList(s.method->objectOneOf)}}
                        .at(*s.element));
     }},

    // --- each field of a record
    {"field-miscased", LintScope::Field, Severity::Error, 205, "object", Confidence::Observed,
     "\"%1\" is not a %2 field; field names are case-sensitive: \"%3\".", "Rename it to \"%1\".",
     [](const LintSubject& s, LintReporter& out) {
         if (s.field)
             return;
         const FieldSpec* f = s.methods->objectFieldCaseInsensitive(s.objectType(), s.node->key);
         if (!f)
             return;
         LintReport r{s.path, -1, 0, {s.node->key, s.objectType(), f->name}, {f->name}};
         r.at(*s.node, true);
         if (!s.element->member(f->name))
             r.quickFix = LintQuickFix{QStringLiteral("Rename to \"%1\"").arg(f->name), {renameKey(*s.node, f->name)}};
         out.report(r);
     }},
    {"field-unknown", LintScope::Field, Severity::Error, 205, "object", Confidence::Observed,
     "\"%1\" is not a %2 field%3.", "%1",
     [](const LintSubject& s, LintReporter& out) {
         const QString type = s.objectType();
         if (s.field || s.methods->objectFieldCaseInsensitive(type, s.node->key) ||
             MethodCatalog::isCustomFieldName(s.node->key))
             return;
         if (out.saturated())
             return out.report(LintReport{});
         const QStringList close = s.closestFieldName(type, s.node->key);
         const bool custom = s.methods->objectAllowsCustomFields(type);
         LintReport r{s.path,
                      -1,
                      0,
                      {s.node->key, type,
                       close.isEmpty() ? QString() : QStringLiteral(" (did you mean \"%1\"?)").arg(close.first())},
                      {custom
                           ? QStringLiteral("Use a standard field name or a custom field's systemName from getFields "
                                            "(Label_ followed by 13 hex digits).")
                           : QStringLiteral("Use one of the %1 fields: %2.").arg(type, [&] {
                                 QStringList names;
                                 for (const FieldSpec& f : s.methods->objectFields(type))
                                     names.append(f.name);
                                 return names.join(QLatin1String(", "));
                             }())}};
         r.at(*s.node, true);
         if (!close.isEmpty() && !s.element->member(close.first()))
             r.quickFix = LintQuickFix{QStringLiteral("Rename to \"%1\"").arg(close.first()),
                                       {renameKey(*s.node, close.first())}};
         out.report(r);
     }},
    {"field-custom-not-allowed", LintScope::Field, Severity::Warning, 205, "object", Confidence::Inferred,
     "\"%1\" looks like a custom field, but %2 records have no custom fields.", "Remove \"%1\".",
     [](const LintSubject& s, LintReporter& out) {
         const QString type = s.objectType();
         if (!s.field && MethodCatalog::isCustomFieldName(s.node->key) && !s.methods->objectAllowsCustomFields(type))
             out.report(LintReport{s.path, -1, 0, {s.node->key, type}, {s.node->key}}.at(*s.node, true));
     }},
    {"field-null", LintScope::Field, Severity::Error, 205, "object", Confidence::Observed, "\"%1\" must not be null.",
     "%1",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.field || s.field->nullable || s.node->kind != Node::Kind::Null)
             return;
         const bool text = !isNumericType(s.field->type) && s.field->type != QLatin1String("boolean");
         out.report(LintReport{s.path,
                               -1,
                               0,
                               {s.field->name},
                               {text ? QStringLiteral("Leave the field out, or send an empty string to clear it.")
                                     : QStringLiteral("Leave the field out or give it a value.")}}
                        .at(*s.node));
     }},
    {"field-empty-number", LintScope::Field, Severity::Error, 205, "object", Confidence::Observed,
     "\"%1\" is an empty string; %2 fields reject \"\".", "%1",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.field || (!isNumericType(s.field->type) && s.field->type != QLatin1String("boolean")) ||
             s.node->kind != Node::Kind::String || !s.node->scalar.toString().isEmpty())
             return;
         out.report(LintReport{s.path,
                               -1,
                               0,
                               {s.field->name, s.field->type},
                               {s.field->nullable ? QStringLiteral("Leave the field out, or send null to clear it.")
                                                  : QStringLiteral("Leave the field out or give it a value.")}}
                        .at(*s.node));
     }},
    {"field-array", LintScope::Field, Severity::Warning, 205, "object", Confidence::Inferred,
     "\"%1\" is a list; it must be a single %2 value.", "Send one value.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.field)
             LintRule::checkTypedValue(s, out, s.field->name, s.field->type, true, false);
     }},
    {"field-type", LintScope::Field, Severity::Warning, 205, "object", Confidence::Inferred,
     "\"%1\" must be %2; got %3.", "Send %1.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.field)
             LintRule::checkTypedValue(s, out, s.field->name, s.field->type, false, true);
     }},
    {"field-not-allowed", LintScope::Field, Severity::Warning, 205, "object", Confidence::Inferred,
     "\"%1\" is %2; allowed: %3.", "Use one of: %1.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.field || s.field->allowed.isEmpty() || s.node->kind != Node::Kind::String)
             return;
         const QString value = s.node->scalar.toString();
         LintRule::checkAllowedValue(s, out, s.field->name, s.field->allowed, value);
     }},
    {"field-too-long", LintScope::Field, Severity::Warning, 0, "object", Confidence::Inferred,
     "\"%1\" has %2 characters; the field holds %3.", "Shorten it to %1 characters.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.field || s.field->maxLength <= 0 || s.node->kind != Node::Kind::String)
             return;
         const qsizetype length = s.node->scalar.toString().size();
         if (length > s.field->maxLength)
             out.report(LintReport{s.path,
                                   -1,
                                   0,
                                   {s.field->name, QString::number(length), QString::number(s.field->maxLength)},
                                   {QString::number(s.field->maxLength)}}
                            .at(*s.node));
     }},
    {"field-out-of-range", LintScope::Field, Severity::Warning, 0, "object", Confidence::Inferred,
     "\"%1\" is %2; expected %3 to %4.", "Use a value from %1 to %2.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.field || (!s.field->min && !s.field->max) || !isNumericType(s.field->type))
             return;
         const auto v = numericValue(*s.node);
         if (!v || ((!s.field->min || *v >= *s.field->min) && (!s.field->max || *v <= *s.field->max)))
             return;
         const QString low = s.field->min ? numberText(*s.field->min) : QStringLiteral("-");
         const QString high = s.field->max ? numberText(*s.field->max) : QStringLiteral("-");
         out.report(LintReport{s.path, -1, 0, {s.field->name, numberText(*v), low, high}, {low, high}}.at(*s.node));
     }},
    {"field-read-only", LintScope::Field, Severity::Warning, 0, "object", Confidence::Observed,
     "\"%1\" is read-only%2; the API ignores it here.", "Remove \"%1\".",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.field || !s.field->readOnly)
             return;
         // The id identifies the record in updates and deletes; it is only ignored on create.
         if (s.field->name == QLatin1String("id") && !isCreateMethod(s.method))
             return;
         out.report(LintReport{s.path,
                               -1,
                               0,
                               {s.field->name, s.field->name == QLatin1String("id")
                                                   ? QStringLiteral(": ids are assigned by the server")
                                                   : QString()},
                               {s.field->name}}
                        .at(*s.node, true));
     }},
    {"field-datetime-format", LintScope::Field, Severity::Warning, 0, "object", Confidence::Inferred,
     "\"%1\" is %2, not in the '%3' format.", "Write it as '%1' without T or time zone%2.",
     [](const LintSubject& s, LintReporter& out) {
         if (!s.field || s.node->kind != Node::Kind::String || s.field->readOnly)
             return;
         const bool dateTime = s.field->type == QLatin1String("datetime");
         if (!dateTime && s.field->type != QLatin1String("date"))
             return;
         const QString value = s.node->scalar.toString();
         if (value.isEmpty() || (dateTime ? isDateTimeText(value) : isDateText(value)))
             return;
         const QString format = dateTime ? QStringLiteral("Y-m-d H:i:s") : QStringLiteral("Y-m-d");
         const QString fixed = dateTime ? dateTimeWithoutT(value) : QString();
         LintReport r{s.path,
                      -1,
                      0,
                      {s.field->name, describe(*s.node), format},
                      {format, fixed.isEmpty() ? QString() : QStringLiteral(" (\"%1\")").arg(fixed)}};
         r.at(*s.node);
         if (!fixed.isEmpty())
             r.quickFix =
                 LintQuickFix{QStringLiteral("Write \"%1\"").arg(fixed), {replaceValue(*s.node, jsonQuote(fixed))}};
         out.report(r);
     }},
    {"field-email-format", LintScope::Field, Severity::Warning, 0, "object", Confidence::Observed,
     "\"%1\" is %2, which does not look like an email address; the API stores it unchecked.", "Check the address.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.field && s.field->format == QLatin1String("email") && s.node->kind == Node::Kind::String &&
             !looksLikeEmail(s.node->scalar.toString()))
             out.report(LintReport{s.path, -1, 0, {s.field->name, describe(*s.node)}}.at(*s.node));
     }},
    {"system-field-delete", LintScope::Field, Severity::Error, 211, "object", Confidence::Documented,
     "\"%1\" is a standard %2 field; only custom fields can be deleted.",
     "Delete only custom fields (isCustom = 1 in getFields).",
     [](const LintSubject& s, LintReporter& out) {
         if (s.method->customOnlyKey.isEmpty() || s.node->key != s.method->customOnlyKey ||
             s.node->kind != Node::Kind::String)
             return;
         const QString name = s.node->scalar.toString();
         for (const QString& type : s.methods->objectTypes()) {
             if (s.methods->objectAllowsCustomFields(type) && s.methods->objectField(type, name)) {
                 out.report(LintReport{s.path, -1, 0, {name, type}}.at(*s.node));
                 return;
             }
         }
     }},
    {"custom-field-name", LintScope::Field, Severity::Warning, 0, "object", Confidence::Inferred,
     "\"%1\" is not a custom field system name (a label, '_' and 13 hex digits).",
     "Take the systemName from getFields.",
     [](const LintSubject& s, LintReporter& out) {
         if (s.method->customOnlyKey.isEmpty() || s.node->key != s.method->customOnlyKey ||
             s.node->kind != Node::Kind::String)
             return;
         const QString name = s.node->scalar.toString();
         if (MethodCatalog::isCustomFieldName(name))
             return;
         for (const QString& type : s.methods->objectTypes()) {
             if (s.methods->objectAllowsCustomFields(type) && s.methods->objectField(type, name))
                 return; // system-field-delete reports it
         }
         out.report(LintReport{s.path, -1, 0, {name}}.at(*s.node));
     }},
};
} // namespace

LintRuleTable LintObjectRules::rules()
{
    return {kRules, std::size(kRules)};
}
