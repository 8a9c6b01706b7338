#pragma once

#include <QJsonObject>
#include <QString>

struct ErrorEntry;

// The forms of one error catalogue entry: `explain --json` object, terminal text, Markdown. The
// ErrorEntry members of the same names call these.
namespace ErrorEntryFormatter {

// All errors.json fields, as `explain --json` prints them (key is null for numeric entries,
// example_http_status null when there is no HTTP response).
QJsonObject toJson(const ErrorEntry& entry);
// The whole entry for a terminal, every line at most `width` characters (at least 30).
QString toPlainText(const ErrorEntry& entry, int width);
// The whole entry as Markdown ("Copy as Markdown").
QString toMarkdown(const ErrorEntry& entry);
// Plain-language label of the entry's level ("API-level error", "per-object error in a batch", ...).
QString levelLabel(const ErrorEntry& entry);
// The example as text: pretty-printed JSON, or the raw string for non-JSON bodies.
QString exampleText(const ErrorEntry& entry);

} // namespace ErrorEntryFormatter
