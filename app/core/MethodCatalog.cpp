#include "MethodCatalog.h"

#include "JsonScalar.h"
#include "TextDistance.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace {
QStringList toStringList(const QJsonValue& value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& item : array)
        list.append(item.toString());
    return list;
}

std::optional<double> toOptionalNumber(const QJsonValue& value)
{
    if (value.isDouble())
        return value.toDouble();
    return std::nullopt;
}

std::optional<double> numericValue(const QJsonValue& value)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isString()) {
        bool ok = false;
        const double d = value.toString().trimmed().toDouble(&ok);
        if (ok)
            return d;
    }
    return std::nullopt;
}

const QStringList& knownTypes()
{
    static const QStringList types = {QStringLiteral("string"),  QStringLiteral("text"),   QStringLiteral("picklist"),
                                      QStringLiteral("integer"), QStringLiteral("number"), QStringLiteral("boolean"),
                                      QStringLiteral("object"),  QStringLiteral("array"),  QStringLiteral("datetime"),
                                      QStringLiteral("date"),    QStringLiteral("any")};
    return types;
}

// The keys under `result` of a per-object answer.
const QStringList& batchResultKeys()
{
    static const QStringList keys = {QStringLiteral("creates"), QStringLiteral("updates"), QStringLiteral("deletes")};
    return keys;
}

const QStringList& knownConfidences()
{
    static const QStringList values = {QStringLiteral("documented"), QStringLiteral("observed"),
                                       QStringLiteral("inferred")};
    return values;
}
} // namespace

const MethodParam* MethodSpec::param(const QString& paramName) const
{
    for (const MethodParam& p : params) {
        if (p.name == paramName)
            return &p;
    }
    return nullptr;
}

const MethodParam* MethodSpec::paramCaseInsensitive(const QString& paramName) const
{
    for (const MethodParam& p : params) {
        if (p.name.compare(paramName, Qt::CaseInsensitive) == 0)
            return &p;
    }
    return nullptr;
}

QStringList MethodSpec::paramNames() const
{
    QStringList names;
    for (const MethodParam& p : params)
        names.append(p.name);
    return names;
}

const MethodCatalog& MethodCatalog::builtin()
{
    static const MethodCatalog catalog = [] {
        const QString path = QStringLiteral(":/leadgen/methods.json");
        MethodCatalog c;
        c.loadFromFile(path);
        CatalogueFile::warnBuiltin(path, c.validationErrors());
        return c;
    }();
    return catalog;
}

bool MethodCatalog::loadFromFile(const QString& path, QStringList* errors)
{
    return load(CatalogueFile::load(path), errors);
}

bool MethodCatalog::loadFromJson(const QByteArray& json, QStringList* errors)
{
    return load(CatalogueFile::parse(json, QStringLiteral("methods.json")), errors);
}

bool MethodCatalog::load(const CatalogueFile::Root& file, QStringList* errors)
{
    *this = MethodCatalog();
    if (!file.object) {
        m_loadError = file.error;
        m_errors.append(file.error);
        if (errors)
            *errors = m_errors;
        return false;
    }
    const QJsonObject& root = *file.object;
    if (root.value(QStringLiteral("schema")).toInt() != 1)
        m_errors.append(QStringLiteral("methods.json: unsupported schema %1 (expected 1)")
                            .arg(root.value(QStringLiteral("schema")).toVariant().toString()));
    m_version = root.value(QStringLiteral("version")).toString();

    // Object types first: methods refer to them.
    const QJsonObject objects = root.value(QStringLiteral("objects")).toObject();
    for (auto it = objects.constBegin(); it != objects.constEnd(); ++it) {
        const QJsonObject type = it.value().toObject();
        QList<FieldSpec> fields;
        QSet<QString> seen;
        for (const QJsonValue& value : type.value(QStringLiteral("fields")).toArray()) {
            const QJsonObject o = value.toObject();
            FieldSpec f;
            f.name = o.value(QStringLiteral("name")).toString();
            f.type = o.value(QStringLiteral("type")).toString();
            f.required = o.value(QStringLiteral("required")).toBool();
            f.nullable = o.value(QStringLiteral("nullable")).toBool(true);
            f.readOnly = o.value(QStringLiteral("read_only")).toBool();
            f.maxLength = o.value(QStringLiteral("max_length")).toInt();
            f.allowed = toStringList(o.value(QStringLiteral("allowed")));
            f.min = toOptionalNumber(o.value(QStringLiteral("min")));
            f.max = toOptionalNumber(o.value(QStringLiteral("max")));
            f.unique = o.value(QStringLiteral("unique")).toBool();
            f.format = o.value(QStringLiteral("format")).toString();
            f.description = o.value(QStringLiteral("description")).toString();
            if (o.contains(QStringLiteral("references"))) {
                const QJsonObject reference = o.value(QStringLiteral("references")).toObject();
                f.references = FieldReference{reference.value(QStringLiteral("object")).toString(),
                                              reference.value(QStringLiteral("code")).toInt()};
                if (f.references->object.isEmpty() || f.references->code < 100 || f.references->code > 999)
                    m_errors.append(
                        QStringLiteral("object %1, field %2: 'references' needs an 'object' and a 'code' (100-999)")
                            .arg(it.key(), f.name));
            }
            if (f.name.isEmpty()) {
                m_errors.append(QStringLiteral("object %1: a field without name").arg(it.key()));
                continue;
            }
            if (!isKnownType(f.type))
                m_errors.append(QStringLiteral("object %1, field %2: unknown type '%3'").arg(it.key(), f.name, f.type));
            if (!isKnownFormat(f.format))
                m_errors.append(
                    QStringLiteral("object %1, field %2: unknown format '%3'").arg(it.key(), f.name, f.format));
            if (seen.contains(f.name))
                m_errors.append(QStringLiteral("object %1: duplicate field %2").arg(it.key(), f.name));
            seen.insert(f.name);
            fields.append(f);
        }
        m_objectFields.insert(it.key(), fields);
        m_objectCustom.insert(it.key(), type.value(QStringLiteral("custom_fields")).toBool());
    }

    const QJsonArray methods = root.value(QStringLiteral("methods")).toArray();
    if (methods.isEmpty())
        m_errors.append(QStringLiteral("methods.json: 'methods' must be a non-empty list"));
    for (const QJsonValue& value : methods) {
        const QJsonObject o = value.toObject();
        MethodSpec m;
        m.name = o.value(QStringLiteral("name")).toString();
        m.area = o.value(QStringLiteral("area")).toString();
        m.summary = o.value(QStringLiteral("summary")).toString();
        m.resultKey = o.value(QStringLiteral("result_key")).toString();
        m.documentedResultKey = o.value(QStringLiteral("documented_result_key")).toString();
        m.assumedResultKey = o.value(QStringLiteral("assumed_result_key")).toString();
        m.batch = o.value(QStringLiteral("batch")).toBool();
        m.mutating = o.value(QStringLiteral("mutating")).toBool();
        m.paginated = o.value(QStringLiteral("paginated")).toBool();
        m.hasMore = o.value(QStringLiteral("has_more")).toBool();
        m.documented = o.value(QStringLiteral("documented")).toBool(true);
        m.maxObjects = o.value(QStringLiteral("max_objects")).toInt();
        m.objectType = o.value(QStringLiteral("object_type")).toString();
        m.objectRequired = toStringList(o.value(QStringLiteral("object_required")));
        m.objectKeys = toStringList(o.value(QStringLiteral("object_keys")));
        m.objectOneOf = toStringList(o.value(QStringLiteral("object_one_of")));
        m.customOnlyKey = o.value(QStringLiteral("custom_only_key")).toString();
        m.userFields = toStringList(o.value(QStringLiteral("user_fields")));
        m.paramsTemplate = o.value(QStringLiteral("template")).toObject();
        for (const QJsonValue& code : o.value(QStringLiteral("errors")).toArray())
            m.errors.append(code.toInt());
        m.confidence = o.value(QStringLiteral("confidence")).toString();
        m.source = o.value(QStringLiteral("source")).toString();
        m.notes = o.value(QStringLiteral("notes")).toString();
        for (const QJsonValue& pv : o.value(QStringLiteral("params")).toArray()) {
            const QJsonObject po = pv.toObject();
            MethodParam p;
            p.name = po.value(QStringLiteral("name")).toString();
            p.type = po.value(QStringLiteral("type")).toString();
            p.required = po.value(QStringLiteral("required")).toBool();
            p.nullable = po.value(QStringLiteral("nullable")).toBool(!p.required);
            p.allowed = toStringList(po.value(QStringLiteral("allowed")));
            p.min = toOptionalNumber(po.value(QStringLiteral("min")));
            p.max = toOptionalNumber(po.value(QStringLiteral("max")));
            p.clamped = po.value(QStringLiteral("clamped")).toBool();
            p.description = po.value(QStringLiteral("description")).toString();
            p.items = po.value(QStringLiteral("items")).toString();
            p.keys = toStringList(po.value(QStringLiteral("keys")));
            p.requiredKeys = toStringList(po.value(QStringLiteral("required_keys")));
            p.singleKey = po.value(QStringLiteral("single_key")).toBool();
            p.fieldNames = po.value(QStringLiteral("field_names")).toBool();
            p.format = po.value(QStringLiteral("format")).toString();
            if (p.name.isEmpty())
                m_errors.append(QStringLiteral("%1: a parameter without name").arg(m.name));
            if (!isKnownType(p.type))
                m_errors.append(QStringLiteral("%1.%2: unknown type '%3'").arg(m.name, p.name, p.type));
            if (!isKnownFormat(p.format))
                m_errors.append(QStringLiteral("%1.%2: unknown format '%3'").arg(m.name, p.name, p.format));
            m.params.append(p);
        }

        if (m.name.isEmpty()) {
            m_errors.append(QStringLiteral("methods.json: a method without name"));
            continue;
        }
        if (m_byName.contains(m.name) || m_byLowerName.contains(m.name.toLower())) {
            m_errors.append(QStringLiteral("%1: duplicate method name").arg(m.name));
            continue;
        }
        if (m.area.isEmpty())
            m_errors.append(QStringLiteral("%1: no area").arg(m.name));
        if (!knownConfidences().contains(m.confidence))
            m_errors.append(
                QStringLiteral("%1: confidence '%2' is not documented|observed|inferred").arg(m.name, m.confidence));
        if (!m.objectType.isEmpty() && !m_objectFields.contains(m.objectType))
            m_errors.append(QStringLiteral("%1: unknown object_type '%2'").arg(m.name, m.objectType));
        if (m.batch && !m.param(QStringLiteral("objects")))
            m_errors.append(QStringLiteral("%1: batch method without an objects parameter").arg(m.name));
        for (const QString& name : std::as_const(m.userFields)) {
            if (!m.param(name))
                m_errors.append(QStringLiteral("%1: user field '%2' is not a parameter").arg(m.name, name));
        }
        if (m.batch && m.resultKey.isEmpty())
            m_errors.append(QStringLiteral("%1: batch method without result_key").arg(m.name));
        if (!m.assumedResultKey.isEmpty() &&
            (!m.resultKey.isEmpty() || !batchResultKeys().contains(m.assumedResultKey)))
            m_errors.append(QStringLiteral("%1: assumed_result_key '%2' must be one of %3, and only without result_key")
                                .arg(m.name, m.assumedResultKey, batchResultKeys().join(QLatin1String(", "))));
        if (m.batch && m.objectType.isEmpty())
            m_errors.append(QStringLiteral("%1: batch method without object_type").arg(m.name));
        if (m.documented && m.resultKey.isEmpty() && m.confidence == QLatin1String("documented"))
            m_errors.append(QStringLiteral("%1: documented method without result_key").arg(m.name));
        for (int code : std::as_const(m.errors)) {
            if (code < 100 || code > 999)
                m_errors.append(QStringLiteral("%1: error code %2 out of range").arg(m.name).arg(code));
        }
        const int index = int(m_methods.size());
        m_byName.insert(m.name, index);
        m_byLowerName.insert(m.name.toLower(), index);
        m_methods.push_back(std::move(m));
    }

    // Templates are what the composer offers first: they must be valid against their own method.
    for (const MethodSpec& m : m_methods) {
        const QStringList problems = paramsProblems(m, m.paramsTemplate);
        for (const QString& problem : problems)
            m_errors.append(QStringLiteral("%1 template: %2").arg(m.name, problem));
    }

    if (errors)
        *errors = m_errors;
    return m_errors.isEmpty();
}

const MethodSpec* MethodCatalog::byName(const QString& name) const
{
    const auto it = m_byName.constFind(name);
    return it == m_byName.constEnd() ? nullptr : &m_methods[size_t(*it)];
}

const MethodSpec* MethodCatalog::byNameCaseInsensitive(const QString& name) const
{
    const auto it = m_byLowerName.constFind(name.toLower());
    return it == m_byLowerName.constEnd() ? nullptr : &m_methods[size_t(*it)];
}

QStringList MethodCatalog::closestNames(const QString& name, int count) const
{
    return TextDistance::closest(name.trimmed(), methodNames(), count);
}

QStringList MethodCatalog::areas() const
{
    QStringList result;
    for (const MethodSpec& m : m_methods) {
        if (!result.contains(m.area))
            result.append(m.area);
    }
    return result;
}

QStringList MethodCatalog::methodNames() const
{
    QStringList names;
    names.reserve(qsizetype(m_methods.size()));
    for (const MethodSpec& m : m_methods)
        names.append(m.name);
    return names;
}

QList<FieldSpec> MethodCatalog::objectFields(const QString& objectType) const
{
    return m_objectFields.value(objectType);
}

const FieldSpec* MethodCatalog::objectField(const QString& objectType, const QString& field) const
{
    const auto it = m_objectFields.constFind(objectType);
    if (it == m_objectFields.constEnd())
        return nullptr;
    for (const FieldSpec& f : *it) {
        if (f.name == field)
            return &f;
    }
    return nullptr;
}

const FieldSpec* MethodCatalog::objectFieldCaseInsensitive(const QString& objectType, const QString& field) const
{
    const auto it = m_objectFields.constFind(objectType);
    if (it == m_objectFields.constEnd())
        return nullptr;
    for (const FieldSpec& f : *it) {
        if (f.name.compare(field, Qt::CaseInsensitive) == 0)
            return &f;
    }
    return nullptr;
}

QStringList MethodCatalog::objectTypes() const
{
    QStringList types = m_objectFields.keys();
    types.sort();
    return types;
}

bool MethodCatalog::objectAllowsCustomFields(const QString& objectType) const
{
    return m_objectCustom.value(objectType);
}

QStringList MethodCatalog::closestFieldNames(const QString& objectType, const QString& field, int count) const
{
    QStringList names;
    for (const FieldSpec& f : m_objectFields.value(objectType))
        names.append(f.name);
    return TextDistance::closest(field, names, count);
}

bool MethodCatalog::isCustomFieldName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^.+_[0-9a-fA-F]{13}$"));
    return pattern.match(name).hasMatch();
}

bool MethodCatalog::isKnownType(const QString& type)
{
    return knownTypes().contains(type);
}

bool MethodCatalog::isKnownFormat(const QString& format)
{
    return format.isEmpty() || format == QLatin1String("country") || format == QLatin1String("username") ||
           format == QLatin1String("email");
}

bool MethodCatalog::valueMatchesType(const QJsonValue& value, const QString& type)
{
    if (type == QLatin1String("any") || type.isEmpty())
        return true;
    if (type == QLatin1String("integer")) {
        if (value.isDouble()) {
            const double d = value.toDouble();
            return std::isfinite(d) && std::floor(d) == d;
        }
        if (value.isString()) {
            static const QRegularExpression digits(QStringLiteral("^\\s*-?[0-9]+\\s*$"));
            return digits.match(value.toString()).hasMatch();
        }
        return false;
    }
    if (type == QLatin1String("number"))
        return numericValue(value).has_value();
    if (type == QLatin1String("boolean")) {
        if (value.isBool())
            return true;
        if (value.isDouble())
            return value.toDouble() == 0 || value.toDouble() == 1;
        return value.isString() && (value.toString() == QLatin1String("0") || value.toString() == QLatin1String("1"));
    }
    if (type == QLatin1String("object"))
        return value.isObject() || (value.isArray() && value.toArray().isEmpty()); // PHP sends {} as []
    if (type == QLatin1String("array"))
        return value.isArray();
    // string, text, picklist, datetime, date: text; numbers are accepted where PHP would coerce.
    return value.isString() || value.isDouble();
}

QStringList MethodCatalog::paramsProblems(const MethodSpec& method, const QJsonObject& params) const
{
    QStringList problems;
    for (const MethodParam& p : method.params) {
        if (p.required && !params.contains(p.name))
            problems.append(QStringLiteral("required parameter '%1' is missing").arg(p.name));
    }
    for (auto it = params.constBegin(); it != params.constEnd(); ++it) {
        const MethodParam* p = method.param(it.key());
        if (!p) {
            problems.append(QStringLiteral("unknown parameter '%1'").arg(it.key()));
            continue;
        }
        const QJsonValue value = it.value();
        if (value.isNull()) {
            if (!p->nullable)
                problems.append(QStringLiteral("'%1' must not be null").arg(p->name));
            continue;
        }
        if (!valueMatchesType(value, p->type)) {
            problems.append(QStringLiteral("'%1' is not of type %2").arg(p->name, p->type));
            continue;
        }
        if (!p->allowed.isEmpty() && !p->allowed.contains(JsonScalar::text(value)))
            problems.append(QStringLiteral("'%1' is not one of %2").arg(p->name, p->allowed.join(QLatin1String(", "))));
        if (const auto n = numericValue(value); n && p->type != QLatin1String("array")) {
            if ((p->min && *n < *p->min) || (p->max && *n > *p->max && !p->clamped))
                problems.append(QStringLiteral("'%1' is out of range").arg(p->name));
        }
        if (value.isObject()) {
            const QJsonObject o = value.toObject();
            for (const QString& key : p->requiredKeys) {
                if (!o.contains(key))
                    problems.append(QStringLiteral("'%1' lacks the key '%2'").arg(p->name, key));
            }
            if (!p->keys.isEmpty()) {
                for (auto k = o.constBegin(); k != o.constEnd(); ++k) {
                    if (!p->keys.contains(k.key()))
                        problems.append(QStringLiteral("'%1' has an unknown key '%2'").arg(p->name, k.key()));
                }
            }
        }
        if (!value.isArray())
            continue;
        const QJsonArray array = value.toArray();
        if (p->max && array.size() > *p->max)
            problems.append(QStringLiteral("'%1' has more than %2 elements").arg(p->name).arg(*p->max));
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonValue element = array.at(i);
            const QString where = QStringLiteral("%1[%2]").arg(p->name).arg(i);
            if (!p->items.isEmpty() && !valueMatchesType(element, p->items)) {
                problems.append(QStringLiteral("%1 is not of type %2").arg(where, p->items));
                continue;
            }
            if (p->name != QLatin1String("objects") || !element.isObject())
                continue;
            const QJsonObject object = element.toObject();
            for (const QString& key : method.objectRequired) {
                if (!object.contains(key))
                    problems.append(QStringLiteral("%1 lacks the required key '%2'").arg(where, key));
            }
            for (auto k = object.constBegin(); k != object.constEnd(); ++k) {
                if (!method.objectKeys.isEmpty() && !method.objectKeys.contains(k.key())) {
                    problems.append(QStringLiteral("%1 has the key '%2', only %3 accepted")
                                        .arg(where, k.key(), method.objectKeys.join(QLatin1String(", "))));
                    continue;
                }
                const FieldSpec* field = objectField(method.objectType, k.key());
                if (!field) {
                    if (!(objectAllowsCustomFields(method.objectType) && isCustomFieldName(k.key())))
                        problems.append(QStringLiteral("%1 has the unknown field '%2'").arg(where, k.key()));
                    continue;
                }
                const QJsonValue fieldValue = k.value();
                if (fieldValue.isNull()) {
                    if (!field->nullable)
                        problems.append(QStringLiteral("%1.%2 must not be null").arg(where, k.key()));
                } else if (!valueMatchesType(fieldValue, field->type)) {
                    problems.append(QStringLiteral("%1.%2 is not of type %3").arg(where, k.key(), field->type));
                } else if (!field->allowed.isEmpty() && !field->allowed.contains(JsonScalar::text(fieldValue))) {
                    problems.append(QStringLiteral("%1.%2 is not one of %3")
                                        .arg(where, k.key(), field->allowed.join(QLatin1String(", "))));
                } else if (field->maxLength > 0 && JsonScalar::text(fieldValue).size() > field->maxLength) {
                    problems.append(
                        QStringLiteral("%1.%2 is longer than %3").arg(where, k.key()).arg(field->maxLength));
                }
            }
        }
    }
    return problems;
}
