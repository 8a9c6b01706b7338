#include "LintRule.h"

#include "LintText.h"

#include <QJsonArray>
#include <QJsonObject>

using Node = JsonSourceNode;

LintReport& LintReport::at(const Node& n, bool onKey)
{
    if (onKey && n.hasKey()) {
        offset = n.keyStart;
        length = n.keyEnd - n.keyStart;
    } else {
        offset = n.start;
        length = n.end - n.start;
    }
    return *this;
}

LintReport& LintReport::atContainer(const Node& n)
{
    if (n.hasKey())
        return at(n, true);
    offset = n.start;
    length = 1;
    return *this;
}

QStringList LintSubject::closestFieldName(const QString& type, const QString& name) const
{
    QStringList names;
    for (const FieldSpec& f : methods->objectFields(type))
        names.append(f.name);
    return LintText::mayHaveCloseName(name, names) ? methods->closestFieldNames(type, name, 1) : QStringList();
}

namespace {
// What MethodCatalog::valueMatchesType needs of a value: scalars as they are, containers by kind
// (and whether a list is empty) only. Converting a whole container to a QJsonObject inserts its
// keys one by one into a sorted vector, which is quadratic in the number of keys.
QJsonValue typeProbe(const Node& n)
{
    if (n.isObject())
        return QJsonObject();
    if (n.isArray())
        return n.children.empty() ? QJsonArray() : QJsonArray{QJsonValue()};
    return n.scalar;
}
} // namespace

void LintRule::checkTypedValue(const LintSubject& s, LintReporter& out, const QString& name, const QString& type,
                               bool wantArrayFinding, bool wantTypeFinding)
{
    using namespace LintText;
    const Node& n = *s.node;
    if (n.kind == Node::Kind::Null)
        return;
    if (MethodCatalog::valueMatchesType(typeProbe(n), type))
        return;
    const bool arrayForScalar = n.isArray() && isScalarType(type) && !isEmptyPhpArray(n);
    const bool emptyStringNumber = n.kind == Node::Kind::String && n.scalar.toString().isEmpty() && isNumericType(type);
    if (arrayForScalar && wantArrayFinding)
        out.report(LintReport{s.path, -1, 0, {name, type}, {}, {}}.at(n));
    else if (!arrayForScalar && !emptyStringNumber && wantTypeFinding)
        out.report(LintReport{s.path, -1, 0, {name, typePhrase(type), describe(n)}, {typePhrase(type)}, {}}.at(n));
}

void LintRule::checkAllowedValue(const LintSubject& s, LintReporter& out, const QString& name,
                                 const QStringList& allowed, const QString& value)
{
    using namespace LintText;
    if (allowed.contains(value))
        return;
    const QString list = allowed.join(QLatin1String(", "));
    LintReport r{s.path, -1, 0, {name, describe(*s.node), list}, {list}};
    r.at(*s.node);
    for (const QString& candidate : allowed) {
        if (candidate.compare(value, Qt::CaseInsensitive) == 0)
            r.quickFix = LintQuickFix{QStringLiteral("Write \"%1\"").arg(candidate),
                                      {replaceValue(*s.node, jsonQuote(candidate))}};
    }
    out.report(r);
}
