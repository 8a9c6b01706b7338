#include "MethodCatalog.h"
#include "SimStore.h"

#include <QCryptographicHash>
#include <QtTest>

// The demo data: deterministic per seed, realistic, with the well-known records scenarios and
// method templates rely on.
class TestSimStore : public QObject
{
    Q_OBJECT

private:
    static QByteArray fingerprint(const SimStore& store)
    {
        QCryptographicHash hash(QCryptographicHash::Sha256);
        for (const auto& company : store.companies()) {
            hash.addData(company->accountId.toUtf8());
            hash.addData(QByteArray::number(company->companyId));
            hash.addData(company->name.toUtf8());
            QStringList types = company->tables.keys();
            types.sort();
            for (const QString& type : types) {
                const SimTable& table = company->tables[type];
                hash.addData(type.toUtf8());
                hash.addData(table.columns().join(QLatin1Char(',')).toUtf8());
                for (const auto& [id, record] : table.rows()) {
                    hash.addData(QByteArray::number(id) + ':' + QByteArray::number(record.createMs) + ':' +
                                 QByteArray::number(record.updateMs));
                    for (int c = 0; c < table.columns().size(); ++c) {
                        const SimValue& value = table.value(record, c);
                        hash.addData(value ? value->toUtf8() : QByteArray("\x01null"));
                        hash.addData("\x02");
                    }
                }
            }
        }
        return hash.result().toHex();
    }

    static SimConfig config(int leads, quint32 seed)
    {
        SimConfig c;
        c.leads = leads;
        c.seed = seed;
        return c;
    }

private slots:
    void sameSeedSameData()
    {
        ManualClock clock;
        const SimStore a(config(300, 7), &clock);
        const SimStore b(config(300, 7), &clock);
        QCOMPARE(fingerprint(a), fingerprint(b));
    }

    void otherSeedOtherDataSameWellKnownIds()
    {
        ManualClock clock;
        SimStore a(config(300, 1), &clock);
        SimStore b(config(300, 2), &clock);
        QVERIFY(fingerprint(a) != fingerprint(b));
        for (SimStore* store : {&a, &b}) {
            SimTable& leads = store->mainCompany().table(QStringLiteral("lead"));
            QCOMPARE(leads.size(), 300);
            QCOMPARE(leads.value(*leads.find(SimStore::kGraceHopperLeadId), QStringLiteral("emailAddress")),
                     SimValue(QStringLiteral("grace.hopper@northwind.example")));
            QCOMPARE(leads.value(*leads.find(SimStore::kKatherineJohnsonLeadId), QStringLiteral("firstName")),
                     SimValue(QStringLiteral("Katherine")));
            QVERIFY(store->mainCompany().table(QStringLiteral("list")).find(SimStore::kNewsletterListId));
            QVERIFY(store->mainCompany().table(QStringLiteral("user")).find(SimStore::kOwnerUserId));
            QVERIFY(store->mainCompany().table(QStringLiteral("dealStage")).find(SimStore::kFirstDealStageId));
            QVERIFY(store->mainCompany().table(QStringLiteral("opportunity")).find(SimStore::kFirstOpportunityId));
            QVERIFY(store->mainCompany().table(QStringLiteral("account")).find(SimStore::kFirstAccountId));
            QVERIFY(store->mainCompany().table(QStringLiteral("campaign")).find(SimStore::kFirstCampaignId));
            QVERIFY(store->mainCompany().table(QStringLiteral("email")).find(SimStore::kFirstEmailId));
            QVERIFY(store->mainCompany().table(QStringLiteral("field")).find(SimStore::kFavoriteColorFieldId));
            QVERIFY(store->userLoginExists(QStringLiteral("SAM.SAMPLE@northwind-demo.example")));
        }
    }

    void newsletterMembership()
    {
        ManualClock clock;
        SimStore store(config(50, 3), &clock);
        const SimTable& members = store.mainCompany().table(QStringLiteral("listMember"));
        bool katherine = false;
        bool grace = false;
        for (const auto& [id, record] : members.rows()) {
            if (members.value(record, QStringLiteral("listID")) != QString::number(SimStore::kNewsletterListId))
                continue;
            const SimValue lead = members.value(record, QStringLiteral("leadID"));
            katherine |= lead == QString::number(SimStore::kKatherineJohnsonLeadId) &&
                         members.value(record, QStringLiteral("isRemoved")) == QStringLiteral("0");
            grace |= lead == QString::number(SimStore::kGraceHopperLeadId);
        }
        QVERIFY(katherine);
        QVERIFY(!grace);
    }

    void leadsLookRealistic()
    {
        ManualClock clock;
        SimStore store(config(1000, 11), &clock);
        SimCompany& company = store.mainCompany();
        const SimTable& leads = company.table(QStringLiteral("lead"));
        const QRegularExpression email(QStringLiteral("^[a-z0-9.]+@[a-z0-9.-]+\\.example$"));
        QSet<QString> addresses;
        int inactive = 0;
        for (const auto& [id, record] : leads.rows()) {
            const QString address = *leads.value(record, QStringLiteral("emailAddress"));
            QVERIFY2(email.match(address).hasMatch(), qPrintable(address));
            addresses.insert(address.toLower());
            QVERIFY(record.updateMs >= record.createMs);
            QVERIFY(QString::number(id).size() == 12); // ids look like the API's
            inactive += leads.value(record, QStringLiteral("active")) == QStringLiteral("0");
            // Every catalogue field of a lead is a column.
        }
        QCOMPARE(addresses.size(), 1000); // unique, case-insensitively
        QCOMPARE(company.leadByEmail.size(), 1000);
        QVERIFY(inactive > 0 && inactive < 150);
        const QList<FieldSpec> fields = MethodCatalog::builtin().objectFields(QStringLiteral("lead"));
        QVERIFY(!fields.isEmpty());
        for (const FieldSpec& field : fields)
            QVERIFY2(leads.hasColumn(field.name), qPrintable(field.name));
        // Custom fields: system names with a 13-hex-digit suffix, as the API names them.
        QVERIFY(leads.hasColumn(QStringLiteral("shoe_size_384c1e3eacbb3")));
        for (const QString& column : leads.columns()) {
            if (!MethodCatalog::builtin().objectField(QStringLiteral("lead"), column))
                QVERIFY2(MethodCatalog::isCustomFieldName(column), qPrintable(column));
        }
    }

    void agencyAndReseller()
    {
        ManualClock clock;
        SimStore store(SimConfig(), &clock);
        SimCompany* agency = store.companyByAccount(QStringLiteral("SIMAGENCY001"));
        SimCompany* reseller = store.companyByAccount(QStringLiteral("SIMRESELLER01"));
        QVERIFY(agency && reseller);
        QCOMPARE(agency->secretKey, QStringLiteral("sim-agency-secret-001"));
        QCOMPARE(reseller->secretKey, QStringLiteral("sim-reseller-secret-01"));
        int clients = 0;
        int subAccounts = 0;
        for (const auto& company : store.companies()) {
            clients += company->managedBy == agency->accountId;
            subAccounts += company->managedBy == reseller->accountId;
            if (company->kind == SimCompanyKind::Managed)
                QVERIFY(company->accountId.isEmpty()); // no API keys of their own
        }
        QCOMPARE(clients, 3);
        QCOMPARE(subAccounts, 3);
        QVERIFY(store.companyById(SimStore::kFirstClientCompanyId));
        QVERIFY(agency->table(QStringLiteral("lead")).find(SimStore::kAgencyFirstLeadId));
        QCOMPARE(store.otherOwner(QStringLiteral("lead"), SimStore::kAgencyFirstLeadId, &store.mainCompany()), agency);
    }

    void idsAndSystemNamesAreFresh()
    {
        ManualClock clock;
        SimStore store(config(10, 1), &clock);
        const qint64 a = store.nextId(QStringLiteral("lead"));
        const qint64 b = store.nextId(QStringLiteral("lead"));
        QVERIFY(b > a);
        for (const auto& company : store.companies()) {
            if (const SimTable* leads = company->findTable(QStringLiteral("lead")))
                QVERIFY(a > leads->lastId());
        }
        const QString one = store.newSystemName(QStringLiteral("Favorite Color"));
        const QString two = store.newSystemName(QStringLiteral("Favorite Color"));
        QVERIFY(one.startsWith(QStringLiteral("Favorite_Color_")));
        QVERIFY(MethodCatalog::isCustomFieldName(one));
        QVERIFY(one != two);
        QVERIFY(MethodCatalog::isCustomFieldName(store.newSystemName(QStringLiteral("  ?! "))));
    }
};

QTEST_GUILESS_MAIN(TestSimStore)
#include "tst_simstore.moc"
