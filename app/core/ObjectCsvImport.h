#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// How the columns of a CSV file become the fields of batch objects (docs/design.md, Bulk work):
// each header is matched to a field system name of the object type (methods.json, plus custom
// field names when the type takes them), ignoring case and spaces ("First Name" → firstName).
// A header that matches nothing is reported with the closest names and left out.
class ObjectCsvImport
{
public:
    struct Column
    {
        int csvIndex = 0;
        QString header;
        QString field;           // system name; empty = left out
        QStringList suggestions; // closest names, for a header that matched nothing
    };

    // `extraFields`: more names to accept (the environment's getFields answer, when known).
    static QList<Column> mapHeader(const QStringList& header, const QString& objectType,
                                   const QStringList& extraFields = {});
    // Header text as compared: lower case, no white space.
    static QString normalized(const QString& name);
    // One object from a row: mapped columns with a non-empty cell, values as strings (the API
    // takes numeric strings for integers and "1"/"0" for booleans).
    static QJsonObject objectFromRow(const QList<Column>& columns, const QStringList& row);
    // Columns left out, as "Header (did you mean a, b?)" texts.
    static QStringList unknownColumnTexts(const QList<Column>& columns);
};
