#include "LazyTreeFetcher.h"

#include <QEvent>
#include <QScrollBar>
#include <QTreeView>

LazyTreeFetcher::LazyTreeFetcher(QTreeView* view)
    : QObject(view)
    , m_view(view)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &LazyTreeFetcher::fetchVisible);
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this, &LazyTreeFetcher::schedule);
    connect(view, &QTreeView::expanded, this, &LazyTreeFetcher::schedule);
    view->viewport()->installEventFilter(this);
    if (QAbstractItemModel* model = view->model()) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &LazyTreeFetcher::schedule);
        connect(model, &QAbstractItemModel::modelReset, this, &LazyTreeFetcher::schedule);
    }
}

bool LazyTreeFetcher::eventFilter(QObject* watched, QEvent* event)
{
    if (m_view && watched == m_view->viewport() && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        schedule();
    return QObject::eventFilter(watched, event);
}

void LazyTreeFetcher::schedule()
{
    m_timer.start();
}

void LazyTreeFetcher::fetchVisible()
{
    if (!m_view || !m_view->model() || !m_view->isVisible())
        return;
    QAbstractItemModel* model = m_view->model();
    const int bottom = m_view->viewport()->height();
    // Only the rows in view (a few dozen), top to bottom; one batch per pass: the rows it adds
    // schedule the next pass if the end of that parent is still in view.
    for (QModelIndex index = m_view->indexAt(QPoint(0, 0)); index.isValid(); index = m_view->indexBelow(index)) {
        if (m_view->visualRect(index).top() > bottom)
            break;
        const QModelIndex parent = index.parent();
        if (parent.isValid() && index.row() == model->rowCount(parent) - 1 && model->canFetchMore(parent)) {
            model->fetchMore(parent);
            return;
        }
    }
}
