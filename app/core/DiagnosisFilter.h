#pragma once

#include "Diagnosis.h"

// Decides, finding by finding and row by row, what a Diagnosis keeps in full; the rest is only
// counted (Diagnosis::omitted, Diagnosis::batchRowsOmitted). For huge inputs (docs/design.md, Big
// responses): a message, a path and a row for each of a million failed objects cost several
// times the input's size and most of inspect's time, and `inspect` prints a few of them.
class DiagnosisFilter
{
public:
    // What is known of a finding before its text is built.
    struct Head
    {
        Finding::Severity severity;
        Finding::Level level;
        std::optional<int> code;
        const QString& key;
        int index; // batch object index; -1 = none
        JsonIndex::NodeId node;
    };

    virtual ~DiagnosisFilter() = default;
    // Called once per finding in the order the analysis finds them (before the final sort by
    // severity, which keeps that order within each severity); true = build and keep it.
    virtual bool keepFinding(const Head& head) = 0;
    // Called once per batch row in document order (`row` counts the rows of every batch key).
    virtual bool keepRow(qint64 row, bool success) = 0;
};
