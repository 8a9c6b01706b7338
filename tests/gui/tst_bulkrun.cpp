#include "bulk/BulkRunDialog.h"
#include "bulk/CsvImportDialog.h"
#include "FakeHttpServer.h"
#include "HistoryRecorder.h"
#include "HistoryStore.h"
#include "NetworkSettings.h"
#include "SimConfig.h"
#include "SimServer.h"

#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

// Request → Fetch all pages / Send in batches, offscreen, against the real simulator on
// loopback: progress, Cancel keeping what was written, the batch table and the export formats.
class TestBulkRun : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static std::unique_ptr<SimServer> startSim(int leads, const QString& secret = {})
    {
        SimConfig config;
        config.leads = leads;
        if (!secret.isEmpty())
            config.secretKey = secret;
        config.perSecond = 0;
        config.daily = 0;
        auto server = std::make_unique<SimServer>(config);
        if (!server->listen())
            return nullptr;
        return server;
    }

    static ApiRequest request(SimServer& sim, const QByteArray& body)
    {
        ApiRequest r;
        r.endpoint = sim.endpoint();
        r.accountId = sim.config().accountId;
        r.secretKey = sim.config().secretKey;
        r.body = body;
        return r;
    }

    static QList<QByteArray> lines(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QList<QByteArray> all = file.readAll().split('\n');
        if (!all.isEmpty() && all.last().isEmpty())
            all.removeLast();
        return all;
    }

    // A scripted proxy that answers 502, set as the application's proxy (Preferences).
    static bool useRefusingProxy(FakeHttpServer& proxy)
    {
        if (!proxy.listen())
            return false;
        FakeHttpServer::Script script;
        script.status = 502;
        script.reason = "Bad Gateway";
        proxy.setScript(script);
        ProxyConfig config;
        config.mode = ProxyConfig::Mode::Manual;
        config.host = QStringLiteral("127.0.0.1");
        config.port = proxy.port();
        NetworkSettings::setApplicationProxy(config);
        return true;
    }

    // A request to a remote API host (only a proxy can be reached).
    static ApiRequest remoteRequest(const QString& secret)
    {
        ApiRequest remote;
        remote.endpoint = QUrl(QStringLiteral("https://api.leadgen-diag.test/pubapi/v1.2/"));
        remote.accountId = QStringLiteral("ACC");
        remote.secretKey = secret;
        return remote;
    }

    static void setUp(BulkRunDialog& dialog, const QString& path, int format)
    {
        dialog.findChild<QLineEdit*>(QStringLiteral("bulkOutputPath"))->setText(path);
        dialog.findChild<QComboBox*>(QStringLiteral("bulkFormat"))->setCurrentIndex(format);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void fetchAllPages()
    {
        auto sim = startSim(750);
        QVERIFY(sim);
        BulkRunDialog dialog(
            request(*sim, "{\"method\":\"getLeads\",\"params\":{\"where\":{},\"limit\":100},\"id\":1}"),
            QStringLiteral("Simulator"), true);
        const QString path = m_dir.filePath(QStringLiteral("all.jsonl"));
        setUp(dialog, path, 1);
        QSignalSpy done(&dialog, &BulkRunDialog::runFinished);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("bulkStart")), Qt::LeftButton);
        QVERIFY(dialog.isRunning());
        QVERIFY(dialog.findChild<QProgressBar*>(QStringLiteral("bulkProgress"))->isVisibleTo(&dialog));
        QVERIFY(done.wait(20000));
        const QList<QByteArray> records = lines(path);
        QVERIFY(records.size() > 700);
        QVERIFY2(dialog.statusText().startsWith(QString::number(records.size()) + QStringLiteral(" records")),
                 qPrintable(dialog.statusText()));
    }

    void cancelKeepsWhatWasWritten()
    {
        auto sim = startSim(1000);
        QVERIFY(sim);
        ApiRequest slow = request(*sim, "{\"method\":\"getLeads\",\"params\":{\"where\":{},\"limit\":100},\"id\":1}");
        slow.headers.append(
            ApiRequest::Header(QByteArrayLiteral("X-Simulator-Fault"), QByteArrayLiteral("latency=150")));
        BulkRunDialog dialog(slow, QStringLiteral("Simulator"), true);
        const QString path = m_dir.filePath(QStringLiteral("part.csv"));
        setUp(dialog, path, 0);
        QSignalSpy done(&dialog, &BulkRunDialog::runFinished);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("bulkStart")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.statusText().startsWith(QLatin1String("2 pages")), 20000);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("bulkCancel")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 10000);
        QVERIFY(!dialog.isRunning());
        QVERIFY2(dialog.statusText().contains(QLatin1String("stopped at offset")), qPrintable(dialog.statusText()));
        const QList<QByteArray> rows = lines(path);
        QVERIFY(rows.size() >= 201); // header + the pages that arrived
        QVERIFY(rows.size() < 900);
    }

    // The proxy chosen in Preferences carries bulk runs too (docs/design.md, Network settings
    // and packaging): the scripted proxy is asked to tunnel to the API host.
    void followsTheApplicationProxy()
    {
        FakeHttpServer proxy;
        QVERIFY(useRefusingProxy(proxy));
        ApiRequest remote = remoteRequest(QStringLiteral("bulk-proxy-secret"));
        remote.body = "{\"method\":\"getLeads\",\"params\":{\"where\":{},\"limit\":100},\"id\":1}";
        BulkRunDialog dialog(remote, QStringLiteral("Behind a proxy"), false);
        setUp(dialog, m_dir.filePath(QStringLiteral("proxied.jsonl")), 1);
        QSignalSpy done(&dialog, &BulkRunDialog::runFinished);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("bulkStart")), Qt::LeftButton);
        const bool finished = done.wait(20000);
        NetworkSettings::setApplicationProxy(ProxyConfig());
        QVERIFY(finished);
        QVERIFY(!proxy.received().isEmpty());
        QCOMPARE(proxy.received().first().method, QByteArray("CONNECT"));
        QCOMPARE(proxy.received().first().target, QByteArray("api.leadgen-diag.test:443"));
        QVERIFY2(dialog.statusText().contains(QLatin1String("Proxy")), qPrintable(dialog.statusText()));
    }

    // File → Import CSV's "Check against" asks the environment for its fields through the proxy
    // of Preferences too.
    void importFieldCheckFollowsTheApplicationProxy()
    {
        FakeHttpServer proxy;
        QVERIFY(useRefusingProxy(proxy));
        const QString csv = m_dir.filePath(QStringLiteral("proxied.csv"));
        {
            QFile file(csv);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("Email Address,First Name\r\na@example.com,Ada\r\n");
        }
        const ApiRequest remote = remoteRequest(QStringLiteral("import-proxy-secret"));
        CsvImportDialog dialog(csv, remote, QStringLiteral("Behind a proxy"), false);
        QVERIFY(dialog.isLoaded());
        QSignalSpy checked(&dialog, &CsvImportDialog::fieldsChecked);
        dialog.checkFields();
        const bool answered = checked.wait(20000);
        NetworkSettings::setApplicationProxy(ProxyConfig());
        QVERIFY(answered);
        QVERIFY(!checked.first().first().toBool());
        QVERIFY(!proxy.received().isEmpty());
        QCOMPARE(proxy.received().first().method, QByteArray("CONNECT"));
        QCOMPARE(proxy.received().first().target, QByteArray("api.leadgen-diag.test:443"));
    }

    void everyCallInTheHistory_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("calls");
        QTest::newRow("pages") << QByteArray("{\"method\":\"getLeads\",\"params\":{\"where\":{},\"limit\":100},"
                                             "\"id\":1}")
                               << QStringLiteral("getLeads") << 4; // 350 leads: 3 full pages and a short one
        QTest::newRow("chunks") << QByteArray("{\"method\":\"createLeads\",\"params\":{\"objects\":[{\"emailAddress\":"
                                              "\"h1@x.example\"},{\"emailAddress\":\"h2@x.example\"},{\"emailAddress\":"
                                              "\"h3@x.example\"}]},\"id\":1}")
                                << QStringLiteral("createLeads") << 2; // chunks of 2
    }

    // Each page and each chunk is a call of its own in the call history (docs/design.md, Call
    // history), as `send` records them; the secret is in none of it.
    void everyCallInTheHistory()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, method);
        QFETCH(int, calls);
        const QString secret = QStringLiteral("CANARY-bulkrun-history-5d0c");
        auto sim = startSim(350, secret);
        QVERIFY(sim);
        const QString database = m_dir.filePath(QStringLiteral("history-%1.sqlite").arg(method));
        HistoryRecorder recorder(database);
        const ApiRequest call = request(*sim, body);
        BulkRunDialog dialog(call, QStringLiteral("Simulator"), true);
        dialog.setHistory(&recorder);
        setUp(dialog, m_dir.filePath(QStringLiteral("history-%1.csv").arg(method)), 0);
        if (auto* chunk = dialog.findChild<QSpinBox*>(QStringLiteral("bulkChunkSize")))
            chunk->setValue(2);
        QSignalSpy done(&dialog, &BulkRunDialog::runFinished);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("bulkStart")), Qt::LeftButton);
        QVERIFY(done.wait(20000));
        QVERIFY(recorder.flush());
        QCOMPARE(recorder.writtenCount(), qint64(calls));
        HistoryStore store(database);
        QVERIFY2(store.isOpen(), qPrintable(store.error()));
        const QList<HistoryRecord> rows = store.calls({}, 100);
        QCOMPARE(rows.size(), calls);
        for (const HistoryRecord& row : rows) {
            QCOMPARE(row.method, method);
            QCOMPARE(row.source, QStringLiteral("gui"));
            QCOMPARE(row.environment, QStringLiteral("Simulator"));
            QVERIFY(row.httpStatus && *row.httpStatus == 200);
        }
        QFile file(database);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(call.secretKey.toUtf8()));
    }

    void sendInBatches()
    {
        auto sim = startSim(20);
        QVERIFY(sim);
        QJsonArray objects;
        for (int i = 0; i < 7; ++i) {
            QJsonObject o;
            o.insert(QStringLiteral("emailAddress"),
                     i == 5 ? QStringLiteral("GUI1@Batch.Example") : QStringLiteral("gui%1@batch.example").arg(i));
            objects.append(o);
        }
        QJsonObject params;
        params.insert(QStringLiteral("objects"), objects);
        QJsonObject envelope;
        envelope.insert(QStringLiteral("method"), QStringLiteral("createLeads"));
        envelope.insert(QStringLiteral("params"), params);
        envelope.insert(QStringLiteral("id"), 1);
        BulkRunDialog dialog(request(*sim, QJsonDocument(envelope).toJson(QJsonDocument::Compact)),
                             QStringLiteral("Simulator"), true);
        const QString path = m_dir.filePath(QStringLiteral("batch.csv"));
        setUp(dialog, path, 2);
        dialog.findChild<QSpinBox*>(QStringLiteral("bulkChunkSize"))->setValue(3);
        QSignalSpy done(&dialog, &BulkRunDialog::runFinished);
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("bulkStart")), Qt::LeftButton);
        QVERIFY(done.wait(20000));
        auto* table = dialog.findChild<QTableWidget*>(QStringLiteral("bulkResults"));
        QCOMPARE(table->rowCount(), 7);
        for (int row = 0; row < 7; ++row) {
            // Object numbers from 1, as the findings count them; the JSON path from 0.
            QCOMPARE(table->item(row, 0)->text(), QString::number(row + 1));
            QCOMPARE(table->item(row, 0)->toolTip(), QStringLiteral("params.objects[%1]").arg(row));
            QCOMPARE(table->item(row, 3)->text(), row == 5 ? QStringLiteral("301") : QString());
        }
        const QList<QByteArray> rows = lines(path);
        QCOMPARE(rows.size(), 8);
        QVERIFY(rows.first().startsWith("\xEF\xBB\xBF"
                                        "index,success,id,code,message,fix"));
        QVERIFY(rows.at(6).startsWith("5,false,"));
        QVERIFY(rows.at(6).contains(",301,"));
    }
};

QTEST_MAIN(TestBulkRun)
#include "tst_bulkrun.moc"
