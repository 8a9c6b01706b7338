#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

class SimStore;
struct SimCompany;
class SimTable;
struct SimRecord;

// Fills a SimStore with realistic, deterministic demo data: the same seed and lead count give
// byte-identical data. Well-known records (SimStore::k* ids) exist whatever the seed.
class DemoDataGenerator
{
public:
    DemoDataGenerator(SimStore& store, quint32 seed);

    void generate();

    // Columns of tables that resources/methods.json does not describe (e-mail jobs, ...).
    static QStringList extraColumns(const QString& type);
    // Creates the tables of a company with API keys, with their standard columns.
    static void createTables(SimCompany& company);
    // Custom fields (system name, label, data type, relationship) of the demo account.
    struct CustomField
    {
        const char* systemName;
        const char* label;
        const char* dataType;
        const char* relationship;
    };

private:
    quint64 next();
    int below(int n) { return int(next() % quint64(n)); }
    bool chance(int percent) { return below(100) < percent; }
    template<typename T, size_t N>
    const T& pick(const T (&items)[N])
    {
        return items[below(int(N))];
    }
    qint64 instant(qint64 fromMs, qint64 toMs);

    void generateMainCompany();
    void generateAgency();
    void generateReseller();
    void addFields(SimCompany& company, bool withDemoCustomFields);
    void addUsers(SimCompany& company, const QString& domain, int count, qint64 firstId, bool reseller);
    void addLeads(SimCompany& company, int count, qint64 firstId, const QString& fallbackDomain);

    SimStore& m_store;
    quint64 m_state;
};
