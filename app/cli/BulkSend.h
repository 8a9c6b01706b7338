#pragma once

#include "ApiRequest.h"
#include "BulkOptions.h"
#include "CliCommand.h"
#include "ProxyConfig.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

// The bulk side of `send` (docs/design.md, Bulk work): all pages to CSV/JSONL, split batches,
// CSV import with a results CSV. SendCommand resolves where to send and with which credentials,
// then hands over here; the paging, batching, limiter and CSV work is in app/core (PageRun,
// BatchRun, ThrottledCaller, CallRateLimiter, RecordSink, CsvReader, ObjectCsvImport), shared
// with the GUI.
class BulkSend
{
public:
    struct Context
    {
        ApiRequest base; // endpoint, credentials, headers, timeout; body replaced per call
        QByteArray body; // the request envelope
        QString environmentName;
        QString accountId;
        QString secret;
        bool simulator = false; // an in-process simulator or a loopback endpoint
        bool json = false;
        ProxyConfig proxy; // --proxy, else the environment's variables and the system's
    };

    static int run(const BulkOptions& options, const Context& context, CliIo& io);

    // A batch request with more objects than the method takes in one call is refused before
    // sending, with the lint finding that predicts the API's 209. Returns the exit status when
    // refused, -1 when the request may go.
    static int refuseOversizedBatch(const QByteArray& body, bool json, CliIo& io);

    // The envelope `--objects-csv` starts from: the method with an empty objects list.
    static QByteArray importEnvelope(const QString& method);
};
