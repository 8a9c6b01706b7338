#pragma once

#include "DiagnosisFilter.h"

#include <QHash>

#include <vector>

// inspect's text output (docs/design.md, Command line): identical findings (same severity, level,
// code or key) are grouped; the first few of each kind are printed in full, the rest as one line
// with how many, their first and last object index and example paths. As the analysis' filter it
// keeps only the findings printed in full, so a batch where a million objects failed the same way
// costs a few counters, not a million messages.
class FindingGrouper : public DiagnosisFilter
{
public:
    static constexpr int kShownInFull = 3;
    static constexpr int kExamples = 3;

    // The index gives the example paths of the findings left out.
    explicit FindingGrouper(const JsonIndex* index = nullptr)
        : m_index(index)
    {}

    bool keepFinding(const Head& head) override { return note(head, nullptr); }
    // The text shows no batch rows (the verdict line counts them from the stats).
    bool keepRow(qint64, bool) override { return false; }
    // The same for a finding already built (a diagnosis made without this filter): true when it
    // is printed in full.
    bool noteBuilt(const Finding& f);
    // One line per kind with more findings than were printed in full, errors first.
    QString summary() const;

private:
    struct Group
    {
        Finding::Severity severity;
        Finding::Level level;
        std::optional<int> code;
        QString key;
        qint64 count = 0;
        int firstIndex = -1; // of the findings not printed in full
        int lastIndex = -1;
        QStringList examples;
    };
    bool note(const Head& head, const QString* path);

    const JsonIndex* m_index;
    std::vector<Group> m_groups; // in the order their first finding came
    QHash<QString, size_t> m_byKey;
    size_t m_current = 0;
};
