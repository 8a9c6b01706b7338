#pragma once

#include "JsonIndex.h"

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

class QIODevice;

// Writes result records as they arrive (docs/design.md, Bulk work): RFC 4180 CSV in UTF-8, or
// JSON Lines (one record per line). Nothing is kept but the header: a million records cost the
// memory of one page.
//
// CSV header: the given order (a getLeads `fields` list), else keys in first-seen order, fixed
// when the first record is written. A key that first appears later is never dropped: it gets the
// next column (later rows are longer than the header) and is listed in lateKeys(); finish()
// rewrites a regular file so that the header names every column and every row has them all.
class RecordSink
{
public:
    enum class Format
    {
        Csv,
        Jsonl
    };
    using Field = QPair<QString, QJsonValue>;

    // `device` must be open for writing and outlive the sink. `excelBom`: CSV starts with a UTF-8
    // byte order mark (what Excel needs to read UTF-8).
    RecordSink(Format format, QIODevice* device, const QStringList& headerOrder = {}, bool excelBom = false);

    // A file the device writes to, so that finish() may rewrite it when keys came late.
    void setFilePath(const QString& path) { m_filePath = path; }

    // Every element of a JSON array (objects; anything else is one "value" column). Returns how
    // many records were written.
    qint64 writeArray(const JsonIndex& index, JsonIndex::NodeId array);
    // One object given as ordered fields (merged batch results, CSV import results).
    void writeFields(const QList<Field>& fields);

    qint64 records() const { return m_records; }
    // Records whose bytes reached the device (the rest wait in the buffer, or a write failed):
    // where a run that could not write resumes.
    qint64 writtenRecords() const { return m_writtenRecords; }
    QStringList header() const { return m_columns; }
    // Keys that first appeared after the header was written, in order.
    QStringList lateKeys() const { return m_lateKeys; }
    int headerWidth() const { return m_headerWidth; }
    // Flushes; for a CSV file with late keys, rewrites it with the full header (padding the
    // earlier rows). False with errorString() when writing failed.
    bool finish();
    QString errorString() const { return m_error; }

    // RFC 4180: quoted when the cell holds a comma, a quote, CR or LF (quotes doubled).
    static void appendCell(QByteArray& line, QByteArrayView cell);

private:
    int columnFor(const QString& key);
    void writeHeaderIfNeeded();
    void endRow(const std::vector<QByteArray>& cells, int used);
    void finishRow();
    void flushBuffer();
    bool write(const QByteArray& bytes);
    bool write(const char* data, qint64 size);
    bool rewriteWithFullHeader();

    Format m_format;
    QIODevice* m_device;
    QString m_filePath;
    QStringList m_columns;
    QHash<QString, int> m_columnOf;
    int m_headerWidth = -1; // columns in the written header; -1 = not written yet
    bool m_bom = false;
    QStringList m_lateKeys;
    qint64 m_records = 0;
    qint64 m_writtenRecords = 0;
    QString m_error;
    std::string m_buffer; // rows not yet written (appending to it is the hot path)
    // The previous record's keys (as written in the JSON, quoted) and columns: records of one page
    // share their keys, so most members resolve with one byte comparison instead of a decode and
    // a hash lookup.
    std::vector<QByteArray> m_lastKeys;
    std::vector<int> m_lastColumns;
    std::vector<JsonIndex::NodeId> m_members; // the current record's
};
