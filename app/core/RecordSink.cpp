#include "RecordSink.h"

#include "CsvReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cstring>

namespace {
constexpr size_t kFlushBytes = 256 * 1024;

// The CSV text of a scalar or container: strings unescaped, numbers and true/false as written,
// null empty, objects and arrays as their JSON. A view into the source where it can be, else
// into `decoded`.
QByteArrayView cellOf(const JsonIndex& index, JsonIndex::NodeId node, QByteArray& decoded)
{
    switch (index.type(node)) {
    case JsonIndex::Type::Null:
        return QByteArrayView();
    case JsonIndex::Type::String: {
        const QByteArrayView raw = index.raw(node);
        const QByteArrayView inner = raw.sliced(1, raw.size() - 2);
        if (!inner.contains('\\'))
            return inner;
        decoded = JsonIndex::decodeString(raw).toUtf8();
        return decoded;
    }
    default:
        return index.raw(node);
    }
}

// A member's key as written, quotes and escapes included: equal literals are equal keys, so
// comparing them needs no unescaping (different literals may still be the same key: the caller
// then looks the key up properly).
QByteArrayView keyLiteral(const JsonIndex& index, JsonIndex::NodeId member)
{
    const qint64 start = index.keyOffset(member);
    if (start < 0)
        return QByteArrayView();
    const char* const data = index.data();
    const qint64 end = index.offset(member); // the value follows the key
    qint64 i = start + 1;
    while (i < end && data[i] != '"')
        i += data[i] == '\\' ? 2 : 1;
    return QByteArrayView(data + start, qMin(i, end - 1) + 1 - start);
}

QByteArray cellOf(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QByteArray();
    case QJsonValue::String:
        return value.toString().toUtf8();
    case QJsonValue::Bool:
        return value.toBool() ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == double(qint64(d)))
            return QByteArray::number(qint64(d));
        return QByteArray::number(d, 'g', 17);
    }
    case QJsonValue::Array:
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    case QJsonValue::Object:
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    }
    return QByteArray();
}
} // namespace

RecordSink::RecordSink(Format format, QIODevice* device, const QStringList& headerOrder, bool excelBom)
    : m_format(format)
    , m_device(device)
    , m_bom(excelBom)
{
    m_buffer.reserve(kFlushBytes + 64 * 1024);
    for (const QString& key : headerOrder)
        columnFor(key);
}

namespace {
// RFC 4180 for any buffer with append(data, size) and += char (QByteArray, std::string).
template<typename Buffer>
void appendCsvCell(Buffer& line, QByteArrayView cell)
{
    bool quote = false;
    for (const char c : cell) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        line.append(cell.data(), cell.size());
        return;
    }
    line += '"';
    for (const char c : cell) {
        if (c == '"')
            line += '"';
        line += c;
    }
    line += '"';
}
} // namespace

void RecordSink::appendCell(QByteArray& line, QByteArrayView cell)
{
    appendCsvCell(line, cell);
}

int RecordSink::columnFor(const QString& key)
{
    const auto it = m_columnOf.constFind(key);
    if (it != m_columnOf.constEnd())
        return *it;
    const int column = int(m_columns.size());
    m_columns.append(key);
    m_columnOf.insert(key, column);
    if (m_headerWidth >= 0)
        m_lateKeys.append(key);
    return column;
}

void RecordSink::writeHeaderIfNeeded()
{
    if (m_format != Format::Csv || m_headerWidth >= 0)
        return;
    QByteArray line;
    if (m_bom)
        line += "\xEF\xBB\xBF";
    for (qsizetype i = 0; i < m_columns.size(); ++i) {
        if (i)
            line += ',';
        appendCell(line, m_columns.at(i).toUtf8());
    }
    line += "\r\n";
    m_headerWidth = int(m_columns.size());
    write(line);
}

void RecordSink::endRow(const std::vector<QByteArray>& cells, int used)
{
    writeHeaderIfNeeded();
    const int width = qMax(m_headerWidth, used);
    for (int i = 0; i < width; ++i) {
        if (i)
            m_buffer += ',';
        if (size_t(i) < cells.size())
            appendCsvCell(m_buffer, cells[size_t(i)]);
    }
    finishRow();
}

void RecordSink::finishRow()
{
    m_buffer += "\r\n";
    ++m_records;
    if (m_buffer.size() >= kFlushBytes)
        flushBuffer();
}

qint64 RecordSink::writeArray(const JsonIndex& index, JsonIndex::NodeId array)
{
    if (array == JsonIndex::npos || index.type(array) != JsonIndex::Type::Array)
        return 0;
    const int count = index.childCount(array);
    std::vector<QByteArray> cells;
    QByteArray decoded;
    for (int r = 0; r < count; ++r) {
        const JsonIndex::NodeId record = index.child(array, r);
        if (m_format == Format::Jsonl) {
            QByteArray raw = index.raw(record).toByteArray();
            // Whitespace inside JSON may hold line breaks (never inside strings): one line each.
            if (raw.contains('\n') || raw.contains('\r')) {
                raw.replace('\n', ' ');
                raw.replace('\r', ' ');
            }
            m_buffer.append(raw.constData(), size_t(raw.size()));
            m_buffer += '\n';
            ++m_records;
            if (m_buffer.size() >= kFlushBytes)
                flushBuffer();
            continue;
        }
        if (index.type(record) != JsonIndex::Type::Object) {
            const int column = columnFor(QStringLiteral("value"));
            cells.assign(m_columns.size(), QByteArray());
            cells[size_t(column)] = cellOf(index, record, decoded).toByteArray();
            endRow(cells, column + 1);
            continue;
        }
        const int members = index.childCount(record);
        if (m_lastKeys.size() < size_t(members)) {
            m_lastKeys.resize(size_t(members));
            m_lastColumns.resize(size_t(members), -1);
        }
        m_members.resize(size_t(members));
        bool inHeaderOrder = true;
        for (int m = 0; m < members; ++m) {
            const JsonIndex::NodeId member = index.child(record, m);
            m_members[size_t(m)] = member;
            int& column = m_lastColumns[size_t(m)];
            // The last record's key literal, quotes included, at this member's key: the same key.
            const QByteArray& last = m_lastKeys[size_t(m)];
            const qint64 at = index.keyOffset(member);
            if (column < 0 || at < 0 || at + last.size() > index.size() ||
                std::memcmp(index.data() + at, last.constData(), size_t(last.size())) != 0) {
                column = columnFor(index.key(member));
                m_lastKeys[size_t(m)] = keyLiteral(index, member).toByteArray();
            }
            inHeaderOrder = inHeaderOrder && column == m;
        }
        writeHeaderIfNeeded();
        if (inHeaderOrder && members == m_headerWidth) {
            // The usual record: every column once, in header order; cells go straight into the
            // row without a copy each.
            for (int m = 0; m < members; ++m) {
                if (m)
                    m_buffer += ',';
                appendCsvCell(m_buffer, cellOf(index, m_members[size_t(m)], decoded));
            }
            finishRow();
            continue;
        }
        int used = 0;
        cells.assign(m_columns.size(), QByteArray());
        for (int m = 0; m < members; ++m) {
            const int column = m_lastColumns[size_t(m)];
            cells[size_t(column)] = cellOf(index, m_members[size_t(m)], decoded).toByteArray();
            used = qMax(used, column + 1);
        }
        endRow(cells, used);
    }
    if (m_format == Format::Jsonl && m_buffer.size() >= kFlushBytes)
        flushBuffer();
    return count;
}

void RecordSink::writeFields(const QList<Field>& fields)
{
    if (m_format == Format::Jsonl) {
        // Hand-built so the keys keep their order (QJsonObject sorts them).
        QByteArray line = "{";
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i)
                line += ',';
            line += QJsonDocument(QJsonArray{fields.at(i).first}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
            line += ':';
            line += QJsonDocument(QJsonArray{fields.at(i).second}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
        }
        line += "}\n";
        m_buffer.append(line.constData(), size_t(line.size()));
        ++m_records;
    } else {
        std::vector<QByteArray> cells(m_columns.size());
        int used = 0;
        for (const Field& field : fields) {
            const int column = columnFor(field.first);
            if (cells.size() <= size_t(column))
                cells.resize(size_t(column) + 1);
            cells[size_t(column)] = cellOf(field.second);
            used = qMax(used, column + 1);
        }
        endRow(cells, used);
    }
    if (m_buffer.size() >= kFlushBytes)
        flushBuffer();
}

void RecordSink::flushBuffer()
{
    if (write(m_buffer.data(), qint64(m_buffer.size())))
        m_writtenRecords = m_records; // the buffer always ends at the end of a row
    // Emptied, not freed: the next rows fill the same allocation.
    m_buffer.clear(); // keeps its capacity
}

bool RecordSink::write(const QByteArray& bytes)
{
    return write(bytes.constData(), bytes.size());
}

bool RecordSink::write(const char* data, qint64 size)
{
    if (!m_error.isEmpty())
        return false;
    if (m_device->write(data, size) != size) {
        m_error = m_device->errorString();
        return false;
    }
    return true;
}

bool RecordSink::finish()
{
    if (m_format == Format::Csv && m_headerWidth < 0 && !m_columns.isEmpty())
        writeHeaderIfNeeded(); // a `fields` order and no records: still a header
    if (!m_buffer.empty())
        flushBuffer();
    if (auto* file = qobject_cast<QFileDevice*>(m_device))
        file->flush();
    if (!m_error.isEmpty())
        return false;
    if (m_format == Format::Csv && !m_lateKeys.isEmpty() && !m_filePath.isEmpty() && QFileInfo(m_filePath).isFile())
        return rewriteWithFullHeader();
    return true;
}

bool RecordSink::rewriteWithFullHeader()
{
    QFile in(m_filePath);
    if (!in.open(QIODevice::ReadOnly)) {
        m_error = in.errorString();
        return false;
    }
    QSaveFile out(m_filePath + QStringLiteral(".rewrite"));
    out.setDirectWriteFallback(false);
    if (!out.open(QIODevice::WriteOnly)) {
        m_error = out.errorString();
        return false;
    }
    CsvReader reader(&in);
    QStringList row;
    bool first = true;
    while (reader.readRow(&row)) {
        if (first) {
            row = m_columns; // the full header
            first = false;
        }
        while (row.size() < m_columns.size())
            row.append(QString());
        QByteArray line;
        if (m_bom && out.pos() == 0)
            line += "\xEF\xBB\xBF";
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (i)
                line += ',';
            appendCell(line, row.at(i).toUtf8());
        }
        line += "\r\n";
        out.write(line);
    }
    in.close();
    if (!reader.errorString().isEmpty()) {
        m_error = reader.errorString();
        out.cancelWriting();
        return false;
    }
    if (!out.commit()) {
        m_error = out.errorString();
        return false;
    }
    // The original device still has the old file open; replace the file by name.
    QFile::remove(m_filePath);
    if (!QFile::rename(m_filePath + QStringLiteral(".rewrite"), m_filePath)) {
        m_error = QStringLiteral("could not replace %1 with the rewritten file").arg(m_filePath);
        return false;
    }
    m_headerWidth = int(m_columns.size());
    return true;
}
