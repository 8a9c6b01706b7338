#pragma once

#include <QColor>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <functional>

class QPalette;

// Syntax highlighting for JSON text in any QTextDocument (composer, inspector, error browser).
// Works line by line with no state carried between blocks, so the cost of editing one line is the
// cost of that line. Lines longer than maxLineLength() are left plain: a minified multi-megabyte
// body is one block, and colouring it would stall the GUI for no benefit.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    enum class Token
    {
        Key,
        String,
        Number,
        Literal,
        Punctuation
    };

    // Colours chosen for the palette the text is shown in: a light and a dark set, both keeping a
    // WCAG contrast of at least 4.5:1 against the palette's Base colour.
    struct Theme
    {
        QColor key;
        QColor string;
        QColor number;
        QColor literal;
        QColor punctuation;

        QColor color(Token token) const;
        static Theme forPalette(const QPalette& palette);
    };

    using TokenSink = std::function<void(int start, int length, Token token)>;

    explicit JsonHighlighter(QTextDocument* document);

    // Recolours the whole document; call it when the view's palette changes.
    void setTheme(const Theme& theme);
    void setPalette(const QPalette& palette) { setTheme(Theme::forPalette(palette)); }
    const Theme& theme() const { return m_theme; }

    static constexpr int maxLineLength() { return 20000; }

    // Splits one line of JSON into tokens; whitespace and unknown characters are not reported.
    // A string followed by ':' on the same line is a Key. Tolerant of invalid JSON: an
    // unterminated string runs to the end of the line.
    static void tokenize(QStringView line, const TokenSink& sink);
    // The text as HTML (<span style="color:...">), escaped, for rich-text views; newlines kept.
    static QString toHtml(const QString& text, const Theme& theme);

protected:
    void highlightBlock(const QString& text) override;

private:
    void rebuildFormats();

    Theme m_theme;
    QTextCharFormat m_formats[5];
};
