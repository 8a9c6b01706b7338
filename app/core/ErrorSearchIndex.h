#pragma once

#include "ErrorCatalog.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

// The ranked search of the error catalogue (code, hex, code embedded in pasted text, symbolic
// name, message text, words and synonyms, method names, situation keys). ErrorCatalog builds one
// on its first search() and shares it with its copies, which hold the same entries; it refers to
// entries by position, so search() takes the catalogue whose entries it returns.
class ErrorSearchIndex
{
public:
    explicit ErrorSearchIndex(const ErrorCatalog& catalog);

    // Ranked matches among `catalog`'s entries (the indexed catalogue or a copy), best first.
    QList<ErrorCatalog::Match> search(const ErrorCatalog& catalog, const QString& query) const;

private:
    using Match = ErrorCatalog::Match;
    using Found = QHash<int, Match>; // entry position -> best match so far

    // Per-entry search data.
    struct Entry
    {
        QString lowerName;            // "entry_exists"
        QString lowerKey;             // situations only
        QString normalizedMessage;    // lower case, single spaces, no trailing period
        QStringList exampleTexts;     // string examples worth finding in pasted text
        QStringList phraseFields;     // " token token ... " per weighted field, for phrases
        QList<int> phraseWeights;     // weight of each phraseFields entry
        QSet<QString> keywordPhrases; // normalized keywords ("rate limit")
        QSet<QString> lowerMethods;   // "getleads"
    };
    struct Posting
    {
        int entry;
        int bestWeight;
        int fieldCount;
    };

    static void addMatch(const ErrorCatalog& c, Found& found, int index, int score, const QString& reason);
    static void searchCodes(const ErrorCatalog& c, const QString& query, Found& found);
    void searchText(const ErrorCatalog& c, const QString& query, Found& found) const;
    void searchWords(const ErrorCatalog& c, const QString& query, Found& found) const;
    bool isKnownMethod(const QString& lowerToken) const;

    std::vector<Entry> m_entries;
    QHash<QString, QList<Posting>> m_postings; // normalized token -> entries containing it
    QStringList m_vocabulary;                  // sorted tokens, for prefix matches while typing
    QSet<QString> m_methodNames;               // lower-case method names listed by any entry
};
