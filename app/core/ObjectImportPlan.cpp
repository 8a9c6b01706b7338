#include "ObjectImportPlan.h"

#include "CsvReader.h"
#include "ErrorCatalog.h"
#include "RecordSink.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

QStringList ObjectImportPlan::resultColumns()
{
    return {QStringLiteral("success"), QStringLiteral("id"), QStringLiteral("code"), QStringLiteral("message"),
            QStringLiteral("fix")};
}

QString ObjectImportPlan::defaultResultsPath(const QString& csvPath)
{
    QString base = csvPath;
    if (base.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        base.chop(4);
    return base + QStringLiteral(".results.csv");
}

QString ObjectImportPlan::fixFor(int code)
{
    const ErrorEntry* entry = code ? ErrorCatalog::builtin().byCode(code) : nullptr;
    return entry && !entry->fixes.isEmpty() ? entry->fixes.first() : QString();
}

QString ObjectImportPlan::idText(const QJsonValue& id)
{
    return id.isString() ? id.toString() : id.isDouble() ? QString::number(id.toInteger()) : QString();
}

bool ObjectImportPlan::readCsv(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    CsvReader reader(&file);
    QStringList header;
    if (!reader.readRow(&header) || header.isEmpty()) {
        *error = QStringLiteral("%1: no header row").arg(path);
        return false;
    }
    QList<QStringList> rows;
    QStringList row;
    while (reader.readRow(&row)) {
        if (row.size() == 1 && row.first().isEmpty())
            continue; // a blank line
        rows.append(row);
    }
    if (!reader.errorString().isEmpty()) {
        *error = QStringLiteral("%1: %2").arg(path, reader.errorString());
        return false;
    }
    setCsv(header, rows);
    return true;
}

void ObjectImportPlan::setCsv(const QStringList& header, const QList<QStringList>& rows)
{
    m_header = header;
    m_rows = rows;
    m_fromCsv = true;
}

void ObjectImportPlan::mapRows(const QList<ObjectCsvImport::Column>& columns)
{
    QJsonArray objects;
    for (const QStringList& row : std::as_const(m_rows))
        objects.append(ObjectCsvImport::objectFromRow(columns, row));
    m_objects = objects;
    m_toSend = objects;
    m_originalIndex.clear();
    m_results = QList<QStringList>(objects.size());
}

void ObjectImportPlan::setObjects(const QJsonArray& objects)
{
    m_objects = objects;
    m_toSend = objects;
    m_originalIndex.clear();
    m_results = QList<QStringList>(objects.size());
}

int ObjectImportPlan::lint(const QJsonObject& envelope, const LintContext& context)
{
    static const QRegularExpression objectPath(QStringLiteral("^\\$\\.params\\.objects\\[(\\d+)\\]"));
    QList<bool> blocked(m_objects.size(), false);
    // A slice at a time: the linter's tree of a whole spreadsheet would cost memory in proportion
    // to it (100,000 rows: 440 MB). What holds an object back is about that object alone; the one
    // rule across objects (the same address twice, 301) and the list's size (209) are left to the
    // service, which answers them per object.
    QJsonObject params = envelope.value(QStringLiteral("params")).toObject();
    QJsonObject lintEnvelope = envelope;
    for (qsizetype start = 0; start < m_objects.size(); start += kLintSlice) {
        QJsonArray slice;
        for (qsizetype i = start; i < qMin(start + kLintSlice, m_objects.size()); ++i)
            slice.append(m_objects.at(i));
        params.insert(QStringLiteral("objects"), slice);
        lintEnvelope.insert(QStringLiteral("params"), params);
        const QList<LintFinding> findings =
            RequestLinter().lint(QJsonDocument(lintEnvelope).toJson(QJsonDocument::Compact), context);
        for (const LintFinding& finding : findings) {
            if (!finding.isError() || finding.predictedCode == 209 || finding.predictedCode == 301)
                continue;
            const QRegularExpressionMatch match = objectPath.match(finding.path);
            if (!match.hasMatch())
                continue;
            const qsizetype i = start + match.captured(1).toInt();
            if (i < 0 || i >= m_objects.size() || blocked[i])
                continue;
            blocked[i] = true;
            // The finding's own path and message name the object within its slice.
            const QString message = QString(finding.message)
                                        .replace(QStringLiteral("objects[%1]").arg(match.captured(1)),
                                                 QStringLiteral("objects[%1]").arg(i));
            m_results[i] = {QStringLiteral("false"), QString(),
                            finding.predictedCode ? QString::number(finding.predictedCode) : QString(),
                            QStringLiteral("not sent: ") + message, finding.fix};
        }
    }
    m_toSend = QJsonArray();
    m_originalIndex.clear();
    for (int i = 0; i < m_objects.size(); ++i) {
        if (!blocked[i]) {
            m_toSend.append(m_objects.at(i));
            m_originalIndex.append(i);
        }
    }
    return int(m_objects.size() - m_toSend.size());
}

int ObjectImportPlan::setResult(const BatchRun::ObjectResult& r)
{
    const int index = originalIndex(r.index);
    if (index < 0 || index >= m_results.size())
        return index;
    m_results[index] = {r.success ? QStringLiteral("true") : QStringLiteral("false"), idText(r.id),
                        r.code ? QString::number(r.code) : QString(), r.message,
                        r.success ? QString() : fixFor(r.code)};
    return index;
}

int ObjectImportPlan::markUnsent()
{
    int unsent = 0;
    for (QStringList& r : m_results) {
        if (r.isEmpty()) {
            r = {QString(), QString(), QString(), QStringLiteral("not sent: the run stopped before this object"),
                 QString()};
            ++unsent;
        }
    }
    return unsent;
}

int ObjectImportPlan::failedCount() const
{
    int failed = 0;
    for (const QStringList& r : m_results)
        failed += !r.isEmpty() && r.first() != QLatin1String("true") ? 1 : 0;
    return failed;
}

bool ObjectImportPlan::writeResultsCsv(QIODevice* device, bool bom, QString* error) const
{
    QByteArray bytes = bom ? QByteArray("\xEF\xBB\xBF") : QByteArray();
    const auto appendRow = [&](const QStringList& cells) {
        for (qsizetype c = 0; c < cells.size(); ++c) {
            if (c)
                bytes += ',';
            RecordSink::appendCell(bytes, cells.at(c).toUtf8());
        }
        bytes += "\r\n";
    };
    const auto flush = [&] {
        const bool ok = device->write(bytes) == bytes.size();
        bytes.clear();
        if (!ok && error)
            *error = device->errorString();
        return ok;
    };
    appendRow(m_header + resultColumns());
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        QStringList cells = m_rows.at(i);
        while (cells.size() < m_header.size())
            cells.append(QString());
        QStringList result = m_results.value(i);
        while (result.size() < resultColumns().size())
            result.append(QString());
        appendRow(cells.mid(0, m_header.size()) + result);
        if (bytes.size() > 256 * 1024 && !flush())
            return false;
    }
    return flush();
}
