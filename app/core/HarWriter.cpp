#include "HarWriter.h"

#include "Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUrl>
#include <QUrlQuery>

namespace {

QString clean(const QByteArray& bytes)
{
    return Redactor::redactText(QString::fromUtf8(bytes));
}

QJsonArray headerArray(const QList<HistoryRecord::Header>& headers)
{
    QJsonArray out;
    for (const HistoryRecord::Header& header : headers)
        out.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(header.first)},
                               {QStringLiteral("value"), clean(header.second)}});
    return out;
}

QString headerValue(const QList<HistoryRecord::Header>& headers, const char* name, const QString& fallback)
{
    for (const HistoryRecord::Header& header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return QString::fromUtf8(header.second);
    }
    return fallback;
}

} // namespace

QJsonObject HarWriter::entry(const HistoryRecord& call)
{
    const QString url = Redactor::redactText(call.url);
    QJsonArray query;
    for (const auto& item : QUrlQuery(QUrl(url)).queryItems(QUrl::FullyDecoded))
        query.append(QJsonObject{
            {QStringLiteral("name"), item.first},
            {QStringLiteral("value"),
             Redactor::redactText(item.first + QLatin1Char('=') + item.second).section(QLatin1Char('='), 1)}});
    const QJsonObject request{
        {QStringLiteral("method"), QStringLiteral("POST")},
        {QStringLiteral("url"), url},
        {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
        {QStringLiteral("cookies"), QJsonArray()},
        {QStringLiteral("headers"), headerArray(call.requestHeaders)},
        {QStringLiteral("queryString"), query},
        {QStringLiteral("postData"),
         QJsonObject{
             {QStringLiteral("mimeType"),
              headerValue(call.requestHeaders, "content-type", QStringLiteral("application/json"))},
             {QStringLiteral("text"), clean(call.requestBody)},
         }},
        {QStringLiteral("headersSize"), -1},
        {QStringLiteral("bodySize"), call.requestBody.size()},
    };
    QJsonObject content{
        {QStringLiteral("size"), call.httpStatus ? call.responseSize : 0},
        {QStringLiteral("mimeType"),
         headerValue(call.responseHeaders, "content-type", QStringLiteral("application/json"))},
    };
    if (call.httpStatus && !call.bodiesDropped)
        content.insert(QStringLiteral("text"), clean(call.responseBody));
    if (call.bodyCut)
        content.insert(QStringLiteral("comment"), QStringLiteral("body cut by the history's size limit"));
    const QJsonObject response{
        {QStringLiteral("status"), call.httpStatus.value_or(0)},
        {QStringLiteral("statusText"), QString()},
        {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
        {QStringLiteral("cookies"), QJsonArray()},
        {QStringLiteral("headers"), headerArray(call.responseHeaders)},
        {QStringLiteral("content"), content},
        {QStringLiteral("redirectURL"), QString()},
        {QStringLiteral("headersSize"), -1},
        {QStringLiteral("bodySize"), call.httpStatus ? call.responseSize : -1},
    };
    const qint64 elapsed = qMax<qint64>(0, call.elapsedMs);
    QJsonObject out{
        {QStringLiteral("startedDateTime"), HistoryRecord::isoTime(call.timeMs)},
        {QStringLiteral("time"), elapsed},
        {QStringLiteral("request"), request},
        {QStringLiteral("response"), response},
        {QStringLiteral("cache"), QJsonObject()},
        {QStringLiteral("timings"),
         QJsonObject{{QStringLiteral("send"), 0}, {QStringLiteral("wait"), elapsed}, {QStringLiteral("receive"), 0}}},
        {QStringLiteral("comment"), QStringLiteral("leadgen-diag call %1: %2").arg(call.id).arg(call.verdict)},
    };
    if (!call.transportError.isEmpty())
        out.insert(QStringLiteral("_error"), call.transportError);
    return out;
}

QJsonObject HarWriter::document(const QList<HistoryRecord>& calls)
{
    QJsonArray entries;
    for (const HistoryRecord& call : calls)
        entries.append(entry(call));
    return QJsonObject{
        {QStringLiteral("log"),
         QJsonObject{
             {QStringLiteral("version"), QStringLiteral("1.2")},
             {QStringLiteral("creator"), QJsonObject{{QStringLiteral("name"), QStringLiteral("leadgen-diag")},
                                                     {QStringLiteral("version"), QStringLiteral(LEADGEN_VERSION)}}},
             {QStringLiteral("pages"), QJsonArray()},
             {QStringLiteral("entries"), entries},
         }}};
}

bool HarWriter::write(const QString& path, const QList<HistoryRecord>& calls, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(document(calls)).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}
