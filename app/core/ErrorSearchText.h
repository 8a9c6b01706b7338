#pragma once

#include <QSet>
#include <QString>
#include <QStringList>
#include <QStringView>

// How the error catalogue compares text: words, plurals, messages. Shared by the search index
// (ErrorSearchIndex) and the message comparison of ErrorCatalog::messageMatches.
namespace ErrorSearchText {

// Words that say nothing about an entry ("what", "does", "error", ...).
const QSet<QString>& stopWords();
// Lower-case words: letters and digits, everything else separates ("rate_limit" -> rate, limit).
QStringList tokenize(QStringView text);
// A token with a simple plural folded, so "leads" finds "lead" and "limits" finds "limit".
QString normalizeToken(QString token);
// Lower-case words with plurals folded.
QStringList normalizedTokens(QStringView text);
QString normalizedPhrase(QStringView text);
// Lower case, single spaces, no trailing period: how messages are compared.
QString normalizedMessage(const QString& text);
bool isDigits(const QString& s);
// Whether a lower-case word may be a method name (starts with a verb); checking the prefix first
// keeps the method catalogue from being loaded for ordinary words.
bool looksLikeMethod(const QString& lowerToken);

} // namespace ErrorSearchText
