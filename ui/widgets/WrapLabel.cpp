#include "WrapLabel.h"

#include <QEvent>

WrapLabel::WrapLabel(QWidget* parent)
    : QLabel(parent)
{
    setWordWrap(true);
}

int WrapLabel::heightForWidth(int width) const
{
    const QString current = text();
    if (current != m_cachedText || contentsMargins() != m_cachedMargins || margin() != m_cachedMargin ||
        indent() != m_cachedIndent || wordWrap() != m_cachedWordWrap || textFormat() != m_cachedFormat) {
        m_heights.clear();
        m_cachedText = current;
        m_cachedMargins = contentsMargins();
        m_cachedMargin = margin();
        m_cachedIndent = indent();
        m_cachedWordWrap = wordWrap();
        m_cachedFormat = textFormat();
    }
    for (const Entry& entry : std::as_const(m_heights)) {
        if (entry.width == width)
            return entry.height;
    }
    const int height = QLabel::heightForWidth(width);
    if (m_heights.size() == m_heights.capacity())
        m_heights.remove(0); // the oldest width goes
    m_heights.append({width, height});
    return height;
}

void WrapLabel::changeEvent(QEvent* event)
{
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::StyleChange:
    case QEvent::PaletteChange: // rich text may carry colours, not sizes; cheap to be safe
    case QEvent::LocaleChange:
    case QEvent::LayoutDirectionChange:
        m_heights.clear();
        break;
    default:
        break;
    }
    QLabel::changeEvent(event);
}
