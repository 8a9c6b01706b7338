#include "LintText.h"

#include "TextDistance.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <cstdlib>

namespace LintText {
QString jsonQuote(const QString& s)
{
    const QByteArray array = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QString quoted(const QString& s)
{
    return QLatin1Char('"') + s + QLatin1Char('"');
}

QString quotedList(const QStringList& names)
{
    QStringList q;
    for (const QString& n : names)
        q.append(quoted(n));
    return q.join(QLatin1String(", "));
}

bool isIdentifier(const QString& key)
{
    if (key.isEmpty())
        return false;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const char16_t c = key[i].unicode();
        const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$';
        if (!letter && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

QString pathKey(const QString& base, const QString& key)
{
    if (isIdentifier(key))
        return base + QLatin1Char('.') + key;
    return base + QLatin1Char('[') + jsonQuote(key) + QLatin1Char(']');
}

QString pathIndex(const QString& base, qsizetype index)
{
    return base + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QString describe(const JsonSourceNode& node)
{
    switch (node.kind) {
    case JsonSourceNode::Kind::Null:
        return QStringLiteral("null");
    case JsonSourceNode::Kind::Bool:
        return node.scalar.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case JsonSourceNode::Kind::Number:
        return QStringLiteral("the number %1").arg(node.scalar.toDouble(), 0, 'g', 17);
    case JsonSourceNode::Kind::String: {
        const QString s = node.scalar.toString();
        if (s.isEmpty())
            return QStringLiteral("an empty string");
        return QStringLiteral("the string %1").arg(jsonQuote(s.size() > 40 ? s.left(37) + QStringLiteral("...") : s));
    }
    case JsonSourceNode::Kind::Array:
        return node.children.empty() ? QStringLiteral("an empty list") : QStringLiteral("a list");
    case JsonSourceNode::Kind::Object:
        return QStringLiteral("an object");
    }
    return QString();
}

QString typePhrase(const QString& type)
{
    if (type == QLatin1String("integer"))
        return QStringLiteral("an integer (a number or a string of digits)");
    if (type == QLatin1String("number"))
        return QStringLiteral("a number");
    if (type == QLatin1String("boolean"))
        return QStringLiteral("0 or 1");
    if (type == QLatin1String("datetime"))
        return QStringLiteral("a 'Y-m-d H:i:s' string");
    if (type == QLatin1String("date"))
        return QStringLiteral("a 'Y-m-d' string");
    if (type == QLatin1String("object"))
        return QStringLiteral("an object");
    if (type == QLatin1String("array"))
        return QStringLiteral("a list");
    return QStringLiteral("a string");
}

bool isScalarType(const QString& type)
{
    return type != QLatin1String("object") && type != QLatin1String("array") && type != QLatin1String("any");
}

bool isNumericType(const QString& type)
{
    return type == QLatin1String("integer") || type == QLatin1String("number");
}

QString scalarText(const JsonSourceNode& node)
{
    if (node.kind == JsonSourceNode::Kind::String)
        return node.scalar.toString();
    if (node.kind == JsonSourceNode::Kind::Number)
        return QString::number(node.scalar.toDouble(), 'g', 17);
    if (node.kind == JsonSourceNode::Kind::Bool)
        return node.scalar.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString();
}

std::optional<double> numericValue(const JsonSourceNode& node)
{
    if (node.kind == JsonSourceNode::Kind::Number)
        return node.scalar.toDouble();
    if (node.kind == JsonSourceNode::Kind::String) {
        bool ok = false;
        const double d = node.scalar.toString().trimmed().toDouble(&ok);
        if (ok)
            return d;
    }
    return std::nullopt;
}

QString numberText(double d)
{
    return QString::number(d, 'g', 17);
}

bool isDateTimeText(const QString& s)
{
    static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$"));
    return shape.match(s).hasMatch() && QDateTime::fromString(s, QStringLiteral("yyyy-MM-dd HH:mm:ss")).isValid();
}

bool isDateText(const QString& s)
{
    static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    return (shape.match(s).hasMatch() && QDate::fromString(s, QStringLiteral("yyyy-MM-dd")).isValid()) ||
           isDateTimeText(s);
}

// "2024-01-01T10:00:00" → "2024-01-01 10:00:00"; only when nothing but the 'T' is wrong, because
// dropping a zone ("Z", "+02:00") would silently change the instant.
QString dateTimeWithoutT(const QString& s)
{
    static const QRegularExpression isoLocal(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})(\\.\\d+)?$"));
    const QRegularExpressionMatch m = isoLocal.match(s);
    if (!m.hasMatch() || !m.captured(3).isEmpty())
        return QString();
    const QString candidate = m.captured(1) + QLatin1Char(' ') + m.captured(2);
    return isDateTimeText(candidate) && candidate != s ? candidate : QString();
}

bool looksLikeEmail(const QString& s)
{
    static const QRegularExpression email(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$"));
    return email.match(s).hasMatch();
}

bool isEmptyPhpArray(const JsonSourceNode& node)
{
    return node.isArray() && node.children.empty();
}

// Inserts a member into an object (or turns an empty PHP-style [] into an object holding it),
// keeping the layout: a multi-line object gets the member on its own line, indented like the
// first member.
LintTextEdit insertMember(QStringView text, const JsonSourceNode& container, const QString& memberText)
{
    if (container.children.empty() || isEmptyPhpArray(container))
        return {container.start, container.end - container.start, QLatin1Char('{') + memberText + QLatin1Char('}')};
    const JsonSourceNode& first = container.children.front();
    const QStringView gap = text.mid(container.start + 1, first.keyStart - container.start - 1);
    const qsizetype newline = gap.lastIndexOf(QLatin1Char('\n'));
    const QString separator =
        newline >= 0 ? QStringLiteral(",\n") + gap.mid(newline + 1).toString() : QStringLiteral(", ");
    return {first.keyStart, 0, memberText + separator};
}

LintTextEdit renameKey(const JsonSourceNode& member, const QString& newName)
{
    return {member.keyStart, member.keyEnd - member.keyStart, jsonQuote(newName)};
}

LintTextEdit replaceValue(const JsonSourceNode& node, const QString& newText)
{
    return {node.start, node.end - node.start, newText};
}

// Visits every object member of a tree; the member's JSON path is built only when asked for

QString fillTemplate(const char* pattern, const QStringList& args)
{
    const QString text = QString::fromUtf8(pattern);
    QString result;
    result.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char('%') && i + 1 < text.size() && text[i + 1] >= QLatin1Char('1') &&
            text[i + 1] <= QLatin1Char('9')) {
            const int index = text[i + 1].unicode() - '1';
            result += args.value(index);
            ++i;
        } else {
            result += c;
        }
    }
    return result;
}

// RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
int firstInvalidUtf8Byte(const QByteArray& bytes)
{
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.constData());
    const int size = int(bytes.size());
    int i = 0;
    while (i < size) {
        const unsigned char c = data[i];
        int length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0)
                low = 0xA0; // overlong
            if (c == 0xED)
                high = 0x9F; // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0)
                low = 0x90; // overlong
            if (c == 0xF4)
                high = 0x8F; // above U+10FFFF
        } else {
            return i;
        }
        if (i + length > size)
            return i;
        for (int k = 1; k < length; ++k) {
            const unsigned char cc = data[i + k];
            if (cc < (k == 1 ? low : 0x80) || cc > (k == 1 ? high : 0xBF))
                return i;
        }
        i += length;
    }
    return -1;
}

bool mayHaveCloseName(const QString& word, const QStringList& candidates)
{
    const int limit = TextDistance::defaultThreshold(int(word.size()));
    for (const QString& candidate : candidates) {
        if (std::abs(int(word.size()) - int(candidate.size())) <= limit)
            return true;
    }
    return false;
}

void LineIndex::lineColumn(int offset, int* line, int* column)
{
    if (m_lineStarts.empty()) {
        m_lineStarts.push_back(0);
        for (int i = 0; i < int(m_text.size()); ++i) {
            if (m_text[i] == QLatin1Char('\n'))
                m_lineStarts.push_back(i + 1);
        }
    }
    const auto it = std::upper_bound(m_lineStarts.cbegin(), m_lineStarts.cend(), offset);
    const int index = int(it - m_lineStarts.cbegin()) - 1;
    *line = index + 1;
    *column = offset - m_lineStarts[size_t(index)] + 1;
}
} // namespace LintText
