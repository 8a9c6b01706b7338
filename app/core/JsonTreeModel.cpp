#include "JsonTreeModel.h"

#include "TerminalText.h"

#include <vector>

namespace {
constexpr int kMaxKeyChars = 200;
constexpr int kMaxValueChars = 200;
} // namespace

JsonTreeModel::JsonTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setDocument(std::shared_ptr<const JsonIndex> document)
{
    m_changing = true;
    beginResetModel();
    m_document = std::move(document);
    m_exposed.clear();
    endResetModel();
    m_changing = false;
}

void JsonTreeModel::setFetchBatchSize(int rows)
{
    m_batchSize = std::max(1, rows);
}

int JsonTreeModel::exposed(JsonIndex::NodeId node) const
{
    const auto it = m_exposed.constFind(node);
    if (it != m_exposed.constEnd())
        return *it;
    const int rows = std::min(m_document->childCount(node), m_batchSize);
    m_exposed.insert(node, rows);
    return rows;
}

JsonIndex::NodeId JsonTreeModel::nodeForIndex(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this || !hasDocument())
        return JsonIndex::npos;
    return JsonIndex::NodeId(index.internalId());
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasDocument() || row < 0 || column < 0 || column >= ColumnCount)
        return QModelIndex();
    if (!parent.isValid())
        return row == 0 ? createIndex(0, column, quintptr(m_document->root())) : QModelIndex();
    if (parent.column() != KeyColumn)
        return QModelIndex();
    const JsonIndex::NodeId node = nodeForIndex(parent);
    if (row >= exposed(node))
        return QModelIndex();
    return createIndex(row, column, quintptr(m_document->child(node, row)));
}

QModelIndex JsonTreeModel::parent(const QModelIndex& child) const
{
    const JsonIndex::NodeId node = nodeForIndex(child);
    if (node == JsonIndex::npos)
        return QModelIndex();
    const JsonIndex::NodeId up = m_document->parent(node);
    if (up == JsonIndex::npos)
        return QModelIndex();
    return createIndex(m_document->row(up), KeyColumn, quintptr(up));
}

QModelIndex JsonTreeModel::sibling(int row, int column, const QModelIndex& index) const
{
    if (index.isValid() && row == index.row() && column >= 0 && column < ColumnCount)
        return createIndex(row, column, index.internalId()); // same node, another column: no lookup
    return QAbstractItemModel::sibling(row, column, index);
}

int JsonTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!hasDocument())
        return 0;
    if (!parent.isValid())
        return 1;
    if (parent.column() != KeyColumn)
        return 0;
    return exposed(nodeForIndex(parent));
}

int JsonTreeModel::columnCount(const QModelIndex& parent) const
{
    Q_UNUSED(parent);
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex& parent) const
{
    if (!hasDocument())
        return false;
    if (!parent.isValid())
        return true;
    if (parent.column() != KeyColumn)
        return false;
    return m_document->childCount(nodeForIndex(parent)) > 0;
}

bool JsonTreeModel::canFetchMore(const QModelIndex& parent) const
{
    // Not while rows are being inserted or the model reset: views and testers react to those
    // signals by asking for more, and a nested insertion would break the change in progress.
    if (m_changing || !hasDocument() || !parent.isValid() || parent.column() != KeyColumn)
        return false;
    const JsonIndex::NodeId node = nodeForIndex(parent);
    return exposed(node) < m_document->childCount(node);
}

void JsonTreeModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    const JsonIndex::NodeId node = nodeForIndex(parent);
    const int have = exposed(node);
    const int want = int(std::min<qint64>(m_document->childCount(node), qint64(have) + m_batchSize));
    m_changing = true;
    beginInsertRows(parent, have, want - 1);
    m_exposed.insert(node, want);
    endInsertRows();
    m_changing = false;
}

void JsonTreeModel::exposeUpTo(JsonIndex::NodeId node, int rows)
{
    const int have = exposed(node);
    if (rows <= have || m_changing)
        return;
    // Whole batches, as fetchMore would have done.
    const qint64 batches = (qint64(rows) - have + m_batchSize - 1) / m_batchSize;
    const int want = int(std::min<qint64>(m_document->childCount(node), have + batches * m_batchSize));
    m_changing = true;
    beginInsertRows(createIndex(m_document->row(node), KeyColumn, quintptr(node)), have, want - 1);
    m_exposed.insert(node, want);
    endInsertRows();
    m_changing = false;
}

QModelIndex JsonTreeModel::indexForNode(JsonIndex::NodeId node, int column)
{
    if (!hasDocument() || node == JsonIndex::npos || node >= m_document->nodeCount() || column < 0 ||
        column >= ColumnCount)
        return QModelIndex();
    // Ancestors from the root down (iteratively: documents may be 100 000 levels deep).
    std::vector<JsonIndex::NodeId> path;
    for (JsonIndex::NodeId n = node; n != JsonIndex::npos; n = m_document->parent(n))
        path.push_back(n);
    for (size_t i = path.size() - 1; i > 0; --i)
        exposeUpTo(path[i], m_document->row(path[i - 1]) + 1);
    return createIndex(m_document->row(node), column, quintptr(node));
}

QVariant JsonTreeModel::data(const QModelIndex& index, int role) const
{
    const JsonIndex::NodeId node = nodeForIndex(index);
    if (node == JsonIndex::npos)
        return QVariant();
    const JsonIndex& doc = *m_document;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn: {
            if (doc.parent(node) == JsonIndex::npos)
                return QStringLiteral("$");
            if (!doc.hasKey(node))
                return QStringLiteral("[%1]").arg(doc.row(node));
            QString key = doc.key(node);
            if (key.size() > kMaxKeyChars)
                key = key.left(kMaxKeyChars) + QChar(0x2026);
            // Controls and bidi overrides from a response are shown escaped, never obeyed.
            return TerminalText::escape(key);
        }
        case ValueColumn:
            return TerminalText::escape(doc.displayValue(node, kMaxValueChars));
        case TypeColumn:
            return JsonIndex::typeName(doc.type(node));
        }
        return QVariant();
    case Qt::ToolTipRole:
    case PathRole:
        return doc.path(node);
    case NodeRole:
        return QVariant::fromValue(quint32(node));
    case OffsetRole:
        return doc.offset(node);
    case LengthRole:
        return doc.length(node);
    case ValueRole:
        return doc.value(node);
    case TypeRole:
        return JsonIndex::typeName(doc.type(node));
    case ChildCountRole:
        return doc.childCount(node);
    case KeyRole:
        return doc.hasKey(node) ? doc.key(node) : QString();
    default:
        break;
    }
    return QVariant();
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    }
    return QVariant();
}

Qt::ItemFlags JsonTreeModel::flags(const QModelIndex& index) const
{
    const JsonIndex::NodeId node = nodeForIndex(index);
    if (node == JsonIndex::npos)
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() != KeyColumn || !m_document->isContainer(node))
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QHash<int, QByteArray> JsonTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(PathRole, "path");
    names.insert(NodeRole, "node");
    names.insert(OffsetRole, "offset");
    names.insert(LengthRole, "length");
    names.insert(ValueRole, "value");
    names.insert(TypeRole, "type");
    names.insert(ChildCountRole, "childCount");
    names.insert(KeyRole, "key");
    return names;
}
