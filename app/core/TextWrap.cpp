#include "TextWrap.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
int leadingSpaces(const QString& line)
{
    int n = 0;
    while (n < line.size() && line.at(n) == QLatin1Char(' '))
        ++n;
    return n;
}

QString scalarJson(const QJsonValue& value)
{
    // QJsonDocument only serialises containers: wrap the scalar in an array and strip the brackets.
    const QString text = QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
    return text.mid(1, text.size() - 2);
}

// Object keys in the preferred order first, then the rest alphabetically (QJsonObject's order).
QStringList orderedKeys(const QJsonObject& object, const QStringList& keyOrder)
{
    QStringList keys;
    for (const QString& k : keyOrder) {
        if (object.contains(k))
            keys.append(k);
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!keyOrder.contains(it.key()))
            keys.append(it.key());
    }
    return keys;
}

// One-line JSON with a space after ':' and ','.
QString inlineJson(const QJsonValue& value, const QStringList& keyOrder)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        QStringList parts;
        for (const QString& k : orderedKeys(object, keyOrder))
            parts.append(scalarJson(k) + QStringLiteral(": ") + inlineJson(object.value(k), keyOrder));
        return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue& item : value.toArray())
            parts.append(inlineJson(item, keyOrder));
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    return scalarJson(value);
}

void appendPretty(QString& out, const QJsonValue& value, int indent, int width, int used, const QStringList& keyOrder)
{
    const QString oneLine = inlineJson(value, keyOrder);
    if ((!value.isObject() && !value.isArray()) || used + oneLine.size() <= width) {
        out += oneLine;
        return;
    }
    const QString pad(indent + 2, QLatin1Char(' '));
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        const QStringList keys = orderedKeys(object, keyOrder);
        out += QStringLiteral("{\n");
        for (qsizetype i = 0; i < keys.size(); ++i) {
            const QString keyText = scalarJson(keys.at(i)) + QStringLiteral(": ");
            out += pad + keyText;
            appendPretty(out, object.value(keys.at(i)), indent + 2, width, int(pad.size() + keyText.size()), keyOrder);
            out += i + 1 == keys.size() ? QStringLiteral("\n") : QStringLiteral(",\n");
        }
        out += QString(indent, QLatin1Char(' ')) + QLatin1Char('}');
        return;
    }
    const QJsonArray array = value.toArray();
    out += QStringLiteral("[\n");
    for (qsizetype i = 0; i < array.size(); ++i) {
        out += pad;
        appendPretty(out, array.at(i), indent + 2, width, int(pad.size()), keyOrder);
        out += i + 1 == array.size() ? QStringLiteral("\n") : QStringLiteral(",\n");
    }
    out += QString(indent, QLatin1Char(' ')) + QLatin1Char(']');
}
} // namespace

QStringList TextWrap::wrap(const QString& text, int width, const QString& firstPrefix, const QString& restPrefix)
{
    QStringList lines;
    QString prefix = firstPrefix;
    const QStringList paragraphs = text.split(QLatin1Char('\n'));
    for (const QString& paragraph : paragraphs) {
        QString line = prefix;
        bool lineHasWord = false;
        const QStringList words = paragraph.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (QString word : words) {
            for (;;) {
                const int needed = (lineHasWord ? 1 : 0) + int(word.size());
                if (line.size() + needed <= width) {
                    if (lineHasWord)
                        line += QLatin1Char(' ');
                    line += word;
                    lineHasWord = true;
                    break;
                }
                if (lineHasWord) {
                    lines.append(line);
                    prefix = restPrefix;
                    line = prefix;
                    lineHasWord = false;
                    continue;
                }
                // A word longer than a whole line: split it rather than overflow.
                const int room = qMax(1, width - int(line.size()));
                line += word.left(room);
                word = word.mid(room);
                lines.append(line);
                prefix = restPrefix;
                line = prefix;
                if (word.isEmpty())
                    break;
            }
        }
        if (lineHasWord) {
            lines.append(line);
        } else if (words.isEmpty()) {
            // An empty paragraph stays as a blank line (prefix only, no trailing spaces).
            while (line.endsWith(QLatin1Char(' ')))
                line.chop(1);
            lines.append(line);
        }
        prefix = restPrefix;
    }
    return lines;
}

QString TextWrap::wrapped(const QString& text, int width, const QString& firstPrefix, const QString& restPrefix)
{
    return wrap(text, width, firstPrefix, restPrefix).join(QLatin1Char('\n'));
}

QStringList TextWrap::breakLine(const QString& line, int width)
{
    if (line.size() <= width)
        return {line};
    const int indent = qMin(leadingSpaces(line) + 2, width / 2);
    const QString pad(indent, QLatin1Char(' '));
    QStringList pieces{line.left(width)};
    QString rest = line.mid(width);
    const int room = qMax(1, width - indent);
    while (!rest.isEmpty()) {
        pieces.append(pad + rest.left(room));
        rest = rest.mid(room);
    }
    return pieces;
}

QString TextWrap::prettyJson(const QJsonValue& value, int width, const QStringList& keyOrder)
{
    QString out;
    appendPretty(out, value, 0, width, 0, keyOrder);
    return out;
}
