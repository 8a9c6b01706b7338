#pragma once

#include <QLabel>

// A one-line plain-text label that gives way when space is short: it draws "…" at the end
// instead of making its container wider (the status bar's labels: a long simulator address or
// verdict must not set the window's minimum width). text() stays the whole text; the layout
// sees the full width as the size hint and a few characters as the minimum.
class ElideLabel : public QLabel
{
    Q_OBJECT

public:
    using QLabel::QLabel;

    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
};
