#pragma once

#include <QColor>
#include <QSize>
#include <QString>
#include <QStyledItemDelegate>

class QFont;
class QPainter;
class QPalette;

// Small coloured "pill" labels for levels, categories, confidence and the like: one hue per
// value (auth is always red, rate_limit always orange...), adapted to light and dark palettes so
// the text keeps a contrast of at least 4.5:1 against its own background.
class Badge
{
public:
    struct Colors
    {
        QColor foreground;
        QColor background;
    };

    // Colours for a value such as "auth", "rate_limit", "object", "documented"; unknown values
    // get a neutral grey.
    static Colors colors(const QString& value, const QPalette& palette);
    // "rate_limit" → "rate limit".
    static QString label(const QString& value);
    // An inline rich-text badge for QTextDocument-based views.
    static QString html(const QString& text, const Colors& colors);

    static QSize sizeHint(const QFont& font, const QString& text);
    // Paints the pill left-aligned and vertically centred in rect.
    static void paint(QPainter* painter, const QRect& rect, const QString& text, const Colors& colors,
                      const QFont& font);

    // WCAG 2 contrast ratio (1 to 21) between two opaque colours.
    static double contrastRatio(const QColor& a, const QColor& b);
};

// Paints a column's values as badges. The raw value (for the colour) comes from valueRole, the
// text from Qt::DisplayRole.
class BadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit BadgeDelegate(int valueRole, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_valueRole;
};
