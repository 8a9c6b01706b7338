#include "FindingGrouper.h"

#include <algorithm>

bool FindingGrouper::noteBuilt(const Finding& f)
{
    return note({f.severity, f.level, f.code, f.key, f.index, f.node}, &f.path);
}

bool FindingGrouper::note(const Head& head, const QString* path)
{
    // Identical findings come in runs (one per failed object): only a new kind needs the hash
    // lookup, a million failed objects compare four fields each.
    const auto same = [&head](const Group& g) {
        return g.severity == head.severity && g.level == head.level && g.code == head.code && g.key == head.key;
    };
    if (m_groups.empty() || !same(m_groups[m_current])) {
        const QString key = QStringLiteral("%1|%2|%3|%4")
                                .arg(int(head.severity))
                                .arg(int(head.level))
                                .arg(head.code ? QString::number(*head.code) : QString(), head.key);
        auto it = m_byKey.constFind(key);
        if (it == m_byKey.constEnd()) {
            it = m_byKey.insert(key, m_groups.size());
            m_groups.push_back(Group{head.severity, head.level, head.code, head.key, 0, -1, -1, {}});
        }
        m_current = *it;
    }
    Group& g = m_groups[m_current];
    if (++g.count <= kShownInFull)
        return true;
    if (head.index >= 0) {
        if (g.firstIndex < 0)
            g.firstIndex = head.index;
        g.lastIndex = head.index;
    }
    if (g.examples.size() < kExamples) {
        if (path)
            g.examples.append(*path);
        else
            g.examples.append(head.node != JsonIndex::npos && m_index && m_index->isValid() ? m_index->path(head.node)
                                                                                            : QStringLiteral("$"));
    }
    return false;
}

QString FindingGrouper::summary() const
{
    // Printed errors first, then warnings, then info, as the findings are (the analysis sorts
    // them by severity, keeping the order they came in).
    std::vector<const Group*> order;
    for (const Group& g : m_groups) {
        if (g.count > kShownInFull)
            order.push_back(&g);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const Group* a, const Group* b) { return int(a->severity) < int(b->severity); });
    QString text;
    for (const Group* g : order) {
        const qint64 more = g->count - kShownInFull;
        text += QStringLiteral("%1 \u2026 %2 more like the above (%3 %4")
                    .arg(Finding::severityName(g->severity), -7)
                    .arg(more)
                    .arg(Finding::severityName(g->severity), g->code ? QString::number(*g->code) : g->key);
        if (g->firstIndex >= 0)
            text += QStringLiteral(", objects %1 to %2").arg(g->firstIndex).arg(g->lastIndex);
        text += QStringLiteral("), e.g. %1%2\n")
                    .arg(g->examples.join(QStringLiteral(", ")),
                         more > g->examples.size() ? QStringLiteral(", \u2026") : QString());
    }
    return text;
}
