#include "CsvReader.h"

#include <QIODevice>

namespace {
constexpr qint64 kChunk = 64 * 1024;
} // namespace

CsvReader::CsvReader(QIODevice* device)
    : m_device(device)
{}

bool CsvReader::fill()
{
    if (m_eof)
        return false;
    if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    const QByteArray chunk = m_device->read(kChunk);
    if (chunk.isEmpty()) {
        m_eof = true;
        return false;
    }
    m_buffer += chunk;
    return true;
}

bool CsvReader::readRow(QStringList* row)
{
    row->clear();
    if (!m_error.isEmpty())
        return false;
    if (!m_started) {
        while (m_buffer.size() < 3 && fill()) {
        }
        if (m_buffer.startsWith("\xEF\xBB\xBF"))
            m_pos = 3;
        m_started = true;
    }
    if (m_pos >= m_buffer.size() && !fill())
        return false;
    m_rowLine = m_line;
    QByteArray field;
    bool quoted = false;     // inside quotes
    bool wasQuoted = false;  // this field started with a quote
    bool afterQuote = false; // the closing quote was read; only a separator may follow
    for (;;) {
        if (m_pos >= m_buffer.size() && !fill()) {
            if (quoted) {
                m_error =
                    QStringLiteral("line %1: a quoted field is not closed before the end of the file").arg(m_rowLine);
                return false;
            }
            row->append(QString::fromUtf8(field));
            return true;
        }
        const char c = m_buffer.at(m_pos++);
        if (quoted) {
            if (c == '"') {
                if (m_pos >= m_buffer.size())
                    fill();
                if (m_pos < m_buffer.size() && m_buffer.at(m_pos) == '"') {
                    field += '"';
                    ++m_pos;
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else {
                if (c == '\n')
                    ++m_line;
                field += c;
            }
            continue;
        }
        if (c == ',') {
            row->append(QString::fromUtf8(field));
            field.clear();
            wasQuoted = afterQuote = false;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r') {
                if (m_pos >= m_buffer.size())
                    fill();
                if (m_pos < m_buffer.size() && m_buffer.at(m_pos) == '\n')
                    ++m_pos;
            }
            ++m_line;
            row->append(QString::fromUtf8(field));
            return true;
        } else if (c == '"' && field.isEmpty() && !wasQuoted) {
            quoted = wasQuoted = true;
        } else if (afterQuote) {
            m_error = QStringLiteral("line %1: text after the closing quote of a field").arg(m_line);
            return false;
        } else {
            field += c;
        }
    }
}
