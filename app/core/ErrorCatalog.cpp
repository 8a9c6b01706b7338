#include "ErrorCatalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace {
QStringList toStringList(const QJsonValue& value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& item : array)
        list.append(item.toString());
    return list;
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

QJsonObject ErrorEntry::toJson() const
{
    QJsonObject object;
    object.insert(QStringLiteral("code"), isNumeric() ? QJsonValue(code) : QJsonValue(QJsonValue::Null));
    object.insert(QStringLiteral("key"), key);
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
    object.insert(QStringLiteral("example_http_status"), exampleHttpStatus);
    object.insert(QStringLiteral("confidence"), confidence);
    object.insert(QStringLiteral("source"), source);
    return object;
}

QString ErrorEntry::toPlainText(int width) const
{
    Q_UNUSED(width);
    return displayId() + QStringLiteral(" ") + name + QStringLiteral(": ") + message;
}

QString ErrorEntry::toMarkdown() const
{
    return QStringLiteral("**") + displayId() + QStringLiteral(" ") + name + QStringLiteral("**: ") + message;
}

const ErrorCatalog& ErrorCatalog::builtin()
{
    static const ErrorCatalog catalog = [] {
        ErrorCatalog c;
        c.loadFromFile(QStringLiteral(":/leadgen/errors.json"));
        return c;
    }();
    return catalog;
}

bool ErrorCatalog::loadFromFile(const QString& path, QStringList* errors)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_errors = {QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
        if (errors)
            *errors = m_errors;
        return false;
    }
    return loadFromJson(file.readAll(), errors);
}

bool ErrorCatalog::loadFromJson(const QByteArray& json, QStringList* errors)
{
    m_entries.clear();
    m_byCode.clear();
    m_byKey.clear();
    m_errors.clear();

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        m_errors.append(QStringLiteral("errors.json: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
    } else {
        const QJsonObject root = doc.object();
        m_version = root.value(QStringLiteral("version")).toString();
        const QJsonArray array = root.value(QStringLiteral("entries")).toArray();
        for (const QJsonValue& value : array) {
            const QJsonObject o = value.toObject();
            ErrorEntry e;
            e.code = o.value(QStringLiteral("code")).toInt();
            e.key = e.code ? QString::number(e.code) : o.value(QStringLiteral("key")).toString();
            e.name = o.value(QStringLiteral("name")).toString();
            e.title = o.value(QStringLiteral("title")).toString();
            e.message = o.value(QStringLiteral("message")).toString();
            e.level = o.value(QStringLiteral("level")).toString();
            e.category = o.value(QStringLiteral("category")).toString();
            e.summary = o.value(QStringLiteral("summary")).toString();
            e.causes = toStringList(o.value(QStringLiteral("causes")));
            e.fixes = toStringList(o.value(QStringLiteral("fixes")));
            e.retryable = o.value(QStringLiteral("retryable")).toBool();
            e.retryHint = o.value(QStringLiteral("retry_hint")).toString();
            e.methods = toStringList(o.value(QStringLiteral("methods")));
            for (const QJsonValue& r : o.value(QStringLiteral("related")).toArray())
                e.related.append(r.toInt());
            e.relatedKeys = toStringList(o.value(QStringLiteral("related_keys")));
            e.keywords = toStringList(o.value(QStringLiteral("keywords")));
            e.example = o.value(QStringLiteral("example"));
            e.exampleHttpStatus = o.value(QStringLiteral("example_http_status")).toInt(200);
            e.confidence = o.value(QStringLiteral("confidence")).toString();
            e.source = o.value(QStringLiteral("source")).toString();
            if (e.key.isEmpty()) {
                m_errors.append(QStringLiteral("entry without code or key"));
                continue;
            }
            const int index = int(m_entries.size());
            if (e.code)
                m_byCode.insert(e.code, index);
            m_byKey.insert(e.key, index);
            m_entries.push_back(std::move(e));
        }
    }
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

QStringList ErrorCatalog::categories() const
{
    QStringList list;
    for (const ErrorEntry& e : m_entries) {
        if (!list.contains(e.category))
            list.append(e.category);
    }
    return list;
}

QList<ErrorCatalog::Match> ErrorCatalog::search(const QString& query) const
{
    // Minimal: exact code or key. The catalogue issue brings the ranked search.
    QList<Match> matches;
    bool ok = false;
    const int code = query.trimmed().toInt(&ok);
    if (const ErrorEntry* e = ok ? byCode(code) : byKey(query.trimmed()))
        matches.append({e, 100, QStringLiteral("exact")});
    return matches;
}
