#include "FieldMethods.h"

#include "EntityMethods.h"
#include "MethodCatalog.h"
#include "SimCall.h"
#include "SimMethods.h"

#include <QJsonArray>

namespace {
const QString kField = QStringLiteral("field");

QJsonObject detail(const QString& field, const QString& reason)
{
    QJsonObject data;
    data.insert(QStringLiteral("field"), field);
    data.insert(QStringLiteral("reason"), reason);
    return data;
}

QString text(const SimTable& table, const SimRecord& record, const QString& column)
{
    return table.value(record, column).value_or(QString());
}

SimRecord* fieldBySystemName(SimTable& fields, const QString& systemName)
{
    const int column = fields.column(QStringLiteral("systemName"));
    for (const auto& [id, record] : fields.rows()) {
        const SimValue& value = fields.value(record, column);
        if (value && *value == systemName)
            return fields.find(id);
    }
    return nullptr;
}

void createFields(SimCall& call)
{
    SimTable& fields = call.company.table(kField);
    SimCall::Batch batch(call, call.batchKey());
    const QJsonArray objects = call.objects();
    for (const QJsonValue& element : objects) {
        const QJsonObject object = element.toObject();
        QJsonValue data;
        int code = call.validateObject(kField, object, SimCall::WriteMode::Create, &data);
        QString systemName = SimCall::storedValue(object.value(QStringLiteral("systemName"))).value_or(QString());
        if (!code && !systemName.isEmpty()) {
            if (!MethodCatalog::isCustomFieldName(systemName)) {
                code = 205;
                data = detail(QStringLiteral("systemName"),
                              QStringLiteral("a custom field's system name is label_<13 hex digits>; omit it to "
                                             "have one generated"));
            } else if (fieldBySystemName(fields, systemName)) {
                code = 301;
                data = QJsonArray();
            }
        }
        if (code) {
            batch.failed(code, data);
            continue;
        }
        if (systemName.isEmpty())
            systemName = call.store.newSystemName(object.value(QStringLiteral("label")).toString());
        SimRecord& record = EntityMethods::insertNew(call, fields);
        fields.setValue(record, QStringLiteral("source"), QStringLiteral("sharpspring"));
        fields.setValue(record, QStringLiteral("dataLength"), QStringLiteral("255"));
        fields.setValue(record, QStringLiteral("isRequired"), QStringLiteral("0"));
        fields.setValue(record, QStringLiteral("isActive"), QStringLiteral("1"));
        fields.setValue(record, QStringLiteral("isAvailableInContactManager"), QStringLiteral("1"));
        fields.setValue(record, QStringLiteral("isEditableInContactManager"), QStringLiteral("1"));
        fields.setValue(record, QStringLiteral("isAvailableInForms"), QStringLiteral("0"));
        call.applyObject(fields, record, object);
        fields.setValue(record, QStringLiteral("systemName"), systemName);
        fields.setValue(record, QStringLiteral("isCustom"), QStringLiteral("1"));
        // The field becomes a column of its object type, "" until written.
        const QString relationship = text(fields, record, QStringLiteral("relationship"));
        call.company.table(relationship).addColumn(systemName, SimValue(QString()));
        batch.created(record.id);
    }
    batch.finish();
}

void updateFields(SimCall& call)
{
    SimTable& fields = call.company.table(kField);
    SimCall::Batch batch(call, call.batchKey());
    const QJsonArray objects = call.objects();
    for (const QJsonValue& element : objects) {
        const QJsonObject object = element.toObject();
        QJsonValue data;
        int code = call.validateObject(kField, object, SimCall::WriteMode::Update, &data);
        const std::optional<qint64> id = SimCall::toInteger(object.value(QStringLiteral("id")));
        if (!code && !id) {
            code = 205;
            data = detail(QStringLiteral("id"), QStringLiteral("the id of the field to update is required"));
        }
        SimRecord* record = code ? nullptr : fields.find(*id);
        if (!code && !record) {
            code = call.store.otherOwner(kField, *id, &call.company) ? 212 : 404;
            data = QJsonArray();
        }
        if (!code && text(fields, *record, QStringLiteral("isCustom")) != QLatin1String("1")) {
            code = 205;
            data = detail(QStringLiteral("id"), QStringLiteral("standard fields cannot be changed"));
        }
        // The system name, the object type and the data type of a field never change.
        for (const char* fixed : {"systemName", "relationship", "dataType"}) {
            const QString name = QString::fromLatin1(fixed);
            if (!code && object.contains(name) &&
                SimCall::storedValue(object.value(name)) != fields.value(*record, name)) {
                code = 205;
                data = detail(name, QStringLiteral("cannot be changed after creation"));
            }
        }
        if (code) {
            batch.failed(code, data);
            continue;
        }
        if (!call.applyObject(fields, *record, object)) {
            batch.failed(302);
            continue;
        }
        record->updateMs = call.nowMs;
        batch.succeeded();
    }
    batch.finish();
}

void deleteFields(SimCall& call)
{
    SimTable& fields = call.company.table(kField);
    SimCall::Batch batch(call, call.batchKey());
    const QJsonArray objects = call.objects();
    for (const QJsonValue& element : objects) {
        const QJsonObject object = element.toObject();
        QJsonValue data;
        int code = call.validateObject(kField, object, SimCall::WriteMode::Update, &data);
        const QString systemName = SimCall::storedValue(object.value(QStringLiteral("systemName"))).value_or(QString());
        SimRecord* record = code ? nullptr : fieldBySystemName(fields, systemName);
        if (!code && !record) {
            code = 404;
            data = detail(QStringLiteral("systemName"), QStringLiteral("no field with this system name"));
        }
        if (!code && text(fields, *record, QStringLiteral("isCustom")) != QLatin1String("1")) {
            code = 211;
            data = QJsonArray();
        }
        if (code) {
            batch.failed(code, data);
            continue;
        }
        const QString relationship = text(fields, *record, QStringLiteral("relationship"));
        call.company.table(relationship).removeColumn(systemName);
        fields.remove(record->id);
        batch.succeeded();
    }
    batch.finish();
}
} // namespace

void FieldMethods::registerInto(SimMethods& methods)
{
    methods.add(QStringLiteral("getFields"), [](SimCall& call) { EntityMethods::getMany(call, kField); });
    methods.add(QStringLiteral("createFields"), createFields);
    methods.add(QStringLiteral("updateFields"), updateFields);
    methods.add(QStringLiteral("deleteFields"), deleteFields);
}
