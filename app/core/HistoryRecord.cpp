#include "HistoryRecord.h"

#include "CallCapture.h"
#include "Diagnosis.h"
#include "Redactor.h"
#include "RequestEnvelope.h"
#include "RequestFile.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace {

// The text with every form of the secret masked: `secretKey` members and parameters, and the
// key itself wherever it is echoed.
QByteArray masked(const QByteArray& bytes, const QString& secret)
{
    if (bytes.isEmpty())
        return bytes;
    const QString text = QString::fromUtf8(bytes);
    QString clean = Redactor::redactText(text);
    if (!secret.isEmpty())
        clean = Redactor::redactSecret(clean, secret);
    return clean == text ? bytes : clean.toUtf8();
}

QList<HistoryRecord::Header> maskedHeaders(const QList<HistoryRecord::Header>& headers, const QString& secret)
{
    QList<HistoryRecord::Header> out;
    out.reserve(headers.size());
    for (const HistoryRecord::Header& header : headers)
        out.append({header.first, masked(header.second, secret)});
    return out;
}

// A body as a JSON value when it is JSON, else as text (the shape `history show` promises).
QJsonValue bodyValue(const QByteArray& body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError) {
        if (document.isObject())
            return document.object();
        if (document.isArray())
            return document.array();
    }
    return QString::fromUtf8(body);
}

QJsonObject headersObject(const QList<HistoryRecord::Header>& headers)
{
    QJsonObject out;
    for (const HistoryRecord::Header& header : headers)
        out.insert(QString::fromLatin1(header.first), QString::fromUtf8(header.second));
    return out;
}

} // namespace

QJsonObject HistoryFinding::toJson() const
{
    QJsonObject out;
    out.insert(QStringLiteral("severity"), severity);
    out.insert(QStringLiteral("code"), code ? QJsonValue(*code) : QJsonValue(QJsonValue::Null));
    out.insert(QStringLiteral("key"), key.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(key));
    out.insert(QStringLiteral("level"), level);
    out.insert(QStringLiteral("path"), path);
    out.insert(QStringLiteral("index"), index >= 0 ? QJsonValue(index) : QJsonValue(QJsonValue::Null));
    out.insert(QStringLiteral("message"), message);
    return out;
}

HistoryRecord HistoryRecord::fromCall(const CallCapture& capture, const QByteArray& body, const Diagnosis* diagnosis,
                                      const QString& environment, const QString& account, const QString& source,
                                      const QString& secret, qint64 bodyLimit)
{
    HistoryRecord record;
    record.timeMs =
        (capture.startedAt.isValid() ? capture.startedAt : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch();
    record.source = source;
    record.environment = environment;
    record.url = Redactor::redactText(capture.displayUrl);
    if (!secret.isEmpty())
        record.url = Redactor::redactSecret(record.url, secret);
    record.account = account;
    record.requestBody = masked(capture.requestBody, secret);
    if (const std::optional<RequestEnvelope> envelope = RequestEnvelope::parse(capture.requestBody)) {
        record.method = envelope->method();
        record.requestId = envelope->idText();
    }
    record.requestHeaders = maskedHeaders(capture.requestHeaders, secret);
    record.elapsedMs = capture.totalMs;
    if (capture.hasResponse) {
        record.httpStatus = capture.httpStatus;
        record.responseHeaders = maskedHeaders(capture.responseHeaders, secret);
        record.responseSize = qMax<qint64>(capture.bodySize, body.size());
        record.bodyCut = bodyLimit >= 0 && body.size() > bodyLimit;
        record.responseBody = masked(record.bodyCut ? body.left(bodyLimit) : body, secret);
    }
    if (capture.layer != FailureLayer::None)
        record.transportError = failureLayerName(capture.layer);
    if (diagnosis) {
        record.verdict = Diagnosis::verdictName(diagnosis->verdict);
        record.findings.reserve(diagnosis->findings.size());
        for (const Finding& finding : diagnosis->findings) {
            HistoryFinding kept;
            kept.code = finding.code;
            kept.key = finding.key;
            kept.level = Finding::levelName(finding.level);
            kept.severity = Finding::severityName(finding.severity);
            kept.path = finding.path;
            kept.index = finding.index;
            kept.message = secret.isEmpty() ? finding.message : Redactor::redactSecret(finding.message, secret);
            record.findings.append(kept);
        }
    } else {
        record.verdict = capture.hasResponse ? QStringLiteral("not_analysed") : QStringLiteral("no_response");
    }
    return record;
}

CallCapture HistoryRecord::toCapture() const
{
    CallCapture capture;
    capture.displayUrl = url;
    capture.requestBody = requestBody;
    capture.requestHeaders = requestHeaders;
    capture.startedAt = QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC);
    capture.totalMs = elapsedMs;
    capture.bytesSent = requestBody.size();
    capture.hasResponse = httpStatus.has_value();
    if (httpStatus) {
        capture.httpStatus = *httpStatus;
        capture.responseHeaders = responseHeaders;
        capture.body = responseBody;
        capture.bodySize = responseBody.size();
        capture.bytesReceived = responseSize;
    }
    for (int layer = int(FailureLayer::None); layer <= int(FailureLayer::Cancelled); ++layer) {
        if (failureLayerName(FailureLayer(layer)) == transportError)
            capture.layer = FailureLayer(layer);
    }
    if (capture.layer != FailureLayer::None && !capture.hasResponse)
        capture.facts = QStringLiteral("Recorded without a response (%1).").arg(failureLayerTitle(capture.layer));
    return capture;
}

RequestFile HistoryRecord::toRequestFile() const
{
    static const QList<QByteArray> automatic{"content-type",    "content-length",  "user-agent", "accept",
                                             "accept-encoding", "accept-language", "host",       "connection"};
    RequestFile file;
    file.body = requestBody;
    file.environment = environment;
    file.accountId = account;
    for (const Header& header : requestHeaders) {
        if (!automatic.contains(header.first.toLower()))
            file.headers.append({header.first, header.second});
    }
    return file;
}

QList<QVariant> HistoryRecord::codes() const
{
    QList<QVariant> out;
    QSet<QString> seen;
    for (const HistoryFinding& finding : findings) {
        // Notes (quota counters, shapes) are kept with the call but are not codes it met.
        if (finding.severity == QLatin1String("info"))
            continue;
        const QString text = finding.code ? QString::number(*finding.code) : finding.key;
        if (text.isEmpty() || seen.contains(text))
            continue;
        seen.insert(text);
        out.append(finding.code ? QVariant(*finding.code) : QVariant(finding.key));
    }
    return out;
}

QString HistoryRecord::isoTime(qint64 timeMs)
{
    return QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject HistoryRecord::toJson(bool full) const
{
    QJsonObject out;
    out.insert(QStringLiteral("id"), id);
    out.insert(QStringLiteral("time"), isoTime(timeMs));
    out.insert(QStringLiteral("env"), environment);
    out.insert(QStringLiteral("method"), method.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(method));
    out.insert(QStringLiteral("http_status"), httpStatus ? QJsonValue(*httpStatus) : QJsonValue(QJsonValue::Null));
    out.insert(QStringLiteral("verdict"), verdict);
    QJsonArray codeList;
    for (const QVariant& code : codes())
        codeList.append(code.typeId() == QMetaType::Int ? QJsonValue(code.toInt()) : QJsonValue(code.toString()));
    out.insert(QStringLiteral("codes"), codeList);
    out.insert(QStringLiteral("elapsed_ms"), elapsedMs);
    out.insert(QStringLiteral("source"), source);
    out.insert(QStringLiteral("request_id"), requestId);
    if (!transportError.isEmpty())
        out.insert(QStringLiteral("transport_error"), transportError);
    if (!full)
        return out;
    out.insert(QStringLiteral("url"), url);
    out.insert(QStringLiteral("account"), account);
    out.insert(QStringLiteral("request"), bodyValue(requestBody));
    out.insert(QStringLiteral("request_headers"), headersObject(requestHeaders));
    out.insert(QStringLiteral("response"),
               httpStatus ? (bodyCut ? QJsonValue(QString::fromUtf8(responseBody)) : bodyValue(responseBody))
                          : QJsonValue(QJsonValue::Null));
    out.insert(QStringLiteral("response_headers"), headersObject(responseHeaders));
    out.insert(QStringLiteral("response_bytes"), responseSize);
    out.insert(QStringLiteral("response_cut"), bodyCut);
    out.insert(QStringLiteral("bodies_dropped"), bodiesDropped);
    QJsonArray findingList;
    for (const HistoryFinding& finding : findings)
        findingList.append(finding.toJson());
    out.insert(QStringLiteral("findings"), findingList);
    return out;
}
