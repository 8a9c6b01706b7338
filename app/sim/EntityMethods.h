#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <functional>

class SimCall;
class SimMethods;
class SimTable;
struct SimCompany;
struct SimRecord;

// The generic record behaviour shared by most object types (getX / getXs / getXsDateRange /
// createXs / updateXs / deleteXs), and the methods of accounts, campaigns, opportunities, deal
// stages, e-mails, events, calls, tasks and users built on it.
class EntityMethods
{
public:
    static void registerInto(SimMethods& methods);

    using Filter = std::function<bool(const SimTable&, const SimRecord&)>;
    using Render = std::function<QByteArray(const SimTable&, const SimRecord&)>;

    // getX: `id` -> an array of 0 or 1 record under the method's result key.
    static void getOne(SimCall& call, const QString& type);
    // getXs: `where` equality filters (a list value matches any of its elements), limit/offset.
    static void getMany(SimCall& call, const QString& type, const Filter& extra = {}, const Render& render = {});
    // getXsDateRange: startDate/endDate (in the call's zone), timestamp create|update.
    static void getDateRange(SimCall& call, const QString& type, const Filter& extra = {});
    static void createMany(SimCall& call, const QString& type);
    static void updateMany(SimCall& call, const QString& type);
    static void deleteMany(SimCall& call, const QString& type);

    // One page of the records accepted by `filter` (in id order), rendered, under `key` (default:
    // the method's result key).
    static void listPage(SimCall& call, const SimTable& table, const Filter& filter, const Render& render,
                         const QString& key = QString());
    // The rendered records of the page limit/offset of the call among those `filter` accepts, and
    // whether more follow. Costs O(limit) at any offset once the matching rows are indexed
    // (SimTable::matchingRows; the first page scans only as far as it needs).
    static QList<QByteArray> page(const SimCall& call, const SimTable& table, const Filter& filter,
                                  const Render& render, bool* more);
    // Whether a record matches every key of a where hash.
    static bool matchesWhere(const SimTable& table, const SimRecord& record, const QJsonObject& where);
    // Foreign keys of an object being written: 0, or 303 / 212 / 220 with *data filled.
    static int checkReferences(const SimCall& call, const QString& type, const QJsonObject& object, QJsonValue* data);
    // Removes the records that point at a deleted record (list members of a lead, ...).
    static void cascadeDelete(SimCompany& company, const QString& type, qint64 id);
    // Checks the `objects` array of a method methods.json does not describe (207/208/209).
    static bool checkObjectsArray(SimCall& call);
    // A new record with the next id, created/updated now.
    static SimRecord& insertNew(SimCall& call, SimTable& table);
};
