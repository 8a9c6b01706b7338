#pragma once

#include <QObject>

#include <functional>

namespace Ui {
class InspectorContent;
}
class BodyView;

// The inspector's find bar: searches the body view or the raw view (whichever tab shows),
// reports the line of the match, Enter / Shift+Enter for next / previous, Escape closes.
class BodyFindBar : public QObject
{
    Q_OBJECT

public:
    // ui: the results page holding the bar and the views; busy: whether the response is still
    // being analysed (nothing to search yet).
    BodyFindBar(Ui::InspectorContent* ui, std::function<bool()> busy, QObject* parent = nullptr);

    void show();
    void next();
    void previous();
    // Searches again after the views got new content, when the bar is open with a text.
    void refresh();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void run(bool backward, bool restart);
    void onFinished(BodyView* view);
    BodyView* target();

    Ui::InspectorContent* m_ui;
    std::function<bool()> m_busy;
};
