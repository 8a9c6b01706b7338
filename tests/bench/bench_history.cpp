// Call history: recording cost and query times on a big database, each next to a baseline
// measured in the same run.
//
//   build/dev/bench/bench_history [--calls N] [--database PATH] [--keep]
//
// 1. Enqueue: what recording a call costs the caller's thread (HistoryRecorder::record), next
//    to copying the same record (the least any hand-over costs).
// 2. Burst: 1 000 calls recorded by the worker (batched transactions), calls per second.
// 3. A database of N calls (default 1 000 000, generated once: ~1 in 7 with an error finding,
//    varied methods, environments and days, no bodies): first page of the History panel, a
//    filter by code and by method, a full-text search, `stats --by code|method|day|env`, each next to a bare
//    `SELECT count(*)` on the same database; then bytes per call.
#include "HistoryModel.h"
#include "HistoryRecorder.h"
#include "HistoryStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <functional>
#include <vector>

namespace {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

const char* const kMethods[] = {"getLeads",    "getLead",   "createLeads", "updateLeads",      "getCampaigns",
                                "getAccounts", "getFields", "getLists",    "getOpportunities", "getLeadsDateRange"};
const int kCodes[] = {101, 102, 104, 105, 107, 205, 213, 301, 302, 399};

HistoryRecord makeRecord(qint64 i, qint64 now)
{
    HistoryRecord record;
    record.timeMs = now - (i * 2731) % (90LL * 24 * 3600 * 1000); // spread over 90 days
    record.source = i % 3 ? QStringLiteral("gui") : QStringLiteral("cli");
    record.environment = i % 5 ? QStringLiteral("Simulator") : QStringLiteral("Production v1.2");
    record.url = QStringLiteral("https://api.sharpspring.com/pubapi/v1.2/?accountID=ACC%1&secretKey=•••").arg(i % 17);
    record.account = QStringLiteral("ACC%1").arg(i % 17);
    record.method = QLatin1String(kMethods[i % 10]);
    record.requestId = QStringLiteral("req-%1").arg(i, 12, 16, QLatin1Char('0'));
    record.httpStatus = 200;
    record.elapsedMs = 40 + i % 300;
    record.verdict = QStringLiteral("ok");
    if (i % 7 == 0) {
        HistoryFinding finding;
        finding.code = kCodes[(i / 7) % 10];
        finding.level = QStringLiteral("api");
        finding.severity = QStringLiteral("error");
        finding.path = QStringLiteral("$.error");
        finding.message = QStringLiteral("The API answered %1").arg(*finding.code);
        record.findings.append(finding);
        record.verdict = QStringLiteral("api_error");
    }
    return record;
}

double medianMs(int rounds, const std::function<void()>& work)
{
    std::vector<double> times;
    for (int i = 0; i < rounds; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

void row(const QString& what, double ms, double baselineMs, const QString& budget)
{
    out() << QStringLiteral("  %1 %2 ms   %3× count(*)   budget %4\n")
                 .arg(what, -34)
                 .arg(ms, 8, 'f', 2)
                 .arg(baselineMs > 0 ? ms / baselineMs : 0.0, 6, 'f', 2)
                 .arg(budget);
    out().flush();
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv); // the History panel's model uses the style for its icons
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("calls"), QStringLiteral("Calls in the big database."), QStringLiteral("N"),
                      QStringLiteral("1000000")});
    parser.addOption(
        {QStringLiteral("database"), QStringLiteral("Reuse (or create) this database."), QStringLiteral("PATH")});
    parser.process(app);
    const qint64 calls = parser.value(QStringLiteral("calls")).toLongLong();
    QTemporaryDir dir;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    // 1. Enqueue cost.
    {
        HistoryRecorder recorder(dir.filePath(QStringLiteral("enqueue.sqlite")));
        const HistoryRecord sample = makeRecord(7, now);
        std::vector<HistoryRecord> copies;
        copies.reserve(1000);
        const double copy = medianMs(5, [&] {
            copies.clear();
            for (int i = 0; i < 1000; ++i)
                copies.push_back(sample);
        });
        const double enqueue = medianMs(5, [&] {
            for (int i = 0; i < 1000; ++i)
                recorder.record(sample);
        });
        recorder.flush(120000);
        out() << "Recording (per call, caller's thread):\n";
        out() << QStringLiteral("  enqueue %1 µs   copy of the record %2 µs   budget ≤ 1000 µs\n")
                     .arg(enqueue, 0, 'f', 2)
                     .arg(copy, 0, 'f', 2);
    }
    // 2. Burst on the worker.
    {
        HistoryRecorder recorder(dir.filePath(QStringLiteral("burst.sqlite")));
        recorder.flush();
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 1000; ++i)
            recorder.record(makeRecord(i, now));
        recorder.flush(120000);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        out() << QStringLiteral("Burst: 1000 calls written in %1 s = %2 calls/s   budget ≥ 2000 calls/s\n")
                     .arg(seconds, 0, 'f', 3)
                     .arg(1000 / seconds, 0, 'f', 0);
    }

    // 3. The big database.
    const QString path = parser.isSet(QStringLiteral("database")) ? parser.value(QStringLiteral("database"))
                                                                  : dir.filePath(QStringLiteral("big.sqlite"));
    {
        HistoryStore store(path);
        if (!store.isOpen()) {
            out() << store.error() << '\n';
            return 1;
        }
        const qint64 have = store.count();
        if (have < calls) {
            out() << "Generating " << calls - have << " calls…\n";
            out().flush();
            QElapsedTimer timer;
            timer.start();
            for (qint64 i = have; i < calls;) {
                QList<HistoryRecord> batch;
                for (int j = 0; j < 10000 && i < calls; ++j, ++i)
                    batch.append(makeRecord(i, now));
                if (!store.insert(batch)) {
                    out() << store.error() << '\n';
                    return 1;
                }
            }
            out() << QStringLiteral("  %1 s\n").arg(double(timer.elapsed()) / 1000, 0, 'f', 1);
        }
    }
    HistoryStore store(path);
    QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
    raw.setDatabaseName(path);
    raw.open();
    const int rounds = 7;
    const double count = medianMs(rounds, [&] {
        QSqlQuery query(raw);
        query.exec(QStringLiteral("SELECT count(*) FROM calls"));
        query.next();
    });
    out() << QStringLiteral("Database of %1 calls (median of %2; baseline: SELECT count(*) = %3 ms):\n")
                 .arg(store.count())
                 .arg(rounds)
                 .arg(count, 0, 'f', 2);
    row(QStringLiteral("History panel: open, first rows"),
        medianMs(rounds,
                 [&] {
                     HistoryModel model;
                     model.setDatabase(path);
                 }),
        count, QStringLiteral("100 ms"));
    HistoryFilter byCode;
    byCode.code = QStringLiteral("301");
    row(QStringLiteral("filter by code, first rows"), medianMs(rounds, [&] { store.calls(byCode, 200); }), count,
        QStringLiteral("50 ms"));
    HistoryFilter byMethod;
    byMethod.method = QStringLiteral("updateLeads");
    row(QStringLiteral("filter by method, first rows"), medianMs(rounds, [&] { store.calls(byMethod, 200); }), count,
        QStringLiteral("50 ms"));
    HistoryFilter text;
    text.search = QStringLiteral("req-00000001");
    row(QStringLiteral("full-text search, first rows"), medianMs(rounds, [&] { store.calls(text, 200); }), count,
        QStringLiteral("150 ms"));
    row(QStringLiteral("stats --by code"), medianMs(3, [&] { store.stats(HistoryStore::StatsBy::Code); }), count,
        QStringLiteral("500 ms"));
    row(QStringLiteral("stats --by method"), medianMs(3, [&] { store.stats(HistoryStore::StatsBy::Method); }), count,
        QStringLiteral("500 ms"));
    row(QStringLiteral("stats --by day"), medianMs(3, [&] { store.stats(HistoryStore::StatsBy::Day); }), count,
        QStringLiteral("500 ms"));
    row(QStringLiteral("stats --by env"), medianMs(3, [&] { store.stats(HistoryStore::StatsBy::Environment); }), count,
        QStringLiteral("500 ms"));
    raw.close();
    raw = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    {
        HistoryStore checkpoint(path);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("cp"));
        db.setDatabaseName(path);
        db.open();
        QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("cp"));
    const qint64 bytes = QFileInfo(path).size();
    out() << QStringLiteral("  size %1 MB = %2 bytes per call (no bodies)   budget ≤ 1500\n")
                 .arg(double(bytes) / 1e6, 0, 'f', 1)
                 .arg(double(bytes) / double(qMax<qint64>(1, store.count())), 0, 'f', 0);
    return 0;
}
