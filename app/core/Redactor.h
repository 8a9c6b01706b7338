#pragma once

#include <QJsonValue>
#include <QString>
#include <QUrl>

// The one place that hides the secret key in anything shown, logged, copied or exported
// (docs/design.md, Security). Every displayed URL, cURL line, log line and request echo goes through here, so
// a new output path cannot forget a variant (encoded name, JSON legacy header, ...).
class Redactor
{
public:
    // What replaces a secret value: "•••".
    static QString mask();

    // Free text (URLs, cURL command lines, logs, Qt error strings that quote the URL): every
    // non-empty `secretKey=VALUE` (name in any case, `=` possibly percent-encoded) and every
    // `"secretKey": "VALUE"` JSON member gets the mask as value. Empty values stay empty, so a
    // missing secret is still visible as such.
    static QString redactText(const QString& text);

    // A URL for display: human-readable, secretKey value masked.
    static QString redactUrl(const QUrl& url);
    // The same URL fully percent-encoded (what a cURL line needs), secretKey value masked.
    static QString redactEncodedUrl(const QUrl& url);
    // The URL with the secretKey value replaced by the (percent-encoded) mask.
    static QUrl maskedUrl(const QUrl& url);

    // JSON: every member named secretKey (any depth, any case) with a non-empty value gets the
    // mask as value.
    static QJsonValue redactJson(const QJsonValue& value);

    // Replaces every literal occurrence of a known secret (as is and percent-encoded) in text
    // that is not structured, e.g. a response body that echoes it. Secrets shorter than 4
    // characters are left alone: masking "1" everywhere would destroy the text.
    static QString redactSecret(const QString& text, const QString& secret);

    // True when the text carries a non-empty secretKey value that redactText() would mask.
    static bool containsSecretKey(const QString& text);

    // True when a value is the mask (or its percent-encoded form), i.e. comes from a redacted
    // export rather than from a real key.
    static bool isMask(const QString& value);
};
