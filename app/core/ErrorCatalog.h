#pragma once

#include "CatalogueFile.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class ErrorSearchIndex;

// One entry of resources/errors.json. Numeric entries carry the seed code and
// message; non-numeric situations (HTTP 401 text, HTML page, id mismatch, ...) have code 0 and a
// string key instead.
struct ErrorEntry
{
    int code = 0;       // seed code; 0 for string-keyed situations
    QString key;        // stable string key: "105" for numeric entries, e.g. "http_401_text" otherwise
    QString name;       // stable UPPER_SNAKE symbolic name
    QString title;      // short human title
    QString message;    // exactly the seed text for numeric codes
    QString level;      // "api" | "object" | "either" (situations: "http" | "envelope" | "info" | "transport")
    QString category;   // auth, rate_limit, envelope, params, data, permission, agency, server, transport
    QString summary;    // one plain-language paragraph
    QStringList causes; // ranked, most likely first
    QStringList fixes;  // imperative
    bool retryable = false;
    QString retryHint;
    QStringList methods;         // method names; "*" = any method
    QList<int> related;          // related numeric codes
    QStringList relatedKeys;     // related string-keyed situations
    QStringList keywords;        // search synonyms ("throttle", "api key", ...)
    QJsonValue example;          // full example response: a JSON object, or a string for non-JSON bodies
    int exampleHttpStatus = 200; // 0 = no HTTP response at all (transport situations)
    QString confidence;          // documented | observed | inferred
    QString source;              // short note on where the facts come from

    bool isNumeric() const { return code != 0; }
    QString displayId() const { return isNumeric() ? QString::number(code) : key; }
    // True when the entry can occur in any method (methods == ["*"]).
    bool anyMethod() const { return methods.contains(QStringLiteral("*")); }
    // The example as text: pretty-printed JSON, or the raw string for non-JSON bodies.
    QString exampleText() const;
    // All errors.json fields, as `explain --json` prints them (key is null for numeric entries,
    // example_http_status null when there is no HTTP response).
    QJsonObject toJson() const;
    // The whole entry for a terminal, every line at most `width` characters.
    QString toPlainText(int width = 100) const;
    // The whole entry as Markdown ("Copy as Markdown").
    QString toMarkdown() const;
    // Plain-language label of `level` ("API-level error", "per-object error in a batch", ...).
    QString levelLabel() const;
};

// Loads and validates resources/errors.json (ErrorCatalogSchema); lookup by code or key; ranked
// search (ErrorSearchIndex: code, hex, code embedded in pasted text, symbolic name, message text,
// words and synonyms, method names, situation keys).
class ErrorCatalog
{
public:
    struct Match
    {
        const ErrorEntry* entry = nullptr;
        int score = 0;  // higher is better
        QString reason; // why it matched ("exact code", "code in pasted text", "method getLeads", ...)
    };

    ErrorCatalog() = default;

    // The catalogue compiled into the binary (:/leadgen/errors.json), loaded once. A catalogue
    // that fails validation is reported by validationErrors() (and loadError() when nothing could
    // be read), by a warning and by the tests, never by a crash.
    static const ErrorCatalog& builtin();

    // Parses and validates; returns false and fills errors on any problem. Every entry with a
    // usable code or key is still loaded, incomplete ones included; duplicates are left out.
    bool loadFromJson(const QByteArray& json, QStringList* errors = nullptr);
    bool loadFromFile(const QString& path, QStringList* errors = nullptr);

    const QStringList& validationErrors() const { return m_errors; }
    // Why nothing was loaded (unreadable file, not JSON, not an object); empty when it was parsed.
    const QString& loadError() const { return m_loadError; }
    QString version() const { return m_version; }

    const std::vector<ErrorEntry>& entries() const { return m_entries; }
    const ErrorEntry* byCode(int code) const;
    const ErrorEntry* byKey(const QString& key) const;   // numeric keys ("105") work too
    const ErrorEntry* byName(const QString& name) const; // case-insensitive
    QStringList categories() const;

    // Ranked matches, best first; several matches are all returned. Fast enough to run on every
    // keystroke (see tests/bench/bench_errorcatalog.cpp).
    QList<Match> search(const QString& query) const;

    // Messages as the API sends them may carry a tail after the seed text (223 lists the missing
    // fields): true when `message` is this entry's message, ignoring case, surrounding space and
    // a trailing period, or starts with it.
    static bool messageMatches(const ErrorEntry& entry, const QString& message);

private:
    bool load(const CatalogueFile::Root& root, QStringList* errors);

    // Built on the first search, not at load: lookups by code or key (the analyzer, inspect,
    // send) never pay for it. Shared by copies of the catalogue, which hold the same entries.
    struct LazySearchIndex;
    const ErrorSearchIndex& searchIndex() const;

    std::vector<ErrorEntry> m_entries;
    QHash<int, int> m_byCode;
    QHash<QString, int> m_byKey;
    QHash<QString, int> m_byUpperName;
    QString m_version;
    QStringList m_errors;
    QString m_loadError;

    std::shared_ptr<LazySearchIndex> m_search;
};
