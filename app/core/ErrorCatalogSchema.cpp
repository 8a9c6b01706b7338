#include "ErrorCatalogSchema.h"

#include "ErrorCatalog.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace {
const QStringList kNumericLevels = {QStringLiteral("api"), QStringLiteral("object"), QStringLiteral("either")};
const QStringList kSituationLevels = {QStringLiteral("http"),   QStringLiteral("envelope"),  QStringLiteral("info"),
                                      QStringLiteral("object"), QStringLiteral("transport"), QStringLiteral("api"),
                                      QStringLiteral("either")};
const QStringList kCategories = {QStringLiteral("auth"),   QStringLiteral("rate_limit"), QStringLiteral("envelope"),
                                 QStringLiteral("params"), QStringLiteral("data"),       QStringLiteral("permission"),
                                 QStringLiteral("agency"), QStringLiteral("server"),     QStringLiteral("transport")};
const QStringList kConfidences = {QStringLiteral("documented"), QStringLiteral("observed"), QStringLiteral("inferred")};
const QStringList kBatchKeys = {QStringLiteral("creates"), QStringLiteral("updates"), QStringLiteral("deletes")};
const QStringList kKnownFields = {
    QStringLiteral("code"),       QStringLiteral("key"),       QStringLiteral("name"),
    QStringLiteral("title"),      QStringLiteral("message"),   QStringLiteral("level"),
    QStringLiteral("category"),   QStringLiteral("summary"),   QStringLiteral("causes"),
    QStringLiteral("fixes"),      QStringLiteral("retryable"), QStringLiteral("retry_hint"),
    QStringLiteral("methods"),    QStringLiteral("related"),   QStringLiteral("related_keys"),
    QStringLiteral("keywords"),   QStringLiteral("example"),   QStringLiteral("example_http_status"),
    QStringLiteral("confidence"), QStringLiteral("source")};

const QRegularExpression& upperSnakeRe()
{
    static const QRegularExpression re(QStringLiteral("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$"));
    return re;
}

const QRegularExpression& lowerSnakeRe()
{
    static const QRegularExpression re(QStringLiteral("^[a-z][a-z0-9]*(_[a-z0-9]+)*$"));
    return re;
}

const QRegularExpression& methodNameRe()
{
    static const QRegularExpression re(QStringLiteral("^[a-z][A-Za-z0-9]*$"));
    return re;
}

// Collects the problems of one entry; `where` prefixes every message.
class EntryChecker
{
public:
    EntryChecker(const QJsonObject& object, QString where, QStringList& problems)
        : m_object(object)
        , m_where(std::move(where))
        , m_problems(problems)
    {}

    void fail(const QString& message) { m_problems.append(m_where + QStringLiteral(": ") + message); }

    QString text(const char* field)
    {
        const QJsonValue v = m_object.value(QLatin1String(field));
        if (!v.isString() || v.toString().trimmed().isEmpty()) {
            problem(QStringLiteral("'%1' must be a non-empty string").arg(QLatin1String(field)));
            return QString();
        }
        return v.toString();
    }

    QStringList list(const char* field, int minItems)
    {
        const QJsonValue v = m_object.value(QLatin1String(field));
        if (!v.isArray()) {
            problem(QStringLiteral("'%1' must be a list of strings").arg(QLatin1String(field)));
            return {};
        }
        QStringList items;
        for (const QJsonValue& item : v.toArray()) {
            if (!item.isString() || item.toString().trimmed().isEmpty()) {
                problem(QStringLiteral("'%1' must hold only non-empty strings").arg(QLatin1String(field)));
                return {};
            }
            items.append(item.toString());
        }
        if (items.size() < minItems)
            problem(QStringLiteral("'%1' needs at least %2 items, has %3")
                        .arg(QLatin1String(field))
                        .arg(minItems)
                        .arg(items.size()));
        return items;
    }

    void problem(const QString& message) { fail(message); }

private:
    const QJsonObject& m_object;
    QString m_where;
    QStringList& m_problems;
};

// The error objects of an example that carry `code`: where they sit, for the level check.
struct ExampleCheck
{
    bool apiLevel = false;    // top-level "error" is an object with the code
    bool objectLevel = false; // result.<creates|updates|deletes>[i].error carries it, and the array does too
    QString problem;          // first shape problem found
};

bool errorObjectCarries(const QJsonValue& value, int code, const ErrorEntry& entry, QString* problem)
{
    const QJsonObject error = value.toObject();
    if (!value.isObject() || error.value(QStringLiteral("code")).toInt(-1) != code ||
        !error.value(QStringLiteral("code")).isDouble())
        return false;
    if (!ErrorCatalog::messageMatches(entry, error.value(QStringLiteral("message")).toString()))
        *problem = QStringLiteral("example error %1 has message \"%2\", not the catalogue message")
                       .arg(code)
                       .arg(error.value(QStringLiteral("message")).toString());
    else if (!error.contains(QStringLiteral("data")))
        *problem = QStringLiteral("example error %1 has no 'data' member").arg(code);
    return true;
}

ExampleCheck checkExample(const QJsonObject& example, const ErrorEntry& entry)
{
    ExampleCheck check;
    for (const char* member : {"result", "error", "id"}) {
        if (!example.contains(QLatin1String(member))) {
            check.problem = QStringLiteral("example has no '%1' member").arg(QLatin1String(member));
            return check;
        }
    }
    const QJsonValue error = example.value(QStringLiteral("error"));
    QString problem;
    if (error.isObject()) {
        check.apiLevel = errorObjectCarries(error, entry.code, entry, &problem);
        if (check.apiLevel && !example.value(QStringLiteral("result")).isNull())
            problem = QStringLiteral("example 'result' must be null next to an API-level error");
    }
    const QJsonObject result = example.value(QStringLiteral("result")).toObject();
    for (const QString& batchKey : kBatchKeys) {
        if (!result.value(batchKey).isArray())
            continue;
        int failed = 0;
        bool carries = false;
        for (const QJsonValue& item : result.value(batchKey).toArray()) {
            const QJsonObject object = item.toObject();
            if (!object.value(QStringLiteral("success")).isBool()) {
                problem = QStringLiteral("example result.%1 element without a boolean 'success'").arg(batchKey);
                continue;
            }
            if (object.value(QStringLiteral("success")).toBool())
                continue;
            ++failed;
            carries = errorObjectCarries(object.value(QStringLiteral("error")), entry.code, entry, &problem) || carries;
        }
        if (!carries)
            continue;
        // The top-level error array repeats every failed object's error.
        const QJsonArray errors = error.toArray();
        bool listed = false;
        for (const QJsonValue& e : errors)
            listed = errorObjectCarries(e, entry.code, entry, &problem) || listed;
        if (!error.isArray() || !listed)
            problem = QStringLiteral("example top-level 'error' array does not repeat the per-object error");
        else if (errors.size() != failed)
            problem = QStringLiteral("example top-level 'error' array has %1 items for %2 failed objects")
                          .arg(errors.size())
                          .arg(failed);
        check.objectLevel = true;
    }
    check.problem = problem;
    return check;
}

} // namespace

namespace ErrorCatalogSchema {

std::optional<ErrorEntry> parseEntry(const QJsonObject& o, const QString& where, QStringList& problems)
{
    EntryChecker c(o, where, problems);
    ErrorEntry e;

    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!kKnownFields.contains(it.key()))
            c.problem(QStringLiteral("unknown field '%1'").arg(it.key()));
    }

    const QJsonValue code = o.value(QStringLiteral("code"));
    if (code.isDouble() && code.toDouble() == double(code.toInt()) && code.toInt() >= 100 && code.toInt() <= 999) {
        e.code = code.toInt();
        e.key = QString::number(e.code);
        if (o.contains(QStringLiteral("key")))
            c.problem(QStringLiteral("numeric entries take no 'key'"));
    } else if (code.isNull() || code.isUndefined()) { // a situation: "code": null (or left out) and a key
        e.key = o.value(QStringLiteral("key")).toString();
        if (!lowerSnakeRe().match(e.key).hasMatch())
            c.problem(QStringLiteral("situation entries need a lower_snake 'key', got \"%1\"").arg(e.key));
    } else {
        c.problem(QStringLiteral("'code' must be an integer from 100 to 999, or null with a 'key'"));
    }

    e.name = c.text("name");
    if (!e.name.isEmpty() && !upperSnakeRe().match(e.name).hasMatch())
        c.problem(QStringLiteral("'name' must be UPPER_SNAKE, got \"%1\"").arg(e.name));
    e.title = c.text("title");
    e.message = c.text("message");
    e.level = c.text("level");
    if (!e.level.isEmpty() && !(e.isNumeric() ? kNumericLevels : kSituationLevels).contains(e.level))
        c.problem(QStringLiteral("'level' \"%1\" is not one of %2")
                      .arg(e.level, (e.isNumeric() ? kNumericLevels : kSituationLevels).join(QStringLiteral(", "))));
    e.category = c.text("category");
    if (!e.category.isEmpty() && !kCategories.contains(e.category))
        c.problem(QStringLiteral("'category' \"%1\" is not one of %2")
                      .arg(e.category, kCategories.join(QStringLiteral(", "))));
    e.summary = c.text("summary");
    e.causes = c.list("causes", 2);
    e.fixes = c.list("fixes", 2);
    if (!o.value(QStringLiteral("retryable")).isBool())
        c.problem(QStringLiteral("'retryable' must be true or false"));
    e.retryable = o.value(QStringLiteral("retryable")).toBool();
    e.retryHint = c.text("retry_hint");
    e.methods = c.list("methods", 1);
    for (const QString& method : std::as_const(e.methods)) {
        if (method == QLatin1String("*")) {
            if (e.methods.size() != 1)
                c.problem(QStringLiteral("'methods' mixes \"*\" with method names"));
        } else if (!methodNameRe().match(method).hasMatch()) {
            c.problem(QStringLiteral("'methods' holds \"%1\", not a method name").arg(method));
        }
    }
    const QJsonValue related = o.value(QStringLiteral("related"));
    if (!related.isArray())
        c.problem(QStringLiteral("'related' must be a list of codes"));
    for (const QJsonValue& r : related.toArray()) {
        if (!r.isDouble() || r.toDouble() != double(r.toInt()))
            c.problem(QStringLiteral("'related' must hold only integer codes"));
        else
            e.related.append(r.toInt());
    }
    // Extensions beyond the required fields: optional, empty when absent.
    if (o.contains(QStringLiteral("related_keys")))
        e.relatedKeys = c.list("related_keys", 0);
    if (o.contains(QStringLiteral("keywords")))
        e.keywords = c.list("keywords", 0);

    e.example = o.value(QStringLiteral("example"));
    if (e.isNumeric()) {
        if (!e.example.isObject()) {
            c.problem(QStringLiteral("'example' must be a complete JSON response object"));
        } else {
            const ExampleCheck check = checkExample(e.example.toObject(), e);
            const bool wantApi = e.level != QLatin1String("object");
            const bool wantObject = e.level != QLatin1String("api");
            if (!check.problem.isEmpty())
                c.problem(check.problem);
            else if (!(check.apiLevel && wantApi) && !(check.objectLevel && wantObject))
                c.problem(QStringLiteral("'example' does not carry code %1 at %2 level")
                              .arg(e.code)
                              .arg(e.level == QLatin1String("object") ? QStringLiteral("object (result.*[i].error)")
                                   : e.level == QLatin1String("api")  ? QStringLiteral("API (top-level error object)")
                                                                      : QStringLiteral("API or object")));
        }
    } else if (!e.example.isObject() && !e.example.isString()) {
        c.problem(QStringLiteral("'example' must be a JSON response object or a string body"));
    }

    const QJsonValue status = o.value(QStringLiteral("example_http_status"));
    if (status.isUndefined()) {
        e.exampleHttpStatus = 200; // optional: the API answers with 200 unless stated
    } else if (status.isNull()) {
        e.exampleHttpStatus = 0;
        if (e.level != QLatin1String("transport"))
            c.problem(QStringLiteral("'example_http_status' may be null only for transport situations"));
    } else if (status.isDouble() && status.toInt() >= 100 && status.toInt() <= 599) {
        e.exampleHttpStatus = status.toInt();
    } else {
        c.problem(QStringLiteral("'example_http_status' must be an HTTP status (100-599), or null for transport"));
    }
    e.confidence = c.text("confidence");
    if (!e.confidence.isEmpty() && !kConfidences.contains(e.confidence))
        c.problem(QStringLiteral("'confidence' \"%1\" is not one of %2")
                      .arg(e.confidence, kConfidences.join(QStringLiteral(", "))));
    e.source = c.text("source");

    // Incomplete entries are still loaded (their problems are reported): a consumer gets what is
    // there rather than nothing. Only an entry that cannot be identified is left out.
    if (e.key.isEmpty() || (!e.isNumeric() && !lowerSnakeRe().match(e.key).hasMatch()))
        return std::nullopt;
    return e;
}
void checkRoot(const QJsonObject& root, QStringList& problems)
{
    if (root.value(QStringLiteral("schema")).toInt() != 1)
        problems.append(QStringLiteral("errors.json: 'schema' must be 1"));
    if (root.value(QStringLiteral("version")).toString().isEmpty())
        problems.append(QStringLiteral("errors.json: 'version' must be a non-empty string"));
    const QJsonValue entries = root.value(QStringLiteral("entries"));
    if (!entries.isArray() || entries.toArray().isEmpty())
        problems.append(QStringLiteral("errors.json: 'entries' must be a non-empty list"));
}

QString entryWhere(const QJsonValue& value, qsizetype index)
{
    const QJsonObject o = value.toObject();
    const QJsonValue code = o.value(QStringLiteral("code"));
    const QString id = code.isDouble() ? QString::number(code.toInt()) : o.value(QStringLiteral("key")).toString();
    return QStringLiteral("errors.json entry %1 (%2)").arg(index).arg(id.isEmpty() ? QStringLiteral("?") : id);
}

void checkReferences(const ErrorCatalog& catalog, QStringList& problems)
{
    for (const ErrorEntry& e : catalog.entries()) {
        for (int c : e.related) {
            if (c == e.code || !catalog.byCode(c))
                problems.append(
                    QStringLiteral("errors.json entry %1: related code %2 %3")
                        .arg(e.displayId())
                        .arg(c)
                        .arg(c == e.code ? QStringLiteral("is the entry itself") : QStringLiteral("does not exist")));
        }
        for (const QString& k : e.relatedKeys) {
            const ErrorEntry* target = catalog.byKey(k);
            if (!target || target->isNumeric() || target == &e)
                problems.append(QStringLiteral("errors.json entry %1: related key %2 is not another situation key")
                                    .arg(e.displayId(), k));
        }
    }
}

} // namespace ErrorCatalogSchema
