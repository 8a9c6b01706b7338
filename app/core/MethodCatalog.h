#pragma once

#include "CatalogueFile.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

// One parameter of a method (resources/methods.json).
struct MethodParam
{
    QString name;
    QString type; // string | integer | number | boolean | object | array | datetime | date | any
    bool required = false;
    bool nullable = true;
    QStringList allowed; // allowed values (enum), empty = any
    std::optional<double> min;
    std::optional<double> max; // e.g. limit 500 (clamped), hours 24, objects 500
    bool clamped = false;      // max is silently clamped by the API rather than rejected
    QString description;
    QString items;            // element type of an array param ("object", "string"), empty = any
    QStringList keys;         // known keys of an object param (where filters); empty = not documented
    QStringList requiredKeys; // keys an object param must carry (getListMembers where.id)
    bool singleKey = false;   // where: only one filter key is honoured
    bool fieldNames = false;  // array of field system names of the method's object type (getLeads fields)
    QString format;           // country (ISO 3166-1 alpha-2) | username (a login that must be an email) | email
};

// A field holding the id of another record ("references" in methods.json).
struct FieldReference
{
    QString object; // the referenced record's type: user, lead, account, ...
    int code = 0;   // the object-level code when no such record exists: 303, or 220 for the "who" of a call or task
};

// One field of an object type (lead, opportunity, account, ...), for `objects` validation.
struct FieldSpec
{
    QString name;          // system name, case-sensitive
    QString type;          // string | text | picklist | integer | number | boolean | datetime | date
    bool required = false; // required on create
    bool nullable = true;
    bool readOnly = false; // ignored or rejected on write
    int maxLength = 0;     // 0 = no known limit
    QStringList allowed;
    std::optional<double> min;
    std::optional<double> max;
    bool unique = false; // unique per account, case-insensitive (lead emailAddress → 301)
    QString format;      // email: an address the API stores without checking
    QString description;
    std::optional<FieldReference> references; // a foreign key (ownerID -> user)
};

struct MethodSpec
{
    QString name;
    QString area; // leads, events, fields, lists, campaigns, accounts, opportunities, deal_stages, email,
                  // users, agency, calls, notes, tasks, products, folders
    QString summary;
    QList<MethodParam> params;
    QString resultKey;           // the key under `result` actually returned; empty = unknown (batch: always known)
    QString assumedResultKey;    // result key unknown but the answer is per object: the key assumed for it
    QString documentedResultKey; // what the vendor docs claim, when it differs
    bool batch = false;          // takes `objects`
    bool mutating = false;
    bool paginated = false;     // limit/offset
    bool hasMore = false;       // the response carries `hasMore`
    bool documented = true;     // false = known only by name: "parameters not documented"
    int maxObjects = 0;         // 0 = no per-call object limit known
    QString objectType;         // lead, field, opportunity, ... (batch: type of each element of `objects`)
    QStringList objectRequired; // keys each element of `objects` must carry
    QStringList objectKeys;     // when not empty: the only keys an element of `objects` may carry ({"id"})
    QStringList objectOneOf;    // each element of `objects` should carry one of these (id or emailAddress)
    QString customOnlyKey;      // values of this key in `objects` must name custom fields (deleteFields)
    QStringList userFields;     // params creating a user: all or none (createClient)
    QJsonObject paramsTemplate;
    QList<int> errors;  // method-specific codes it is known or expected to produce
    QString confidence; // documented | observed | inferred
    QString source;
    QString notes;

    const MethodParam* param(const QString& paramName) const;
    // Same name ignoring case (for "did you mean" on mis-cased parameter names).
    const MethodParam* paramCaseInsensitive(const QString& paramName) const;
    QStringList paramNames() const;
    // The key of a per-object answer (creates, updates, deletes): resultKey, else assumedResultKey.
    QString batchResultKey() const { return resultKey.isEmpty() ? assumedResultKey : resultKey; }
};

// Loads resources/methods.json; lookup by exact name, case-insensitive name and nearest names.
class MethodCatalog
{
public:
    // The catalogue compiled into the binary (:/leadgen/methods.json), loaded once. Problems are
    // reported by validationErrors() (and loadError() when nothing could be read), by a warning
    // and by the tests, never by a crash.
    static const MethodCatalog& builtin();

    // Parses and validates (schema, names, types, templates against their own params); returns
    // false and fills errors on any problem. Entries that parse are still loaded.
    bool loadFromJson(const QByteArray& json, QStringList* errors = nullptr);
    bool loadFromFile(const QString& path, QStringList* errors = nullptr);
    const QStringList& validationErrors() const { return m_errors; }
    // Why nothing was loaded (unreadable file, not JSON, not an object); empty when it was parsed.
    const QString& loadError() const { return m_loadError; }
    QString version() const { return m_version; }

    const std::vector<MethodSpec>& methods() const { return m_methods; }
    const MethodSpec* byName(const QString& name) const; // exact, case-sensitive
    const MethodSpec* byNameCaseInsensitive(const QString& name) const;
    QStringList closestNames(const QString& name, int count = 3) const; // by edit distance
    QStringList areas() const;
    QStringList methodNames() const;

    // Fields of an object type ("lead", ...); empty if unknown.
    QList<FieldSpec> objectFields(const QString& objectType) const;
    const FieldSpec* objectField(const QString& objectType, const QString& field) const;
    const FieldSpec* objectFieldCaseInsensitive(const QString& objectType, const QString& field) const;
    QStringList objectTypes() const;
    // Whether objects of this type accept custom fields (keys named by systemName).
    bool objectAllowsCustomFields(const QString& objectType) const;
    // Standard field names closest to `field` (case-insensitive edit distance), best first.
    QStringList closestFieldNames(const QString& objectType, const QString& field, int count = 3) const;

    // A custom field system name: label + '_' + 13 hex digits (Favorite_Color_5a0dd86e6e290).
    static bool isCustomFieldName(const QString& name);
    // Whether a non-null JSON value is acceptable for a catalogue type, the way the API accepts
    // it: numeric strings for integers, "0"/"1" for booleans, [] for an empty object (PHP).
    static bool valueMatchesType(const QJsonValue& value, const QString& type);
    static bool isKnownType(const QString& type);
    static bool isKnownFormat(const QString& format);

    // Problems of a params object against a method's own description (used on templates).
    QStringList paramsProblems(const MethodSpec& method, const QJsonObject& params) const;

private:
    bool load(const CatalogueFile::Root& file, QStringList* errors);

    std::vector<MethodSpec> m_methods;
    QHash<QString, int> m_byName;
    QHash<QString, int> m_byLowerName;
    QHash<QString, QList<FieldSpec>> m_objectFields;
    QHash<QString, bool> m_objectCustom;
    QString m_version;
    QStringList m_errors;
    QString m_loadError;
};
