#include "DemoDataGenerator.h"

#include "DemoDataTables.h"
#include "MethodCatalog.h"
#include "SimStore.h"

#include <QDate>
#include <QDateTime>

#include <algorithm>
#include <iterator>

using namespace DemoDataTables;

namespace {
constexpr qint64 kDay = 24LL * 3600 * 1000;
// Demo records were "created" between these instants (fixed: data must not depend on today).
const qint64 kEpochStart = QDateTime(QDate(2023, 1, 2), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch();
const qint64 kEpochEnd = QDateTime(QDate(2024, 5, 31), QTime(18, 0), Qt::UTC).toMSecsSinceEpoch();

QString str(const char* text)
{
    return QString::fromUtf8(text);
}

QString num(qint64 n)
{
    return QString::number(n);
}

QString flag(bool b)
{
    return b ? QStringLiteral("1") : QStringLiteral("0");
}

// Lower-case ASCII for e-mail local parts: "Łukasz O'Brien" -> "lukasz.obrien".
QString asciiSlug(const QString& text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_D);
    QString out;
    for (QChar c : decomposed) {
        if (c == QChar(u'ł') || c == QChar(u'Ł'))
            out += QLatin1Char('l');
        else if (c == QChar(u'ø') || c == QChar(u'Ø'))
            out += QLatin1Char('o');
        else if (c == QChar(u'ı'))
            out += QLatin1Char('i');
        else if (c.isLetterOrNumber() && c.unicode() < 128)
            out += c.toLower();
    }
    return out;
}

QString dateString(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date().toString(QStringLiteral("yyyy-MM-dd"));
}

QString dateTimeString(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

// Sets a value when the table has that column (the catalogue decides which columns exist).
void put(SimTable& table, SimRecord& record, const QString& column, const SimValue& value)
{
    const int index = table.column(column);
    if (index >= 0)
        table.setValue(record, index, value);
}

QString tableString(const SimTable& table, qint64 id, int column)
{
    const SimRecord* record = table.find(id);
    if (!record || column < 0)
        return QString();
    const SimValue& value = table.value(*record, column);
    return value ? *value : QString();
}

// The data type getFields reports for a standard field of a catalogue type.
QString fieldDataType(const FieldSpec& spec)
{
    if (spec.name == QLatin1String("country"))
        return QStringLiteral("country");
    if (spec.name == QLatin1String("state"))
        return QStringLiteral("state");
    if (spec.name == QLatin1String("website"))
        return QStringLiteral("url");
    if (spec.name.contains(QLatin1String("Phone")) || spec.name == QLatin1String("phone") ||
        spec.name == QLatin1String("faxNumber") || spec.name == QLatin1String("fax"))
        return QStringLiteral("phone");
    if (spec.type == QLatin1String("text"))
        return QStringLiteral("textarea");
    if (spec.type == QLatin1String("picklist"))
        return QStringLiteral("picklist");
    if (spec.type == QLatin1String("boolean"))
        return QStringLiteral("bit");
    if (spec.type == QLatin1String("datetime"))
        return QStringLiteral("datetime");
    if (spec.type == QLatin1String("date"))
        return QStringLiteral("date");
    if (spec.type == QLatin1String("integer") || spec.type == QLatin1String("number"))
        return QStringLiteral("int");
    return QStringLiteral("string");
}
} // namespace

DemoDataGenerator::DemoDataGenerator(SimStore& store, quint32 seed)
    : m_store(store)
    , m_state(0x9E3779B97F4A7C15ULL ^ (quint64(seed) * 0xBF58476D1CE4E5B9ULL))
{}

quint64 DemoDataGenerator::next()
{
    // splitmix64: tiny, fast, and the same on every platform (std:: distributions are not).
    quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

qint64 DemoDataGenerator::instant(qint64 fromMs, qint64 toMs)
{
    if (toMs <= fromMs)
        return fromMs;
    // Whole seconds: the API's timestamps have no fractions.
    return fromMs + qint64(next() % quint64((toMs - fromMs) / 1000)) * 1000;
}

QStringList DemoDataGenerator::extraColumns(const QString& type)
{
    if (type == QLatin1String("emailJob"))
        return {QStringLiteral("id"),     QStringLiteral("emailID"),
                QStringLiteral("listID"), QStringLiteral("sendTimestamp"),
                QStringLiteral("status"), QStringLiteral("createTimestamp")};
    if (type == QLatin1String("unsubscribeCategory"))
        return {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("description")};
    if (type == QLatin1String("listTag"))
        return {QStringLiteral("id"), QStringLiteral("label"), QStringLiteral("objectType")};
    if (type == QLatin1String("task"))
        return {QStringLiteral("id"),
                QStringLiteral("whoID"),
                QStringLiteral("whatID"),
                QStringLiteral("ownerID"),
                QStringLiteral("subject"),
                QStringLiteral("description"),
                QStringLiteral("dueDate"),
                QStringLiteral("status"),
                QStringLiteral("priority"),
                QStringLiteral("createTimestamp"),
                QStringLiteral("updateTimestamp")};
    if (type == QLatin1String("listMember"))
        // Stored shape; getListMembers/getRemovedListMembers/getContactListMemberships render
        // their own item shapes from it.
        return {QStringLiteral("id"),
                QStringLiteral("listID"),
                QStringLiteral("leadID"),
                QStringLiteral("isRemoved"),
                QStringLiteral("removedFlag"),
                QStringLiteral("createTimestamp"),
                QStringLiteral("updateTimestamp")};
    return {};
}

void DemoDataGenerator::createTables(SimCompany& company)
{
    const MethodCatalog& catalog = MethodCatalog::builtin();
    const QStringList catalogTypes = {QStringLiteral("lead"),
                                      QStringLiteral("field"),
                                      QStringLiteral("list"),
                                      QStringLiteral("campaign"),
                                      QStringLiteral("account"),
                                      QStringLiteral("opportunity"),
                                      QStringLiteral("opportunityLead"),
                                      QStringLiteral("dealStage"),
                                      QStringLiteral("user"),
                                      QStringLiteral("event"),
                                      QStringLiteral("email"),
                                      QStringLiteral("call")};
    for (const QString& type : catalogTypes) {
        SimTable& table = company.table(type);
        const QList<FieldSpec> fields = catalog.objectFields(type);
        for (const FieldSpec& field : fields) {
            // Empty integer fields come back as "", standard string fields never set as null
            // (even those that may not be set to null).
            const bool emptyString = field.type == QLatin1String("integer");
            table.addColumn(field.name, emptyString ? SimValue(QString()) : SimValue());
        }
        const FieldSpec* created = catalog.objectField(type, QStringLiteral("createTimestamp"));
        const FieldSpec* updated = catalog.objectField(type, QStringLiteral("updateTimestamp"));
        table.setSystemTimestamps(created && created->readOnly, updated && updated->readOnly);
    }
    const QStringList extraTypes = {QStringLiteral("emailJob"), QStringLiteral("unsubscribeCategory"),
                                    QStringLiteral("listTag"), QStringLiteral("task"), QStringLiteral("listMember")};
    for (const QString& type : extraTypes) {
        SimTable& table = company.table(type);
        const QStringList columns = extraColumns(type);
        for (const QString& column : columns)
            table.addColumn(column, SimValue(QString()));
        table.setSystemTimestamps(columns.contains(QStringLiteral("createTimestamp")),
                                  columns.contains(QStringLiteral("updateTimestamp")));
    }
}

void DemoDataGenerator::generate()
{
    generateMainCompany();
    generateAgency();
    generateReseller();
}

void DemoDataGenerator::addFields(SimCompany& company, bool withDemoCustomFields)
{
    SimTable& fields = company.table(QStringLiteral("field"));
    const MethodCatalog& catalog = MethodCatalog::builtin();
    auto addField = [&](qint64 id, const QString& relationship, const QString& systemName, const QString& label,
                        const QString& dataType, bool custom, bool required, int length) {
        SimRecord record;
        record.id = id;
        record.createMs = kEpochStart;
        record.updateMs = kEpochStart;
        SimRecord& r = fields.insert(std::move(record));
        put(fields, r, QStringLiteral("relationship"), relationship);
        put(fields, r, QStringLiteral("systemName"), systemName);
        put(fields, r, QStringLiteral("label"), label);
        put(fields, r, QStringLiteral("source"), custom ? QStringLiteral("sharpspring") : QStringLiteral("system"));
        put(fields, r, QStringLiteral("dataType"), dataType);
        put(fields, r, QStringLiteral("dataLength"), num(length));
        put(fields, r, QStringLiteral("isRequired"), flag(required));
        put(fields, r, QStringLiteral("isCustom"), flag(custom));
        put(fields, r, QStringLiteral("isActive"), flag(true));
        put(fields, r, QStringLiteral("isAvailableInContactManager"), flag(true));
        put(fields, r, QStringLiteral("isEditableInContactManager"), flag(systemName != QLatin1String("id")));
        put(fields, r, QStringLiteral("isAvailableInForms"), flag(relationship == QLatin1String("lead")));
    };
    const QStringList relationships = {QStringLiteral("lead"), QStringLiteral("opportunity"),
                                       QStringLiteral("account")};
    for (const QString& relationship : relationships) {
        QStringList names;
        const QList<FieldSpec> specs = catalog.objectFields(relationship);
        for (const FieldSpec& spec : specs) {
            const int length = spec.maxLength > 0 ? spec.maxLength : (spec.type == QLatin1String("text") ? 65535 : 255);
            QString label = spec.name;
            label[0] = label[0].toUpper();
            const qint64 id = m_store.nextId(QStringLiteral("field")); // taken anyway: later ids stay put
            if (relationship == QLatin1String("lead") &&
                std::any_of(std::begin(kLeadColumnsNotFields), std::end(kLeadColumnsNotFields),
                            [&](const char* name) { return spec.name == QLatin1String(name); }))
                continue;
            addField(id, relationship, spec.name, label, fieldDataType(spec), false, spec.required, length);
        }
        if (relationship == QLatin1String("lead")) {
            for (const char* name : kLeadFieldsOnlyInGetFields) {
                QString label = str(name);
                label[0] = label[0].toUpper();
                addField(m_store.nextId(QStringLiteral("field")), relationship, str(name), label, QStringLiteral("int"),
                         false, false, 11);
            }
        }
    }
    if (!withDemoCustomFields)
        return;
    qint64 id = SimStore::kFavoriteColorFieldId;
    for (const CustomField& field : kCustomFields) {
        addField(id, str(field.relationship), str(field.systemName), str(field.label), str(field.dataType), true, false,
                 QByteArray(field.dataType) == "textarea" ? 65535 : 255);
        // Custom fields are columns of their object type; their default is "".
        company.table(str(field.relationship)).addColumn(str(field.systemName), SimValue(QString()));
        id += 1024;
    }
}

void DemoDataGenerator::addUsers(SimCompany& company, const QString& domain, int count, qint64 firstId, bool reseller)
{
    SimTable& users = company.table(QStringLiteral("user"));
    for (int i = 0; i < count; ++i) {
        const QString first = str(pick(kFirstNames));
        const QString last = str(pick(kLastNames));
        SimRecord record;
        record.id = firstId + 4096LL * i;
        record.createMs = kEpochStart - 90 * kDay + i * kDay;
        record.updateMs = record.createMs;
        SimRecord& r = users.insert(std::move(record));
        put(users, r, QStringLiteral("firstName"), first);
        put(users, r, QStringLiteral("lastName"), last);
        put(users, r, QStringLiteral("displayName"), first + QLatin1Char(' ') + last);
        QString email = asciiSlug(first) + QLatin1Char('.') + asciiSlug(last) + QLatin1Char('@') + domain;
        for (int n = 2; m_store.userLoginExists(email); ++n)
            email =
                asciiSlug(first) + QLatin1Char('.') + asciiSlug(last) + QString::number(n) + QLatin1Char('@') + domain;
        put(users, r, QStringLiteral("emailAddress"), email);
        put(users, r, QStringLiteral("isActive"), flag(i < count - 1 || count == 1));
        put(users, r, QStringLiteral("isReseller"), flag(reseller));
        put(users, r, QStringLiteral("userTimezone"), QString::fromUtf8(company.timeZone.id()));
        put(users, r, QStringLiteral("phone"), QStringLiteral("+1 617 555 %1").arg(1000 + below(9000)));
    }
}

void DemoDataGenerator::addLeads(SimCompany& company, int count, qint64 firstId, const QString& fallbackDomain)
{
    SimTable& leads = company.table(QStringLiteral("lead"));
    const SimTable& accounts = company.table(QStringLiteral("account"));
    const SimTable& campaigns = company.table(QStringLiteral("campaign"));
    const SimTable& users = company.table(QStringLiteral("user"));
    std::vector<qint64> accountIds;
    for (const auto& [id, r] : accounts.rows())
        accountIds.push_back(id);
    std::vector<qint64> campaignIds;
    for (const auto& [id, r] : campaigns.rows())
        campaignIds.push_back(id);
    std::vector<qint64> userIds;
    for (const auto& [id, r] : users.rows())
        userIds.push_back(id);
    const int accountName = accounts.column(QStringLiteral("accountName"));

    for (int i = 0; i < count; ++i) {
        const QString first = str(pick(kFirstNames));
        const QString last = str(pick(kLastNames));
        const int companyIndex = below(int(std::size(kCompanies)));
        const DemoCompany& demoCompany = kCompanies[companyIndex];
        const Place& place = pick(kPlaces);
        const bool withAccount = !accountIds.empty() && chance(80);

        SimRecord record;
        record.id = firstId + SimStore::kLeadIdStep * i;
        record.createMs = instant(kEpochStart, kEpochEnd);
        record.updateMs =
            chance(20) ? record.createMs : instant(record.createMs, qMin(kEpochEnd, record.createMs + 200 * kDay));
        SimRecord& r = leads.insert(std::move(record));

        // E-mail addresses are unique per company, case-insensitively (createLeads gives 301).
        const QString domain = withAccount || fallbackDomain.isEmpty() ? str(demoCompany.domain) : fallbackDomain;
        QString email = asciiSlug(first) + QLatin1Char('.') + asciiSlug(last) + QLatin1Char('@') + domain;
        for (int n = 2; company.leadByEmail.contains(SimStore::emailKey(email)); ++n)
            email =
                asciiSlug(first) + QLatin1Char('.') + asciiSlug(last) + QString::number(n) + QLatin1Char('@') + domain;
        company.leadByEmail.insert(SimStore::emailKey(email), r.id);

        put(leads, r, QStringLiteral("accountID"),
            withAccount ? num(accountIds[size_t(companyIndex) % accountIds.size()]) : QString());
        put(leads, r, QStringLiteral("ownerID"),
            userIds.empty() ? QString() : num(userIds[size_t(below(int(userIds.size())))]));
        put(leads, r, QStringLiteral("campaignID"),
            !campaignIds.empty() && chance(40) ? num(campaignIds[size_t(below(int(campaignIds.size())))]) : QString());
        put(leads, r, QStringLiteral("leadStatus"), str(pick(kLeadStatuses)));
        const int score = below(101);
        put(leads, r, QStringLiteral("leadScore"), num(score));
        put(leads, r, QStringLiteral("leadScoreWeighted"), num(score * (50 + below(51)) / 100));
        put(leads, r, QStringLiteral("persona"), chance(30) ? SimValue(str(pick(kPersonas))) : SimValue());
        put(leads, r, QStringLiteral("active"), flag(!chance(5)));
        put(leads, r, QStringLiteral("firstName"), first);
        put(leads, r, QStringLiteral("lastName"), last);
        put(leads, r, QStringLiteral("emailAddress"), email);
        put(leads, r, QStringLiteral("companyName"),
            withAccount ? tableString(accounts, accountIds[size_t(companyIndex) % accountIds.size()], accountName)
                        : str(demoCompany.name));
        put(leads, r, QStringLiteral("title"), chance(85) ? SimValue(str(pick(kTitles))) : SimValue());
        put(leads, r, QStringLiteral("street"), QStringLiteral("%1 %2").arg(1 + below(400)).arg(str(pick(kStreets))));
        put(leads, r, QStringLiteral("city"), str(place.city));
        put(leads, r, QStringLiteral("country"), str(place.country));
        put(leads, r, QStringLiteral("state"), str(place.state));
        put(leads, r, QStringLiteral("zipcode"), str(place.zip));
        put(leads, r, QStringLiteral("website"), QStringLiteral("https://www.") + str(demoCompany.domain));
        put(leads, r, QStringLiteral("phoneNumber"),
            QStringLiteral("%1 %2").arg(str(place.phonePrefix)).arg(1000 + below(9000)));
        put(leads, r, QStringLiteral("officePhoneNumber"),
            chance(50) ? SimValue(QStringLiteral("%1 %2").arg(str(place.phonePrefix)).arg(1000 + below(9000)))
                       : SimValue());
        put(leads, r, QStringLiteral("phoneNumberExtension"),
            chance(20) ? SimValue(num(100 + below(900))) : SimValue());
        put(leads, r, QStringLiteral("mobilePhoneNumber"),
            chance(60) ? SimValue(QStringLiteral("%1 %2").arg(str(place.phonePrefix)).arg(1000 + below(9000)))
                       : SimValue());
        put(leads, r, QStringLiteral("faxNumber"), SimValue());
        put(leads, r, QStringLiteral("industry"), str(demoCompany.industry));
        put(leads, r, QStringLiteral("description"),
            chance(25) ? SimValue(QStringLiteral("Met at %1; interested in a demo.").arg(str(place.city)))
                       : SimValue());
        put(leads, r, QStringLiteral("trackingID"),
            chance(70) ? SimValue(num(100000000 + qint64(next() % 899999999))) : SimValue());
        put(leads, r, QStringLiteral("isUnsubscribed"), flag(chance(7)));
        // Demo custom fields (empty string when not set).
        put(leads, r, QStringLiteral("Favorite_Color_5a0dd86e6e290"), chance(60) ? str(pick(kColors)) : QString());
        put(leads, r, QStringLiteral("shoe_size_384c1e3eacbb3"), chance(50) ? num(36 + below(12)) : QString());
        put(leads, r, QStringLiteral("api_big_text_area_57f6638adc5b8"),
            chance(15) ? QStringLiteral("Imported from the 2023 trade-show scanner.\nNotes: asked about API limits "
                                        "(10 calls/s) and bulk imports of 500 leads.")
                       : QString());
        put(leads, r, QStringLiteral("preferred_language_61f0c2a9b4e7d"),
            chance(40) ? str(pick(kLanguages)) : QString());
        put(leads, r, QStringLiteral("newsletter_opt_in_date_5c9e7d3b2a1f0"),
            chance(30) ? dateString(r.createMs + below(30) * kDay) : QString());
    }
}

void DemoDataGenerator::generateMainCompany()
{
    const SimConfig& config = m_store.config();
    auto owned = std::make_unique<SimCompany>();
    owned->accountId = config.accountId;
    owned->secretKey = config.secretKey;
    owned->companyId = SimStore::kMainCompanyId;
    owned->name = QStringLiteral("Northwind Demo Co");
    owned->kind = SimCompanyKind::Standard;
    owned->timeZone = QTimeZone(config.timeZone.toUtf8());
    owned->country = QStringLiteral("US");
    owned->city = QStringLiteral("Boston");
    owned->salesPhone = QStringLiteral("+1 617 555 0100");
    owned->createMs = kEpochStart - 400 * kDay;
    SimCompany& company = m_store.addCompany(std::move(owned));
    createTables(company);
    addFields(company, true);
    addUsers(company, QStringLiteral("northwind-demo.example"), 6, SimStore::kOwnerUserId, false);
    {
        // The account owner is fixed whatever the seed (scenario 221 uses its login).
        SimTable& users = company.table(QStringLiteral("user"));
        SimRecord* owner = users.find(SimStore::kOwnerUserId);
        put(users, *owner, QStringLiteral("firstName"), QStringLiteral("Sam"));
        put(users, *owner, QStringLiteral("lastName"), QStringLiteral("Sample"));
        put(users, *owner, QStringLiteral("displayName"), QStringLiteral("Sam Sample"));
        put(users, *owner, QStringLiteral("emailAddress"), QStringLiteral("sam.sample@northwind-demo.example"));
    }

    std::vector<qint64> userIds;
    for (const auto& [id, r] : company.table(QStringLiteral("user")).rows())
        userIds.push_back(id);
    auto randomUser = [&] { return num(userIds[size_t(below(int(userIds.size())))]); };

    // Deal stages: a typical pipeline, weight = position.
    SimTable& dealStages = company.table(QStringLiteral("dealStage"));
    for (int i = 0; i < int(std::size(kDealStages)); ++i) {
        SimRecord record;
        record.id = SimStore::kFirstDealStageId + 1024LL * i;
        record.createMs = kEpochStart - 300 * kDay;
        record.updateMs = record.createMs + i * kDay;
        SimRecord& r = dealStages.insert(std::move(record));
        put(dealStages, r, QStringLiteral("dealStageName"), str(kDealStages[i].name));
        put(dealStages, r, QStringLiteral("description"), str(kDealStages[i].description));
        put(dealStages, r, QStringLiteral("defaultProbability"), num(kDealStages[i].probability));
        put(dealStages, r, QStringLiteral("weight"), num(i));
        put(dealStages, r, QStringLiteral("isEditable"), flag(kDealStages[i].editable));
    }

    SimTable& campaigns = company.table(QStringLiteral("campaign"));
    for (int i = 0; i < int(std::size(kCampaigns)); ++i) {
        SimRecord record;
        record.id = SimStore::kFirstCampaignId + 4096LL * i;
        record.createMs = instant(kEpochStart - 60 * kDay, kEpochStart + 300 * kDay);
        record.updateMs = instant(record.createMs, record.createMs + 60 * kDay);
        SimRecord& r = campaigns.insert(std::move(record));
        put(campaigns, r, QStringLiteral("campaignName"), str(kCampaigns[i].name));
        put(campaigns, r, QStringLiteral("campaignType"), str(kCampaigns[i].type));
        put(campaigns, r, QStringLiteral("campaignAlias"), asciiSlug(str(kCampaigns[i].name)).left(20));
        put(campaigns, r, QStringLiteral("campaignOrigin"), str(kCampaigns[i].origin));
        put(campaigns, r, QStringLiteral("qty"), num(100 * (1 + below(50))));
        put(campaigns, r, QStringLiteral("price"), num(500 * (1 + below(40))));
        put(campaigns, r, QStringLiteral("goal"), num(50 * (1 + below(20))));
        put(campaigns, r, QStringLiteral("otherCosts"), num(100 * below(30)));
        put(campaigns, r, QStringLiteral("startDate"), dateString(r.createMs));
        put(campaigns, r, QStringLiteral("endDate"), dateString(r.createMs + (30 + below(90)) * kDay));
        put(campaigns, r, QStringLiteral("isActive"), flag(i < 6));
    }

    SimTable& accounts = company.table(QStringLiteral("account"));
    for (int i = 0; i < int(std::size(kCompanies)); ++i) {
        const Place& place = pick(kPlaces);
        SimRecord record;
        record.id = SimStore::kFirstAccountId + 4096LL * i;
        record.createMs = instant(kEpochStart - 200 * kDay, kEpochEnd - 100 * kDay);
        record.updateMs = instant(record.createMs, kEpochEnd);
        SimRecord& r = accounts.insert(std::move(record));
        put(accounts, r, QStringLiteral("ownerID"), randomUser());
        put(accounts, r, QStringLiteral("accountName"), str(kCompanies[i].name));
        put(accounts, r, QStringLiteral("industry"), str(kCompanies[i].industry));
        put(accounts, r, QStringLiteral("phone"),
            QStringLiteral("%1 %2").arg(str(place.phonePrefix)).arg(1000 + below(9000)));
        put(accounts, r, QStringLiteral("annualRevenue"), num(100000LL * (5 + below(5000))));
        put(accounts, r, QStringLiteral("numberOfEmployees"), num(5 + below(5000)));
        put(accounts, r, QStringLiteral("website"), QStringLiteral("https://www.") + str(kCompanies[i].domain));
        put(accounts, r, QStringLiteral("yearStarted"), num(1950 + below(73)));
        put(accounts, r, QStringLiteral("billingCity"), str(place.city));
        put(accounts, r, QStringLiteral("billingCountry"), str(place.country));
        put(accounts, r, QStringLiteral("billingPostalCode"), str(place.zip));
        put(accounts, r, QStringLiteral("billingState"), str(place.state));
        put(accounts, r, QStringLiteral("billingStreetAddress"),
            QStringLiteral("%1 %2").arg(1 + below(400)).arg(str(pick(kStreets))));
        put(accounts, r, QStringLiteral("shippingCity"), str(place.city));
        put(accounts, r, QStringLiteral("shippingCountry"), str(place.country));
        put(accounts, r, QStringLiteral("shippingPostalCode"), str(place.zip));
        put(accounts, r, QStringLiteral("shippingState"), str(place.state));
        put(accounts, r, QStringLiteral("account_tier_5e8f7a6b5c4d3"), str(pick(kAccountTiers)));
    }

    addLeads(company, qMax(config.leads, 3), SimStore::kFirstLeadId, QString());
    // The well-known leads: fixed whatever the seed (scenarios and templates name them).
    SimTable& leads = company.table(QStringLiteral("lead"));
    for (int i = 0; i < 3; ++i) {
        SimRecord* r = leads.find(SimStore::kFirstLeadId + SimStore::kLeadIdStep * i);
        const SimValue old = leads.value(*r, QStringLiteral("emailAddress"));
        if (old)
            company.leadByEmail.remove(SimStore::emailKey(*old));
        put(leads, *r, QStringLiteral("firstName"), str(kKnownLeads[i].first));
        put(leads, *r, QStringLiteral("lastName"), str(kKnownLeads[i].last));
        put(leads, *r, QStringLiteral("emailAddress"), str(kKnownLeads[i].email));
        put(leads, *r, QStringLiteral("companyName"), QStringLiteral("Northwind Traders"));
        put(leads, *r, QStringLiteral("leadStatus"), str(kKnownLeads[i].status));
        put(leads, *r, QStringLiteral("active"), flag(true));
        put(leads, *r, QStringLiteral("isUnsubscribed"), flag(false));
        company.leadByEmail.insert(SimStore::emailKey(str(kKnownLeads[i].email)), r->id);
    }
    std::vector<qint64> leadIds;
    for (const auto& [id, r] : leads.rows())
        leadIds.push_back(id);
    auto randomLead = [&] { return leadIds[size_t(below(int(leadIds.size())))]; };

    // Opportunities and their leads.
    SimTable& opportunities = company.table(QStringLiteral("opportunity"));
    SimTable& opportunityLeads = company.table(QStringLiteral("opportunityLead"));
    std::vector<qint64> stageIds;
    for (const auto& [id, r] : dealStages.rows())
        stageIds.push_back(id);
    const int opportunityCount = qBound(5, config.leads / 30, 500);
    qint64 opportunityLeadId = SimStore::kFirstOpportunityLeadId;
    for (int i = 0; i < opportunityCount; ++i) {
        const int stage = below(int(stageIds.size()));
        const qint64 accountId = SimStore::kFirstAccountId + 4096LL * below(int(std::size(kCompanies)));
        const qint64 primaryLead = randomLead();
        SimRecord record;
        record.id = SimStore::kFirstOpportunityId + 1024LL * i;
        record.createMs = instant(kEpochStart + 30 * kDay, kEpochEnd);
        record.updateMs = instant(record.createMs, kEpochEnd);
        SimRecord& r = opportunities.insert(std::move(record));
        const QString accountName = tableString(accounts, accountId, accounts.column(QStringLiteral("accountName")));
        put(opportunities, r, QStringLiteral("ownerID"), randomUser());
        put(opportunities, r, QStringLiteral("dealStageID"), num(stageIds[size_t(stage)]));
        put(opportunities, r, QStringLiteral("accountID"), num(accountId));
        put(opportunities, r, QStringLiteral("campaignID"),
            chance(50) ? num(SimStore::kFirstCampaignId + 4096LL * below(8)) : QString());
        put(opportunities, r, QStringLiteral("opportunityName"),
            QStringLiteral("%1 - %2 seats").arg(accountName).arg(5 * (1 + below(40))));
        put(opportunities, r, QStringLiteral("probability"), num(kDealStages[stage].probability));
        put(opportunities, r, QStringLiteral("amount"), num(1000LL * (1 + below(120))));
        const bool closed = stage >= 5;
        put(opportunities, r, QStringLiteral("isClosed"), flag(closed));
        put(opportunities, r, QStringLiteral("isWon"), flag(stage == 5));
        put(opportunities, r, QStringLiteral("isActive"), flag(!closed));
        put(opportunities, r, QStringLiteral("closeDate"), dateString(r.createMs + (20 + below(120)) * kDay));
        put(opportunities, r, QStringLiteral("originatingLeadID"), num(primaryLead));
        put(opportunities, r, QStringLiteral("primaryLeadID"), num(primaryLead));
        put(opportunities, r, QStringLiteral("contract_length_months_60a1b2c3d4e5f"),
            chance(70) ? num(12 * (1 + below(3))) : QString());
        const int linked = 1 + below(2);
        for (int k = 0; k < linked; ++k) {
            SimRecord link;
            link.id = opportunityLeadId;
            opportunityLeadId += 64;
            link.createMs = r.createMs + k * kDay;
            link.updateMs = link.createMs;
            SimRecord& l = opportunityLeads.insert(std::move(link));
            put(opportunityLeads, l, QStringLiteral("opportunityID"), num(r.id));
            put(opportunityLeads, l, QStringLiteral("leadID"), num(k == 0 ? primaryLead : randomLead()));
        }
    }

    // Lists and members. The newsletter list has Katherine Johnson (lead 3) as a member and
    // never Grace Hopper (lead 1), so addListMember's template succeeds and scenario 213 fails.
    SimTable& lists = company.table(QStringLiteral("list"));
    SimTable& members = company.table(QStringLiteral("listMember"));
    qint64 memberId = 1500000000;
    for (int i = 0; i < int(std::size(kListNames)); ++i) {
        SimRecord record;
        record.id = SimStore::kNewsletterListId + 4096LL * i;
        record.createMs = instant(kEpochStart - 100 * kDay, kEpochStart + 200 * kDay);
        record.updateMs = record.createMs;
        SimRecord& r = lists.insert(std::move(record));
        put(lists, r, QStringLiteral("name"), str(kListNames[i]));
        put(lists, r, QStringLiteral("description"),
            i == 0 ? SimValue(QStringLiteral("Everyone who opted in to the monthly newsletter")) : SimValue());
        const int percent = i == 0 ? 40 : 5 + below(20);
        for (size_t k = 0; k < leadIds.size(); ++k) {
            bool member = chance(percent);
            if (i == 0 && k == 0)
                member = false;
            if (i == 0 && k == 2)
                member = true;
            if (!member)
                continue;
            SimRecord link;
            link.id = memberId;
            memberId += 64;
            link.createMs = qMax(r.createMs, leads.find(leadIds[k])->createMs);
            link.updateMs = link.createMs;
            SimRecord& m = members.insert(std::move(link));
            put(members, m, QStringLiteral("listID"), num(r.id));
            put(members, m, QStringLiteral("leadID"), num(leadIds[k]));
            const bool removed = k > 2 && chance(10);
            put(members, m, QStringLiteral("isRemoved"), flag(removed));
            put(members, m, QStringLiteral("removedFlag"), removed ? str(pick(kRemovedFlags)) : QString());
        }
    }

    // Events: what the tracking code and forms record about leads.
    SimTable& events = company.table(QStringLiteral("event"));
    qint64 eventId = 2000000000;
    const size_t eventLeads = qMin<size_t>(leadIds.size(), 500);
    for (size_t k = 0; k < eventLeads; ++k) {
        const SimRecord* lead = leads.find(leadIds[k]);
        const int count = below(5);
        for (int e = 0; e < count; ++e) {
            SimRecord record;
            record.id = eventId;
            eventId += 8;
            record.createMs = instant(lead->createMs, lead->createMs + 60 * kDay);
            record.updateMs = record.createMs;
            SimRecord& r = events.insert(std::move(record));
            put(events, r, QStringLiteral("leadID"), num(lead->id));
            switch (below(4)) {
            case 0: {
                const QString page = str(pick(kEventPages));
                put(events, r, QStringLiteral("eventName"), QStringLiteral("Visited page ") + page);
                put(events, r, QStringLiteral("whatType"), QStringLiteral("page"));
                put(events, r, QStringLiteral("eventData"),
                    QStringLiteral("{'url': '%1', 'seconds': %2}").arg(page).arg(5 + below(300)));
                put(events, r, QStringLiteral("eventSource"), QStringLiteral("web"));
                break;
            }
            case 1:
                put(events, r, QStringLiteral("eventName"), QStringLiteral("Submitted form Contact us"));
                put(events, r, QStringLiteral("whatType"), QStringLiteral("form"));
                put(events, r, QStringLiteral("whatID"), num(800000000 + below(5) * 4096));
                put(events, r, QStringLiteral("eventData"), QStringLiteral("{'form': 'Contact us'}"));
                put(events, r, QStringLiteral("eventSource"), QStringLiteral("form"));
                break;
            case 2:
                put(events, r, QStringLiteral("eventName"), QStringLiteral("Opened email Monthly newsletter"));
                put(events, r, QStringLiteral("whatType"), QStringLiteral("email"));
                put(events, r, QStringLiteral("whatID"), num(SimStore::kFirstEmailId + 4096LL * below(10)));
                put(events, r, QStringLiteral("eventData"), QStringLiteral("{'client': 'Gmail'}"));
                put(events, r, QStringLiteral("eventSource"), QStringLiteral("email"));
                break;
            default:
                put(events, r, QStringLiteral("eventName"), QStringLiteral("Clicked link in email"));
                put(events, r, QStringLiteral("whatType"), QStringLiteral("email"));
                put(events, r, QStringLiteral("whatID"), num(SimStore::kFirstEmailId + 4096LL * below(10)));
                put(events, r, QStringLiteral("eventData"),
                    QStringLiteral("{'link': 'https://www.northwind.example/pricing'}"));
                put(events, r, QStringLiteral("eventSource"), QStringLiteral("email"));
                break;
            }
        }
    }

    // E-mails, send jobs, unsubscribe categories, list tags.
    SimTable& emails = company.table(QStringLiteral("email"));
    for (int i = 0; i < int(std::size(kEmailNames)); ++i) {
        SimRecord record;
        record.id = SimStore::kFirstEmailId + 4096LL * i;
        record.createMs = instant(kEpochStart, kEpochEnd);
        record.updateMs = record.createMs;
        SimRecord& r = emails.insert(std::move(record));
        const QString name = str(kEmailNames[i]);
        put(emails, r, QStringLiteral("emailName"), name);
        put(emails, r, QStringLiteral("title"), name);
        put(emails, r, QStringLiteral("subject"), name + QStringLiteral(" from Northwind"));
        put(emails, r, QStringLiteral("html"),
            QStringLiteral("<html><body><h1>%1</h1><p>Hello {$lead.firstName},</p></body></html>").arg(name));
        put(emails, r, QStringLiteral("fromName"), QStringLiteral("Northwind Marketing"));
        put(emails, r, QStringLiteral("fromEmail"), QStringLiteral("marketing@northwind.example"));
        put(emails, r, QStringLiteral("replyTo"), QStringLiteral("support@northwind.example"));
        put(emails, r, QStringLiteral("unsubCategory"), num(700000000 + 4096LL * (i % 3)));
        put(emails, r, QStringLiteral("contactManager"), flag(false));
        put(emails, r, QStringLiteral("repeatable"), flag(i == 0));
        put(emails, r, QStringLiteral("fromLeadOwner"), flag(i % 4 == 1));
        put(emails, r, QStringLiteral("thumbnail"),
            QStringLiteral("https://cdn.northwind.example/email-thumbnails/%1.png").arg(r.id));
    }
    SimTable& jobs = company.table(QStringLiteral("emailJob"));
    for (int i = 0; i < 6; ++i) {
        SimRecord record;
        record.id = 1300000000 + 4096LL * i;
        record.createMs = instant(kEpochStart, kEpochEnd);
        record.updateMs = record.createMs;
        SimRecord& r = jobs.insert(std::move(record));
        put(jobs, r, QStringLiteral("emailID"), num(SimStore::kFirstEmailId + 4096LL * (1 + i % 9)));
        put(jobs, r, QStringLiteral("listID"), num(SimStore::kNewsletterListId + 4096LL * (i % 4)));
        put(jobs, r, QStringLiteral("sendTimestamp"), dateTimeString(r.createMs + kDay));
        put(jobs, r, QStringLiteral("status"), i < 5 ? QStringLiteral("sent") : QStringLiteral("scheduled"));
    }
    SimTable& categories = company.table(QStringLiteral("unsubscribeCategory"));
    for (int i = 0; i < 3; ++i) {
        SimRecord record;
        record.id = 700000000 + 4096LL * i;
        record.createMs = kEpochStart;
        record.updateMs = kEpochStart;
        SimRecord& r = categories.insert(std::move(record));
        put(categories, r, QStringLiteral("name"), str(kUnsubscribeCategories[i][0]));
        put(categories, r, QStringLiteral("description"), str(kUnsubscribeCategories[i][1]));
    }
    SimTable& tags = company.table(QStringLiteral("listTag"));
    for (int i = 0; i < 4; ++i) {
        SimRecord record;
        record.id = 710000000 + 4096LL * i;
        record.createMs = kEpochStart;
        record.updateMs = kEpochStart;
        SimRecord& r = tags.insert(std::move(record));
        put(tags, r, QStringLiteral("label"), str(kListTags[i]));
        put(tags, r, QStringLiteral("objectType"), QStringLiteral("list"));
    }

    // Logged calls and open tasks.
    SimTable& calls = company.table(QStringLiteral("call"));
    for (int i = 0; i < 20; ++i) {
        SimRecord record;
        record.id = 1400000000 + 1024LL * i;
        record.createMs = instant(kEpochStart, kEpochEnd);
        record.updateMs = record.createMs;
        SimRecord& r = calls.insert(std::move(record));
        put(calls, r, QStringLiteral("userID"), randomUser());
        put(calls, r, QStringLiteral("leadID"), num(randomLead()));
        put(calls, r, QStringLiteral("direction"), chance(70) ? QStringLiteral("outbound") : QStringLiteral("inbound"));
        put(calls, r, QStringLiteral("createTimestamp"), dateTimeString(r.createMs));
        put(calls, r, QStringLiteral("callResult"), str(pick(kCallResults)));
        put(calls, r, QStringLiteral("callNotes"),
            chance(50) ? SimValue(QStringLiteral("Follow up next week.")) : SimValue());
    }
    SimTable& tasks = company.table(QStringLiteral("task"));
    for (int i = 0; i < 12; ++i) {
        SimRecord record;
        record.id = 1450000000 + 1024LL * i;
        record.createMs = instant(kEpochStart, kEpochEnd);
        record.updateMs = record.createMs;
        SimRecord& r = tasks.insert(std::move(record));
        put(tasks, r, QStringLiteral("whoID"), num(randomLead()));
        put(tasks, r, QStringLiteral("ownerID"), randomUser());
        put(tasks, r, QStringLiteral("subject"), str(pick(kTaskSubjects)));
        put(tasks, r, QStringLiteral("dueDate"), dateString(r.createMs + (1 + below(14)) * kDay));
        put(tasks, r, QStringLiteral("status"), chance(60) ? QStringLiteral("open") : QStringLiteral("completed"));
        put(tasks, r, QStringLiteral("priority"), chance(30) ? QStringLiteral("high") : QStringLiteral("normal"));
    }
}

void DemoDataGenerator::generateAgency()
{
    const SimConfig& config = m_store.config();
    auto owned = std::make_unique<SimCompany>();
    owned->accountId = config.agencyAccountId;
    owned->secretKey = config.agencySecretKey;
    owned->companyId = SimStore::kAgencyCompanyId;
    owned->name = QStringLiteral("Brightside Digital Agency");
    owned->kind = SimCompanyKind::Agency;
    owned->timeZone = QTimeZone(config.timeZone.toUtf8());
    owned->country = QStringLiteral("US");
    owned->city = QStringLiteral("Chicago");
    owned->salesPhone = QStringLiteral("+1 312 555 0142");
    owned->createMs = kEpochStart - 500 * kDay;
    SimCompany& agency = m_store.addCompany(std::move(owned));
    createTables(agency);
    addFields(agency, false);
    addUsers(agency, QStringLiteral("brightside-agency.example"), 2, SimStore::kAgencyUserId, false);
    addLeads(agency, 20, SimStore::kAgencyFirstLeadId, QStringLiteral("brightside-clients.example"));

    for (int i = 0; i < int(std::size(kAgencyClients)); ++i) {
        auto client = std::make_unique<SimCompany>();
        client->companyId = SimStore::kFirstClientCompanyId + 4096LL * i;
        client->name = str(kAgencyClients[i].name);
        client->kind = SimCompanyKind::Managed;
        client->managedBy = config.agencyAccountId;
        client->timeZone = QTimeZone(config.timeZone.toUtf8());
        client->country = str(kAgencyClients[i].country);
        client->city = str(kAgencyClients[i].city);
        client->salesPhone = str(kAgencyClients[i].phone);
        client->emailLimit = kAgencyClients[i].emailLimit;
        client->createMs = kEpochStart + 40 * kDay * i;
        m_store.addCompany(std::move(client));
    }
}

void DemoDataGenerator::generateReseller()
{
    const SimConfig& config = m_store.config();
    auto owned = std::make_unique<SimCompany>();
    owned->accountId = config.resellerAccountId;
    owned->secretKey = config.resellerSecretKey;
    owned->companyId = SimStore::kResellerCompanyId;
    owned->name = QStringLiteral("ResellHub Partners");
    owned->kind = SimCompanyKind::Reseller;
    owned->timeZone = QTimeZone(config.timeZone.toUtf8());
    owned->country = QStringLiteral("GB");
    owned->city = QStringLiteral("London");
    owned->salesPhone = QStringLiteral("+44 20 7946 0321");
    owned->createMs = kEpochStart - 450 * kDay;
    SimCompany& reseller = m_store.addCompany(std::move(owned));
    createTables(reseller);
    addFields(reseller, false);
    addUsers(reseller, QStringLiteral("resellhub.example"), 1, SimStore::kResellerUserId, true);
    addLeads(reseller, 5, SimStore::kResellerFirstLeadId, QStringLiteral("resellhub-prospects.example"));

    for (int i = 0; i < int(std::size(kResellerSubAccounts)); ++i) {
        auto sub = std::make_unique<SimCompany>();
        sub->companyId = SimStore::kFirstSubAccountCompanyId + 4096LL * i;
        sub->name = str(kResellerSubAccounts[i]);
        sub->kind = SimCompanyKind::Managed;
        sub->managedBy = config.resellerAccountId;
        sub->timeZone = QTimeZone("Europe/London");
        sub->country = QStringLiteral("GB");
        sub->city = QStringLiteral("Leeds");
        sub->salesPhone = QStringLiteral("+44 113 496 00%1").arg(10 + i);
        sub->emailLimit = 2000;
        sub->createMs = kEpochStart + 20 * kDay * i;
        m_store.addCompany(std::move(sub));
    }
}
