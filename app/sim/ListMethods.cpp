#include "ListMethods.h"

#include "EntityMethods.h"
#include "JsonWriter.h"
#include "SimCall.h"
#include "SimMethods.h"

#include <QJsonArray>

namespace {
const QString kList = QStringLiteral("list");
const QString kMember = QStringLiteral("listMember");
const QString kLead = QStringLiteral("lead");

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

// The membership of a lead in a list, removed or not.
SimRecord* findMembership(SimTable& members, qint64 listId, qint64 leadId)
{
    const int listColumn = members.column(QStringLiteral("listID"));
    const int leadColumn = members.column(QStringLiteral("leadID"));
    const QString list = QString::number(listId);
    const QString lead = QString::number(leadId);
    for (const auto& [id, record] : members.rows()) {
        if (members.value(record, listColumn) == list && members.value(record, leadColumn) == lead)
            return members.find(id);
    }
    return nullptr;
}

// One add: 0 on success (*memberId set), else the code; 213/214 are API-level for the single
// methods and object-level inside a batch.
int addMember(SimCall& call, const QJsonValue& listValue, std::optional<qint64> leadId, qint64* memberId,
              QJsonValue* data)
{
    const std::optional<qint64> listId = SimCall::toInteger(listValue);
    SimTable& lists = call.company.table(kList);
    if (!listId || !lists.find(*listId)) {
        *data = detail(QStringLiteral("listID"), QStringLiteral("no list with this id"));
        return listId && call.store.otherOwner(kList, *listId, &call.company) ? 212 : 303;
    }
    if (!leadId || !call.company.table(kLead).find(*leadId)) {
        *data = QJsonObject();
        return 214;
    }
    SimTable& members = call.company.table(kMember);
    if (SimRecord* existing = findMembership(members, *listId, *leadId)) {
        if (text(members, *existing, QStringLiteral("isRemoved")) != QLatin1String("1")) {
            *data = QJsonObject();
            return 213;
        }
        // A removed member added again is a member again.
        members.setValue(*existing, QStringLiteral("isRemoved"), QStringLiteral("0"));
        members.setValue(*existing, QStringLiteral("removedFlag"), QString());
        existing->updateMs = call.nowMs;
        *memberId = existing->id;
        return 0;
    }
    SimRecord& record = EntityMethods::insertNew(call, members);
    members.setValue(record, QStringLiteral("listID"), QString::number(*listId));
    members.setValue(record, QStringLiteral("leadID"), QString::number(*leadId));
    members.setValue(record, QStringLiteral("isRemoved"), QStringLiteral("0"));
    *memberId = record.id;
    return 0;
}

std::optional<qint64> leadByEmail(const SimCall& call, const QJsonValue& email)
{
    const auto it =
        call.company.leadByEmail.constFind(SimStore::emailKey(SimCall::storedValue(email).value_or(QString())));
    if (it == call.company.leadByEmail.constEnd())
        return std::nullopt;
    return *it;
}

void addSingle(SimCall& call, bool byEmail)
{
    const QJsonValue listId = call.param(QStringLiteral("listID"));
    const std::optional<qint64> leadId = byEmail ? leadByEmail(call, call.param(QStringLiteral("emailAddress")))
                                                 : SimCall::toInteger(call.param(QStringLiteral("memberID")));
    qint64 memberId = 0;
    QJsonValue data;
    const int code = addMember(call, listId, leadId, &memberId, &data);
    // "Already a member" and "no such lead" are API-level errors here (LV saw 213 that way),
    // although the success answer is shaped like a batch: result.creates[0].
    if (code == 213 || code == 214) {
        call.fail(code, data);
        return;
    }
    SimCall::Batch batch(call, call.batchKey());
    if (code)
        batch.failed(code, data);
    else
        batch.created(memberId);
    batch.finish();
}

void addMany(SimCall& call, bool byEmail)
{
    SimCall::Batch batch(call, call.batchKey());
    const QJsonArray objects = call.objects();
    const QString leadKey = byEmail ? QStringLiteral("emailAddress") : QStringLiteral("memberID");
    for (const QJsonValue& element : objects) {
        const QJsonObject object = element.toObject();
        QJsonValue data;
        int code = 0;
        for (auto it = object.constBegin(); it != object.constEnd() && !code; ++it) {
            if (it.key() != QLatin1String("listID") && it.key() != leadKey) {
                code = 205;
                data = detail(it.key(), QStringLiteral("only listID and %1 accepted here").arg(leadKey));
            }
        }
        for (const QString& key : {QStringLiteral("listID"), leadKey}) {
            if (!code && (!object.contains(key) || object.value(key).isNull())) {
                code = 205;
                data = detail(key, QStringLiteral("required field missing"));
            }
        }
        qint64 memberId = 0;
        if (!code) {
            const std::optional<qint64> leadId =
                byEmail ? leadByEmail(call, object.value(leadKey)) : SimCall::toInteger(object.value(leadKey));
            code = addMember(call, object.value(QStringLiteral("listID")), leadId, &memberId, &data);
        }
        if (code)
            batch.failed(code, data.isObject() && data.toObject().isEmpty() ? QJsonValue(QJsonArray()) : data);
        else
            batch.created(memberId);
    }
    batch.finish();
}

void removeMember(SimCall& call)
{
    const std::optional<qint64> listId = SimCall::toInteger(call.param(QStringLiteral("listID")));
    const std::optional<qint64> leadId = SimCall::toInteger(call.param(QStringLiteral("contactID")));
    SimTable& members = call.company.table(kMember);
    SimCall::Batch batch(call, call.batchKey());
    if (listId && !call.company.table(kList).find(*listId) && call.store.otherOwner(kList, *listId, &call.company)) {
        batch.failed(212);
        batch.finish();
        return;
    }
    SimRecord* record = listId && leadId ? findMembership(members, *listId, *leadId) : nullptr;
    if (!record || text(members, *record, QStringLiteral("isRemoved")) == QLatin1String("1")) {
        batch.failed(302); // not a member: no row changed
    } else {
        members.setValue(*record, QStringLiteral("isRemoved"), QStringLiteral("1"));
        members.setValue(*record, QStringLiteral("removedFlag"), QStringLiteral("removed"));
        record->updateMs = call.nowMs;
        batch.succeeded();
    }
    batch.finish();
}

// Counts per list: (members, removed).
QHash<QString, QPair<int, int>> memberCounts(const SimCompany& company)
{
    QHash<QString, QPair<int, int>> counts;
    const SimTable* members = company.findTable(kMember);
    if (!members)
        return counts;
    const int listColumn = members->column(QStringLiteral("listID"));
    const int removedColumn = members->column(QStringLiteral("isRemoved"));
    for (const auto& [id, record] : members->rows()) {
        const QString list = members->value(record, listColumn).value_or(QString());
        if (members->value(record, removedColumn) == QStringLiteral("1"))
            ++counts[list].second;
        else
            ++counts[list].first;
    }
    return counts;
}

void getActiveLists(SimCall& call)
{
    const QHash<QString, QPair<int, int>> counts = memberCounts(call.company);
    const QJsonObject where = call.where();
    EntityMethods::listPage(
        call, call.company.table(kList),
        [&](const SimTable& table, const SimRecord& record) {
            return EntityMethods::matchesWhere(table, record, where);
        },
        [&](const SimTable& table, const SimRecord& record) {
            const auto count = counts.value(QString::number(record.id));
            JsonWriter w;
            w.beginObject();
            for (const QString& column : table.columns()) {
                w.key(column);
                if (column == QLatin1String("id"))
                    w.value(QString::number(record.id));
                else if (column == QLatin1String("memberCount"))
                    w.value(QString::number(count.first));
                else if (column == QLatin1String("removedCount"))
                    w.value(QString::number(count.second));
                else if (column == QLatin1String("createTimestamp"))
                    w.value(call.formatTimestamp(record.createMs));
                else if (const SimValue value = table.value(record, column))
                    w.value(*value);
                else
                    w.null();
            }
            w.endObject();
            return w.take();
        });
}

// getListMembers (removed = false) and getRemovedListMembers (removed = true, by flag).
void listMembers(SimCall& call, bool removed)
{
    const QJsonObject where = call.where();
    const QString listId = SimCall::storedValue(where.value(QStringLiteral("id"))).value_or(QString());
    QString flag = QStringLiteral("removed");
    if (removed && where.contains(QStringLiteral("flag")) && !where.value(QStringLiteral("flag")).isNull())
        flag = SimCall::storedValue(where.value(QStringLiteral("flag"))).value_or(QString());
    const SimTable& leads = call.company.table(kLead);
    // An unknown list id or flag gives an empty list, not an error.
    EntityMethods::listPage(
        call, call.company.table(kMember),
        [&](const SimTable& table, const SimRecord& record) {
            if (text(table, record, QStringLiteral("listID")) != listId)
                return false;
            const bool isRemoved = text(table, record, QStringLiteral("isRemoved")) == QLatin1String("1");
            if (!removed)
                return !isRemoved;
            return isRemoved && text(table, record, QStringLiteral("removedFlag")) == flag;
        },
        [&](const SimTable& table, const SimRecord& record) {
            const QString leadId = text(table, record, QStringLiteral("leadID"));
            const SimRecord* lead = leads.find(leadId.toLongLong());
            auto leadField = [&](const QString& name) {
                return lead ? leads.value(*lead, name).value_or(QString()) : QString();
            };
            JsonWriter w;
            w.beginObject();
            w.key(QLatin1String("id"));
            w.value(QString::number(record.id));
            w.key(QLatin1String("listID"));
            w.value(listId);
            w.key(QLatin1String("leadID"));
            w.value(leadId);
            // getRemovedListMembers spells these in lower case.
            w.key(removed ? QLatin1String("firstname") : QLatin1String("firstName"));
            w.value(leadField(QStringLiteral("firstName")));
            w.key(removed ? QLatin1String("lastname") : QLatin1String("lastName"));
            w.value(leadField(QStringLiteral("lastName")));
            w.key(removed ? QLatin1String("emailaddress") : QLatin1String("emailAddress"));
            w.value(leadField(QStringLiteral("emailAddress")));
            w.key(QLatin1String("companyName"));
            w.value(leadField(QStringLiteral("companyName")));
            w.endObject();
            return w.take();
        });
}

void memberships(SimCall& call, std::optional<qint64> leadId, const QString& defaultKey)
{
    const QString lead = leadId ? QString::number(*leadId) : QStringLiteral("-");
    EntityMethods::listPage(
        call, call.company.table(kMember),
        [&](const SimTable& table, const SimRecord& record) {
            return text(table, record, QStringLiteral("leadID")) == lead;
        },
        [&](const SimTable& table, const SimRecord& record) {
            JsonWriter w;
            w.beginObject();
            w.key(QLatin1String("id"));
            w.value(QString::number(record.id));
            w.key(QLatin1String("listID"));
            w.value(text(table, record, QStringLiteral("listID")));
            w.key(QLatin1String("memberID"));
            w.value(lead);
            w.key(QLatin1String("isRemoved"));
            w.value(text(table, record, QStringLiteral("isRemoved")));
            w.endObject();
            return w.take();
        },
        call.spec.resultKey.isEmpty() ? defaultKey : call.spec.resultKey);
}

void createList(SimCall& call)
{
    SimTable& lists = call.company.table(kList);
    const QString name = SimCall::storedValue(call.param(QStringLiteral("name"))).value_or(QString()).trimmed();
    SimCall::Batch batch(call, call.batchKey());
    bool duplicate = false;
    for (const auto& [id, record] : lists.rows()) {
        if (text(lists, record, QStringLiteral("name")).compare(name, Qt::CaseInsensitive) == 0)
            duplicate = true;
    }
    if (name.isEmpty()) {
        batch.failed(205, detail(QStringLiteral("name"), QStringLiteral("a list needs a name")));
    } else if (duplicate) {
        batch.failed(301);
    } else {
        SimRecord& record = EntityMethods::insertNew(call, lists);
        lists.setValue(record, QStringLiteral("name"), name);
        lists.setValue(record, QStringLiteral("description"),
                       SimCall::storedValue(call.param(QStringLiteral("description"))));
        batch.created(record.id);
    }
    batch.finish();
}
} // namespace

void ListMethods::registerInto(SimMethods& methods)
{
    methods.add(QStringLiteral("getActiveLists"), getActiveLists);
    methods.add(QStringLiteral("getListMembers"), [](SimCall& call) { listMembers(call, false); });
    methods.add(QStringLiteral("getRemovedListMembers"), [](SimCall& call) { listMembers(call, true); });
    methods.add(QStringLiteral("addListMember"), [](SimCall& call) { addSingle(call, false); });
    methods.add(QStringLiteral("addListMemberEmailAddress"), [](SimCall& call) { addSingle(call, true); });
    methods.add(QStringLiteral("addListMembers"), [](SimCall& call) { addMany(call, false); });
    methods.add(QStringLiteral("addListMembersEmailAddress"), [](SimCall& call) { addMany(call, true); });
    methods.add(QStringLiteral("removeListMember"), removeMember);
    methods.add(QStringLiteral("getContactListMemberships"), [](SimCall& call) {
        memberships(call, SimCall::toInteger(call.where().value(QStringLiteral("contactID"))),
                    QStringLiteral("listMember"));
    });
    methods.add(QStringLiteral("getListMemberships"), [](SimCall& call) {
        // The result key is not documented; the simulator uses getContactListMemberships' one.
        memberships(call, leadByEmail(call, call.param(QStringLiteral("emailAddress"))), QStringLiteral("listMember"));
    });
    methods.add(QStringLiteral("createList"), createList);
    methods.add(QStringLiteral("deleteList"), [](SimCall& call) { EntityMethods::deleteMany(call, kList); });
}
