#pragma once

#include "Diagnosis.h"

#include <QJsonObject>
#include <QList>

#include <optional>

// "Retry failed objects" (docs/design.md, Bulk work): a request carrying only the objects of a
// batch that failed with an error the catalogue marks retryable (a rate limit, a server error);
// a duplicate or a validation error would fail the same way again, so those stay out.
class BatchRetry
{
public:
    static bool isRetryable(const BatchRow& row);
    // The failed rows that would be retried (the request must be known: rows carry its objects).
    static int retryableCount(const QList<BatchRow>& rows);
    // `request` with params.objects replaced by those objects and a new id; nullopt when there
    // are none.
    static std::optional<QJsonObject> envelope(const QJsonObject& request, const QList<BatchRow>& rows);
};
