#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

// Edit distances for "did you mean" suggestions (method names, parameter and field names).
class TextDistance
{
public:
    // Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
    // adjacent characters each cost 1 ("getLeadz" → "getLeads" = 1, "getLaeds" → "getLeads" = 1).
    static int distance(QStringView a, QStringView b, Qt::CaseSensitivity cs = Qt::CaseSensitive);

    // Largest distance still worth suggesting for a word of this length.
    static int defaultThreshold(int length);

    // Up to `count` candidates closest to `word`, best first: ranked by case-insensitive
    // distance, then case-sensitive distance, then length difference, then name. Candidates farther than `maxDistance`
    // (defaultThreshold when negative) are left out.
    static QStringList closest(const QString& word, const QStringList& candidates, int count = 3, int maxDistance = -1);
};
