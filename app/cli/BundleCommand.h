#pragma once

#include "CliCommand.h"

// `leadgen-diag bundle create (--last N | --calls ID,ID... | --since T) [--anonymize] -o FILE` and
// `bundle show FILE [--json] [--reply N]` (docs/design.md, Support workflow): one-file support
// bundles of recorded calls, never holding the secret key. Exit 0 ran, 2 usage or unreadable.
class BundleCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("bundle"); }
    QString synopsis() const override
    {
        return QStringLiteral("bundle create (--last N | --calls ID,ID... | --since T) [--anonymize] -o FILE | bundle "
                              "show FILE [--json] [--reply N]");
    }
    CliCommandDoc doc() const override;
    int run(const QStringList& args, CliIo& io) override;

private:
    int create(const QStringList& args, CliIo& io);
    int show(const QStringList& args, CliIo& io);
};
