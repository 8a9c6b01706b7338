#include "ElideLabel.h"

#include <QPainter>
#include <QStyle>

QSize ElideLabel::minimumSizeHint() const
{
    const QMargins margins = contentsMargins();
    return {fontMetrics().horizontalAdvance(QStringLiteral("Wwww…")) + margins.left() + margins.right(),
            QLabel::minimumSizeHint().height()};
}

void ElideLabel::paintEvent(QPaintEvent* event)
{
    const QRect area = contentsRect();
    if (fontMetrics().horizontalAdvance(text()) <= area.width())
        return QLabel::paintEvent(event);
    QPainter painter(this);
    const QString shown = fontMetrics().elidedText(text(), Qt::ElideRight, area.width());
    style()->drawItemText(&painter, area, int(alignment()), palette(), isEnabled(), shown, foregroundRole());
}
