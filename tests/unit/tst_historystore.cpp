#include "CallCapture.h"
#include "Diagnosis.h"
#include "HistoryRecord.h"
#include "HistoryRecorder.h"
#include "HistoryStore.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <future>
#include <memory>

// The call history's store and recorder: every field round-trips, filters and full-text search
// find what they should, prune keeps metadata, a broken file is moved aside, and the secret
// never reaches the database.
class TestHistoryStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;

    QString freshPath() { return m_dir.filePath(QStringLiteral("history-%1.sqlite").arg(++m_files)); }

    static HistoryRecord sample(qint64 timeMs, const QString& method, std::optional<int> code)
    {
        HistoryRecord record;
        record.timeMs = timeMs;
        record.source = QStringLiteral("gui");
        record.environment = QStringLiteral("Simulator");
        record.url =
            QStringLiteral("http://127.0.0.1:1/pubapi/v1.2/?accountID=A1&secretKey=%E2%80%A2%E2%80%A2%E2%80%A2");
        record.account = QStringLiteral("A1");
        record.method = method;
        record.requestId = QStringLiteral("req-%1").arg(timeMs);
        record.requestBody =
            QStringLiteral("{\"method\":\"%1\",\"params\":{},\"id\":\"req-%2\"}").arg(method).arg(timeMs).toUtf8();
        record.requestHeaders = {{"Content-Type", "application/json"}};
        record.httpStatus = 200;
        record.responseHeaders = {{"Content-Type", "application/json"}, {"X-Request", "r1"}};
        record.responseBody = "{\"result\":{\"lead\":[]},\"error\":null,\"id\":\"x\"}";
        record.responseSize = record.responseBody.size();
        record.elapsedMs = 42;
        record.verdict = code ? QStringLiteral("api_error") : QStringLiteral("ok");
        if (code) {
            HistoryFinding finding;
            finding.code = *code;
            finding.level = QStringLiteral("api");
            finding.severity = QStringLiteral("error");
            finding.path = QStringLiteral("$.error");
            finding.message = QStringLiteral("The API answered %1: Invalid parameters").arg(*code);
            record.findings.append(finding);
        }
        return record;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void schemaAndPragmas()
    {
        HistoryStore store(freshPath());
        QVERIFY2(store.isOpen(), qPrintable(store.error()));
        QVERIFY(store.checkIntegrity());
        QCOMPARE(store.count(), qint64(0));
        // The file is private to the user: bodies can hold personal data.
        QCOMPARE(QFile::permissions(store.path()) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    }

    void roundTripEveryField()
    {
        HistoryStore store(freshPath());
        HistoryRecord record = sample(1'700'000'000'123, QStringLiteral("getLeads"), 205);
        record.responseBody = QByteArray(20000, 'x'); // compressed above the threshold
        record.responseSize = 50000;
        record.bodyCut = true;
        record.transportError = QStringLiteral("connection");
        HistoryFinding object;
        object.key = QStringLiteral("id_mismatch");
        object.level = QStringLiteral("envelope");
        object.severity = QStringLiteral("warning");
        object.path = QStringLiteral("$.id");
        object.index = 2;
        object.message = QStringLiteral("ids differ");
        record.findings.append(object);
        QList<HistoryRecord> batch{record};
        QVERIFY2(store.insert(batch), qPrintable(store.error()));
        QVERIFY(batch.first().id > 0);

        const std::optional<HistoryRecord> read = store.call(batch.first().id);
        QVERIFY(read);
        QCOMPARE(read->timeMs, record.timeMs);
        QCOMPARE(read->source, record.source);
        QCOMPARE(read->environment, record.environment);
        QCOMPARE(read->url, record.url);
        QCOMPARE(read->account, record.account);
        QCOMPARE(read->method, record.method);
        QCOMPARE(read->requestId, record.requestId);
        QCOMPARE(read->requestBody, record.requestBody);
        QCOMPARE(read->requestHeaders, record.requestHeaders);
        QCOMPARE(read->httpStatus, record.httpStatus);
        QCOMPARE(read->responseHeaders, record.responseHeaders);
        QCOMPARE(read->responseBody, record.responseBody);
        QCOMPARE(read->responseSize, record.responseSize);
        QCOMPARE(read->bodyCut, true);
        QCOMPARE(read->elapsedMs, record.elapsedMs);
        QCOMPARE(read->verdict, record.verdict);
        QCOMPARE(read->transportError, record.transportError);
        QCOMPARE(read->findings.size(), 2);
        QCOMPARE(read->findings.at(0).code, std::optional<int>(205));
        QCOMPARE(read->findings.at(1).key, QStringLiteral("id_mismatch"));
        QCOMPARE(read->findings.at(1).index, 2);
        QCOMPARE(read->findings.at(1).severity, QStringLiteral("warning"));
        QCOMPARE(read->findings.at(1).message, QStringLiteral("ids differ"));
        const QJsonObject json = read->toJson(true);
        QCOMPARE(json.value(QLatin1String("codes")).toArray(), (QJsonArray{205, QStringLiteral("id_mismatch")}));
        QCOMPARE(json.value(QLatin1String("request")).toObject().value(QLatin1String("method")).toString(),
                 QStringLiteral("getLeads"));
    }

    void filtersAndSearch_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("expected");
        QTest::newRow("all") << QString() << QString() << 4;
        QTest::newRow("method") << QStringLiteral("method") << QStringLiteral("getLeads") << 2;
        QTest::newRow("code") << QStringLiteral("code") << QStringLiteral("205") << 1;
        QTest::newRow("code 301") << QStringLiteral("code") << QStringLiteral("301") << 2;
        QTest::newRow("verdict") << QStringLiteral("verdict") << QStringLiteral("ok") << 1;
        QTest::newRow("since") << QStringLiteral("since") << QStringLiteral("3000") << 2;
        QTest::newRow("until") << QStringLiteral("until") << QStringLiteral("2000") << 2;
        QTest::newRow("search method prefix") << QStringLiteral("search") << QStringLiteral("createLe") << 1;
        QTest::newRow("search message") << QStringLiteral("search") << QStringLiteral("invalid parameters") << 3;
        QTest::newRow("search request id") << QStringLiteral("search") << QStringLiteral("req-4000") << 1;
        QTest::newRow("search with quotes") << QStringLiteral("search") << QStringLiteral("\"unbalanced") << 0;
        QTest::newRow("search operator words") << QStringLiteral("search") << QStringLiteral("NOT OR AND") << 0;
    }
    void filtersAndSearch()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(int, expected);
        HistoryStore store(freshPath());
        QList<HistoryRecord> batch{
            sample(1000, QStringLiteral("getLeads"), std::nullopt), sample(2000, QStringLiteral("getLeads"), 205),
            sample(3000, QStringLiteral("updateLeads"), 301), sample(4000, QStringLiteral("createLeads"), 301)};
        QVERIFY(store.insert(batch));
        HistoryFilter filter;
        if (field == QLatin1String("method"))
            filter.method = value;
        else if (field == QLatin1String("code"))
            filter.code = value;
        else if (field == QLatin1String("verdict"))
            filter.verdict = value;
        else if (field == QLatin1String("since"))
            filter.sinceMs = value.toLongLong();
        else if (field == QLatin1String("until"))
            filter.untilMs = value.toLongLong();
        else if (field == QLatin1String("search"))
            filter.search = value;
        const QList<HistoryRecord> calls = store.calls(filter, 100);
        QVERIFY2(store.error().isEmpty(), qPrintable(store.error()));
        QCOMPARE(calls.size(), expected);
        QCOMPARE(store.count(filter), qint64(expected));
        for (int i = 1; i < calls.size(); ++i)
            QVERIFY(calls.at(i - 1).timeMs >= calls.at(i).timeMs); // newest first
    }

    void statsByCodeAndMethod()
    {
        HistoryStore store(freshPath());
        QList<HistoryRecord> batch{
            sample(1000, QStringLiteral("getLeads"), std::nullopt), sample(2000, QStringLiteral("getLeads"), 205),
            sample(3000, QStringLiteral("updateLeads"), 301), sample(4000, QStringLiteral("createLeads"), 301)};
        QVERIFY(store.insert(batch));
        const QList<HistoryStore::StatsRow> codes = store.stats(HistoryStore::StatsBy::Code);
        QCOMPARE(codes.size(), 2);
        QCOMPARE(codes.at(0).key, QVariant(301));
        QCOMPARE(codes.at(0).calls, qint64(2));
        QCOMPARE(codes.at(0).errors, qint64(2));
        QCOMPARE(codes.at(0).firstMs, qint64(3000));
        QCOMPARE(codes.at(0).lastMs, qint64(4000));
        const QList<HistoryStore::StatsRow> methods = store.stats(HistoryStore::StatsBy::Method);
        QCOMPARE(methods.at(0).key, QVariant(QStringLiteral("getLeads")));
        QCOMPARE(methods.at(0).calls, qint64(2));
        QCOMPARE(methods.at(0).errors, qint64(1));
        QCOMPARE(store.stats(HistoryStore::StatsBy::Day).size(), 1);
        QCOMPARE(store.stats(HistoryStore::StatsBy::Code, 3500).at(0).calls, qint64(1));
    }

    void pruneKeepsMetadata()
    {
        HistoryStore store(freshPath());
        const qint64 day = 24 * 3600 * 1000LL;
        const qint64 now = 100 * day;
        QList<HistoryRecord> batch{sample(now - 40 * day, QStringLiteral("getLeads"), 301),
                                   sample(now - 2 * day, QStringLiteral("getLeads"), 205),
                                   sample(now - day, QStringLiteral("getLeads"), std::nullopt)};
        for (HistoryRecord& record : batch)
            record.responseBody = QByteArray(3000, 'b');
        QVERIFY(store.insert(batch));
        const auto byAge = store.prune(30, -1, now);
        QVERIFY(byAge);
        QCOMPARE(byAge->callsDeleted, qint64(1));
        QCOMPARE(store.count(), qint64(2));
        QCOMPARE(store.count(HistoryFilter{QString(), QStringLiteral("301")}), qint64(0));
        // The oldest bodies go first; the rows and their findings stay.
        const qint64 before = store.bodyBytes();
        const auto bySize = store.prune(-1, before - 1, now);
        QVERIFY(bySize);
        QCOMPARE(bySize->bodiesDropped, qint64(1));
        QCOMPARE(store.count(), qint64(2));
        const std::optional<HistoryRecord> oldest = store.call(batch.at(1).id);
        QVERIFY(oldest);
        QVERIFY(oldest->bodiesDropped);
        QVERIFY(oldest->responseBody.isEmpty());
        QCOMPARE(oldest->findings.size(), 1);
        QVERIFY(!store.call(batch.at(2).id)->responseBody.isEmpty());
        QVERIFY(store.checkIntegrity());
    }

    void brokenFileMovedAside()
    {
        const QString path = freshPath();
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(8192, 'Z')); // not a database
        }
        HistoryStore store(path);
        QVERIFY2(store.isOpen(), qPrintable(store.error()));
        QVERIFY2(store.notice().contains(QLatin1String("moved to")), qPrintable(store.notice()));
        const QStringList aside =
            QDir(m_dir.path()).entryList({QFileInfo(path).fileName() + QStringLiteral(".broken-*")});
        QCOMPARE(aside.size(), 1);
        QFile kept(m_dir.filePath(aside.first()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray(8192, 'Z')); // nothing silently lost
        QList<HistoryRecord> batch{sample(1, QStringLiteral("getLeads"), std::nullopt)};
        QVERIFY(store.insert(batch));
    }

    // A database of the first schema is migrated forward on open, its codes filled in from the
    // findings it already holds.
    void migratesVersionOne()
    {
        const QString path = freshPath();
        {
            HistoryStore store(path);
            QList<HistoryRecord> batch{sample(1000, QStringLiteral("getLeads"), 301),
                                       sample(2000, QStringLiteral("createLeads"), 301),
                                       sample(3000, QStringLiteral("getLead"), 205)};
            QVERIFY(store.insert(batch));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("DROP TABLE call_codes")));
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 1")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        HistoryStore store(path);
        QVERIFY2(store.isOpen(), qPrintable(store.error()));
        const QList<HistoryStore::StatsRow> codes = store.stats(HistoryStore::StatsBy::Code);
        QCOMPARE(codes.size(), 2);
        QCOMPARE(codes.at(0).key, QVariant(301));
        QCOMPARE(codes.at(0).calls, qint64(2));
        QCOMPARE(codes.at(0).errors, qint64(2));
        QCOMPARE(codes.at(0).firstMs, qint64(1000));
        QCOMPARE(codes.at(1).key, QVariant(205));
        QVERIFY(store.checkIntegrity());
    }

    void newerSchemaIsRefusedNotMoved()
    {
        const QString path = freshPath();
        {
            HistoryStore store(path);
            QVERIFY(store.isOpen());
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 99"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
        HistoryStore store(path);
        QVERIFY(!store.isOpen());
        QVERIFY2(store.error().contains(QLatin1String("newer version")), qPrintable(store.error()));
        QVERIFY(QFile::exists(path));
    }

    // The secret used for a call is in no byte of the database, its -wal or -shm, however the
    // call carried or echoed it.
    void secretNeverStored()
    {
        const QString secret = QStringLiteral("CANARY-history-7f3a91");
        CallCapture capture;
        capture.displayUrl = QStringLiteral("https://api.example/pubapi/v1.2/?accountID=A1&secretKey=•••");
        capture.requestBody =
            QStringLiteral("{\"method\":\"getLeads\",\"params\":{},\"id\":\"1\",\"header\":{\"accountID\":"
                           "\"A1\",\"secretKey\":\"%1\"}}")
                .arg(secret)
                .toUtf8();
        capture.requestHeaders = {{"X-Echo", QStringLiteral("secretKey=%1").arg(secret).toUtf8()}};
        capture.hasResponse = true;
        capture.httpStatus = 200;
        capture.responseHeaders = {{"X-Debug", secret.toUtf8()}};
        const QByteArray body =
            QStringLiteral("{\"result\":null,\"error\":{\"code\":101,\"message\":\"bad key %1\"},\"id\":\"1\"}")
                .arg(secret)
                .toUtf8();
        capture.body = body;
        capture.bodySize = body.size();
        Diagnosis diagnosis;
        Finding finding;
        finding.code = 101;
        finding.message = QStringLiteral("The API said: bad key %1").arg(secret);
        diagnosis.findings.append(finding);
        const QString path = freshPath();
        {
            HistoryRecorder recorder(path);
            QSignalSpy recorded(&recorder, &HistoryRecorder::recorded);
            recorder.record(HistoryRecord::fromCall(capture, body, &diagnosis, QStringLiteral("Prod"),
                                                    QStringLiteral("A1"), QStringLiteral("gui"), secret, 1 << 20));
            QVERIFY(recorder.flush());
            QCOMPARE(recorder.writtenCount(), qint64(1));
            QVERIFY(recorded.count() == 1 || recorded.wait(5000));
            // Read back while the -wal file still holds the data.
            for (const char* suffix : {"", "-wal", "-shm"}) {
                QFile file(path + QLatin1String(suffix));
                if (!file.open(QIODevice::ReadOnly))
                    continue;
                const QByteArray bytes = file.readAll();
                QVERIFY2(!bytes.contains(secret.toUtf8()), suffix);
            }
        }
        HistoryStore store(path);
        const std::optional<HistoryRecord> read = store.call(1);
        QVERIFY(read);
        QVERIFY(!read->requestBody.contains(secret.toUtf8()));
        QVERIFY(read->responseBody.contains("bad key"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(secret.toUtf8()));
    }

    // A burst is written in few transactions, and the caller never waits on the disk.
    void recorderBatchesBursts()
    {
        const QString path = freshPath();
        HistoryRecorder recorder(path);
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 500; ++i)
            recorder.record(sample(i, QStringLiteral("getLeads"), i % 7 == 0 ? std::optional<int>(301) : std::nullopt));
        QVERIFY(recorder.flush());
        QCOMPARE(recorder.writtenCount(), qint64(500));
        QVERIFY(recorder.lastFailure().isEmpty());
        HistoryStore store(path);
        QCOMPARE(store.count(), qint64(500));
        QCOMPARE(store.count(HistoryFilter{QString(), QStringLiteral("301")}), qint64(72));
    }

    // A caller far ahead of the recorder waits for room (a bulk run holds a few bodies, not
    // thousands), and each job's captures are let go once its record is made.
    void recorderMakesRoom()
    {
        HistoryRecorder recorder(freshPath());
        std::promise<void> release;
        std::shared_future<void> released = release.get_future().share();
        const auto body = std::make_shared<QByteArray>(QByteArray(1024, 'x'));
        recorder.record([released, body] {
            released.wait();
            return sample(1, QStringLiteral("getLeads"), std::nullopt);
        });
        for (int i = 2; i <= 4; ++i)
            recorder.record([body, i] { return sample(i, QStringLiteral("getLeads"), std::nullopt); });
        QVERIFY(!recorder.waitForRoom(4, 50)); // the first job is blocked: 4 wait for their record
        QVERIFY(body.use_count() > 1);
        release.set_value();
        QVERIFY(recorder.waitForRoom(1));
        QVERIFY(recorder.flush());
        QCOMPARE(recorder.writtenCount(), qint64(4));
        QCOMPARE(body.use_count(), 1L);
    }

    // A full disk (the file capped at its current size: SQLite answers SQLITE_FULL as it does on
    // ENOSPC): the first failed write is reported, later ones are not; nothing half-written stays.
    void diskFullReportedOnce()
    {
        const QString path = freshPath();
        qint64 pages = 0;
        {
            HistoryStore store(path);
            QVERIFY(store.isOpen());
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("pages"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("PRAGMA page_count")) && query.next());
            pages = query.value(0).toLongLong();
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("pages"));
        qputenv("LEADGEN_HISTORY_MAX_PAGES", QByteArray::number(pages));
        {
            HistoryRecorder recorder(path);
            QSignalSpy failed(&recorder, &HistoryRecorder::failed);
            for (int i = 0; i < 3; ++i) {
                HistoryRecord big = sample(i, QStringLiteral("getLeads"), 205);
                // Distinct words: neither compression nor the full-text index makes them small.
                big.responseBody.clear();
                for (int word = 0; word < 20'000; ++word)
                    big.responseBody += "w" + QByteArray::number(word * 7919 + i) + ' ';
                recorder.record(big);
                QVERIFY(recorder.flush());
            }
            QTRY_COMPARE(failed.count(), 1);
            QVERIFY2(failed.constFirst().constFirst().toString().contains(QLatin1String("full")),
                     qPrintable(failed.constFirst().constFirst().toString()));
            QCOMPARE(recorder.writtenCount(), qint64(0));
        }
        qunsetenv("LEADGEN_HISTORY_MAX_PAGES");
        HistoryStore store(path);
        QCOMPARE(store.count(), qint64(0));
        QVERIFY(store.checkIntegrity());
    }

    void unwritableLocationReportedOnce()
    {
        HistoryRecorder recorder(QStringLiteral("/proc/leadgen-no-such-dir/history.sqlite"));
        QSignalSpy failed(&recorder, &HistoryRecorder::failed);
        for (int i = 0; i < 3; ++i) {
            recorder.record(sample(i, QStringLiteral("getLeads"), std::nullopt));
            QVERIFY(recorder.flush());
        }
        QTRY_COMPARE(failed.count(), 1);
        QVERIFY(!recorder.lastFailure().isEmpty());
        QCOMPARE(recorder.writtenCount(), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
