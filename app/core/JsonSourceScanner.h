#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <vector>

// One value of a JSON text with where it sits in that text, so that diagnostics can point at
// (and quick fixes can rewrite) the exact key or value. Offsets are QString (UTF-16) positions,
// the unit QTextCursor uses.
struct JsonSourceNode
{
    enum class Kind
    {
        Null,
        Bool,
        Number,
        String,
        Array,
        Object
    };

    Kind kind = Kind::Null;
    int start = 0; // value range [start, end) in the text
    int end = 0;
    QString key; // member name when the node is an object member
    int keyStart = -1;
    int keyEnd = -1;
    QJsonValue scalar;                    // value of scalars (numbers as double, strings decoded)
    std::vector<JsonSourceNode> children; // object members in text order (duplicates kept) or array elements

    bool isObject() const { return kind == Kind::Object; }
    bool isArray() const { return kind == Kind::Array; }
    bool isContainer() const { return kind == Kind::Object || kind == Kind::Array; }
    bool isScalar() const { return !isContainer(); }
    bool hasKey() const { return keyStart >= 0; }
    // The member a server would use: the LAST one of that name (PHP json_decode semantics).
    const JsonSourceNode* member(const QString& name) const;
    // The same without regard to case (first match), for "did you mean" on mis-cased keys.
    const JsonSourceNode* memberCaseInsensitive(const QString& name) const;
    // Converts to a QJsonValue (objects keep the last duplicate).
    QJsonValue toJsonValue() const;
    // "object", "array", "string", "number", "boolean", "null" (for messages).
    QString kindName() const;
};

// A small strict RFC 8259 parser that keeps source positions. Meant for request bodies (small
// documents); nesting is limited so hostile input cannot exhaust the stack.
class JsonSourceScanner
{
public:
    struct Result
    {
        bool ok = false;
        JsonSourceNode root;
        QString error;       // what is wrong, when !ok
        int errorOffset = 0; // where, as a QString position
        int line = 0;        // 1-based line and column of errorOffset
        int column = 0;
    };

    static constexpr int kMaxDepth = 256;

    enum class Option
    {
        Strict,
        AllowLeadingBom
    }; // AllowLeadingBom: skip a U+FEFF at position 0

    static Result scan(QStringView text, Option option = Option::Strict);
    // 1-based line and column of a QString position.
    static void lineColumn(QStringView text, int offset, int* line, int* column);
};
