#include "LeadMethods.h"

#include "EntityMethods.h"
#include "MethodCatalog.h"
#include "SimCall.h"
#include "SimMethods.h"

#include <QJsonArray>
#include <QSet>
#include <QUrl>

#include <algorithm>

namespace {
const QString kLead = QStringLiteral("lead");
const QString kEmail = QStringLiteral("emailAddress");

QJsonObject detail(const QString& field, const QString& reason)
{
    QJsonObject data;
    data.insert(QStringLiteral("field"), field);
    data.insert(QStringLiteral("reason"), reason);
    return data;
}

bool isActiveAt(const SimTable& leads, const SimRecord& record, int column)
{
    if (column < 0)
        return true;
    const SimValue& value = leads.value(record, column);
    return !value || *value != QLatin1String("0");
}

QString textOf(const QJsonValue& value)
{
    return SimCall::storedValue(value).value_or(QString());
}

QList<QJsonValue> asList(const QJsonValue& value)
{
    QList<QJsonValue> list;
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue& v : array)
            list.append(v);
    } else if (!value.isUndefined() && !value.isNull()) {
        list.append(value);
    }
    return list;
}

// "contactWithOpp" is set by the CRM when an opportunity exists; the API refuses to set it.
int checkLeadStatus(const QJsonObject& object, QJsonValue* data)
{
    if (object.value(QStringLiteral("leadStatus")).toString() == QLatin1String("contactWithOpp")) {
        *data = detail(QStringLiteral("leadStatus"), QStringLiteral("contactWithOpp cannot be set through the API"));
        return 205;
    }
    return 0;
}

void getLead(SimCall& call)
{
    EntityMethods::getOne(call, kLead);
}

void getLeads(SimCall& call)
{
    const SimTable& leads = call.company.table(kLead);
    QStringList fields;
    if (!call.requestedFields(leads, &fields))
        return;
    const QJsonObject where = call.where();
    const auto render = [&](const SimTable& table, const SimRecord& record) {
        return call.renderRecord(table, record, fields);
    };
    // Only one filter is honoured (RM); a specific id or address also finds inactive leads.
    QList<qint64> ids;
    bool byIds = false;
    if (where.contains(QStringLiteral("id")) && !where.value(QStringLiteral("id")).isNull()) {
        if (where.contains(kEmail))
            call.notes << QStringLiteral("where: only `id` was honoured, `emailAddress` was ignored (as the API does)");
        byIds = true;
        const QList<QJsonValue> values = asList(where.value(QStringLiteral("id")));
        for (const QJsonValue& v : values) {
            if (const auto id = SimCall::toInteger(v))
                ids.append(*id);
        }
    } else if (where.contains(kEmail) && !where.value(kEmail).isNull()) {
        byIds = true;
        const QList<QJsonValue> values = asList(where.value(kEmail));
        for (const QJsonValue& v : values) {
            const auto it = call.company.leadByEmail.constFind(SimStore::emailKey(textOf(v)));
            if (it != call.company.leadByEmail.constEnd())
                ids.append(*it);
        }
    }
    QList<QByteArray> items;
    if (byIds) {
        // The leads named, in id order: as many lookups as names, whatever the table's size.
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        const int limit = call.limit();
        const int offset = call.offset();
        int matched = 0;
        for (const qint64 id : std::as_const(ids)) {
            const SimRecord* record = leads.find(id);
            if (!record || matched++ < offset)
                continue;
            if (items.size() >= limit)
                break;
            items.append(render(leads, *record));
        }
    } else {
        bool more = false;
        // The column looked up once: the filter runs for every lead when the pages are indexed.
        const int active = leads.column(QStringLiteral("active"));
        items = EntityMethods::page(
            call, leads,
            [active](const SimTable& table, const SimRecord& record) { return isActiveAt(table, record, active); },
            render, &more);
    }
    call.succeedWithList(call.spec.resultKey, items);
}

void getLeadsDateRange(SimCall& call)
{
    const SimTable& leads = call.company.table(kLead);
    QStringList fields;
    if (!call.requestedFields(leads, &fields))
        return;
    // Leads never updated after creation are in the "update" set too; inactive leads are not
    // (since 2017).
    const SimCall::DateRange range = call.dateRange();
    const int active = leads.column(QStringLiteral("active"));
    EntityMethods::listPage(
        call, leads,
        [&](const SimTable& table, const SimRecord& record) {
            return range.contains(record) && isActiveAt(table, record, active);
        },
        [&](const SimTable& table, const SimRecord& record) { return call.renderRecord(table, record, fields); });
}

void createLeads(SimCall& call)
{
    SimTable& leads = call.company.table(kLead);
    SimCall::Batch batch(call, call.batchKey());
    const QJsonArray objects = call.objects();
    for (const QJsonValue& element : objects) {
        const QJsonObject object = element.toObject();
        QJsonValue data;
        int code = call.validateObject(kLead, object, SimCall::WriteMode::Create, &data);
        if (!code)
            code = checkLeadStatus(object, &data);
        if (!code)
            code = EntityMethods::checkReferences(call, kLead, object, &data);
        const QString key = SimStore::emailKey(textOf(object.value(kEmail)));
        if (!code && call.company.leadByEmail.contains(key)) {
            // Same address in another case is the same lead.
            code = 301;
            data = QJsonArray();
        }
        if (code) {
            batch.failed(code, data);
            continue;
        }
        SimRecord& record = EntityMethods::insertNew(call, leads);
        leads.setValue(record, QStringLiteral("leadStatus"), QStringLiteral("unqualified"));
        leads.setValue(record, QStringLiteral("active"), QStringLiteral("1"));
        leads.setValue(record, QStringLiteral("isUnsubscribed"), QStringLiteral("0"));
        leads.setValue(record, QStringLiteral("leadScore"), QStringLiteral("0"));
        leads.setValue(record, QStringLiteral("leadScoreWeighted"), QStringLiteral("0"));
        call.applyObject(leads, record, object);
        call.company.leadByEmail.insert(key, record.id);
        batch.created(record.id);
    }
    batch.finish();
}

// updateLeads (v2 = false) keeps the API's silent successes; updateLeadsV2 answers 404 instead.
void updateLeads(SimCall& call, bool v2)
{
    SimTable& leads = call.company.table(kLead);
    SimCall::Batch batch(call, call.batchKey());
    const QJsonArray objects = call.objects();
    for (int index = 0; index < objects.size(); ++index) {
        QJsonObject object = objects.at(index).toObject();
        QJsonValue data;
        int code = call.validateObject(kLead, object, SimCall::WriteMode::Update, &data);
        if (!code)
            code = checkLeadStatus(object, &data);
        if (code) {
            batch.failed(code, data);
            continue;
        }
        // Which lead: by id, else by e-mail address.
        SimRecord* record = nullptr;
        QString silentReason;
        const QJsonValue idValue = object.value(QStringLiteral("id"));
        if (!idValue.isUndefined() && !idValue.isNull()) {
            const std::optional<qint64> id = SimCall::toInteger(idValue);
            if (!id) {
                batch.failed(205, detail(QStringLiteral("id"), QStringLiteral("expected a value of type integer")));
                continue;
            }
            record = leads.find(*id);
            if (!record)
                silentReason = QStringLiteral("no lead with id %1").arg(*id);
        } else if (object.contains(kEmail) && !object.value(kEmail).isNull()) {
            const auto it = call.company.leadByEmail.constFind(SimStore::emailKey(textOf(object.value(kEmail))));
            if (it != call.company.leadByEmail.constEnd()) {
                record = leads.find(*it);
                object.remove(kEmail); // the address selected the lead; it is not a change
            } else {
                silentReason = QStringLiteral("no id and no lead with that address");
            }
        } else {
            silentReason = QStringLiteral("neither id nor emailAddress given");
        }
        if (!record) {
            if (v2) {
                batch.failed(404);
            } else {
                batch.succeeded();
                call.notes << QStringLiteral("updates[%1]: silent success, nothing updated (%2); updateLeadsV2 "
                                             "reports 404 here")
                                  .arg(index)
                                  .arg(silentReason);
            }
            continue;
        }
        code = EntityMethods::checkReferences(call, kLead, object, &data);
        if (code) {
            batch.failed(code, data);
            continue;
        }
        // contactWithOpp -> contact: reported as a success, the status stays (v1 observation).
        const bool statusKept =
            leads.value(*record, QStringLiteral("leadStatus")) == QStringLiteral("contactWithOpp") &&
            object.value(QStringLiteral("leadStatus")).toString() == QLatin1String("contact");
        if (statusKept) {
            object.remove(QStringLiteral("leadStatus"));
            call.notes << QStringLiteral("updates[%1]: silent success for leadStatus, it stays contactWithOpp (the API "
                                         "does not set a lead with an opportunity back to contact)")
                              .arg(index);
        }
        // A new address already used by another lead: the API reports success and changes only
        // updateTimestamp.
        if (object.contains(kEmail) && !object.value(kEmail).isNull()) {
            const QString newKey = SimStore::emailKey(textOf(object.value(kEmail)));
            const auto owner = call.company.leadByEmail.constFind(newKey);
            if (owner != call.company.leadByEmail.constEnd() && *owner != record->id) {
                record->updateMs = call.nowMs;
                record->invalidate();
                batch.succeeded();
                call.notes << QStringLiteral("updates[%1]: silent success, only updateTimestamp changed (the address "
                                             "belongs to lead %2)")
                                  .arg(index)
                                  .arg(*owner);
                continue;
            }
        }
        const SimValue oldEmail = leads.value(*record, kEmail);
        if (!call.applyObject(leads, *record, object)) {
            if (statusKept)
                batch.succeeded();
            else
                batch.failed(302); // nothing changed
            continue;
        }
        const SimValue newEmail = leads.value(*record, kEmail);
        if (oldEmail != newEmail) {
            if (oldEmail)
                call.company.leadByEmail.remove(SimStore::emailKey(*oldEmail));
            if (newEmail)
                call.company.leadByEmail.insert(SimStore::emailKey(*newEmail), record->id);
        }
        record->updateMs = call.nowMs;
        record->invalidate();
        batch.succeeded();
    }
    batch.finish();
}

void deleteLeads(SimCall& call)
{
    // Remember the addresses so the e-mail index follows the deletions.
    SimTable& leads = call.company.table(kLead);
    QHash<qint64, QString> emails;
    const QJsonArray objects = call.objects();
    for (const QJsonValue& element : objects) {
        if (const auto id = SimCall::toInteger(element.toObject().value(QStringLiteral("id")))) {
            if (const SimRecord* record = leads.find(*id)) {
                const SimValue email = leads.value(*record, kEmail);
                if (email)
                    emails.insert(*id, *email);
            }
        }
    }
    EntityMethods::deleteMany(call, kLead);
    for (auto it = emails.constBegin(); it != emails.constEnd(); ++it) {
        if (!leads.find(it.key()))
            call.company.leadByEmail.remove(SimStore::emailKey(it.value()));
    }
}

void subscribeToLeadUpdates(SimCall& call)
{
    const QUrl url(call.param(QStringLiteral("url")).toString(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        call.fail(217, detail(QStringLiteral("url"), QStringLiteral("expected an absolute http(s) URL")));
        return;
    }
    call.company.leadUpdatesUrl = url.toString();
    call.notes << QStringLiteral("the simulator records the URL but never posts to it");
    call.succeed(QByteArrayLiteral("{\"") + call.spec.resultKey.toUtf8() + QByteArrayLiteral("\":true}"));
}

void getLeadTimeline(SimCall& call)
{
    // The timeline is the leads' events, newest last; filters: leadID (or id, the lead's).
    const QJsonObject where = call.where();
    QJsonObject filter;
    for (auto it = where.constBegin(); it != where.constEnd(); ++it) {
        if (it.key() == QLatin1String("leadID") || it.key() == QLatin1String("id")) {
            filter.insert(QStringLiteral("leadID"), it.value());
        } else {
            QJsonObject data = detail(QStringLiteral("where.") + it.key(), QStringLiteral("unknown filter"));
            data.insert(QStringLiteral("filters"), QJsonArray{QStringLiteral("leadID")});
            call.fail(205, data);
            return;
        }
    }
    const QStringList fields = {QStringLiteral("id"),        QStringLiteral("leadID"),
                                QStringLiteral("eventName"), QStringLiteral("whatType"),
                                QStringLiteral("whatID"),    QStringLiteral("createTimestamp")};
    EntityMethods::listPage(
        call, call.company.table(QStringLiteral("event")),
        [&](const SimTable& table, const SimRecord& record) {
            return EntityMethods::matchesWhere(table, record, filter);
        },
        [&](const SimTable& table, const SimRecord& record) { return call.renderRecord(table, record, fields); });
}
} // namespace

void LeadMethods::registerInto(SimMethods& methods)
{
    methods.add(QStringLiteral("getLead"), getLead);
    methods.add(QStringLiteral("getLeads"), getLeads);
    methods.add(QStringLiteral("getLeadsDateRange"), getLeadsDateRange);
    methods.add(QStringLiteral("createLeads"), createLeads);
    methods.add(QStringLiteral("updateLeads"), [](SimCall& call) { updateLeads(call, false); });
    methods.add(QStringLiteral("updateLeadsV2"), [](SimCall& call) { updateLeads(call, true); });
    methods.add(QStringLiteral("deleteLeads"), deleteLeads);
    methods.add(QStringLiteral("subscribeToLeadUpdates"), subscribeToLeadUpdates);
    methods.add(QStringLiteral("getLeadTimeline"), getLeadTimeline);
}
