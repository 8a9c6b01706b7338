#include "ObjectCsvImport.h"

#include "MethodCatalog.h"
#include "TextDistance.h"

#include <QHash>

QString ObjectCsvImport::normalized(const QString& name)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        if (!c.isSpace())
            out.append(c.toLower());
    }
    return out;
}

QList<ObjectCsvImport::Column> ObjectCsvImport::mapHeader(const QStringList& header, const QString& objectType,
                                                          const QStringList& extraFields)
{
    const MethodCatalog& catalog = MethodCatalog::builtin();
    QStringList names;
    const QList<FieldSpec> fields = catalog.objectFields(objectType);
    for (const FieldSpec& field : fields)
        names.append(field.name);
    for (const QString& name : extraFields) {
        if (!names.contains(name))
            names.append(name);
    }
    QHash<QString, QString> byNormalized;
    for (const QString& name : std::as_const(names))
        byNormalized.insert(normalized(name), name);
    const bool custom = catalog.objectAllowsCustomFields(objectType);

    QList<Column> columns;
    for (int i = 0; i < header.size(); ++i) {
        Column column;
        column.csvIndex = i;
        column.header = header.at(i);
        const QString key = normalized(column.header);
        const auto it = byNormalized.constFind(key);
        if (it != byNormalized.constEnd()) {
            column.field = *it;
        } else if (custom && MethodCatalog::isCustomFieldName(column.header.trimmed())) {
            column.field = column.header.trimmed(); // custom field system names are case-sensitive
        } else {
            // Over every name known, the environment's custom fields included.
            column.suggestions = TextDistance::closest(column.header.simplified().remove(QLatin1Char(' ')), names);
        }
        columns.append(column);
    }
    return columns;
}

QJsonObject ObjectCsvImport::objectFromRow(const QList<Column>& columns, const QStringList& row)
{
    QJsonObject object;
    for (const Column& column : columns) {
        if (column.field.isEmpty() || column.csvIndex >= row.size())
            continue;
        const QString& cell = row.at(column.csvIndex);
        if (!cell.isEmpty())
            object.insert(column.field, cell);
    }
    return object;
}

QStringList ObjectCsvImport::unknownColumnTexts(const QList<Column>& columns)
{
    QStringList texts;
    for (const Column& column : columns) {
        if (!column.field.isEmpty())
            continue;
        texts.append(column.suggestions.isEmpty()
                         ? QStringLiteral("“%1” (no field with a similar name)").arg(column.header)
                         : QStringLiteral("“%1” (did you mean %2?)")
                               .arg(column.header, column.suggestions.join(QStringLiteral(", "))));
    }
    return texts;
}
