#pragma once

#include "CliCommand.h"
#include "Diagnosis.h"

#include <QJsonObject>

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
    // The text output of a diagnosis made without a filter: verdict line, then identical findings
    // grouped (what `inspect` prints, where the analysis builds only the findings printed).
    static QString groupedText(const Diagnosis& diagnosis);

private:
    // The --json document: `document` without its findings and batch, then those written one by one.
    static void writeJson(QTextStream& out, QJsonObject document, const QList<Finding>& findings,
                          const QList<BatchRow>& rows, bool allRows);
};
