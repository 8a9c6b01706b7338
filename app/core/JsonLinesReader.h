#pragma once

#include "ImportedCall.h"

#include <QList>
#include <QString>

#include <functional>

// Reads a JSON Lines log one line at a time (memory follows the longest line, never the file):
// each line is a `{"request": ..., "response": ..., "http_status": ..., "time": ...}` record or a
// bare API response. Blank lines are skipped; a line that is not JSON, or not an object, is
// reported with its line number and skipped, and the lines after it are read. A gzip-compressed
// log (.jsonl.gz) is decompressed while it is read, with the same bound on memory.
class JsonLinesReader
{
public:
    struct Problem
    {
        qint64 line = 0;
        QString message;
    };

    explicit JsonLinesReader(const QString& path);

    // onCall returns false to stop; progress (fraction of the file read) may return false to
    // cancel. False with error() when the file cannot be read at all.
    bool read(const std::function<bool(ImportedCall&& call)>& onCall, const std::function<bool(double)>& progress = {});
    QString error() const { return m_error; }
    // The first kMaxProblems problems; problemCount() counts all.
    const QList<Problem>& problems() const { return m_problems; }
    qint64 problemCount() const { return m_problemCount; }
    static constexpr int kMaxProblems = 1000;
    qint64 records() const { return m_records; }
    // A skipped line (a cURL command pasted into the log, ...) carried a secret key. Problems
    // never quote a line, so it is not shown; the user is told to rotate the key.
    bool skippedLineHadSecret() const { return m_skippedSecret; }

    // One line as a call; false with a message when the line is not a record. `line` is the
    // line's bytes without its newline. Exposed for tests.
    static bool parseLine(const QByteArray& line, ImportedCall* call, QString* error);

private:
    QString m_path;
    QString m_error;
    QList<Problem> m_problems;
    qint64 m_records = 0;
    qint64 m_problemCount = 0;
    bool m_skippedSecret = false;
};
