#pragma once

#include <QStyledItemDelegate>

#include <functional>

// The "Explain" column of the findings: a link that acts on a single click.
class ExplainLinkDelegate : public QStyledItemDelegate
{
public:
    using Callback = std::function<void(const QModelIndex&)>;
    ExplainLinkDelegate(Callback callback, QObject* parent)
        : QStyledItemDelegate(parent)
        , m_callback(std::move(callback))
    {}

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;

private:
    Callback m_callback;
};
