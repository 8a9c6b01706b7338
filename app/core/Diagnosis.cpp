#include "Diagnosis.h"

#include <QJsonArray>

namespace {
QJsonValue optionalInt(const std::optional<int>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalInt64(const std::optional<qint64>& value)
{
    return value ? QJsonValue(double(*value)) : QJsonValue(QJsonValue::Null);
}

QJsonValue stringOrNull(const QString& value)
{
    return value.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}
} // namespace

QString Finding::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return QStringLiteral("error");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Info:
        return QStringLiteral("info");
    }
    return QString();
}

QString Finding::levelName(Level level)
{
    switch (level) {
    case Level::Api:
        return QStringLiteral("api");
    case Level::Object:
        return QStringLiteral("object");
    case Level::Http:
        return QStringLiteral("http");
    case Level::Envelope:
        return QStringLiteral("envelope");
    }
    return QString();
}

QJsonObject Finding::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("severity"), severityName(severity));
    o.insert(QStringLiteral("code"), optionalInt(code));
    o.insert(QStringLiteral("key"), key.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(key));
    o.insert(QStringLiteral("known"), known);
    o.insert(QStringLiteral("level"), levelName(level));
    o.insert(QStringLiteral("path"), path);
    o.insert(QStringLiteral("index"), index >= 0 ? QJsonValue(index) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("message"), message);
    o.insert(QStringLiteral("explanation"), explanation);
    // Added keys (the contract allows additions, docs/design.md, Command line): where the finding is in the body.
    o.insert(QStringLiteral("title"), title);
    o.insert(QStringLiteral("offset"), offset >= 0 ? QJsonValue(double(offset)) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("length"), offset >= 0 ? QJsonValue(double(length)) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("line"), line > 0 ? QJsonValue(double(line)) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("column"), line > 0 ? QJsonValue(double(column)) : QJsonValue(QJsonValue::Null));
    return o;
}

QString Finding::toTextLine() const
{
    const QString id = code ? QString::number(*code) : key;
    QString text = QStringLiteral("%1 %2 %3 %4")
                       .arg(severityName(severity), -7)
                       .arg(path, -28)
                       .arg(id.isEmpty() ? QStringLiteral("-") : id, -14)
                       .arg(message);
    if (!explanation.isEmpty())
        text += QStringLiteral(" \u2014 ") + QString(explanation).replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text;
}

QJsonObject BatchRow::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("key"), key);
    o.insert(QStringLiteral("index"), index);
    o.insert(QStringLiteral("success"), success);
    o.insert(QStringLiteral("code"), optionalInt(code));
    o.insert(QStringLiteral("message"), stringOrNull(message));
    o.insert(QStringLiteral("id"), stringOrNull(id));
    o.insert(QStringLiteral("request"), hasRequestObject ? QJsonValue(requestLabel) : QJsonValue(QJsonValue::Null));
    return o;
}

bool Diagnosis::hasErrors() const
{
    return count(Finding::Severity::Error) > 0;
}

int Diagnosis::count(Finding::Severity severity) const
{
    int n = int(omitted[int(severity)]);
    for (const Finding& f : findings) {
        if (f.severity == severity)
            ++n;
    }
    return n;
}

QString Diagnosis::verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Ok:
        return QStringLiteral("ok");
    case Verdict::ApiError:
        return QStringLiteral("api_error");
    case Verdict::PartialFailure:
        return QStringLiteral("partial_failure");
    case Verdict::AllFailed:
        return QStringLiteral("all_failed");
    case Verdict::HttpError:
        return QStringLiteral("http_error");
    case Verdict::NotJson:
        return QStringLiteral("not_json");
    case Verdict::InvalidEnvelope:
        return QStringLiteral("invalid_envelope");
    case Verdict::Empty:
        return QStringLiteral("empty");
    }
    return QString();
}

QJsonObject Diagnosis::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("verdict"), verdictName(verdict));
    o.insert(QStringLiteral("http_status"), optionalInt(httpStatus));
    o.insert(QStringLiteral("request_id"), requestId ? QJsonValue(*requestId) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("id_matches"), idMatches ? QJsonValue(*idMatches) : QJsonValue(QJsonValue::Null));
    QJsonArray list;
    for (const Finding& f : findings)
        list.append(f.toJson());
    o.insert(QStringLiteral("findings"), list);
    QJsonObject s;
    s.insert(QStringLiteral("bytes"), double(stats.bytes));
    s.insert(QStringLiteral("objects"), double(stats.objects));
    s.insert(QStringLiteral("failed"), double(stats.failed));
    o.insert(QStringLiteral("stats"), s);
    // Added keys.
    QJsonObject info;
    info.insert(QStringLiteral("hasMore"), hasMore ? QJsonValue(*hasMore) : QJsonValue(QJsonValue::Null));
    info.insert(QStringLiteral("callCount"), optionalInt64(quota.callCount));
    info.insert(QStringLiteral("queryLimit"), optionalInt64(quota.queryLimit));
    o.insert(QStringLiteral("info"), info);
    if (quota.isEmpty()) {
        o.insert(QStringLiteral("quota"), QJsonValue::Null);
    } else {
        o.insert(QStringLiteral("quota"), QJsonObject{{QStringLiteral("call_count"), optionalInt64(quota.callCount)},
                                                      {QStringLiteral("query_limit"), optionalInt64(quota.queryLimit)},
                                                      {QStringLiteral("remaining"), optionalInt64(quota.remaining())},
                                                      {QStringLiteral("text"), quota.text()}});
    }
    o.insert(QStringLiteral("next_page"), nextPage ? QJsonValue(nextPage->toJson()) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("method"), method.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(method));
    // Every row of a real batch (the API takes at most 500 objects); for the huge batches of
    // generated or concatenated documents only the failed rows, which are what a script needs.
    const bool allRows = batch.size() + batchRowsOmitted <= kMaxJsonBatchRows;
    QJsonArray rows;
    for (const BatchRow& row : batch) {
        if (allRows || !row.success)
            rows.append(row.toJson());
    }
    o.insert(QStringLiteral("batch"), rows);
    o.insert(QStringLiteral("batch_rows"), allRows ? QStringLiteral("all") : QStringLiteral("failed"));
    return o;
}

std::optional<qint64> Diagnosis::Quota::remaining() const
{
    if (!callCount || !queryLimit)
        return std::nullopt;
    return std::max<qint64>(0, *queryLimit - *callCount);
}

QString Diagnosis::Quota::text() const
{
    // Thousands separators whatever the locale, as in the counters' usual reading.
    const auto grouped = [](qint64 n) {
        QString digits = QString::number(n < 0 ? -n : n);
        for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
            digits.insert(i, QLatin1Char(','));
        return n < 0 ? QLatin1Char('-') + digits : digits;
    };
    if (callCount && queryLimit)
        return QStringLiteral("call %1 of %2 today").arg(grouped(*callCount), grouped(*queryLimit));
    if (callCount)
        return QStringLiteral("call %1 today").arg(grouped(*callCount));
    if (queryLimit)
        return QStringLiteral("daily limit %1 calls").arg(grouped(*queryLimit));
    return QString();
}

QJsonObject Diagnosis::PageRequest::toJson() const
{
    return QJsonObject{{QStringLiteral("offset"), double(offset)},
                       {QStringLiteral("limit"), double(limit)},
                       {QStringLiteral("params"), params},
                       {QStringLiteral("label"), label}};
}

QString Diagnosis::verdictLine() const
{
    QStringList details;
    if (httpStatus)
        details.append(QStringLiteral("HTTP %1").arg(*httpStatus));
    if (hasBatch())
        details.append(QStringLiteral("%1 of %2 objects failed").arg(stats.failed).arg(stats.objects));
    else if (stats.objects > 0)
        details.append(
            QStringLiteral("%1 record%2").arg(stats.objects).arg(stats.objects == 1 ? QString() : QStringLiteral("s")));
    if (requestId)
        details.append(QStringLiteral("id \"%1\"").arg(*requestId));
    if (idMatches)
        details.append(*idMatches ? QStringLiteral("id matches the request")
                                  : QStringLiteral("id differs from the request"));
    if (!quota.isEmpty())
        details.append(quota.text());
    details.append(QStringLiteral("%1 bytes").arg(stats.bytes));
    const int errors = count(Finding::Severity::Error);
    const int warnings = count(Finding::Severity::Warning);
    details.append(QStringLiteral("%1 error%2, %3 warning%4")
                       .arg(errors)
                       .arg(errors == 1 ? QString() : QStringLiteral("s"))
                       .arg(warnings)
                       .arg(warnings == 1 ? QString() : QStringLiteral("s")));
    return QStringLiteral("verdict: %1 (%2)").arg(verdictName(verdict), details.join(QStringLiteral(", ")));
}

QString Diagnosis::toText() const
{
    QString text = verdictLine() + QLatin1Char('\n');
    for (const Finding& f : findings)
        text += f.toTextLine() + QLatin1Char('\n');
    return text;
}
