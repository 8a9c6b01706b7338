#pragma once

#include "ApiRequest.h"
#include "ShellLexer.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

// A cURL command line as customers send them, and back.
//
// Import splits the text with ShellLexer (POSIX shell quoting, Windows cmd lines, PowerShell
// continuations) and reads the curl options that matter for this API (CurlOptionTable): the URL
// (positional or --url), -X, -H, -d/--data/--data-ascii/--data-raw/--data-binary/--data-urlencode,
// --json (with @file), -G, -A, -e, --url-query. Options that change nothing for the request (-s, -v, -o FILE, ...)
// are skipped; risky ones (-k, -u) produce a warning. Anything else is an error with its line
// and column. Everything after an unquoted |, ;, && or > (`| jq .`) is ignored with a warning.
//
// Export writes a POSIX command line; the secret key is masked unless explicitly included.
class CurlCommand
{
public:
    using Header = QPair<QString, QString>;
    using ParseError = ShellLexer::Error; // "line 2, column 14: unterminated single quote"

    struct Options
    {
        // Where `--data @file` is looked up; empty = the current directory. Files are read only
        // when allowFiles is true (the GUI asks first; the CLI and tests allow them).
        QString baseDirectory;
        bool allowFiles = true;
    };

    enum class Secret
    {
        Redacted,
        Included
    };

    QString method = QStringLiteral("GET"); // effective method
    bool methodExplicit = false;            // -X given
    QUrl url;                               // as given, credentials included
    QList<Header> headers;                  // as given, in order
    QByteArray body;
    bool hasBody = false;
    QStringList warnings; // what was ignored or looks wrong, one plain sentence each

    static std::optional<CurlCommand> parse(const QString& text, ParseError* error, const Options& options);
    static std::optional<CurlCommand> parse(const QString& text, ParseError* error = nullptr);

    // The command that sends this request (POST, JSON body, credentials in the query).
    static CurlCommand fromRequest(const ApiRequest& request);

    // A POSIX shell command line. Redacted (default): every secretKey value, in the URL and in a
    // legacy JSON header of the body, is "•••".
    QString toCommandLine(Secret secret = Secret::Redacted) const;

    // The API view of the command.
    QUrl endpoint() const; // url without accountID and secretKey
    QString accountId() const;
    QString secretKey() const; // empty when absent or redacted ("•••")
    bool secretRedacted() const;
    QByteArray header(const QString& name) const; // case-insensitive, last one wins; empty if absent

    // What ApiClient needs. Secrets found in the body (legacy `header.secretKey`) are moved to
    // secretKey when the URL has none; warnings explain what changed (method not POST, ...).
    ApiRequest toRequest(QStringList* notes = nullptr) const;

    // Same request: method, URL (as sent, encoded), headers and body equal.
    bool sameRequestAs(const CurlCommand& other) const;
};
