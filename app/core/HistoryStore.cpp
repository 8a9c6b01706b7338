#include "HistoryStore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTimeZone>

#include <algorithm>
#include <atomic>

namespace {

enum StorageBits : int
{
    RequestZlib = 1,
    ResponseZlib = 2,
};

QString headersJson(const QList<HistoryRecord::Header>& headers)
{
    QJsonArray array;
    for (const HistoryRecord::Header& header : headers)
        array.append(QJsonArray{QString::fromLatin1(header.first), QString::fromUtf8(header.second)});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<HistoryRecord::Header> headersFromJson(const QString& text)
{
    QList<HistoryRecord::Header> out;
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue& pair : array)
        out.append({pair[0].toString().toLatin1(), pair[1].toString().toUtf8()});
    return out;
}

QByteArray packed(const QByteArray& body, int bit, int* storage)
{
    if (body.size() <= HistoryStore::kCompressAbove)
        return body;
    *storage |= bit;
    return qCompress(body, 6);
}

QByteArray unpacked(const QVariant& value, int bit, int storage)
{
    const QByteArray bytes = value.toByteArray();
    return (storage & bit) ? qUncompress(bytes) : bytes;
}

// The codes and keys of a record's findings, space separated with a space at each end, so a
// list shows them without a join and LIKE '% 301 %' finds one.
QString codesText(const HistoryRecord& record)
{
    QStringList codes;
    for (const QVariant& code : record.codes())
        codes.append(code.toString());
    return codes.isEmpty() ? QString() : QLatin1Char(' ') + codes.join(QLatin1Char(' ')) + QLatin1Char(' ');
}

QList<QVariant> codesFromText(const QString& text)
{
    QList<QVariant> out;
    for (const QString& part : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        bool numeric = false;
        const int code = part.toInt(&numeric);
        out.append(numeric ? QVariant(code) : QVariant(part));
    }
    return out;
}

// What the user typed as an FTS5 query: every word must occur, the last one as a prefix (the
// list answers as you type). Quotes keep FTS5 operators in the text from being interpreted.
QString ftsQuery(const QString& text)
{
    QStringList terms;
    for (QString word : text.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts))
        terms.append(QLatin1Char('"') + word.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"'));
    if (!terms.isEmpty())
        terms.last() += QLatin1Char('*');
    return terms.join(QLatin1Char(' '));
}

const char* const kSchemaV1[] = {
    "CREATE TABLE calls ("
    " id INTEGER PRIMARY KEY,"
    " time_ms INTEGER NOT NULL,"
    " source TEXT NOT NULL DEFAULT '',"
    " env TEXT NOT NULL DEFAULT '',"
    " url TEXT NOT NULL DEFAULT '',"
    " account TEXT NOT NULL DEFAULT '',"
    " method TEXT,"
    " request_id TEXT,"
    " request_body BLOB,"
    " request_headers TEXT,"
    " http_status INTEGER,"
    " response_headers TEXT,"
    " response_body BLOB,"
    " storage INTEGER NOT NULL DEFAULT 0,"
    " response_bytes INTEGER NOT NULL DEFAULT 0,"
    " body_cut INTEGER NOT NULL DEFAULT 0,"
    " bodies_dropped INTEGER NOT NULL DEFAULT 0,"
    " elapsed_ms INTEGER,"
    " verdict TEXT NOT NULL,"
    " transport_error TEXT,"
    " codes TEXT)",
    "CREATE INDEX calls_time ON calls (time_ms)",
    "CREATE INDEX calls_method ON calls (method, time_ms)",
    "CREATE INDEX calls_verdict ON calls (verdict, time_ms)",
    "CREATE INDEX calls_env ON calls (env, time_ms)",
    "CREATE TABLE findings ("
    " call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,"
    " code INTEGER,"
    " key TEXT,"
    " level TEXT,"
    " severity TEXT,"
    " path TEXT,"
    " obj_index INTEGER,"
    " message TEXT)",
    "CREATE INDEX findings_call ON findings (call_id)",
    "CREATE INDEX findings_code ON findings (code, call_id)",
    "CREATE INDEX findings_key ON findings (key, call_id)",
    "CREATE VIRTUAL TABLE calls_fts USING fts5 (method, request_id, codes, messages, request_body, response_body)",
};

// Version 2: the distinct codes of each call (no info notes), so statistics by code and their
// time bounds come from one covering index instead of every finding joined to its call.
const char* const kSchemaV2[] = {
    "CREATE TABLE call_codes ("
    " call_id INTEGER NOT NULL,"
    " code TEXT NOT NULL,"
    " is_error INTEGER NOT NULL,"
    " time_ms INTEGER NOT NULL)",
    "CREATE INDEX call_codes_stats ON call_codes (code, time_ms, is_error)",
    "CREATE INDEX call_codes_call ON call_codes (call_id)",
    "INSERT INTO call_codes (call_id, code, is_error, time_ms)"
    " SELECT f.call_id, COALESCE(CAST(f.code AS TEXT), f.key), max(f.severity = 'error'), c.time_ms"
    " FROM findings f JOIN calls c ON c.id = f.call_id"
    " WHERE f.severity <> 'info' AND COALESCE(CAST(f.code AS TEXT), f.key) IS NOT NULL"
    " GROUP BY f.call_id, COALESCE(CAST(f.code AS TEXT), f.key)",
};

// Version 3: the method, environment and time indexes also hold the verdict, so statistics by
// method, environment or day read one index in key order (about 40 bytes a call) instead of
// every call's row; filters by method or environment use them as before.
const char* const kSchemaV3[] = {
    "DROP INDEX calls_method", "CREATE INDEX calls_method ON calls (method, time_ms, verdict)",
    "DROP INDEX calls_env",    "CREATE INDEX calls_env ON calls (env, time_ms, verdict)",
    "DROP INDEX calls_time",   "CREATE INDEX calls_time ON calls (time_ms, verdict)",
};

QString connectionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("leadgen-history-%1").arg(counter.fetch_add(1));
}

const QString kSummaryColumns =
    QStringLiteral("id, time_ms, source, env, url, account, method, request_id, http_status, response_bytes, body_cut, "
                   "bodies_dropped, elapsed_ms, verdict, transport_error, codes");

HistoryRecord summaryFrom(const QSqlQuery& query)
{
    HistoryRecord record;
    record.id = query.value(0).toLongLong();
    record.timeMs = query.value(1).toLongLong();
    record.source = query.value(2).toString();
    record.environment = query.value(3).toString();
    record.url = query.value(4).toString();
    record.account = query.value(5).toString();
    record.method = query.value(6).toString();
    record.requestId = query.value(7).toString();
    if (!query.value(8).isNull())
        record.httpStatus = query.value(8).toInt();
    record.responseSize = query.value(9).toLongLong();
    record.bodyCut = query.value(10).toBool();
    record.bodiesDropped = query.value(11).toBool();
    record.elapsedMs = query.value(12).isNull() ? -1 : query.value(12).toLongLong();
    record.verdict = query.value(13).toString();
    record.transportError = query.value(14).toString();
    // Summaries carry their codes as findings with nothing but the code, so codes() works.
    for (const QVariant& code : codesFromText(query.value(15).toString())) {
        HistoryFinding finding;
        if (code.typeId() == QMetaType::Int)
            finding.code = code.toInt();
        else
            finding.key = code.toString();
        record.findings.append(finding);
    }
    return record;
}

} // namespace

bool HistoryFilter::isEmpty() const
{
    return method.isEmpty() && code.isEmpty() && verdict.isEmpty() && environment.isEmpty() && sinceMs < 0 &&
           untilMs < 0 && search.trimmed().isEmpty();
}

QString HistoryStore::defaultPath()
{
    QString variable = qEnvironmentVariable("LEADGEN_HISTORY");
    if (variable.compare(QLatin1String("off"), Qt::CaseInsensitive) == 0)
        return QString();
    if (!variable.isEmpty())
        return variable;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/history.sqlite");
}

HistoryStore::HistoryStore(const QString& path)
    : m_path(path)
    , m_connection(connectionName())
{
    m_open = open();
}

HistoryStore::~HistoryStore()
{
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

bool HistoryStore::fail(const QString& what, const QString& why)
{
    m_error = why.isEmpty() ? what : what + QStringLiteral(": ") + why;
    return false;
}

bool HistoryStore::exec(const QString& sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return fail(QStringLiteral("History database (%1)").arg(m_path), query.lastError().text());
    return true;
}

bool HistoryStore::open()
{
    if (m_path.isEmpty())
        return fail(QStringLiteral("History is turned off"), QString());
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(QStringLiteral("Cannot create the folder for the history"), info.absolutePath());
    const bool existed = info.exists();
    for (int attempt = 0; attempt < 2; ++attempt) {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        m_db.setDatabaseName(m_path);
        // Another process writing (the GUI and a `send` in a terminal) makes us wait, not fail.
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (!m_db.open())
            return fail(QStringLiteral("Cannot open the history %1").arg(m_path), m_db.lastError().text());
        if (!existed || attempt > 0)
            QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner); // bodies can hold personal data
        m_error.clear();
        // auto_vacuum only takes on a database without tables, so it comes first.
        if (exec(QStringLiteral("PRAGMA auto_vacuum = INCREMENTAL")) &&
            exec(QStringLiteral("PRAGMA journal_mode = WAL")) && exec(QStringLiteral("PRAGMA synchronous = NORMAL")) &&
            exec(QStringLiteral("PRAGMA foreign_keys = ON")) && migrate()) {
            // $LEADGEN_HISTORY_MAX_PAGES caps the file (SQLite's max_page_count): a write past it
            // fails exactly as on a full disk (SQLITE_FULL), which is how tests get one.
            bool capped = false;
            const int maxPages = qEnvironmentVariableIntValue("LEADGEN_HISTORY_MAX_PAGES", &capped);
            if (capped && maxPages > 0)
                exec(QStringLiteral("PRAGMA max_page_count = %1").arg(maxPages));
            return true;
        }
        const QString why = m_error;
        // Only a file SQLite calls broken is moved aside: a locked or newer one is left alone.
        const bool broken = why.contains(QLatin1String("not a database"), Qt::CaseInsensitive) ||
                            why.contains(QLatin1String("malformed"), Qt::CaseInsensitive) ||
                            why.contains(QLatin1String("corrupt"), Qt::CaseInsensitive);
        if (!broken || attempt > 0)
            return false;
        // Not a database, or a broken one: keep it for whoever wants to look, start afresh.
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
        const QString aside = m_path + QStringLiteral(".broken-") +
                              QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddThhmmss"));
        if (!QFile::rename(m_path, aside))
            return fail(QStringLiteral("The history %1 is unreadable and cannot be moved aside").arg(m_path), why);
        for (const char* suffix : {"-wal", "-shm"})
            QFile::remove(m_path + QLatin1String(suffix));
        m_notice = QStringLiteral("The history database was unreadable (%1); it was moved to %2 and a new one started.")
                       .arg(why, aside);
    }
    return false;
}

bool HistoryStore::migrate()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return fail(QStringLiteral("History database (%1)").arg(m_path), query.lastError().text());
    const int version = query.value(0).toInt();
    query.finish();
    if (version > kSchemaVersion)
        return fail(QStringLiteral("The history %1 was made by a newer version of leadgen-diag (schema %2; this one "
                                   "knows %3)")
                        .arg(m_path)
                        .arg(version)
                        .arg(kSchemaVersion),
                    QString());
    if (version == kSchemaVersion) {
        // Reading the schema proves the file is a database we can use.
        if (!query.exec(QStringLiteral("SELECT count(*) FROM calls WHERE id = 0")))
            return fail(QStringLiteral("History database (%1)").arg(m_path), query.lastError().text());
        return true;
    }
    // Forward migrations in one write transaction, taken before looking again: another process
    // starting at the same moment waits here and then finds the schema made.
    if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        const QString why = query.lastError().text();
        exec(QStringLiteral("ROLLBACK"));
        return fail(QStringLiteral("History database (%1)").arg(m_path), why);
    }
    const int current = query.value(0).toInt();
    query.finish();
    if (current >= kSchemaVersion) {
        exec(QStringLiteral("ROLLBACK"));
        return current == kSchemaVersion ||
               fail(QStringLiteral("History database (%1)").arg(m_path), QStringLiteral("made by a newer version"));
    }
    const auto apply = [this](const auto& statements) {
        for (const char* statement : statements) {
            if (!exec(QString::fromLatin1(statement)))
                return false;
        }
        return true;
    };
    if ((current < 1 && !apply(kSchemaV1)) || (current < 2 && !apply(kSchemaV2)) ||
        (current < 3 && !apply(kSchemaV3))) {
        const QString why = m_error;
        exec(QStringLiteral("ROLLBACK"));
        m_error = why;
        return false;
    }
    if (!exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion)) || !exec(QStringLiteral("COMMIT"))) {
        const QString why = m_error;
        exec(QStringLiteral("ROLLBACK"));
        m_error = why;
        return false;
    }
    return true;
}

// Write transactions take the write lock at BEGIN: a deferred one that read first could not
// wait for another process's write (SQLite answers "locked" at once instead of waiting).
bool HistoryStore::beginWrite()
{
    return exec(QStringLiteral("BEGIN IMMEDIATE"));
}

bool HistoryStore::commitWrite()
{
    return exec(QStringLiteral("COMMIT"));
}

void HistoryStore::rollbackWrite()
{
    const QString why = m_error;
    exec(QStringLiteral("ROLLBACK"));
    m_error = why;
}

bool HistoryStore::insert(QList<HistoryRecord>& records)
{
    if (!m_open)
        return false;
    if (!beginWrite())
        return fail(QStringLiteral("Cannot record the call"), m_error);
    QSqlQuery call(m_db);
    call.prepare(QStringLiteral(
        "INSERT INTO calls (time_ms, source, env, url, account, method, request_id, request_body, request_headers,"
        " http_status, response_headers, response_body, storage, response_bytes, body_cut, bodies_dropped,"
        " elapsed_ms, verdict, transport_error, codes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    QSqlQuery finding(m_db);
    finding.prepare(QStringLiteral("INSERT INTO findings (call_id, code, key, level, severity, path, obj_index, "
                                   "message) VALUES (?,?,?,?,?,?,?,?)"));
    QSqlQuery text(m_db);
    text.prepare(QStringLiteral("INSERT INTO calls_fts (rowid, method, request_id, codes, messages, request_body, "
                                "response_body) VALUES (?,?,?,?,?,?,?)"));
    QSqlQuery codeRow(m_db);
    codeRow.prepare(QStringLiteral("INSERT INTO call_codes (call_id, code, is_error, time_ms) VALUES (?,?,?,?)"));
    const auto rollback = [this](const QSqlQuery& query) {
        const QString why = query.lastError().text();
        rollbackWrite();
        return fail(QStringLiteral("Cannot record the call"), why);
    };
    // A null QString binds as SQL NULL; the text columns hold "" instead.
    const auto nonNull = [](const QString& value) { return value.isNull() ? QStringLiteral("") : value; };
    for (HistoryRecord& record : records) {
        int storage = 0;
        const QString codes = codesText(record);
        const QList<QVariant> values{
            record.timeMs,
            nonNull(record.source),
            nonNull(record.environment),
            nonNull(record.url),
            nonNull(record.account),
            record.method.isEmpty() ? QVariant() : QVariant(record.method),
            nonNull(record.requestId),
            packed(record.requestBody, RequestZlib, &storage),
            headersJson(record.requestHeaders),
            record.httpStatus ? QVariant(*record.httpStatus) : QVariant(),
            headersJson(record.responseHeaders),
            record.httpStatus ? QVariant(packed(record.responseBody, ResponseZlib, &storage)) : QVariant(),
            0, // storage, set below
            record.responseSize,
            record.bodyCut,
            record.bodiesDropped,
            record.elapsedMs >= 0 ? QVariant(record.elapsedMs) : QVariant(),
            nonNull(record.verdict),
            record.transportError.isEmpty() ? QVariant() : QVariant(record.transportError),
            codes.isEmpty() ? QVariant() : QVariant(codes),
        };
        for (int i = 0; i < values.size(); ++i)
            call.bindValue(i, i == 12 ? QVariant(storage) : values.at(i));
        if (!call.exec())
            return rollback(call);
        record.id = call.lastInsertId().toLongLong();
        QStringList messages;
        for (const HistoryFinding& item : std::as_const(record.findings)) {
            finding.bindValue(0, record.id);
            finding.bindValue(1, item.code ? QVariant(*item.code) : QVariant());
            finding.bindValue(2, item.key.isEmpty() ? QVariant() : QVariant(item.key));
            finding.bindValue(3, item.level);
            finding.bindValue(4, item.severity);
            finding.bindValue(5, item.path);
            finding.bindValue(6, item.index >= 0 ? QVariant(item.index) : QVariant());
            finding.bindValue(7, item.message);
            if (!finding.exec())
                return rollback(finding);
            messages.append(item.message);
        }
        text.bindValue(0, record.id);
        text.bindValue(1, record.method);
        text.bindValue(2, record.requestId);
        text.bindValue(3, codes);
        text.bindValue(4, messages.join(QLatin1Char('\n')));
        text.bindValue(5, QString::fromUtf8(record.requestBody.left(kIndexedBodyBytes)));
        text.bindValue(6, QString::fromUtf8(record.responseBody.left(kIndexedBodyBytes)));
        if (!text.exec())
            return rollback(text);
        for (const QVariant& code : record.codes()) {
            const QString name = code.toString();
            bool error = false;
            for (const HistoryFinding& item : std::as_const(record.findings))
                error = error || (item.severity == QLatin1String("error") &&
                                  (item.code ? QString::number(*item.code) : item.key) == name);
            codeRow.bindValue(0, record.id);
            codeRow.bindValue(1, name);
            codeRow.bindValue(2, error);
            codeRow.bindValue(3, record.timeMs);
            if (!codeRow.exec())
                return rollback(codeRow);
        }
    }
    if (!commitWrite()) {
        const QString why = m_error;
        rollbackWrite();
        return fail(QStringLiteral("Cannot record the call"), why);
    }
    m_error.clear();
    return true;
}

std::optional<HistoryRecord> HistoryStore::call(qint64 id)
{
    if (!m_open)
        return std::nullopt;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT %1, request_body, request_headers, response_headers, response_body, storage "
                                 "FROM calls WHERE id = ?")
                      .arg(kSummaryColumns));
    query.addBindValue(id);
    if (!query.exec()) {
        fail(QStringLiteral("Cannot read the history"), query.lastError().text());
        return std::nullopt;
    }
    if (!query.next()) {
        fail(QStringLiteral("No call %1 in the history").arg(id), QString());
        return std::nullopt;
    }
    HistoryRecord record = summaryFrom(query);
    const int storage = query.value(20).toInt();
    record.requestBody = unpacked(query.value(16), RequestZlib, storage);
    record.requestHeaders = headersFromJson(query.value(17).toString());
    record.responseHeaders = headersFromJson(query.value(18).toString());
    record.responseBody = unpacked(query.value(19), ResponseZlib, storage);
    record.findings.clear();
    QSqlQuery findings(m_db);
    findings.prepare(QStringLiteral("SELECT code, key, level, severity, path, obj_index, message FROM findings WHERE "
                                    "call_id = ? ORDER BY rowid"));
    findings.addBindValue(id);
    if (!findings.exec()) {
        fail(QStringLiteral("Cannot read the history"), findings.lastError().text());
        return std::nullopt;
    }
    while (findings.next()) {
        HistoryFinding finding;
        if (!findings.value(0).isNull())
            finding.code = findings.value(0).toInt();
        finding.key = findings.value(1).toString();
        finding.level = findings.value(2).toString();
        finding.severity = findings.value(3).toString();
        finding.path = findings.value(4).toString();
        finding.index = findings.value(5).isNull() ? -1 : findings.value(5).toInt();
        finding.message = findings.value(6).toString();
        record.findings.append(finding);
    }
    return record;
}

QString HistoryStore::whereClause(const HistoryFilter& filter, QVariantList* values) const
{
    QStringList conditions;
    if (!filter.method.isEmpty()) {
        conditions.append(QStringLiteral("method = ?"));
        values->append(filter.method);
    }
    if (!filter.code.isEmpty()) {
        bool numeric = false;
        const int code = filter.code.toInt(&numeric);
        const QString column = numeric ? QStringLiteral("code") : QStringLiteral("key");
        const QVariant value = numeric ? QVariant(code) : QVariant(filter.code);
        // A common code: walk the calls newest first and stop at a page (EXISTS); a rare one:
        // collect its few calls at once (IN). Either alone is slow on the other case.
        QSqlQuery many(m_db);
        many.prepare(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM findings WHERE %1 = ? LIMIT %2)")
                         .arg(column)
                         .arg(kManyCalls));
        many.addBindValue(value);
        const bool common = many.exec() && many.next() && many.value(0).toInt() >= kManyCalls;
        conditions.append(
            common ? QStringLiteral("EXISTS (SELECT 1 FROM findings f WHERE f.call_id = calls.id AND f.%1 = ?)")
                         .arg(column)
                   : QStringLiteral("id IN (SELECT call_id FROM findings WHERE %1 = ?)").arg(column));
        values->append(value);
    }
    if (!filter.verdict.isEmpty()) {
        conditions.append(QStringLiteral("verdict = ?"));
        values->append(filter.verdict);
    }
    if (!filter.environment.isEmpty()) {
        conditions.append(QStringLiteral("env = ?"));
        values->append(filter.environment);
    }
    if (filter.sinceMs >= 0) {
        conditions.append(QStringLiteral("time_ms >= ?"));
        values->append(filter.sinceMs);
    }
    if (filter.untilMs >= 0) {
        conditions.append(QStringLiteral("time_ms <= ?"));
        values->append(filter.untilMs);
    }
    const QString search = ftsQuery(filter.search);
    if (!search.isEmpty()) {
        conditions.append(QStringLiteral("id IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ?)"));
        values->append(search);
    }
    return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

QList<HistoryRecord> HistoryStore::calls(const HistoryFilter& filter, int limit, int offset)
{
    QList<HistoryRecord> out;
    if (!m_open)
        return out;
    QVariantList values;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM calls%2 ORDER BY time_ms DESC, id DESC LIMIT ? OFFSET ?")
                      .arg(kSummaryColumns, whereClause(filter, &values)));
    for (const QVariant& value : std::as_const(values))
        query.addBindValue(value);
    query.addBindValue(limit);
    query.addBindValue(offset);
    if (!query.exec()) {
        fail(QStringLiteral("Cannot read the history"), query.lastError().text());
        return out;
    }
    while (query.next())
        out.append(summaryFrom(query));
    return out;
}

qint64 HistoryStore::count(const HistoryFilter& filter)
{
    if (!m_open)
        return 0;
    QVariantList values;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT count(*) FROM calls%1").arg(whereClause(filter, &values)));
    for (const QVariant& value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec() || !query.next()) {
        fail(QStringLiteral("Cannot read the history"), query.lastError().text());
        return 0;
    }
    return query.value(0).toLongLong();
}

QStringList HistoryStore::distinctValues(const QString& column)
{
    QStringList out;
    if (!m_open || (column != QLatin1String("method") && column != QLatin1String("env")))
        return out;
    // A skip scan over the column's index: one probe per distinct value, not one per call.
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("WITH RECURSIVE v(x) AS (SELECT min(%1) FROM calls WHERE %1 > ''"
                                   " UNION ALL SELECT (SELECT min(%1) FROM calls WHERE %1 > v.x) FROM v"
                                   " WHERE v.x IS NOT NULL) SELECT x FROM v WHERE x IS NOT NULL")
                        .arg(column))) {
        fail(QStringLiteral("Cannot read the history"), query.lastError().text());
        return out;
    }
    while (query.next())
        out.append(query.value(0).toString());
    return out;
}

bool HistoryStore::remove(qint64 id)
{
    if (!m_open || !beginWrite())
        return false;
    QSqlQuery query(m_db);
    for (const QString& sql :
         {QStringLiteral("DELETE FROM calls_fts WHERE rowid = ?"),
          QStringLiteral("DELETE FROM call_codes WHERE call_id = ?"),
          QStringLiteral("DELETE FROM findings WHERE call_id = ?"), QStringLiteral("DELETE FROM calls WHERE id = ?")}) {
        query.prepare(sql);
        query.addBindValue(id);
        if (!query.exec()) {
            const QString why = query.lastError().text();
            rollbackWrite();
            return fail(QStringLiteral("Cannot delete the call"), why);
        }
    }
    return commitWrite();
}

bool HistoryStore::clear()
{
    if (!m_open || !beginWrite())
        return false;
    if (!exec(QStringLiteral("DELETE FROM calls_fts")) || !exec(QStringLiteral("DELETE FROM call_codes")) ||
        !exec(QStringLiteral("DELETE FROM findings")) || !exec(QStringLiteral("DELETE FROM calls"))) {
        rollbackWrite();
        return false;
    }
    if (!commitWrite())
        return false;
    exec(QStringLiteral("PRAGMA incremental_vacuum"));
    return true;
}

std::optional<HistoryStore::StatsBy> HistoryStore::statsByFromName(const QString& name)
{
    if (name == QLatin1String("code"))
        return StatsBy::Code;
    if (name == QLatin1String("method"))
        return StatsBy::Method;
    if (name == QLatin1String("day"))
        return StatsBy::Day;
    if (name == QLatin1String("env"))
        return StatsBy::Environment;
    return std::nullopt;
}

QList<HistoryStore::StatsRow> HistoryStore::stats(StatsBy by, qint64 sinceMs, qint64 untilMs)
{
    QList<StatsRow> out;
    if (!m_open)
        return out;
    QStringList conditions;
    QVariantList values;
    if (sinceMs >= 0) {
        conditions.append(QStringLiteral("c.time_ms >= ?"));
        values.append(sinceMs);
    }
    if (untilMs >= 0) {
        conditions.append(QStringLiteral("c.time_ms <= ?"));
        values.append(untilMs);
    }
    QString sql;
    if (by == StatsBy::Code) {
        conditions.replaceInStrings(QStringLiteral("c.time_ms"), QStringLiteral("time_ms"));
        conditions.prepend(QStringLiteral("1"));
        sql = QStringLiteral("SELECT code AS k, count(*), sum(is_error), min(time_ms), max(time_ms)"
                             " FROM call_codes WHERE %1 GROUP BY code ORDER BY 2 DESC, 1");
    } else {
        // Plain columns and an integer day (UTC), grouped as the covering indexes are ordered
        // (schema version 3): no row of `calls` is read and no date is formatted per call.
        const QString key = by == StatsBy::Method ? QStringLiteral("c.method")
                            : by == StatsBy::Day  ? QStringLiteral("c.time_ms / %1").arg(kDayMs)
                                                  : QStringLiteral("c.env");
        conditions.prepend(QStringLiteral("1"));
        sql = QStringLiteral("SELECT %1 AS k, count(*), sum(c.verdict <> 'ok'), min(c.time_ms), max(c.time_ms)"
                             " FROM calls c WHERE %2 GROUP BY %1")
                  .arg(key, QStringLiteral("%1"));
    }
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(sql.arg(conditions.join(QStringLiteral(" AND "))));
    for (const QVariant& value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec()) {
        fail(QStringLiteral("Cannot read the history"), query.lastError().text());
        return out;
    }
    while (query.next()) {
        StatsRow row;
        const QVariant key = query.value(0);
        if (by == StatsBy::Day) {
            row.key = QDateTime::fromMSecsSinceEpoch(key.toLongLong() * kDayMs, Qt::UTC)
                          .date()
                          .toString(QStringLiteral("yyyy-MM-dd"));
        } else if (by == StatsBy::Code) {
            bool numeric = false;
            const int code = key.toString().toInt(&numeric); // codes are kept as text beside keys
            row.key = numeric ? QVariant(code) : QVariant(key.toString());
        } else {
            row.key = key.toString(); // a call without a method counts under ""
        }
        row.calls = query.value(1).toLongLong();
        row.errors = query.value(2).toLongLong();
        row.firstMs = query.value(3).toLongLong();
        row.lastMs = query.value(4).toLongLong();
        // NULL and "" are one group to the user.
        const auto same = std::find_if(out.begin(), out.end(), [&](const StatsRow& r) { return r.key == row.key; });
        if (by == StatsBy::Method && same != out.end()) {
            StatsRow& last = *same;
            last.calls += row.calls;
            last.errors += row.errors;
            last.firstMs = std::min(last.firstMs, row.firstMs);
            last.lastMs = std::max(last.lastMs, row.lastMs);
            continue;
        }
        out.append(row);
    }
    // Days in date order; the rest busiest first, ties by key.
    std::stable_sort(out.begin(), out.end(), [by](const StatsRow& a, const StatsRow& b) {
        if (by != StatsBy::Day && a.calls != b.calls)
            return a.calls > b.calls;
        return a.key.toString() < b.key.toString();
    });
    return out;
}

qint64 HistoryStore::bodyBytes()
{
    QSqlQuery query(m_db);
    if (!m_open ||
        !query.exec(QStringLiteral("SELECT total(length(request_body)) + total(length(response_body)) FROM calls")) ||
        !query.next())
        return 0;
    return qint64(query.value(0).toDouble());
}

std::optional<HistoryStore::PruneResult> HistoryStore::prune(int keepDays, qint64 maxBytes, qint64 nowMs)
{
    if (!m_open)
        return std::nullopt;
    PruneResult result;
    if (!beginWrite()) {
        fail(QStringLiteral("Cannot prune the history"), m_error);
        return std::nullopt;
    }
    QSqlQuery query(m_db);
    const auto run = [&](const QString& sql, const QVariantList& values) {
        query.prepare(sql);
        for (const QVariant& value : values)
            query.addBindValue(value);
        return query.exec();
    };
    bool ok = true;
    if (keepDays >= 0) {
        const qint64 cutoff = nowMs - qint64(keepDays) * 24 * 3600 * 1000;
        ok = run(QStringLiteral("DELETE FROM calls_fts WHERE rowid IN (SELECT id FROM calls WHERE time_ms < ?)"),
                 {cutoff}) &&
             run(QStringLiteral("DELETE FROM call_codes WHERE time_ms < ?"), {cutoff}) &&
             run(QStringLiteral("DELETE FROM findings WHERE call_id IN (SELECT id FROM calls WHERE time_ms < ?)"),
                 {cutoff}) &&
             run(QStringLiteral("DELETE FROM calls WHERE time_ms < ?"), {cutoff});
        if (ok)
            result.callsDeleted = query.numRowsAffected();
    }
    if (ok && maxBytes >= 0) {
        qint64 excess = bodyBytes() - maxBytes;
        QList<qint64> drop;
        if (excess > 0) {
            ok = run(QStringLiteral("SELECT id, length(request_body) + COALESCE(length(response_body), 0) FROM calls"
                                    " WHERE bodies_dropped = 0 ORDER BY time_ms, id"),
                     {});
            while (ok && excess > 0 && query.next()) {
                drop.append(query.value(0).toLongLong());
                excess -= query.value(1).toLongLong();
            }
            query.finish();
        }
        for (qint64 id : std::as_const(drop)) {
            ok =
                ok &&
                run(QStringLiteral("UPDATE calls SET request_body = NULL, response_body = NULL,"
                                   " bodies_dropped = 1, storage = 0 WHERE id = ?"),
                    {id}) &&
                run(QStringLiteral("UPDATE calls_fts SET request_body = '', response_body = '' WHERE rowid = ?"), {id});
        }
        result.bodiesDropped = ok ? drop.size() : 0;
    }
    if (!ok) {
        const QString why = query.lastError().text();
        rollbackWrite();
        fail(QStringLiteral("Cannot prune the history"), why);
        return std::nullopt;
    }
    if (!commitWrite()) {
        const QString why = m_error;
        rollbackWrite();
        fail(QStringLiteral("Cannot prune the history"), why);
        return std::nullopt;
    }
    // Give the space back to the file system.
    exec(QStringLiteral("PRAGMA incremental_vacuum"));
    exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return result;
}

bool HistoryStore::checkIntegrity()
{
    QSqlQuery query(m_db);
    return m_open && query.exec(QStringLiteral("PRAGMA integrity_check")) && query.next() &&
           query.value(0).toString() == QLatin1String("ok");
}
