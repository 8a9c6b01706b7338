#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

// One parameter of a method (resources/methods.json, design.md §3).
struct MethodParam
{
    QString name;
    QString type;            // string | integer | boolean | object | array | datetime | any
    bool required = false;
    bool nullable = true;
    QStringList allowed;     // allowed values (enum), empty = any
    std::optional<double> min;
    std::optional<double> max;  // e.g. limit 500 (clamped), hours 24
    bool clamped = false;    // max is silently clamped by the API rather than rejected
    QString description;
};

// One field of an object type (lead, opportunity, account, ...), for `objects` validation.
struct FieldSpec
{
    QString name;            // system name, case-sensitive
    QString type;            // string | integer | boolean | datetime | text | picklist
    bool required = false;   // required on create
    bool nullable = true;
    bool readOnly = false;   // ignored or rejected on write
    int maxLength = 0;       // 0 = no known limit
    QStringList allowed;
};

struct MethodSpec
{
    QString name;
    QString area;            // leads, fields, lists, campaigns, accounts, opportunities, deal_stages, email,
                             // users, agency, events, calls, misc
    QString summary;
    QList<MethodParam> params;
    QString resultKey;       // the key under `result` actually returned
    QString documentedResultKey; // what the vendor docs claim, when it differs
    bool batch = false;      // takes `objects`
    bool mutating = false;
    bool paginated = false;  // limit/offset
    bool hasMore = false;    // the response carries `hasMore`
    bool documented = true;  // false = known only by name: "parameters not documented"
    int maxObjects = 0;      // 0 = no per-call object limit known
    QString objectType;      // for batch methods: lead, field, opportunity, ...
    QJsonObject paramsTemplate;
    QList<int> errors;       // codes this method is known or expected to produce
    QString confidence;      // documented | observed | inferred
    QString source;
    QString notes;

    const MethodParam* param(const QString& name) const;
};

// Loads resources/methods.json; lookup by exact name, case-insensitive name and nearest names.
class MethodCatalog
{
public:
    static const MethodCatalog& builtin();

    bool loadFromJson(const QByteArray& json, QStringList* errors = nullptr);
    const QStringList& validationErrors() const { return m_errors; }
    QString version() const { return m_version; }

    const std::vector<MethodSpec>& methods() const { return m_methods; }
    const MethodSpec* byName(const QString& name) const;                // exact, case-sensitive
    const MethodSpec* byNameCaseInsensitive(const QString& name) const;
    QStringList closestNames(const QString& name, int count = 3) const; // by edit distance
    QStringList areas() const;

    // Fields of an object type ("lead", ...); empty if unknown.
    QList<FieldSpec> objectFields(const QString& objectType) const;
    const FieldSpec* objectField(const QString& objectType, const QString& field) const;

private:
    std::vector<MethodSpec> m_methods;
    QHash<QString, QList<FieldSpec>> m_objectFields;
    QString m_version;
    QStringList m_errors;
};
