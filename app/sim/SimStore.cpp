#include "SimStore.h"

#include "DemoDataGenerator.h"

#include <QRegularExpression>

SimTable& SimCompany::table(const QString& type)
{
    auto it = tables.find(type);
    if (it == tables.end())
        it = tables.insert(type, SimTable(type));
    return *it;
}

const SimTable* SimCompany::findTable(const QString& type) const
{
    const auto it = tables.constFind(type);
    return it == tables.constEnd() ? nullptr : &*it;
}

quint64 SimCompany::dataGeneration() const
{
    quint64 sum = 0;
    for (const SimTable& t : tables)
        sum += t.generation();
    return sum;
}

SimStore::SimStore(const SimConfig& config, const SimClock* clock)
    : m_config(config)
    , m_clock(clock)
{
    generate();
}

SimStore::~SimStore() = default;

void SimStore::generate()
{
    DemoDataGenerator generator(*this, m_config.seed);
    generator.generate();
}

SimCompany* SimStore::companyByAccount(const QString& accountId)
{
    if (accountId.isEmpty())
        return nullptr;
    for (const auto& company : m_companies) {
        if (company->accountId == accountId)
            return company.get();
    }
    return nullptr;
}

SimCompany* SimStore::companyById(qint64 companyId)
{
    for (const auto& company : m_companies) {
        if (company->companyId == companyId)
            return company.get();
    }
    return nullptr;
}

SimCompany& SimStore::addCompany(std::unique_ptr<SimCompany> company)
{
    m_companies.push_back(std::move(company));
    return *m_companies.back();
}

const SimCompany* SimStore::otherOwner(const QString& type, qint64 id, const SimCompany* except) const
{
    for (const auto& company : m_companies) {
        if (company.get() == except)
            continue;
        const SimTable* table = company->findTable(type);
        if (table && table->find(id))
            return company.get();
    }
    return nullptr;
}

qint64 SimStore::nextId(const QString& type)
{
    auto it = m_nextId.find(type);
    if (it == m_nextId.end()) {
        qint64 last = 0;
        for (const auto& company : m_companies) {
            if (const SimTable* table = company->findTable(type))
                last = qMax(last, table->lastId());
        }
        // Fresh ids look like the API's: large, spaced, never reused.
        if (last == 0)
            last = type == QLatin1String("field") ? 500000002 : 600000000;
        it = m_nextId.insert(type, last);
    }
    const qint64 step = type == QLatin1String("lead") ? kLeadIdStep : 1024;
    *it += step;
    return *it;
}

qint64 SimStore::nextCompanyId()
{
    qint64 last = 0;
    for (const auto& company : m_companies)
        last = qMax(last, company->companyId);
    return last + 4096;
}

QString SimStore::newSystemName(const QString& label)
{
    // Like the API: the label's words joined by '_', then a 13-hex-digit suffix (a PHP uniqid()).
    static const QRegularExpression nonWord(QStringLiteral("[^A-Za-z0-9]+"));
    QString base = label.trimmed();
    base.replace(nonWord, QStringLiteral("_"));
    if (base.startsWith(QLatin1Char('_')))
        base.remove(0, 1);
    if (base.endsWith(QLatin1Char('_')))
        base.chop(1);
    if (base.isEmpty())
        base = QStringLiteral("field");
    // uniqid(): 8 hex digits of seconds and 5 of microseconds; a counter keeps names unique
    // within one millisecond (and deterministic under a manual clock).
    const qint64 now = m_clock->nowMs();
    const quint64 micros = quint64(now % 1000) * 1000 + (m_systemNameCounter++ % 1000);
    const QString hex = QStringLiteral("%1%2")
                            .arg(quint64(now / 1000) & 0xffffffffULL, 8, 16, QLatin1Char('0'))
                            .arg(micros, 5, 16, QLatin1Char('0'));
    return base + QLatin1Char('_') + hex;
}

bool SimStore::userLoginExists(const QString& email) const
{
    const QString key = emailKey(email);
    for (const auto& company : m_companies) {
        const SimTable* users = company->findTable(QStringLiteral("user"));
        if (!users)
            continue;
        const int column = users->column(QStringLiteral("emailAddress"));
        if (column < 0)
            continue;
        for (const auto& [id, record] : users->rows()) {
            const SimValue& value = users->value(record, column);
            if (value && emailKey(*value) == key)
                return true;
        }
    }
    return false;
}
