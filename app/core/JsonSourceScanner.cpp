#include "JsonSourceScanner.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {
class Parser
{
public:
    Parser(QStringView text, int start)
        : m_text(text)
        , m_pos(start)
    {}

    bool parseDocument(JsonSourceNode* root)
    {
        skipSpace();
        if (atEnd())
            return fail(QStringLiteral("the text is empty"));
        if (!parseValue(root, 0))
            return false;
        skipSpace();
        if (!atEnd())
            return fail(QStringLiteral("unexpected text after the JSON value"));
        return true;
    }

    QString error() const { return m_error; }
    int errorOffset() const { return m_errorOffset; }

private:
    bool atEnd() const { return m_pos >= int(m_text.size()); }
    QChar peek() const { return atEnd() ? QChar() : m_text[m_pos]; }

    bool fail(const QString& message) { return failAt(m_pos, message); }
    bool failAt(int offset, const QString& message)
    {
        if (m_error.isEmpty()) {
            m_error = message;
            m_errorOffset = offset;
        }
        return false;
    }

    void skipSpace()
    {
        while (!atEnd()) {
            const QChar c = m_text[m_pos];
            if (c != QLatin1Char(' ') && c != QLatin1Char('\t') && c != QLatin1Char('\n') && c != QLatin1Char('\r'))
                break;
            ++m_pos;
        }
    }

    QString describeHere() const
    {
        if (atEnd())
            return QStringLiteral("the end of the text");
        const QChar c = peek();
        if (c.unicode() < 0x20)
            return QStringLiteral("a control character (U+%1)").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        return QStringLiteral("'%1'").arg(c);
    }

    bool parseValue(JsonSourceNode* node, int depth)
    {
        if (depth > JsonSourceScanner::kMaxDepth)
            return fail(QStringLiteral("nesting deeper than %1 levels").arg(JsonSourceScanner::kMaxDepth));
        node->start = m_pos;
        if (atEnd())
            return fail(QStringLiteral("a value is missing at the end of the text"));
        const QChar c = peek();
        bool ok = false;
        if (c == QLatin1Char('{'))
            ok = parseObject(node, depth);
        else if (c == QLatin1Char('['))
            ok = parseArray(node, depth);
        else if (c == QLatin1Char('"')) {
            QString s;
            ok = parseString(&s);
            node->kind = JsonSourceNode::Kind::String;
            node->scalar = s;
        } else if (c == QLatin1Char('-') || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            ok = parseNumber(node);
        else if (c.isLetter())
            ok = parseLiteral(node);
        else if (c.unicode() == 0xFEFF)
            return fail(QStringLiteral("a byte order mark (U+FEFF) precedes the JSON; strict parsers such as "
                                       "PHP's json_decode reject it"));
        else if (c == QLatin1Char('\''))
            return fail(QStringLiteral("strings must use double quotes, not single quotes"));
        else
            return fail(QStringLiteral("expected a value but found %1").arg(describeHere()));
        node->end = m_pos;
        return ok;
    }

    bool parseLiteral(JsonSourceNode* node)
    {
        const int begin = m_pos;
        while (!atEnd() && (peek().isLetterOrNumber() || peek() == QLatin1Char('_')))
            ++m_pos;
        const QStringView word = m_text.mid(begin, m_pos - begin);
        if (word == QLatin1String("true") || word == QLatin1String("false")) {
            node->kind = JsonSourceNode::Kind::Bool;
            node->scalar = word == QLatin1String("true");
            return true;
        }
        if (word == QLatin1String("null")) {
            node->kind = JsonSourceNode::Kind::Null;
            node->scalar = QJsonValue::Null;
            return true;
        }
        const bool caseVariant = word.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 ||
                                 word.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0 ||
                                 word.compare(QLatin1String("null"), Qt::CaseInsensitive) == 0;
        return failAt(begin, caseVariant ? QStringLiteral("'%1' must be written in lower case").arg(word)
                                         : QStringLiteral("unknown word '%1' (strings need double quotes)").arg(word));
    }

    bool parseNumber(JsonSourceNode* node)
    {
        const int begin = m_pos;
        const auto digits = [this] {
            const int from = m_pos;
            while (!atEnd() && peek() >= QLatin1Char('0') && peek() <= QLatin1Char('9'))
                ++m_pos;
            return m_pos - from;
        };
        if (peek() == QLatin1Char('-'))
            ++m_pos;
        if (peek() == QLatin1Char('0')) {
            ++m_pos;
            if (!atEnd() && peek() >= QLatin1Char('0') && peek() <= QLatin1Char('9'))
                return failAt(begin, QStringLiteral("numbers must not have leading zeros"));
        } else if (digits() == 0) {
            return fail(QStringLiteral("expected a digit but found %1").arg(describeHere()));
        }
        if (peek() == QLatin1Char('.')) {
            ++m_pos;
            if (digits() == 0)
                return fail(QStringLiteral("expected a digit after the decimal point"));
        }
        if (peek() == QLatin1Char('e') || peek() == QLatin1Char('E')) {
            ++m_pos;
            if (peek() == QLatin1Char('+') || peek() == QLatin1Char('-'))
                ++m_pos;
            if (digits() == 0)
                return fail(QStringLiteral("expected a digit in the exponent"));
        }
        node->kind = JsonSourceNode::Kind::Number;
        node->scalar = m_text.mid(begin, m_pos - begin).toString().toDouble();
        return true;
    }

    static int hexValue(QChar c)
    {
        const ushort u = c.unicode();
        if (u >= '0' && u <= '9')
            return u - '0';
        if (u >= 'a' && u <= 'f')
            return u - 'a' + 10;
        if (u >= 'A' && u <= 'F')
            return u - 'A' + 10;
        return -1;
    }

    bool parseHex4(char16_t* out)
    {
        if (m_pos + 4 > int(m_text.size()))
            return fail(QStringLiteral("incomplete \\u escape"));
        int value = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hexValue(m_text[m_pos + i]);
            if (h < 0)
                return failAt(m_pos + i, QStringLiteral("invalid hex digit in \\u escape"));
            value = value * 16 + h;
        }
        m_pos += 4;
        *out = char16_t(value);
        return true;
    }

    bool parseString(QString* out)
    {
        const int begin = m_pos;
        ++m_pos; // opening quote
        QString result;
        while (true) {
            if (atEnd())
                return failAt(begin, QStringLiteral("unterminated string"));
            const QChar c = m_text[m_pos];
            if (c == QLatin1Char('"')) {
                ++m_pos;
                break;
            }
            if (c.unicode() < 0x20)
                return fail(QStringLiteral("control character (U+%1) inside a string; escape it")
                                .arg(c.unicode(), 4, 16, QLatin1Char('0')));
            if (c != QLatin1Char('\\')) {
                // Copy the run up to the next quote, backslash or control character at once.
                int runEnd = m_pos + 1;
                while (runEnd < int(m_text.size())) {
                    const QChar r = m_text[runEnd];
                    if (r == QLatin1Char('"') || r == QLatin1Char('\\') || r.unicode() < 0x20)
                        break;
                    ++runEnd;
                }
                result.append(m_text.mid(m_pos, runEnd - m_pos));
                m_pos = runEnd;
                continue;
            }
            ++m_pos;
            if (atEnd())
                return failAt(begin, QStringLiteral("unterminated string"));
            const QChar e = m_text[m_pos++];
            switch (e.unicode()) {
            case '"':
                result.append(QLatin1Char('"'));
                break;
            case '\\':
                result.append(QLatin1Char('\\'));
                break;
            case '/':
                result.append(QLatin1Char('/'));
                break;
            case 'b':
                result.append(QLatin1Char('\b'));
                break;
            case 'f':
                result.append(QLatin1Char('\f'));
                break;
            case 'n':
                result.append(QLatin1Char('\n'));
                break;
            case 'r':
                result.append(QLatin1Char('\r'));
                break;
            case 't':
                result.append(QLatin1Char('\t'));
                break;
            case 'u': {
                char16_t unit = 0;
                if (!parseHex4(&unit))
                    return false;
                result.append(QChar(unit));
                break;
            }
            default:
                return failAt(m_pos - 2, QStringLiteral("invalid escape '\\%1' in a string").arg(e));
            }
        }
        *out = result;
        return true;
    }

    bool parseObject(JsonSourceNode* node, int depth)
    {
        node->kind = JsonSourceNode::Kind::Object;
        ++m_pos; // {
        skipSpace();
        if (peek() == QLatin1Char('}')) {
            ++m_pos;
            return true;
        }
        while (true) {
            skipSpace();
            if (peek() != QLatin1Char('"')) {
                if (peek() == QLatin1Char('}'))
                    return fail(QStringLiteral("trailing comma before '}'"));
                return fail(QStringLiteral("expected a member name in double quotes but found %1").arg(describeHere()));
            }
            JsonSourceNode member;
            member.keyStart = m_pos;
            if (!parseString(&member.key))
                return false;
            member.keyEnd = m_pos;
            skipSpace();
            if (peek() != QLatin1Char(':'))
                return fail(QStringLiteral("expected ':' after the member name \"%1\" but found %2")
                                .arg(member.key, describeHere()));
            ++m_pos;
            skipSpace();
            if (!parseValue(&member, depth + 1))
                return false;
            node->children.push_back(std::move(member));
            skipSpace();
            if (peek() == QLatin1Char(',')) {
                ++m_pos;
                continue;
            }
            if (peek() == QLatin1Char('}')) {
                ++m_pos;
                return true;
            }
            return fail(atEnd() ? QStringLiteral("unterminated object: '}' is missing")
                                : QStringLiteral("expected ',' or '}' but found %1").arg(describeHere()));
        }
    }

    bool parseArray(JsonSourceNode* node, int depth)
    {
        node->kind = JsonSourceNode::Kind::Array;
        ++m_pos; // [
        skipSpace();
        if (peek() == QLatin1Char(']')) {
            ++m_pos;
            return true;
        }
        while (true) {
            skipSpace();
            if (peek() == QLatin1Char(']'))
                return fail(QStringLiteral("trailing comma before ']'"));
            JsonSourceNode element;
            if (!parseValue(&element, depth + 1))
                return false;
            node->children.push_back(std::move(element));
            skipSpace();
            if (peek() == QLatin1Char(',')) {
                ++m_pos;
                continue;
            }
            if (peek() == QLatin1Char(']')) {
                ++m_pos;
                return true;
            }
            return fail(atEnd() ? QStringLiteral("unterminated array: ']' is missing")
                                : QStringLiteral("expected ',' or ']' but found %1").arg(describeHere()));
        }
    }

    QStringView m_text;
    int m_pos = 0;
    QString m_error;
    int m_errorOffset = 0;
};
} // namespace

const JsonSourceNode* JsonSourceNode::member(const QString& name) const
{
    if (kind != Kind::Object)
        return nullptr;
    for (auto it = children.crbegin(); it != children.crend(); ++it) {
        if (it->key == name)
            return &*it;
    }
    return nullptr;
}

const JsonSourceNode* JsonSourceNode::memberCaseInsensitive(const QString& name) const
{
    if (kind != Kind::Object)
        return nullptr;
    for (const JsonSourceNode& child : children) {
        if (child.key.compare(name, Qt::CaseInsensitive) == 0)
            return &child;
    }
    return nullptr;
}

QJsonValue JsonSourceNode::toJsonValue() const
{
    switch (kind) {
    case Kind::Object: {
        QJsonObject object;
        for (const JsonSourceNode& child : children)
            object.insert(child.key, child.toJsonValue()); // later duplicates overwrite, like PHP
        return object;
    }
    case Kind::Array: {
        QJsonArray array;
        for (const JsonSourceNode& child : children)
            array.append(child.toJsonValue());
        return array;
    }
    default:
        return scalar;
    }
}

QString JsonSourceNode::kindName() const
{
    switch (kind) {
    case Kind::Null:
        return QStringLiteral("null");
    case Kind::Bool:
        return QStringLiteral("boolean");
    case Kind::Number:
        return QStringLiteral("number");
    case Kind::String:
        return QStringLiteral("string");
    case Kind::Array:
        return QStringLiteral("array");
    case Kind::Object:
        return QStringLiteral("object");
    }
    return QString();
}

JsonSourceScanner::Result JsonSourceScanner::scan(QStringView text, Option option)
{
    Result result;
    const bool skipBom = option == Option::AllowLeadingBom && text.startsWith(QChar(0xFEFF));
    Parser parser(text, skipBom ? 1 : 0);
    result.ok = parser.parseDocument(&result.root);
    if (!result.ok) {
        result.error = parser.error();
        result.errorOffset = parser.errorOffset();
        lineColumn(text, result.errorOffset, &result.line, &result.column);
        result.root = JsonSourceNode();
    }
    return result;
}

void JsonSourceScanner::lineColumn(QStringView text, int offset, int* line, int* column)
{
    int l = 1;
    int lineStart = 0;
    const int stop = std::min(offset, int(text.size()));
    for (int i = 0; i < stop; ++i) {
        if (text[i] == QLatin1Char('\n')) {
            ++l;
            lineStart = i + 1;
        }
    }
    if (line)
        *line = l;
    if (column)
        *column = offset - lineStart + 1;
}
