#pragma once

#include "HttpRequest.h"
#include "HttpResponse.h"
#include "RateLimiter.h"
#include "SimClock.h"
#include "SimConfig.h"
#include "SimLogEntry.h"
#include "SimStore.h"

#include <QHash>
#include <QJsonValue>

#include <memory>

// What to send for one request, and how (the fault injection part the connection carries out).
struct SimReply
{
    HttpResponse response;
    int latencyMs = 0;     // answer after this delay
    bool truncate = false; // send half of the body, then close
    bool drop = false;     // close without answering
    SimLogEntry log;
};

// The API itself, without sockets: one HTTP request in, one reply out (docs/design.md, Simulator).
// Order of checks: path, fault injection, 203 header, credentials (103, 104, HTTP 401, 105),
// limits (106, 107), envelope (101, 102, 201, 204, 202), params (methods.json), the method.
class SimApi
{
public:
    explicit SimApi(const SimConfig& config, const SimClock* clock = SimClock::system());
    ~SimApi();

    SimReply handle(const HttpRequest& request);

    SimStore& store() { return *m_store; }
    const SimConfig& config() const { return m_config; }
    // Applies to the next request; the store and its data stay as they are.
    void setBatchShape(SimConfig::BatchShape shape);
    RateLimiter& limiter() { return m_limiter; }

    // A query string parameter as PHP reads it: '&'-separated, '+' is a space, percent-decoded,
    // the last occurrence wins; a null QString when absent.
    static QString queryValue(const QByteArray& query, QByteArrayView name);
    // The API-level error response body.
    static QByteArray errorBody(int code, const QJsonValue& data, const QByteArray& idJson);

private:
    SimConfig m_config;
    const SimClock* m_clock;
    std::unique_ptr<SimStore> m_store;
    RateLimiter m_limiter;
};
