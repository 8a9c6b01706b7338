#include "EntityMethods.h"

#include "MethodCatalog.h"
#include "SimCall.h"
#include "SimMethods.h"

#include <QJsonArray>
#include <QSet>

namespace {
// Records pointing at a record of `type`: (child type, child column).
QList<QPair<QString, QString>> dependentsOf(const QString& type)
{
    if (type == QLatin1String("lead"))
        return {{QStringLiteral("listMember"), QStringLiteral("leadID")},
                {QStringLiteral("opportunityLead"), QStringLiteral("leadID")},
                {QStringLiteral("event"), QStringLiteral("leadID")}};
    if (type == QLatin1String("list"))
        return {{QStringLiteral("listMember"), QStringLiteral("listID")}};
    if (type == QLatin1String("opportunity"))
        return {{QStringLiteral("opportunityLead"), QStringLiteral("opportunityID")}};
    return {};
}

QJsonObject detail(const QString& field, const QString& reason)
{
    QJsonObject data;
    data.insert(QStringLiteral("field"), field);
    data.insert(QStringLiteral("reason"), reason);
    return data;
}

// Event sources the simulator accepts when methods.json gives none (the real list is unknown;
// error 219 is the API's answer to others).
const QStringList& defaultEventSources()
{
    static const QStringList sources = {QStringLiteral("web"), QStringLiteral("form"),   QStringLiteral("email"),
                                        QStringLiteral("api"), QStringLiteral("call"),   QStringLiteral("chat"),
                                        QStringLiteral("sms"), QStringLiteral("social"), QStringLiteral("custom")};
    return sources;
}

// Keys a task may carry (tasks are known by name only: methods.json's "task" object is the
// simulator's model).
bool isTaskField(const QString& key)
{
    return MethodCatalog::builtin().objectField(QStringLiteral("task"), key) != nullptr;
}
} // namespace

bool EntityMethods::matchesWhere(const SimTable& table, const SimRecord& record, const QJsonObject& where)
{
    for (auto it = where.constBegin(); it != where.constEnd(); ++it) {
        const QJsonValue wanted = it.value();
        if (wanted.isNull())
            continue;
        QString actual;
        if (it.key() == QLatin1String("id")) {
            actual = QString::number(record.id);
        } else {
            const int column = table.column(it.key());
            if (column < 0)
                return false;
            const SimValue& value = table.value(record, column);
            actual = value ? *value : QString();
        }
        const bool caseInsensitive = it.key() == QLatin1String("emailAddress");
        auto same = [&](const QJsonValue& v) {
            const SimValue text = SimCall::storedValue(v);
            if (!text)
                return false;
            return caseInsensitive ? actual.compare(*text, Qt::CaseInsensitive) == 0 : actual == *text;
        };
        if (wanted.isArray()) {
            const QJsonArray list = wanted.toArray();
            bool any = false;
            for (const QJsonValue& v : list) {
                if (same(v)) {
                    any = true;
                    break;
                }
            }
            if (!any)
                return false;
        } else if (!same(wanted)) {
            return false;
        }
    }
    return true;
}

QList<QByteArray> EntityMethods::page(const SimCall& call, const SimTable& table, const Filter& filter,
                                      const Render& render, bool* more)
{
    const int limit = call.limit();
    const int offset = call.offset();
    QList<QByteArray> items;
    const auto renderOne = [&](const SimRecord& record) {
        items.append(render ? render(table, record) : call.renderRecord(table, record));
    };
    *more = false;
    if (offset == 0) {
        // The first page stops where it is full: a single small read never indexes the table.
        for (const auto& [id, record] : table.rows()) {
            if (filter && !filter(table, record))
                continue;
            if (items.size() >= limit) {
                *more = true;
                break;
            }
            renderOne(record);
        }
        return items;
    }
    const std::vector<const SimRecord*>& rows = table.matchingRows(
        call.pageSignature(), [&](const SimRecord& record) { return !filter || filter(table, record); });
    const size_t begin = qMin(size_t(offset), rows.size());
    const size_t end = qMin(begin + size_t(limit), rows.size());
    items.reserve(qsizetype(end - begin));
    for (size_t i = begin; i < end; ++i)
        renderOne(*rows[i]);
    *more = end < rows.size();
    return items;
}

void EntityMethods::listPage(SimCall& call, const SimTable& table, const Filter& filter, const Render& render,
                             const QString& key)
{
    bool more = false;
    const QList<QByteArray> items = page(call, table, filter, render, &more);
    call.succeedWithList(key.isEmpty() ? call.spec.resultKey : key, items, more);
}

void EntityMethods::getOne(SimCall& call, const QString& type)
{
    const std::optional<qint64> id = SimCall::toInteger(call.param(QStringLiteral("id")));
    const SimTable& table = call.company.table(type);
    const SimRecord* record = id ? table.find(*id) : nullptr;
    QList<QByteArray> items;
    if (record)
        items.append(call.renderRecord(table, *record));
    call.succeedWithList(call.spec.resultKey, items);
}

void EntityMethods::getMany(SimCall& call, const QString& type, const Filter& extra, const Render& render)
{
    const QJsonObject where = call.where();
    listPage(
        call, call.company.table(type),
        [&](const SimTable& table, const SimRecord& record) {
            return matchesWhere(table, record, where) && (!extra || extra(table, record));
        },
        render);
}

void EntityMethods::getDateRange(SimCall& call, const QString& type, const Filter& extra)
{
    const SimCall::DateRange range = call.dateRange();
    listPage(call, call.company.table(type),
             [&](const SimTable& table, const SimRecord& record) {
                 return range.contains(record) && (!extra || extra(table, record));
             },
             {});
}

int EntityMethods::checkReferences(const SimCall& call, const QString& type, const QJsonObject& object,
                                   QJsonValue* data)
{
    // The foreign keys of the type, in methods.json's field order; the first bad one is reported.
    const QList<FieldSpec> fields = MethodCatalog::builtin().objectFields(type);
    for (const FieldSpec& spec : fields) {
        if (!spec.references || !object.contains(spec.name))
            continue;
        const FieldReference& reference = *spec.references;
        const int code = call.checkReference(reference.object, object.value(spec.name));
        if (code == 0)
            continue;
        if (reference.code != 303) { // 220: the "who" of a call or task, whatever the cause
            *data = detail(spec.name, QStringLiteral("no %1 with this id in this account").arg(reference.object));
            return reference.code;
        }
        *data = detail(spec.name, code == 212 ? QStringLiteral("belongs to another company")
                                              : QStringLiteral("no %1 with this id").arg(reference.object));
        return code;
    }
    return 0;
}

void EntityMethods::cascadeDelete(SimCompany& company, const QString& type, qint64 id)
{
    const QString idText = QString::number(id);
    const auto dependents = dependentsOf(type);
    for (const auto& [childType, childColumn] : dependents) {
        SimTable& child = company.table(childType);
        const int column = child.column(childColumn);
        if (column < 0)
            continue;
        QList<qint64> doomed;
        for (const auto& [childId, record] : child.rows()) {
            const SimValue& value = child.value(record, column);
            if (value && *value == idText)
                doomed.append(childId);
        }
        for (qint64 childId : doomed) {
            cascadeDelete(company, childType, childId);
            child.remove(childId);
        }
    }
}

bool EntityMethods::checkObjectsArray(SimCall& call)
{
    const QJsonValue value = call.param(QStringLiteral("objects"));
    if (!(value.isArray() || (value.isObject() && value.toObject().isEmpty()))) {
        call.fail(207, detail(QStringLiteral("objects"), QStringLiteral("`objects` must be a list of hashes")));
        return false;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject() && !array.at(i).isArray()) {
            QJsonObject data;
            data.insert(QStringLiteral("index"), int(i));
            data.insert(QStringLiteral("reason"), QStringLiteral("every element of `objects` must be a hash"));
            call.fail(208, data);
            return false;
        }
    }
    if (array.size() > 500) {
        QJsonObject data;
        data.insert(QStringLiteral("objects"), int(array.size()));
        data.insert(QStringLiteral("max"), 500);
        call.fail(209, data);
        return false;
    }
    return true;
}

SimRecord& EntityMethods::insertNew(SimCall& call, SimTable& table)
{
    SimRecord record;
    record.id = call.store.nextId(table.type());
    record.createMs = call.nowMs;
    record.updateMs = call.nowMs;
    return table.insert(std::move(record));
}

void EntityMethods::createMany(SimCall& call, const QString& type)
{
    SimTable& table = call.company.table(type);
    SimCall::Batch batch(call, call.batchKey());
    const QJsonArray objects = call.objects();
    for (const QJsonValue& element : objects) {
        const QJsonObject object = element.toObject();
        QJsonValue data;
        int code = call.validateObject(type, object, SimCall::WriteMode::Create, &data);
        if (!code)
            code = checkReferences(call, type, object, &data);
        if (code) {
            batch.failed(code, data);
            continue;
        }
        SimRecord& record = insertNew(call, table);
        call.applyObject(table, record, object);
        batch.created(record.id);
    }
    batch.finish();
}

void EntityMethods::updateMany(SimCall& call, const QString& type)
{
    SimTable& table = call.company.table(type);
    SimCall::Batch batch(call, call.batchKey());
    const QJsonArray objects = call.objects();
    for (const QJsonValue& element : objects) {
        const QJsonObject object = element.toObject();
        QJsonValue data;
        int code = call.validateObject(type, object, SimCall::WriteMode::Update, &data);
        const std::optional<qint64> id = SimCall::toInteger(object.value(QStringLiteral("id")));
        if (!code && !id) {
            code = 205;
            data = detail(QStringLiteral("id"), QStringLiteral("the id of the record to update is required"));
        }
        SimRecord* record = code ? nullptr : table.find(*id);
        if (!code && !record) {
            code = call.store.otherOwner(type, *id, &call.company) ? 212 : 404;
            data = QJsonArray();
        }
        if (!code)
            code = checkReferences(call, type, object, &data);
        if (code) {
            batch.failed(code, data);
            continue;
        }
        if (!call.applyObject(table, *record, object)) {
            batch.failed(302); // nothing changed
            continue;
        }
        record->updateMs = call.nowMs;
        record->invalidate();
        batch.succeeded();
    }
    batch.finish();
}

void EntityMethods::deleteMany(SimCall& call, const QString& type)
{
    SimTable& table = call.company.table(type);
    SimCall::Batch batch(call, call.batchKey());
    const QJsonArray objects = call.objects();
    for (const QJsonValue& element : objects) {
        const QJsonObject object = element.toObject();
        QJsonValue data;
        int code = call.validateObject(type, object, SimCall::WriteMode::Update, &data);
        const std::optional<qint64> id = SimCall::toInteger(object.value(QStringLiteral("id")));
        if (!code && !id) {
            code = 205;
            data = detail(QStringLiteral("id"), QStringLiteral("a numeric id is required"));
        }
        if (!code && !table.find(*id)) {
            code = call.store.otherOwner(type, *id, &call.company) ? 212 : 404;
            data = QJsonArray();
        }
        if (code) {
            batch.failed(code, data);
            continue;
        }
        cascadeDelete(call.company, type, *id);
        table.remove(*id);
        batch.succeeded();
    }
    batch.finish();
}

void EntityMethods::registerInto(SimMethods& methods)
{
    // Accounts, campaigns, opportunities, opportunity leads, deal stages, e-mails: one get/create/
    // update/delete pattern for each.
    struct Family
    {
        const char* type;
        const char* getOne;
        const char* getMany;
        const char* dateRange;
        const char* create;
        const char* update;
        const char* remove;
    };
    const Family families[] = {
        {"account", "getAccount", "getAccounts", "getAccountsDateRange", "createAccounts", "updateAccounts",
         "deleteAccounts"},
        {"campaign", "getCampaign", "getCampaigns", "getCampaignsDateRange", "createCampaigns", "updateCampaigns",
         "deleteCampaigns"},
        {"opportunity", "getOpportunity", "getOpportunities", "getOpportunitiesDateRange", "createOpportunities",
         "updateOpportunities", "deleteOpportunities"},
        {"opportunityLead", "getOpportunityLead", "getOpportunityLeads", "getOpportunityLeadsDateRange",
         "createOpportunityLeads", nullptr, "deleteOpportunityLeads"},
        {"dealStage", "getDealStage", "getDealStages", "getDealStagesDateRange", "createDealStages", nullptr,
         "deleteDealStages"},
        {"email", "getEmail", nullptr, nullptr, "createEmail", "updateEmail", "deleteEmail"},
    };
    for (const Family& f : families) {
        const QString type = QString::fromLatin1(f.type);
        methods.add(QString::fromLatin1(f.getOne), [type](SimCall& call) { getOne(call, type); });
        if (f.getMany)
            methods.add(QString::fromLatin1(f.getMany), [type](SimCall& call) { getMany(call, type); });
        if (f.dateRange)
            methods.add(QString::fromLatin1(f.dateRange), [type](SimCall& call) { getDateRange(call, type); });
        methods.add(QString::fromLatin1(f.create), [type](SimCall& call) { createMany(call, type); });
        if (f.update)
            methods.add(QString::fromLatin1(f.update), [type](SimCall& call) { updateMany(call, type); });
        methods.add(QString::fromLatin1(f.remove), [type](SimCall& call) { deleteMany(call, type); });
    }

    methods.add(QStringLiteral("getUserProfiles"), [](SimCall& call) { getMany(call, QStringLiteral("user")); });

    methods.add(QStringLiteral("getEmailListing"), [](SimCall& call) {
        getMany(call, QStringLiteral("email"), {}, [&call](const SimTable& table, const SimRecord& record) {
            // The listing shape: id, createTimestamp, title, subject, thumbnail.
            QStringList fields = {QStringLiteral("id"), QStringLiteral("createTimestamp"), QStringLiteral("title"),
                                  QStringLiteral("subject"), QStringLiteral("thumbnail")};
            return call.renderRecord(table, record, fields);
        });
    });
    methods.add(QStringLiteral("getEmailJobs"),
                [](SimCall& call) { listPage(call, call.company.table(QStringLiteral("emailJob")), {}, {}); });
    methods.add(QStringLiteral("getUnsubscribeCategories"), [](SimCall& call) {
        listPage(call, call.company.table(QStringLiteral("unsubscribeCategory")), {}, {});
    });
    methods.add(QStringLiteral("getListTags"),
                [](SimCall& call) { listPage(call, call.company.table(QStringLiteral("listTag")), {}, {}); });

    // Events: where.leadID, or where.createTimestamp = events after that instant.
    methods.add(QStringLiteral("getEvents"), [](SimCall& call) {
        const QJsonObject where = call.where();
        const QJsonValue lead = where.value(QStringLiteral("leadID"));
        std::optional<qint64> after;
        if (where.contains(QStringLiteral("createTimestamp"))) {
            after = call.parseTimestamp(
                SimCall::storedValue(where.value(QStringLiteral("createTimestamp"))).value_or(QString()));
            if (!after) {
                call.fail(205, detail(QStringLiteral("where.createTimestamp"),
                                      QStringLiteral("expected a date as Y-m-d H:i:s")));
                return;
            }
        }
        QJsonObject leadOnly;
        if (!lead.isUndefined())
            leadOnly.insert(QStringLiteral("leadID"), lead);
        listPage(call, call.company.table(QStringLiteral("event")),
                 [&](const SimTable& table, const SimRecord& record) {
                     return matchesWhere(table, record, leadOnly) && (!after || record.createMs > *after);
                 },
                 {});
    });
    methods.add(QStringLiteral("createEvents"), [](SimCall& call) {
        const QString type = QStringLiteral("event");
        const FieldSpec* sourceSpec = MethodCatalog::builtin().objectField(type, QStringLiteral("eventSource"));
        const QStringList sources =
            sourceSpec && !sourceSpec->allowed.isEmpty() ? sourceSpec->allowed : defaultEventSources();
        SimTable& table = call.company.table(type);
        SimCall::Batch batch(call, call.batchKey());
        const QJsonArray objects = call.objects();
        for (const QJsonValue& element : objects) {
            const QJsonObject object = element.toObject();
            QJsonValue data;
            int code = 0;
            const QJsonValue source = object.value(QStringLiteral("eventSource"));
            if (!source.isUndefined() && !source.isNull() &&
                !sources.contains(SimCall::storedValue(source).value_or(QString()))) {
                QJsonObject d = detail(QStringLiteral("eventSource"), QStringLiteral("unsupported event source"));
                d.insert(QStringLiteral("allowed"), QJsonArray::fromStringList(sources));
                data = d;
                code = 219;
            }
            if (!code)
                code = call.validateObject(type, object, SimCall::WriteMode::Create, &data);
            if (!code && !object.contains(QStringLiteral("leadID"))) {
                code = 205;
                data = detail(QStringLiteral("leadID"), QStringLiteral("required field missing"));
            }
            if (!code)
                code = checkReferences(call, type, object, &data);
            if (code) {
                batch.failed(code, data);
                continue;
            }
            SimRecord& record = insertNew(call, table);
            call.applyObject(table, record, object);
            if (!object.contains(QStringLiteral("eventSource")))
                table.setValue(record, QStringLiteral("eventSource"), QStringLiteral("api"));
            batch.created(record.id);
        }
        batch.finish();
    });

    // Calls: leadID is the "who" of the call; a bad one is 220 "Please supply a valid whoID".
    methods.add(QStringLiteral("logCalls"), [](SimCall& call) { createMany(call, QStringLiteral("call")); });

    // Tasks are known by name only; the simulator models them with a whoID
    // (the lead) so that 220 can be met: objects of {whoID, subject, description, dueDate,
    // ownerID, status, priority, whatID}.
    auto checkTask = [](SimCall& call, const QJsonObject& object, bool create, QJsonValue* data) {
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!isTaskField(it.key())) {
                *data = detail(it.key(), QStringLiteral("unknown field (tasks take whoID, subject, description, "
                                                        "dueDate, ownerID, status, priority, whatID)"));
                return 205;
            }
            if (it.value().isArray() || it.value().isObject()) {
                *data = detail(it.key(), QStringLiteral("a field value must be a single value"));
                return 205;
            }
        }
        if (create && (!object.contains(QStringLiteral("whoID")) || object.value(QStringLiteral("whoID")).isNull())) {
            *data = detail(QStringLiteral("whoID"), QStringLiteral("the lead the task is about is required"));
            return 220;
        }
        return checkReferences(call, QStringLiteral("task"), object, data);
    };
    methods.add(QStringLiteral("createTasks"), [checkTask](SimCall& call) {
        if (!checkObjectsArray(call))
            return;
        SimTable& table = call.company.table(QStringLiteral("task"));
        SimCall::Batch batch(call, call.batchKey());
        const QJsonArray objects = call.objects();
        for (const QJsonValue& element : objects) {
            const QJsonObject object = element.toObject();
            QJsonValue data;
            if (const int code = checkTask(call, object, true, &data)) {
                batch.failed(code, data);
                continue;
            }
            SimRecord& record = insertNew(call, table);
            call.applyObject(table, record, object);
            if (!object.contains(QStringLiteral("status")))
                table.setValue(record, QStringLiteral("status"), QStringLiteral("open"));
            batch.created(record.id);
        }
        batch.finish();
    });
    methods.add(QStringLiteral("getTasks"), [](SimCall& call) {
        const QJsonObject where = call.where();
        for (auto it = where.constBegin(); it != where.constEnd(); ++it) {
            if (!isTaskField(it.key())) {
                call.fail(205, detail(QStringLiteral("where.") + it.key(), QStringLiteral("unknown filter")));
                return;
            }
        }
        // Tasks have no documented result key: the simulator uses "task".
        listPage(
            call, call.company.table(QStringLiteral("task")),
            [&](const SimTable& table, const SimRecord& record) { return matchesWhere(table, record, where); }, {},
            call.spec.resultKey.isEmpty() ? QStringLiteral("task") : call.spec.resultKey);
    });
    methods.add(QStringLiteral("updateTasks"), [checkTask](SimCall& call) {
        if (!checkObjectsArray(call))
            return;
        SimTable& table = call.company.table(QStringLiteral("task"));
        SimCall::Batch batch(call, call.batchKey());
        const QJsonArray objects = call.objects();
        for (const QJsonValue& element : objects) {
            const QJsonObject object = element.toObject();
            QJsonValue data;
            int code = checkTask(call, object, false, &data);
            const std::optional<qint64> id = SimCall::toInteger(object.value(QStringLiteral("id")));
            SimRecord* record = !code && id ? table.find(*id) : nullptr;
            if (!code && !record)
                code = 404;
            if (code) {
                batch.failed(code, data);
                continue;
            }
            if (!call.applyObject(table, *record, object)) {
                batch.failed(302);
                continue;
            }
            record->updateMs = call.nowMs;
            record->invalidate();
            batch.succeeded();
        }
        batch.finish();
    });
    methods.add(QStringLiteral("deleteTasks"), [](SimCall& call) {
        if (!checkObjectsArray(call))
            return;
        SimTable& table = call.company.table(QStringLiteral("task"));
        SimCall::Batch batch(call, call.batchKey());
        const QJsonArray objects = call.objects();
        for (const QJsonValue& element : objects) {
            const std::optional<qint64> id = SimCall::toInteger(element.toObject().value(QStringLiteral("id")));
            if (!id || !table.remove(*id)) {
                batch.failed(404);
                continue;
            }
            batch.succeeded();
        }
        batch.finish();
    });
}
