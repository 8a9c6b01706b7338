#pragma once

#include "DiagnosisFilter.h"

// inspect --json with --max-findings N (docs/design.md, Command line) as the analysis' filter: keeps
// the first N findings of each severity (the first N of the list sorted by severity are among
// them) and the batch rows the output can list: every row up to Diagnosis::kMaxJsonBatchRows and
// then the first N failed ones. A batch of a million failed objects builds N messages, not a
// million.
class FindingLimit : public DiagnosisFilter
{
public:
    explicit FindingLimit(qint64 max)
        : m_max(max)
    {}

    bool keepFinding(const Head& head) override { return m_seen[int(head.severity)]++ < m_max; }
    bool keepRow(qint64 row, bool success) override
    {
        const bool firstFailed = !success && m_failedRows++ < m_max;
        return row <= Diagnosis::kMaxJsonBatchRows || firstFailed;
    }

private:
    qint64 m_max;
    qint64 m_seen[3] = {0, 0, 0};
    qint64 m_failedRows = 0;
};
