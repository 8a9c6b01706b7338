#include "CliRun.h"
#include "SimConfig.h"
#include "SimServer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using TestSupport::runCli;

// `send` records every call in the history; `history`, `history show`, `history diff`,
// `history prune` and `stats` read it back in the documented shapes. Through the real client to
// the real simulator on loopback.
class TestHistoryCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_database;
    std::unique_ptr<SimServer> m_server;
    const QString m_secret = QStringLiteral("CANARY-historycli-51c0de");

    TestSupport::CliRun send(const QString& method, const QString& params)
    {
        const QString path = m_dir.filePath(QStringLiteral("request.json"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        // The same id every time: a diff of two responses shows what changed in the data.
        file.write(QStringLiteral("{\"method\":\"%1\",\"params\":%2,\"id\":\"same\"}").arg(method, params).toUtf8());
        file.close();
        return runCli({QStringLiteral("send"), path, QStringLiteral("--endpoint"), m_server->endpoint().toString(),
                       QStringLiteral("--account"), m_server->config().accountId, QStringLiteral("--secret-env"),
                       QStringLiteral("LEADGEN_HISTORYCLI_SECRET")});
    }

    QJsonArray calls(const QStringList& filter = {})
    {
        const auto run =
            runCli(QStringList{QStringLiteral("history")} + filter + QStringList{QStringLiteral("--json")});
        return run.json().value(QLatin1String("calls")).toArray();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_database = m_dir.filePath(QStringLiteral("history.sqlite"));
        qputenv("LEADGEN_HISTORY", m_database.toUtf8());
        qputenv("LEADGEN_HISTORYCLI_SECRET", m_secret.toUtf8());
        SimConfig config;
        config.secretKey = m_secret;
        m_server = std::make_unique<SimServer>(config);
        QString error;
        QVERIFY2(m_server->listen(&error), qPrintable(error));
    }

    void emptyHistory()
    {
        const auto run = runCli({QStringLiteral("history")});
        QCOMPARE(run.status, 0);
        QVERIFY2(run.out.contains(QLatin1String("No calls recorded yet")), qPrintable(run.out));
    }

    void recordsSendAndDiffs()
    {
        const QString email = QStringLiteral("ada.history@example.com");
        QCOMPARE(send(QStringLiteral("createLeads"),
                      QStringLiteral("{\"objects\":[{\"emailAddress\":\"%1\",\"firstName\":\"Ada\"}]}").arg(email))
                     .status,
                 0);
        const QJsonArray created = calls();
        QCOMPARE(created.size(), 1);
        const qint64 createId = created.at(0)[QLatin1String("id")].toInteger();
        const auto shown = runCli(
            {QStringLiteral("history"), QStringLiteral("show"), QString::number(createId), QStringLiteral("--json")});
        QCOMPARE(shown.status, 0);
        const QJsonObject call = shown.json();
        for (const char* key : {"id", "time", "env", "method", "http_status", "verdict", "codes", "elapsed_ms", "url",
                                "request", "response", "findings"})
            QVERIFY2(call.contains(QLatin1String(key)), key);
        QCOMPARE(call.value(QLatin1String("method")).toString(), QStringLiteral("createLeads"));
        QCOMPARE(call.value(QLatin1String("http_status")).toInt(), 200);
        const QString url = call.value(QLatin1String("url")).toString();
        QVERIFY2(url.contains(QStringLiteral("secretKey=•••")), qPrintable(url));
        const QJsonValue leadId = call.value(
            QLatin1String("response"))[QLatin1String("result")][QLatin1String("creates")][0][QLatin1String("id")];
        QVERIFY2(!leadId.isUndefined(), shown.out.toUtf8().constData());

        const QString where = QStringLiteral("{\"where\":{\"emailAddress\":\"%1\"}}").arg(email);
        QCOMPARE(send(QStringLiteral("getLeads"), where).status, 0);
        const QString idJson =
            QString::fromUtf8(QJsonDocument(QJsonArray{leadId}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
        QCOMPARE(send(QStringLiteral("updateLeads"),
                      QStringLiteral("{\"objects\":[{\"id\":%1,\"firstName\":\"Grace\"}]}").arg(idJson))
                     .status,
                 0);
        QCOMPARE(send(QStringLiteral("getLeads"), where).status, 0);

        const QJsonArray reads = calls({QStringLiteral("--method"), QStringLiteral("getLeads")});
        QCOMPARE(reads.size(), 2);
        const qint64 after = reads.at(0)[QLatin1String("id")].toInteger(); // newest first
        const qint64 before = reads.at(1)[QLatin1String("id")].toInteger();
        const auto diff = runCli({QStringLiteral("history"), QStringLiteral("diff"), QString::number(before),
                                  QString::number(after), QStringLiteral("--json")});
        QCOMPARE(diff.status, 0);
        const QJsonObject document = diff.json();
        QCOMPARE(document.value(QLatin1String("a")).toInteger(), before);
        QCOMPARE(document.value(QLatin1String("b")).toInteger(), after);
        QStringList leadChanges;
        for (const QJsonValue& change : document.value(QLatin1String("changes")).toArray()) {
            const QString path = change[QLatin1String("path")].toString();
            if (path.startsWith(QLatin1String("$.result.lead")))
                leadChanges.append(path);
            if (path.endsWith(QLatin1String(".firstName"))) {
                QCOMPARE(change[QLatin1String("before")].toString(), QStringLiteral("Ada"));
                QCOMPARE(change[QLatin1String("after")].toString(), QStringLiteral("Grace"));
            }
        }
        leadChanges.removeIf([](const QString& path) { return path.endsWith(QLatin1String("Timestamp")); });
        QCOMPARE(leadChanges, QStringList{QStringLiteral("$.result.lead[0].firstName")});
        const auto text = runCli(
            {QStringLiteral("history"), QStringLiteral("diff"), QString::number(before), QString::number(after)});
        QVERIFY2(text.out.contains(QStringLiteral("changed  $.result.lead[0].firstName: \"Ada\" → \"Grace\"")),
                 qPrintable(text.out));
    }

    void filtersAndStats()
    {
        // An error: the simulator answers a getLead without its id with 205/101-style errors.
        send(QStringLiteral("getLead"), QStringLiteral("{}"));
        const QJsonArray all = calls();
        QVERIFY(all.size() >= 5);
        const QJsonObject newest = all.at(0).toObject();
        QCOMPARE(newest.value(QLatin1String("method")).toString(), QStringLiteral("getLead"));
        QVERIFY(newest.value(QLatin1String("verdict")).toString() != QLatin1String("ok"));
        const QJsonArray codes = newest.value(QLatin1String("codes")).toArray();
        QVERIFY(!codes.isEmpty());
        const QString code = codes.at(0).isDouble() ? QString::number(codes.at(0).toInt()) : codes.at(0).toString();
        QCOMPARE(calls({QStringLiteral("--code"), code}).size(), 1);
        QCOMPARE(calls({QStringLiteral("--search"), QStringLiteral("Grace")}).size(), 2); // the update and the read
        QCOMPARE(calls({QStringLiteral("--until"), QStringLiteral("2000-01-01")}).size(), 0);
        QVERIFY(calls({QStringLiteral("--since"), QDate::currentDate().addDays(-1).toString(Qt::ISODate)}).size() >= 5);

        const auto byCode =
            runCli({QStringLiteral("stats"), QStringLiteral("--by"), QStringLiteral("code"), QStringLiteral("--json")});
        QCOMPARE(byCode.status, 0);
        QCOMPARE(byCode.json().value(QLatin1String("by")).toString(), QStringLiteral("code"));
        const QJsonArray rows = byCode.json().value(QLatin1String("rows")).toArray();
        QVERIFY(!rows.isEmpty());
        for (const char* key : {"key", "calls", "errors", "first_seen", "last_seen"})
            QVERIFY2(rows.at(0).toObject().contains(QLatin1String(key)), key);
        const auto byMethod = runCli({QStringLiteral("stats"), QStringLiteral("--by"), QStringLiteral("method")});
        QVERIFY2(byMethod.out.contains(QLatin1String("getLeads")), qPrintable(byMethod.out));
        QCOMPARE(runCli({QStringLiteral("stats"), QStringLiteral("--by"), QStringLiteral("color")}).status, 2);
    }

    void usageAndMissing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("show without id") << QStringList{"history", "show"} << "needs the ID";
        QTest::newRow("show unknown id") << QStringList{"history", "show", "999999"} << "No call 999999";
        QTest::newRow("diff one id") << QStringList{"history", "diff", "1"} << "two call IDs";
        QTest::newRow("bad time") << QStringList{"history", "--since", "yesterday"} << "YYYY-MM-DD";
        QTest::newRow("bad limit") << QStringList{"history", "--limit", "-3"} << "positive number";
        QTest::newRow("prune without limits") << QStringList{"history", "prune"} << "--keep-days";
    }
    void usageAndMissing()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto run = runCli(args);
        QCOMPARE(run.status, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void prune()
    {
        const qint64 before = calls({QStringLiteral("--limit"), QStringLiteral("1000")}).size();
        const auto run = runCli(
            {QStringLiteral("history"), QStringLiteral("prune"), QStringLiteral("--max-mb"), QStringLiteral("0")});
        QCOMPARE(run.status, 0);
        QVERIFY2(run.out.contains(QLatin1String("dropped the bodies of")), qPrintable(run.out));
        QCOMPARE(calls({QStringLiteral("--limit"), QStringLiteral("1000")}).size(), before); // metadata stays
    }

    // The secret the calls were made with is in no byte of the database or its -wal/-shm files.
    void canary()
    {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            QFile file(m_database + QLatin1String(suffix));
            if (!file.open(QIODevice::ReadOnly))
                continue;
            QVERIFY2(!file.readAll().contains(m_secret.toUtf8()), suffix);
        }
    }

    void turnedOff()
    {
        qputenv("LEADGEN_HISTORY", "off");
        const auto run = runCli({QStringLiteral("history")});
        qputenv("LEADGEN_HISTORY", m_database.toUtf8());
        QCOMPARE(run.status, 2);
        QVERIFY2(run.err.contains(QLatin1String("turned off")), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestHistoryCli)
#include "tst_historycli.moc"
