#pragma once

#include "HistoryRecord.h"

#include <QJsonObject>
#include <QList>
#include <QString>

// Writes recorded calls as a HAR 1.2 file for other tools (browser developer tools, proxies,
// HAR viewers). URLs, headers and bodies are as the history keeps them, so the secret key is
// already masked; the writer masks once more what any text may still carry.
namespace HarWriter {
// One log.entries element.
QJsonObject entry(const HistoryRecord& call);
// The whole document {"log": {"version": "1.2", "creator", "entries"}}.
QJsonObject document(const QList<HistoryRecord>& calls);
bool write(const QString& path, const QList<HistoryRecord>& calls, QString* error);
} // namespace HarWriter
