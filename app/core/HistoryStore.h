#pragma once

#include "HistoryRecord.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <optional>

// Which calls a history query returns (every member optional; all given ones must hold).
struct HistoryFilter
{
    QString method;
    QString code; // a numeric code ("301") or a catalogue key ("id_mismatch")
    QString verdict;
    QString environment;
    qint64 sinceMs = -1; // inclusive, UTC ms
    qint64 untilMs = -1; // inclusive
    QString search;      // full text: method, request id, messages, codes, request and response bodies

    bool isEmpty() const;
};

// The call history (docs/design.md, Call history): one SQLite file through Qt Sql, in WAL mode
// so the GUI and a `send` in a terminal can write at once, schema version in
// PRAGMA user_version with forward migrations, a full-text index (FTS5) over what users search.
// One instance is one connection and must stay on the thread that made it; HistoryRecorder owns
// the writing one, views make their own for reading.
//
// A file that is not a database (or is corrupt) is moved aside to NAME.broken-TIMESTAMP and a
// fresh one started: notice() says so, once, for the user.
class HistoryStore
{
public:
    static constexpr int kSchemaVersion = 3;
    static constexpr qint64 kDayMs = 24 * 3600 * 1000;
    // Response bodies above this many bytes are stored compressed.
    static constexpr qint64 kCompressAbove = 4096;
    // Only this much of a response body goes into the full-text index.
    static constexpr qint64 kIndexedBodyBytes = 64 * 1024;
    // From this many calls with a code on, a filter by it walks the calls by time.
    static constexpr int kManyCalls = 2000;

    // $LEADGEN_HISTORY (a file path) or AppDataLocation/history.sqlite; empty when
    // LEADGEN_HISTORY=off.
    static QString defaultPath();

    explicit HistoryStore(const QString& path);
    ~HistoryStore();
    HistoryStore(const HistoryStore&) = delete;
    HistoryStore& operator=(const HistoryStore&) = delete;

    bool isOpen() const { return m_open; }
    QString path() const { return m_path; }
    // Why the last operation failed ("" when it did not).
    QString error() const { return m_error; }
    // Something the user must be told about opening (a broken file moved aside), or "".
    QString notice() const { return m_notice; }

    // Stores the records in one transaction and sets their ids; false (error()) stores none.
    bool insert(QList<HistoryRecord>& records);
    // The whole call, bodies and findings included.
    std::optional<HistoryRecord> call(qint64 id);
    // Newest first, without bodies, headers or findings (codes() comes from a summary column).
    QList<HistoryRecord> calls(const HistoryFilter& filter, int limit, int offset = 0);
    qint64 count(const HistoryFilter& filter = {});
    // The distinct non-empty values of "method" or "env", sorted (for filter choices).
    QStringList distinctValues(const QString& column);
    bool remove(qint64 id);
    bool clear();

    enum class StatsBy
    {
        Code,
        Method,
        Day,
        Environment
    };
    struct StatsRow
    {
        QVariant key; // int code, or text
        qint64 calls = 0;
        qint64 errors = 0; // calls whose verdict is not ok (by code: whose finding is an error)
        qint64 firstMs = 0;
        qint64 lastMs = 0;
    };
    static std::optional<StatsBy> statsByFromName(const QString& name);
    QList<StatsRow> stats(StatsBy by, qint64 sinceMs = -1, qint64 untilMs = -1);

    struct PruneResult
    {
        qint64 callsDeleted = 0;
        qint64 bodiesDropped = 0;
    };
    // Deletes calls older than keepDays (<0: no age limit), then drops the bodies of the oldest
    // calls (their metadata and findings stay) until the bodies take at most maxBytes (<0: no
    // limit).
    std::optional<PruneResult> prune(int keepDays, qint64 maxBytes, qint64 nowMs);
    // Bytes of request and response bodies stored.
    qint64 bodyBytes();

    // PRAGMA integrity_check says "ok".
    bool checkIntegrity();

private:
    bool open();
    bool migrate();
    bool exec(const QString& sql);
    bool beginWrite();
    bool commitWrite();
    void rollbackWrite();
    bool fail(const QString& what, const QString& why);
    QString whereClause(const HistoryFilter& filter, QVariantList* values) const;

    QString m_path;
    QString m_connection;
    QSqlDatabase m_db;
    bool m_open = false;
    QString m_error;
    QString m_notice;
};
