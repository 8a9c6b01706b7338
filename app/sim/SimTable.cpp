#include "SimTable.h"

#include <algorithm>

int SimTable::addColumn(const QString& name, const SimValue& defaultValue)
{
    const auto it = m_columnIndex.constFind(name);
    if (it != m_columnIndex.constEnd())
        return *it;
    const int index = int(m_columns.size());
    m_columns.append(name);
    m_columnIndex.insert(name, index);
    m_defaults.push_back(defaultValue);
    ++m_generation;
    invalidateAll();
    return index;
}

bool SimTable::removeColumn(const QString& name)
{
    const int index = column(name);
    if (index < 0)
        return false;
    ++m_generation;
    m_columns.removeAt(index);
    m_defaults.erase(m_defaults.begin() + index);
    m_columnIndex.clear();
    for (int i = 0; i < m_columns.size(); ++i)
        m_columnIndex.insert(m_columns.at(i), i);
    for (auto& [id, record] : m_rows) {
        if (size_t(index) < record.values.size())
            record.values.erase(record.values.begin() + index);
        record.invalidate();
    }
    return true;
}

const SimRecord* SimTable::find(qint64 id) const
{
    const auto it = m_rows.find(id);
    return it == m_rows.end() ? nullptr : &it->second;
}

SimRecord* SimTable::find(qint64 id)
{
    ++m_generation;
    const auto it = m_rows.find(id);
    return it == m_rows.end() ? nullptr : &it->second;
}

SimRecord& SimTable::insert(SimRecord record)
{
    const qint64 id = record.id;
    ++m_generation;
    return m_rows.insert_or_assign(id, std::move(record)).first->second;
}

bool SimTable::remove(qint64 id)
{
    ++m_generation;
    return m_rows.erase(id) > 0;
}

const SimValue& SimTable::value(const SimRecord& record, int column) const
{
    if (size_t(column) < record.values.size())
        return record.values[size_t(column)];
    return m_defaults[size_t(column)];
}

SimValue SimTable::value(const SimRecord& record, const QString& column) const
{
    const int index = this->column(column);
    return index < 0 ? SimValue() : value(record, index);
}

void SimTable::setValue(SimRecord& record, int column, const SimValue& value)
{
    if (record.values.size() <= size_t(column)) {
        const size_t old = record.values.size();
        record.values.resize(size_t(column) + 1);
        for (size_t i = old; i < record.values.size(); ++i)
            record.values[i] = m_defaults[i];
    }
    record.values[size_t(column)] = value;
    record.invalidate();
    ++m_generation;
}

void SimTable::setValue(SimRecord& record, const QString& column, const SimValue& value)
{
    const int index = this->column(column);
    if (index >= 0)
        setValue(record, index, value);
}

void SimTable::invalidateAll()
{
    for (const auto& [id, record] : m_rows)
        record.invalidate();
}

const std::vector<const SimRecord*>& SimTable::matchingRows(const QByteArray& signature, const RowFilter& filter) const
{
    constexpr size_t kKept = 4;
    auto& entries = m_matches.entries;
    for (size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].generation == m_generation && entries[i].signature == signature) {
            if (i + 1 != entries.size())
                std::rotate(entries.begin() + qsizetype(i), entries.begin() + qsizetype(i) + 1, entries.end());
            return entries.back().rows;
        }
    }
    // Stale entries go first, then the least recently used.
    entries.erase(std::remove_if(entries.begin(), entries.end(),
                                 [this](const MatchCache::Entry& e) { return e.generation != m_generation; }),
                  entries.end());
    if (entries.size() >= kKept)
        entries.erase(entries.begin());
    MatchCache::Entry entry;
    entry.signature = signature;
    entry.generation = m_generation;
    for (const auto& [id, record] : m_rows) {
        if (!filter || filter(record))
            entry.rows.push_back(&record);
    }
    entries.push_back(std::move(entry));
    return entries.back().rows;
}
