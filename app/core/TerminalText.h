#pragma once

#include <QString>

// Text bound for a terminal: characters that a terminal would act on rather than show (ESC and
// the other C0 controls, DEL, the C1 controls such as CSI U+009B, and the bidi overrides and
// isolates that reorder what is displayed) are replaced by a visible escape, like less and git
// do: "\x1b" for C0, "\u007f" / "\u009b" / "\u202e" for the others. Newline and tab are kept: the
// CLI's own layout uses them. The \u form is also a valid JSON escape, so a JSON document stays
// valid (and decodes to the same text) after escape(); C0 controls never appear raw in JSON
// (QJsonDocument escapes them).
namespace TerminalText {
bool needsEscape(char32_t c);
QString escape(const QString& text);
// The bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069): they reorder what follows.
bool isBidiControl(char32_t c);
// For views whose columns map to positions in the source (the inspector's body): each bidi control
// becomes one visible U+21C4 (a pair of opposite arrows), so a response cannot reorder what the user
// reads and every other character stays in its column. Other views use escape().
void showBidiControlsInPlace(QString& text);
} // namespace TerminalText
