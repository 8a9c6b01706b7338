#include "BatchRetry.h"

#include "ErrorCatalog.h"

#include <QJsonArray>

#include <algorithm>

bool BatchRetry::isRetryable(const BatchRow& row)
{
    if (row.success || !row.hasRequestObject || !row.code)
        return false;
    const ErrorEntry* entry = ErrorCatalog::builtin().byCode(*row.code);
    return entry && entry->retryable;
}

int BatchRetry::retryableCount(const QList<BatchRow>& rows)
{
    return int(std::count_if(rows.begin(), rows.end(), &BatchRetry::isRetryable));
}

std::optional<QJsonObject> BatchRetry::envelope(const QJsonObject& request, const QList<BatchRow>& rows)
{
    QJsonArray objects;
    for (const BatchRow& row : rows) {
        if (isRetryable(row))
            objects.append(row.requestObject);
    }
    if (objects.isEmpty() || request.isEmpty())
        return std::nullopt;
    QJsonObject envelope = request;
    QJsonObject params = envelope.value(QStringLiteral("params")).toObject();
    params.insert(QStringLiteral("objects"), objects);
    envelope.insert(QStringLiteral("params"), params);
    const QString id = request.value(QStringLiteral("id")).toVariant().toString();
    envelope.insert(QStringLiteral("id"), id.isEmpty() ? QStringLiteral("retry") : id + QStringLiteral("-retry"));
    return envelope;
}
