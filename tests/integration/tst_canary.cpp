#include "ApiClient.h"
#include "Cli.h"
#include "CliRun.h"
#include "ComposerWidget.h"
#include "CurlCommand.h"
#include "EnvironmentStore.h"
#include "FakeHttpServer.h"
#include "GuiApplication.h"
#include "HistoryStore.h"
#include "InspectorResultsPage.h"
#include "InspectorWidget.h"
#include "MainWindow.h"
#include "MethodPicker.h"
#include "RequestFile.h"
#include "ScriptedPrompter.h"
#include "SecretStore.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDirIterator>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>
#include <QUuid>

// The secret-key canary (docs/design.md, Security). A unique secret goes through a
// scripted GUI session (the real main window: typed into the composer, "Remember" ticked, sent,
// request saved, copied as cURL, a customer's cURL imported, window closed) and through the core
// and CLI: settings, the session secret store, request files, `send` (human and JSON), spilled
// response bodies, Copy as cURL and the inspector's exports. Then every file under a fresh HOME, the XDG directories
// and the temporary directory is searched: the secret is in none of them.
class TestCanary : public QObject
{
    Q_OBJECT

public:
    // A fresh HOME/XDG/TMPDIR before anything (QSettings, QStandardPaths) reads them.
    static void initMain()
    {
        s_root = new QTemporaryDir(QDir::tempPath() + QStringLiteral("/leadgen-canary-XXXXXX"));
        const QString root = s_root->path();
        for (const char* dir : {"home", "config", "data", "cache", "runtime", "tmp"})
            QDir(root).mkpath(QLatin1String(dir));
        QFile::setPermissions(root + QStringLiteral("/runtime"),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("HOME", QFile::encodeName(root + QStringLiteral("/home")));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(root + QStringLiteral("/config")));
        qputenv("XDG_DATA_HOME", QFile::encodeName(root + QStringLiteral("/data")));
        qputenv("XDG_CACHE_HOME", QFile::encodeName(root + QStringLiteral("/cache")));
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(root + QStringLiteral("/runtime")));
        qputenv("TMPDIR", QFile::encodeName(root + QStringLiteral("/tmp")));
    }

private:
    static QTemporaryDir* s_root;
    // Closed in guiSession, destroyed only in cleanupTestCase: QtKeychain may still call back into
    // its SecretStore's jobs while later slots process events.
    MainWindow* m_window = nullptr;
    ScriptedPrompter m_prompter;
    const QString m_secret = QStringLiteral("canary-") + QUuid::createUuid().toString(QUuid::Id128);

    // Files under the canary root that contain the secret in any form, and how many were read.
    QStringList filesWithSecret(int* scanned) const
    {
        QStringList hits;
        *scanned = 0;
        QDirIterator it(s_root->path(), QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                        QDirIterator::Subdirectories);
        const QByteArray raw = m_secret.toUtf8();
        const QByteArray encoded = QUrl::toPercentEncoding(m_secret);
        const QByteArray utf16(reinterpret_cast<const char*>(m_secret.utf16()), m_secret.size() * 2);
        while (it.hasNext()) {
            QFile file(it.next());
            if (!file.open(QIODevice::ReadOnly))
                continue;
            ++*scanned;
            const QByteArray content = file.readAll();
            if (content.contains(raw) || content.contains(encoded) || content.contains(utf16))
                hits << file.fileName();
        }
        return hits;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(s_root && s_root->isValid());
        QCOMPARE(QDir::tempPath(), s_root->path() + QStringLiteral("/tmp"));
        QCoreApplication::setOrganizationName(QStringLiteral("leadgen-diag"));
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag"));
        qputenv("LEADGEN_CANARY_SECRET", m_secret.toUtf8());
    }

    void cleanupTestCase()
    {
        // The composer saves its draft once more when destroyed: that write is searched too.
        delete m_window;
        m_window = nullptr;
        QSettings().sync();
        int scanned = 0;
        const QStringList hits = filesWithSecret(&scanned);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char('\n'))));
        delete s_root;
        s_root = nullptr;
    }

    // The GUI half: what a user does in the composer with a real secret.
    void guiSession()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        GuiApplication::applyIdentity();
        QApplication::setStyle(QStringLiteral("Fusion"));
        m_window = new MainWindow;
        m_window->resize(1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        ComposerWidget* composer = m_window->composer();
        QVERIFY(composer);
        composer->setPrompter(&m_prompter);
        m_prompter.defaultAnswer = true; // yes, send createLeads to this environment

        auto* store = m_window->findChild<EnvironmentStore*>();
        QVERIFY(store);
        Environment environment;
        environment.name = QStringLiteral("Canary GUI");
        environment.kind = Environment::Kind::Custom;
        environment.baseUrl = server.url();
        QString error;
        QVERIFY2(store->save(environment, &error), qPrintable(error));
        QVERIFY(composer->selectEnvironment(environment.id));
        composer->setAccountId(QStringLiteral("CANARY-GUI"));

        // The secret typed as a user types it, then remembered (no keychain here: session only).
        auto* secretEdit = composer->findChild<QLineEdit*>(QStringLiteral("secretEdit"));
        secretEdit->setFocus();
        QTest::keyClicks(secretEdit, m_secret);
        QTest::keyClick(secretEdit, Qt::Key_Tab);
        auto* remember = composer->findChild<QCheckBox*>(QStringLiteral("rememberSecret"));
        QVERIFY(remember->isEnabled());
        remember->click();
        auto* secrets = m_window->findChild<SecretStore*>();
        QVERIFY(secrets);
        QTRY_COMPARE_WITH_TIMEOUT(secrets->backend(), SecretStore::Backend::SessionOnly, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!remember->isChecked(), 20000);

        // A mutating method from the picker (the list is hidden beside the inspector at this
        // width: shown with its button first), its template, sent with Ctrl+Enter.
        if (!composer->isMethodListVisible())
            composer->findChild<QToolButton*>(QStringLiteral("methodListButton"))->click();
        auto* picker = composer->findChild<MethodPicker*>(QStringLiteral("methodPicker"));
        QVERIFY(picker && picker->isVisible());
        QTest::keyClicks(picker->searchField(), QStringLiteral("createLeads"));
        QTest::keyClick(picker->searchField(), Qt::Key_Return);
        QCOMPARE(composer->method(), QStringLiteral("createLeads"));
        composer->insertTemplateAction()->trigger();
        // A batch answer with a failed object, so that the inspector has records and a batch
        // table to export.
        FakeHttpServer::Script batchAnswer;
        batchAnswer.body = "{\"result\":{\"creates\":[{\"success\":false,\"error\":{\"code\":107,\"message\":"
                           "\"Too many\",\"data\":[]}}]},\"error\":null,\"id\":\"1\"}";
        server.setScript(batchAnswer);
        QSignalSpy finished(composer, &ComposerWidget::callFinished);
        auto* params = composer->findChild<QPlainTextEdit*>(QStringLiteral("paramsEdit"));
        params->setFocus();
        QTest::keyClick(params, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(finished.wait(10000));
        QCOMPARE(m_prompter.questions.size(), 1); // confirmed: it changes data outside the simulator
        QVERIFY(!m_prompter.questions.constFirst().text.contains(m_secret));
        QVERIFY(server.received().constLast().target.contains(QUrl::toPercentEncoding(m_secret)));

        // Export… of the answer's records and of the batch table: files the scan reads.
        InspectorWidget* inspector = m_window->inspector();
        QTRY_VERIFY_WITH_TIMEOUT(inspector->result() && !inspector->isBusy(), 10000);
        auto* page = inspector->findChild<InspectorResultsPage*>(QStringLiteral("inspectorResultsPage"));
        QVERIFY(page);
        for (const bool batch : {false, true}) {
            const QString exportPath = QDir::home().filePath(batch ? QStringLiteral("batch-export.csv")
                                                                   : QStringLiteral("records-export.jsonl"));
            QString exportError;
            const qint64 written = batch ? page->exportBatch(exportPath, RecordExport::Format::ExcelCsv, &exportError)
                                         : page->exportRecords(exportPath, RecordExport::Format::Jsonl, &exportError);
            QVERIFY2(written == 1, qPrintable(exportError));
        }

        // Save the request, copy it as cURL both ways.
        const QString requestPath = QDir::home().filePath(QStringLiteral("gui-request.json"));
        m_prompter.saveFileNameAnswer = requestPath;
        composer->saveAction()->trigger();
        QVERIFY(QFile::exists(requestPath));
        composer->copyCurlAction()->trigger();
        QVERIFY(QGuiApplication::clipboard()->text().startsWith(QLatin1String("curl")));
        QVERIFY(!QGuiApplication::clipboard()->text().contains(m_secret));
        composer->copyCurlWithSecretAction()->trigger();
        QVERIFY(QGuiApplication::clipboard()->text().contains(m_secret));
        QGuiApplication::clipboard()->clear();

        // A customer's cURL line with the secret in it.
        m_prompter.curlCommandAnswer =
            QStringLiteral("curl -s 'https://api.sharpspring.com/pubapi/v1.2/?accountID=CANARY-CUST&secretKey=%1' "
                           "-d '{\"method\":\"getLeads\",\"params\":{\"where\":{}},\"id\":\"c1\"}' | jq .")
                .arg(m_secret);
        composer->importCurlAction()->trigger();
        QVERIFY2(m_prompter.warnings.isEmpty(), qPrintable(m_prompter.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(secretEdit->text(), m_secret);

        // Nothing on screen shows it either.
        QVERIFY(!m_window->windowTitle().contains(m_secret));
        QVERIFY(!m_window->statusBar()->currentMessage().contains(m_secret));
        QVERIFY(!composer->displayUrl().contains(m_secret));

        // The call went into the history, which the scan below reads with everything else.
        {
            HistoryStore history(HistoryStore::defaultPath());
            QTRY_VERIFY_WITH_TIMEOUT(history.count() >= 1, 10000);
        }

        QVERIFY(m_window->close());
        QSettings().sync();
        int scanned = 0;
        const QStringList hits = filesWithSecret(&scanned);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char('\n'))));
        // Not vacuous: the settings with the draft and the saved request were read.
        QVERIFY(QSettings().value(QStringLiteral("composer/draft/method")).toString() == QStringLiteral("getLeads"));
        QVERIFY2(scanned >= 2, qPrintable(QString::number(scanned)));
    }

    void secretReachesNoFile()
    {
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        QByteArray leads;
        for (int i = 0; i < 300; ++i)
            leads += (i ? "," : "") + QByteArray("{\"id\":\"") + QByteArray::number(i) + "\",\"emailAddress\":\"u" +
                     QByteArray::number(i) + "@example.com\"}";
        script.body = "{\"result\":{\"lead\":[" + leads + "]},\"error\":null,\"id\":\"canary-1\"}";
        server.setScript(script);

        // Settings: an environment with an account (never a secret field to fill).
        {
            EnvironmentStore store;
            Environment environment;
            environment.name = QStringLiteral("Canary");
            environment.kind = Environment::Kind::Custom;
            environment.baseUrl = server.url();
            environment.accountId = QStringLiteral("CANARY-ACC");
            QString error;
            QVERIFY2(store.save(environment, &error), qPrintable(error));
            QVERIFY(store.setCurrent(environment.id));
            // The keychain is unreachable here (tests/extra.cmake): "Remember" keeps it in memory.
            SecretStore secrets;
            QSignalSpy written(&secrets, &SecretStore::writeFinished);
            secrets.write(SecretStore::keyFor(environment.id, environment.accountId), m_secret, true);
            QVERIFY(!written.isEmpty() || written.wait(20000));
            QCOMPARE(written.first().at(1).toBool(), false);
        }

        // A request file whose legacy header carried the secret.
        const QString requestPath = QDir::home().filePath(QStringLiteral("canary-request.json"));
        RequestFile file;
        file.environment = QStringLiteral("Canary");
        file.accountId = QStringLiteral("CANARY-ACC");
        file.body = "{\"method\":\"getLeads\",\"params\":{\"where\":{}},\"id\":\"canary-1\",\"header\":{\"accountID\":"
                    "\"CANARY-ACC\",\"secretKey\":\"" +
                    m_secret.toUtf8() + "\"}}";
        QString error;
        QVERIFY2(file.save(requestPath, &error), qPrintable(error));

        // send, human and JSON, from the file and from the environment in the settings.
        for (const bool json : {false, true}) {
            QStringList args{QStringLiteral("send"),         requestPath,
                             QStringLiteral("--env"),        QStringLiteral("Canary"),
                             QStringLiteral("--secret-env"), QStringLiteral("LEADGEN_CANARY_SECRET")};
            if (json)
                args << QStringLiteral("--json");
            const TestSupport::CliRun result = TestSupport::runCli(args);
            QCOMPARE(result.status, 0);
            QVERIFY2(!result.out.contains(m_secret), qPrintable(result.out.left(500)));
            QVERIFY2(!result.err.contains(m_secret), qPrintable(result.err));
        }
        // The in-process simulator (the default target): it does not know this key (105), which
        // changes nothing about where the key may appear.
        for (const bool json : {false, true}) {
            QStringList args{QStringLiteral("send"),         requestPath,
                             QStringLiteral("--env"),        QStringLiteral("Simulator"),
                             QStringLiteral("--secret-env"), QStringLiteral("LEADGEN_CANARY_SECRET")};
            if (json)
                args << QStringLiteral("--json");
            const TestSupport::CliRun result = TestSupport::runCli(args);
            QCOMPARE(result.status, 1);
            QVERIFY2(result.out.contains(QLatin1String("105")), qPrintable(result.out.left(2000)));
            QVERIFY2(!result.out.contains(m_secret), qPrintable(result.out.left(500)));
            QVERIFY2(!result.err.contains(m_secret), qPrintable(result.err));
        }
        // The server did get the secret: the canary travelled where it should.
        QVERIFY(!server.received().isEmpty());
        QVERIFY(server.received().last().target.contains(QUrl::toPercentEncoding(m_secret)));

        // A spilled response body lives in the temporary directory while the capture exists.
        QNetworkAccessManager network;
        ApiClient client(&network);
        client.setSpillThreshold(1024);
        ApiRequest request;
        request.endpoint = server.url();
        request.accountId = QStringLiteral("CANARY-ACC");
        request.secretKey = m_secret;
        request.body = file.body;
        QSignalSpy finished(&client, &ApiClient::finished);
        client.send(request);
        QVERIFY(finished.wait(10000));
        const CallCapture capture = finished.first().at(0).value<CallCapture>();
        QVERIFY(capture.isSpilled());
        QVERIFY(capture.spillPath.startsWith(QDir::tempPath()));
        QVERIFY(!capture.displayUrl.contains(m_secret));

        // Copy as cURL: redacted unless explicitly asked.
        const CurlCommand curl = CurlCommand::fromRequest(request);
        QVERIFY(!curl.toCommandLine().contains(m_secret));
        QVERIFY(curl.toCommandLine(CurlCommand::Secret::Included).contains(m_secret)); // the explicit action works

        // Now search everything that was written, spill file included.
        QSettings().sync();
        int scanned = 0;
        const QStringList hits = filesWithSecret(&scanned);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char('\n'))));
        // Not vacuous: the settings, the request file and the spill file were among them.
        QVERIFY2(scanned >= 3, qPrintable(QString::number(scanned)));
        QVERIFY(QFile::exists(capture.spillPath));
        QVERIFY(QFile::exists(requestPath));
        QVERIFY(QFile::exists(QSettings().fileName()));
        QVERIFY(QSettings().fileName().startsWith(s_root->path()));
    }
};

QTemporaryDir* TestCanary::s_root = nullptr;

QTEST_MAIN(TestCanary)
#include "tst_canary.moc"
