#pragma once

#include "BatchRun.h"
#include "ObjectCsvImport.h"
#include "RequestLinter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

class QIODevice;

// The bookkeeping of a batch whose objects are checked before they are sent (docs/design.md,
// Bulk work), shared by `send --split`/`--objects-csv` and the GUI's Import CSV: the objects (from
// a list, or from CSV rows through a column mapping), which of them lint holds back and why,
// each object's result by its place in the original list, and the results CSV (input row +
// success, id, code, message, fix).
class ObjectImportPlan
{
public:
    // The result columns appended to each input row.
    static QStringList resultColumns();

    // Reads a CSV file's header and rows (blank lines skipped). False with *error.
    bool readCsv(const QString& path, QString* error);
    void setCsv(const QStringList& header, const QList<QStringList>& rows);
    const QStringList& header() const { return m_header; }
    const QList<QStringList>& rows() const { return m_rows; }
    bool fromCsv() const { return m_fromCsv; }

    // The objects: one per CSV row through `columns`, or given as they are.
    void mapRows(const QList<ObjectCsvImport::Column>& columns);
    void setObjects(const QJsonArray& objects);
    const QJsonArray& objects() const { return m_objects; }

    // Lints every object as requests of `envelope`'s method, kLintSlice objects at a time: an
    // object with an error finding of its own (under $.params.objects[i], other than 209 and 301,
    // which depend on the whole call or on what the service already holds) is held back with the
    // prediction as its result. Returns how many were held back.
    int lint(const QJsonObject& envelope, const LintContext& context);
    static constexpr qsizetype kLintSlice = 500;
    // The objects to send, in order, and where each one is in objects().
    const QJsonArray& toSend() const { return m_toSend; }
    int originalIndex(int sentIndex) const { return m_originalIndex.value(sentIndex, sentIndex); }

    // One sent object's result (its index is into toSend()); returns its index in objects().
    int setResult(const BatchRun::ObjectResult& result);
    // Marks the objects that got no result as not sent (the run stopped); returns how many.
    int markUnsent();
    // success, id, code, message, fix of objects()[i] (empty until known).
    QStringList result(int i) const { return m_results.value(i); }
    int failedCount() const;

    // The input header plus resultColumns(), then every input row plus its result (RFC 4180,
    // CRLF; a UTF-8 byte order mark first for Excel). False with *error.
    bool writeResultsCsv(QIODevice* device, bool bom, QString* error) const;
    // Where the results of importing `csvPath` go by default: beside it, "x.csv" → "x.results.csv".
    static QString defaultResultsPath(const QString& csvPath);
    // The catalogue's first fix for an error code.
    static QString fixFor(int code);
    static QString idText(const QJsonValue& id);

private:
    QStringList m_header;
    QList<QStringList> m_rows;
    bool m_fromCsv = false;
    QJsonArray m_objects;
    QJsonArray m_toSend;
    QList<int> m_originalIndex;
    QList<QStringList> m_results;
};
