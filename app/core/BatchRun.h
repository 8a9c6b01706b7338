#pragma once

#include "ApiRequest.h"
#include "BulkRun.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

struct MethodSpec;

// Sends the `objects` of a batch method in consecutive chunks (docs/design.md, Bulk work) and
// reports each object's result with its index in the original list: success, id, code, message.
// An API-level error on a chunk (other than 106/107) marks that chunk's objects and the run goes
// on; a transport failure, the daily limit (106) or cancel stops it, and the objects not sent are
// reported as such. Calls go through a ThrottledCaller (rate limiter, 107 back-off). Used by
// `send --split`, `send --objects-csv` and the GUI.
class BatchRun : public BulkRun
{
    Q_OBJECT

public:
    static constexpr int kMaxChunk = 500;

    struct ObjectResult
    {
        int index = 0; // in the original list
        bool sent = false;
        bool success = false;
        QJsonValue id; // the created id, or the object's own id (update/delete)
        int code = 0;  // object-level (or the chunk's API-level) error code, 0 = none
        QString message;
    };
    // Done, Failed, QuotaExhausted or Cancelled.
    using Stop = BulkRun::Stop;
    struct Progress : Counters
    {
        int chunks = 0;
        int chunkCount = 0;
        int objectsDone = 0;
        int objects = 0;
        int failed = 0;
    };
    struct Outcome
    {
        Stop stop = Stop::Done;
        Progress progress;
        int firstUnsent = -1; // index of the first object not sent (-1 = all sent)
        QString message;
    };

    BatchRun(ThrottledCaller* caller, const ApiRequest& base, const QJsonObject& envelope, const QJsonArray& objects,
             const MethodSpec& method, int chunkSize, QObject* parent = nullptr);

    // A chunk size for these objects when none is given: 250 when they carry many custom fields
    // (big calls), else 500.
    static int defaultChunkSize(const QJsonArray& objects);

    void start();
    const Progress& progress() const { return m_progress; }

signals:
    void chunkDone(const QList<BatchRun::ObjectResult>& results);
    void progressed(const BatchRun::Progress& progress);
    void finished(const BatchRun::Outcome& outcome);

private:
    void sendChunk();
    void onCallFinished(const ThrottledCaller::Result& result) override;
    void stop(Stop why, const QString& message);
    void updateProgress() override;

    ApiRequest m_base;
    QJsonObject m_envelope;
    QJsonArray m_objects;
    QString m_resultKey;
    int m_chunkSize;
    int m_next = 0; // first object of the next chunk
    int m_chunkBegin = 0;
    Progress m_progress;
};
