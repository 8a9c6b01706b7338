#pragma once

#include <QLabel>
#include <QVarLengthArray>

// A QLabel for word-wrapped text that remembers its height for a width. QLabel lays its text out
// again on every heightForWidth() call, and one layout pass asks the same label for the same
// widths many times: with a dozen wrapped labels on screen that was a good part of the time to the
// first painted window (bench_startup). Any change that can alter the answer — text,
// format, wrapping, font, style, margins — starts a fresh cache.
class WrapLabel : public QLabel
{
    Q_OBJECT

public:
    // A small minimum width for labels that wrap: the layout then never takes their longest word
    // as a minimum (a long method name, URL or API message would make the window wider).
    static constexpr int kMinWidth = 60;

    explicit WrapLabel(QWidget* parent = nullptr);

    int heightForWidth(int width) const override;

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Entry
    {
        int width;
        int height;
    };
    // What the cached heights were computed for (setText() is not virtual: compared instead).
    mutable QString m_cachedText;
    mutable QMargins m_cachedMargins;
    mutable int m_cachedMargin = -1;
    mutable int m_cachedIndent = -1;
    mutable bool m_cachedWordWrap = true;
    mutable Qt::TextFormat m_cachedFormat = Qt::AutoText;
    mutable QVarLengthArray<Entry, 8> m_heights;
};
