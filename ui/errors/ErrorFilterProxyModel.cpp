#include "ErrorFilterProxyModel.h"

#include "ErrorCodeModel.h"

ErrorFilterProxyModel::ErrorFilterProxyModel(ErrorCodeModel* source, QObject* parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    setSourceModel(source);
    setDynamicSortFilter(true);
    // lessThan ignores the column: the order is by rank or code whatever the sort column.
    sort(0, Qt::AscendingOrder);
}

void ErrorFilterProxyModel::setQuery(const QString& query)
{
    const QString trimmed = query.trimmed();
    if (trimmed == m_query)
        return;
    m_query = trimmed;
    m_matches.clear();
    if (!m_query.isEmpty()) {
        const QList<ErrorCatalog::Match> matches = m_source->catalog().search(m_query);
        for (int i = 0; i < matches.size(); ++i) {
            if (!m_matches.contains(matches.at(i).entry))
                m_matches.insert(matches.at(i).entry, {i, matches.at(i).reason});
        }
    }
    // Both the accepted set and the order change.
    invalidate();
}

void ErrorFilterProxyModel::setCategory(const QString& category)
{
    if (category == m_category)
        return;
    m_category = category;
    invalidateFilter();
}

void ErrorFilterProxyModel::setLevel(const QString& level)
{
    if (level == m_level)
        return;
    m_level = level;
    invalidateFilter();
}

const ErrorEntry* ErrorFilterProxyModel::entryAt(int proxyRow) const
{
    if (proxyRow < 0 || proxyRow >= rowCount())
        return nullptr;
    return m_source->entryAt(mapToSource(index(proxyRow, 0)).row());
}

int ErrorFilterProxyModel::rowOf(const ErrorEntry* entry) const
{
    const int sourceRow = m_source->rowOf(entry);
    if (sourceRow < 0)
        return -1;
    const QModelIndex proxyIndex = mapFromSource(m_source->index(sourceRow, 0));
    return proxyIndex.isValid() ? proxyIndex.row() : -1;
}

QString ErrorFilterProxyModel::matchReason(const ErrorEntry* entry) const
{
    return m_matches.value(entry).second;
}

QVariant ErrorFilterProxyModel::data(const QModelIndex& index, int role) const
{
    if (role == MatchReasonRole) {
        if (!index.isValid())
            return {};
        return matchReason(entryAt(index.row()));
    }
    if (role == Qt::ToolTipRole && hasQuery() && index.isValid()) {
        const QString tip = QSortFilterProxyModel::data(index, role).toString();
        const QString reason = matchReason(entryAt(index.row()));
        if (!reason.isEmpty())
            return tip + QLatin1Char('\n') + tr("Matched: %1").arg(reason);
        return tip;
    }
    return QSortFilterProxyModel::data(index, role);
}

bool ErrorFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    const ErrorEntry* e = m_source->entryAt(sourceRow);
    if (!e)
        return false;
    if (!m_category.isEmpty() && e->category != m_category)
        return false;
    if (!m_level.isEmpty() && e->level != m_level)
        return false;
    return m_query.isEmpty() || m_matches.contains(e);
}

bool ErrorFilterProxyModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const ErrorEntry* a = m_source->entryAt(left.row());
    const ErrorEntry* b = m_source->entryAt(right.row());
    if (!a || !b)
        return left.row() < right.row();
    if (!m_query.isEmpty()) {
        const int rankA = m_matches.value(a, {INT_MAX, QString()}).first;
        const int rankB = m_matches.value(b, {INT_MAX, QString()}).first;
        if (rankA != rankB)
            return rankA < rankB;
    }
    if (a->isNumeric() != b->isNumeric())
        return a->isNumeric();
    if (a->isNumeric())
        return a->code < b->code;
    // Situations show their name (the code column is empty), so they are ordered by it.
    return a->name != b->name ? a->name < b->name : a->key < b->key;
}
