#include "ErrorTile.h"

#include "Badge.h"

#include <QEnterEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QStyleOptionFocusRect>

namespace {
constexpr int kPadding = 8;
constexpr int kStripe = 4;
constexpr int kGap = 3;

QFont codeFont(const QFont& base)
{
    QFont font = base;
    font.setBold(true);
    font.setPointSizeF(base.pointSizeF() * 1.3);
    return font;
}

QFont smallFont(const QFont& base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.9);
    return font;
}
} // namespace

ErrorTile::ErrorTile(const Info& info, QWidget* parent)
    : QAbstractButton(parent)
    , m_info(info)
{
    setObjectName(QStringLiteral("errorTile%1").arg(info.code));
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    setAttribute(Qt::WA_Hover);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setText(QStringLiteral("%1 %2").arg(info.code).arg(info.title));
    setAccessibleName(tr("Reproduce %1, %2").arg(info.code).arg(info.title));
    QString tip = tr("<b>%1</b> %2<br>%3<br>%4 · %5")
                      .arg(info.code)
                      .arg(info.title.toHtmlEscaped(), info.trigger.toHtmlEscaped(), levelText(), sourceText());
    tip += QStringLiteral("<br><i>") +
           tr("Click to load it into the composer, send it to the simulator and read the answer in the inspector.") +
           QStringLiteral("</i>");
    setToolTip(tip);
}

QString ErrorTile::levelText() const
{
    return m_info.level == QLatin1String("object") ? tr("object") : tr("api");
}

QString ErrorTile::sourceText() const
{
    return m_info.natural ? tr("natural") : tr("fault header");
}

void ErrorTile::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    update();
}

QSize ErrorTile::sizeHint() const
{
    const QFontMetrics code(codeFont(font()));
    const QFontMetrics normal(font());
    const QFontMetrics small(smallFont(font()));
    const int height = 2 * kPadding + code.height() + kGap + normal.height() + kGap + small.height();
    // The minimum width: in the gallery's grid every column then starts equal and grows equally,
    // so tiles are as wide in a short section as in a full one.
    return {kMinWidth, height};
}

QSize ErrorTile::minimumSizeHint() const
{
    return {kMinWidth, sizeHint().height()};
}

void ErrorTile::enterEvent(QEnterEvent* event)
{
    m_hovered = true;
    update();
    QAbstractButton::enterEvent(event);
}

void ErrorTile::leaveEvent(QEvent* event)
{
    m_hovered = false;
    update();
    QAbstractButton::leaveEvent(event);
}

void ErrorTile::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const bool enabled = isEnabled();
    const QRectF frame = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);

    // Card: the base colour, a shade towards the highlight on hover and while pressed or busy.
    QColor background = pal.color(QPalette::Base);
    const QColor highlight = pal.color(QPalette::Highlight);
    const auto mix = [](const QColor& a, const QColor& b, qreal t) {
        return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t, a.greenF() * (1 - t) + b.greenF() * t,
                                a.blueF() * (1 - t) + b.blueF() * t);
    };
    if (enabled && (isDown() || m_busy))
        background = mix(background, highlight, 0.22);
    else if (enabled && m_hovered)
        background = mix(background, highlight, 0.10);
    QPainterPath card;
    card.addRoundedRect(frame, 5, 5);
    painter.fillPath(card, background);
    const QColor border = (m_busy || hasFocus()) && enabled ? highlight : pal.color(QPalette::Mid);
    painter.setPen(QPen(border, m_busy || hasFocus() ? 1.6 : 1.0));
    painter.drawPath(card);

    // Category stripe on the left edge.
    const Badge::Colors category = Badge::colors(m_info.category, pal);
    painter.save();
    painter.setClipPath(card);
    painter.fillRect(QRectF(frame.left(), frame.top(), kStripe, frame.height()),
                     enabled ? category.foreground : pal.color(QPalette::Mid));
    painter.restore();

    const QColor text = pal.color(enabled ? QPalette::Active : QPalette::Disabled, QPalette::Text);
    const QColor muted = pal.color(enabled ? QPalette::Active : QPalette::Disabled, QPalette::PlaceholderText);
    const int left = kStripe + kPadding;
    const int right = width() - kPadding;
    int y = kPadding;

    // Line 1: code, then the badges on the right.
    const QFont bigFont = codeFont(font());
    const QFontMetrics big(bigFont);
    painter.setFont(bigFont);
    painter.setPen(text);
    painter.drawText(QRect(left, y, right - left, big.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     QString::number(m_info.code));
    const QFont badgeFont = smallFont(font());
    int badgeRight = right;
    const auto badge = [&](const QString& label, const QString& colorKey) {
        const QSize size = Badge::sizeHint(badgeFont, label);
        const QRect r(badgeRight - size.width(), y + (big.height() - size.height()) / 2, size.width(), size.height());
        Badge::Colors colors = Badge::colors(colorKey, pal);
        if (!enabled) {
            colors.background = pal.color(QPalette::Disabled, QPalette::Button);
            colors.foreground = muted;
        }
        Badge::paint(&painter, r, label, colors, badgeFont);
        badgeRight = r.left() - 4;
    };
    badge(sourceText(), m_info.natural ? QStringLiteral("documented") : QStringLiteral("inferred"));
    badge(levelText(), m_info.level);
    y += big.height() + kGap;

    // Line 2: the catalogue title.
    const QFontMetrics normal(font());
    painter.setFont(font());
    painter.setPen(text);
    painter.drawText(QRect(left, y, right - left, normal.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     normal.elidedText(m_info.title, Qt::ElideRight, right - left));
    y += normal.height() + kGap;

    // Line 3: what the simulator is sent (or that it is being sent).
    const QFont small = smallFont(font());
    const QFontMetrics smallMetrics(small);
    painter.setFont(small);
    painter.setPen(m_busy ? highlight : muted);
    QString trigger = m_info.trigger;
    if (m_info.repeat > 1)
        trigger = tr("%1 calls: %2").arg(m_info.repeat).arg(trigger);
    if (m_busy)
        trigger = tr("Sending to the simulator…");
    painter.drawText(QRect(left, y, right - left, smallMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     smallMetrics.elidedText(trigger, Qt::ElideRight, right - left));
}
