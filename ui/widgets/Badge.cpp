#include "Badge.h"

#include <QApplication>
#include <QFontMetrics>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QStyle>

#include <cmath>

namespace {
constexpr int kHorizontalPadding = 7;
constexpr int kVerticalPadding = 2;
constexpr int kMargin = 4;

QColor hueFor(const QString& value)
{
    // Same word, same colour everywhere (list, detail pane, inspector). Levels and categories
    // share the table; "envelope" and "transport" are both and keep one colour.
    static const QHash<QString, QColor> hues = {
        {QStringLiteral("auth"), QColor(0xc6, 0x28, 0x28)},
        {QStringLiteral("rate_limit"), QColor(0xe6, 0x6a, 0x00)},
        {QStringLiteral("envelope"), QColor(0x54, 0x6e, 0x7a)},
        {QStringLiteral("params"), QColor(0x15, 0x65, 0xc0)},
        {QStringLiteral("data"), QColor(0x00, 0x89, 0x7b)},
        {QStringLiteral("permission"), QColor(0x8e, 0x24, 0xaa)},
        {QStringLiteral("agency"), QColor(0x39, 0x49, 0xab)},
        {QStringLiteral("server"), QColor(0xad, 0x14, 0x57)},
        {QStringLiteral("transport"), QColor(0x79, 0x55, 0x48)},
        {QStringLiteral("api"), QColor(0x28, 0x35, 0x93)},
        {QStringLiteral("object"), QColor(0x00, 0x83, 0x8f)},
        {QStringLiteral("either"), QColor(0x5c, 0x6b, 0xc0)},
        {QStringLiteral("http"), QColor(0xd8, 0x43, 0x15)},
        {QStringLiteral("info"), QColor(0x2e, 0x7d, 0x32)},
        {QStringLiteral("documented"), QColor(0x2e, 0x7d, 0x32)},
        {QStringLiteral("observed"), QColor(0x15, 0x65, 0xc0)},
        {QStringLiteral("inferred"), QColor(0xb2, 0x6a, 0x00)},
        {QStringLiteral("retryable"), QColor(0x2e, 0x7d, 0x32)},
        {QStringLiteral("not_retryable"), QColor(0x75, 0x75, 0x75)},
    };
    return hues.value(value, QColor(0x75, 0x75, 0x75));
}

QColor mix(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

double luminance(const QColor& c)
{
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}
} // namespace

double Badge::contrastRatio(const QColor& a, const QColor& b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Badge::Colors Badge::colors(const QString& value, const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor hue = hueFor(value);
    const bool dark = base.lightnessF() < 0.5;
    Colors c;
    c.background = mix(base, hue, dark ? 0.32 : 0.13);
    // Start from the hue and move towards black (light palette) or white (dark palette) until
    // the text is readable on its tinted background.
    const QColor target = dark ? QColor(Qt::white) : QColor(Qt::black);
    c.foreground = dark ? mix(hue, target, 0.55) : hue;
    for (int step = 0; step < 10 && contrastRatio(c.foreground, c.background) < 4.5; ++step)
        c.foreground = mix(c.foreground, target, 0.2);
    return c;
}

QString Badge::label(const QString& value)
{
    QString text = value;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    return text;
}

QString Badge::html(const QString& text, const Colors& colors)
{
    // Qt rich text has no padding on inline elements: non-breaking spaces stand in for it. A
    // label of badges may wrap between badges, never inside one.
    return QStringLiteral("<span style=\"background-color:%1; color:%2; font-weight:600;\">&nbsp;%3&nbsp;</span>")
        .arg(colors.background.name(), colors.foreground.name(),
             text.toHtmlEscaped().replace(QLatin1Char(' '), QLatin1String("&nbsp;")));
}

QSize Badge::sizeHint(const QFont& font, const QString& text)
{
    const QFontMetrics metrics(font);
    return {metrics.horizontalAdvance(text) + 2 + 2 * kHorizontalPadding + 2 * kMargin,
            metrics.height() + 2 * kVerticalPadding + 2 * kMargin};
}

void Badge::paint(QPainter* painter, const QRect& rect, const QString& text, const Colors& colors, const QFont& font)
{
    if (text.isEmpty())
        return;
    const QFontMetrics metrics(font);
    // +2: elidedText() measures slightly wider than horizontalAdvance() for some strings.
    const int textWidth = metrics.horizontalAdvance(text) + 2;
    const int width = std::min(textWidth + 2 * kHorizontalPadding, rect.width() - 2 * kMargin);
    const int height = metrics.height() + 2 * kVerticalPadding;
    const QRect pill(rect.left() + kMargin, rect.center().y() - height / 2 + 1, width, height);
    const QRect textRect = pill.adjusted(kHorizontalPadding, 0, -kHorizontalPadding, 0);
    const QString shown =
        textWidth <= textRect.width() ? text : metrics.elidedText(text, Qt::ElideRight, textRect.width());

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colors.background);
    painter->drawRoundedRect(QRectF(pill).adjusted(0.5, 0.5, -0.5, -0.5), height / 2.0, height / 2.0);
    painter->setFont(font);
    painter->setPen(colors.foreground);
    painter->drawText(textRect, Qt::AlignCenter, shown);
    painter->restore();
}

BadgeDelegate::BadgeDelegate(int valueRole, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_valueRole(valueRole)
{}

void BadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    // Background, selection and focus come from the style; only the text is replaced by the pill.
    opt.text.clear();
    const QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    QFont font = opt.font;
    font.setPointSizeF(font.pointSizeF() * 0.92);
    font.setWeight(QFont::DemiBold);
    Badge::paint(painter, opt.rect, text, Badge::colors(index.data(m_valueRole).toString(), opt.palette), font);
}

QSize BadgeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    QFont font = option.font;
    font.setPointSizeF(font.pointSizeF() * 0.92);
    font.setWeight(QFont::DemiBold);
    return size.expandedTo(Badge::sizeHint(font, index.data(Qt::DisplayRole).toString()));
}
