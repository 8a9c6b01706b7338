#include "AgencyMethods.h"

#include "JsonWriter.h"
#include "SimCall.h"
#include "SimMethods.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

namespace {
QJsonObject detail(const QString& field, const QString& reason)
{
    QJsonObject data;
    data.insert(QStringLiteral("field"), field);
    data.insert(QStringLiteral("reason"), reason);
    return data;
}

bool manages(const SimCompany& manager, const SimCompany& company)
{
    return !manager.accountId.isEmpty() && company.managedBy == manager.accountId;
}

bool isManager(const SimCompany& company)
{
    return company.kind == SimCompanyKind::Agency || company.kind == SimCompanyKind::Reseller;
}

// ISO 3166-1 alpha-2: two upper-case letters naming a territory (not a grouping such as EU).
bool isCountryCode(const QString& code)
{
    static const QRegularExpression twoLetters(QStringLiteral("^[A-Z]{2}$"));
    if (!twoLetters.match(code).hasMatch())
        return false;
    static const QStringList groupings = {QStringLiteral("EU"), QStringLiteral("EZ"), QStringLiteral("UN"),
                                          QStringLiteral("QO")};
    return !groupings.contains(code) && QLocale::codeToTerritory(code) != QLocale::AnyTerritory;
}

bool isEmailAddress(const QString& text)
{
    static const QRegularExpression email(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    return email.match(text).hasMatch();
}

QString textParam(const SimCall& call, const QString& name)
{
    return SimCall::storedValue(call.param(name)).value_or(QString()).trimmed();
}

QByteArray renderCompany(const SimCall& call, const SimCompany& company)
{
    JsonWriter w;
    w.beginObject();
    w.key(QLatin1String("id"));
    w.value(QString::number(company.companyId));
    w.key(QLatin1String("companyName"));
    w.value(company.name);
    w.key(QLatin1String("country"));
    w.value(company.country);
    w.key(QLatin1String("city"));
    w.value(company.city);
    w.key(QLatin1String("salesPhone"));
    w.value(company.salesPhone);
    w.key(QLatin1String("locale"));
    w.value(company.locale);
    w.key(QLatin1String("defaultCurrency"));
    w.value(company.defaultCurrency);
    w.key(QLatin1String("emailLimit"));
    w.value(QString::number(company.emailLimit));
    w.key(QLatin1String("isSendingEnabled"));
    w.value(company.sendingEnabled ? QStringLiteral("1") : QStringLiteral("0"));
    w.key(QLatin1String("createTimestamp"));
    w.value(call.formatTimestamp(company.createMs));
    w.endObject();
    return w.take();
}

void getClients(SimCall& call)
{
    QList<QByteArray> items;
    for (const auto& company : call.store.companies()) {
        if (manages(call.company, *company))
            items.append(renderCompany(call, *company));
    }
    call.succeedWithList(call.spec.resultKey, items);
}

// The company profile fields createClient and updateClient share: 215 country, 217 hours.
bool applyProfile(SimCall& call, SimCompany& company)
{
    if (call.hasParam(QStringLiteral("country"))) {
        const QString country = textParam(call, QStringLiteral("country"));
        if (!isCountryCode(country)) {
            call.fail(215, detail(QStringLiteral("country"),
                                  QStringLiteral("expected an ISO 3166-1 alpha-2 code such as US, GB or IT")));
            return false;
        }
        company.country = country;
    }
    const std::optional<qint64> start = SimCall::toInteger(call.param(QStringLiteral("salesStartHour")));
    const std::optional<qint64> end = SimCall::toInteger(call.param(QStringLiteral("salesEndHour")));
    for (const auto& hour : {start, end}) {
        if (hour && (*hour < 0 || *hour > 24)) {
            call.fail(217, detail(QStringLiteral("salesStartHour"), QStringLiteral("hours are 0-24")));
            return false;
        }
    }
    if (start && end && *start >= *end) {
        call.fail(217,
                  detail(QStringLiteral("salesEndHour"), QStringLiteral("the sales day must end after it starts")));
        return false;
    }
    if (call.hasParam(QStringLiteral("companyName")))
        company.name = textParam(call, QStringLiteral("companyName"));
    if (call.hasParam(QStringLiteral("salesPhone")))
        company.salesPhone = textParam(call, QStringLiteral("salesPhone"));
    if (call.hasParam(QStringLiteral("city")))
        company.city = textParam(call, QStringLiteral("city"));
    if (call.hasParam(QStringLiteral("locale")))
        company.locale = textParam(call, QStringLiteral("locale"));
    if (call.hasParam(QStringLiteral("defaultCurrency")))
        company.defaultCurrency = textParam(call, QStringLiteral("defaultCurrency"));
    return true;
}

void createClient(SimCall& call)
{
    if (!isManager(call.company)) {
        call.fail(305);
        return;
    }
    auto client = std::make_unique<SimCompany>();
    client->companyId = call.store.nextCompanyId();
    client->kind = SimCompanyKind::Managed;
    client->managedBy = call.company.accountId;
    client->timeZone = call.company.timeZone;
    client->createMs = call.nowMs;
    client->emailLimit = 10000;
    if (!applyProfile(call, *client))
        return;
    // Giving any user field creates a user: all three are then needed (223).
    const QStringList userFields = {QStringLiteral("userEmail"), QStringLiteral("userPassword"),
                                    QStringLiteral("userDisplayName")};
    QStringList given;
    QStringList missing;
    for (const QString& field : userFields)
        (textParam(call, field).isEmpty() ? missing : given) << field;
    if (!given.isEmpty() && !missing.isEmpty()) {
        QJsonObject data;
        data.insert(QStringLiteral("missing"), QJsonArray::fromStringList(missing));
        call.fail(223, data);
        return;
    }
    if (!given.isEmpty()) {
        const QString login = textParam(call, QStringLiteral("userEmail"));
        if (!isEmailAddress(login)) {
            call.fail(218,
                      detail(QStringLiteral("userEmail"), QStringLiteral("the username must be an e-mail address")));
            return;
        }
        if (call.store.userLoginExists(login)) {
            call.fail(221);
            return;
        }
        // The new client's first user: it makes the login taken for later calls (221).
        client->timeZone = call.company.timeZone;
        SimTable& users = client->table(QStringLiteral("user"));
        users.addColumn(QStringLiteral("id"));
        users.addColumn(QStringLiteral("emailAddress"));
        users.addColumn(QStringLiteral("displayName"));
        SimRecord user;
        user.id = call.store.nextId(QStringLiteral("user"));
        user.createMs = call.nowMs;
        user.updateMs = call.nowMs;
        SimRecord& stored = users.insert(std::move(user));
        users.setValue(stored, QStringLiteral("emailAddress"), login);
        users.setValue(stored, QStringLiteral("displayName"), textParam(call, QStringLiteral("userDisplayName")));
    }
    const qint64 id = client->companyId;
    call.store.addCompany(std::move(client));
    SimCall::Batch batch(call, call.batchKey());
    batch.created(id);
    batch.finish();
}

// The managed company named by a clientID param, or nullptr after fail(216).
SimCompany* managedClient(SimCall& call)
{
    const std::optional<qint64> id = SimCall::toInteger(call.param(QStringLiteral("clientID")));
    SimCompany* client = id ? call.store.companyById(*id) : nullptr;
    if (!client || !manages(call.company, *client)) {
        call.fail(216, detail(QStringLiteral("clientID"), QStringLiteral("not a company you manage (see getClients)")));
        return nullptr;
    }
    return client;
}

void updateAccountSendLimit(SimCall& call)
{
    SimCompany* client = managedClient(call);
    if (!client)
        return;
    client->emailLimit = int(std::clamp<qint64>(
        SimCall::toInteger(call.param(QStringLiteral("emailLimit"))).value_or(0), 0, std::numeric_limits<int>::max()));
    SimCall::Batch batch(call, call.batchKey());
    batch.succeeded();
    batch.finish();
}

void updateClient(SimCall& call)
{
    // Known by name only: the simulator checks what createClient would.
    if (!call.param(QStringLiteral("clientID")).isUndefined() &&
        (call.param(QStringLiteral("clientID")).isArray() || call.param(QStringLiteral("clientID")).isObject())) {
        call.fail(210, detail(QStringLiteral("clientID"), QStringLiteral("a single value is expected")));
        return;
    }
    if (!call.hasParam(QStringLiteral("clientID"))) {
        QJsonObject data;
        data.insert(QStringLiteral("missing"), QJsonArray{QStringLiteral("clientID")});
        call.fail(206, data);
        return;
    }
    SimCompany* client = managedClient(call);
    if (!client)
        return;
    SimCompany copy = *client;
    if (!applyProfile(call, copy))
        return;
    *client = copy;
    SimCall::Batch batch(call, call.batchKey());
    batch.succeeded();
    batch.finish();
}

void setSending(SimCall& call, bool enabled)
{
    if (!isManager(call.company)) {
        call.fail(305);
        return;
    }
    const QJsonValue value = call.param(QStringLiteral("accountIDs"));
    QJsonArray ids;
    if (value.isArray())
        ids = value.toArray();
    else if (!value.isUndefined() && !value.isNull() && !value.isObject())
        ids.append(value); // a single id
    if (ids.isEmpty()) {
        call.fail(304, detail(QStringLiteral("accountIDs"), QStringLiteral("list the sub-account ids (getClients)")));
        return;
    }
    QList<SimCompany*> targets;
    for (const QJsonValue& v : ids) {
        const std::optional<qint64> id = SimCall::toInteger(v);
        SimCompany* company = id ? call.store.companyById(*id) : nullptr;
        if (!company) {
            call.fail(307, detail(QStringLiteral("accountIDs"), SimCall::storedValue(v).value_or(QString())));
            return;
        }
        if (!manages(call.company, *company)) {
            call.fail(306, detail(QStringLiteral("accountIDs"), QString::number(company->companyId)));
            return;
        }
        targets.append(company);
    }
    SimCall::Batch batch(call, call.batchKey());
    for (SimCompany* company : targets) {
        company->sendingEnabled = enabled;
        batch.created(company->companyId);
    }
    batch.finish();
}
} // namespace

void AgencyMethods::registerInto(SimMethods& methods)
{
    methods.add(QStringLiteral("getClients"), getClients);
    methods.add(QStringLiteral("createClient"), createClient);
    methods.add(QStringLiteral("updateAccountSendLimit"), updateAccountSendLimit);
    methods.add(QStringLiteral("updateClient"), updateClient);
    methods.add(QStringLiteral("enableAccountSending"), [](SimCall& call) { setSending(call, true); });
    methods.add(QStringLiteral("disableAccountSending"), [](SimCall& call) { setSending(call, false); });
}
