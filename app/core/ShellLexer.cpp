#include "ShellLexer.h"

#include <QByteArray>
#include <QRegularExpression>

#include <cctype>

namespace {
using Word = ShellLexer::Word;
using Words = ShellLexer::Words;

bool isBlank(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n');
}

// A shell command separator or redirection: the curl command ends there.
qsizetype operatorLength(const QString& s, qsizetype i)
{
    const QChar c = s.at(i);
    if (c == QLatin1Char('|') || c == QLatin1Char(';') || c == QLatin1Char('>') || c == QLatin1Char('<'))
        return 1;
    if (c == QLatin1Char('&') && i + 1 < s.size() && s.at(i + 1) == QLatin1Char('&'))
        return 2;
    return 0;
}

void noteShellVariable(const QString& word, QStringList* warnings)
{
    static const QRegularExpression variable(QStringLiteral(R"(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)"));
    const QRegularExpressionMatch m = variable.match(word);
    if (m.hasMatch()) {
        const QString note =
            QStringLiteral("“%1” is a shell variable; it was kept as written, not expanded.").arg(m.captured(0));
        if (!warnings->contains(note))
            warnings->append(note);
    }
}

// Up to `max` hex digits at `at`; returns how many were read.
int hexDigits(const QString& s, qsizetype at, int max, uint* value)
{
    int count = 0;
    *value = 0;
    while (count < max && at + count < s.size() && isxdigit(s.at(at + count).toLatin1())) {
        *value = *value * 16 + static_cast<uint>(QString(s.at(at + count)).toUInt(nullptr, 16));
        ++count;
    }
    return count;
}

// The single-character escapes of $'...', or 0.
char simpleAnsiCEscape(char e)
{
    switch (e) {
    case 'a':
        return '\a';
    case 'b':
        return '\b';
    case 'e':
    case 'E':
        return '\x1b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    case 'v':
        return '\v';
    case '\\':
    case '\'':
    case '"':
    case '?':
        return e;
    default:
        return 0;
    }
}

// The escape at s[i] (a backslash) inside $'...'; returns the index after it. \x and octal
// escapes are bytes, decoded as UTF-8 with the rest.
qsizetype appendAnsiCEscape(const QString& s, qsizetype i, QByteArray* bytes)
{
    const char e = s.at(i + 1).toLatin1();
    i += 2;
    if (const char simple = simpleAnsiCEscape(e)) {
        *bytes += simple;
        return i;
    }
    uint value = 0;
    if (e == 'x' || e == 'u' || e == 'U') {
        const int n = hexDigits(s, i, e == 'x' ? 2 : e == 'u' ? 4 : 8, &value);
        if (n == 0) {
            *bytes += '\\';
            *bytes += e;
        } else if (e == 'x') {
            *bytes += static_cast<char>(value);
        } else {
            const char32_t code = value;
            *bytes += QString::fromUcs4(&code, 1).toUtf8();
        }
        return i + n;
    }
    if (e == 'c') {
        if (i < s.size())
            *bytes += static_cast<char>(s.at(i++).toLatin1() & 0x1f);
        return i;
    }
    if (e >= '0' && e <= '7') {
        value = static_cast<uint>(e - '0');
        for (int n = 1; n < 3 && i < s.size() && s.at(i) >= QLatin1Char('0') && s.at(i) <= QLatin1Char('7'); ++n)
            value = value * 8 + static_cast<uint>(s.at(i++).unicode() - '0');
        *bytes += static_cast<char>(value & 0xff);
        return i;
    }
    *bytes += '\\';
    *bytes += QString(s.at(i - 1)).toUtf8();
    return i;
}

// $'...' (ANSI-C quoting) from just after the opening quote; returns the index after the
// closing quote, or -1 when unterminated.
qsizetype readAnsiC(const QString& s, qsizetype i, QString* out)
{
    QByteArray bytes;
    while (i < s.size()) {
        const QChar c = s.at(i);
        if (c == QLatin1Char('\'')) {
            *out += QString::fromUtf8(bytes);
            return i + 1;
        }
        if (c == QLatin1Char('\\') && i + 1 < s.size()) {
            i = appendAnsiCEscape(s, i, &bytes);
            continue;
        }
        // Characters outside the BMP are two QChars: convert the pair, not its halves.
        const qsizetype length = c.isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate() ? 2 : 1;
        bytes += s.mid(i, length).toUtf8();
        i += length;
    }
    return -1;
}

// POSIX shell words: '...', "...", $'...', backslash escapes, backslash-newline continuations,
// PowerShell backtick-newline continuations, # comments, typographic quotes (with a warning).
class PosixReader
{
public:
    PosixReader(const ShellLexer& lexer, Words* out, ShellLexer::Error* error)
        : m_lexer(lexer)
        , m_s(lexer.text())
        , m_n(m_s.size())
        , m_out(out)
        , m_error(error)
    {}

    bool run()
    {
        while (m_i < m_n) {
            if (isBlank(m_s.at(m_i))) {
                ++m_i;
            } else if (continuation(m_i)) {
                m_i += 2;
            } else if (m_s.at(m_i) == QLatin1Char('#')) {
                while (m_i < m_n && m_s.at(m_i) != QLatin1Char('\n'))
                    ++m_i;
            } else if (operatorLength(m_s, m_i)) {
                m_out->ignoredTail = m_s.mid(m_i).trimmed();
                return true;
            } else {
                Word word;
                word.offset = m_i;
                bool ended = false;
                if (!readWord(&word, &ended))
                    return false;
                m_out->list.append(word);
                if (ended)
                    return true;
            }
        }
        return true;
    }

private:
    bool continuation(qsizetype at) const
    {
        return at + 1 < m_n && m_s.at(at + 1) == QLatin1Char('\n') &&
               (m_s.at(at) == QLatin1Char('\\') || m_s.at(at) == QLatin1Char('`'));
    }

    bool fail(qsizetype at, const QString& message)
    {
        *m_error = m_lexer.errorAt(at, message);
        return false;
    }

    // One word up to a blank; *ended when an operator right after it ends the command.
    bool readWord(Word* word, bool* ended)
    {
        while (m_i < m_n && !isBlank(m_s.at(m_i))) {
            const QChar c = m_s.at(m_i);
            bool ok = true;
            if (continuation(m_i)) {
                m_i += 2;
            } else if (c == QLatin1Char('\\')) {
                word->text += m_i + 1 < m_n ? m_s.at(m_i + 1) : c;
                m_i += 2;
            } else if (c == QLatin1Char('\'')) {
                ok = readSingle(word);
            } else if (c == QLatin1Char('$') && m_i + 1 < m_n && m_s.at(m_i + 1) == QLatin1Char('\'')) {
                const qsizetype next = readAnsiC(m_s, m_i + 2, &word->text);
                ok = next >= 0 || fail(m_i, QStringLiteral("unterminated $'...' quote: no closing '"));
                m_i = ok ? next : m_i;
            } else if (c == QLatin1Char('"')) {
                ok = readDouble(word);
            } else if (c == QChar(0x201C) || c == QChar(0x2018)) {
                ok = readTypographic(word);
            } else if (operatorLength(m_s, m_i)) {
                m_out->ignoredTail = m_s.mid(m_i).trimmed();
                *ended = true;
                return true;
            } else {
                if (c == QLatin1Char('$'))
                    noteShellVariable(
                        m_s.mid(m_i, 64).section(QRegularExpression(QStringLiteral("[^A-Za-z0-9_${}]")), 0, 0),
                        &m_out->warnings);
                word->text += c;
                ++m_i;
            }
            if (!ok)
                return false;
        }
        return true;
    }

    bool readSingle(Word* word)
    {
        const qsizetype close = m_s.indexOf(QLatin1Char('\''), m_i + 1);
        if (close < 0)
            return fail(m_i, QStringLiteral("unterminated single quote: the text from here on has no closing ' (was "
                                            "the command cut off?)"));
        word->text += m_s.mid(m_i + 1, close - m_i - 1);
        m_i = close + 1;
        return true;
    }

    bool readDouble(Word* word)
    {
        const qsizetype open = m_i++;
        QString part;
        while (m_i < m_n) {
            const QChar d = m_s.at(m_i);
            if (d == QLatin1Char('"')) {
                ++m_i;
                noteShellVariable(part, &m_out->warnings);
                word->text += part;
                return true;
            }
            if (d == QLatin1Char('\\') && m_i + 1 < m_n) {
                const QChar e = m_s.at(m_i + 1);
                if (e == QLatin1Char('\n')) {
                    m_i += 2;
                    continue;
                }
                if (e == QLatin1Char('"') || e == QLatin1Char('\\') || e == QLatin1Char('$') || e == QLatin1Char('`')) {
                    part += e;
                    m_i += 2;
                    continue;
                }
            }
            part += d;
            ++m_i;
        }
        return fail(open, QStringLiteral("unterminated double quote: the text from here on has no closing \" (was "
                                         "the command cut off?)"));
    }

    // Pasted through a word processor or a chat client that "improved" the quotes.
    bool readTypographic(Word* word)
    {
        const QChar c = m_s.at(m_i);
        const QChar closing = c == QChar(0x201C) ? QChar(0x201D) : QChar(0x2019);
        const qsizetype close = m_s.indexOf(closing, m_i + 1);
        if (close < 0)
            return fail(m_i, QStringLiteral("typographic quote %1 without its closing %2: replace them with straight "
                                            "quotes")
                                 .arg(c)
                                 .arg(closing));
        word->text += m_s.mid(m_i + 1, close - m_i - 1);
        m_i = close + 1;
        if (!m_curlyWarned) {
            m_out->warnings << QStringLiteral("The command uses typographic quotes (“ ” ‘ ’), probably from a word "
                                              "processor or chat; they were read as straight quotes.");
            m_curlyWarned = true;
        }
        return true;
    }

    const ShellLexer& m_lexer;
    const QString& m_s;
    const qsizetype m_n;
    Words* m_out;
    ShellLexer::Error* m_error;
    qsizetype m_i = 0;
    bool m_curlyWarned = false;
};

// Windows cmd's own layer: ^ escapes outside "...", ^-newline continuations; & | < > end the
// command. The result keeps, for every character, its offset in the text.
struct CmdText
{
    QString text;
    std::vector<qsizetype> map;
};

CmdText cmdLayer(const QString& s, QString* ignoredTail)
{
    CmdText p;
    bool quoted = false;
    qsizetype i = 0;
    for (; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c == QLatin1Char('"')) {
            quoted = !quoted;
        } else if (!quoted && c == QLatin1Char('^')) {
            if (i + 1 < s.size()) {
                ++i;
                if (s.at(i) != QLatin1Char('\n')) {
                    p.text += s.at(i);
                    p.map.push_back(i);
                }
            }
            continue;
        } else if (!quoted &&
                   (c == QLatin1Char('&') || c == QLatin1Char('|') || c == QLatin1Char('<') || c == QLatin1Char('>'))) {
            *ignoredTail = s.mid(i).trimmed();
            break;
        }
        p.text += c;
        p.map.push_back(i);
    }
    p.map.push_back(i);
    return p;
}

// One argument by the C runtime's argv rules (backslashes count only before a quote, "" inside
// quotes is a literal quote) from p[*j]; returns where an unterminated quote opened, or -1.
qsizetype readCmdArgument(const QString& p, qsizetype* j, QString* text)
{
    const qsizetype n = p.size();
    bool inQuotes = false;
    qsizetype quoteStart = -1;
    while (*j < n && (inQuotes || !isBlank(p.at(*j)))) {
        if (p.at(*j) == QLatin1Char('\\')) {
            qsizetype count = 0;
            while (*j + count < n && p.at(*j + count) == QLatin1Char('\\'))
                ++count;
            const bool beforeQuote = *j + count < n && p.at(*j + count) == QLatin1Char('"');
            *text += QString(beforeQuote ? count / 2 : count, QLatin1Char('\\'));
            if (beforeQuote && count % 2) {
                *text += QLatin1Char('"');
                ++count;
            }
            *j += count; // an unescaped quote toggles below
        } else if (p.at(*j) == QLatin1Char('"')) {
            if (inQuotes && *j + 1 < n && p.at(*j + 1) == QLatin1Char('"')) {
                *text += QLatin1Char('"');
                *j += 2;
                continue;
            }
            inQuotes = !inQuotes;
            quoteStart = *j;
            ++*j;
        } else {
            *text += p.at(*j);
            ++*j;
        }
    }
    return inQuotes ? quoteStart : -1;
}

// Windows cmd: first cmd's own layer, then the C runtime's argv rules. This is what Chrome's and
// Edge's "Copy as cURL (cmd)" produce.
bool splitCmd(const ShellLexer& lexer, Words* out, ShellLexer::Error* error)
{
    const CmdText p = cmdLayer(lexer.text(), &out->ignoredTail);
    qsizetype j = 0;
    while (j < p.text.size()) {
        if (isBlank(p.text.at(j))) {
            ++j;
            continue;
        }
        Word word;
        word.offset = p.map[static_cast<size_t>(j)];
        const qsizetype open = readCmdArgument(p.text, &j, &word.text);
        if (open >= 0) {
            *error = lexer.errorAt(p.map[static_cast<size_t>(open)],
                                   QStringLiteral("unterminated double quote: the text from here on has no closing "
                                                  "\" (was the command cut off?)"));
            return false;
        }
        out->list.append(word);
    }
    return true;
}

// Whether a character needs $'...' quoting in an exported command line.
bool needsAnsiC(const QString& text)
{
    for (QChar c : text) {
        const ushort u = c.unicode();
        if ((u < 0x20 && u != '\n' && u != '\t') || u == 0x7f)
            return true;
    }
    return false;
}
} // namespace

QString ShellLexer::Error::toString() const
{
    if (line <= 0)
        return message;
    return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message);
}

ShellLexer::ShellLexer(const QString& given)
{
    m_text.reserve(given.size());
    m_original.reserve(static_cast<size_t>(given.size()) + 1);
    for (qsizetype i = 0; i < given.size(); ++i) {
        if (given.at(i) == QLatin1Char('\r')) {
            if (i + 1 < given.size() && given.at(i + 1) == QLatin1Char('\n'))
                continue;
            m_text += QLatin1Char('\n');
        } else {
            m_text += given.at(i);
        }
        m_original.push_back(i);
    }
    m_original.push_back(given.size());
}

ShellLexer::Error ShellLexer::errorAt(qsizetype offset, const QString& message) const
{
    Error e;
    const qsizetype at = qBound<qsizetype>(0, offset, m_text.size());
    e.offset = m_original[static_cast<size_t>(at)];
    e.line = 1;
    e.column = 1;
    for (qsizetype i = 0; i < at; ++i) {
        if (m_text.at(i) == QLatin1Char('\n')) {
            ++e.line;
            e.column = 1;
        } else {
            ++e.column;
        }
    }
    e.message = message;
    return e;
}

std::optional<ShellLexer::Words> ShellLexer::split(Error* error) const
{
    Error ignored;
    Error* err = error ? error : &ignored;
    Words words;
    words.dialect = detect(m_text);
    const bool ok =
        words.dialect == Dialect::Cmd ? splitCmd(*this, &words, err) : PosixReader(*this, &words, err).run();
    if (!ok)
        return std::nullopt;
    return words;
}

ShellLexer::Dialect ShellLexer::detect(const QString& text)
{
    enum class State
    {
        Plain,
        Single,
        Double,
        AnsiC
    };
    State state = State::Plain;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const QChar next = i + 1 < text.size() ? text.at(i + 1) : QChar();
        switch (state) {
        case State::Plain:
            if (c == QLatin1Char('^') && (next == QLatin1Char('"') || next == QLatin1Char('\n')))
                return Dialect::Cmd;
            if (c == QLatin1Char('\\'))
                ++i;
            else if (c == QLatin1Char('$') && next == QLatin1Char('\'')) {
                state = State::AnsiC;
                ++i;
            } else if (c == QLatin1Char('\''))
                state = State::Single;
            else if (c == QLatin1Char('"'))
                state = State::Double;
            break;
        case State::Single:
            if (c == QLatin1Char('\''))
                state = State::Plain;
            break;
        case State::Double:
        case State::AnsiC:
            if (c == QLatin1Char('\\'))
                ++i;
            else if ((state == State::Double && c == QLatin1Char('"')) ||
                     (state == State::AnsiC && c == QLatin1Char('\'')))
                state = State::Plain;
            break;
        }
    }
    return Dialect::Posix;
}

QString ShellLexer::quote(const QString& text)
{
    if (needsAnsiC(text)) {
        QString out = QStringLiteral("$'");
        for (QChar c : text) {
            const ushort u = c.unicode();
            if (c == QLatin1Char('\\') || c == QLatin1Char('\''))
                out += QLatin1Char('\\') + c;
            else if (c == QLatin1Char('\n'))
                out += QStringLiteral("\\n");
            else if (c == QLatin1Char('\t'))
                out += QStringLiteral("\\t");
            else if (u < 0x20 || u == 0x7f)
                out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
            else
                out += c;
        }
        return out + QLatin1Char('\'');
    }
    QString escaped = text;
    escaped.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString ShellLexer::word(const QString& text)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9._-]+$"));
    return plain.match(text).hasMatch() ? text : quote(text);
}
