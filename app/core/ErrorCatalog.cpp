#include "ErrorCatalog.h"

#include "CatalogueFile.h"
#include "MethodCatalog.h"
#include "TextWrap.h"

#include <QDebug>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <mutex>

namespace {
// ---------------------------------------------------------------------------------------------
// Schema of errors.json (design.md §3)

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
        // The top-level error array repeats every failed object's error (api-facts §2.2).
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
    // Extensions beyond the fields of design.md §3: optional, empty when absent.
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

// ---------------------------------------------------------------------------------------------
// Search helpers

// Field weights: where a word is found says how central it is to the entry.
enum FieldWeight : int
{
    WeightName = 300, // symbolic name and situation key
    WeightKeyword = 280,
    WeightTitle = 260,
    WeightMessage = 220,
    WeightCategory = 150,
    WeightSummary = 120,
    WeightCausesFixes = 60,
};

QString fieldLabel(int weight)
{
    switch (weight) {
    case WeightName:
        return QStringLiteral("name");
    case WeightKeyword:
        return QStringLiteral("keywords");
    case WeightTitle:
        return QStringLiteral("title");
    case WeightMessage:
        return QStringLiteral("message");
    case WeightCategory:
        return QStringLiteral("category");
    case WeightSummary:
        return QStringLiteral("summary");
    default:
        return QStringLiteral("causes and fixes");
    }
}

const QSet<QString>& stopWords()
{
    static const QSet<QString> words = {
        QStringLiteral("a"),     QStringLiteral("an"),      QStringLiteral("the"),  QStringLiteral("of"),
        QStringLiteral("to"),    QStringLiteral("is"),      QStringLiteral("are"),  QStringLiteral("was"),
        QStringLiteral("in"),    QStringLiteral("on"),      QStringLiteral("for"),  QStringLiteral("with"),
        QStringLiteral("what"),  QStringLiteral("does"),    QStringLiteral("do"),   QStringLiteral("mean"),
        QStringLiteral("means"), QStringLiteral("meaning"), QStringLiteral("i"),    QStringLiteral("my"),
        QStringLiteral("me"),    QStringLiteral("we"),      QStringLiteral("it"),   QStringLiteral("this"),
        QStringLiteral("that"),  QStringLiteral("and"),     QStringLiteral("or"),   QStringLiteral("why"),
        QStringLiteral("how"),   QStringLiteral("when"),    QStringLiteral("got"),  QStringLiteral("getting"),
        QStringLiteral("error"), QStringLiteral("errors"),  QStringLiteral("code"), QStringLiteral("codes"),
        QStringLiteral("from"),  QStringLiteral("at"),      QStringLiteral("by"),
    };
    return words;
}

// Lower-case words: letters and digits, everything else separates ("rate_limit" -> rate, limit).
QStringList tokenize(QStringView text)
{
    QStringList tokens;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const bool inWord = i < text.size() && text.at(i).isLetterOrNumber();
        if (inWord && start < 0) {
            start = i;
        } else if (!inWord && start >= 0) {
            tokens.append(text.mid(start, i - start).toString().toLower());
            start = -1;
        }
    }
    return tokens;
}

// Folds simple plurals so "leads" finds "lead" and "limits" finds "limit".
void foldPlural(QString& token)
{
    if (token.size() > 3 && token.endsWith(QLatin1Char('s')) && !token.endsWith(QLatin1String("ss")) &&
        !token.at(0).isDigit())
        token.chop(1);
}

QString normalizeToken(QString token)
{
    foldPlural(token);
    return token;
}

// Lower-case words with plurals folded.
QStringList normalizedTokens(QStringView text)
{
    QStringList tokens = tokenize(text);
    for (QString& t : tokens)
        foldPlural(t);
    return tokens;
}

QString normalizedPhrase(QStringView text)
{
    return normalizedTokens(text).join(QLatin1Char(' '));
}

// Lower case, single spaces, no trailing period: how messages are compared.
QString normalizedMessage(const QString& text)
{
    QString s = text.simplified().toLower();
    while (s.endsWith(QLatin1Char('.')) || s.endsWith(QLatin1Char(':')))
        s.chop(1);
    return s.trimmed();
}

bool isDigits(const QString& s)
{
    if (s.isEmpty())
        return false;
    return std::all_of(s.begin(), s.end(), [](QChar c) { return c.isDigit(); });
}

// Method names start with a verb; checking the prefix first keeps the method catalogue from
// being loaded for ordinary words.
bool looksLikeMethod(const QString& lowerToken)
{
    static const QStringList verbs = {QStringLiteral("get"),    QStringLiteral("create"),    QStringLiteral("update"),
                                      QStringLiteral("delete"), QStringLiteral("add"),       QStringLiteral("remove"),
                                      QStringLiteral("log"),    QStringLiteral("subscribe"), QStringLiteral("set"),
                                      QStringLiteral("enable"), QStringLiteral("disable"),   QStringLiteral("insert")};
    for (const QString& verb : verbs) {
        if (lowerToken.size() > verb.size() + 2 && lowerToken.startsWith(verb))
            return true;
    }
    return false;
}

QString quoted(const QString& s)
{
    return QLatin1Char('"') + s + QLatin1Char('"');
}
} // namespace

// -------------------------------------------------------------------------------------------------
// ErrorEntry

QJsonObject ErrorEntry::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("code"), isNumeric() ? QJsonValue(code) : QJsonValue(QJsonValue::Null));
    object.insert(QStringLiteral("key"), isNumeric() ? QJsonValue(QJsonValue::Null) : QJsonValue(key));
    object.insert(QStringLiteral("name"), name);
    object.insert(QStringLiteral("title"), title);
    object.insert(QStringLiteral("message"), message);
    object.insert(QStringLiteral("level"), level);
    object.insert(QStringLiteral("category"), category);
    object.insert(QStringLiteral("summary"), summary);
    object.insert(QStringLiteral("causes"), QJsonArray::fromStringList(causes));
    object.insert(QStringLiteral("fixes"), QJsonArray::fromStringList(fixes));
    object.insert(QStringLiteral("retryable"), retryable);
    object.insert(QStringLiteral("retry_hint"), retryHint);
    object.insert(QStringLiteral("methods"), QJsonArray::fromStringList(methods));
    QJsonArray relatedArray;
    for (int c : related)
        relatedArray.append(c);
    object.insert(QStringLiteral("related"), relatedArray);
    object.insert(QStringLiteral("related_keys"), QJsonArray::fromStringList(relatedKeys));
    object.insert(QStringLiteral("keywords"), QJsonArray::fromStringList(keywords));
    object.insert(QStringLiteral("example"), example);
    object.insert(QStringLiteral("example_http_status"),
                  exampleHttpStatus ? QJsonValue(exampleHttpStatus) : QJsonValue(QJsonValue::Null));
    object.insert(QStringLiteral("confidence"), confidence);
    object.insert(QStringLiteral("source"), source);
    return object;
}

QString ErrorEntry::levelLabel() const
{
    if (level == QLatin1String("api"))
        return QStringLiteral("API-level error (the top-level \"error\" object; the whole call failed)");
    if (level == QLatin1String("object"))
        return isNumeric() ? QStringLiteral("per-object error in a batch (result.*[i].error, repeated in the "
                                            "top-level \"error\" array); the other objects were processed")
                           : QStringLiteral("per-object result in a batch");
    if (level == QLatin1String("either"))
        return QStringLiteral("API-level or per-object, depending on the call");
    if (level == QLatin1String("http"))
        return QStringLiteral("HTTP level (no JSON envelope)");
    if (level == QLatin1String("envelope"))
        return QStringLiteral("response envelope");
    if (level == QLatin1String("info"))
        return QStringLiteral("information, not an error");
    if (level == QLatin1String("transport"))
        return QStringLiteral("network, no HTTP response");
    return level;
}

namespace {
QString retryText(const ErrorEntry& e)
{
    return (e.retryable ? QStringLiteral("yes — ") : QStringLiteral("no — ")) + e.retryHint;
}

// The order in which the API writes its members, so examples read like real responses.
const QStringList& envelopeKeyOrder()
{
    // Envelope: result, error, id; batch items: success, error, id; error objects: code, message, data.
    static const QStringList order = {QStringLiteral("success"), QStringLiteral("result"), QStringLiteral("error"),
                                      QStringLiteral("id"),      QStringLiteral("code"),   QStringLiteral("message"),
                                      QStringLiteral("data")};
    return order;
}

QString exampleBody(const ErrorEntry& e, int width)
{
    if (e.example.isString())
        return QString(e.example.toString()).remove(QLatin1Char('\r'));
    if (e.example.isObject() || e.example.isArray())
        return TextWrap::prettyJson(e.example, width, envelopeKeyOrder());
    return QString();
}

QString methodsText(const ErrorEntry& e)
{
    return e.anyMethod() ? QStringLiteral("any method") : e.methods.join(QStringLiteral(", "));
}

QString relatedText(const ErrorEntry& e, bool markdown)
{
    QStringList ids;
    for (int c : e.related)
        ids.append(QString::number(c));
    for (const QString& k : e.relatedKeys)
        ids.append(markdown ? QLatin1Char('`') + k + QLatin1Char('`') : k);
    return ids.join(QStringLiteral(", "));
}

QString statusText(const ErrorEntry& e)
{
    return e.exampleHttpStatus ? QStringLiteral("HTTP %1").arg(e.exampleHttpStatus)
                               : QStringLiteral("no HTTP response");
}
} // namespace

QString ErrorEntry::exampleText() const
{
    if (example.isString())
        return example.toString();
    if (example.isObject())
        return QString::fromUtf8(QJsonDocument(example.toObject()).toJson(QJsonDocument::Indented));
    if (example.isArray())
        return QString::fromUtf8(QJsonDocument(example.toArray()).toJson(QJsonDocument::Indented));
    return QString();
}

QString ErrorEntry::toPlainText(int width) const
{
    width = qMax(width, 30);
    QStringList lines;
    auto field = [&](const QString& label, const QString& value) {
        if (!value.isEmpty())
            lines += TextWrap::wrap(value, width, label.leftJustified(12), QString(12, QLatin1Char(' ')));
    };

    lines += TextWrap::wrap(displayId() + QStringLiteral("  ") + name + QStringLiteral(": ") + title, width, QString(),
                            QStringLiteral("    "));
    field(QStringLiteral("Message"), quoted(message));
    field(QStringLiteral("Level"), levelLabel());
    field(QStringLiteral("Category"), category);
    field(QStringLiteral("Retry"), retryText(*this));
    field(QStringLiteral("Occurs in"), methodsText(*this));
    field(QStringLiteral("Related"), relatedText(*this, false));
    field(QStringLiteral("Confidence"), confidence + QStringLiteral(" (") + source + QLatin1Char(')'));
    lines.append(QString());
    lines += TextWrap::wrap(summary, width);
    lines.append(QString());
    lines.append(QStringLiteral("Likely causes, most likely first:"));
    for (int i = 0; i < causes.size(); ++i) {
        const QString number = QStringLiteral("  %1. ").arg(i + 1);
        lines += TextWrap::wrap(causes.at(i), width, number, QString(number.size(), QLatin1Char(' ')));
    }
    lines.append(QString());
    lines.append(QStringLiteral("What to do:"));
    for (const QString& fix : fixes)
        lines += TextWrap::wrap(fix, width, QStringLiteral("  - "), QStringLiteral("    "));
    lines.append(QString());
    lines.append(QStringLiteral("Example response (%1):").arg(statusText(*this)));
    QString body = exampleBody(*this, width - 2);
    while (body.endsWith(QLatin1Char('\n')))
        body.chop(1);
    if (body.isEmpty())
        lines.append(QStringLiteral("  (empty body)"));
    const QStringList bodyLines = body.split(QLatin1Char('\n'));
    for (const QString& bodyLine : bodyLines) {
        if (body.isEmpty())
            break;
        lines += TextWrap::breakLine(QStringLiteral("  ") + bodyLine, width);
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString ErrorEntry::toMarkdown() const
{
    auto cell = [](QString s) { return s.replace(QLatin1Char('|'), QStringLiteral("\\|")); };
    QString md;
    md += QStringLiteral("### %1 `%2`: %3\n\n").arg(displayId(), name, title);
    md += QStringLiteral("> %1\n\n").arg(message);
    md += QStringLiteral("| | |\n|---|---|\n");
    md += QStringLiteral("| Level | %1 |\n").arg(cell(levelLabel()));
    md += QStringLiteral("| Category | %1 |\n").arg(cell(category));
    md += QStringLiteral("| Retry | %1 |\n").arg(cell(retryText(*this)));
    md += QStringLiteral("| Occurs in | %1 |\n").arg(cell(methodsText(*this)));
    if (!related.isEmpty() || !relatedKeys.isEmpty())
        md += QStringLiteral("| Related | %1 |\n").arg(cell(relatedText(*this, true)));
    md += QStringLiteral("| Confidence | %1 (%2) |\n\n").arg(cell(confidence), cell(source));
    md += summary + QStringLiteral("\n\n**Likely causes**, most likely first:\n\n");
    for (int i = 0; i < causes.size(); ++i)
        md += QStringLiteral("%1. %2\n").arg(i + 1).arg(causes.at(i));
    md += QStringLiteral("\n**What to do:**\n\n");
    for (const QString& fix : fixes)
        md += QStringLiteral("- ") + fix + QLatin1Char('\n');
    md += QStringLiteral("\n**Example response** (%1):\n\n").arg(statusText(*this));
    const QString body = exampleBody(*this, 100);
    // A fence longer than any backtick run inside the body keeps it intact.
    QString fence = QStringLiteral("```");
    while (body.contains(fence))
        fence += QLatin1Char('`');
    md += fence + (example.isString() ? QString() : QStringLiteral("json")) + QLatin1Char('\n');
    md += body.isEmpty() ? QStringLiteral("(empty body)") : body;
    if (!md.endsWith(QLatin1Char('\n')))
        md += QLatin1Char('\n');
    md += fence + QLatin1Char('\n');
    return md;
}

// -------------------------------------------------------------------------------------------------
// Loading and validation

const ErrorCatalog& ErrorCatalog::builtin()
{
    static const ErrorCatalog catalog = [] {
        ErrorCatalog c;
        if (!c.loadFromFile(QStringLiteral(":/leadgen/errors.json")))
            qWarning("errors.json: %d validation problem(s), first: %s", int(c.validationErrors().size()),
                     qPrintable(c.validationErrors().value(0)));
        return c;
    }();
    return catalog;
}

bool ErrorCatalog::loadFromFile(const QString& path, QStringList* errors)
{
    QString error;
    const std::optional<QByteArray> json = CatalogueFile::read(path, &error);
    if (!json) {
        *this = ErrorCatalog();
        m_errors = {error};
        if (errors)
            *errors = m_errors;
        return false;
    }
    return loadFromJson(*json, errors);
}

bool ErrorCatalog::loadFromJson(const QByteArray& json, QStringList* errors)
{
    *this = ErrorCatalog();

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        m_errors.append(
            QStringLiteral("errors.json: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
    } else if (!doc.isObject()) {
        m_errors.append(QStringLiteral("errors.json: the top level must be an object"));
    } else {
        const QJsonObject root = doc.object();
        if (root.value(QStringLiteral("schema")).toInt() != 1)
            m_errors.append(QStringLiteral("errors.json: 'schema' must be 1"));
        m_version = root.value(QStringLiteral("version")).toString();
        if (m_version.isEmpty())
            m_errors.append(QStringLiteral("errors.json: 'version' must be a non-empty string"));
        const QJsonValue entries = root.value(QStringLiteral("entries"));
        if (!entries.isArray() || entries.toArray().isEmpty())
            m_errors.append(QStringLiteral("errors.json: 'entries' must be a non-empty list"));

        const QJsonArray array = entries.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonObject o = array.at(i).toObject();
            const QJsonValue code = o.value(QStringLiteral("code"));
            const QString id =
                code.isDouble() ? QString::number(code.toInt()) : o.value(QStringLiteral("key")).toString();
            const QString where =
                QStringLiteral("errors.json entry %1 (%2)").arg(i).arg(id.isEmpty() ? QStringLiteral("?") : id);
            if (!array.at(i).isObject()) {
                m_errors.append(where + QStringLiteral(": not an object"));
                continue;
            }
            std::optional<ErrorEntry> entry = parseEntry(o, where, m_errors);
            if (!entry)
                continue;
            if (m_byKey.contains(entry->key)) {
                m_errors.append(
                    where + QStringLiteral(": duplicate %1 %2")
                                .arg(entry->isNumeric() ? QStringLiteral("code") : QStringLiteral("key"), entry->key));
                continue;
            }
            if (m_byUpperName.contains(entry->name)) {
                m_errors.append(where + QStringLiteral(": duplicate name %1").arg(entry->name));
                continue;
            }
            const int index = int(m_entries.size());
            if (entry->isNumeric())
                m_byCode.insert(entry->code, index);
            m_byKey.insert(entry->key, index);
            m_byUpperName.insert(entry->name, index);
            m_entries.push_back(std::move(*entry));
        }

        // Cross references, once every entry is known.
        for (const ErrorEntry& e : m_entries) {
            for (int c : e.related) {
                if (c == e.code || !m_byCode.contains(c))
                    m_errors.append(QStringLiteral("errors.json entry %1: related code %2 %3")
                                        .arg(e.displayId())
                                        .arg(c)
                                        .arg(c == e.code ? QStringLiteral("is the entry itself")
                                                         : QStringLiteral("does not exist")));
            }
            for (const QString& k : e.relatedKeys) {
                const ErrorEntry* target = byKey(k);
                if (!target || target->isNumeric() || target == &e)
                    m_errors.append(QStringLiteral("errors.json entry %1: related key %2 is not another situation key")
                                        .arg(e.displayId(), k));
            }
        }
    }
    m_search = std::make_shared<LazySearchIndex>();
    if (errors)
        *errors = m_errors;
    return m_errors.isEmpty();
}

const ErrorEntry* ErrorCatalog::byCode(int code) const
{
    const auto it = m_byCode.constFind(code);
    return it == m_byCode.constEnd() ? nullptr : &m_entries[size_t(*it)];
}

const ErrorEntry* ErrorCatalog::byKey(const QString& key) const
{
    const auto it = m_byKey.constFind(key);
    return it == m_byKey.constEnd() ? nullptr : &m_entries[size_t(*it)];
}

const ErrorEntry* ErrorCatalog::byName(const QString& name) const
{
    const auto it = m_byUpperName.constFind(name.toUpper());
    return it == m_byUpperName.constEnd() ? nullptr : &m_entries[size_t(*it)];
}

QStringList ErrorCatalog::categories() const
{
    QStringList list;
    for (const ErrorEntry& e : m_entries) {
        if (!list.contains(e.category))
            list.append(e.category);
    }
    return list;
}

bool ErrorCatalog::messageMatches(const ErrorEntry& entry, const QString& message)
{
    const QString expected = normalizedMessage(entry.message);
    const QString actual = normalizedMessage(message);
    return !expected.isEmpty() && actual.startsWith(expected);
}

// -------------------------------------------------------------------------------------------------
// Search

struct ErrorCatalog::LazySearchIndex
{
    std::once_flag once;
    SearchIndex data;
};

const ErrorCatalog::SearchIndex& ErrorCatalog::searchIndex() const
{
    std::call_once(m_search->once, [this] { buildIndex(m_search->data); });
    return m_search->data;
}

void ErrorCatalog::buildIndex(SearchIndex& index) const
{
    index.entries.reserve(m_entries.size());

    for (int i = 0; i < int(m_entries.size()); ++i) {
        const ErrorEntry& e = m_entries[size_t(i)];
        Index ix;
        ix.lowerName = e.name.toLower();
        ix.lowerKey = e.isNumeric() ? QString() : e.key.toLower();
        ix.normalizedMessage = normalizedMessage(e.message);
        if (e.example.isString() && e.example.toString().size() >= 12)
            ix.exampleTexts.append(normalizedMessage(e.example.toString()));
        for (const QString& m : e.methods) {
            if (m != QLatin1String("*")) {
                ix.lowerMethods.insert(m.toLower());
                index.methodNames.insert(m.toLower());
            }
        }

        struct TokenInfo
        {
            int bestWeight = 0;
            int fieldCount = 0;
            int lastField = -1; // counts each field once however often the word occurs in it
        };
        QHash<QString, TokenInfo> tokens;
        int field = 0;
        auto addField = [&](const QString& text, int weight) {
            const QStringList words = normalizedTokens(text);
            if (words.isEmpty())
                return;
            ix.phraseFields.append(QLatin1Char(' ') + words.join(QLatin1Char(' ')) + QLatin1Char(' '));
            ix.phraseWeights.append(weight);
            for (const QString& w : words) {
                TokenInfo& slot = tokens[w];
                if (slot.lastField == field)
                    continue;
                slot.lastField = field;
                slot.bestWeight = qMax(slot.bestWeight, weight);
                slot.fieldCount += 1;
            }
            ++field;
        };
        addField(e.name + QLatin1Char(' ') + (e.isNumeric() ? QString() : e.key), WeightName);
        for (const QString& k : e.keywords) {
            addField(k, WeightKeyword);
            ix.keywordPhrases.insert(normalizedPhrase(k));
        }
        addField(e.title, WeightTitle);
        addField(e.message, WeightMessage);
        addField(e.category, WeightCategory);
        addField(e.summary, WeightSummary);
        addField((e.causes + e.fixes).join(QLatin1Char(' ')), WeightCausesFixes);

        for (auto it = tokens.begin(); it != tokens.end(); ++it)
            index.postings[it.key()].append(Posting{i, it->bestWeight, it->fieldCount});
        index.entries.push_back(std::move(ix));
    }
    index.vocabulary = index.postings.keys();
    std::sort(index.vocabulary.begin(), index.vocabulary.end());
}

void ErrorCatalog::addMatch(QHash<int, Match>& found, int index, int score, const QString& reason) const
{
    auto it = found.find(index);
    if (it == found.end())
        found.insert(index, Match{&m_entries[size_t(index)], score, reason});
    else if (score > it->score)
        *it = Match{&m_entries[size_t(index)], score, reason};
}

bool ErrorCatalog::isKnownMethod(const SearchIndex& index, const QString& lowerToken)
{
    if (index.methodNames.contains(lowerToken))
        return true;
    return looksLikeMethod(lowerToken) && MethodCatalog::builtin().byNameCaseInsensitive(lowerToken);
}

QList<ErrorCatalog::Match> ErrorCatalog::search(const QString& query) const
{
    const QString q = query.trimmed();
    if (q.isEmpty() || m_entries.empty())
        return {};
    // The most common query: a bare code, which nothing else can match.
    if (isDigits(q)) {
        if (const ErrorEntry* e = byCode(q.toInt()))
            return {Match{e, 1000, QStringLiteral("exact code")}};
    }
    QHash<int, Match> found;
    searchCodes(q, found);
    const SearchIndex& index = searchIndex();
    searchText(q, index, found);
    searchWords(q, index, found);

    QList<Match> matches = found.values();
    std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
        if (a.score != b.score)
            return a.score > b.score;
        if (a.entry->isNumeric() != b.entry->isNumeric())
            return a.entry->isNumeric();
        return a.entry < b.entry; // catalogue order
    });
    return matches;
}

// Numbers: the code itself, hex, codes inside pasted JSON or log lines, HTTP statuses.
void ErrorCatalog::searchCodes(const QString& q, QHash<int, Match>& found) const
{
    auto indexOf = [this](const ErrorEntry* e) { return int(e - m_entries.data()); };

    if (isDigits(q)) {
        if (const ErrorEntry* e = byCode(q.toInt()))
            addMatch(found, indexOf(e), 1000, QStringLiteral("exact code"));
        return;
    }
    static const QRegularExpression hexOnly(QStringLiteral("^0[xX]([0-9a-fA-F]{1,4})$"));
    if (const auto m = hexOnly.match(q); m.hasMatch()) {
        const int code = m.captured(1).toInt(nullptr, 16);
        if (const ErrorEntry* e = byCode(code))
            addMatch(found, indexOf(e), 980, QStringLiteral("hex %1 = %2").arg(q).arg(code));
        return;
    }

    QSet<int> inContext; // numbers already explained by a context, not counted again as bare numbers
    int rank = 0;
    const ErrorEntry* unknownCode = byKey(QStringLiteral("unknown_code"));
    const ErrorEntry* codeAsString = byKey(QStringLiteral("code_as_string"));
    auto codeInContext = [&](int code, int base, const QString& how) {
        inContext.insert(code);
        if (const ErrorEntry* e = byCode(code)) {
            addMatch(found, indexOf(e), base - qMin(rank++, 30), QStringLiteral("code %1 %2").arg(code).arg(how));
        } else if (unknownCode && code >= 100 && code <= 999) {
            addMatch(found, indexOf(unknownCode), base - 40,
                     QStringLiteral("code %1 %2 is not in the catalogue").arg(code).arg(how));
        }
    };

    // "code": 301 / "code":"105" — JSON pasted from a response or a log.
    static const QRegularExpression jsonCode(QStringLiteral("\"code\"\\s*:\\s*(\"?)(\\d{1,6})\"?"),
                                             QRegularExpression::CaseInsensitiveOption);
    for (auto it = jsonCode.globalMatch(q); it.hasNext();) {
        const auto m = it.next();
        const int code = m.captured(2).toInt();
        codeInContext(code, 900, QStringLiteral("in pasted JSON"));
        if (!m.captured(1).isEmpty() && codeAsString)
            addMatch(found, indexOf(codeAsString), 700, QStringLiteral("code \"%1\" is sent as a string").arg(code));
    }
    // error 105, error code: 105, err #213, code=301.
    static const QRegularExpression wordCode(
        QStringLiteral("\\b(?:error|err|errno|code|fault)(?:\\s*code)?\\s*[:#=]?\\s*#?(\\d{3})\\b"),
        QRegularExpression::CaseInsensitiveOption);
    for (auto it = wordCode.globalMatch(q); it.hasNext();)
        codeInContext(it.next().captured(1).toInt(), 880, QStringLiteral("named in the text"));
    // Hex inside text: "error 0x69".
    static const QRegularExpression hexInText(QStringLiteral("\\b0[xX]([0-9a-fA-F]{1,4})\\b"));
    for (auto it = hexInText.globalMatch(q); it.hasNext();) {
        const auto m = it.next();
        const int code = m.captured(1).toInt(nullptr, 16);
        if (const ErrorEntry* e = byCode(code)) {
            inContext.insert(code);
            addMatch(found, indexOf(e), 850, QStringLiteral("hex %1 = %2").arg(m.captured(0)).arg(code));
        }
    }
    // HTTP 401, status 502: an HTTP status, not an API code.
    static const QRegularExpression httpStatus(
        QStringLiteral("\\b(?:http(?:/[\\d.]+)?|status)(?:\\s*code)?\\s*[:=]?\\s*(\\d{3})\\b"),
        QRegularExpression::CaseInsensitiveOption);
    for (auto it = httpStatus.globalMatch(q); it.hasNext();) {
        const int status = it.next().captured(1).toInt();
        inContext.insert(status);
        const ErrorEntry* e = status == 401                    ? byKey(QStringLiteral("http_401_text"))
                              : (status < 200 || status > 299) ? byKey(QStringLiteral("http_status"))
                                                               : nullptr;
        if (e)
            addMatch(found, indexOf(e), 720, QStringLiteral("HTTP status %1").arg(status));
    }
    // Any other three-digit number that is a catalogue code ("got 213 from addListMember").
    static const QRegularExpression bare(QStringLiteral("(?<![\\w.\\-:/])(\\d{3})(?![\\w.\\-:/])"));
    for (auto it = bare.globalMatch(q); it.hasNext();) {
        const int code = it.next().captured(1).toInt();
        if (inContext.contains(code))
            continue;
        if (const ErrorEntry* e = byCode(code))
            addMatch(found, indexOf(e), 600, QStringLiteral("number %1 in the text").arg(code));
    }
}

// Whole-text comparisons: situation keys, symbolic names, message texts, known bodies.
void ErrorCatalog::searchText(const QString& q, const SearchIndex& index, QHash<int, Match>& found) const
{
    const QString lower = q.toLower();
    const QString normalized = normalizedMessage(q);
    const bool singleToken = !q.contains(QLatin1Char(' '));
    // ENTRY_EXISTS-style input: the user means a symbolic name, not the words in it.
    const bool symbolic = singleToken && q.contains(QLatin1Char('_')) && q == q.toUpper();
    const bool looksLikeHtml = lower.contains(QLatin1String("<html")) || lower.contains(QLatin1String("<!doctype"));

    for (int i = 0; i < int(m_entries.size()); ++i) {
        const Index& ix = index.entries[size_t(i)];
        if (!ix.lowerKey.isEmpty() && lower == ix.lowerKey)
            addMatch(found, i, 1000, QStringLiteral("situation key"));
        if (lower == ix.lowerName)
            addMatch(found, i, 950, QStringLiteral("symbolic name"));
        if (!ix.normalizedMessage.isEmpty()) {
            if (normalized == ix.normalizedMessage)
                addMatch(found, i, 950, QStringLiteral("exact message text"));
            else if (ix.normalizedMessage.size() >= 12 && normalized.contains(ix.normalizedMessage))
                addMatch(found, i, 870, QStringLiteral("message text found in the pasted text"));
            else if (normalized.size() >= 8 && ix.normalizedMessage.startsWith(normalized))
                addMatch(found, i, 720, QStringLiteral("start of the message text"));
        }
        for (const QString& body : ix.exampleTexts) {
            if (normalized.contains(body))
                addMatch(found, i, 860, QStringLiteral("the pasted text contains the body this situation produces"));
        }
        if (singleToken && q.size() >= 3) {
            if (lower != ix.lowerName && ix.lowerName.contains(lower))
                addMatch(found, i, symbolic ? 750 : 650, QStringLiteral("symbolic name contains %1").arg(q.toUpper()));
            if (!ix.lowerKey.isEmpty() && lower != ix.lowerKey && ix.lowerKey.contains(lower))
                addMatch(found, i, symbolic ? 740 : 640, QStringLiteral("situation key contains %1").arg(lower));
        }
    }
    if (looksLikeHtml) {
        if (const ErrorEntry* e = byKey(QStringLiteral("html_page")))
            addMatch(found, int(e - m_entries.data()), 860, QStringLiteral("the pasted text is an HTML page"));
    }
}

// Words, synonyms and method names: every word of the query has to match somewhere in the entry.
void ErrorCatalog::searchWords(const QString& q, const SearchIndex& index, QHash<int, Match>& found) const
{
    const QStringList raw = tokenize(q);
    // Longer inputs are pasted responses or logs: requiring all their words would never match,
    // and the code and message passes already looked at them.
    if (raw.isEmpty() || raw.size() > 12)
        return;
    QStringList terms;
    QStringList stops;
    bool hadCode = false;
    for (const QString& t : raw) {
        if (isDigits(t) && byCode(t.toInt())) {
            hadCode = true; // the code pass handled it
            continue;
        }
        (stopWords().contains(t) ? stops : terms).append(t);
    }
    // Only stop words ("error", "code"): search them, unless they just framed a code ("error 105").
    if (terms.isEmpty() && !hadCode)
        terms = stops;
    if (terms.isEmpty())
        return;

    struct Hit
    {
        int score = 0;
        QString where;       // field label, or the method reason
        bool method = false; // matched as a method name
    };
    const int entryCount = int(m_entries.size());
    std::vector<int> matchedTerms(size_t(entryCount), 0);
    std::vector<int> total(size_t(entryCount), 0);
    std::vector<QStringList> fields(static_cast<size_t>(entryCount));  // where words were found
    std::vector<QStringList> methods(static_cast<size_t>(entryCount)); // method reasons

    for (const QString& term : std::as_const(terms)) {
        QHash<int, Hit> hits;
        auto hit = [&hits](int entry, int score, const QString& where, bool method = false) {
            auto it = hits.find(entry);
            if (it == hits.end() || score > it->score)
                hits.insert(entry, Hit{score, where, method});
        };
        const QString norm = normalizeToken(term);
        const auto exact = index.postings.constFind(norm);
        if (exact != index.postings.constEnd()) {
            for (const Posting& p : *exact)
                hit(p.entry, p.bestWeight + qMin(4 * (p.fieldCount - 1), 16), fieldLabel(p.bestWeight));
        }
        // Prefix matches keep results useful while the last word is still being typed.
        if (norm.size() >= 3) {
            auto it = std::lower_bound(index.vocabulary.cbegin(), index.vocabulary.cend(), norm);
            for (; it != index.vocabulary.cend() && it->startsWith(norm); ++it) {
                if (*it == norm)
                    continue;
                for (const Posting& p : index.postings.value(*it))
                    hit(p.entry, p.bestWeight / 2, fieldLabel(p.bestWeight));
            }
        }
        if (isKnownMethod(index, term)) {
            const MethodSpec* spec =
                looksLikeMethod(term) ? MethodCatalog::builtin().byNameCaseInsensitive(term) : nullptr;
            const QString method = spec ? spec->name : term;
            for (int i = 0; i < entryCount; ++i) {
                const ErrorEntry& e = m_entries[size_t(i)];
                if (index.entries[size_t(i)].lowerMethods.contains(term))
                    hit(i, 500, QStringLiteral("occurs in %1").arg(method), true);
                else if (spec && e.isNumeric() && spec->errors.contains(e.code))
                    hit(i, 450, QStringLiteral("expected from %1 (methods catalogue)").arg(method), true);
                else if (e.anyMethod())
                    hit(i, 250, QStringLiteral("can occur in any method, %1 included").arg(method), true);
            }
        }
        for (auto it = hits.cbegin(); it != hits.cend(); ++it) {
            matchedTerms[size_t(it.key())] += 1;
            total[size_t(it.key())] += it->score;
            QStringList& list = it->method ? methods[size_t(it.key())] : fields[size_t(it.key())];
            if (!list.contains(it->where))
                list.append(it->where);
        }
    }

    const QString phrase = QLatin1Char(' ') + normalizedPhrase(terms.join(QLatin1Char(' '))) + QLatin1Char(' ');
    const QString wholeQuery = normalizedPhrase(q);
    const int termCount = int(terms.size());
    for (int i = 0; i < entryCount; ++i) {
        if (matchedTerms[size_t(i)] != termCount)
            continue;
        const Index& ix = index.entries[size_t(i)];
        int score = total[size_t(i)] / termCount;
        QString reason;
        if (termCount > 1) {
            int best = 0;
            for (int f = 0; f < ix.phraseFields.size(); ++f) {
                if (ix.phraseWeights.at(f) > best && ix.phraseFields.at(f).contains(phrase))
                    best = ix.phraseWeights.at(f);
            }
            if (best) {
                score += best / 2;
                reason = QStringLiteral("phrase \"%1\" in %2").arg(phrase.trimmed(), fieldLabel(best));
            }
        }
        if (ix.keywordPhrases.contains(wholeQuery)) {
            score += 250;
            reason = QStringLiteral("keyword \"%1\"").arg(q);
        }
        if (reason.isEmpty()) {
            QStringList parts = methods[size_t(i)];
            if (!fields[size_t(i)].isEmpty())
                parts.append(QStringLiteral("words in ") + fields[size_t(i)].join(QStringLiteral(", ")));
            reason = parts.join(QStringLiteral("; "));
        }
        addMatch(found, i, qMin(score, 800), reason);
    }

    // A camelCase word that is no method at all: sent as "method", it would give 204.
    static const QRegularExpression camel(QStringLiteral("^[a-z]+[A-Z][A-Za-z0-9]*$"));
    for (const QString& word : q.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString lower = word.toLower();
        if (!camel.match(word).hasMatch() || !looksLikeMethod(lower) || isKnownMethod(index, lower))
            continue;
        if (const ErrorEntry* e = byCode(204)) {
            const QStringList close = MethodCatalog::builtin().closestNames(word, 1);
            addMatch(found, int(e - m_entries.data()), 700,
                     close.isEmpty()
                         ? QStringLiteral("%1 is not a known method").arg(word)
                         : QStringLiteral("%1 is not a known method (did you mean %2?)").arg(word, close.first()));
        }
    }
}
