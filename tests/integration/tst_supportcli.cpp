#include "CliRun.h"
#include "SimConfig.h"
#include "SimServer.h"
#include "TestSupport.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using TestSupport::runCli;

// The support workflow on the command line, end to end: calls sent through the real client to
// the simulator on loopback are recorded, bundled (`bundle create/show`), exported as HAR
// (`history export-har`) and triaged back; a canary secret never reaches a file, an output or the
// history, whether it came with a sent call or inside an imported HAR.
class TestSupportCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_database;
    std::unique_ptr<SimServer> m_server;
    const QString m_secret = QStringLiteral("CANARY-supportcli-9e1d");

    TestSupport::CliRun send(const QString& method, const QString& params)
    {
        const QString path = TestSupport::writeFile(
            m_dir.path(), QStringLiteral("request.json"),
            QStringLiteral("{\"method\":\"%1\",\"params\":%2,\"id\":\"s1\"}").arg(method, params).toUtf8());
        return runCli({QStringLiteral("send"), path, QStringLiteral("--endpoint"), m_server->endpoint().toString(),
                       QStringLiteral("--account"), m_server->config().accountId, QStringLiteral("--secret-env"),
                       QStringLiteral("LEADGEN_SUPPORTCLI_SECRET")});
    }

    // Every file under the temporary folder (bundles, HAR, the history database and its WAL).
    QByteArray everythingWritten()
    {
        QByteArray all;
        QDirIterator it(m_dir.path(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly))
                all += file.readAll();
        }
        return all;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_database = m_dir.filePath(QStringLiteral("history.sqlite"));
        qputenv("LEADGEN_HISTORY", m_database.toUtf8());
        qputenv("LEADGEN_SUPPORTCLI_SECRET", m_secret.toUtf8());
        SimConfig config;
        config.secretKey = m_secret;
        m_server = std::make_unique<SimServer>(config);
        QString error;
        QVERIFY2(m_server->listen(&error), qPrintable(error));
        const QString lead = QStringLiteral("{\"objects\":[{\"emailAddress\":\"rosa.support@example.com\"},"
                                            "{\"emailAddress\":\"rosa.support@example.com\"}]}");
        QCOMPARE(send(QStringLiteral("createLeads"), lead).status, 1); // the second object: 301
        QCOMPARE(send(QStringLiteral("getLeads"), QStringLiteral("{\"where\":{},\"limit\":2}")).status, 0);
    }

    void bundleShowsTheHistoryObjects()
    {
        const QString path = m_dir.filePath(QStringLiteral("two.lgdbundle"));
        const auto created = runCli({QStringLiteral("bundle"), QStringLiteral("create"), QStringLiteral("--last"),
                                     QStringLiteral("2"), QStringLiteral("-o"), path});
        QCOMPARE(created.status, 0);
        const auto shown = runCli({QStringLiteral("bundle"), QStringLiteral("show"), path, QStringLiteral("--json")});
        QCOMPARE(shown.status, 0);
        const QJsonObject bundle = shown.json();
        QCOMPARE(bundle.value(QLatin1String("format")).toString(), QStringLiteral("lgdbundle"));
        QCOMPARE(bundle.value(QLatin1String("version")).toInt(), 1);
        QVERIFY(bundle.value(QLatin1String("manifest")).isObject());
        const QJsonArray calls = bundle.value(QLatin1String("calls")).toArray();
        QCOMPARE(calls.size(), 2);
        for (const QJsonValue& call : calls) {
            const qint64 id = call[QLatin1String("id")].toInteger();
            const auto history = runCli(
                {QStringLiteral("history"), QStringLiteral("show"), QString::number(id), QStringLiteral("--json")});
            QCOMPARE(call.toObject(), history.json());
        }
        QCOMPARE(calls.at(0)[QLatin1String("method")].toString(), QStringLiteral("createLeads")); // oldest first

        const auto text = runCli({QStringLiteral("bundle"), QStringLiteral("show"), path});
        QVERIFY2(text.out.contains(QLatin1String("| createLeads | 200 | partial_failure | 301 |")),
                 qPrintable(text.out));
        const auto reply = runCli(
            {QStringLiteral("bundle"), QStringLiteral("show"), path, QStringLiteral("--reply"), QStringLiteral("1")});
        QVERIFY2(reply.out.contains(QLatin1String("error 301")), qPrintable(reply.out));
    }

    void selectionErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no selection") << QStringList{QStringLiteral("-o"), QStringLiteral("x")} << "exactly one";
        QTest::newRow("two selections") << QStringList{QStringLiteral("--last"),  QStringLiteral("1"),
                                                       QStringLiteral("--calls"), QStringLiteral("1"),
                                                       QStringLiteral("-o"),      QStringLiteral("x")}
                                        << "exactly one";
        QTest::newRow("no output") << QStringList{QStringLiteral("--last"), QStringLiteral("1")} << "-o FILE";
        QTest::newRow("bad ids") << QStringList{QStringLiteral("--calls"), QStringLiteral("a,b"), QStringLiteral("-o"),
                                                QStringLiteral("x")}
                                 << "call IDs";
    }

    void selectionErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto run = runCli(QStringList{QStringLiteral("bundle"), QStringLiteral("create")} + args);
        QCOMPARE(run.status, 2);
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    }

    void exportHarAndTriageIt()
    {
        const QString har = m_dir.filePath(QStringLiteral("export.har"));
        const auto exported =
            runCli({QStringLiteral("history"), QStringLiteral("export-har"), QStringLiteral("--since"),
                    QStringLiteral("2000-01-01"), QStringLiteral("-o"), har});
        QCOMPARE(exported.status, 0);
        QFile file(har);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject log = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("log")).toObject();
        QCOMPARE(log.value(QLatin1String("version")).toString(), QStringLiteral("1.2"));
        QCOMPARE(log.value(QLatin1String("entries")).toArray().size(), 2);

        const auto triage = runCli({QStringLiteral("triage"), har, QStringLiteral("--json")});
        QCOMPARE(triage.status, 1);
        const QJsonObject summary = triage.json();
        QCOMPARE(summary.value(QLatin1String("api_calls")).toInt(), 2);
        QCOMPARE(summary.value(QLatin1String("verdicts")).toObject(),
                 (QJsonObject{{QStringLiteral("ok"), 1}, {QStringLiteral("partial_failure"), 1}}));
        QCOMPARE(summary.value(QLatin1String("by_code")).toArray().at(0)[QLatin1String("code")], QJsonValue(301));
        QVERIFY2(triage.err.isEmpty(), qPrintable(triage.err)); // a masked key is not reported as a secret
    }

    void importedSecretsAreMaskedAndReported()
    {
        const QString har = TestSupport::dataPath(QStringLiteral("har/insomnia.har"));
        const QString out = m_dir.filePath(QStringLiteral("imported"));
        for (const QStringList& args : {QStringList{QStringLiteral("triage"), har},
                                        QStringList{QStringLiteral("triage"), har, QStringLiteral("--json")},
                                        QStringList{QStringLiteral("triage"), har, QStringLiteral("--reply")}}) {
            const auto run = runCli(args);
            QCOMPARE(run.status, 1);
            for (const char* canary : {"CANARY-INSOMNIA-44", "CANARY-HEADER-55", "CANARY-COOKIE-66"}) {
                QVERIFY2(!run.out.contains(QLatin1String(canary)), canary);
                QVERIFY2(!run.err.contains(QLatin1String(canary)), canary);
            }
            QVERIFY2(run.err.contains(QLatin1String("carried a secret key")) &&
                         run.err.contains(QLatin1String("Rotate")),
                     qPrintable(run.err));
        }
    }

    void noCanaryAnywhere()
    {
        // Runs last: everything the other tests wrote, the history included.
        const QByteArray all = everythingWritten();
        QVERIFY(all.size() > 1000);
        for (const QByteArray& canary : {m_secret.toUtf8(), QByteArray("CANARY-INSOMNIA-44"),
                                         QByteArray("CANARY-HEADER-55"), QByteArray("CANARY-COOKIE-66")})
            QVERIFY2(!all.contains(canary), canary.constData());
    }
};

QTEST_GUILESS_MAIN(TestSupportCli)
#include "tst_supportcli.moc"
