#include "JsonDiff.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace {

// The id of an array element, as text, when every element of the array is an object with one.
bool idsOf(const QJsonArray& array, QStringList* ids)
{
    ids->clear();
    ids->reserve(array.size());
    for (const QJsonValue& element : array) {
        if (!element.isObject())
            return false;
        const QJsonValue id = element.toObject().value(QLatin1String("id"));
        if (id.isString())
            ids->append(QStringLiteral("s:") + id.toString());
        else if (id.isDouble())
            ids->append(QStringLiteral("n:") + QString::number(id.toDouble(), 'g', 17));
        else
            return false;
    }
    return true;
}

void compare(const QJsonValue& before, const QJsonValue& after, const QString& path, QList<JsonChange>* out);

void compareArrays(const QJsonArray& before, const QJsonArray& after, const QString& path, QList<JsonChange>* out)
{
    QStringList beforeIds;
    QStringList afterIds;
    const bool byId = !before.isEmpty() && !after.isEmpty() && idsOf(before, &beforeIds) && idsOf(after, &afterIds) &&
                      QSet<QString>(beforeIds.cbegin(), beforeIds.cend()).size() == beforeIds.size() &&
                      QSet<QString>(afterIds.cbegin(), afterIds.cend()).size() == afterIds.size();
    if (!byId) {
        const qsizetype common = qMin(before.size(), after.size());
        for (qsizetype i = 0; i < common; ++i)
            compare(before.at(i), after.at(i), path + QStringLiteral("[%1]").arg(i), out);
        for (qsizetype i = common; i < before.size(); ++i)
            out->append({path + QStringLiteral("[%1]").arg(i), JsonChange::Op::Removed, before.at(i),
                         QJsonValue(QJsonValue::Undefined)});
        for (qsizetype i = common; i < after.size(); ++i)
            out->append({path + QStringLiteral("[%1]").arg(i), JsonChange::Op::Added, QJsonValue(QJsonValue::Undefined),
                         after.at(i)});
        return;
    }
    QHash<QString, qsizetype> afterIndex;
    for (qsizetype i = 0; i < afterIds.size(); ++i)
        afterIndex.insert(afterIds.at(i), i);
    for (qsizetype i = 0; i < beforeIds.size(); ++i) {
        const auto match = afterIndex.constFind(beforeIds.at(i));
        if (match == afterIndex.cend())
            out->append({path + QStringLiteral("[%1]").arg(i), JsonChange::Op::Removed, before.at(i),
                         QJsonValue(QJsonValue::Undefined)});
        else
            compare(before.at(i), after.at(*match), path + QStringLiteral("[%1]").arg(*match), out);
    }
    const QSet<QString> known(beforeIds.cbegin(), beforeIds.cend());
    for (qsizetype i = 0; i < afterIds.size(); ++i) {
        if (!known.contains(afterIds.at(i)))
            out->append({path + QStringLiteral("[%1]").arg(i), JsonChange::Op::Added, QJsonValue(QJsonValue::Undefined),
                         after.at(i)});
    }
}

void compare(const QJsonValue& before, const QJsonValue& after, const QString& path, QList<JsonChange>* out)
{
    if (before.type() != after.type()) {
        out->append({path, JsonChange::Op::Changed, before, after});
        return;
    }
    if (before.isObject()) {
        const QJsonObject a = before.toObject();
        const QJsonObject b = after.toObject();
        for (auto it = a.constBegin(); it != a.constEnd(); ++it) {
            const QString step = path + JsonDiff::memberStep(it.key());
            const auto other = b.constFind(it.key());
            if (other == b.constEnd())
                out->append({step, JsonChange::Op::Removed, it.value(), QJsonValue(QJsonValue::Undefined)});
            else
                compare(it.value(), other.value(), step, out);
        }
        for (auto it = b.constBegin(); it != b.constEnd(); ++it) {
            if (!a.contains(it.key()))
                out->append({path + JsonDiff::memberStep(it.key()), JsonChange::Op::Added,
                             QJsonValue(QJsonValue::Undefined), it.value()});
        }
        return;
    }
    if (before.isArray()) {
        compareArrays(before.toArray(), after.toArray(), path, out);
        return;
    }
    if (before != after)
        out->append({path, JsonChange::Op::Changed, before, after});
}

} // namespace

QString JsonChange::opName(Op op)
{
    switch (op) {
    case Op::Added:
        return QStringLiteral("added");
    case Op::Removed:
        return QStringLiteral("removed");
    case Op::Changed:
        break;
    }
    return QStringLiteral("changed");
}

QJsonObject JsonChange::toJson() const
{
    QJsonObject out;
    out.insert(QStringLiteral("path"), path);
    out.insert(QStringLiteral("op"), opName(op));
    if (op != Op::Added)
        out.insert(QStringLiteral("before"), before);
    if (op != Op::Removed)
        out.insert(QStringLiteral("after"), after);
    return out;
}

QString JsonDiff::memberStep(const QString& name)
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
    if (identifier.match(name).hasMatch())
        return QLatin1Char('.') + name;
    const QByteArray quoted = QJsonDocument(QJsonArray{name}).toJson(QJsonDocument::Compact);
    return QLatin1Char('[') + QString::fromUtf8(quoted.mid(1, quoted.size() - 2)) + QLatin1Char(']');
}

QList<JsonChange> JsonDiff::diff(const QJsonValue& before, const QJsonValue& after)
{
    QList<JsonChange> out;
    compare(before, after, QStringLiteral("$"), &out);
    return out;
}
