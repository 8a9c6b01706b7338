#include "ComposerRig.h"
#include "ComposerWidget.h"
#include "EnvironmentStore.h"
#include "FakeHttpServer.h"
#include "LoopbackSimulator.h"
#include "RequestFile.h"
#include "ScenarioCatalog.h"
#include "ScriptedPrompter.h"
#include "SecretStore.h"

#include <QCheckBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextDocumentFragment>
#include <QtTest>

#include <memory>

namespace {
SecretStore* g_secrets = nullptr;

struct Rig : TestSupport::ComposerRig
{
    Rig()
        : ComposerRig(*g_secrets)
    {}
};

QString plain(const QLabel* label)
{
    return TestSupport::plainText(label);
}
} // namespace

// The composer's Headers tab and Raw body tab: typed, validated, sent, shown in the
// preview, kept in drafts and request files, carried by cURL; never a home for the secret key.
class TestComposerHeaders : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("leadgen-diag"));
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_composerheaders"));
        g_secrets = new SecretStore(QStringLiteral("leadgen-diag-tst_composerheaders"));
    }

    void cleanupTestCase()
    {
        delete g_secrets;
        g_secrets = nullptr;
    }

    void headersAreSentAndShown()
    {
        Rig rig;
        QVERIFY(rig.composer->environment().isSimulator());
        // The tab is filled when first opened (startup builds only what the first frame shows).
        QVERIFY(!rig.child<QPlainTextEdit>("headersEdit"));
        rig.child<QTabWidget>("requestTabs")->setCurrentWidget(rig.child<QWidget>("headersTab"));
        auto* edit = rig.child<QPlainTextEdit>("headersEdit");
        QVERIFY(edit);
        QVERIFY(edit->isVisible());
        QVERIFY(plain(rig.child<QLabel>("headersStatus")).contains(QLatin1String("User-Agent")));
        // Typed like a user would.
        edit->setFocus();
        QTest::keyClicks(edit, QStringLiteral("X-Simulator-Fault: code=999"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTest::keyClicks(edit, QStringLiteral("X-Trace: t-1"));
        QCOMPARE(rig.composer->extraHeaders().size(), 2);
        auto* tabs = rig.child<QTabWidget>("requestTabs");
        QCOMPARE(tabs->tabText(tabs->indexOf(rig.child<QWidget>("headersTab"))), QStringLiteral("&Headers (2)"));
        rig.composer->checkNow();
        auto* preview = rig.child<QLineEdit>("headersPreview");
        QVERIFY(preview->isVisible());
        QVERIFY2(preview->text().contains(QLatin1String("X-Simulator-Fault: code=999")), qPrintable(preview->text()));

        QSignalSpy finished(rig.composer.get(), &ComposerWidget::callFinished);
        rig.composer->send();
        QVERIFY(finished.wait(10000));
        QCOMPARE(rig.server.received().size(), 1);
        const FakeHttpServer::Received& received = rig.server.received().constFirst();
        QCOMPARE(received.header("X-Simulator-Fault"), QByteArray("code=999"));
        QCOMPARE(received.header("X-Trace"), QByteArray("t-1"));
        QCOMPARE(received.header("Content-Type"), QByteArray("application/json"));
    }

    // A header with a problem is shown with its line, the text stays, and nothing is sent.
    void headerProblemsStopTheSend()
    {
        Rig rig;
        rig.composer->setHeadersText(QStringLiteral("X-Ok: 1\nBad Header: 2"));
        QCOMPARE(rig.composer->headerProblems().size(), 1);
        QVERIFY(plain(rig.child<QLabel>("headersStatus")).contains(QLatin1String("line 2")));
        auto* tabs = rig.child<QTabWidget>("requestTabs");
        QVERIFY(tabs->tabText(tabs->indexOf(rig.child<QWidget>("headersTab"))).contains(QStringLiteral("⚠")));
        rig.composer->send();
        QVERIFY(!rig.composer->isSending());
        QVERIFY(rig.server.received().isEmpty());
        const QString result = plain(rig.child<QLabel>("resultLabel"));
        QVERIFY2(result.contains(QLatin1String("Headers")) && result.contains(QLatin1String("line 2")),
                 qPrintable(result));
        QCOMPARE(rig.composer->headersText(), QStringLiteral("X-Ok: 1\nBad Header: 2"));
    }

    // Headers and the raw body survive a restart through the draft.
    void draftRoundTrip()
    {
        Rig rig;
        rig.composer->setHeadersText(QStringLiteral("X-Simulator-Fault: code=222"));
        rig.composer->setRawBody(QStringLiteral("method=getLead&id=1"), true);
        rig.composer->flushDraft();
        rig.makeComposer();
        QCOMPARE(rig.composer->headersText(), QStringLiteral("X-Simulator-Fault: code=222"));
        QVERIFY(rig.composer->isRawBodyEnabled());
        QCOMPARE(rig.composer->rawBodyText(), QStringLiteral("method=getLead&id=1"));
        QCOMPARE(rig.composer->body(), QByteArray("method=getLead&id=1"));
        rig.composer->setRawBody(rig.composer->rawBodyText(), false);
        QVERIFY(rig.composer->body().startsWith("{"));
    }

    // The raw body is what goes out, byte for byte, and it is labelled as such.
    void rawBodyIsSentAsIs()
    {
        Rig rig;
        rig.composer->setRawBody(QStringLiteral("method=getLead&id=346743252994"), true);
        rig.composer->checkNow();
        auto* notice = rig.child<QLabel>("noticeLabel");
        QVERIFY(notice->isVisible());
        QVERIFY(plain(notice).contains(QLatin1String("Raw body")));
        auto* tabs = rig.child<QTabWidget>("requestTabs");
        QVERIFY(tabs->tabText(tabs->indexOf(rig.child<QWidget>("paramsTab"))).contains(QLatin1String("not sent")));
        QCOMPARE(rig.child<QPlainTextEdit>("envelopePreview")->toPlainText(),
                 QStringLiteral("method=getLead&id=346743252994"));
        // The prediction is 101.
        QVERIFY(!rig.composer->lintFindings().isEmpty());
        QCOMPARE(rig.composer->lintFindings().constFirst().predictedCode, 101);
        QSignalSpy finished(rig.composer.get(), &ComposerWidget::callFinished);
        rig.composer->send();
        QVERIFY(finished.wait(10000));
        QCOMPARE(rig.server.received().constFirst().body, QByteArray("method=getLead&id=346743252994"));
    }

    // Request files: headers as "headers": {...}; a raw body as "body": "text"; both open again.
    void requestFileRoundTrip()
    {
        Rig rig;
        rig.composer->setMethod(QStringLiteral("getLeads"));
        rig.composer->setParamsText(QStringLiteral("{\"where\": {}}"));
        rig.composer->setHeadersText(QStringLiteral("X-Simulator-Fault: code=222"));
        const QString path = rig.dir.filePath(QStringLiteral("headers.json"));
        QVERIFY(rig.composer->saveRequestFile(path));
        QString error;
        const auto file = RequestFile::load(path, &error);
        QVERIFY2(file, qPrintable(error));
        QCOMPARE(file->headers, (QList<ApiRequest::Header>{{"X-Simulator-Fault", "code=222"}}));

        rig.composer->setRawBody(QStringLiteral("not json at all"), true);
        const QString rawPath = rig.dir.filePath(QStringLiteral("raw.json"));
        QVERIFY(rig.composer->saveRequestFile(rawPath));

        rig.makeComposer();
        rig.composer->setHeadersText(QString());
        rig.composer->setRawBody(QString(), false);
        QVERIFY(rig.composer->openRequestFile(path, &error));
        QCOMPARE(rig.composer->headersText(), QStringLiteral("X-Simulator-Fault: code=222"));
        QVERIFY(!rig.composer->isRawBodyEnabled());
        QCOMPARE(rig.composer->method(), QStringLiteral("getLeads"));
        QVERIFY2(rig.composer->openRequestFile(rawPath, &error), qPrintable(error));
        QVERIFY(rig.composer->isRawBodyEnabled());
        QCOMPARE(rig.composer->rawBodyText(), QStringLiteral("not json at all"));
        QCOMPARE(rig.child<QTabWidget>("requestTabs")->currentWidget()->objectName(), QStringLiteral("rawBodyTab"));
    }

    // cURL: export carries -H lines, import fills the Headers tab (defaults left out) and a
    // non-JSON body goes to the Raw body tab.
    void curlRoundTrip()
    {
        Rig rig;
        rig.composer->setMethod(QStringLiteral("getLead"));
        rig.composer->setParamsText(QStringLiteral("{\"id\": 1}"));
        rig.composer->setHeadersText(QStringLiteral("X-Simulator-Fault: code=999"));
        const QString line = rig.composer->curlCommandLine(false);
        QVERIFY2(line.contains(QLatin1String("-H 'X-Simulator-Fault: code=999'")), qPrintable(line));
        QVERIFY(line.contains(QLatin1String("Content-Type: application/json")));
        QVERIFY(!line.contains(QLatin1String("sim-demo-secret-0001")));

        rig.makeComposer();
        rig.composer->setHeadersText(QString());
        QString error;
        QVERIFY2(rig.composer->importCurl(line, &error), qPrintable(error));
        QCOMPARE(rig.composer->headersText(), QStringLiteral("X-Simulator-Fault: code=999"));
        QCOMPARE(rig.composer->method(), QStringLiteral("getLead"));

        const QString form = QStringLiteral("curl '%1?accountID=SIMDEMO0001' -H 'X-Trace: 7' -d 'method=getLead&id=1'")
                                 .arg(rig.server.url().toString());
        QVERIFY2(rig.composer->importCurl(form, &error), qPrintable(error));
        QVERIFY(rig.composer->isRawBodyEnabled());
        QCOMPARE(rig.composer->rawBodyText(), QStringLiteral("method=getLead&id=1"));
        QVERIFY(rig.composer->headersText().contains(QLatin1String("X-Trace: 7")));

        // JSON that is not an envelope (an array) is sent as is too.
        QVERIFY2(rig.composer->importCurl(
                     QStringLiteral("curl https://api.sharpspring.com/pubapi/v1/ --data-raw '[1,2]'"), &error),
                 qPrintable(error));
        QVERIFY(rig.composer->isRawBodyEnabled());
        QCOMPARE(rig.composer->body(), QByteArray("[1,2]"));
    }

    // The secret key never goes into a header, a draft, a request file or a cURL line.
    void secretNeverInHeadersOrDraft()
    {
        Rig rig;
        const Environment staging = rig.addCustom();
        QVERIFY(rig.composer->selectEnvironment(staging.id));
        rig.composer->setAccountId(QStringLiteral("ACC-STAGING"));
        const QString secret = QStringLiteral("a-very-secret-key-4711");
        rig.composer->setSecretKey(secret);
        rig.composer->setHeadersText(QStringLiteral("X-Api-Key: %1\nsecretKey: other-value").arg(secret));
        QCOMPARE(rig.composer->headerProblems().size(), 2);
        QVERIFY(rig.composer->extraHeaders().isEmpty());
        for (const QString& problem : rig.composer->headerProblems())
            QVERIFY(!problem.contains(secret));
        // Not sent, not copied.
        rig.composer->send();
        QVERIFY(rig.server.received().isEmpty());
        QVERIFY(rig.composer->curlCommandLine(true).isEmpty());
        // Draft and file masked.
        QVERIFY(!rig.composer->draft().headers.contains(secret));
        QVERIFY(rig.composer->draft().headers.contains(QStringLiteral("•••")));
        rig.composer->setRawBody(QStringLiteral("secret=%1").arg(secret), false);
        rig.composer->flushDraft();
        QVERIFY(!rig.settingsFile().contains(secret.toUtf8()));
        const QString path = rig.dir.filePath(QStringLiteral("secret.json"));
        QVERIFY(rig.composer->saveRequestFile(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QVERIFY(!saved.contains(secret.toUtf8()));
        QVERIFY(!saved.contains("other-value"));
    }

    // A scenario loads as a user would type it: 101 raw, 222 with the fault header, 103 without
    // the account, 105 with a wrong secret.
    void loadScenario()
    {
        Rig rig;
        const ScenarioCatalog& catalog = ScenarioCatalog::builtin();
        QVERIFY(rig.composer->loadScenario(*catalog.scenario(101)));
        QVERIFY(rig.composer->isRawBodyEnabled());
        QCOMPARE(rig.composer->body(), catalog.scenario(101)->bodyBytes());
        QVERIFY(plain(rig.child<QLabel>("noticeLabel")).contains(QLatin1String("Reproducing 101")));

        QVERIFY(rig.composer->loadScenario(*catalog.scenario(222)));
        QVERIFY(!rig.composer->isRawBodyEnabled());
        QCOMPARE(rig.composer->headersText(), QStringLiteral("X-Simulator-Fault: code=222"));
        QCOMPARE(rig.child<QTabWidget>("requestTabs")->currentWidget()->objectName(), QStringLiteral("headersTab"));
        QVERIFY(plain(rig.child<QLabel>("noticeLabel")).contains(QLatin1String("X-Simulator-Fault")));

        QVERIFY(rig.composer->loadScenario(*catalog.scenario(103)));
        QVERIFY(rig.composer->accountId().isEmpty());
        QVERIFY(rig.composer->headersText().isEmpty());
        QVERIFY(!rig.composer->displayUrl().contains(QLatin1String("accountID")));
        QVERIFY(rig.composer->displayUrl().contains(QLatin1String("secretKey=")));

        QVERIFY(rig.composer->loadScenario(*catalog.scenario(104)));
        QCOMPARE(rig.composer->accountId(), QStringLiteral("SIMDEMO0001"));
        QVERIFY(!rig.composer->displayUrl().contains(QLatin1String("secretKey")));

        QVERIFY(rig.composer->loadScenario(*catalog.scenario(105)));
        ApiRequest request;
        QString error;
        QVERIFY2(rig.composer->currentRequest(&request, &error), qPrintable(error));
        QCOMPARE(request.secretKey, QStringLiteral("sim-demo-secret-0001-wrong"));
        // An edit makes it the user's request again: the note goes.
        rig.composer->setParamsText(QStringLiteral("{\"id\": 2}"));
        QVERIFY(!plain(rig.child<QLabel>("noticeLabel")).contains(QLatin1String("Reproducing")));
    }
};

QTEST_MAIN(TestComposerHeaders)
#include "tst_composerheaders.moc"
