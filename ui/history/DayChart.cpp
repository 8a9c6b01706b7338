#include "DayChart.h"

#include "Tone.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

DayChart::DayChart(QWidget* parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_Hover);
    setAccessibleName(tr("Calls and errors per day"));
    setToolTip(tr("Calls per day; the error part in red. Click a bar to see that day's calls."));
}

void DayChart::setDays(const QList<Day>& days)
{
    m_days.clear();
    m_most = 0;
    m_current = -1;
    if (!days.isEmpty()) {
        QDate first = days.constFirst().date;
        QDate last = first;
        for (const Day& day : days) {
            first = std::min(first, day.date);
            last = std::max(last, day.date);
        }
        first = std::max(first, last.addDays(-(kMaxDays - 1)));
        for (QDate date = first; date <= last; date = date.addDays(1))
            m_days.append({date, 0, 0});
        for (const Day& day : days) {
            const qint64 at = first.daysTo(day.date);
            if (at < 0)
                continue;
            m_days[at].calls += day.calls;
            m_days[at].errors += day.errors;
            m_most = std::max(m_most, m_days[at].calls);
        }
    }
    update();
}

QSize DayChart::sizeHint() const
{
    return {400, 8 * fontMetrics().height()};
}

QSize DayChart::minimumSizeHint() const
{
    return {120, 5 * fontMetrics().height()};
}

QRect DayChart::plotArea() const
{
    // Room on the left for the scale, below for the first and last date.
    const QFontMetrics metrics = fontMetrics();
    const int left = metrics.horizontalAdvance(QLocale().toString(std::max<qint64>(m_most, 10))) + 8;
    return rect().adjusted(left, metrics.height() / 2, -4, -(metrics.height() + 4));
}

QRect DayChart::columnRect(int index) const
{
    const QRect area = plotArea();
    if (m_days.isEmpty() || index < 0 || index >= m_days.size())
        return {};
    // A few days do not stretch into wide slabs: bars stay narrow, from the left.
    const double width = std::min(double(area.width()) / double(m_days.size()), 3.0 * fontMetrics().height());
    const int left = area.left() + int(index * width);
    const int right = area.left() + int((index + 1) * width);
    return QRect(left, area.top(), std::max(1, right - left), area.height());
}

QRect DayChart::barRect(const QDate& date) const
{
    for (int i = 0; i < m_days.size(); ++i) {
        if (m_days.at(i).date == date)
            return columnRect(i);
    }
    return {};
}

int DayChart::indexAt(const QPoint& pos) const
{
    for (int i = 0; i < m_days.size(); ++i) {
        const QRect column = columnRect(i);
        if (pos.x() >= column.left() && pos.x() <= column.right())
            return i;
    }
    return -1;
}

void DayChart::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QPalette& palette = this->palette();
    const QRect area = plotArea();
    painter.setPen(palette.color(QPalette::Mid));
    painter.drawLine(area.bottomLeft(), area.bottomRight());
    if (m_days.isEmpty() || m_most <= 0) {
        painter.setPen(palette.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No calls recorded yet"));
        return;
    }
    QColor ok = Tone::color(Tone::Kind::Ok, palette);
    ok.setAlpha(160);
    const QColor error = Tone::color(Tone::Kind::Error, palette);
    for (int i = 0; i < m_days.size(); ++i) {
        const Day& day = m_days.at(i);
        const QRect column = columnRect(i);
        const int gap = column.width() > 4 ? std::max(1, column.width() / 6) : 0;
        const int height = int(double(area.height()) * double(day.calls) / double(m_most));
        const int errorHeight = int(double(area.height()) * double(day.errors) / double(m_most));
        const QRect bar(column.left() + gap, area.bottom() + 1 - height, column.width() - 2 * gap, height);
        painter.fillRect(bar, ok);
        painter.fillRect(QRect(bar.left(), area.bottom() + 1 - errorHeight, bar.width(), errorHeight), error);
        if (i == m_current && hasFocus()) {
            painter.setPen(QPen(palette.color(QPalette::Highlight), 2));
            painter.drawRect(column.adjusted(1, 1, -1, -1));
        }
    }
    // The scale: the busiest day's count; the first and last dates.
    const QFontMetrics metrics = fontMetrics();
    painter.setPen(palette.color(QPalette::WindowText));
    painter.drawText(QRect(0, area.top() - metrics.height() / 2, area.left() - 4, metrics.height()),
                     Qt::AlignRight | Qt::AlignVCenter, QLocale().toString(m_most));
    painter.drawText(QRect(0, area.bottom() - metrics.height() / 2, area.left() - 4, metrics.height()),
                     Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("0"));
    const int dateWidth = metrics.horizontalAdvance(QStringLiteral("0000-00-00"));
    const int labelsRight = std::max(columnRect(int(m_days.size()) - 1).right(), area.left() + 2 * dateWidth + 12);
    const QRect labels(area.left(), area.bottom() + 3, std::min(area.width(), labelsRight - area.left()),
                       metrics.height());
    painter.drawText(labels, Qt::AlignLeft | Qt::AlignTop, m_days.constFirst().date.toString(Qt::ISODate));
    if (m_days.size() > 1)
        painter.drawText(labels, Qt::AlignRight | Qt::AlignTop, m_days.constLast().date.toString(Qt::ISODate));
}

void DayChart::mousePressEvent(QMouseEvent* event)
{
    const int index = indexAt(event->position().toPoint());
    if (event->button() != Qt::LeftButton || index < 0 || m_days.at(index).calls == 0)
        return QWidget::mousePressEvent(event);
    m_current = index;
    update();
    emit dayActivated(m_days.at(index).date);
}

void DayChart::keyPressEvent(QKeyEvent* event)
{
    if (m_days.isEmpty())
        return QWidget::keyPressEvent(event);
    switch (event->key()) {
    case Qt::Key_Left:
        m_current = m_current < 0 ? int(m_days.size()) - 1 : std::max(0, m_current - 1);
        break;
    case Qt::Key_Right:
        m_current = m_current < 0 ? 0 : std::min(int(m_days.size()) - 1, m_current + 1);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_current >= 0 && m_days.at(m_current).calls > 0)
            emit dayActivated(m_days.at(m_current).date);
        return;
    default:
        return QWidget::keyPressEvent(event);
    }
    update();
    const Day& day = m_days.at(m_current);
    QToolTip::showText(
        mapToGlobal(columnRect(m_current).center()),
        tr("%1: %2 calls, %3 errors")
            .arg(day.date.toString(Qt::ISODate), QLocale().toString(day.calls), QLocale().toString(day.errors)),
        this);
}

bool DayChart::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const int index = indexAt(help->pos());
        if (index >= 0) {
            const Day& day = m_days.at(index);
            QToolTip::showText(
                help->globalPos(),
                tr("%1: %2 calls, %3 errors — click to see them")
                    .arg(day.date.toString(Qt::ISODate), QLocale().toString(day.calls), QLocale().toString(day.errors)),
                this, columnRect(index));
            return true;
        }
    }
    return QWidget::event(event);
}
