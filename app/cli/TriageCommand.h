#pragma once

#include "CliCommand.h"

// `leadgen-diag triage FILE... [--json] [--reply]` (docs/design.md, Support workflow): reads HAR
// files, JSON Lines logs, support bundles and folders of response files, picks the API's calls,
// diagnoses each and prints the summary by code and method; `--reply` adds, per code, the
// plain-language explanation for the customer. Exit 0: every API call was fine; 1: errors found;
// 2: usage error or a file that could not be read at all.
class TriageCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("triage"); }
    QString synopsis() const override { return QStringLiteral("triage FILE... [--json] [--reply]"); }
    CliCommandDoc doc() const override;
    int run(const QStringList& args, CliIo& io) override;
};
