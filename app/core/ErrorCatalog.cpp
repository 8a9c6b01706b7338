#include "ErrorCatalog.h"

#include "ErrorCatalogSchema.h"
#include "ErrorEntryFormatter.h"
#include "ErrorSearchIndex.h"
#include "ErrorSearchText.h"

#include <QJsonArray>

#include <mutex>

// -------------------------------------------------------------------------------------------------
// ErrorEntry

QJsonObject ErrorEntry::toJson() const
{
    return ErrorEntryFormatter::toJson(*this);
}

QString ErrorEntry::levelLabel() const
{
    return ErrorEntryFormatter::levelLabel(*this);
}

QString ErrorEntry::exampleText() const
{
    return ErrorEntryFormatter::exampleText(*this);
}

QString ErrorEntry::toPlainText(int width) const
{
    return ErrorEntryFormatter::toPlainText(*this, width);
}

QString ErrorEntry::toMarkdown() const
{
    return ErrorEntryFormatter::toMarkdown(*this);
}

// -------------------------------------------------------------------------------------------------
// Loading

const ErrorCatalog& ErrorCatalog::builtin()
{
    static const ErrorCatalog catalog = [] {
        const QString path = QStringLiteral(":/leadgen/errors.json");
        ErrorCatalog c;
        c.loadFromFile(path);
        CatalogueFile::warnBuiltin(path, c.validationErrors());
        return c;
    }();
    return catalog;
}

bool ErrorCatalog::loadFromFile(const QString& path, QStringList* errors)
{
    return load(CatalogueFile::load(path), errors);
}

bool ErrorCatalog::loadFromJson(const QByteArray& json, QStringList* errors)
{
    return load(CatalogueFile::parse(json, QStringLiteral("errors.json")), errors);
}

bool ErrorCatalog::load(const CatalogueFile::Root& root, QStringList* errors)
{
    *this = ErrorCatalog();
    m_search = std::make_shared<LazySearchIndex>();
    if (!root.object) {
        m_loadError = root.error;
        m_errors.append(root.error);
    } else {
        ErrorCatalogSchema::checkRoot(*root.object, m_errors);
        m_version = root.object->value(QStringLiteral("version")).toString();
        const QJsonArray array = root.object->value(QStringLiteral("entries")).toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString where = ErrorCatalogSchema::entryWhere(array.at(i), i);
            if (!array.at(i).isObject()) {
                m_errors.append(where + QStringLiteral(": not an object"));
                continue;
            }
            std::optional<ErrorEntry> entry = ErrorCatalogSchema::parseEntry(array.at(i).toObject(), where, m_errors);
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
        ErrorCatalogSchema::checkReferences(*this, m_errors);
    }
    if (errors)
        *errors = m_errors;
    return m_errors.isEmpty();
}

// -------------------------------------------------------------------------------------------------
// Lookups

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
    const QString expected = ErrorSearchText::normalizedMessage(entry.message);
    const QString actual = ErrorSearchText::normalizedMessage(message);
    return !expected.isEmpty() && actual.startsWith(expected);
}

// -------------------------------------------------------------------------------------------------
// Search

struct ErrorCatalog::LazySearchIndex
{
    std::once_flag once;
    std::optional<ErrorSearchIndex> index;
};

const ErrorSearchIndex& ErrorCatalog::searchIndex() const
{
    std::call_once(m_search->once, [this] { m_search->index.emplace(*this); });
    return *m_search->index;
}

QList<ErrorCatalog::Match> ErrorCatalog::search(const QString& query) const
{
    const QString q = query.trimmed();
    if (q.isEmpty() || m_entries.empty())
        return {};
    // The most common query: a bare code, which nothing else can match (and no index is built).
    if (ErrorSearchText::isDigits(q)) {
        if (const ErrorEntry* e = byCode(q.toInt()))
            return {Match{e, 1000, QStringLiteral("exact code")}};
    }
    return searchIndex().search(*this, q);
}
