#include "TextDistance.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>
#include <vector>

int TextDistance::distance(QStringView a, QStringView b, Qt::CaseSensitivity cs)
{
    const auto fold = [cs](QChar c) { return cs == Qt::CaseInsensitive ? c.toCaseFolded() : c; };
    const int n = int(a.size());
    const int m = int(b.size());
    if (n == 0)
        return m;
    if (m == 0)
        return n;
    // Three rolling rows are enough for the transposition term.
    std::vector<int> prev2(size_t(m) + 1), prev(size_t(m) + 1), cur(size_t(m) + 1);
    for (int j = 0; j <= m; ++j)
        prev[size_t(j)] = j;
    for (int i = 1; i <= n; ++i) {
        cur[0] = i;
        const QChar ca = fold(a[i - 1]);
        for (int j = 1; j <= m; ++j) {
            const QChar cb = fold(b[j - 1]);
            const int cost = ca == cb ? 0 : 1;
            int best = std::min({prev[size_t(j)] + 1, cur[size_t(j) - 1] + 1, prev[size_t(j) - 1] + cost});
            if (i > 1 && j > 1 && ca == fold(b[j - 2]) && fold(a[i - 2]) == cb)
                best = std::min(best, prev2[size_t(j) - 2] + 1);
            cur[size_t(j)] = best;
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[size_t(m)];
}

int TextDistance::defaultThreshold(int length)
{
    return std::max(2, length / 3);
}

QStringList TextDistance::closest(const QString& word, const QStringList& candidates, int count, int maxDistance)
{
    if (count <= 0 || word.isEmpty())
        return {};
    const int limit = maxDistance < 0 ? defaultThreshold(int(word.size())) : maxDistance;
    // Ties prefer the candidate of the same length: a typo substitutes more often than it adds a
    // letter ("getLeadz" means getLeads rather than getLead).
    std::vector<std::tuple<int, int, int, QString>> ranked;
    for (const QString& candidate : candidates) {
        // Every length difference costs an insertion or deletion: no need to compute.
        if (std::abs(int(candidate.size()) - int(word.size())) > limit)
            continue;
        const int folded = distance(word, candidate, Qt::CaseInsensitive);
        if (folded > limit)
            continue;
        ranked.emplace_back(folded, distance(word, candidate, Qt::CaseSensitive),
                            std::abs(int(candidate.size()) - int(word.size())), candidate);
    }
    std::sort(ranked.begin(), ranked.end());
    QStringList result;
    for (const auto& entry : ranked) {
        if (result.size() >= count)
            break;
        if (!result.contains(std::get<3>(entry)))
            result.append(std::get<3>(entry));
    }
    return result;
}
