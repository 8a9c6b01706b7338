#include "Tone.h"

#include <QPalette>

namespace Tone {

QColor color(Kind kind, const QPalette& palette)
{
    const bool dark = palette.color(QPalette::Base).lightnessF() < 0.5;
    switch (kind) {
    case Kind::Ok:
        return dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x7d, 0x32);
    case Kind::Warning:
        return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xb2, 0x6a, 0x00);
    case Kind::Error:
        return dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28);
    case Kind::Neutral:
        break;
    }
    return palette.color(QPalette::Text);
}

QString html(const QString& html, Kind kind, const QPalette& palette)
{
    if (kind == Kind::Neutral)
        return html;
    return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(color(kind, palette).name(), html);
}

} // namespace Tone
