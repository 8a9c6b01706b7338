#pragma once

#include "HistoryStore.h"

#include <QAbstractTableModel>

#include <memory>

// The recorded calls for the History panel, newest first, read a page at a time (fetchMore) so
// a million rows open as fast as fifty. Its own read connection to the database (WAL lets it
// read while the recorder writes).
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Time,
        Environment,
        Method,
        Status,
        Verdict,
        Codes,
        Elapsed,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        VerdictRole, // the verdict name
    };
    static constexpr int kPageSize = 200;

    explicit HistoryModel(QObject* parent = nullptr);
    ~HistoryModel() override;

    // (Re)opens the database at path (empty: none, the model stays empty).
    void setDatabase(const QString& path);
    HistoryStore* store() const { return m_store.get(); }
    void setFilter(const HistoryFilter& filter);
    const HistoryFilter& filter() const { return m_filter; }
    // Reads the first page again (new calls were recorded, or some deleted).
    void reload();
    // The summary of a row (no bodies); see HistoryStore::call for the whole call.
    const HistoryRecord& record(int row) const { return m_rows.at(row); }
    // The newest call of the same method before `row`'s, among all calls (not only filtered).
    std::optional<qint64> previousOfSameMethod(int row) const;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    static QString verdictTitle(const QString& verdict);

private:
    std::unique_ptr<HistoryStore> m_store;
    HistoryFilter m_filter;
    QList<HistoryRecord> m_rows;
    bool m_more = false;
    bool m_resetting = false;
    bool m_fetching = false;
};
