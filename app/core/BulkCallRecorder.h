#pragma once

#include "CallCapture.h"
#include "HistoryRecorder.h"
#include "JsonIndex.h"

#include <QByteArray>
#include <QPointer>
#include <QString>

#include <memory>

// Puts every HTTP call of a bulk run (each page, each chunk, each 107 retry) in the call history
// as a row of its own (docs/design.md, Call history and Bulk work). The diagnosis is made on the
// recorder's thread, from the index the caller already parsed. `send` and the GUI's bulk runs
// both record through this.
class BulkCallRecorder
{
public:
    struct Context
    {
        QString environment;
        QString account;
        QString secret; // masked wherever it appears in what is written
        QString source; // "cli", "gui"
    };
    // A page's records are in the output file: the history keeps the start of each page (its
    // envelope and first records), not a second copy of the export. A chunk's answer is small;
    // its failures are findings rows besides.
    static constexpr qint64 kPageBodyLimit = 16 * 1024;
    static constexpr qint64 kChunkBodyLimit = 64 * 1024;

    // `recorder` may be null or disabled, or go away during the run (the GUI's follows the
    // settings): nothing is recorded then. `bodyLimit`: the most of a body kept
    // (the settings' own limit applies too). `backlog`: a call waits while that many earlier ones
    // still wait for the recorder, so a run faster than the disk holds a few bodies, not
    // thousands; 0 = never wait (a GUI thread must not).
    BulkCallRecorder(HistoryRecorder* recorder, Context context, qint64 bodyLimit, int backlog = 0);

    void record(const CallCapture& capture, const QByteArray& body, std::shared_ptr<const JsonIndex> index);
    int recorded() const { return m_recorded; }

private:
    QPointer<HistoryRecorder> m_recorder;
    Context m_context;
    qint64 m_bodyLimit;
    int m_backlog;
    int m_recorded = 0;
};
