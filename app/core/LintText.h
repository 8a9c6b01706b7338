#pragma once

#include "JsonSourceScanner.h"
#include "RequestLinter.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>
#include <vector>

// Text helpers of the lint rules: JSON paths, value descriptions for messages, date and email
// shapes, quick-fix edits that keep the layout, message templates, line and column lookup.
namespace LintText {
// A string as a JSON literal ("a\"b" with quotes and escapes).
QString jsonQuote(const QString& s);
QString quoted(const QString& s);             // "s", unescaped (names in messages)
QString quotedList(const QStringList& names); // "a", "b"

// JSON paths: $.params.where, $["a b"], $.params.objects[2].
bool isIdentifier(const QString& key);
QString pathKey(const QString& base, const QString& key);
QString pathIndex(const QString& base, qsizetype index);

// "the string \"abc\"", "an empty string", "a list", ... for messages.
QString describe(const JsonSourceNode& node);
// How a methods.json type reads in a message ("an integer (a number or a string of digits)").
QString typePhrase(const QString& type);
bool isScalarType(const QString& type);
bool isNumericType(const QString& type);
QString scalarText(const JsonSourceNode& node);
std::optional<double> numericValue(const JsonSourceNode& node);
QString numberText(double d);

bool isDateTimeText(const QString& s); // Y-m-d H:i:s
bool isDateText(const QString& s);     // Y-m-d (or a date-time)
// "2024-01-01T10:00:00" → "2024-01-01 10:00:00"; empty unless only the 'T' is wrong.
QString dateTimeWithoutT(const QString& s);
bool looksLikeEmail(const QString& s);
bool isEmptyPhpArray(const JsonSourceNode& node); // [] where PHP means {}

// Quick-fix edits.
LintTextEdit insertMember(QStringView text, const JsonSourceNode& container, const QString& memberText);
LintTextEdit renameKey(const JsonSourceNode& member, const QString& newName);
LintTextEdit replaceValue(const JsonSourceNode& node, const QString& newText);

// Substitutes %1..%9 in one pass, so that user text containing "%1" is left alone.
QString fillTemplate(const char* pattern, const QStringList& args);

// Offset of the first byte that is not part of well-formed UTF-8, or -1.
int firstInvalidUtf8Byte(const QByteArray& bytes);

// Whether any candidate can be within TextDistance's default threshold of `word`: the edit
// distance is at least the length difference. A suggestion for a huge name (a 1 MB method name)
// would otherwise cost an edit distance of the whole name against every candidate.
bool mayHaveCloseName(const QString& word, const QStringList& candidates);

// 1-based line and column of text positions; the line starts are indexed on the first lookup.
class LineIndex
{
public:
    explicit LineIndex(QStringView text)
        : m_text(text)
    {}
    void lineColumn(int offset, int* line, int* column);

private:
    QStringView m_text;
    std::vector<int> m_lineStarts;
};
} // namespace LintText
