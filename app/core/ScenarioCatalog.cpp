#include "ScenarioCatalog.h"

#include "CatalogueFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace {
QString substitute(QString text, const ScenarioContext& c)
{
    // Longest names first: {accountID} is a suffix of {agencyAccountID}.
    text.replace(QLatin1String("{agencyAccountID}"), c.agencyAccountId);
    text.replace(QLatin1String("{agencySecretKey}"), c.agencySecretKey);
    text.replace(QLatin1String("{resellerAccountID}"), c.resellerAccountId);
    text.replace(QLatin1String("{resellerSecretKey}"), c.resellerSecretKey);
    text.replace(QLatin1String("{accountID}"), c.accountId);
    text.replace(QLatin1String("{secretKey}"), c.secretKey);
    return text;
}

QJsonValue expand(const QJsonValue& value, const ScenarioContext& context, const QString& index = QString())
{
    if (value.isString()) {
        QString text = substitute(value.toString(), context);
        if (!index.isNull())
            text.replace(QLatin1String("{i}"), index);
        return text;
    }
    if (value.isArray()) {
        QJsonArray out;
        const QJsonArray array = value.toArray();
        for (const QJsonValue& item : array)
            out.append(expand(item, context, index));
        return out;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.contains(QLatin1String("$repeat"))) {
            QJsonArray out;
            const int count = object.value(QLatin1String("$repeat")).toInt();
            for (int i = 0; i < count; ++i)
                out.append(expand(object.value(QLatin1String("item")), context, QString::number(i)));
            return out;
        }
        QJsonObject out;
        for (auto it = object.begin(); it != object.end(); ++it)
            out.insert(it.key(), expand(it.value(), context, index));
        return out;
    }
    return value;
}

QJsonObject expandObject(const QJsonValue& value, const ScenarioContext& context)
{
    return expand(value, context).toObject();
}
} // namespace

QByteArray Scenario::bodyBytes() const
{
    if (body.isString())
        return body.toString().toUtf8();
    if (body.isObject())
        return QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    if (body.isArray())
        return QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    return QByteArray();
}

QUrl Scenario::url(const QUrl& base) const
{
    QUrl url = base;
    url.setPath(path);
    QStringList items;
    for (auto it = query.begin(); it != query.end(); ++it)
        items << QString::fromLatin1(QUrl::toPercentEncoding(it.key()) + '=' +
                                     QUrl::toPercentEncoding(it.value().toString()));
    url.setQuery(items.isEmpty() ? QString() : items.join(QLatin1Char('&')), QUrl::StrictMode);
    return url;
}

QJsonObject Scenario::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("code"), code);
    object.insert(QStringLiteral("title"), title);
    object.insert(QStringLiteral("level"), level);
    object.insert(QStringLiteral("method"), method.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(method));
    object.insert(QStringLiteral("path"), path);
    object.insert(QStringLiteral("query"), query);
    object.insert(QStringLiteral("headers"), headers);
    object.insert(QStringLiteral("body"), body);
    object.insert(QStringLiteral("repeat"), repeat);
    object.insert(QStringLiteral("natural"), natural);
    object.insert(QStringLiteral("note"), note);
    return object;
}

const ScenarioCatalog& ScenarioCatalog::builtin()
{
    static const ScenarioCatalog catalog = [] {
        const QString path = QStringLiteral(":/leadgen/scenarios.json");
        ScenarioCatalog c;
        c.loadFromFile(path);
        CatalogueFile::warnBuiltin(path, c.validationErrors());
        return c;
    }();
    return catalog;
}

bool ScenarioCatalog::loadFromFile(const QString& path, QStringList* errors)
{
    return load(CatalogueFile::load(path), errors);
}

bool ScenarioCatalog::loadFromJson(const QByteArray& json, QStringList* errors)
{
    return load(CatalogueFile::parse(json, QStringLiteral("scenarios.json")), errors);
}

bool ScenarioCatalog::load(const CatalogueFile::Root& file, QStringList* errors)
{
    *this = ScenarioCatalog();
    if (!file.object) {
        m_loadError = file.error;
        m_errors << file.error;
    } else {
        const QJsonObject& root = *file.object;
        m_version = root.value(QStringLiteral("version")).toString();
        const QJsonArray list = root.value(QStringLiteral("scenarios")).toArray();
        if (list.isEmpty())
            m_errors << QStringLiteral("scenarios.json: 'scenarios' must be a non-empty list");
        QSet<int> seen;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QJsonObject entry = list.at(i).toObject();
            const int code = entry.value(QStringLiteral("code")).toInt();
            const QString where = QStringLiteral("scenarios[%1] (code %2)").arg(i).arg(code);
            QStringList problems;
            if (code <= 0)
                problems << QStringLiteral("%1: `code` must be a positive number").arg(where);
            if (seen.contains(code))
                problems << QStringLiteral("%1: duplicate code").arg(where);
            if (entry.value(QStringLiteral("title")).toString().isEmpty())
                problems << QStringLiteral("%1: `title` is missing").arg(where);
            const QString level = entry.value(QStringLiteral("level")).toString();
            if (level != QLatin1String("api") && level != QLatin1String("object"))
                problems << QStringLiteral("%1: `level` must be api or object").arg(where);
            if (!entry.value(QStringLiteral("path")).toString().startsWith(QLatin1Char('/')))
                problems << QStringLiteral("%1: `path` must start with /").arg(where);
            for (const char* key : {"query", "headers"}) {
                const QJsonValue v = entry.value(QLatin1String(key));
                if (!v.isUndefined() && !v.isObject())
                    problems << QStringLiteral("%1: `%2` must be an object").arg(where, QLatin1String(key));
            }
            if (!entry.contains(QStringLiteral("body")))
                problems << QStringLiteral("%1: `body` is missing").arg(where);
            const QString limit = entry.value(QStringLiteral("repeat_limit")).toString();
            if (!limit.isEmpty() && limit != QLatin1String("per_second") && limit != QLatin1String("daily"))
                problems << QStringLiteral("%1: `repeat_limit` must be per_second or daily").arg(where);
            if (!limit.isEmpty() && !entry.value(QStringLiteral("fallback")).isObject())
                problems << QStringLiteral("%1: a `repeat_limit` needs a `fallback`").arg(where);
            if (!problems.isEmpty()) {
                m_errors += problems;
                continue;
            }
            seen.insert(code);
            m_entries.append(entry);
        }
        std::sort(m_entries.begin(), m_entries.end(), [](const QJsonObject& a, const QJsonObject& b) {
            return a.value(QStringLiteral("code")).toInt() < b.value(QStringLiteral("code")).toInt();
        });
    }
    if (errors)
        *errors = m_errors;
    return m_errors.isEmpty();
}

Scenario ScenarioCatalog::resolve(const QJsonObject& entry, const ScenarioContext& context) const
{
    Scenario s;
    s.code = entry.value(QStringLiteral("code")).toInt();
    s.title = entry.value(QStringLiteral("title")).toString();
    s.level = entry.value(QStringLiteral("level")).toString();
    s.path = entry.value(QStringLiteral("path")).toString();
    s.query = expandObject(entry.value(QStringLiteral("query")), context);
    s.headers = expandObject(entry.value(QStringLiteral("headers")), context);
    s.body = expand(entry.value(QStringLiteral("body")), context);
    s.repeat = qMax(1, entry.value(QStringLiteral("repeat")).toInt(1));
    s.natural = !entry.value(QStringLiteral("fault")).toBool(false);
    s.note = entry.value(QStringLiteral("note")).toString();
    if (s.body.isObject())
        s.method = s.body.toObject().value(QStringLiteral("method")).toString();

    const QString limit = entry.value(QStringLiteral("repeat_limit")).toString();
    if (!limit.isEmpty()) {
        const bool perSecond = limit == QLatin1String("per_second");
        const int value = perSecond ? context.perSecond : context.daily;
        const bool reachable = value > 0 && (perSecond || value <= kMaxNaturalDailyRepeat);
        if (reachable) {
            s.repeat = value + 1;
        } else {
            // Limit off, or too high to reach without exhausting the account for the day.
            const QJsonObject fallback = entry.value(QStringLiteral("fallback")).toObject();
            const QJsonObject headers = expandObject(fallback.value(QStringLiteral("headers")), context);
            for (auto it = headers.begin(); it != headers.end(); ++it)
                s.headers.insert(it.key(), it.value());
            s.repeat = 1;
            s.natural = false;
            s.note = value == 0 ? fallback.value(QStringLiteral("note_unlimited")).toString()
                                : fallback.value(QStringLiteral("note")).toString().arg(value);
        }
    }
    return s;
}

QList<Scenario> ScenarioCatalog::scenarios(const ScenarioContext& context) const
{
    QList<Scenario> list;
    list.reserve(m_entries.size());
    for (const QJsonObject& entry : m_entries)
        list.append(resolve(entry, context));
    return list;
}

std::optional<Scenario> ScenarioCatalog::scenario(int code, const ScenarioContext& context) const
{
    for (const QJsonObject& entry : m_entries) {
        if (entry.value(QStringLiteral("code")).toInt() == code)
            return resolve(entry, context);
    }
    return std::nullopt;
}

QList<int> ScenarioCatalog::codes() const
{
    QList<int> list;
    for (const QJsonObject& entry : m_entries)
        list.append(entry.value(QStringLiteral("code")).toInt());
    return list;
}

QJsonObject ScenarioCatalog::toJson(const ScenarioContext& context) const
{
    QJsonArray array;
    const QList<Scenario> list = scenarios(context);
    for (const Scenario& s : list)
        array.append(s.toJson());
    QJsonObject root;
    root.insert(QStringLiteral("scenarios"), array);
    return root;
}
