#include "JsonText.h"

#include "RequestEnvelope.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace JsonText {

QString Syntax::message() const
{
    if (ok)
        return QString();
    return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(reason);
}

namespace {
Syntax errorAt(const QByteArray& utf8, qsizetype offset, const QString& reason)
{
    offset = qBound<qsizetype>(0, offset, utf8.size());
    Syntax syntax;
    syntax.ok = false;
    syntax.reason = reason;
    syntax.position = int(QString::fromUtf8(utf8.left(offset)).size());
    const TextPosition where = TextPosition::at(utf8, offset);
    syntax.line = where.line;
    syntax.column = where.column;
    return syntax;
}

// Offset of the first comma outside strings, brackets and braces: where a second top-level value
// starts ("1, 2").
qsizetype topLevelComma(const QByteArray& utf8)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '{' || c == '[')
            ++depth;
        else if (c == '}' || c == ']')
            --depth;
        else if (c == ',' && depth == 0)
            return i;
    }
    return 0;
}

// Where the problem is, from Qt's error offset: Qt has usually consumed the character it choked
// on (the offset is one past it); at the end of the text ("unterminated object") the offset is the
// end, which is exactly where something is missing; trailing garbage is reported where it starts.
qsizetype culprit(const QJsonParseError& error, qsizetype size)
{
    const bool missingEnd =
        error.error == QJsonParseError::UnterminatedObject || error.error == QJsonParseError::UnterminatedArray ||
        error.error == QJsonParseError::UnterminatedString || error.error == QJsonParseError::TerminationByNumber;
    if (error.offset >= size && missingEnd)
        return size;
    if (error.error == QJsonParseError::GarbageAtEnd)
        return error.offset;
    return qBound(qsizetype(0), qsizetype(error.offset) - 1, size);
}

bool isJsonSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r');
}
} // namespace

Syntax check(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    if (utf8.trimmed().isEmpty())
        return errorAt(utf8, 0, QStringLiteral("no JSON value"));

    QJsonParseError error;
    QJsonDocument::fromJson(utf8, &error);
    if (error.error == QJsonParseError::NoError)
        return Syntax();

    // QJsonDocument accepts only objects and arrays at the top; a scalar (`null`, `"x"`, `5`) is
    // valid JSON too, so parse it as the single element of an array.
    const char first = utf8.trimmed().at(0);
    if (first == '{' || first == '[')
        return errorAt(utf8, culprit(error, utf8.size()), error.errorString());
    QJsonParseError wrappedError;
    const QByteArray wrappedText = '[' + utf8 + ']';
    const QJsonDocument wrapped = QJsonDocument::fromJson(wrappedText, &wrappedError);
    if (wrappedError.error != QJsonParseError::NoError) {
        // Offsets in the wrapped text are one past those in the original.
        return errorAt(utf8, qMin(culprit(wrappedError, wrappedText.size()), wrappedText.size() - 1) - 1,
                       wrappedError.errorString());
    }
    if (wrapped.array().size() != 1)
        return errorAt(utf8, topLevelComma(utf8), QStringLiteral("more than one value"));
    return Syntax();
}

namespace {
QString format(const QString& json, int indent, bool pretty)
{
    QString out;
    out.reserve(json.size() + json.size() / 4);
    int depth = 0;
    const auto newline = [&] {
        out += QLatin1Char('\n');
        out += QString(depth * indent, QLatin1Char(' '));
    };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QChar c = json.at(i);
        if (c == QLatin1Char('"')) {
            // Copy the string literal verbatim, escapes included.
            const qsizetype start = i++;
            while (i < json.size() && json.at(i) != QLatin1Char('"')) {
                if (json.at(i) == QLatin1Char('\\'))
                    ++i;
                ++i;
            }
            out += QStringView(json).mid(start, i - start + 1);
            continue;
        }
        if (isJsonSpace(c))
            continue;
        if (!pretty) {
            out += c;
            continue;
        }
        if (c == QLatin1Char('{') || c == QLatin1Char('[')) {
            qsizetype next = i + 1;
            while (next < json.size() && isJsonSpace(json.at(next)))
                ++next;
            const QChar close = c == QLatin1Char('{') ? QLatin1Char('}') : QLatin1Char(']');
            out += c;
            if (next < json.size() && json.at(next) == close) {
                out += close;
                i = next;
                continue;
            }
            ++depth;
            newline();
        } else if (c == QLatin1Char('}') || c == QLatin1Char(']')) {
            --depth;
            newline();
            out += c;
        } else if (c == QLatin1Char(',')) {
            out += c;
            newline();
        } else if (c == QLatin1Char(':')) {
            out += QLatin1String(": ");
        } else {
            out += c;
        }
    }
    return out;
}
} // namespace

QString compact(const QString& json)
{
    return format(json, 0, false);
}

QString indented(const QString& json, int indent)
{
    return format(json, indent, true);
}

QString quote(const QString& text)
{
    return valueText(QJsonValue(text));
}

QString valueText(const QJsonValue& value, bool indent)
{
    QString text;
    if (value.isObject()) {
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    } else {
        // Scalars and arrays: serialise as the only element of an array and strip the brackets.
        const QString array = QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
        text = array.mid(1, array.size() - 2);
    }
    return indent ? indented(text) : text;
}

} // namespace JsonText
