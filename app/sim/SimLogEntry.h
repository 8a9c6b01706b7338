#pragma once

#include <QMetaType>
#include <QString>

// One handled request, for logs and the GUI's status bar. Never carries the secret key (nor the
// query string, which holds it).
struct SimLogEntry
{
    qint64 timeMs = 0;    // when the request arrived, ms since the epoch (UTC)
    QString peer;         // client address:port
    QString httpMethod;   // POST
    QString path;         // /pubapi/v1.2/ (no query string)
    QString account;      // accountID as sent (may be unknown or empty)
    QString method;       // API method, when the envelope named one
    int httpStatus = 0;   // 0 = connection dropped without an answer (fault "drop")
    int code = 0;         // API-level error code; 0 = none
    int objectErrors = 0; // failed objects of a batch call
    QString fault;        // fault injected, as specified
    double elapsedMs = 0; // from the complete request to the answer handed to the socket

    // "12:00:01.234 127.0.0.1:50312 POST /pubapi/v1.2/ SIMDEMO0001 getLead -> 200 ok 0.21 ms"
    QString toLine() const;
};

Q_DECLARE_METATYPE(SimLogEntry)
