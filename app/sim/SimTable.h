#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <optional>
#include <vector>

// A stored value: the API returns get* values as strings (or null), so that is how they are
// kept. std::nullopt is JSON null.
using SimValue = std::optional<QString>;

// One row of a table. System timestamps are kept as instants and rendered per API version
// (v1: the account's zone, v1.2: UTC); everything else is kept as the string the API returns.
struct SimRecord
{
    qint64 id = 0;
    qint64 createMs = 0;
    qint64 updateMs = 0;
    std::vector<SimValue> values; // by column index; missing trailing values read as the default
    // Serialised record per timestamp mode (0 = UTC, 1 = account zone); empty = stale.
    mutable QByteArray json[2];

    void invalidate() const
    {
        json[0].clear();
        json[1].clear();
    }
};

// The rows of one object type in one company, ordered by id (ids only grow).
class SimTable
{
public:
    SimTable() = default;
    explicit SimTable(const QString& type)
        : m_type(type)
    {}

    const QString& type() const { return m_type; }

    // Output order of the columns (standard fields, then custom fields).
    const QStringList& columns() const { return m_columns; }
    int column(const QString& name) const { return m_columnIndex.value(name, -1); }
    bool hasColumn(const QString& name) const { return m_columnIndex.contains(name); }
    // Adds a column (no-op if present) whose value in existing rows is `defaultValue`.
    int addColumn(const QString& name, const SimValue& defaultValue = std::nullopt);
    // Removes a column and its values from every row.
    bool removeColumn(const QString& name);
    const SimValue& defaultValue(int column) const { return m_defaults[size_t(column)]; }

    // Rows by ascending id.
    const std::map<qint64, SimRecord>& rows() const { return m_rows; }
    int size() const { return int(m_rows.size()); }
    const SimRecord* find(qint64 id) const;
    // A writable row: counts as a change (the caller may edit it).
    SimRecord* find(qint64 id);
    // Inserts (or replaces the row with the same id).
    SimRecord& insert(SimRecord record);
    bool remove(qint64 id);

    const SimValue& value(const SimRecord& record, int column) const;
    SimValue value(const SimRecord& record, const QString& column) const;
    void setValue(SimRecord& record, int column, const SimValue& value);
    void setValue(SimRecord& record, const QString& column, const SimValue& value);

    // Whether createTimestamp/updateTimestamp are system columns, rendered from the record's
    // instants in the caller's zone (rather than stored strings such as a logged call's time).
    void setSystemTimestamps(bool create, bool update)
    {
        m_systemCreate = create;
        m_systemUpdate = update;
    }
    bool systemCreateTimestamp() const { return m_systemCreate; }
    bool systemUpdateTimestamp() const { return m_systemUpdate; }

    qint64 lastId() const { return m_rows.empty() ? 0 : m_rows.rbegin()->first; }
    // Drops every cached serialisation (after a column change).
    void invalidateAll();

    // Grows on every change of the rows or columns (and every writable access).
    quint64 generation() const { return m_generation; }
    // The rows `filter` accepts, in id order, remembered under `signature` (which must name
    // every input of the filter, including other tables' generations) while this table does not
    // change. Paging reads a page at any offset from this in O(limit): one pass over the table
    // builds it, the pages after it are as cheap at offset 900,000 as at 0.
    using RowFilter = std::function<bool(const SimRecord&)>;
    const std::vector<const SimRecord*>& matchingRows(const QByteArray& signature, const RowFilter& filter) const;

private:
    // The last few matchingRows() answers. Copies of a table start without them (the row
    // pointers belong to the original's map).
    struct MatchCache
    {
        struct Entry
        {
            QByteArray signature;
            quint64 generation = 0;
            std::vector<const SimRecord*> rows;
        };
        std::vector<Entry> entries; // most recently used last
        MatchCache() = default;
        MatchCache(const MatchCache&) {}
        MatchCache& operator=(const MatchCache&)
        {
            entries.clear();
            return *this;
        }
        MatchCache(MatchCache&&) = default;
        MatchCache& operator=(MatchCache&&) = default;
        ~MatchCache() = default;
    };

    QString m_type;
    QStringList m_columns;
    QHash<QString, int> m_columnIndex;
    std::vector<SimValue> m_defaults;
    std::map<qint64, SimRecord> m_rows;
    bool m_systemCreate = false;
    bool m_systemUpdate = false;
    quint64 m_generation = 0;
    mutable MatchCache m_matches;
};
