#pragma once

#include "CliCommand.h"

#include <QList>
#include <QString>
#include <QStringList>

// The bulk options of `send` (docs/design.md, Bulk work): all pages, split batches, CSV import,
// CSV/JSONL output, rate limit and retries, confirmation.
struct BulkOptions
{
    bool allPages = false;
    int maxPages = 0;
    qint64 resumeOffset = -1;
    int split = 0;
    QString objectsCsv;
    QString method;
    QString resultsCsv;
    bool strict = false;
    QString csvOut;
    QString jsonlOut;
    bool excelBom = false;
    bool quiet = false;
    int rate = 10;
    int retries = 5;
    bool yes = false;

    // Whether any option asks for a bulk run (rate/retries/quiet/yes alone do not).
    bool any() const;
    static bool isOption(const QString& arg);
    // Takes the option at args[*i] (and its value, advancing *i). False with *error on a bad value.
    bool take(const QStringList& args, qsizetype* i, QString* error);
    // Combinations that make no sense; empty when fine.
    QString validate(bool hasInput, bool json) const;
    // The options as `send --help` lists them.
    static QList<CliOptionDoc> docs();
    // Default results file of an import: FILE with .results.csv.
    QString resultsPath() const;
};
