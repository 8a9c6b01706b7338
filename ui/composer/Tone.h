#pragma once

#include <QColor>
#include <QString>

class QPalette;

// Status colours of the composer's messages (valid, warning, error), chosen for the palette they
// are shown on: the dark variants of a light theme are unreadable on a dark one and vice versa.
namespace Tone {
enum class Kind
{
    Neutral,
    Ok,
    Warning,
    Error
};

QColor color(Kind kind, const QPalette& palette);
// `html` (already escaped) in the tone's colour; Neutral returns it unchanged.
QString html(const QString& html, Kind kind, const QPalette& palette);
} // namespace Tone
