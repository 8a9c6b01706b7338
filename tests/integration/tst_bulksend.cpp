#include "CliRun.h"
#include "CsvReader.h"
#include "SimConfig.h"
#include "SimServer.h"
#include "TestSupport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using TestSupport::runCli;

// Bulk runs of `send` (all pages, resume, split batches, CSV import, rate limits, late keys),
// through the real client to the real simulator on loopback. Every test starts its own simulator
// so limits and data do not leak between them.
class TestBulkSend : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    const QString m_secret = QStringLiteral("CANARY-bulksend-7e11ab");

    std::unique_ptr<SimServer> startSim(int leads, int perSecond = 0, int daily = 0)
    {
        SimConfig config;
        config.secretKey = m_secret;
        config.leads = leads;
        config.perSecond = perSecond;
        config.daily = daily;
        auto server = std::make_unique<SimServer>(config);
        QString error;
        if (!server->listen(&error))
            qWarning("%s", qPrintable(error));
        return server;
    }

    QString requestFile(const QString& name, const QString& method, const QString& params)
    {
        return TestSupport::writeFile(
            m_dir.path(), name,
            QStringLiteral("{\"method\":\"%1\",\"params\":%2,\"id\":\"bulk\"}").arg(method, params).toUtf8());
    }

    TestSupport::CliRun send(SimServer& server, const QStringList& args)
    {
        return runCli(QStringList{QStringLiteral("send")} + args +
                      QStringList{QStringLiteral("--endpoint"), server.endpoint().toString(),
                                  QStringLiteral("--account"), server.config().accountId,
                                  QStringLiteral("--secret-env"), QStringLiteral("LEADGEN_BULK_SECRET"),
                                  QStringLiteral("--quiet")});
    }

    // The ids of the active leads of the main account, as the simulator holds them.
    static QSet<QString> activeLeadIds(SimServer& server)
    {
        QSet<QString> ids;
        const SimTable& leads = server.api().store().mainCompany().table(QStringLiteral("lead"));
        const int active = leads.column(QStringLiteral("active"));
        for (const auto& [id, record] : leads.rows()) {
            const SimValue& value = leads.value(record, active);
            if (!value || *value != QLatin1String("0"))
                ids.insert(QString::number(id));
        }
        return ids;
    }

    static QList<QJsonObject> readJsonl(const QString& path)
    {
        QList<QJsonObject> records;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return records;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            if (!line.isEmpty())
                records.append(QJsonDocument::fromJson(line).object());
        }
        return records;
    }

    static QList<QStringList> readCsv(const QString& path)
    {
        QList<QStringList> rows;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return rows;
        CsvReader reader(&file);
        QStringList row;
        while (reader.readRow(&row))
            rows.append(row);
        return rows;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("LEADGEN_BULK_SECRET", m_secret.toUtf8());
        qputenv("LEADGEN_HISTORY", m_dir.filePath(QStringLiteral("history.sqlite")).toUtf8());
    }

    void allPagesFetchesEveryRecordOnce()
    {
        auto sim = startSim(1234);
        const QString request = requestFile(QStringLiteral("all.json"), QStringLiteral("getLeads"),
                                            QStringLiteral("{\"where\":{},\"limit\":100}"));
        const QString out = m_dir.filePath(QStringLiteral("all.jsonl"));
        const auto run = send(
            *sim, {request, QStringLiteral("--all-pages"), QStringLiteral("--jsonl"), out, QStringLiteral("--json")});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        const QJsonObject json = run.json();
        // The documented send keys stay; the bulk keys are added.
        for (const char* key : {"request", "url", "http_status", "elapsed_ms", "response", "diagnosis", "pages",
                                "records", "retries", "throttled_ms"})
            QVERIFY2(json.contains(QLatin1String(key)), key);
        const QSet<QString> expected = activeLeadIds(*sim);
        const QList<QJsonObject> records = readJsonl(out);
        QSet<QString> ids;
        for (const QJsonObject& record : records)
            ids.insert(record.value(QLatin1String("id")).toString());
        QCOMPARE(records.size(), expected.size());
        QCOMPARE(ids, expected);
        QCOMPARE(json.value(QLatin1String("records")).toInteger(), qint64(expected.size()));
        QCOMPARE(json.value(QLatin1String("pages")).toInt(), int(expected.size() / 100 + 1));
        QCOMPARE(json.value(QLatin1String("retries")).toInt(), 0);
        QVERIFY(!run.out.contains(m_secret));
    }

    void deepPagesFollowChanges()
    {
        // A page past the first is served from an index of the matching rows; a change to the data
        // must show in the next page at once.
        auto sim = startSim(600);
        const QString page = requestFile(QStringLiteral("page.json"), QStringLiteral("getLeads"),
                                         QStringLiteral("{\"where\":{},\"limit\":5,\"offset\":200}"));
        const auto firstIds = [&] {
            const auto run = send(*sim, {page, QStringLiteral("--json")});
            QStringList ids;
            const QJsonArray leads =
                run.json().value(QLatin1String("response"))[QLatin1String("result")][QLatin1String("lead")].toArray();
            for (const QJsonValue& lead : leads)
                ids.append(lead[QLatin1String("id")].toString());
            return ids;
        };
        const QStringList before = firstIds();
        QCOMPARE(before.size(), 5);
        const QString remove = requestFile(QStringLiteral("delete.json"), QStringLiteral("deleteLeads"),
                                           QStringLiteral("{\"objects\":[{\"id\":%1}]}").arg(before.first()));
        QCOMPARE(send(*sim, {remove}).status, 0);
        const QStringList after = firstIds();
        QCOMPARE(after.size(), 5);
        QCOMPARE(after.mid(0, 4), before.mid(1, 4));
    }

    void csvHeaderFollowsFields()
    {
        auto sim = startSim(250);
        const QString request = requestFile(
            QStringLiteral("fields.json"), QStringLiteral("getLeads"),
            QStringLiteral("{\"where\":{},\"limit\":100,\"fields\":[\"emailAddress\",\"id\",\"lastName\"]}"));
        const QString out = m_dir.filePath(QStringLiteral("fields.csv"));
        const auto run = send(*sim, {request, QStringLiteral("--all-pages"), QStringLiteral("--csv"), out});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        const QList<QStringList> rows = readCsv(out);
        QVERIFY(!rows.isEmpty());
        QCOMPARE(rows.first(),
                 (QStringList{QStringLiteral("emailAddress"), QStringLiteral("id"), QStringLiteral("lastName")}));
        QCOMPARE(rows.size() - 1, activeLeadIds(*sim).size());
        for (const QStringList& row : rows)
            QCOMPARE(row.size(), 3);
    }

    // A full disk: the run stops, and the offset it names is that of the first record that did not
    // reach the file (rows buffered from earlier pages are lost with the failed write), so
    // resuming there loses nothing.
    void writeFailureResumesAtFirstLostRecord()
    {
        if (!QFileInfo::exists(QStringLiteral("/dev/full")))
            QSKIP("needs /dev/full");
        auto sim = startSim(3000);
        const QString request = requestFile(QStringLiteral("full.json"), QStringLiteral("getLeads"),
                                            QStringLiteral("{\"where\":{},\"limit\":500}"));
        const auto run = send(*sim, {request, QStringLiteral("--all-pages"), QStringLiteral("--csv"),
                                     QStringLiteral("/dev/full"), QStringLiteral("--json")});
        QCOMPARE(run.status, 1);
        QCOMPARE(run.json().value(QLatin1String("stopped")).toString(), QStringLiteral("write_failed"));
        QCOMPARE(run.json().value(QLatin1String("resume_offset")).toInteger(), 0);
        QVERIFY2(run.err.contains(QLatin1String("--resume-offset 0")), qPrintable(run.err));
    }

    void resumeAfterStop()
    {
        auto sim = startSim(1000);
        const QString request = requestFile(QStringLiteral("resume.json"), QStringLiteral("getLeads"),
                                            QStringLiteral("{\"where\":{},\"limit\":100}"));
        const QString first = m_dir.filePath(QStringLiteral("first.jsonl"));
        const auto stopped =
            send(*sim, {request, QStringLiteral("--all-pages"), QStringLiteral("--max-pages"), QStringLiteral("3"),
                        QStringLiteral("--jsonl"), first, QStringLiteral("--json")});
        QCOMPARE(stopped.status, 0);
        QCOMPARE(stopped.json().value(QLatin1String("stopped")).toString(), QStringLiteral("max_pages"));
        QCOMPARE(stopped.json().value(QLatin1String("resume_offset")).toInteger(), 300);
        QVERIFY2(stopped.err.contains(QLatin1String("--resume-offset 300")), qPrintable(stopped.err));

        const QString rest = m_dir.filePath(QStringLiteral("rest.jsonl"));
        const auto resumed = send(*sim, {request, QStringLiteral("--all-pages"), QStringLiteral("--resume-offset"),
                                         QStringLiteral("300"), QStringLiteral("--jsonl"), rest});
        QVERIFY2(resumed.status == 0, qPrintable(resumed.err));
        QSet<QString> ids;
        int count = 0;
        for (const QString& path : {first, rest}) {
            for (const QJsonObject& record : readJsonl(path)) {
                ids.insert(record.value(QLatin1String("id")).toString());
                ++count;
            }
        }
        QCOMPARE(count, activeLeadIds(*sim).size());
        QCOMPARE(ids, activeLeadIds(*sim));
    }

    void splitBatchReportsFailuresAtTheirIndices()
    {
        auto sim = startSim(50);
        // 12 objects in calls of 5: index 3 takes a demo lead's address (301), index 8 repeats
        // index 1's address in another case (301, in a later call), index 10 names no user (303).
        QJsonArray objects;
        for (int i = 0; i < 12; ++i) {
            QJsonObject o;
            o.insert(QStringLiteral("emailAddress"), QStringLiteral("split%1@bulk.example").arg(i));
            o.insert(QStringLiteral("firstName"), QStringLiteral("Split%1").arg(i));
            objects.append(o);
        }
        QJsonObject taken = objects[3].toObject();
        taken.insert(QStringLiteral("emailAddress"), QStringLiteral("grace.hopper@northwind.example"));
        objects[3] = taken;
        QJsonObject again = objects[8].toObject();
        again.insert(QStringLiteral("emailAddress"), QStringLiteral("SPLIT1@Bulk.Example"));
        objects[8] = again;
        QJsonObject owner = objects[10].toObject();
        owner.insert(QStringLiteral("ownerID"), 12345);
        objects[10] = owner;
        QJsonObject params;
        params.insert(QStringLiteral("objects"), objects);
        const QString request = requestFile(QStringLiteral("split.json"), QStringLiteral("createLeads"),
                                            QString::fromUtf8(QJsonDocument(params).toJson(QJsonDocument::Compact)));
        const auto run =
            send(*sim, {request, QStringLiteral("--split"), QStringLiteral("5"), QStringLiteral("--json")});
        QCOMPARE(run.status, 1);
        const QJsonObject json = run.json();
        QCOMPARE(json.value(QLatin1String("pages")).toInt(), 3);
        const QJsonArray results = json.value(QLatin1String("objects")).toArray();
        QCOMPARE(results.size(), 12);
        const QMap<int, int> failures = {{3, 301}, {8, 301}, {10, 303}};
        for (int i = 0; i < 12; ++i) {
            const QJsonObject r = results.at(i).toObject();
            QCOMPARE(r.value(QLatin1String("index")).toInt(), i);
            if (failures.contains(i)) {
                QVERIFY2(!r.value(QLatin1String("success")).toBool(), qPrintable(QString::number(i)));
                QCOMPARE(r.value(QLatin1String("code")).toInt(), failures.value(i));
                QVERIFY(!r.value(QLatin1String("fix")).toString().isEmpty());
            } else {
                QVERIFY2(r.value(QLatin1String("success")).toBool(), qPrintable(QString::number(i)));
                QVERIFY(r.value(QLatin1String("id")).toDouble() > 0);
            }
        }
        QCOMPARE(json.value(QLatin1String("failed")).toInt(), 3);
    }

    void moreThan500ObjectsRefusedWithoutSplit()
    {
        auto sim = startSim(10);
        QJsonArray objects;
        for (int i = 0; i < 501; ++i) {
            QJsonObject o;
            o.insert(QStringLiteral("emailAddress"), QStringLiteral("many%1@bulk.example").arg(i));
            objects.append(o);
        }
        QJsonObject params;
        params.insert(QStringLiteral("objects"), objects);
        const QString request = requestFile(QStringLiteral("many.json"), QStringLiteral("createLeads"),
                                            QString::fromUtf8(QJsonDocument(params).toJson(QJsonDocument::Compact)));
        const quint64 before = sim->requestCount();
        const auto run = send(*sim, {request});
        QCOMPARE(run.status, 1);
        QVERIFY2(run.err.contains(QLatin1String("209")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QLatin1String("--split")), qPrintable(run.err));
        QCOMPARE(sim->requestCount(), before);
    }

    void csvImportWithBadColumnAndDuplicates()
    {
        auto sim = startSim(20);
        const QString csv =
            TestSupport::writeFile(m_dir.path(), QStringLiteral("contacts.csv"),
                                   "Email Address,first name,Last Name,Favourite Colr\r\n"
                                   "ada@import.example,Ada,Lovelace,blue\r\n"
                                   "\"linus@import.example\",\"Linus, the \"\"T\"\"\",Torvalds,green\r\n"
                                   "ADA@Import.Example,Ada,Again,red\r\n"
                                   "grace.hopper@northwind.example,Grace,Hopper,\r\n"
                                   "edsger@import.example,Edsger,Dijkstra,\r\n");
        const QString results = m_dir.filePath(QStringLiteral("contacts.results.csv"));
        const auto run = send(*sim, {QStringLiteral("--objects-csv"), csv, QStringLiteral("--method"),
                                     QStringLiteral("createLeads"), QStringLiteral("--split"), QStringLiteral("2")});
        QCOMPARE(run.status, 1);
        QVERIFY2(run.err.contains(QLatin1String("Favourite Colr")), qPrintable(run.err));
        const QList<QStringList> rows = readCsv(results);
        QCOMPARE(rows.size(), 6);
        QCOMPARE(rows.at(0), (QStringList{QStringLiteral("Email Address"), QStringLiteral("first name"),
                                          QStringLiteral("Last Name"), QStringLiteral("Favourite Colr"),
                                          QStringLiteral("success"), QStringLiteral("id"), QStringLiteral("code"),
                                          QStringLiteral("message"), QStringLiteral("fix")}));
        // One row per input row, in input order; duplicates at their own rows.
        QCOMPARE(rows.at(1).at(0), QStringLiteral("ada@import.example"));
        QCOMPARE(rows.at(1).at(4), QStringLiteral("true"));
        QCOMPARE(rows.at(2).at(1), QStringLiteral("Linus, the \"T\""));
        QCOMPARE(rows.at(2).at(4), QStringLiteral("true"));
        QCOMPARE(rows.at(3).at(4), QStringLiteral("false"));
        QCOMPARE(rows.at(3).at(6), QStringLiteral("301"));
        QVERIFY(!rows.at(3).at(8).isEmpty());
        QCOMPARE(rows.at(4).at(6), QStringLiteral("301"));
        QCOMPARE(rows.at(5).at(4), QStringLiteral("true"));
        QVERIFY(rows.at(5).at(5).toLongLong() > 0);
        // The lead was created with the mapped fields.
        const SimCompany& company = sim->api().store().mainCompany();
        QVERIFY(company.leadByEmail.contains(QStringLiteral("linus@import.example")));

        // --strict refuses the unknown column before sending anything.
        const quint64 before = sim->requestCount();
        const auto strict = send(*sim, {QStringLiteral("--objects-csv"), csv, QStringLiteral("--method"),
                                        QStringLiteral("createLeads"), QStringLiteral("--strict")});
        QCOMPARE(strict.status, 2);
        QVERIFY2(strict.err.contains(QLatin1String("Favourite Colr")), qPrintable(strict.err));
        QCOMPARE(sim->requestCount(), before);
    }

    void perSecondLimitIsRetried()
    {
        // The service allows 4 calls a second, the client is allowed 20: 107s come back and are
        // retried; every record still arrives exactly once.
        auto sim = startSim(900, 4);
        const QString request = requestFile(QStringLiteral("fast.json"), QStringLiteral("getLeads"),
                                            QStringLiteral("{\"where\":{},\"limit\":100}"));
        const QString out = m_dir.filePath(QStringLiteral("fast.jsonl"));
        const auto run = send(*sim, {request, QStringLiteral("--all-pages"), QStringLiteral("--rate"),
                                     QStringLiteral("20"), QStringLiteral("--retries"), QStringLiteral("8"),
                                     QStringLiteral("--jsonl"), out, QStringLiteral("--json")});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        const QJsonObject json = run.json();
        QVERIFY2(json.value(QLatin1String("retries")).toInt() > 0, qPrintable(run.out.left(2000)));
        QVERIFY(json.value(QLatin1String("throttled_ms")).toInteger() > 0);
        QSet<QString> ids;
        const QList<QJsonObject> records = readJsonl(out);
        for (const QJsonObject& record : records)
            ids.insert(record.value(QLatin1String("id")).toString());
        QCOMPARE(records.size(), activeLeadIds(*sim).size());
        QCOMPARE(ids, activeLeadIds(*sim));
    }

    void dailyLimitStopsTheRun()
    {
        auto sim = startSim(1000, 0, 4);
        const QString request = requestFile(QStringLiteral("daily.json"), QStringLiteral("getLeads"),
                                            QStringLiteral("{\"where\":{},\"limit\":100}"));
        const QString out = m_dir.filePath(QStringLiteral("daily.jsonl"));
        const auto run = send(
            *sim, {request, QStringLiteral("--all-pages"), QStringLiteral("--jsonl"), out, QStringLiteral("--json")});
        QCOMPARE(run.status, 1);
        const QJsonObject json = run.json();
        QCOMPARE(json.value(QLatin1String("stopped")).toString(), QStringLiteral("quota_exhausted"));
        QCOMPARE(json.value(QLatin1String("records")).toInteger(), 400);
        QCOMPARE(json.value(QLatin1String("resume_offset")).toInteger(), 400);
        QVERIFY2(run.err.contains(QLatin1String("106")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QLatin1String("--resume-offset 400")), qPrintable(run.err));
        QCOMPARE(readJsonl(out).size(), 400);
    }

    void lateKeysAreKeptInTheCsv()
    {
        auto sim = startSim(300);
        // After the first page, the account gains a field: later records bring a new key.
        const QString lateField = QStringLiteral("Late_Field_0123456789abc");
        SimServer* server = sim.get();
        connect(server, &SimServer::requestHandled, this, [server, lateField] {
            SimTable& leads = server->api().store().mainCompany().table(QStringLiteral("lead"));
            leads.addColumn(lateField, QStringLiteral("late"));
        });
        const QString request = requestFile(QStringLiteral("late.json"), QStringLiteral("getLeads"),
                                            QStringLiteral("{\"where\":{},\"limit\":100}"));
        const QString out = m_dir.filePath(QStringLiteral("late.csv"));
        const auto run = send(
            *sim, {request, QStringLiteral("--all-pages"), QStringLiteral("--csv"), out, QStringLiteral("--json")});
        QVERIFY2(run.status == 0, qPrintable(run.err));
        QCOMPARE(run.json().value(QLatin1String("late_keys")).toArray(), QJsonArray{lateField});
        QVERIFY2(run.err.contains(lateField), qPrintable(run.err));
        const QList<QStringList> rows = readCsv(out);
        QCOMPARE(rows.size() - 1, activeLeadIds(*sim).size());
        const int column = int(rows.first().indexOf(lateField));
        QCOMPARE(column, int(rows.first().size() - 1));
        for (const QStringList& row : rows)
            QCOMPARE(row.size(), rows.first().size());
        QCOMPARE(rows.at(1).at(column), QString()); // first page: before the field existed
        QCOMPARE(rows.last().at(column), QStringLiteral("late"));
    }

    void bulkMutationOfARealEnvironmentNeedsYes()
    {
        // Standard input is not a terminal here: without --yes nothing is sent.
        const QString csv =
            TestSupport::writeFile(m_dir.path(), QStringLiteral("real.csv"), "emailAddress\r\nreal@import.example\r\n");
        const auto run = runCli({QStringLiteral("send"), QStringLiteral("--objects-csv"), csv,
                                 QStringLiteral("--method"), QStringLiteral("createLeads"),
                                 QStringLiteral("--endpoint"), QStringLiteral("https://bulk.invalid/pubapi/v1.2/"),
                                 QStringLiteral("--account"), QStringLiteral("12345"), QStringLiteral("--secret-env"),
                                 QStringLiteral("LEADGEN_BULK_SECRET"), QStringLiteral("--quiet")});
        QCOMPARE(run.status, 2);
        QVERIFY2(run.err.contains(QLatin1String("--yes")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QLatin1String("1 object with createLeads")), qPrintable(run.err));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("not paginated") << QStringList{QStringLiteral("getLead.json"), QStringLiteral("--all-pages")}
                                       << QStringLiteral("not paginated");
        QTest::newRow("split on a read") << QStringList{QStringLiteral("getLead.json"), QStringLiteral("--split"),
                                                        QStringLiteral("5")}
                                         << QStringLiteral("batch methods");
        QTest::newRow("split too big") << QStringList{QStringLiteral("getLead.json"), QStringLiteral("--split"),
                                                      QStringLiteral("501")}
                                       << QStringLiteral("1 to 500");
        QTest::newRow("json to stdout") << QStringList{QStringLiteral("getLead.json"), QStringLiteral("--all-pages"),
                                                       QStringLiteral("--csv"), QStringLiteral("-"),
                                                       QStringLiteral("--json")}
                                        << QStringLiteral("one JSON document");
        QTest::newRow("csv without method")
            << QStringList{QStringLiteral("--objects-csv"), QStringLiteral("x.csv")} << QStringLiteral("--method");
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        auto sim = startSim(10);
        requestFile(QStringLiteral("getLead.json"), QStringLiteral("getLead"), QStringLiteral("{\"id\":1}"));
        QStringList full = args;
        if (!full.isEmpty() && full.first().endsWith(QLatin1String(".json")))
            full[0] = m_dir.filePath(full.first());
        const auto run = send(*sim, full);
        QCOMPARE(run.status, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestBulkSend)
#include "tst_bulksend.moc"
