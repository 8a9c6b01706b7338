#pragma once

#include <QWidget>

// The composer's Headers, Raw body and Response pages are set up into their empty tabs when first
// opened or filled (startup builds only what the first frame shows).
namespace LazyPage {
// A page filled while its tab is already on screen: its new children are shown now, not on the
// next event-loop turn.
inline void showNewChildren(QWidget* page)
{
    if (!page->isVisible())
        return;
    const QList<QWidget*> children = page->findChildren<QWidget*>(Qt::FindDirectChildrenOnly);
    for (QWidget* child : children)
        child->show();
}
} // namespace LazyPage
