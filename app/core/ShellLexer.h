#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

// Splits a pasted command line into words the way the shell it was copied from would, keeping
// where every word starts so errors can point at what the user pasted.
//
// Two dialects, told apart by detect(): POSIX shells ('…', "…", $'…' ANSI-C quoting, backslash
// escapes, backslash-newline continuations, # comments; also PowerShell's backtick-newline
// continuations and typographic quotes from word processors, with a warning) and Windows cmd
// (Chrome's "Copy as cURL (cmd)": ^ escapes and ^-newline continuations outside "…", then the C
// runtime's argv rules). The command ends at an unquoted |, ;, &&, < or > (`| jq .`): the rest is
// returned as ignoredTail. quote() and word() write text back for a POSIX shell.
class ShellLexer
{
public:
    enum class Dialect
    {
        Posix,
        Cmd
    };

    struct Error
    {
        qsizetype offset = -1; // in the text as given
        int line = 0;          // 1-based
        int column = 0;        // 1-based
        QString message;
        QString toString() const; // "line 2, column 14: unterminated single quote"
    };

    struct Word
    {
        QString text;
        qsizetype offset = 0; // where the word starts, in text()
    };

    struct Words
    {
        Dialect dialect = Dialect::Posix;
        QList<Word> list;
        QString ignoredTail;  // what follows the command's end, trimmed
        QStringList warnings; // shell variables kept as written, typographic quotes
    };

    explicit ShellLexer(const QString& given);

    // The text with line endings normalised to '\n'; word offsets refer to it.
    const QString& text() const { return m_text; }
    std::optional<Words> split(Error* error = nullptr) const;
    // An error at a position of text(), located in the text as given (line, column, offset).
    Error errorAt(qsizetype offset, const QString& message) const;

    // Cmd when the text uses ^" or ^-newline outside POSIX quotes (inside them, as in our own
    // exports or a JSON body, they are just characters).
    static Dialect detect(const QString& text);

    // The text as one POSIX shell word: '…', or $'…' when it holds control characters.
    static QString quote(const QString& text);
    // Bare when nothing needs quoting (-X PUT), quote() otherwise.
    static QString word(const QString& text);

private:
    QString m_text;
    std::vector<qsizetype> m_original; // for every character of m_text, its offset in the given text
};
