#pragma once

#include "BodyLayout.h"
#include "BodySearch.h"
#include "Diagnosis.h"
#include "JsonHighlighter.h"

#include <QAbstractScrollArea>
#include <QFutureWatcher>

#include <memory>

class QMenu;

// A read-only text view for response bodies of any size (docs/design.md, Big responses). Text comes from a
// BodyLayout line by line at paint time, so only what is visible is pretty-printed and
// coloured; a 100 MB body costs the GUI thread nothing more than a 1 KB one.
//
// Marks are byte ranges of the body (the error objects of the findings): each gets a tinted
// background, a gutter marker and a tooltip. The highlighted range is the one the user
// selected elsewhere (a finding, a tree node, a batch row); the find match is the current
// Ctrl+F result. Text can be selected with the mouse and copied.
class BodyView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    struct Mark
    {
        qint64 offset = -1;
        qint64 length = 0;
        Finding::Severity severity = Finding::Severity::Error;
        QString toolTip;    // rich text: the finding, the catalogue summary, the top fix
        QString catalogKey; // for "Explain"; empty when the catalogue has no entry
        int findingRow = -1;
    };
    struct FindResult
    {
        bool found = false;
        bool wrapped = false; // continued from the other end of the body
        qint64 offset = -1;
        qint64 length = 0;
        qint64 index = 0; // 1-based position of the match among all matches
        qint64 total = 0; // matches in the body, at most kFindCountLimit
    };
    // Counting stops here: the bar says "of 100,000+".
    static constexpr qint64 kFindCountLimit = 100'000;

    explicit BodyView(QWidget* parent = nullptr);
    ~BodyView() override;

    // Shows a layout; `highlight` turns syntax colours on (JSON bodies within the size limit).
    void setBodyLayout(std::shared_ptr<const BodyLayout> layout, bool highlight);
    const BodyLayout* bodyLayout() const { return m_layout.get(); }
    // No text, a centred message instead ("Preparing the view…").
    void showMessage(const QString& message);
    QString message() const { return m_message; }

    void setMarks(const QList<Mark>& marks);
    const QList<Mark>& marks() const { return m_marks; }

    // Highlights a byte range and scrolls it into view (length 0: clear).
    void setHighlightedRange(qint64 offset, qint64 length, bool reveal = true);
    std::pair<qint64, qint64> highlightedRange() const { return {m_highlightOffset, m_highlightLength}; }
    // Scrolls so that the byte is visible; the view moves only if it is not already.
    void revealOffset(qint64 offset);

    qint64 firstVisibleLine() const;
    int visibleLineCount() const;
    bool isLineVisible(qint64 line) const;
    int lineHeight() const { return m_lineHeight; }

    // Starts a search from the current match (or the top of the view) and emits findFinished.
    // Small bodies are searched at once; big ones on a worker thread.
    void find(const QString& text, bool caseSensitive, bool backward);
    void clearFind();
    FindResult currentMatch() const { return m_match; }
    bool isSearching() const { return m_findWatcher.isRunning(); }

    QString selectedText() const;
    bool hasSelection() const { return m_selectionStart != m_selectionEnd; }

    // Bodies up to this size are searched on the GUI thread.
    static constexpr qint64 synchronousFindBytes() { return 8'000'000; }

public slots:
    void copy();
    void selectAll();

signals:
    // A click on a pretty-printed line: the value it shows.
    void nodeClicked(JsonIndex::NodeId node);
    // "Explain" in the context menu of a marked line.
    void explainRequested(const QString& catalogKey);
    // A click on a gutter marker.
    void markActivated(int findingRow);
    void findFinished(const BodyView::FindResult& result);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool viewportEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct DisplayRange
    {
        BodyLayout::Position start;
        BodyLayout::Position end; // exclusive
        bool fullLines = false;
    };

    void updateMetrics();
    void updateScrollBars();
    void scrollToLine(qint64 line);
    DisplayRange displayRange(qint64 offset, qint64 length, bool fullLinesInPretty) const;
    void recomputeMarkRanges();
    int gutterWidth() const;
    qint64 lineAt(int y) const;
    BodyLayout::Position positionAt(const QPoint& point) const;
    int columnAt(const QString& text, int x) const;
    int xOf(const QString& text, int column) const;
    void paintRange(QPainter& painter, const DisplayRange& range, qint64 line, const QString& text, int y,
                    const QColor& color, int textLeft) const;
    void paintLineText(QPainter& painter, const QString& text, int x, int y) const;
    const Mark* markAtLine(qint64 line, int* index = nullptr) const;
    void finishFind(const FindResult& result);
    QMenu* createContextMenu(const QPoint& pos);

    std::shared_ptr<const BodyLayout> m_layout;
    bool m_highlight = false;
    QString m_message;
    JsonHighlighter::Theme m_theme;
    QFont m_font;
    int m_lineHeight = 16;
    int m_charWidth = 8;
    int m_ascent = 12;
    int m_maxWidth = 0;

    QList<Mark> m_marks;
    QList<DisplayRange> m_markRanges; // parallel to m_marks

    qint64 m_highlightOffset = -1;
    qint64 m_highlightLength = 0;
    DisplayRange m_highlightRange;

    BodyLayout::Position m_selectionStart;
    BodyLayout::Position m_selectionEnd;
    BodyLayout::Position m_selectionAnchor;
    bool m_selecting = false;
    bool m_dragged = false;

    FindResult m_match;
    DisplayRange m_matchRange;
    QFutureWatcher<FindResult> m_findWatcher;
    std::shared_ptr<std::atomic<bool>> m_findCancel;
};

Q_DECLARE_METATYPE(BodyView::FindResult)
