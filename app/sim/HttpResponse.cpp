#include "HttpResponse.h"

#include <QDateTime>
#include <QLocale>

namespace {
// The Date header changes once a second; formatting it per response would cost more than the
// rest of the head, so it is cached per thread.
const QByteArray& httpDate()
{
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cached;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (now != cachedSecond) {
        cachedSecond = now;
        cached = QLocale::c()
                     .toString(QDateTime::fromSecsSinceEpoch(now, Qt::UTC),
                               QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                     .toLatin1();
    }
    return cached;
}
} // namespace

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 417:
        return "Expectation Failed";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    case 520:
        return "Unknown Error";
    case 521:
        return "Web Server Is Down";
    case 522:
        return "Connection Timed Out";
    case 524:
        return "A Timeout Occurred";
    default:
        break;
    }
    if (status >= 500)
        return "Server Error";
    if (status >= 400)
        return "Client Error";
    return "Status";
}

QByteArray HttpResponse::serializeHead(bool keepAlive, int versionMinor) const
{
    QByteArray head;
    head.reserve(192 + headers.size() * 48);
    head += "HTTP/1.1 ";
    head += QByteArray::number(status);
    head += ' ';
    head += reasonPhrase(status);
    head += "\r\nDate: ";
    head += httpDate();
    head += "\r\nServer: leadgen-sim\r\n";
    if (!contentType.isEmpty()) {
        head += "Content-Type: ";
        head += contentType;
        head += "\r\n";
    }
    head += "Content-Length: ";
    head += QByteArray::number(body.size());
    head += "\r\n";
    for (const auto& h : headers) {
        head += h.first;
        head += ": ";
        head += h.second;
        head += "\r\n";
    }
    if (!keepAlive)
        head += "Connection: close\r\n";
    else if (versionMinor == 0)
        head += "Connection: keep-alive\r\n";
    head += "\r\n";
    return head;
}

HttpResponse HttpResponse::text(int status, const QByteArray& body)
{
    HttpResponse response;
    response.status = status;
    response.contentType = "text/plain; charset=utf-8";
    response.body = body;
    return response;
}
