#pragma once

#include "ErrorCatalog.h"

#include <QHash>
#include <QSortFilterProxyModel>

class ErrorCodeModel;

// Filters an ErrorCodeModel by search query (ErrorCatalog::search decides what matches and how
// well), category and level. With a query the rows are ordered by match rank; without one, by
// code: numeric codes ascending, then situations by name.
class ErrorFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum Role
    {
        MatchReasonRole = Qt::UserRole + 100
    };

    explicit ErrorFilterProxyModel(ErrorCodeModel* source, QObject* parent = nullptr);

    void setQuery(const QString& query);
    QString query() const { return m_query; }
    bool hasQuery() const { return !m_query.isEmpty(); }
    // Empty string = all.
    void setCategory(const QString& category);
    QString category() const { return m_category; }
    void setLevel(const QString& level);
    QString level() const { return m_level; }
    bool hasFilter() const { return hasQuery() || !m_category.isEmpty() || !m_level.isEmpty(); }

    const ErrorEntry* entryAt(int proxyRow) const;
    // Proxy row of the entry, or -1 when it is filtered out.
    int rowOf(const ErrorEntry* entry) const;
    // Why the entry matched the current query ("exact code", "method getLeads"...), or empty.
    QString matchReason(const ErrorEntry* entry) const;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    ErrorCodeModel* m_source;
    QString m_query;
    QString m_category;
    QString m_level;
    // Entry → position in the ranked search result (0 = best) and the reason it matched.
    QHash<const ErrorEntry*, QPair<int, QString>> m_matches;
};
