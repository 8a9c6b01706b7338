#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

class QIODevice;

// Reads RFC 4180 CSV from a device row by row (never the whole file): quoted fields with doubled
// quotes, commas and line breaks inside quotes, CRLF or LF line ends, a UTF-8 byte order mark
// at the start (Excel writes one) skipped. Text is UTF-8.
class CsvReader
{
public:
    explicit CsvReader(QIODevice* device);

    // The next row; false at the end or on a malformed row (then errorString() says where).
    bool readRow(QStringList* row);
    // 1-based line on which the last row returned started.
    qint64 rowLine() const { return m_rowLine; }
    QString errorString() const { return m_error; }

private:
    bool fill();

    QIODevice* m_device;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_eof = false;
    bool m_started = false;
    qint64 m_line = 1;
    qint64 m_rowLine = 0;
    QString m_error;
};
