#pragma once

#include <QByteArray>
#include <QString>

// A fault requested with the `X-Simulator-Fault` header or the `simFault` query parameter
// (docs/design.md, Simulator): items separated by ';', combinable, e.g. "code=999; latency=250".
//
//   code=N     answer error N of the catalogue (object-level codes fail every object of a
//              batch call, API-level ones replace the result)
//   http=NNN   an HTML error page with HTTP status NNN (400-599), as a gateway sends it
//   latency=MS delay the response by MS milliseconds (0-60000), without blocking other clients
//   truncate   send only the first half of the body, then close the connection
//   drop       close the connection without answering
//   not-json   HTTP 200 with a body that is not JSON
struct FaultSpec
{
    int code = 0;       // 0 = none
    int httpStatus = 0; // 0 = none
    int latencyMs = 0;
    bool truncate = false;
    bool drop = false;
    bool notJson = false;

    static constexpr int kMaxLatencyMs = 60000;

    bool isEmpty() const { return !code && !httpStatus && !latencyMs && !truncate && !drop && !notJson; }

    // Parses a specification; on error returns false and sets *error to one specific message.
    // Codes are checked against the error catalogue.
    static bool parse(const QString& text, FaultSpec* spec, QString* error);
    QString toString() const;
};
