#include "TerminalText.h"

namespace TerminalText {

bool needsEscape(char32_t c)
{
    if (c == U'\n' || c == U'\t')
        return false;
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || isBidiControl(c);
}

bool isBidiControl(char32_t c)
{
    return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

void showBidiControlsInPlace(QString& text)
{
    for (QChar& c : text) {
        if (isBidiControl(c.unicode()))
            c = QChar(0x21c4);
    }
}

QString escape(const QString& text)
{
    // Printable ASCII (nearly all output: inspect --json writes megabytes) is decided without
    // the full test.
    const auto plain = [](char16_t c) { return (c >= 0x20 && c < 0x7f) || c == u'\n'; };
    // Fast path: most output has nothing to escape.
    qsizetype first = 0;
    for (; first < text.size(); ++first) {
        const char16_t c = text.at(first).unicode();
        if (!plain(c) && needsEscape(c))
            break;
    }
    if (first == text.size())
        return text;
    QString result = text.left(first);
    result.reserve(text.size() + 16);
    for (qsizetype i = first; i < text.size(); ++i) {
        const char16_t c = text.at(i).unicode();
        if (plain(c) || !needsEscape(c))
            result += QChar(c);
        else if (c < 0x20)
            result += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
        else
            result += QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
    }
    return result;
}

} // namespace TerminalText
