#pragma once

#include "JsonIndex.h"

#include <QAbstractItemModel>
#include <QHash>

#include <memory>

// A lazy tree over a JsonIndex (docs/design.md, Big responses), Qt Core only. Nothing is materialised per row:
// a QModelIndex carries the node id, and every call is O(1) except paths (O(depth)). Children
// are exposed in batches through canFetchMore()/fetchMore(), so expanding a 1 000 000-element
// array costs a view one batch, not a million rows.
//
// The document root is the single top-level row (key "$"), so scalar documents and findings
// about the whole body ("$") have a row too.
class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        KeyColumn,
        ValueColumn,
        TypeColumn,
        ColumnCount
    };
    enum Role
    {
        PathRole = Qt::UserRole + 1, // QString: $.result.creates[1].error
        NodeRole,                    // quint32: JsonIndex node id
        OffsetRole,                  // qint64: first byte of the value in the body
        LengthRole,                  // qint64: bytes of the value (brackets and quotes included)
        ValueRole,                   // QVariant: the full scalar (string, qint64/double, bool, nullptr)
        TypeRole,                    // QString: object, array, string, number, boolean, null
        ChildCountRole,              // int: members or elements (all of them, fetched or not)
        KeyRole,                     // QString: the full key; empty for array elements and the root
    };
    Q_ENUM(Role)

    explicit JsonTreeModel(QObject* parent = nullptr);
    ~JsonTreeModel() override;

    // Replaces the document (a model reset). Null or invalid index: an empty model.
    void setDocument(std::shared_ptr<const JsonIndex> document);
    std::shared_ptr<const JsonIndex> document() const { return m_document; }

    // Rows exposed per fetchMore() (and initially). Default 1000.
    int fetchBatchSize() const { return m_batchSize; }
    void setFetchBatchSize(int rows);

    JsonIndex::NodeId nodeForIndex(const QModelIndex& index) const;
    // The row of a node, fetching along its path as needed (so a finding deep in a big array
    // can be selected and scrolled to). Invalid for npos or without a document.
    QModelIndex indexForNode(JsonIndex::NodeId node, int column = KeyColumn);

    QModelIndex index(int row, int column, const QModelIndex& parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex& index) const override;
    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex& parent = QModelIndex()) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    bool hasDocument() const { return m_document && m_document->isValid(); }
    // Rows of node currently exposed; the first call exposes the first batch.
    int exposed(JsonIndex::NodeId node) const;
    void exposeUpTo(JsonIndex::NodeId node, int rows);

    std::shared_ptr<const JsonIndex> m_document;
    int m_batchSize = 1000;
    bool m_changing = false;
    mutable QHash<JsonIndex::NodeId, int> m_exposed;
};
