#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

// Plain-text layout for terminals and clipboard text: word wrapping with hanging indents, and
// compact pretty-printed JSON that keeps short objects and arrays on one line.
class TextWrap
{
public:
    // Word-wraps `text` so that no line is longer than `width`. The first line starts with
    // `firstPrefix`, the following ones with `restPrefix`; line breaks in `text` are kept. Words
    // that do not fit on a line of their own are split.
    static QStringList wrap(const QString& text, int width, const QString& firstPrefix = QString(),
                            const QString& restPrefix = QString());
    static QString wrapped(const QString& text, int width, const QString& firstPrefix = QString(),
                           const QString& restPrefix = QString());

    // Splits a preformatted line (JSON, HTML) into pieces of at most `width` characters, the
    // continuation pieces indented like the line itself plus two spaces.
    static QStringList breakLine(const QString& line, int width);

    // JSON text indented by two spaces, containers kept on one line when they fit in `width`.
    // Object keys listed in `keyOrder` come first, in that order (QJsonObject itself sorts keys).
    static QString prettyJson(const QJsonValue& value, int width = 100, const QStringList& keyOrder = QStringList());
};
