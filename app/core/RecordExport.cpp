#include "RecordExport.h"

#include "ErrorCatalog.h"

#include <QFile>

#include <memory>

namespace {
class ExportFile
{
public:
    bool open(const QString& path, RecordExport::Format format, QString* error)
    {
        m_file.setFileName(path);
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            *error = QStringLiteral("cannot write %1: %2").arg(path, m_file.errorString());
            return false;
        }
        m_sink = std::make_unique<RecordSink>(format == RecordExport::Format::Jsonl ? RecordSink::Format::Jsonl
                                                                                    : RecordSink::Format::Csv,
                                              &m_file, QStringList(), format == RecordExport::Format::ExcelCsv);
        m_sink->setFilePath(path);
        return true;
    }
    RecordSink& sink() { return *m_sink; }
    qint64 finish(QString* error)
    {
        const bool ok = m_sink->finish() && m_sink->errorString().isEmpty();
        m_file.close();
        if (!ok) {
            *error = QStringLiteral("writing %1 failed: %2").arg(m_file.fileName(), m_sink->errorString());
            return -1;
        }
        return m_sink->records();
    }

private:
    QFile m_file;
    std::unique_ptr<RecordSink> m_sink;
};
} // namespace

JsonIndex::NodeId RecordExport::resultRecords(const JsonIndex& index, const QString& key)
{
    const JsonIndex::NodeId root = index.isValid() ? index.root() : JsonIndex::npos;
    if (root == JsonIndex::npos || index.type(root) != JsonIndex::Type::Object)
        return JsonIndex::npos;
    const JsonIndex::NodeId result = index.member(root, QLatin1String("result"));
    if (result == JsonIndex::npos || index.type(result) != JsonIndex::Type::Object)
        return JsonIndex::npos;
    if (!key.isEmpty()) {
        const JsonIndex::NodeId list = index.member(result, key);
        if (list != JsonIndex::npos && index.type(list) == JsonIndex::Type::Array)
            return list;
    }
    const int count = index.childCount(result);
    for (int i = 0; i < count; ++i) {
        const JsonIndex::NodeId child = index.child(result, i);
        if (index.type(child) == JsonIndex::Type::Array)
            return child;
    }
    return JsonIndex::npos;
}

QList<RecordSink::Field> RecordExport::objectResult(int index, bool success, const QJsonValue& id, int code,
                                                    const QString& message)
{
    const ErrorEntry* entry = !success && code ? ErrorCatalog::builtin().byCode(code) : nullptr;
    const QString fix = entry && !entry->fixes.isEmpty() ? entry->fixes.first() : QString();
    return {{QStringLiteral("index"), index},
            {QStringLiteral("success"), success},
            {QStringLiteral("id"), id.isUndefined() ? QJsonValue() : id},
            {QStringLiteral("code"), code ? QJsonValue(code) : QJsonValue()},
            {QStringLiteral("message"), message},
            {QStringLiteral("fix"), fix}};
}

QList<RecordSink::Field> RecordExport::batchRow(const BatchRow& row, const QStringList& keyFields)
{
    QList<RecordSink::Field> fields =
        objectResult(row.index, row.success, row.id.isEmpty() ? QJsonValue() : QJsonValue(row.id), row.code.value_or(0),
                     row.message);
    fields.insert(1, {QStringLiteral("key"), row.key});
    for (const QString& field : keyFields)
        fields.append({field, row.hasRequestObject ? row.requestObject.value(field) : QJsonValue()});
    return fields;
}

qint64 RecordExport::writeRecords(const QString& path, Format format, const JsonIndex& index, JsonIndex::NodeId array,
                                  QString* error, QStringList* lateKeys)
{
    ExportFile file;
    if (!file.open(path, format, error))
        return -1;
    if (array != JsonIndex::npos)
        file.sink().writeArray(index, array);
    if (lateKeys)
        *lateKeys = file.sink().lateKeys();
    return file.finish(error);
}

qint64 RecordExport::writeBatchRows(const QString& path, Format format, const QList<BatchRow>& rows,
                                    const QStringList& keyFields, QString* error)
{
    ExportFile file;
    if (!file.open(path, format, error))
        return -1;
    for (const BatchRow& row : rows)
        file.sink().writeFields(batchRow(row, keyFields));
    return file.finish(error);
}
