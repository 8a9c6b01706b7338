#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

// One difference between two JSON documents.
struct JsonChange
{
    enum class Op
    {
        Added,
        Removed,
        Changed
    };
    QString path; // $.result.lead[3].emailAddress
    Op op = Op::Changed;
    QJsonValue before; // undefined when added
    QJsonValue after;  // undefined when removed

    static QString opName(Op op); // "added", "removed", "changed"
    // {"path", "op", "before", "after"} (docs/design.md, Call history: `history diff --json`).
    QJsonObject toJson() const;
};

// A structural diff: objects member by member, arrays whose elements all carry an `id` matched
// by that id (a record that moved is not a change), other arrays by position. Values of
// different types differ, so "1" and 1 are a change (the API sends numbers as strings at times,
// and a client that parses one breaks on the other).
class JsonDiff
{
public:
    static QList<JsonChange> diff(const QJsonValue& before, const QJsonValue& after);
    // A member name as a path step: .name when it is an identifier, else ["name"].
    static QString memberStep(const QString& name);
};
