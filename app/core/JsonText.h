#pragma once

#include <QJsonValue>
#include <QString>

// Text-level JSON helpers for the composer's editors. Formatting works on the tokens as typed, so
// Format and the sent body keep the user's key order, duplicate keys and number literals exactly
// (QJsonDocument would sort keys and turn 12345678901234567890 into a double).
namespace JsonText {

// Result of checking a text for JSON syntax.
struct Syntax
{
    bool ok = true;
    int position = -1; // QString index of the first error; -1 when ok
    int line = 0;      // 1-based
    int column = 0;    // 1-based, in characters
    QString reason;    // Qt's description: "unterminated string", ...
    // "line 3, column 14: unterminated string" (empty when ok).
    QString message() const;
};

// Checks any JSON value (objects, arrays and scalars such as `null`). Empty or blank text is
// reported as an error ("no value"); callers that accept "absent" test for that first.
Syntax check(const QString& text);

// The same tokens without insignificant whitespace. Only meaningful for text check() accepts.
QString compact(const QString& json);
// The same tokens, one member or element per line, `indent` spaces per level; empty objects and
// arrays stay `{}` / `[]`. Only meaningful for text check() accepts.
QString indented(const QString& json, int indent = 2);

// A JSON string literal: "a\"b".
QString quote(const QString& text);
// Any value (also scalars, which QJsonDocument cannot serialise on its own) as JSON text.
QString valueText(const QJsonValue& value, bool indent = false);

} // namespace JsonText
