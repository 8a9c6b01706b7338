#pragma once

#include "MethodCatalog.h"
#include "SimStore.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

// One authenticated API call being answered: its context (company, method facts from
// methods.json, params, API version) and its outcome (an API-level error, or the JSON text of
// `result` plus the value of the top-level `error`). Method handlers read the first and fill the
// second through the helpers below.
class SimCall
{
public:
    SimCall(SimStore& callStore, SimCompany& callCompany, const MethodSpec& method, const QJsonObject& callParams,
            bool inUtc);

    SimStore& store;
    SimCompany& company;
    const MethodSpec& spec;
    const QJsonObject params;
    const bool utc; // v1.2: dates in UTC; v1: in the company's time zone
    const qint64 nowMs;

    // --- outcome -------------------------------------------------------------------------------
    // API-level error: {"result": null, "error": {code, message, data}, "id": ...}.
    void fail(int code, const QJsonValue& data = QJsonObject());
    bool failed() const { return m_apiError != 0; }
    int apiError() const { return m_apiError; }
    const QJsonValue& apiErrorData() const { return m_apiErrorData; }

    // Successful result: `resultJson` is the text of the `result` object. `error` is null for
    // get* calls, [] for create/update/delete and list-member calls (what the API sends).
    enum class SuccessError
    {
        Null,
        EmptyArray,
        ObjectErrors
    };
    void succeed(const QByteArray& resultJson, SuccessError error = SuccessError::Null);
    // {"result": {key: [items...]}} with items already serialised, plus hasMore when the method
    // sends it (taken from methods.json).
    void succeedWithList(const QString& key, const QList<QByteArray>& items, bool more = false);

    const QByteArray& resultJson() const { return m_result; }
    SuccessError successError() const { return m_successError; }
    const QByteArray& objectErrorsJson() const { return m_objectErrors; }
    int objectErrorCount() const { return m_objectErrorCount; }
    std::optional<bool> hasMore() const { return m_hasMore; }
    // Notes for the X-Simulator-Note header (quirks the body does not show).
    QStringList notes;

    // Per-object results of a batch call: result.<key>[i] = {success, error, id?} in input order.
    // Observed shape (SimConfig::batchShape): top-level error = the failed objects' errors ([]
    // when none failed). Documented shape: top-level error null, a failed object's success the
    // string "false", 205 data as {"params": [{param, message, validFormat}]}.
    class Batch
    {
    public:
        explicit Batch(SimCall& call, const QString& key);
        void created(qint64 id);
        void succeeded();
        void failed(int code, const QJsonValue& data = QJsonArray());
        void finish();

    private:
        SimCall& m_call;
        QString m_key;
        QByteArray m_items;
        QByteArray m_errors;
        SimConfig::BatchShape m_shape;
        int m_count = 0;
        int m_failed = 0;
    };
    // The message the service sends for a code: the catalogue's without its trailing period.
    static QString wireMessage(int code);
    // {"code": N, "message": <wireMessage>, "data": ...} in the API's key order.
    static QByteArray errorJson(int code, const QJsonValue& data);
    // A failed object's result element in the given batch shape.
    static QByteArray failedItemJson(int code, const QJsonValue& data, SimConfig::BatchShape shape);
    // Object-level 205 data {"field", "reason"} in the documented shape's form.
    static QJsonValue documentedParamsData(const QString& objectType, const QJsonValue& data);
    // Result key of a per-object answer: methods.json's result_key, or its assumed_result_key.
    QString batchKey() const;

    // --- parameters ----------------------------------------------------------------------------
    // Checks params against methods.json (objects array 207/208/209, required 206, array where a
    // scalar is expected 210, unknown names / wrong types / null 205, allowed values and ranges
    // 217). Returns false after fail().
    bool validateParams();
    // The `objects` array (after validateParams()).
    QJsonArray objects() const;
    QJsonValue param(const QString& name) const { return params.value(name); }
    bool hasParam(const QString& name) const;
    // Integer value of a param or JSON value (numbers or numeric strings).
    static std::optional<qint64> toInteger(const QJsonValue& value);
    // limit/offset with the method's default and clamp.
    int limit(int defaultLimit = 500) const;
    int offset() const;
    // What a page's row selection depends on: method, API version, the params other than
    // limit/offset, and the company's data generation (SimTable::matchingRows).
    QByteArray pageSignature() const;
    // The `where` hash (empty for {} and []), without the filters the method does not know.
    QJsonObject where() const;
    // The startDate/endDate/timestamp of a *DateRange call (after validateParams()). Bounds are
    // inclusive to the second: a record is compared by the second it is shown with, so one
    // stamped T is found by startDate = endDate = T even though it was stored with milliseconds.
    struct DateRange
    {
        qint64 startMs = 0;
        qint64 endMs = 0;
        bool byUpdate = false; // timestamp = update (else create)
        bool contains(const SimRecord& record) const;
    };
    DateRange dateRange() const;
    // The `fields` restriction, empty = all. Unknown names fail with 205 (returns false).
    bool requestedFields(const SimTable& table, QStringList* fields);

    // --- objects -------------------------------------------------------------------------------
    enum class WriteMode
    {
        Create,
        Update
    };
    // Validates one element of `objects` against the object type's fields (methods.json plus the
    // company's custom fields). Returns 0, or the object-level code (205) with *data filled.
    int validateObject(const QString& objectType, const QJsonObject& object, WriteMode mode, QJsonValue* data) const;
    // The stored string form of a written value ("1"/"0" for booleans, integers without ".0").
    static SimValue storedValue(const QJsonValue& value);
    // A string written through the API as it is stored and read back: every `<` but a last one
    // becomes &lt;, nothing else is encoded.
    static QString encodedAsStored(const QString& written);
    // Writes the fields of `object` (except id and read-only fields) into the record; returns
    // whether anything changed. Null -> "" is a change.
    bool applyObject(SimTable& table, SimRecord& record, const QJsonObject& object) const;
    // Foreign key check of an id field: 0 = exists in this company, 212 = belongs to another
    // company, 303 = does not exist.
    int checkReference(const QString& type, const QJsonValue& value) const;

    // --- rendering -----------------------------------------------------------------------------
    QString formatTimestamp(qint64 ms) const;
    // Parses "Y-m-d H:i:s" (also "Y-m-d", "Y-m-d H:i", ISO 'T') in the call's zone.
    std::optional<qint64> parseTimestamp(const QString& input) const;
    // A record as the API returns it (values as strings); cached per timestamp mode.
    QByteArray renderRecord(const SimTable& table, const SimRecord& record) const;
    QByteArray renderRecord(const SimTable& table, const SimRecord& record, const QStringList& fields) const;

private:
    int m_apiError = 0;
    QJsonValue m_apiErrorData;
    QByteArray m_result;
    SuccessError m_successError = SuccessError::Null;
    QByteArray m_objectErrors = "[]";
    int m_objectErrorCount = 0;
    std::optional<bool> m_hasMore;
    QJsonArray m_objects; // the `objects` to process (the values of a hash, see validateParams)
};
