#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

struct ErrorEntry;
class ErrorCatalog;

// The schema of resources/errors.json (docs/HACKING.md, "The error catalogue"): what ErrorCatalog
// checks while it loads. Every problem is appended to `problems` as one plain sentence naming the
// entry ("errors.json entry 3 (105): 'summary' must be a non-empty string").
namespace ErrorCatalogSchema {

// schema, version and a non-empty entries list.
void checkRoot(const QJsonObject& root, QStringList& problems);
// "errors.json entry I (CODE or KEY)": how the problems of the entry at `index` start.
QString entryWhere(const QJsonValue& value, qsizetype index);
// One entry, with its example checked against its code and level. Incomplete entries are still
// returned (a consumer gets what is there rather than nothing); nullopt only when the entry
// cannot be identified (no usable code or key).
std::optional<ErrorEntry> parseEntry(const QJsonObject& o, const QString& where, QStringList& problems);
// related and related_keys, once every entry is loaded: they must name other entries.
void checkReferences(const ErrorCatalog& catalog, QStringList& problems);

} // namespace ErrorCatalogSchema
