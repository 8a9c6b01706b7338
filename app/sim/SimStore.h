#pragma once

#include "SimClock.h"
#include "SimConfig.h"
#include "SimTable.h"

#include <QHash>
#include <QString>
#include <QTimeZone>

#include <memory>
#include <vector>

enum class SimCompanyKind
{
    Standard, // an ordinary company with API keys
    Agency,   // manages client companies (getClients, createClient, updateAccountSendLimit)
    Reseller, // manages sub-accounts (enable/disableAccountSending)
    Managed,  // a client or sub-account: has data but no API keys of its own in the simulator
};

// One company (account) of the simulated service and its data.
struct SimCompany
{
    QString accountId; // API accountID; empty for managed companies
    QString secretKey;
    qint64 companyId = 0; // numeric company profile id (getClients, clientID, sub-account ids)
    QString name;
    SimCompanyKind kind = SimCompanyKind::Standard;
    QString managedBy; // accountId of the managing agency or reseller
    QTimeZone timeZone;
    // Company profile (getClients, createClient, updateClient).
    QString country;
    QString city;
    QString salesPhone;
    QString locale = QStringLiteral("en_US");
    QString defaultCurrency = QStringLiteral("USD");
    int emailLimit = 10000;
    bool sendingEnabled = true;
    qint64 createMs = 0;
    QString leadUpdatesUrl; // subscribeToLeadUpdates

    QHash<QString, SimTable> tables;    // by object type: lead, field, list, listMember, ...
    QHash<QString, qint64> leadByEmail; // lower-cased email address -> lead id

    SimTable& table(const QString& type);
    const SimTable* findTable(const QString& type) const;
    // Grows whenever any table of the company changes (the sum of their generations).
    quint64 dataGeneration() const;
};

// The deterministic in-memory data of the simulator: companies, their records and the id
// sequences. Same config (leads, seed), same data; ids of the well-known demo records do not
// depend on the seed, so scenarios and method templates can name them.
class SimStore
{
public:
    // Well-known ids (also used by the parameter templates of resources/methods.json).
    static constexpr qint64 kFirstLeadId = 346743252994;
    static constexpr qint64 kLeadIdStep = 16;
    static constexpr qint64 kNewsletterListId = 730123456;
    static constexpr qint64 kOwnerUserId = 311256064;
    static constexpr qint64 kFirstAccountId = 402653184;
    static constexpr qint64 kFirstCampaignId = 155189248;
    static constexpr qint64 kFirstOpportunityId = 87654321;
    static constexpr qint64 kFirstOpportunityLeadId = 9876543;
    static constexpr qint64 kFirstDealStageId = 24576;
    static constexpr qint64 kFirstEmailId = 1207959552;
    static constexpr qint64 kFavoriteColorFieldId = 500232194;
    static constexpr qint64 kFirstClientCompanyId = 308209664;
    static constexpr qint64 kFirstSubAccountCompanyId = 309000192;
    static constexpr qint64 kAgencyFirstLeadId = 360000000000;
    static constexpr qint64 kAgencyUserId = 312000512;
    static constexpr qint64 kResellerFirstLeadId = 370000000000;
    static constexpr qint64 kResellerUserId = 312004608;
    static constexpr qint64 kMainCompanyId = 307000064;
    static constexpr qint64 kAgencyCompanyId = 307004160;
    static constexpr qint64 kResellerCompanyId = 307008256;
    // Well-known leads of the main account (fixed whatever the seed).
    static constexpr qint64 kGraceHopperLeadId = kFirstLeadId;                        // not in the newsletter list
    static constexpr qint64 kAlanTuringLeadId = kFirstLeadId + kLeadIdStep;           //
    static constexpr qint64 kKatherineJohnsonLeadId = kFirstLeadId + 2 * kLeadIdStep; // newsletter member

    explicit SimStore(const SimConfig& config, const SimClock* clock = SimClock::system());
    ~SimStore();

    const SimConfig& config() const { return m_config; }
    const SimClock* clock() const { return m_clock; }
    // The batch result shape can change while running (the GUI's environment dialog); the data stays.
    void setBatchShape(SimConfig::BatchShape shape) { m_config.batchShape = shape; }

    SimCompany* companyByAccount(const QString& accountId);
    SimCompany* companyById(qint64 companyId);
    const std::vector<std::unique_ptr<SimCompany>>& companies() const { return m_companies; }
    SimCompany& addCompany(std::unique_ptr<SimCompany> company);
    SimCompany& mainCompany() { return *m_companies.front(); }

    // The company other than `except` holding a record of `type` with this id, or nullptr
    // (for 212 "Object is not owned by the company").
    const SimCompany* otherOwner(const QString& type, qint64 id, const SimCompany* except) const;

    // Next id of a type, larger than every id of that type in any company.
    qint64 nextId(const QString& type);
    qint64 nextCompanyId();
    // A custom field system name: label words joined by '_' plus '_' and 13 hex digits.
    QString newSystemName(const QString& label);
    // Whether any user of any company has this login (createClient user creation, 221).
    bool userLoginExists(const QString& email) const;

    // Lead email index maintenance (case-insensitive uniqueness, 301).
    static QString emailKey(const QString& email) { return email.trimmed().toLower(); }

private:
    void generate();

    SimConfig m_config;
    const SimClock* m_clock;
    std::vector<std::unique_ptr<SimCompany>> m_companies;
    QHash<QString, qint64> m_nextId;
    quint64 m_systemNameCounter = 0;
};
