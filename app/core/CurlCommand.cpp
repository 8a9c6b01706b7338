#include "CurlCommand.h"

#include "HeaderLines.h"
#include "Redactor.h"
#include "RequestEnvelope.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrlQuery>

#include <vector>

namespace {
struct Token
{
    QString text;
    qsizetype offset = 0; // in the normalised text
};

// The text with line endings normalised to '\n', and for every character its offset in the text
// as given, so errors point at what the user pasted.
struct Source
{
    QString text;
    std::vector<qsizetype> original;

    explicit Source(const QString& given)
    {
        text.reserve(given.size());
        original.reserve(static_cast<size_t>(given.size()) + 1);
        for (qsizetype i = 0; i < given.size(); ++i) {
            if (given.at(i) == QLatin1Char('\r')) {
                if (i + 1 < given.size() && given.at(i + 1) == QLatin1Char('\n'))
                    continue;
                text += QLatin1Char('\n');
            } else {
                text += given.at(i);
            }
            original.push_back(i);
        }
        original.push_back(given.size());
    }

    CurlCommand::ParseError error(qsizetype offset, const QString& message) const
    {
        CurlCommand::ParseError e;
        const qsizetype at = qBound<qsizetype>(0, offset, text.size());
        e.offset = original[static_cast<size_t>(at)];
        e.line = 1;
        e.column = 1;
        for (qsizetype i = 0; i < at; ++i) {
            if (text.at(i) == QLatin1Char('\n')) {
                ++e.line;
                e.column = 1;
            } else {
                ++e.column;
            }
        }
        e.message = message;
        return e;
    }
};

struct Tokens
{
    QList<Token> list;
    QString ignoredTail;
    QStringList warnings;
};

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

// $'...' (ANSI-C quoting) from just after the opening quote; returns the index after the
// closing quote, or -1 when unterminated. \x and octal escapes are bytes, decoded as UTF-8.
qsizetype readAnsiC(const QString& s, qsizetype i, QString* out)
{
    QByteArray bytes;
    const auto hexDigits = [&](qsizetype at, int max, uint* value) {
        int count = 0;
        *value = 0;
        while (count < max && at + count < s.size() && isxdigit(s.at(at + count).toLatin1())) {
            *value = *value * 16 + static_cast<uint>(QString(s.at(at + count)).toUInt(nullptr, 16));
            ++count;
        }
        return count;
    };
    while (i < s.size()) {
        const QChar c = s.at(i);
        if (c == QLatin1Char('\'')) {
            *out += QString::fromUtf8(bytes);
            return i + 1;
        }
        if (c != QLatin1Char('\\') || i + 1 >= s.size()) {
            // Characters outside the BMP are two QChars: convert the pair, not its halves.
            const qsizetype length = c.isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate() ? 2 : 1;
            bytes += s.mid(i, length).toUtf8();
            i += length;
            continue;
        }
        const char e = s.at(i + 1).toLatin1();
        i += 2;
        switch (e) {
        case 'a':
            bytes += '\a';
            break;
        case 'b':
            bytes += '\b';
            break;
        case 'e':
        case 'E':
            bytes += '\x1b';
            break;
        case 'f':
            bytes += '\f';
            break;
        case 'n':
            bytes += '\n';
            break;
        case 'r':
            bytes += '\r';
            break;
        case 't':
            bytes += '\t';
            break;
        case 'v':
            bytes += '\v';
            break;
        case '\\':
            bytes += '\\';
            break;
        case '\'':
            bytes += '\'';
            break;
        case '"':
            bytes += '"';
            break;
        case '?':
            bytes += '?';
            break;
        case 'x': {
            uint value = 0;
            const int n = hexDigits(i, 2, &value);
            if (n == 0) {
                bytes += "\\x";
            } else {
                bytes += static_cast<char>(value);
                i += n;
            }
            break;
        }
        case 'u':
        case 'U': {
            uint value = 0;
            const int n = hexDigits(i, e == 'u' ? 4 : 8, &value);
            if (n == 0) {
                bytes += '\\';
                bytes += e;
            } else {
                const char32_t code = value;
                bytes += QString::fromUcs4(&code, 1).toUtf8();
                i += n;
            }
            break;
        }
        case 'c':
            if (i < s.size()) {
                bytes += static_cast<char>(s.at(i).toLatin1() & 0x1f);
                ++i;
            }
            break;
        default:
            if (e >= '0' && e <= '7') {
                uint value = static_cast<uint>(e - '0');
                int n = 1;
                while (n < 3 && i < s.size() && s.at(i) >= QLatin1Char('0') && s.at(i) <= QLatin1Char('7')) {
                    value = value * 8 + static_cast<uint>(s.at(i).unicode() - '0');
                    ++i;
                    ++n;
                }
                bytes += static_cast<char>(value & 0xff);
            } else {
                bytes += '\\';
                bytes += QString(s.at(i - 1)).toUtf8();
            }
        }
    }
    return -1;
}

// POSIX shell words: '...', "...", $'...', backslash escapes, backslash-newline continuations,
// PowerShell backtick-newline continuations, # comments, typographic quotes (with a warning).
bool tokenizePosix(const Source& source, Tokens* out, CurlCommand::ParseError* error)
{
    const QString& s = source.text;
    const qsizetype n = s.size();
    qsizetype i = 0;
    const auto continuation = [&](qsizetype at) {
        return at + 1 < n && s.at(at + 1) == QLatin1Char('\n') &&
               (s.at(at) == QLatin1Char('\\') || s.at(at) == QLatin1Char('`'));
    };
    bool curlyWarned = false;
    while (i < n) {
        if (isBlank(s.at(i))) {
            ++i;
            continue;
        }
        if (continuation(i)) {
            i += 2;
            continue;
        }
        if (s.at(i) == QLatin1Char('#')) {
            while (i < n && s.at(i) != QLatin1Char('\n'))
                ++i;
            continue;
        }
        if (const qsizetype op = operatorLength(s, i)) {
            out->ignoredTail = s.mid(i).trimmed();
            return true;
        }
        Token token;
        token.offset = i;
        while (i < n && !isBlank(s.at(i))) {
            const QChar c = s.at(i);
            if (continuation(i)) {
                i += 2;
                continue;
            }
            if (c == QLatin1Char('\\')) {
                token.text += i + 1 < n ? s.at(i + 1) : c;
                i += 2;
                continue;
            }
            if (c == QLatin1Char('\'')) {
                const qsizetype close = s.indexOf(QLatin1Char('\''), i + 1);
                if (close < 0) {
                    *error = source.error(i, QStringLiteral("unterminated single quote: the text from here on has "
                                                            "no closing ' (was the command cut off?)"));
                    return false;
                }
                token.text += s.mid(i + 1, close - i - 1);
                i = close + 1;
                continue;
            }
            if (c == QLatin1Char('$') && i + 1 < n && s.at(i + 1) == QLatin1Char('\'')) {
                const qsizetype next = readAnsiC(s, i + 2, &token.text);
                if (next < 0) {
                    *error = source.error(i, QStringLiteral("unterminated $'...' quote: no closing '"));
                    return false;
                }
                i = next;
                continue;
            }
            if (c == QLatin1Char('"')) {
                const qsizetype open = i++;
                QString part;
                bool closed = false;
                while (i < n) {
                    const QChar d = s.at(i);
                    if (d == QLatin1Char('"')) {
                        closed = true;
                        ++i;
                        break;
                    }
                    if (d == QLatin1Char('\\') && i + 1 < n) {
                        const QChar e = s.at(i + 1);
                        if (e == QLatin1Char('\n')) {
                            i += 2;
                            continue;
                        }
                        if (e == QLatin1Char('"') || e == QLatin1Char('\\') || e == QLatin1Char('$') ||
                            e == QLatin1Char('`')) {
                            part += e;
                            i += 2;
                            continue;
                        }
                    }
                    part += d;
                    ++i;
                }
                if (!closed) {
                    *error = source.error(open, QStringLiteral("unterminated double quote: the text from here on has "
                                                               "no closing \" (was the command cut off?)"));
                    return false;
                }
                noteShellVariable(part, &out->warnings);
                token.text += part;
                continue;
            }
            if (c == QChar(0x201C) || c == QChar(0x2018)) {
                // Pasted through a word processor or a chat client that "improved" the quotes.
                const QChar closing = c == QChar(0x201C) ? QChar(0x201D) : QChar(0x2019);
                const qsizetype close = s.indexOf(closing, i + 1);
                if (close < 0) {
                    *error = source.error(i, QStringLiteral("typographic quote %1 without its closing %2: replace "
                                                            "them with straight quotes")
                                                 .arg(c)
                                                 .arg(closing));
                    return false;
                }
                token.text += s.mid(i + 1, close - i - 1);
                i = close + 1;
                if (!curlyWarned) {
                    out->warnings << QStringLiteral("The command uses typographic quotes (“ ” ‘ ’), probably from "
                                                    "a word processor or chat; they were read as straight quotes.");
                    curlyWarned = true;
                }
                continue;
            }
            if (operatorLength(s, i)) {
                out->list.append(token);
                out->ignoredTail = s.mid(i).trimmed();
                return true;
            }
            if (c == QLatin1Char('$'))
                noteShellVariable(s.mid(i, 64).section(QRegularExpression(QStringLiteral("[^A-Za-z0-9_${}]")), 0, 0),
                                  &out->warnings);
            token.text += c;
            ++i;
        }
        out->list.append(token);
    }
    return true;
}

// Windows cmd: first cmd's own layer (^ escapes outside "...", ^-newline continuations, & | < >
// end the command), then the C runtime's argv rules (backslashes count only before a quote).
// This is what Chrome's and Edge's "Copy as cURL (cmd)" produce.
bool tokenizeCmd(const Source& source, Tokens* out, CurlCommand::ParseError* error)
{
    const QString& s = source.text;
    QString p;
    std::vector<qsizetype> map; // offset in s of every character of p
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
                    p += s.at(i);
                    map.push_back(i);
                }
            }
            continue;
        } else if (!quoted &&
                   (c == QLatin1Char('&') || c == QLatin1Char('|') || c == QLatin1Char('<') || c == QLatin1Char('>'))) {
            out->ignoredTail = s.mid(i).trimmed();
            break;
        }
        p += c;
        map.push_back(i);
    }
    map.push_back(i);

    const qsizetype n = p.size();
    qsizetype j = 0;
    while (j < n) {
        if (isBlank(p.at(j))) {
            ++j;
            continue;
        }
        Token token;
        token.offset = map[static_cast<size_t>(j)];
        bool inQuotes = false;
        qsizetype quoteStart = -1;
        while (j < n && (inQuotes || !isBlank(p.at(j)))) {
            if (p.at(j) == QLatin1Char('\\')) {
                qsizetype count = 0;
                while (j + count < n && p.at(j + count) == QLatin1Char('\\'))
                    ++count;
                if (j + count < n && p.at(j + count) == QLatin1Char('"')) {
                    token.text += QString(count / 2, QLatin1Char('\\'));
                    if (count % 2) {
                        token.text += QLatin1Char('"');
                        j += count + 1;
                    } else {
                        j += count; // the quote toggles below
                    }
                } else {
                    token.text += QString(count, QLatin1Char('\\'));
                    j += count;
                }
                continue;
            }
            if (p.at(j) == QLatin1Char('"')) {
                if (inQuotes && j + 1 < n && p.at(j + 1) == QLatin1Char('"')) {
                    token.text += QLatin1Char('"'); // "" inside quotes is a literal quote
                    j += 2;
                    continue;
                }
                inQuotes = !inQuotes;
                quoteStart = j;
                ++j;
                continue;
            }
            token.text += p.at(j);
            ++j;
        }
        if (inQuotes) {
            *error = source.error(map[static_cast<size_t>(quoteStart)],
                                  QStringLiteral("unterminated double quote: the text from here on has no closing "
                                                 "\" (was the command cut off?)"));
            return false;
        }
        out->list.append(token);
    }
    return true;
}

// A Windows cmd line uses ^" and ^-newline where a POSIX shell would see them unquoted; inside
// POSIX quotes (our own exports, a JSON body) they are just characters.
bool looksLikeCmd(const QString& text)
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
                return true;
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
    return false;
}

enum class Action
{
    Url,
    Method,
    Header,
    Data,       // -d, --data, --data-ascii: @file with CR/LF removed
    DataRaw,    // no @file
    DataBinary, // @file as is
    DataUrlencode,
    Json,
    Get,
    Head,
    Upload,
    UserAgent,
    Referer,
    UrlQuery,
    Form,
    Insecure,
    BasicAuth,
    SecretOption, // credentials for something else: value dropped, warning
    Proxy,
    Location,
    Ignore,
};

struct OptionSpec
{
    const char* longName;
    char shortName;
    Action action;
    bool takesValue;
};

// The curl options a pasted command realistically contains. Anything not listed is an error.
const OptionSpec kOptions[] = {
    {"url", 0, Action::Url, true},
    {"request", 'X', Action::Method, true},
    {"header", 'H', Action::Header, true},
    {"data", 'd', Action::Data, true},
    {"data-ascii", 0, Action::Data, true},
    {"data-raw", 0, Action::DataRaw, true},
    {"data-binary", 0, Action::DataBinary, true},
    {"data-urlencode", 0, Action::DataUrlencode, true},
    {"json", 0, Action::Json, true},
    {"get", 'G', Action::Get, false},
    {"head", 'I', Action::Head, false},
    {"upload-file", 'T', Action::Upload, true},
    {"user-agent", 'A', Action::UserAgent, true},
    {"referer", 'e', Action::Referer, true},
    {"url-query", 0, Action::UrlQuery, true},
    {"form", 'F', Action::Form, true},
    {"form-string", 0, Action::Form, true},
    {"insecure", 'k', Action::Insecure, false},
    {"user", 'u', Action::BasicAuth, true},
    {"proxy-user", 'U', Action::SecretOption, true},
    {"oauth2-bearer", 0, Action::SecretOption, true},
    {"proxy", 'x', Action::Proxy, true},
    {"location", 'L', Action::Location, false},
    {"location-trusted", 0, Action::Location, false},
    // Output, progress, protocol and connection tuning: no effect on the request itself.
    {"silent", 's', Action::Ignore, false},
    {"show-error", 'S', Action::Ignore, false},
    {"verbose", 'v', Action::Ignore, false},
    {"include", 'i', Action::Ignore, false},
    {"fail", 'f', Action::Ignore, false},
    {"fail-with-body", 0, Action::Ignore, false},
    {"globoff", 'g', Action::Ignore, false},
    {"no-buffer", 'N', Action::Ignore, false},
    {"compressed", 0, Action::Ignore, false},
    {"http1.0", '0', Action::Ignore, false},
    {"http1.1", 0, Action::Ignore, false},
    {"http2", 0, Action::Ignore, false},
    {"http2-prior-knowledge", 0, Action::Ignore, false},
    {"http3", 0, Action::Ignore, false},
    {"ipv4", '4', Action::Ignore, false},
    {"ipv6", '6', Action::Ignore, false},
    {"progress-bar", '#', Action::Ignore, false},
    {"no-progress-meter", 0, Action::Ignore, false},
    {"disable", 'q', Action::Ignore, false},
    {"tcp-nodelay", 0, Action::Ignore, false},
    {"no-keepalive", 0, Action::Ignore, false},
    {"no-sessionid", 0, Action::Ignore, false},
    {"tlsv1", '1', Action::Ignore, false},
    {"tlsv1.0", 0, Action::Ignore, false},
    {"tlsv1.1", 0, Action::Ignore, false},
    {"tlsv1.2", 0, Action::Ignore, false},
    {"tlsv1.3", 0, Action::Ignore, false},
    {"ssl-reqd", 0, Action::Ignore, false},
    {"path-as-is", 0, Action::Ignore, false},
    {"raw", 0, Action::Ignore, false},
    {"netrc", 'n', Action::Ignore, false},
    {"styled-output", 0, Action::Ignore, false},
    {"no-styled-output", 0, Action::Ignore, false},
    {"junk-session-cookies", 'j', Action::Ignore, false},
    {"output", 'o', Action::Ignore, true},
    {"remote-name", 'O', Action::Ignore, false},
    {"write-out", 'w', Action::Ignore, true},
    {"max-time", 'm', Action::Ignore, true},
    {"connect-timeout", 0, Action::Ignore, true},
    {"retry", 0, Action::Ignore, true},
    {"retry-delay", 0, Action::Ignore, true},
    {"retry-max-time", 0, Action::Ignore, true},
    {"dump-header", 'D', Action::Ignore, true},
    {"trace", 0, Action::Ignore, true},
    {"trace-ascii", 0, Action::Ignore, true},
    {"stderr", 0, Action::Ignore, true},
    {"limit-rate", 0, Action::Ignore, true},
    {"cookie", 'b', Action::Ignore, true},
    {"cookie-jar", 'c', Action::Ignore, true},
    {"cacert", 0, Action::Ignore, true},
    {"capath", 0, Action::Ignore, true},
    {"cert", 'E', Action::Ignore, true},
    {"key", 0, Action::Ignore, true},
    {"resolve", 0, Action::Ignore, true},
    {"connect-to", 0, Action::Ignore, true},
    {"interface", 0, Action::Ignore, true},
    {"max-redirs", 0, Action::Ignore, true},
    {"noproxy", 0, Action::Ignore, true},
    {"speed-time", 'y', Action::Ignore, true},
    {"speed-limit", 'Y', Action::Ignore, true},
    {"expect100-timeout", 0, Action::Ignore, true},
    {"keepalive-time", 0, Action::Ignore, true},
    {"proto", 0, Action::Ignore, true},
    {"proto-redir", 0, Action::Ignore, true},
    {"ciphers", 0, Action::Ignore, true},
    {"tls-max", 0, Action::Ignore, true},
    {"dns-servers", 0, Action::Ignore, true},
    {"config", 'K', Action::Ignore, true},
};

const OptionSpec* findLong(const QString& name)
{
    for (const OptionSpec& spec : kOptions) {
        if (name == QLatin1String(spec.longName))
            return &spec;
    }
    return nullptr;
}

const OptionSpec* findShort(QChar c)
{
    for (const OptionSpec& spec : kOptions) {
        if (spec.shortName != 0 && c == QLatin1Char(spec.shortName))
            return &spec;
    }
    return nullptr;
}

QString optionLabel(const OptionSpec& spec, bool useShort)
{
    return useShort && spec.shortName ? QStringLiteral("-") + QLatin1Char(spec.shortName)
                                      : QStringLiteral("--") + QLatin1String(spec.longName);
}

QByteArray urlEncodeAll(const QByteArray& data)
{
    // curl_easy_escape: everything but unreserved characters.
    return QUrl::toPercentEncoding(QString::fromUtf8(data));
}

// RFC 9110 token: what an HTTP header name may consist of.
bool isCredentialName(const QString& name, const char* wanted)
{
    return name.compare(QLatin1String(wanted), Qt::CaseInsensitive) == 0;
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

QString shellQuote(const QString& text)
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
// A word that needs no quoting stays bare (-X PUT), anything else is quoted.
QString shellWord(const QString& text)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9._-]+$"));
    return plain.match(text).hasMatch() ? text : shellQuote(text);
}
} // namespace

QString CurlCommand::ParseError::toString() const
{
    if (line <= 0)
        return message;
    return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message);
}

std::optional<CurlCommand> CurlCommand::parse(const QString& text, ParseError* error)
{
    return parse(text, error, Options());
}

std::optional<CurlCommand> CurlCommand::parse(const QString& text, ParseError* error, const Options& options)
{
    ParseError dummy;
    ParseError& err = error ? *error : dummy;
    const Source source(text);
    Tokens tokens;
    const bool cmd = looksLikeCmd(source.text);
    if (!(cmd ? tokenizeCmd(source, &tokens, &err) : tokenizePosix(source, &tokens, &err)))
        return std::nullopt;

    QList<Token>& list = tokens.list;
    // A copied prompt: "$ curl ..." or "> curl ...".
    while (!list.isEmpty() && (list.first().text == QLatin1String("$") || list.first().text == QLatin1String("%")))
        list.removeFirst();
    if (list.isEmpty()) {
        err = source.error(source.text.size(),
                           QStringLiteral("the text is empty: paste a command that starts with curl"));
        return std::nullopt;
    }
    const QString program = QFileInfo(list.first().text).fileName().toLower();
    if (program != QLatin1String("curl") && program != QLatin1String("curl.exe")) {
        err = source.error(
            list.first().offset,
            QStringLiteral("expected a command that starts with curl, found “%1”").arg(list.first().text.left(40)));
        return std::nullopt;
    }

    CurlCommand command;
    command.warnings = tokens.warnings;
    if (cmd)
        command.warnings.prepend(QStringLiteral("Read as a Windows cmd command line (^ escapes)."));

    QList<QByteArray> dataParts;
    bool dataIsJson = false;
    bool get = false;
    bool head = false;
    bool upload = false;
    QString urlText;
    qsizetype urlOffset = -1;
    QString explicitMethod;
    QStringList queryAdditions;

    const auto readFile = [&](const QString& name, qsizetype offset, const QString& option,
                              QByteArray* content) -> bool {
        if (name == QLatin1String("-")) {
            err = source.error(offset, QStringLiteral("%1 @- reads the body from standard input, which a pasted "
                                                      "command does not have: paste the body instead")
                                           .arg(option));
            return false;
        }
        const QString base = options.baseDirectory.isEmpty() ? QDir::currentPath() : options.baseDirectory;
        const QString path = QDir(base).absoluteFilePath(name);
        if (!options.allowFiles) {
            err = source.error(offset, QStringLiteral("%1 @%2 takes the body from the file “%2”, which is not read "
                                                      "automatically: paste its content instead")
                                           .arg(option, name));
            return false;
        }
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            err = source.error(offset, QStringLiteral("%1 @%2: cannot read the file %3 (%4)")
                                           .arg(option, name, QDir::toNativeSeparators(path), file.errorString()));
            return false;
        }
        *content = file.readAll();
        return true;
    };

    const auto apply = [&](const OptionSpec& spec, const QString& label, const QString& value,
                           qsizetype valueOffset) -> bool {
        switch (spec.action) {
        case Action::Url:
            if (!urlText.isEmpty()) {
                err = source.error(valueOffset, QStringLiteral("a second URL (the first is at %1): import one request "
                                                               "at a time")
                                                    .arg(source.error(urlOffset, QString()).toString().chopped(2)));
                return false;
            }
            urlText = value;
            urlOffset = valueOffset;
            return true;
        case Action::Method:
            if (value.trimmed().isEmpty()) {
                err = source.error(valueOffset, QStringLiteral("%1 needs a method name such as POST").arg(label));
                return false;
            }
            explicitMethod = value.trimmed().toUpper();
            return true;
        case Action::Header: {
            if (value.startsWith(QLatin1Char('@'))) {
                err = source.error(valueOffset, QStringLiteral("%1 @file (headers from a file) is not supported: "
                                                               "paste the headers as -H 'Name: value'")
                                                    .arg(label));
                return false;
            }
            const qsizetype colon = value.indexOf(QLatin1Char(':'));
            const qsizetype semicolon = value.indexOf(QLatin1Char(';'));
            if (colon <= 0 && !(semicolon > 0 && semicolon == value.size() - 1)) {
                err = source.error(valueOffset, QStringLiteral("the header “%1” has no ':' between name and value "
                                                               "(expected e.g. 'Content-Type: application/json')")
                                                    .arg(value.left(60)));
                return false;
            }
            if (colon <= 0) { // "Name;" sends the header with an empty value
                const QString name = value.left(semicolon).trimmed();
                if (!HeaderLines::isValidName(name)) {
                    err = source.error(valueOffset,
                                       QStringLiteral("“%1” is not a valid HTTP header name").arg(name.left(40)));
                    return false;
                }
                command.headers.append({name, QString()});
                return true;
            }
            const QString name = value.left(colon).trimmed();
            if (!HeaderLines::isValidName(name)) {
                err = source.error(valueOffset, QStringLiteral("“%1” is not a valid HTTP header name (letters, digits "
                                                               "and !#$%&'*+-.^_`|~ only)")
                                                    .arg(name.left(40)));
                return false;
            }
            const QString headerValue = value.mid(colon + 1).trimmed();
            if (headerValue.isEmpty()) { // "Name:" removes a header curl would send
                for (qsizetype k = command.headers.size() - 1; k >= 0; --k) {
                    if (command.headers.at(k).first.compare(name, Qt::CaseInsensitive) == 0)
                        command.headers.removeAt(k);
                }
                return true;
            }
            command.headers.append({name, headerValue});
            return true;
        }
        case Action::Data:
        case Action::DataRaw:
        case Action::DataBinary:
        case Action::Json: {
            QByteArray data = value.toUtf8();
            if (spec.action != Action::DataRaw && value.startsWith(QLatin1Char('@'))) {
                if (!readFile(value.mid(1), valueOffset, label, &data))
                    return false;
                if (spec.action == Action::Data) {
                    data.replace("\r", "");
                    data.replace("\n", "");
                }
            }
            if (spec.action == Action::Json)
                dataIsJson = true;
            dataParts.append(data);
            return true;
        }
        case Action::DataUrlencode:
        case Action::UrlQuery: {
            QByteArray encoded;
            QString content = value;
            if (spec.action == Action::UrlQuery && content.startsWith(QLatin1Char('+'))) {
                encoded = content.mid(1).toUtf8(); // "+": already encoded
            } else {
                const qsizetype eq = content.indexOf(QLatin1Char('='));
                const qsizetype at = content.indexOf(QLatin1Char('@'));
                if (at >= 0 && (eq < 0 || at < eq)) {
                    QByteArray fileContent;
                    if (!readFile(content.mid(at + 1), valueOffset, label, &fileContent))
                        return false;
                    const QString name = content.left(at);
                    encoded = (name.isEmpty() ? QByteArray() : name.toUtf8() + '=') + urlEncodeAll(fileContent);
                } else if (eq == 0) {
                    encoded = urlEncodeAll(content.mid(1).toUtf8());
                } else if (eq > 0) {
                    encoded = content.left(eq).toUtf8() + '=' + urlEncodeAll(content.mid(eq + 1).toUtf8());
                } else {
                    encoded = urlEncodeAll(content.toUtf8());
                }
            }
            if (spec.action == Action::UrlQuery)
                queryAdditions << QString::fromLatin1(encoded);
            else
                dataParts.append(encoded);
            return true;
        }
        case Action::Get:
            get = true;
            return true;
        case Action::Head:
            head = true;
            command.warnings << QStringLiteral("-I/--head asks only for the response headers; the API needs a POST.");
            return true;
        case Action::Upload: {
            QByteArray data;
            if (!readFile(value, valueOffset, label, &data))
                return false;
            dataParts = {data};
            upload = true;
            return true;
        }
        case Action::UserAgent:
            command.headers.append({QStringLiteral("User-Agent"), value.trimmed()}); // as -H would read it
            return true;
        case Action::Referer:
            command.headers.append({QStringLiteral("Referer"), value.trimmed()});
            return true;
        case Action::Form:
            err = source.error(valueOffset, QStringLiteral("%1 sends a multipart form; the API takes a JSON body: use "
                                                           "-d '{\"method\": ..., \"params\": ..., \"id\": ...}'")
                                                .arg(label));
            return false;
        case Action::Insecure:
            command.warnings << QStringLiteral("The command turns off TLS certificate checks (%1); this tool keeps "
                                               "them on and shows any certificate problem.")
                                    .arg(label);
            return true;
        case Action::BasicAuth:
            command.warnings << QStringLiteral("%1 (HTTP basic authentication) was dropped: the API takes accountID "
                                               "and secretKey in the URL.")
                                    .arg(label);
            return true;
        case Action::SecretOption:
            command.warnings << QStringLiteral("%1 carries credentials that the API does not use; dropped.").arg(label);
            return true;
        case Action::Proxy:
            command.warnings << QStringLiteral("The proxy given with %1 was not taken over; this tool uses the "
                                               "system's proxy settings.")
                                    .arg(label);
            return true;
        case Action::Location:
            command.warnings << QStringLiteral("%1 follows redirects; this tool shows a redirect instead of "
                                               "following it, so the secret key never goes to another address.")
                                    .arg(label);
            return true;
        case Action::Ignore:
            return true;
        }
        return true;
    };

    bool optionsEnded = false;
    for (qsizetype t = 1; t < list.size(); ++t) {
        const Token& token = list.at(t);
        const QString& word = token.text;
        if (optionsEnded || !word.startsWith(QLatin1Char('-')) || word == QLatin1String("-")) {
            const OptionSpec* urlSpec = findLong(QStringLiteral("url"));
            if (!apply(*urlSpec, QString(), word, token.offset))
                return std::nullopt;
            continue;
        }
        if (word == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        if (word.startsWith(QLatin1String("--"))) {
            QString name = word.mid(2);
            QString inlineValue;
            bool hasInline = false;
            const qsizetype eq = name.indexOf(QLatin1Char('='));
            if (eq > 0) {
                inlineValue = name.mid(eq + 1);
                name = name.left(eq);
                hasInline = true;
            }
            const OptionSpec* spec = findLong(name);
            if (!spec) {
                err = source.error(token.offset, QStringLiteral("unknown curl option “--%1”").arg(name));
                return std::nullopt;
            }
            const QString label = QStringLiteral("--") + name;
            if (!spec->takesValue) {
                if (hasInline) {
                    err = source.error(token.offset, QStringLiteral("%1 takes no value").arg(label));
                    return std::nullopt;
                }
                if (!apply(*spec, label, QString(), token.offset))
                    return std::nullopt;
                continue;
            }
            if (hasInline) {
                if (!apply(*spec, label, inlineValue, token.offset + 3 + eq))
                    return std::nullopt;
                continue;
            }
            if (t + 1 >= list.size()) {
                err = source.error(token.offset,
                                   QStringLiteral("%1 needs a value, but the command ends here").arg(label));
                return std::nullopt;
            }
            ++t;
            if (!apply(*spec, label, list.at(t).text, list.at(t).offset))
                return std::nullopt;
            continue;
        }
        // A cluster of short options: -sSL, -XPOST, -sH 'X: y', -d'{}'.
        for (qsizetype k = 1; k < word.size(); ++k) {
            const OptionSpec* spec = findShort(word.at(k));
            if (!spec) {
                err = source.error(token.offset + k,
                                   QStringLiteral("unknown curl option “-%1”%2")
                                       .arg(word.at(k))
                                       .arg(word.size() > 2 ? QStringLiteral(" in “%1”").arg(word) : QString()));
                return std::nullopt;
            }
            const QString label = optionLabel(*spec, true);
            if (!spec->takesValue) {
                if (!apply(*spec, label, QString(), token.offset))
                    return std::nullopt;
                continue;
            }
            if (k + 1 < word.size()) {
                if (!apply(*spec, label, word.mid(k + 1), token.offset + k + 1))
                    return std::nullopt;
            } else if (t + 1 < list.size()) {
                ++t;
                if (!apply(*spec, label, list.at(t).text, list.at(t).offset))
                    return std::nullopt;
            } else {
                err = source.error(token.offset,
                                   QStringLiteral("%1 needs a value, but the command ends here").arg(label));
                return std::nullopt;
            }
            break;
        }
    }

    if (urlText.isEmpty()) {
        err = source.error(source.text.size(), QStringLiteral("no URL: the command does not say where to send the "
                                                              "request"));
        return std::nullopt;
    }
    QString fullUrl = urlText.trimmed();
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://"));
    if (!scheme.match(fullUrl).hasMatch()) {
        fullUrl.prepend(QStringLiteral("http://"));
        command.warnings << QStringLiteral("The URL has no scheme; curl would use http://, the API needs https://.");
    }
    QUrl url(fullUrl, QUrl::TolerantMode);
    if (!url.isValid() || url.host().isEmpty()) {
        err = source.error(urlOffset, QStringLiteral("“%1” is not a usable URL%2")
                                          .arg(Redactor::redactText(urlText.left(80)),
                                               url.isValid() ? QStringLiteral(" (no host name)")
                                                             : QStringLiteral(": ") + url.errorString()));
        return std::nullopt;
    }
    if (url.hasFragment()) {
        // curl never sends the #fragment; a '#' meant as data must be written %23.
        command.warnings << QStringLiteral("The URL's #fragment (“%1”) is not sent by curl; it was dropped.")
                                .arg(Redactor::redactText(url.fragment().left(40)));
        url.setFragment(QString());
    }
    const QString scheme2 = url.scheme().toLower();
    if (scheme2 != QLatin1String("http") && scheme2 != QLatin1String("https")) {
        err = source.error(urlOffset,
                           QStringLiteral("the URL uses %1://; the API is reached over https://").arg(scheme2));
        return std::nullopt;
    }

    QByteArray body;
    for (qsizetype k = 0; k < dataParts.size(); ++k) {
        if (k > 0 && !dataIsJson)
            body += '&';
        body += dataParts.at(k);
    }
    if (get && !dataParts.isEmpty())
        queryAdditions << QString::fromUtf8(body);
    if (!queryAdditions.isEmpty()) {
        QString query = url.query(QUrl::FullyEncoded);
        for (const QString& addition : std::as_const(queryAdditions))
            query += (query.isEmpty() ? QString() : QStringLiteral("&")) + addition;
        url.setQuery(query, QUrl::TolerantMode);
    }
    if (get && !dataParts.isEmpty())
        command.warnings << QStringLiteral("-G moves the data into the URL and sends a GET; the API expects it as "
                                           "the JSON body of a POST.");

    command.url = url;
    command.hasBody = !dataParts.isEmpty() && !get;
    command.body = command.hasBody ? body : QByteArray();
    if (dataIsJson) {
        const auto addIfMissing = [&](const QString& name) {
            for (const Header& h : std::as_const(command.headers)) {
                if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                    return;
            }
            command.headers.append({name, QStringLiteral("application/json")});
        };
        addIfMissing(QStringLiteral("Content-Type"));
        addIfMissing(QStringLiteral("Accept"));
    }

    if (!explicitMethod.isEmpty()) {
        command.method = explicitMethod;
        command.methodExplicit = true;
    } else if (head) {
        command.method = QStringLiteral("HEAD");
    } else if (get) {
        command.method = QStringLiteral("GET");
    } else if (upload) {
        command.method = QStringLiteral("PUT");
    } else if (command.hasBody) {
        command.method = QStringLiteral("POST");
    } else {
        command.method = QStringLiteral("GET");
    }

    if (!tokens.ignoredTail.isEmpty())
        command.warnings << QStringLiteral("Ignored what follows the curl command: “%1”.")
                                .arg(Redactor::redactText(tokens.ignoredTail.simplified().left(60)));
    return command;
}

CurlCommand CurlCommand::fromRequest(const ApiRequest& request)
{
    CurlCommand command;
    command.url = request.url();
    command.method = QStringLiteral("POST");
    const QList<ApiRequest::Header> headers = request.effectiveHeaders();
    for (const ApiRequest::Header& header : headers) {
        // Our own User-Agent is noise for whoever receives the command.
        if (header.first.compare("User-Agent", Qt::CaseInsensitive) == 0 && request.header("User-Agent").isEmpty())
            continue;
        command.headers.append({QString::fromLatin1(header.first), QString::fromUtf8(header.second)});
    }
    command.body = request.body;
    command.hasBody = true;
    return command;
}

QString CurlCommand::toCommandLine(Secret secret) const
{
    const bool redact = secret == Secret::Redacted;
    QStringList parts;
    parts << QStringLiteral("curl ") +
                 shellQuote(redact ? Redactor::redactEncodedUrl(url) : url.toString(QUrl::FullyEncoded));
    const QString implied = hasBody ? QStringLiteral("POST") : QStringLiteral("GET");
    if (method != implied)
        parts << QStringLiteral("-X ") + shellWord(redact ? Redactor::redactText(method) : method);
    for (const Header& header : headers) {
        const QString line = header.second.isEmpty() ? header.first + QLatin1Char(';')
                                                     : header.first + QStringLiteral(": ") + header.second;
        parts << QStringLiteral("-H ") + shellQuote(redact ? Redactor::redactText(line) : line);
    }
    if (hasBody) {
        const QString text = QString::fromUtf8(body);
        parts << QStringLiteral("--data-raw ") + shellQuote(redact ? Redactor::redactText(text) : text);
    }
    return parts.join(QStringLiteral(" \\\n  "));
}

QUrl CurlCommand::endpoint() const
{
    QUrl result = url;
    QStringList kept;
    const QString query = url.query(QUrl::FullyEncoded);
    const QStringList items = query.split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString& item : items) {
        const QString name = QUrl::fromPercentEncoding(item.section(QLatin1Char('='), 0, 0).toUtf8());
        if (!isCredentialName(name, "accountID") && !isCredentialName(name, "secretKey"))
            kept << item;
    }
    result.setQuery(kept.isEmpty() ? QString() : kept.join(QLatin1Char('&')), QUrl::StrictMode);
    return result;
}

namespace {
QString queryValue(const QUrl& url, const char* name)
{
    const QString query = url.query(QUrl::FullyEncoded);
    const QStringList items = query.split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString& item : items) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const QString itemName = QUrl::fromPercentEncoding(item.left(eq < 0 ? item.size() : eq).toUtf8());
        if (isCredentialName(itemName, name)) {
            // '+' in a query value means a space to form decoders, but the API receives keys
            // that contain '+' as is from most clients; keep it literal.
            return eq < 0 ? QString() : QUrl::fromPercentEncoding(item.mid(eq + 1).toUtf8());
        }
    }
    return QString();
}
} // namespace

QString CurlCommand::accountId() const
{
    return queryValue(url, "accountID");
}

QString CurlCommand::secretKey() const
{
    const QString value = queryValue(url, "secretKey");
    return Redactor::isMask(value) ? QString() : value;
}

bool CurlCommand::secretRedacted() const
{
    return Redactor::isMask(queryValue(url, "secretKey"));
}

QByteArray CurlCommand::header(const QString& name) const
{
    QByteArray value;
    for (const Header& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            value = h.second.toUtf8();
    }
    return value;
}

ApiRequest CurlCommand::toRequest(QStringList* notes) const
{
    QStringList n;
    ApiRequest request;
    request.endpoint = endpoint();
    request.accountId = accountId();
    request.secretKey = secretKey();
    request.body = body;
    if (secretRedacted())
        n << QStringLiteral("The secret key in the command was redacted (•••): enter the real key before sending.");
    if (method != QLatin1String("POST"))
        n << QStringLiteral("The command uses %1; the API only answers POST, so it will be sent as POST.").arg(method);

    // A legacy `header` object in the body may carry the secret too; it belongs in the secret
    // field, never in a draft or a file.
    if (auto envelope = RequestEnvelope::parse(body)) {
        QStringList paths;
        const std::optional<QString> found = envelope->takeSecrets(&paths);
        if (!paths.isEmpty()) {
            request.body = envelope->toJson(QJsonDocument::Compact);
            if (found && request.secretKey.isEmpty() && !Redactor::isMask(*found)) {
                request.secretKey = *found;
                n << QStringLiteral("The body carried the secret key (%1); it was moved to the secret field.")
                         .arg(paths.join(QStringLiteral(", ")));
            } else {
                n << QStringLiteral("The body carried a secret key (%1); it was removed from the body.")
                         .arg(paths.join(QStringLiteral(", ")));
            }
        }
    }

    for (const Header& h : headers) {
        if (!HeaderLines::isTransportHeader(h.first))
            request.headers.append({h.first.toLatin1(), h.second.toUtf8()});
    }
    if (notes)
        *notes = n;
    return request;
}

bool CurlCommand::sameRequestAs(const CurlCommand& other) const
{
    return method == other.method && url == other.url && headers == other.headers && hasBody == other.hasBody &&
           body == other.body;
}
