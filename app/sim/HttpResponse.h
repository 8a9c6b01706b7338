#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

// One HTTP response to serialise. Content-Length, Date, Server and Connection are added by
// serialize(); the rest is up to the caller.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers, in order
    bool close = false;                           // answer "Connection: close" and close after sending

    // Reason phrase for the status codes the simulator produces.
    static QByteArray reasonPhrase(int status);
    // The status line and headers, ending with the blank line. `keepAlive` is the connection's
    // decision; HTTP/1.0 clients that asked for keep-alive get it echoed.
    QByteArray serializeHead(bool keepAlive, int versionMinor) const;

    static HttpResponse text(int status, const QByteArray& body);
};
