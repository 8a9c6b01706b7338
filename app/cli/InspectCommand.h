#pragma once

#include "CliCommand.h"
#include "Diagnosis.h"

class InspectCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("inspect"); }
    QString synopsis() const override
    {
        return QStringLiteral(
            "inspect FILE|- [--request FILE] [--http-status N] [--max-size SIZE] [--max-findings N] [--json]");
    }
    int run(const QStringList& args, CliIo& io) override;
    CliCommandDoc doc() const override;

    // --max-findings default: findings listed in --json before the rest is only counted.
    static constexpr qint64 kDefaultMaxFindings = 10000;
    // The text output: verdict line, then identical findings grouped.
    static QString groupedText(const Diagnosis& diagnosis);
};
