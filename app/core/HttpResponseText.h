#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

// A response as customers paste it: the body alone, or with its status line and headers as
// `curl -i` prints them ("HTTP/1.1 502 Bad Gateway", headers, blank line, body) or as
// `curl -v` does (request lines "> ...", notes "* ...", response lines "< ..."). Splitting
// them lets the analyzer see the real HTTP status and Content-Type instead of calling the
// whole paste "not JSON".
struct HttpResponseText
{
    std::optional<int> httpStatus;
    QString reasonPhrase;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    bool hasHead() const { return httpStatus.has_value(); }

    static HttpResponseText parse(const QByteArray& text);
};
