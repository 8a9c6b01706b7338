#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

class QTreeView;

// Keeps a lazy model's rows coming while a tree view is scrolled. QTreeView fetches more only
// for the ancestors of its very last row, so an array followed by other members (an envelope's
// result before its error and id) stopped at the rows first fetched. This looks at the rows in
// view instead: when the last fetched row of any parent is visible and the model has more, it
// fetches the next batch (after scrolling, resizing, expanding, or rows arriving).
class LazyTreeFetcher : public QObject
{
    Q_OBJECT

public:
    // The view's model is set already (and stays).
    explicit LazyTreeFetcher(QTreeView* view);

    // Fetches for the rows in view now (otherwise done one event-loop turn after a change).
    void fetchVisible();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void schedule();

    QPointer<QTreeView> m_view;
    QTimer m_timer;
};
