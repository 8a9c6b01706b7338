#include "JsonHighlighter.h"

#include <QGuiApplication>
#include <QPalette>

namespace {
bool isNumberChar(QChar c)
{
    return c.isDigit() || c == QLatin1Char('-') || c == QLatin1Char('+') || c == QLatin1Char('.') ||
           c == QLatin1Char('e') || c == QLatin1Char('E');
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

int tokenIndex(JsonHighlighter::Token token)
{
    return static_cast<int>(token);
}
} // namespace

QColor JsonHighlighter::Theme::color(Token token) const
{
    switch (token) {
    case Token::Key:
        return key;
    case Token::String:
        return string;
    case Token::Number:
        return number;
    case Token::Literal:
        return literal;
    case Token::Punctuation:
        return punctuation;
    }
    return punctuation;
}

JsonHighlighter::Theme JsonHighlighter::Theme::forPalette(const QPalette& palette)
{
    // Hues follow common editor conventions (keys blue, strings green, numbers orange,
    // literals purple); the light set is dark enough for white, the dark set light enough for
    // a #1e-#3a background.
    if (palette.color(QPalette::Base).lightnessF() < 0.5) {
        return {QColor(0x8c, 0xc4, 0xff), QColor(0xa5, 0xd6, 0xa7), QColor(0xff, 0xb8, 0x6c), QColor(0xd7, 0xa8, 0xff),
                QColor(0xa8, 0xa8, 0xa8)};
    }
    return {QColor(0x1a, 0x4f, 0x9c), QColor(0x1e, 0x6b, 0x30), QColor(0xa1, 0x45, 0x00), QColor(0x7b, 0x2f, 0xa8),
            QColor(0x5f, 0x5f, 0x5f)};
}

JsonHighlighter::JsonHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
    , m_theme(Theme::forPalette(QGuiApplication::palette()))
{
    rebuildFormats();
}

void JsonHighlighter::setTheme(const Theme& theme)
{
    m_theme = theme;
    rebuildFormats();
    rehighlight();
}

void JsonHighlighter::rebuildFormats()
{
    for (Token token : {Token::Key, Token::String, Token::Number, Token::Literal, Token::Punctuation}) {
        QTextCharFormat format;
        // Colour alone tells keys apart, in regular weight: a bold key would load a second
        // monospace face (DejaVu Sans Mono Bold) just for them, about 2 ms of every start.
        format.setForeground(m_theme.color(token));
        m_formats[tokenIndex(token)] = format;
    }
}

void JsonHighlighter::tokenize(QStringView line, const TokenSink& sink)
{
    const int n = int(line.size());
    int i = 0;
    while (i < n) {
        const QChar c = line.at(i);
        if (c == QLatin1Char('"')) {
            int end = i + 1;
            while (end < n && line.at(end) != QLatin1Char('"'))
                end += line.at(end) == QLatin1Char('\\') ? 2 : 1;
            end = std::min(end + 1, n); // include the closing quote
            int next = end;
            while (next < n && line.at(next).isSpace())
                ++next;
            const bool isKey = next < n && line.at(next) == QLatin1Char(':');
            sink(i, end - i, isKey ? Token::Key : Token::String);
            i = end;
        } else if (c.isDigit() || (c == QLatin1Char('-') && i + 1 < n && line.at(i + 1).isDigit())) {
            int end = i + 1;
            while (end < n && isNumberChar(line.at(end)))
                ++end;
            sink(i, end - i, Token::Number);
            i = end;
        } else if (c.isLetter()) {
            int end = i + 1;
            while (end < n && isWordChar(line.at(end)))
                ++end;
            const QStringView word = line.mid(i, end - i);
            if (word == u"true" || word == u"false" || word == u"null")
                sink(i, end - i, Token::Literal);
            i = end;
        } else if (c == QLatin1Char('{') || c == QLatin1Char('}') || c == QLatin1Char('[') || c == QLatin1Char(']') ||
                   c == QLatin1Char(':') || c == QLatin1Char(',')) {
            sink(i, 1, Token::Punctuation);
            ++i;
        } else {
            ++i;
        }
    }
}

QString JsonHighlighter::toHtml(const QString& text, const Theme& theme)
{
    QString html;
    html.reserve(text.size() * 3);
    int plainFrom = 0;
    auto appendPlain = [&](int to) {
        if (to > plainFrom)
            html += text.mid(plainFrom, to - plainFrom).toHtmlEscaped();
    };
    // Line by line, as in the editor: an unterminated string must not swallow the next lines.
    int lineStart = 0;
    while (lineStart <= text.size()) {
        int lineEnd = int(text.indexOf(QLatin1Char('\n'), lineStart));
        if (lineEnd < 0)
            lineEnd = int(text.size());
        tokenize(QStringView(text).mid(lineStart, lineEnd - lineStart), [&](int start, int length, Token token) {
            start += lineStart;
            appendPlain(start);
            html += QStringLiteral("<span style=\"color:%1;\">%2</span>")
                        .arg(theme.color(token).name(), text.mid(start, length).toHtmlEscaped());
            plainFrom = start + length;
        });
        lineStart = lineEnd + 1;
    }
    appendPlain(int(text.size()));
    return html;
}

void JsonHighlighter::highlightBlock(const QString& text)
{
    if (text.size() > maxLineLength())
        return;
    tokenize(text,
             [this](int start, int length, Token token) { setFormat(start, length, m_formats[tokenIndex(token)]); });
}
