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
} // namespace TerminalText
