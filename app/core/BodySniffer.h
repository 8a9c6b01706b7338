#pragma once

#include <QByteArray>
#include <QString>

class JsonIndex;

// Recognising what a body that is not JSON is (an HTML error or login page, a plain-text
// message), so the analyzer can name it instead of reporting a parse error at byte 0.
namespace BodySniffer {
// The first bytes as text (invalid UTF-8 replaced): enough to sniff without decoding 1 GB.
QString headText(const JsonIndex& index, qint64 bytes = 64 * 1024);
// Numeric and the common named entities (&amp; last, so "&amp;lt;" stays "&lt;").
QString decodeHtmlEntities(const QString& text);
// A text/html Content-Type, or a body starting with a typical HTML tag.
bool looksLikeHtml(const QString& head, const QByteArray& contentType);
// The page's <title>, else its first <h1>, as plain text; empty when it has neither.
QString htmlTitle(const QString& head);
// A password input: a login page served instead of the API.
bool hasLoginForm(const QString& head);
// The first non-empty line, trimmed.
QString firstLine(const QString& text);
} // namespace BodySniffer
