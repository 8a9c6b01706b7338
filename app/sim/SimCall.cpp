#include "SimCall.h"

#include "ErrorCatalog.h"
#include "JsonScalar.h"
#include "JsonWriter.h"
#include "MethodCatalog.h"

#include <QDateTime>
#include <QJsonDocument>

#include <algorithm>

namespace {
bool isScalarType(const QString& type)
{
    return type != QLatin1String("object") && type != QLatin1String("array") && type != QLatin1String("any") &&
           !type.isEmpty();
}

bool isContainer(const QJsonValue& value)
{
    return value.isArray() || value.isObject();
}

std::optional<double> numberOf(const QJsonValue& value)
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

// null, "", {} or []: a parameter sent without a value.
bool isEmptyValue(const QJsonValue& value)
{
    return value.isNull() || (value.isString() && value.toString().trimmed().isEmpty()) ||
           (value.isArray() && value.toArray().isEmpty()) || (value.isObject() && value.toObject().isEmpty());
}

QJsonObject detail(const QString& key, const QJsonValue& value, const QString& reason)
{
    QJsonObject data;
    data.insert(key, value);
    data.insert(QStringLiteral("reason"), reason);
    return data;
}

} // namespace

SimCall::SimCall(SimStore& callStore, SimCompany& callCompany, const MethodSpec& method, const QJsonObject& callParams,
                 bool inUtc)
    : store(callStore)
    , company(callCompany)
    , spec(method)
    , params(callParams)
    , utc(inUtc)
    , nowMs(callStore.clock()->nowMs())
{}

void SimCall::fail(int code, const QJsonValue& data)
{
    m_apiError = code;
    m_apiErrorData = data;
}

void SimCall::succeed(const QByteArray& resultJson, SuccessError error)
{
    m_result = resultJson;
    m_successError = error;
}

void SimCall::succeedWithList(const QString& key, const QList<QByteArray>& items, bool more)
{
    QByteArray json;
    qsizetype size = 32 + key.size();
    for (const QByteArray& item : items)
        size += item.size() + 1;
    json.reserve(size);
    json += '{';
    JsonWriter::appendString(json, key);
    json += ":[";
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i)
            json += ',';
        json += items.at(i);
    }
    json += ']';
    if (spec.hasMore) {
        // Sent twice by the real API: inside result and at the top level.
        json += more ? ",\"hasMore\":true" : ",\"hasMore\":false";
        m_hasMore = more;
    }
    json += '}';
    // List-member calls answer `error: []`, other get* calls `error: null` (vendor samples).
    succeed(json, spec.area == QLatin1String("lists") && spec.hasMore ? SuccessError::EmptyArray : SuccessError::Null);
}

QString SimCall::wireMessage(int code)
{
    // The catalogue keeps the published table's wording, which ends in a period; the service
    // sends the message without it.
    const ErrorEntry* entry = ErrorCatalog::builtin().byCode(code);
    QString message = entry ? entry->message.trimmed() : QString();
    while (message.endsWith(QLatin1Char('.')))
        message.chop(1);
    return message;
}

QByteArray SimCall::errorJson(int code, const QJsonValue& data)
{
    JsonWriter w;
    w.beginObject();
    w.key(QLatin1String("code"));
    w.value(code);
    w.key(QLatin1String("message"));
    w.value(wireMessage(code));
    w.key(QLatin1String("data"));
    w.value(data);
    w.endObject();
    return w.take();
}

QJsonValue SimCall::documentedParamsData(const QString& objectType, const QJsonValue& data)
{
    // The vendor's example: {"params": [{"param": "id", "message": "Expected data of type
    // integer", "validFormat": {"type": "int", "length": 11, "required": false}}]}.
    const QJsonObject detailObject = data.toObject();
    const QString field = detailObject.value(QStringLiteral("field")).toString();
    if (field.isEmpty())
        return data;
    QString message = detailObject.value(QStringLiteral("reason")).toString();
    static const QString typePrefix = QStringLiteral("expected a value of type ");
    if (message.startsWith(typePrefix))
        message = QStringLiteral("Expected data of type ") + message.mid(typePrefix.size());
    else if (!message.isEmpty())
        message[0] = message[0].toUpper();
    const FieldSpec* spec = MethodCatalog::builtin().objectField(objectType, field);
    const QString type = spec ? spec->type : QStringLiteral("string");
    const bool integer = type == QLatin1String("integer");
    int length = spec && spec->maxLength > 0 ? spec->maxLength : 255;
    if (integer)
        length = 11;
    else if (type == QLatin1String("text") && !(spec && spec->maxLength > 0))
        length = 65535;
    QJsonObject validFormat;
    validFormat.insert(QStringLiteral("type"), integer ? QStringLiteral("int") : type);
    validFormat.insert(QStringLiteral("length"), length);
    validFormat.insert(QStringLiteral("required"), spec && spec->required);
    QJsonObject param;
    param.insert(QStringLiteral("param"), field);
    param.insert(QStringLiteral("message"), message);
    param.insert(QStringLiteral("validFormat"), validFormat);
    return QJsonObject{{QStringLiteral("params"), QJsonArray{param}}};
}

QByteArray SimCall::failedItemJson(int code, const QJsonValue& data, SimConfig::BatchShape shape)
{
    const bool documented = shape == SimConfig::BatchShape::Documented;
    QByteArray item = documented ? "{\"success\":\"false\",\"error\":" : "{\"success\":false,\"error\":";
    item += errorJson(code, data);
    item += '}';
    return item;
}

// --- batch ---------------------------------------------------------------------------------------

SimCall::Batch::Batch(SimCall& call, const QString& key)
    : m_call(call)
    , m_key(key)
    , m_shape(call.store.config().batchShape)
{
    m_items.reserve(64);
}

void SimCall::Batch::created(qint64 id)
{
    if (m_count++)
        m_items += ',';
    m_items += "{\"success\":true,\"error\":null,\"id\":";
    m_items += QByteArray::number(id);
    m_items += '}';
}

void SimCall::Batch::succeeded()
{
    if (m_count++)
        m_items += ',';
    m_items += "{\"success\":true,\"error\":null}";
}

void SimCall::Batch::failed(int code, const QJsonValue& data)
{
    const QJsonValue shown = m_shape == SimConfig::BatchShape::Documented && code == 205
                                 ? documentedParamsData(m_call.spec.objectType, data)
                                 : data;
    if (m_count++)
        m_items += ',';
    m_items += failedItemJson(code, shown, m_shape);
    if (m_failed++)
        m_errors += ',';
    m_errors += errorJson(code, shown);
}

void SimCall::Batch::finish()
{
    QByteArray json = "{";
    JsonWriter::appendString(json, m_key);
    json += ":[";
    json += m_items;
    json += "]}";
    if (m_shape == SimConfig::BatchShape::Documented) {
        m_call.succeed(json, SuccessError::Null);
    } else {
        m_call.succeed(json, SuccessError::ObjectErrors);
        m_call.m_objectErrors = '[' + m_errors + ']';
    }
    m_call.m_objectErrorCount = m_failed;
}

QString SimCall::batchKey() const
{
    return spec.batchResultKey();
}

// --- parameters ----------------------------------------------------------------------------------

bool SimCall::hasParam(const QString& name) const
{
    const auto it = params.constFind(name);
    return it != params.constEnd() && !it->isNull();
}

std::optional<qint64> SimCall::toInteger(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d != double(qint64(d)))
            return std::nullopt;
        return qint64(d);
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 n = value.toString().trimmed().toLongLong(&ok);
        if (ok)
            return n;
    }
    return std::nullopt;
}

bool SimCall::validateParams()
{
    if (spec.params.isEmpty() && !spec.documented)
        return true; // known by name only: nothing to check against

    // The objects array of batch methods first: its codes are specific (207, 208, 209).
    if (spec.batch) {
        const QJsonValue objectsValue = params.value(QStringLiteral("objects"));
        if (objectsValue.isUndefined() || objectsValue.isNull() ||
            !(objectsValue.isArray() || objectsValue.isObject())) {
            fail(207, detail(QStringLiteral("param"), QStringLiteral("objects"),
                             QStringLiteral("`objects` must be a list of hashes")));
            return false;
        }
        // A hash is a PHP array too: the API iterates its values (one record sent without the
        // list around it thus meets scalars: 208).
        if (objectsValue.isObject()) {
            const QJsonObject hash = objectsValue.toObject();
            for (auto it = hash.begin(); it != hash.end(); ++it)
                m_objects.append(it.value());
        } else {
            m_objects = objectsValue.toArray();
        }
        for (qsizetype i = 0; i < m_objects.size(); ++i) {
            if (!isContainer(m_objects.at(i))) {
                fail(208, detail(QStringLiteral("index"), int(i),
                                 QStringLiteral("every element of `objects` must be a hash, e.g. {\"id\": 123}")));
                return false;
            }
        }
        const MethodParam* objectsParam = spec.param(QStringLiteral("objects"));
        const int max =
            spec.maxObjects > 0 ? spec.maxObjects : (objectsParam && objectsParam->max ? int(*objectsParam->max) : 500);
        if (m_objects.size() > max) {
            QJsonObject data;
            data.insert(QStringLiteral("objects"), int(m_objects.size()));
            data.insert(QStringLiteral("max"), max);
            fail(209, data);
            return false;
        }
    }

    QStringList missing;
    for (const MethodParam& p : spec.params) {
        if (p.required && !hasParam(p.name) && !(spec.batch && p.name == QLatin1String("objects")))
            missing << p.name;
    }
    if (!missing.isEmpty()) {
        QJsonObject data;
        data.insert(QStringLiteral("missing"), QJsonArray::fromStringList(missing));
        data.insert(QStringLiteral("params"), QJsonArray::fromStringList(spec.paramNames()));
        fail(206, data);
        return false;
    }

    for (auto it = params.constBegin(); it != params.constEnd(); ++it) {
        const MethodParam* p = spec.param(it.key());
        if (p && isScalarType(p->type) && isContainer(it.value())) {
            fail(210, detail(QStringLiteral("param"), p->name,
                             QStringLiteral("a single value is expected, not an array or hash")));
            return false;
        }
    }

    QStringList unknown;
    // *DateRange methods tolerate extra parameters left empty (a production template sends them).
    const bool tolerateEmpty = spec.name.endsWith(QLatin1String("DateRange"));
    for (auto it = params.constBegin(); it != params.constEnd(); ++it) {
        if (spec.param(it.key()))
            continue;
        if (tolerateEmpty && isEmptyValue(it.value()))
            notes << QStringLiteral("%1 is not a parameter of %2; left empty, it was ignored").arg(it.key(), spec.name);
        else
            unknown << it.key();
    }
    if (!unknown.isEmpty()) {
        QJsonObject data;
        data.insert(QStringLiteral("unknown"), QJsonArray::fromStringList(unknown));
        data.insert(QStringLiteral("params"), QJsonArray::fromStringList(spec.paramNames()));
        fail(205, data);
        return false;
    }

    for (const MethodParam& p : spec.params) {
        const auto it = params.constFind(p.name);
        if (it == params.constEnd())
            continue;
        const QJsonValue value = *it;
        if (value.isNull())
            continue; // PHP's isset(): null is absent (a required one was reported as 206 above)
        if (spec.batch && p.name == QLatin1String("objects"))
            continue; // checked above
        const bool emptyHash = p.type == QLatin1String("array") && value.isObject() && value.toObject().isEmpty();
        if (!emptyHash && !MethodCatalog::valueMatchesType(value, p.type)) {
            fail(205,
                 detail(QStringLiteral("param"), p.name, QStringLiteral("expected a value of type %1").arg(p.type)));
            return false;
        }
        if ((p.type == QLatin1String("datetime") || p.type == QLatin1String("date")) &&
            !parseTimestamp(JsonScalar::text(value))) {
            fail(205, detail(QStringLiteral("param"), p.name,
                             QStringLiteral("expected a date as Y-m-d H:i:s (e.g. 2024-01-31 23:59:59)")));
            return false;
        }
        if (value.isArray() && !p.items.isEmpty()) {
            const QJsonArray array = value.toArray();
            for (const QJsonValue& element : array) {
                if (!MethodCatalog::valueMatchesType(element, p.items)) {
                    fail(205, detail(QStringLiteral("param"), p.name,
                                     QStringLiteral("every element must be of type %1").arg(p.items)));
                    return false;
                }
            }
        }
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            QStringList missingKeys;
            for (const QString& key : p.requiredKeys) {
                if (!object.contains(key) || object.value(key).isNull())
                    missingKeys << p.name + QLatin1Char('.') + key;
            }
            if (!missingKeys.isEmpty()) {
                QJsonObject data;
                data.insert(QStringLiteral("missing"), QJsonArray::fromStringList(missingKeys));
                fail(206, data);
                return false;
            }
            if (!p.keys.isEmpty()) {
                // Unknown filters are not an error: they filter nothing (where() drops them).
                for (auto k = object.constBegin(); k != object.constEnd(); ++k) {
                    if (!p.keys.contains(k.key()))
                        notes << QStringLiteral("%1.%2 is not a filter of %3 (filters: %4); it was ignored")
                                     .arg(p.name, k.key(), spec.name, p.keys.join(QLatin1String(", ")));
                }
            }
        }
        if (!p.allowed.isEmpty() && !p.allowed.contains(JsonScalar::text(value))) {
            QJsonObject data = detail(QStringLiteral("param"), p.name, QStringLiteral("value not allowed"));
            data.insert(QStringLiteral("allowed"), QJsonArray::fromStringList(p.allowed));
            fail(217, data);
            return false;
        }
        if (!value.isArray() && !value.isObject()) {
            if (const auto n = numberOf(value)) {
                if ((p.min && *n < *p.min) || (p.max && *n > *p.max && !p.clamped)) {
                    QJsonObject data = detail(QStringLiteral("param"), p.name, QStringLiteral("value out of range"));
                    if (p.min)
                        data.insert(QStringLiteral("min"), *p.min);
                    if (p.max)
                        data.insert(QStringLiteral("max"), *p.max);
                    fail(217, data);
                    return false;
                }
            }
        }
    }
    return true;
}

QJsonArray SimCall::objects() const
{
    return m_objects.isEmpty() ? params.value(QStringLiteral("objects")).toArray() : m_objects;
}

int SimCall::limit(int defaultLimit) const
{
    const MethodParam* p = spec.param(QStringLiteral("limit"));
    std::optional<qint64> value = toInteger(params.value(QStringLiteral("limit")));
    qint64 n = value ? *value : defaultLimit;
    if (p && p->max && p->clamped && n > qint64(*p->max))
        n = qint64(*p->max); // silently reduced, like the API
    return int(std::clamp<qint64>(n, 0, 1000000));
}

int SimCall::offset() const
{
    const std::optional<qint64> value = toInteger(params.value(QStringLiteral("offset")));
    return value ? int(std::clamp<qint64>(*value, 0, std::numeric_limits<int>::max())) : 0;
}

QByteArray SimCall::pageSignature() const
{
    QJsonObject rest = params;
    rest.remove(QStringLiteral("limit"));
    rest.remove(QStringLiteral("offset"));
    return spec.name.toUtf8() + (utc ? "|utc|" : "|zone|") + QByteArray::number(company.dataGeneration()) + '|' +
           QJsonDocument(rest).toJson(QJsonDocument::Compact);
}

QJsonObject SimCall::where() const
{
    QJsonObject where = params.value(QStringLiteral("where")).toObject();
    const MethodParam* p = spec.param(QStringLiteral("where"));
    if (p && !p->keys.isEmpty()) {
        for (const QString& key : where.keys()) {
            if (!p->keys.contains(key))
                where.remove(key);
        }
    }
    return where;
}

bool SimCall::DateRange::contains(const SimRecord& record) const
{
    const qint64 ms = byUpdate ? record.updateMs : record.createMs;
    // Floor to the second (also before 1970, where / rounds towards zero).
    const qint64 second = (ms >= 0 ? ms / 1000 : (ms - 999) / 1000) * 1000;
    return second >= startMs && second <= endMs;
}

SimCall::DateRange SimCall::dateRange() const
{
    // validateParams() made sure both parse.
    DateRange range;
    range.startMs = parseTimestamp(storedValue(param(QStringLiteral("startDate"))).value_or(QString())).value_or(0);
    range.endMs = parseTimestamp(storedValue(param(QStringLiteral("endDate"))).value_or(QString())).value_or(0);
    range.byUpdate = storedValue(param(QStringLiteral("timestamp"))) == QStringLiteral("update");
    return range;
}

bool SimCall::requestedFields(const SimTable& table, QStringList* fields)
{
    fields->clear();
    const QJsonArray array = params.value(QStringLiteral("fields")).toArray();
    for (const QJsonValue& value : array) {
        const QString name = value.toString();
        if (name != QLatin1String("id") && !table.hasColumn(name)) {
            fail(205, detail(QStringLiteral("field"), name, QStringLiteral("unknown field in `fields`")));
            return false;
        }
        if (!fields->contains(name))
            fields->append(name);
    }
    return true;
}

// --- objects -------------------------------------------------------------------------------------

int SimCall::validateObject(const QString& objectType, const QJsonObject& object, WriteMode mode,
                            QJsonValue* data) const
{
    const MethodCatalog& catalog = MethodCatalog::builtin();
    const SimTable* table = company.findTable(objectType);
    auto reject = [&](const QString& field, const QString& reason) {
        *data = detail(QStringLiteral("field"), field, reason);
        return 205;
    };
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString& key = it.key();
        const QJsonValue value = it.value();
        if (!spec.objectKeys.isEmpty() && !spec.objectKeys.contains(key))
            return reject(key, QStringLiteral("only %1 accepted here").arg(spec.objectKeys.join(QLatin1String(", "))));
        const FieldSpec* field = catalog.objectField(objectType, key);
        if (!field) {
            const bool custom = catalog.objectAllowsCustomFields(objectType) && table && table->hasColumn(key) &&
                                MethodCatalog::isCustomFieldName(key);
            if (!custom) {
                const QStringList close = catalog.closestFieldNames(objectType, key, 1);
                return reject(key, close.isEmpty()
                                       ? QStringLiteral("unknown field")
                                       : QStringLiteral("unknown field (did you mean %1?)").arg(close.first()));
            }
            if (isContainer(value))
                return reject(key, QStringLiteral("a field value must be a single value"));
            continue;
        }
        if (field->readOnly)
            continue; // ignored, as the API ignores `id` on create
        if (value.isNull()) {
            if (!field->nullable)
                return reject(key, QStringLiteral("must not be null"));
            continue;
        }
        if (isContainer(value))
            return reject(key, QStringLiteral("a field value must be a single value"));
        if (!MethodCatalog::valueMatchesType(value, field->type))
            return reject(key, QStringLiteral("expected a value of type %1").arg(field->type));
        const QString text = JsonScalar::text(value);
        if (!field->allowed.isEmpty() && !field->allowed.contains(text))
            return reject(key, QStringLiteral("not one of: %1").arg(field->allowed.join(QLatin1String(", "))));
        if (field->maxLength > 0 && text.size() > field->maxLength)
            return reject(key, QStringLiteral("longer than %1 characters").arg(field->maxLength));
        if (const auto n = numberOf(value);
            n && (field->type == QLatin1String("integer") || field->type == QLatin1String("number"))) {
            if ((field->min && *n < *field->min) || (field->max && *n > *field->max))
                return reject(key, QStringLiteral("out of range"));
        }
        if ((field->type == QLatin1String("datetime") || field->type == QLatin1String("date")) && !parseTimestamp(text))
            return reject(key, QStringLiteral("expected a date as Y-m-d H:i:s"));
    }
    if (mode == WriteMode::Create) {
        const QList<FieldSpec> fields = catalog.objectFields(objectType);
        for (const FieldSpec& field : fields) {
            if (field.required && !field.readOnly &&
                (!object.contains(field.name) || object.value(field.name).isNull()))
                return reject(field.name, QStringLiteral("required field missing"));
        }
    }
    for (const QString& key : spec.objectRequired) {
        if (!object.contains(key) || object.value(key).isNull())
            return reject(key, QStringLiteral("required field missing"));
    }
    return 0;
}

SimValue SimCall::storedValue(const QJsonValue& value)
{
    if (value.isNull() || value.isUndefined())
        return std::nullopt;
    return JsonScalar::text(value);
}

QString SimCall::encodedAsStored(const QString& written)
{
    // The API stores text written through it as given, except `<`: it comes back as &lt; unless
    // it is the last character.
    QString stored;
    stored.reserve(written.size());
    for (qsizetype i = 0; i < written.size(); ++i) {
        if (written.at(i) == QLatin1Char('<') && i + 1 < written.size())
            stored += QLatin1String("&lt;");
        else
            stored += written.at(i);
    }
    return stored;
}

bool SimCall::applyObject(SimTable& table, SimRecord& record, const QJsonObject& object) const
{
    const MethodCatalog& catalog = MethodCatalog::builtin();
    bool changed = false;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.key() == QLatin1String("id"))
            continue;
        const FieldSpec* field = catalog.objectField(table.type(), it.key());
        if (field && field->readOnly)
            continue;
        const int column = table.column(it.key());
        if (column < 0)
            continue;
        SimValue value = storedValue(it.value());
        if (it.value().isString())
            value = encodedAsStored(*value);
        if (field && field->type == QLatin1String("boolean") && value) {
            const QString t = value->toLower();
            value = (t == QLatin1String("1") || t == QLatin1String("true")) ? QStringLiteral("1") : QStringLiteral("0");
        }
        if (table.value(record, column) != value) {
            table.setValue(record, column, value);
            changed = true;
        }
    }
    return changed;
}

int SimCall::checkReference(const QString& type, const QJsonValue& value) const
{
    if (value.isNull() || value.isUndefined() || (value.isString() && value.toString().isEmpty()))
        return 0;
    const std::optional<qint64> id = toInteger(value);
    if (!id)
        return 303;
    const SimTable* table = company.findTable(type);
    if (table && table->find(*id))
        return 0;
    return store.otherOwner(type, *id, &company) ? 212 : 303;
}

// --- rendering -----------------------------------------------------------------------------------

QString SimCall::formatTimestamp(qint64 ms) const
{
    const QDateTime time =
        utc ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime::fromMSecsSinceEpoch(ms, company.timeZone);
    return time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

std::optional<qint64> SimCall::parseTimestamp(const QString& input) const
{
    const QString text = input.trimmed();
    static const QString formats[] = {QStringLiteral("yyyy-MM-dd HH:mm:ss"), QStringLiteral("yyyy-MM-dd HH:mm"),
                                      QStringLiteral("yyyy-MM-ddTHH:mm:ss"), QStringLiteral("yyyy-MM-dd")};
    for (const QString& format : formats) {
        QDateTime time = QDateTime::fromString(text, format);
        if (!time.isValid())
            continue;
        if (utc)
            time.setTimeZone(QTimeZone::utc());
        else
            time.setTimeZone(company.timeZone);
        return time.toMSecsSinceEpoch();
    }
    // ISO 8601 with a zone (2024-01-31T23:59:59Z, +02:00): the zone given wins.
    const QDateTime iso = QDateTime::fromString(text, Qt::ISODate);
    if (iso.isValid() && iso.timeSpec() != Qt::LocalTime)
        return iso.toMSecsSinceEpoch();
    return std::nullopt;
}

QByteArray SimCall::renderRecord(const SimTable& table, const SimRecord& record) const
{
    QByteArray& cache = record.json[utc ? 0 : 1];
    if (!cache.isEmpty())
        return cache;
    JsonWriter w;
    w.buffer().reserve(64 + table.columns().size() * 40);
    w.beginObject();
    const QStringList& columns = table.columns();
    for (int c = 0; c < columns.size(); ++c) {
        const QString& name = columns.at(c);
        w.key(name);
        if (name == QLatin1String("id")) {
            w.value(QString::number(record.id));
        } else if (table.systemCreateTimestamp() && name == QLatin1String("createTimestamp")) {
            w.value(formatTimestamp(record.createMs));
        } else if (table.systemUpdateTimestamp() && name == QLatin1String("updateTimestamp")) {
            w.value(formatTimestamp(record.updateMs));
        } else {
            const SimValue& value = table.value(record, c);
            if (value)
                w.value(*value);
            else
                w.null();
        }
    }
    w.endObject();
    cache = w.take();
    return cache;
}

QByteArray SimCall::renderRecord(const SimTable& table, const SimRecord& record, const QStringList& fields) const
{
    if (fields.isEmpty())
        return renderRecord(table, record);
    JsonWriter w;
    w.beginObject();
    for (const QString& name : fields) {
        w.key(name);
        if (name == QLatin1String("id")) {
            w.value(QString::number(record.id));
        } else if (table.systemCreateTimestamp() && name == QLatin1String("createTimestamp")) {
            w.value(formatTimestamp(record.createMs));
        } else if (table.systemUpdateTimestamp() && name == QLatin1String("updateTimestamp")) {
            w.value(formatTimestamp(record.updateMs));
        } else {
            const SimValue value = table.value(record, name);
            if (value)
                w.value(*value);
            else
                w.null();
        }
    }
    w.endObject();
    return w.take();
}
