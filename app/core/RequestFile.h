#pragma once

#include "ApiRequest.h"
#include "RequestEnvelope.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

// A saved request: a `.json` file with the envelope, the environment's name and the
// account ID, never the secret key:
//
//   {"format": "leadgen-diag-request", "version": 1, "environment": "Simulator",
//    "accountID": "SIMDEMO0001", "request": {"method": ..., "params": ..., "id": ...}}
//
// A body that is not a JSON object (kept to reproduce error 101) is stored as "body": "text".
// Extra request headers (the composer's Headers tab) are stored as "headers": {"Name": "value"}.
// Opening also accepts a bare envelope, as customers send them. A secretKey found anywhere in an
// opened file is removed (never loaded) with a warning; saving strips one as well.
class RequestFile
{
public:
    static QString formatName() { return QStringLiteral("leadgen-diag-request"); }
    static constexpr int kVersion = 1;

    QByteArray body;     // what is sent: compact envelope JSON, or raw text
    QString environment; // environment name; empty = not recorded
    QString accountId;
    QList<ApiRequest::Header> headers; // extra request headers; never credentials

    // The body as an envelope, when it is a JSON object.
    std::optional<RequestEnvelope> envelope() const { return RequestEnvelope::parse(body); }

    QByteArray toJson(QStringList* warnings = nullptr) const;
    // Atomic write (QSaveFile). Warnings tell what was stripped.
    bool save(const QString& path, QString* error, QStringList* warnings = nullptr) const;

    static std::optional<RequestFile> fromJson(const QByteArray& input, QString* error,
                                               QStringList* warnings = nullptr);
    static std::optional<RequestFile> load(const QString& path, QString* error, QStringList* warnings = nullptr);
};
