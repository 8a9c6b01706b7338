#pragma once

#include "Diagnosis.h"
#include "JsonIndex.h"
#include "RecordSink.h"

#include <QList>
#include <QString>
#include <QStringList>

// Records to a file, for the GUI's Export… and the bulk runs (docs/design.md, Bulk work): the
// same RecordSink rules as `send --csv/--jsonl` (RFC 4180, UTF-8, first-seen header order, late
// keys kept; an optional byte order mark for Excel).
class RecordExport
{
public:
    enum class Format
    {
        Csv,
        ExcelCsv, // CSV with a UTF-8 byte order mark
        Jsonl
    };

    // The record list of an answer: result[key] when it is an array, else the first array
    // under result; npos when there is none.
    static JsonIndex::NodeId resultRecords(const JsonIndex& index, const QString& key = QString());

    // One object's result of a batch: index (in the original list), success, id, code,
    // message and the catalogue's fix for a failure.
    static QList<RecordSink::Field> objectResult(int index, bool success, const QJsonValue& id, int code,
                                                 const QString& message);
    // A row of the inspector's batch table: objectResult() plus the submitted object's key
    // fields (emailAddress, id, ...) when the request is known.
    static QList<RecordSink::Field> batchRow(const BatchRow& row, const QStringList& keyFields);

    // Writes every record of `array` / every row to `path` (replaced). Returns how many were
    // written, -1 with *error on failure; *lateKeys gets the keys that came after the header.
    static qint64 writeRecords(const QString& path, Format format, const JsonIndex& index, JsonIndex::NodeId array,
                               QString* error, QStringList* lateKeys = nullptr);
    static qint64 writeBatchRows(const QString& path, Format format, const QList<BatchRow>& rows,
                                 const QStringList& keyFields, QString* error);
};
