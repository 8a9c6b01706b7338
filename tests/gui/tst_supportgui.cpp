#include "CallCapture.h"
#include "Diagnosis.h"
#include "ImportedCall.h"
#include "InspectorSession.h"
#include "InspectorWidget.h"
#include "MainWindow.h"
#include "support/CustomerReplyDialog.h"
#include "support/SupportCallsDialog.h"
#include "support/SupportController.h"
#include "support/TriageDialog.h"
#include "SupportBundle.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

// The support workflow in the window, offscreen: HAR files and bundles open as a list of calls
// (File > Open path, a drop on the inspector), each call opens in the inspector as recorded, the
// triage table and its drill-down, the customer reply and "Save for support".
class TestSupportGui : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static SupportCallsDialog* waitForCalls(MainWindow& window)
    {
        SupportCallsDialog* dialog = window.support()->callsDialog();
        if (!dialog)
            return nullptr;
        QSignalSpy loaded(dialog, &SupportCallsDialog::loaded);
        if (dialog->isLoading() && !loaded.wait(10000))
            return nullptr;
        return dialog;
    }

    static bool openAndWait(MainWindow& window, SupportCallsDialog* dialog, int row)
    {
        QSignalSpy loaded(window.inspector(), &InspectorWidget::loaded);
        dialog->openRow(row);
        return loaded.count() > 0 || loaded.wait(10000);
    }

private slots:
    void init()
    {
        QSettings().clear();
        qputenv("LEADGEN_HISTORY", m_dir.filePath(QStringLiteral("history.sqlite")).toUtf8());
    }

    void harOpensAsAListOfCalls()
    {
        MainWindow window;
        window.openFile(TestSupport::dataPath(QStringLiteral("har/chrome.har")));
        SupportCallsDialog* dialog = waitForCalls(window);
        QVERIFY(dialog);
        QAbstractItemModelTester tester(dialog->model());
        QCOMPARE(dialog->model()->rowCount(), 2); // the non-API GET is counted, not listed
        QCOMPARE(dialog->model()->index(0, 2).data().toString(), QStringLiteral("createLeads"));
        QCOMPARE(dialog->model()->index(0, 4).data().toString(), QStringLiteral("partial_failure"));
        QCOMPARE(dialog->model()->index(1, 5).data().toString(), QStringLiteral("105"));
        auto* summary = dialog->findChild<QLabel*>(QStringLiteral("supportCallsSummary"));
        QVERIFY2(summary->text().contains(QLatin1String("1 other")), qPrintable(summary->text()));
        auto* notice = dialog->findChild<QLabel*>(QStringLiteral("supportSecretNotice"));
        QVERIFY(!notice->isHidden());
        QVERIFY(notice->text().contains(QLatin1String("rotate")));

        QVERIFY(openAndWait(window, dialog, 0));
        const auto result = window.inspector()->result();
        QVERIFY(result);
        QCOMPARE(result->diagnosis.verdict, Diagnosis::Verdict::PartialFailure);
        QVERIFY(!window.windowTitle().contains(QLatin1String("CANARY")));
        QVERIFY(!window.inspector()->session()->source().title.contains(QLatin1String("CANARY")));

        const QString reply = dialog->customerReply();
        QVERIFY2(reply.contains(QLatin1String("### What happened")) && reply.contains(QLatin1String("301")),
                 qPrintable(reply));
        QVERIFY(!reply.contains(QLatin1String("CANARY")));
    }

    void bundleCallsOpenAsRecorded()
    {
        ImportedCall call;
        call.url = QStringLiteral("https://api.example.com/pubapi/v1.2/?accountID=7");
        call.httpMethod = QStringLiteral("POST");
        call.requestBody = "{\"method\":\"getLeads\",\"params\":{\"where\":{}},\"id\":\"req-9\"}";
        call.httpStatus = 200;
        // Spacing and member order as received: the inspector must show these bytes.
        call.responseBody = "{ \"result\" : null, \"error\" : {\"code\": 105, \"message\": \"User authentication "
                            "failed.\", \"data\": {}}, \"id\": \"req-9\" }";
        call.timeMs = 1762077600000;
        const Diagnosis diagnosis = call.diagnose();
        const HistoryRecord record = call.toRecord(&diagnosis);
        const QString path = m_dir.filePath(QStringLiteral("one.lgdbundle"));
        QString error;
        QVERIFY(SupportBundle::make({record, record}, false).write(path, &error));

        MainWindow window;
        window.openFile(path);
        SupportCallsDialog* dialog = waitForCalls(window);
        QVERIFY(dialog);
        QCOMPARE(dialog->model()->rowCount(), 2);
        QVERIFY(openAndWait(window, dialog, 1));
        QCOMPARE(window.inspector()->session()->source().body, call.responseBody);
        QCOMPARE(window.inspector()->result()->diagnosis.verdict, Diagnosis::Verdict::ApiError);
    }

    void droppedHarOpensAsCalls()
    {
        MainWindow window;
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(TestSupport::dataPath(QStringLiteral("har/firefox.har")))});
        const QPoint at(10, 10);
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window.inspector(), &enter);
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window.inspector(), &drop);
        QVERIFY(drop.isAccepted());
        SupportCallsDialog* dialog = waitForCalls(window);
        QVERIFY(dialog);
        QCOMPARE(dialog->model()->rowCount(), 2);
    }

    void triageTableAndDrillDown()
    {
        MainWindow window;
        TriageDialog* triage = window.support()->triage({TestSupport::dataPath(QStringLiteral("har/chrome.har")),
                                                         TestSupport::dataPath(QStringLiteral("har/fiddler.har")),
                                                         TestSupport::dataPath(QStringLiteral("har/insomnia.har"))});
        QSignalSpy finished(triage, &TriageDialog::finished);
        QVERIFY(finished.count() > 0 || finished.wait(10000));
        QAbstractItemModelTester codesTester(triage->codesModel());
        QAbstractItemModelTester methodsTester(triage->methodsModel());
        // 301 three times (chrome, fiddler, insomnia), then 105, html_page, http_status once.
        QCOMPARE(triage->codesModel()->rowCount(), 4);
        QCOMPARE(triage->codesModel()->index(0, 0).data().toString(), QStringLiteral("301"));
        QCOMPARE(triage->codesModel()->index(0, 1).data().toInt(), 3);
        QCOMPARE(triage->methodsModel()->index(0, 0).data().toString(), QStringLiteral("createLeads"));
        QVERIFY(triage->customerReply().contains(QLatin1String("This happened 3 times")));
        // Read as a sentence, places counted as a person counts (entries and lines from 1).
        const QString summary = triage->findChild<QLabel*>(QStringLiteral("triageSummary"))->text();
        QVERIFY2(summary.contains(QLatin1String("calls to the API: ")) &&
                     summary.contains(QLatin1String("3 partial failure")) && summary.contains(QLatin1String(". ")),
                 qPrintable(summary));
        const QString example = triage->codesModel()->index(0, 5).data().toString();
        QVERIFY2(example.startsWith(QLatin1String("chrome.har, ")) && !example.contains(QLatin1Char('#')) &&
                     !example.endsWith(QLatin1String(" 0")),
                 qPrintable(example));

        triage->drillDownRow(0);
        SupportCallsDialog* calls = waitForCalls(window);
        QVERIFY(calls);
        QCOMPARE(calls->model()->rowCount(), 3);
        for (int row = 0; row < 3; ++row)
            QCOMPARE(calls->model()->index(row, 5).data().toString(), QStringLiteral("301"));
    }

    void saveForSupportTheCurrentCall()
    {
        MainWindow window;
        window.openFile(TestSupport::dataPath(QStringLiteral("har/insomnia.har")));
        SupportCallsDialog* dialog = waitForCalls(window);
        QVERIFY(dialog);
        QVERIFY(openAndWait(window, dialog, 0));
        const QString path = m_dir.filePath(QStringLiteral("current.lgdbundle"));
        QString error;
        QVERIFY2(window.support()->saveForSupport(path, false, &error), qPrintable(error));
        const std::optional<SupportBundle> bundle = SupportBundle::read(path, &error);
        QVERIFY2(bundle, qPrintable(error));
        QCOMPARE(bundle->calls.size(), 1);
        QCOMPARE(bundle->calls.at(0).codes(), QList<QVariant>{301});
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("CANARY"));
        QVERIFY(window.support()->customerReply().contains(QLatin1String("error 301")));
    }

    // Every "Copy explanation for the customer" copies the reply and shows it, so the engineer
    // sees what goes into the ticket; the secret the HAR carried is in neither.
    void customerReplyCopiedAndShown_data()
    {
        QTest::addColumn<QString>("where");
        QTest::newRow("calls dialog") << QStringLiteral("calls");
        QTest::newRow("triage table") << QStringLiteral("triage");
        QTest::newRow("inspector") << QStringLiteral("inspector");
    }

    void customerReplyCopiedAndShown()
    {
        QFETCH(QString, where);
        QGuiApplication::clipboard()->clear();
        MainWindow window;
        const QString har = TestSupport::dataPath(QStringLiteral("har/chrome.har"));
        QWidget* dialogParent = &window;
        QString expected;
        if (where == QLatin1String("triage")) {
            TriageDialog* triage = window.support()->triage({har});
            QSignalSpy finished(triage, &TriageDialog::finished);
            QVERIFY(finished.count() > 0 || finished.wait(10000));
            triage->findChild<QTableView*>(QStringLiteral("triageCodesView"))->selectRow(0);
            expected = triage->customerReply();
            triage->findChild<QPushButton*>(QStringLiteral("triageCopyReply"))->click();
            dialogParent = triage;
        } else {
            window.openFile(har);
            SupportCallsDialog* calls = waitForCalls(window);
            QVERIFY(calls);
            if (where == QLatin1String("calls")) {
                calls->findChild<QTableView*>()->selectRow(0);
                expected = calls->customerReply();
                calls->findChild<QPushButton*>(QStringLiteral("supportCopyReply"))->click();
                dialogParent = calls;
            } else {
                QVERIFY(openAndWait(window, calls, 0));
                expected = window.support()->customerReply();
                window.findChild<QAction*>(QStringLiteral("actionCopyCustomerReply"))->trigger();
            }
        }
        auto* dialog = dialogParent->findChild<CustomerReplyDialog*>(QStringLiteral("customerReplyDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        const QString copied = QGuiApplication::clipboard()->text();
        QVERIFY2(copied.contains(QLatin1String("### What happened")), qPrintable(copied));
        QCOMPARE(copied, expected);
        QCOMPARE(dialog->reply(), copied);
        QVERIFY(dialog->findChild<QTextBrowser*>(QStringLiteral("customerReplyPreview"))
                    ->toPlainText()
                    .contains(QLatin1String("What happened")));
        QVERIFY(!copied.contains(QLatin1String("CANARY")));

        // An edit to the Markdown is what "Copy again" copies.
        auto* source = dialog->findChild<QPlainTextEdit*>(QStringLiteral("customerReplySource"));
        source->appendPlainText(QStringLiteral("Regards, support"));
        dialog->findChild<QPushButton*>(QStringLiteral("customerReplyCopy"))->click();
        QVERIFY(QGuiApplication::clipboard()->text().endsWith(QLatin1String("Regards, support")));
    }
};

QTEST_MAIN(TestSupportGui)
#include "tst_supportgui.moc"
