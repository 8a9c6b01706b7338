#pragma once

#include "CliCommand.h"

// `leadgen-diag explain QUERY... [--json]` (docs/design.md, Command line): looks the query up in the error
// catalogue (a code, hex, a symbolic name, words, a method name, or pasted text; "-" reads it from
// stdin) and prints the matches best first: strong ones in full, wrapped to $COLUMNS, weak ones as
// one line each; with --json {"query": ..., "matches": [entry + score + reason, ...]}.
// Exit 0 with a match, 1 without, 2 on usage errors.
class ExplainCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("explain"); }
    QString synopsis() const override { return QStringLiteral("explain QUERY... [--json]"); }
    int run(const QStringList& args, CliIo& io) override;
    CliCommandDoc doc() const override;
};
