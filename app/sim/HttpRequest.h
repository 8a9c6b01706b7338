#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

// One parsed HTTP/1.x request. Header names are lower-cased; values keep their bytes.
struct HttpRequest
{
    QByteArray method;    // "POST"
    QByteArray target;    // raw request target: "/pubapi/v1.2/?accountID=..."
    QByteArray path;      // target up to '?', not percent-decoded
    QByteArray query;     // after '?', raw
    int versionMinor = 1; // HTTP/1.<minor>
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool keepAlive = true; // what the client asked for (version default + Connection header)

    // First value of a header (name in lower case), or a null QByteArray.
    QByteArray header(const QByteArray& lowerName) const
    {
        for (const auto& h : headers) {
            if (h.first == lowerName)
                return h.second;
        }
        return QByteArray();
    }
    bool hasHeader(const QByteArray& lowerName) const
    {
        for (const auto& h : headers) {
            if (h.first == lowerName)
                return true;
        }
        return false;
    }
};
