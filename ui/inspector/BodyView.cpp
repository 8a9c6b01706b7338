#include "BodyView.h"

#include "FindingsModel.h"
#include "TerminalText.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>
#include <QtConcurrent>
#include <QToolTip>

namespace {
constexpr int kMarkerWidth = 14;
constexpr int kGutterPadding = 6;
constexpr int kTextMargin = 6;

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QColor severityHue(Finding::Severity severity)
{
    switch (severity) {
    case Finding::Severity::Error:
        return QColor(0xe5, 0x39, 0x35);
    case Finding::Severity::Warning:
        return QColor(0xf5, 0xa6, 0x23);
    case Finding::Severity::Info:
        break;
    }
    return QColor(0x1e, 0x88, 0xe5);
}

// The tint of a marked range; stronger for the one the user selected.
QColor markBackground(Finding::Severity severity, const QPalette& palette, bool selected)
{
    const double t = isDark(palette) ? (selected ? 0.40 : 0.24) : (selected ? 0.26 : 0.12);
    return mix(palette.color(QPalette::Base), severityHue(severity), t);
}

BodyView::FindResult runSearch(const std::shared_ptr<const BodyLayout>& layout, const BodySearch& search, qint64 from,
                               bool backward, const std::atomic<bool>* cancel)
{
    const QByteArrayView bytes = layout->bytes();
    BodySearch::Match match = search.find(bytes, from, backward, cancel);
    bool wrapped = false;
    if (!match.isValid() && !(cancel && *cancel)) {
        match = search.find(bytes, backward ? bytes.size() : 0, backward, cancel);
        wrapped = match.isValid();
    }
    if (!match.isValid())
        return {};
    // "3 of 17": the matches before this one and all of them (non-overlapping, like find).
    const qint64 limit = BodyView::kFindCountLimit;
    const qint64 total = search.count(bytes, limit, cancel);
    const qint64 before = search.count(bytes.first(match.offset), limit, cancel);
    return {true, wrapped, match.offset, match.length, std::min(before + 1, std::max<qint64>(total, 1)), total};
}
} // namespace

BodyView::BodyView(QWidget* parent)
    : QAbstractScrollArea(parent)
    , m_theme(JsonHighlighter::Theme::forPalette(palette()))
{
    qRegisterMetaType<BodyView::FindResult>();
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    m_font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    updateMetrics();
    connect(&m_findWatcher, &QFutureWatcher<FindResult>::finished, this, [this] {
        if (!m_findWatcher.isCanceled())
            finishFind(m_findWatcher.result());
    });
}

BodyView::~BodyView()
{
    if (m_findCancel)
        *m_findCancel = true;
    m_findWatcher.waitForFinished();
}

void BodyView::updateMetrics()
{
    const QFontMetrics fm(m_font);
    m_lineHeight = fm.lineSpacing() + 1;
    m_charWidth = std::max(1, fm.horizontalAdvance(QLatin1Char('0')));
    m_ascent = fm.ascent();
    viewport()->setFont(m_font);
}

void BodyView::setBodyLayout(std::shared_ptr<const BodyLayout> layout, bool highlight)
{
    clearFind();
    m_layout = std::move(layout);
    m_highlight = highlight;
    m_message.clear();
    m_selectionStart = m_selectionEnd = m_selectionAnchor = {};
    m_maxWidth = 0;
    if (m_layout) {
        const int estimate = m_layout->mode() == BodyLayout::Mode::Pretty ? (m_layout->maxDepth() * 2 + 80)
                                                                          : BodyLayout::maxRawLineBytes();
        m_maxWidth = estimate * m_charWidth;
    }
    recomputeMarkRanges();
    if (m_highlightLength > 0)
        m_highlightRange = displayRange(m_highlightOffset, m_highlightLength, true);
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
}

void BodyView::showMessage(const QString& message)
{
    clearFind();
    m_layout.reset();
    m_message = message;
    m_markRanges.clear();
    updateScrollBars();
    viewport()->update();
}

void BodyView::setMarks(const QList<Mark>& marks)
{
    m_marks = marks;
    recomputeMarkRanges();
    viewport()->update();
}

void BodyView::recomputeMarkRanges()
{
    m_markRanges.clear();
    if (!m_layout)
        return;
    m_markRanges.reserve(m_marks.size());
    for (const Mark& mark : std::as_const(m_marks))
        m_markRanges.append(displayRange(mark.offset, std::max<qint64>(1, mark.length), true));
}

BodyView::DisplayRange BodyView::displayRange(qint64 offset, qint64 length, bool fullLinesInPretty) const
{
    DisplayRange range;
    if (!m_layout || offset < 0)
        return range;
    range.start = m_layout->positionOf(offset);
    range.end = m_layout->positionOf(offset + length);
    // The exclusive end of a value is the byte after it, which pretty-printing may show on
    // the next line: the range ends with the value's last byte.
    if (length > 0) {
        const BodyLayout::Position last = m_layout->positionOf(offset + length - 1);
        if (range.end.line != last.line)
            range.end = {last.line, last.column + 1};
    }
    range.fullLines = fullLinesInPretty && m_layout->mode() == BodyLayout::Mode::Pretty;
    return range;
}

void BodyView::setHighlightedRange(qint64 offset, qint64 length, bool reveal)
{
    m_highlightOffset = length > 0 ? offset : -1;
    m_highlightLength = length > 0 ? length : 0;
    m_highlightRange = displayRange(m_highlightOffset, m_highlightLength, true);
    if (reveal && m_highlightLength > 0)
        revealOffset(offset);
    viewport()->update();
}

qint64 BodyView::firstVisibleLine() const
{
    return verticalScrollBar()->value();
}

int BodyView::visibleLineCount() const
{
    return std::max(1, viewport()->height() / m_lineHeight);
}

bool BodyView::isLineVisible(qint64 line) const
{
    const qint64 first = firstVisibleLine();
    return line >= first && line < first + visibleLineCount();
}

void BodyView::scrollToLine(qint64 line)
{
    verticalScrollBar()->setValue(int(std::clamp<qint64>(line, 0, verticalScrollBar()->maximum())));
}

void BodyView::revealOffset(qint64 offset)
{
    if (!m_layout)
        return;
    const BodyLayout::Position pos = m_layout->positionOf(offset);
    if (!isLineVisible(pos.line))
        scrollToLine(pos.line - visibleLineCount() / 3);
    const QString text = m_layout->lineText(pos.line);
    const int x = xOf(text, pos.column);
    const int textWidth = viewport()->width() - gutterWidth() - kTextMargin;
    QScrollBar* h = horizontalScrollBar();
    if (x < h->value() || x > h->value() + textWidth - 4 * m_charWidth) {
        m_maxWidth = std::max(m_maxWidth, x + textWidth);
        updateScrollBars();
        h->setValue(std::max(0, x - 8 * m_charWidth));
    }
}

int BodyView::gutterWidth() const
{
    qint64 lines = m_layout ? m_layout->lineCount() : 1;
    int digits = 1;
    while (lines >= 10) {
        lines /= 10;
        ++digits;
    }
    return kGutterPadding + std::max(3, digits) * m_charWidth + kGutterPadding + kMarkerWidth;
}

void BodyView::updateScrollBars()
{
    const qint64 lines = m_layout ? m_layout->lineCount() : 0;
    const int visible = visibleLineCount();
    QScrollBar* v = verticalScrollBar();
    v->setPageStep(visible);
    v->setSingleStep(1);
    v->setRange(0, int(std::min<qint64>(INT_MAX, std::max<qint64>(0, lines - visible + 1))));
    QScrollBar* h = horizontalScrollBar();
    const int textWidth = viewport()->width() - gutterWidth() - kTextMargin;
    h->setPageStep(std::max(1, textWidth));
    h->setSingleStep(m_charWidth * 4);
    h->setRange(0, m_layout ? std::max(0, m_maxWidth - textWidth) : 0);
}

void BodyView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void BodyView::scrollContentsBy(int dx, int dy)
{
    Q_UNUSED(dx)
    Q_UNUSED(dy)
    viewport()->update();
}

qint64 BodyView::lineAt(int y) const
{
    return firstVisibleLine() + (y < 0 ? (y / m_lineHeight - 1) : y / m_lineHeight);
}

int BodyView::xOf(const QString& text, int column) const
{
    const QFontMetrics fm(m_font);
    return fm.horizontalAdvance(text, std::clamp(column, 0, int(text.size())));
}

int BodyView::columnAt(const QString& text, int x) const
{
    if (x <= 0)
        return 0;
    // Advances grow with the column: bisect, then take the nearer edge of the character.
    int lo = 0;
    int hi = int(text.size());
    while (lo < hi) {
        const int mid = (lo + hi + 1) / 2;
        if (xOf(text, mid) <= x)
            lo = mid;
        else
            hi = mid - 1;
    }
    if (lo < text.size() && x - xOf(text, lo) > (xOf(text, lo + 1) - xOf(text, lo)) / 2)
        ++lo;
    return lo;
}

BodyLayout::Position BodyView::positionAt(const QPoint& point) const
{
    if (!m_layout || m_layout->lineCount() == 0)
        return {};
    const qint64 line = std::clamp<qint64>(lineAt(point.y()), 0, m_layout->lineCount() - 1);
    const QString text = m_layout->lineText(line);
    const int x = point.x() - gutterWidth() - kTextMargin + horizontalScrollBar()->value();
    return {line, columnAt(text, x)};
}

void BodyView::paintLineText(QPainter& painter, const QString& text, int x, int y) const
{
    const QFontMetrics fm(m_font);
    const QColor plain = palette().color(QPalette::Text);
    const int baseline = y + m_ascent;
    if (!m_highlight || text.size() > JsonHighlighter::maxLineLength()) {
        painter.setPen(plain);
        painter.drawText(x, baseline, text);
        return;
    }
    // Runs in order: plain gaps between the tokens, then each token in its colour.
    int done = 0;
    int cursor = x;
    auto draw = [&](int start, int length, const QColor& color) {
        const QString run = text.mid(start, length);
        painter.setPen(color);
        painter.drawText(cursor, baseline, run);
        cursor += fm.horizontalAdvance(run);
    };
    JsonHighlighter::tokenize(text, [&](int start, int length, JsonHighlighter::Token token) {
        if (start > done)
            draw(done, start - done, plain);
        draw(start, length, m_theme.color(token));
        done = start + length;
    });
    if (done < text.size())
        draw(done, int(text.size()) - done, plain);
}

void BodyView::paintRange(QPainter& painter, const DisplayRange& range, qint64 line, const QString& text, int y,
                          const QColor& color, int textLeft) const
{
    if (line < range.start.line || line > range.end.line)
        return;
    const int scroll = horizontalScrollBar()->value();
    int left = textLeft - kTextMargin / 2;
    int right = viewport()->width();
    if (!range.fullLines) {
        if (line == range.start.line)
            left = textLeft - scroll + xOf(text, range.start.column);
        if (line == range.end.line)
            right = textLeft - scroll + xOf(text, range.end.column);
        else
            right = std::max(left + m_charWidth, textLeft - scroll + xOf(text, int(text.size())) + m_charWidth);
        if (right <= left)
            right = left + m_charWidth / 2;
    }
    painter.fillRect(QRect(left, y, right - left, m_lineHeight), color);
}

void BodyView::paintEvent(QPaintEvent* event)
{
    Q_UNUSED(event)
    QPainter painter(viewport());
    const QPalette& pal = palette();
    const QRect area = viewport()->rect();
    painter.fillRect(area, pal.color(QPalette::Base));
    painter.setFont(m_font);

    if (!m_layout) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(area.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }

    const int gutter = gutterWidth();
    const int textLeft = gutter + kTextMargin;
    const int scroll = horizontalScrollBar()->value();
    const qint64 first = firstVisibleLine();
    const qint64 last = std::min(m_layout->lineCount() - 1, first + visibleLineCount());
    const QColor highlightColor = mix(pal.color(QPalette::Base), pal.color(QPalette::Highlight), 0.30);
    const QColor selectionColor = pal.color(QPalette::Highlight);
    const QColor matchColor = isDark(pal) ? QColor(0x8a, 0x6d, 0x00) : QColor(0xff, 0xe0, 0x66);
    const QColor gutterColor = mix(pal.color(QPalette::Base), pal.color(QPalette::Window), 0.7);
    const QColor numberColor = pal.color(QPalette::PlaceholderText);

    // Marks that touch the visible lines, innermost painted last.
    QList<int> visibleMarks;
    for (int i = 0; i < m_markRanges.size(); ++i) {
        if (m_markRanges.at(i).start.line <= last && m_markRanges.at(i).end.line >= first)
            visibleMarks.append(i);
    }
    const DisplayRange selection{std::min(m_selectionStart, m_selectionEnd), std::max(m_selectionStart, m_selectionEnd),
                                 false};
    int widest = m_maxWidth;
    const QFontMetrics fm(m_font);
    // A highlighted error object keeps its own colour, stronger, rather than turning blue.
    int selectedMark = -1;
    for (int i = 0; i < m_marks.size() && m_highlightLength > 0; ++i) {
        if (m_marks.at(i).offset == m_highlightOffset && std::max<qint64>(1, m_marks.at(i).length) == m_highlightLength)
            selectedMark = i;
    }

    for (qint64 line = first; line <= last; ++line) {
        const int y = int(line - first) * m_lineHeight;
        QString text = m_layout->lineText(line);
        TerminalText::showBidiControlsInPlace(text); // shown, never obeyed
        painter.setClipRect(QRect(gutter, y, area.width() - gutter, m_lineHeight));
        for (int i : std::as_const(visibleMarks))
            paintRange(painter, m_markRanges.at(i), line, text, y,
                       markBackground(m_marks.at(i).severity, pal, i == selectedMark), textLeft);
        if (m_highlightLength > 0 && selectedMark < 0)
            paintRange(painter, m_highlightRange, line, text, y, highlightColor, textLeft);
        if (m_match.found)
            paintRange(painter, m_matchRange, line, text, y, matchColor, textLeft);
        if (hasSelection())
            paintRange(painter, selection, line, text, y, selectionColor, textLeft);
        paintLineText(painter, text, textLeft - scroll, y);
        widest = std::max(widest, fm.horizontalAdvance(text) + 4 * m_charWidth);
        painter.setClipping(false);
    }
    // A frame around a highlighted block of whole lines shows where it starts and ends.
    if (m_highlightLength > 0 && m_highlightRange.fullLines && m_highlightRange.start.line <= last &&
        m_highlightRange.end.line >= first) {
        const QColor frame =
            selectedMark >= 0 ? severityHue(m_marks.at(selectedMark).severity) : pal.color(QPalette::Highlight);
        const int top = int(m_highlightRange.start.line - first) * m_lineHeight;
        const int bottom = int(m_highlightRange.end.line - first + 1) * m_lineHeight;
        painter.setClipRect(QRect(gutter, 0, area.width() - gutter, area.height()));
        painter.setPen(QPen(frame, 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(
            QRect(textLeft - kTextMargin / 2, top, area.width() - textLeft + kTextMargin / 2 - 1, bottom - top - 1));
        painter.setClipping(false);
    }
    if (widest > m_maxWidth) {
        // Widths are learnt as lines are painted (measuring every line of a huge body up front
        // would defeat the point of painting lazily).
        const_cast<BodyView*>(this)->m_maxWidth = widest;
        QMetaObject::invokeMethod(const_cast<BodyView*>(this), &BodyView::updateScrollBars, Qt::QueuedConnection);
    }

    // Gutter: line numbers, then a bar along each marked range and the marker on its first line.
    painter.fillRect(QRect(0, 0, gutter, area.height()), gutterColor);
    const int numberRight = gutter - kMarkerWidth - kGutterPadding;
    for (qint64 line = first; line <= last; ++line) {
        const int y = int(line - first) * m_lineHeight;
        const qint64 number = m_layout->lineNumber(line);
        painter.setPen(numberColor);
        painter.drawText(QRect(0, y, numberRight, m_lineHeight), Qt::AlignRight | Qt::AlignVCenter,
                         number > 0 ? QString::number(number) : QStringLiteral("↪"));
    }
    for (int i : std::as_const(visibleMarks)) {
        const DisplayRange& range = m_markRanges.at(i);
        const QColor hue = severityHue(m_marks.at(i).severity);
        const int top = int(std::max(range.start.line, first) - first) * m_lineHeight;
        const int bottom = int(std::min(range.end.line, last) - first + 1) * m_lineHeight;
        painter.fillRect(QRect(gutter - 3, top, 3, bottom - top), hue);
        if (range.start.line >= first) {
            const int size = std::min(kMarkerWidth - 2, m_lineHeight - 2);
            const QPixmap icon = FindingsModel::severityIcon(m_marks.at(i).severity).pixmap(size);
            painter.drawPixmap(gutter - kMarkerWidth - 1, top + (m_lineHeight - size) / 2, icon);
        }
    }
}

const BodyView::Mark* BodyView::markAtLine(qint64 line, int* index) const
{
    // The innermost (shortest) marked range that contains the line.
    const Mark* best = nullptr;
    qint64 bestSpan = 0;
    for (int i = 0; i < m_markRanges.size(); ++i) {
        const DisplayRange& r = m_markRanges.at(i);
        if (line < r.start.line || line > r.end.line)
            continue;
        const qint64 span = r.end.line - r.start.line;
        if (!best || span < bestSpan) {
            best = &m_marks.at(i);
            bestSpan = span;
            if (index)
                *index = i;
        }
    }
    return best;
}

bool BodyView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && m_layout) {
        auto* help = static_cast<QHelpEvent*>(event);
        const qint64 line = lineAt(help->pos().y());
        if (const Mark* mark = markAtLine(line); mark && !mark->toolTip.isEmpty()) {
            const QRect lineRect(0, int(line - firstVisibleLine()) * m_lineHeight, viewport()->width(), m_lineHeight);
            QToolTip::showText(help->globalPos(), mark->toolTip, viewport(), lineRect);
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void BodyView::mousePressEvent(QMouseEvent* event)
{
    if (!m_layout || event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    if (event->position().x() < gutterWidth()) {
        int index = -1;
        if (markAtLine(lineAt(int(event->position().y())), &index) && index >= 0)
            emit markActivated(m_marks.at(index).findingRow);
        return;
    }
    const BodyLayout::Position pos = positionAt(event->position().toPoint());
    if (event->modifiers() & Qt::ShiftModifier) {
        m_selectionEnd = pos;
        m_selectionStart = m_selectionAnchor;
    } else {
        m_selectionAnchor = m_selectionStart = m_selectionEnd = pos;
    }
    m_selecting = true;
    m_dragged = false;
    viewport()->update();
}

void BodyView::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_selecting || !m_layout)
        return;
    const QPoint p = event->position().toPoint();
    // Dragging past the top or bottom scrolls, so long selections are possible.
    if (p.y() < 0)
        scrollToLine(firstVisibleLine() - 1);
    else if (p.y() > viewport()->height())
        scrollToLine(firstVisibleLine() + 1);
    const BodyLayout::Position pos = positionAt(p);
    if (pos != m_selectionEnd) {
        m_selectionStart = m_selectionAnchor;
        m_selectionEnd = pos;
        m_dragged = true;
        viewport()->update();
    }
}

void BodyView::mouseReleaseEvent(QMouseEvent* event)
{
    if (!m_selecting)
        return;
    m_selecting = false;
    if (!m_dragged && !(event->modifiers() & Qt::ShiftModifier) && m_layout) {
        const JsonIndex::NodeId node = m_layout->nodeAt(m_selectionEnd.line);
        if (node != JsonIndex::npos)
            emit nodeClicked(node);
    }
    if (hasSelection() && QApplication::clipboard()->supportsSelection())
        QApplication::clipboard()->setText(selectedText(), QClipboard::Selection);
}

void BodyView::mouseDoubleClickEvent(QMouseEvent* event)
{
    // Selects the word (or string content) under the pointer.
    if (!m_layout || event->button() != Qt::LeftButton)
        return;
    const BodyLayout::Position pos = positionAt(event->position().toPoint());
    const QString text = m_layout->lineText(pos.line);
    auto isWord = [&](int i) {
        const QChar c = text.at(i);
        return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('@') || c == QLatin1Char('.') ||
               c == QLatin1Char('-') || c == QLatin1Char('+');
    };
    int start = std::min(pos.column, int(text.size()) - 1);
    if (start < 0 || !isWord(start))
        return;
    int end = start;
    while (start > 0 && isWord(start - 1))
        --start;
    while (end < text.size() && isWord(end))
        ++end;
    m_selectionAnchor = m_selectionStart = {pos.line, start};
    m_selectionEnd = {pos.line, end};
    m_selecting = false;
    viewport()->update();
}

QString BodyView::selectedText() const
{
    if (!m_layout || !hasSelection())
        return QString();
    const BodyLayout::Position from = std::min(m_selectionStart, m_selectionEnd);
    const BodyLayout::Position to = std::max(m_selectionStart, m_selectionEnd);
    QString text;
    for (qint64 line = from.line; line <= to.line; ++line) {
        const QString lineText = m_layout->lineText(line);
        const int start = line == from.line ? std::min(from.column, int(lineText.size())) : 0;
        const int end = line == to.line ? std::min(to.column, int(lineText.size())) : int(lineText.size());
        text += QStringView(lineText).mid(start, std::max(0, end - start));
        // A wrapped raw line continues without a break; every other line ends with one.
        if (line < to.line && m_layout->lineNumber(line + 1) != 0)
            text += QLatin1Char('\n');
    }
    return text;
}

void BodyView::copy()
{
    if (hasSelection())
        QApplication::clipboard()->setText(selectedText());
}

void BodyView::selectAll()
{
    if (!m_layout || m_layout->lineCount() == 0)
        return;
    const qint64 last = m_layout->lineCount() - 1;
    m_selectionAnchor = m_selectionStart = {0, 0};
    m_selectionEnd = {last, int(m_layout->lineText(last).size())};
    viewport()->update();
}

void BodyView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        copy();
        return;
    }
    if (event->matches(QKeySequence::SelectAll)) {
        selectAll();
        return;
    }
    QScrollBar* v = verticalScrollBar();
    QScrollBar* h = horizontalScrollBar();
    switch (event->key()) {
    case Qt::Key_Up:
        v->triggerAction(QAbstractSlider::SliderSingleStepSub);
        return;
    case Qt::Key_Down:
        v->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        return;
    case Qt::Key_PageUp:
        v->triggerAction(QAbstractSlider::SliderPageStepSub);
        return;
    case Qt::Key_PageDown:
    case Qt::Key_Space:
        v->triggerAction(QAbstractSlider::SliderPageStepAdd);
        return;
    case Qt::Key_Left:
        h->triggerAction(QAbstractSlider::SliderSingleStepSub);
        return;
    case Qt::Key_Right:
        h->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        return;
    case Qt::Key_Home:
        if (event->modifiers() & Qt::ControlModifier)
            v->triggerAction(QAbstractSlider::SliderToMinimum);
        h->triggerAction(QAbstractSlider::SliderToMinimum);
        return;
    case Qt::Key_End:
        if (event->modifiers() & Qt::ControlModifier)
            v->triggerAction(QAbstractSlider::SliderToMaximum);
        return;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

QMenu* BodyView::createContextMenu(const QPoint& pos)
{
    auto* menu = new QMenu(this);
    QAction* copyAction = menu->addAction(tr("&Copy"), this, &BodyView::copy);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setEnabled(hasSelection());
    QAction* selectAllAction = menu->addAction(tr("Select &all"), this, &BodyView::selectAll);
    selectAllAction->setShortcut(QKeySequence::SelectAll);
    if (!m_layout)
        return menu;
    const qint64 line = lineAt(pos.y());
    const JsonIndex::NodeId node = m_layout->nodeAt(line);
    if (node != JsonIndex::npos) {
        const QString path = m_layout->index().path(node);
        menu->addAction(tr("Copy &path (%1)").arg(path.size() > 60 ? path.left(57) + QStringLiteral("…") : path), this,
                        [path] { QApplication::clipboard()->setText(path); });
    }
    if (const Mark* mark = markAtLine(line); mark && !mark->catalogKey.isEmpty()) {
        menu->addSeparator();
        const QString key = mark->catalogKey;
        menu->addAction(tr("&Explain %1").arg(key), this, [this, key] { emit explainRequested(key); });
    }
    return menu;
}

void BodyView::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu* menu = createContextMenu(viewport()->mapFrom(this, event->pos()));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
}

void BodyView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_theme = JsonHighlighter::Theme::forPalette(palette());
        viewport()->update();
    } else if (event->type() == QEvent::FontChange) {
        updateMetrics();
        updateScrollBars();
    }
    QAbstractScrollArea::changeEvent(event);
}

void BodyView::find(const QString& text, bool caseSensitive, bool backward)
{
    if (m_findCancel)
        *m_findCancel = true;
    m_findWatcher.cancel();
    const BodySearch search(text, caseSensitive);
    if (!m_layout || search.isEmpty()) {
        finishFind({});
        return;
    }
    // From the current match, or from the first line in view.
    qint64 from;
    if (m_match.found)
        from = backward ? m_match.offset : m_match.offset + 1;
    else
        from = m_layout->offsetAt({firstVisibleLine(), 0});
    if (m_layout->bytes().size() <= synchronousFindBytes()) {
        finishFind(runSearch(m_layout, search, from, backward, nullptr));
        return;
    }
    m_findCancel = std::make_shared<std::atomic<bool>>(false);
    m_findWatcher.setFuture(QtConcurrent::run([layout = m_layout, search, from, backward, cancel = m_findCancel] {
        return runSearch(layout, search, from, backward, cancel.get());
    }));
}

void BodyView::finishFind(const FindResult& result)
{
    m_match = result;
    if (result.found) {
        m_matchRange = displayRange(result.offset, std::max<qint64>(1, result.length), false);
        revealOffset(result.offset);
    }
    viewport()->update();
    emit findFinished(result);
}

void BodyView::clearFind()
{
    if (m_findCancel)
        *m_findCancel = true;
    m_findWatcher.cancel();
    m_match = {};
    viewport()->update();
}
