#include "bulk/BulkRunDialog.h"
#include "ComposerWidget.h"
#include "ErrorBrowserWidget.h"
#include "ErrorGalleryWidget.h"
#include "ErrorTile.h"
#include "GuiApplication.h"
#include "HistoryModel.h"
#include "HistoryPanel.h"
#include "HistoryStatsWidget.h"
#include "InspectorWidget.h"
#include "MainWindow.h"
#include "ReproduceController.h"
#include "support/CustomerReplyDialog.h"
#include "support/SupportCallsDialog.h"
#include "support/SupportController.h"
#include "support/SupportFileLoader.h"
#include "support/TriageDialog.h"
#include "SupportBundle.h"
#include "TestSupport.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

#include <functional>

// Renders the main window offscreen (1366×768 unless a screen says otherwise) in a light and a
// dark palette and checks that the images carry a real rendering. With LEADGEN_SCREENSHOT_DIR
// set, writes them there as screenshot-<name>.png (docs/ keeps the ones shown in the README).
//
// To add a screen: append a Screen to screens() with a setup function that puts the window in
// the state to show, and optionally the window size and the objectName of the part to grab.
class TestScreenshots : public QObject
{
    Q_OBJECT

private:
    struct Screen
    {
        QString name;
        bool dark;
        std::function<void(MainWindow&)> setup;
        QSize size = QSize(1366, 768);
        QString part; // objectName of the widget to grab; empty: the whole window
    };

    static void showErrorEntry(MainWindow& window)
    {
        window.showErrorBrowser();
        window.errorBrowser()->showEntry(301);
    }

    // The same entry further down: the highlighted example response.
    static void showErrorExample(MainWindow& window)
    {
        showErrorEntry(window);
        window.errorBrowser()
            ->findChild<QTextBrowser*>(QStringLiteral("detailView"))
            ->scrollToAnchor(QStringLiteral("methods"));
    }

    // The composer after a getLeads sent to the embedded simulator: result line, response.
    static void showComposerSent(MainWindow& window)
    {
        ComposerWidget* composer = window.composer();
        composer->setMethod(QStringLiteral("getLeads"));
        composer->setParamsText(QStringLiteral("{\n  \"where\": {},\n  \"limit\": 3,\n  \"offset\": 0\n}"));
        QSignalSpy finished(composer, &ComposerWidget::callFinished);
        composer->send();
        QVERIFY(finished.wait(10000));
        composer->checkNow();
    }

    // A mutating method with mistakes the live lint catches, before sending.
    static void showComposerLint(MainWindow& window)
    {
        ComposerWidget* composer = window.composer();
        composer->setMethod(QStringLiteral("createLeads"));
        composer->setParamsText(
            QStringLiteral("{\n  \"objects\": [\n    {\n      \"emailaddress\": \"ada@example.com\",\n"
                           "      \"firstName\": \"Ada\"\n    }\n  ]\n}"));
        composer->checkNow();
    }

    // The inspector on a partial failure: a createLeads batch of 100 leads, 3 failed, opened
    // with its request; the first failure is selected (tree node, body range, batch row). The
    // dark variant shows the batch table.
    static void showPartialFailure(MainWindow& window, bool batchTab)
    {
        InspectorWidget* inspector = window.inspector();
        QSignalSpy loaded(inspector, &InspectorWidget::loaded);
        inspector->openFile(TestSupport::dataPath(QStringLiteral("inspector/createleads-100-response.json")),
                            TestSupport::dataPath(QStringLiteral("inspector/createleads-100-request.json")));
        window.showInspector();
        QVERIFY(loaded.wait(10000));
        if (batchTab) {
            auto* tabs = inspector->findChild<QTabWidget*>(QStringLiteral("detailTabs"));
            tabs->setCurrentWidget(inspector->findChild<QWidget*>(QStringLiteral("batchTab")));
        }
    }

    // The common path in one window: a createLeads batch of three sent to the simulator, the
    // second lead already there (another case of a demo address): composer on the left, the
    // inspector's partial-failure verdict and findings on the right, the first failure selected.
    static void showMainPartialFailure(MainWindow& window)
    {
        ComposerWidget* composer = window.composer();
        composer->setMethod(QStringLiteral("createLeads"));
        composer->setParamsText(QStringLiteral("{\n  \"objects\": [\n    {\"emailAddress\": \"ada@example.com\", "
                                               "\"firstName\": \"Ada\"},\n    {\"emailAddress\": "
                                               "\"KATHERINE.JOHNSON@northwind.example\"},\n    {\"emailAddress\": "
                                               "\"alan@example.com\", \"firstName\": \"Alan\"}\n  ]\n}"));
        QSignalSpy finished(composer, &ComposerWidget::callFinished);
        QSignalSpy loaded(window.inspector(), &InspectorWidget::loaded);
        composer->send();
        QVERIFY(finished.wait(10000));
        QVERIFY(!loaded.isEmpty() || loaded.wait(10000));
        composer->checkNow();
        window.inspector()->selectFinding(0);
    }

    // The same, then Explain: the error browser opens next to them.
    static void showMainExplained(MainWindow& window)
    {
        showMainPartialFailure(window);
        window.inspector()->explainCurrentFinding();
    }

    static void showMainExplainedFinding(MainWindow& window)
    {
        showMainExplained(window);
        window.inspector()->showFindBar();
        auto* edit = window.inspector()->findChild<QLineEdit*>(QStringLiteral("findEdit"));
        QTest::keyClicks(edit, QStringLiteral("\"success\""));
        QTest::keyClick(edit, Qt::Key_Return);
    }

    // First start: the Getting started guide under the inspector.
    static void showGettingStarted(MainWindow& window) { window.showGettingStarted(); }

    // "Try an error" (Help menu): the gallery under the inspector, after one tile was clicked: the
    // inspector shows the scenario's call (222: the fault header; 101: the raw body) and its
    // answer, the composer the user's own request again.
    static void showGalleryAfter(MainWindow& window, int code)
    {
        auto* action = window.findChild<QAction*>(QStringLiteral("actionTryError"));
        QVERIFY(action);
        action->trigger();
        QVERIFY(window.errorBrowser()->isGalleryShown());
        auto* controller = window.findChild<ReproduceController*>(QStringLiteral("reproduceController"));
        QVERIFY(controller);
        QSignalSpy finished(controller, &ReproduceController::finished);
        QSignalSpy loaded(window.inspector(), &InspectorWidget::loaded);
        ErrorTile* tile = window.errorBrowser()->gallery()->tile(code);
        QVERIFY(tile);
        QTest::mouseClick(tile, Qt::LeftButton);
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        QVERIFY(!loaded.isEmpty() || loaded.wait(10000));
        window.errorBrowser()->gallery()->findChild<QScrollArea*>()->ensureWidgetVisible(tile);
    }

    // Request → Send in batches… after a createLeads run of 14 objects in calls of 5 against the
    // embedded simulator: two addresses already there (301), one object without an address.
    static void showBatchRun(MainWindow& window)
    {
        static QTemporaryDir dir;
        QStringList objects;
        for (int i = 1; i <= 14; ++i) {
            if (i == 4)
                objects << QStringLiteral("{\"emailAddress\": \"KATHERINE.JOHNSON@northwind.example\"}");
            else if (i == 9)
                objects << QStringLiteral("{\"firstName\": \"No address\"}");
            else if (i == 12)
                objects << QStringLiteral("{\"emailAddress\": \"new.lead.3@example.com\"}");
            else
                objects << QStringLiteral("{\"emailAddress\": \"new.lead.%1@example.com\", \"firstName\": \"Lead %1\"}")
                               .arg(i);
        }
        ComposerWidget* composer = window.composer();
        composer->setMethod(QStringLiteral("createLeads"));
        composer->setParamsText(QStringLiteral("{\"objects\": [%1]}").arg(objects.join(QStringLiteral(",\n"))));
        window.findChild<QAction*>(QStringLiteral("actionBulkRun"))->trigger();
        auto* dialog = window.findChild<BulkRunDialog*>(QStringLiteral("bulkRunDialog"));
        QVERIFY(dialog);
        // Named by the environment, not by the endpoint's host.
        QVERIFY2(
            window.findChild<QLabel*>(QStringLiteral("bulkSummary"))->text().contains(QStringLiteral("“Simulator”")),
            qPrintable(window.findChild<QLabel*>(QStringLiteral("bulkSummary"))->text()));
        dialog->findChild<QLineEdit*>(QStringLiteral("bulkOutputPath"))
            ->setText(dir.filePath(QStringLiteral("createLeads.results.csv")));
        dialog->findChild<QSpinBox*>(QStringLiteral("bulkChunkSize"))->setValue(5);
        QSignalSpy done(dialog, &BulkRunDialog::runFinished);
        dialog->findChild<QPushButton*>(QStringLiteral("bulkStart"))->click();
        QVERIFY(done.wait(20000));
        dialog->resize(900, 560);
    }

    // File → Triage… over HAR files from three exporters: calls per error code.
    static void showTriage(MainWindow& window)
    {
        TriageDialog* triage = window.support()->triage({TestSupport::dataPath(QStringLiteral("har/chrome.har")),
                                                         TestSupport::dataPath(QStringLiteral("har/fiddler.har")),
                                                         TestSupport::dataPath(QStringLiteral("har/insomnia.har"))});
        QSignalSpy finished(triage, &TriageDialog::finished);
        QVERIFY(finished.count() > 0 || finished.wait(10000));
        triage->resize(900, 420);
        triage->findChild<QTableView*>(QStringLiteral("triageCodesView"))->selectRow(0);
    }

    // A support bundle of the calls of two HAR files, opened: the list of its calls.
    static SupportCallsDialog* showBundle(MainWindow& window)
    {
        static QTemporaryDir dir;
        QList<HistoryRecord> calls;
        for (const char* har : {"har/chrome.har", "har/firefox.har"})
            calls += SupportFileLoader::read({TestSupport::dataPath(QLatin1String(har))}, QString()).calls;
        const QString path = dir.filePath(QStringLiteral("customer-4711.lgdbundle"));
        QString error;
        if (!SupportBundle::make(calls, true).write(path, &error))
            return nullptr;
        window.openFile(path);
        SupportCallsDialog* dialog = window.support()->callsDialog();
        if (!dialog || (dialog->isLoading() && !QSignalSpy(dialog, &SupportCallsDialog::loaded).wait(10000)))
            return nullptr;
        dialog->resize(900, 360);
        dialog->findChild<QTableView*>()->selectRow(0);
        return dialog;
    }

    // "Copy explanation for the customer" on the bundle's failed batch.
    static void showCustomerReply(MainWindow& window)
    {
        SupportCallsDialog* calls = showBundle(window);
        QVERIFY(calls);
        calls->findChild<QPushButton*>(QStringLiteral("supportCopyReply"))->click();
        auto* reply = calls->findChild<CustomerReplyDialog*>(QStringLiteral("customerReplyDialog"));
        QVERIFY(reply);
        reply->resize(760, 600);
    }

    // A history of a few calls on the simulator (its own database), the History dock shown.
    static HistoryPanel* showHistory(MainWindow& window)
    {
        static QTemporaryDir dir;
        static int databases = 0;
        qputenv("LEADGEN_HISTORY", dir.filePath(QStringLiteral("shots-%1.sqlite").arg(++databases)).toUtf8());
        ComposerWidget* composer = window.composer();
        const QList<QPair<QString, QString>> calls{
            {QStringLiteral("getLeads"), QStringLiteral("{\"where\": {}, \"limit\": 2}")},
            {QStringLiteral("createLeads"),
             QStringLiteral("{\"objects\": [{\"emailAddress\": \"KATHERINE.JOHNSON@northwind.example\"}]}")},
            {QStringLiteral("getLead"), QStringLiteral("{}")},
            {QStringLiteral("getCampaigns"), QStringLiteral("{\"where\": {}}")},
            {QStringLiteral("getLeads"), QStringLiteral("{\"where\": {}, \"limit\": 3}")},
        };
        for (const auto& [method, params] : calls) {
            composer->setMethod(method);
            composer->setParamsText(params);
            QSignalSpy finished(composer, &ComposerWidget::callFinished);
            composer->send();
            if (!finished.wait(10000))
                return nullptr;
        }
        window.findChild<QAction*>(QStringLiteral("actionShowHistory"))->trigger();
        auto* panel = window.findChild<HistoryPanel*>(QStringLiteral("historyPanel"));
        if (!panel)
            return nullptr;
        const bool recorded = QTest::qWaitFor([&] { return panel->model()->rowCount() == int(calls.size()); }, 10000);
        return recorded ? panel : nullptr;
    }

    static const QList<Screen>& screens()
    {
        const QSize wide(1920, 1080);
        const QSize small(1024, 700);
        static const QList<Screen> list{
            {QStringLiteral("main-1366"), false, showMainPartialFailure},
            {QStringLiteral("main-1366-dark"), true, showMainPartialFailure},
            {QStringLiteral("main-1366-explain"), false, showMainExplained},
            {QStringLiteral("main-1920"), false, showMainExplained, wide},
            {QStringLiteral("main-1920-dark"), true, showMainExplained, wide},
            // The smallest supported window, the error panel open under composer and inspector.
            {QStringLiteral("main-1024"), false, showMainExplained, small},
            {QStringLiteral("main-1024-dark"), true, showMainPartialFailure, small},
            // The find bar counting matches with the error panel open.
            {QStringLiteral("main-1366-find-dark"), true, showMainExplainedFinding},
            {QStringLiteral("getting-started"), false, showGettingStarted},
            {QStringLiteral("errors"), false, showErrorEntry, wide, QStringLiteral("errorDock")},
            {QStringLiteral("errors-dark"), true, showErrorExample, wide, QStringLiteral("errorDock")},
            {QStringLiteral("composer"), false, showComposerSent, wide, QStringLiteral("composerDock")},
            {QStringLiteral("composer-dark"), true, showComposerLint, wide, QStringLiteral("composerDock")},
            {QStringLiteral("inspector"), false, [](MainWindow& window) { showPartialFailure(window, false); }, wide,
             QStringLiteral("inspector")},
            {QStringLiteral("inspector-dark"), true, [](MainWindow& window) { showPartialFailure(window, true); }, wide,
             QStringLiteral("inspector")},
            {QStringLiteral("gallery"), false, [](MainWindow& window) { showGalleryAfter(window, 222); }},
            {QStringLiteral("gallery-dark"), true, [](MainWindow& window) { showGalleryAfter(window, 101); }},
            {QStringLiteral("bulk-batches"), false, showBatchRun, wide, QStringLiteral("bulkRunDialog")},
            {QStringLiteral("support-triage"), false, showTriage, wide, QStringLiteral("triageDialog")},
            {QStringLiteral("support-bundle"), false, [](MainWindow& window) { QVERIFY(showBundle(window)); }, wide,
             QStringLiteral("supportCallsDialog")},
            {QStringLiteral("support-reply"), false, showCustomerReply, wide, QStringLiteral("customerReplyDialog")},
            {QStringLiteral("history"), false,
             [](MainWindow& window) {
                 if (HistoryPanel* panel = showHistory(window))
                     panel->view()->selectRow(1);
             },
             wide},
            {QStringLiteral("history-analytics"), true,
             [](MainWindow& window) {
                 showHistory(window);
                 auto* view = window.findChild<QTabWidget*>(QStringLiteral("historyView"));
                 view->setCurrentWidget(window.findChild<HistoryStatsWidget*>(QStringLiteral("historyStats")));
                 window.findChild<HistoryStatsWidget*>(QStringLiteral("historyStats"))
                     ->setGrouping(HistoryStore::StatsBy::Method);
             },
             wide, QStringLiteral("historyDock")},
            {QStringLiteral("history-compare"), false,
             [](MainWindow& window) {
                 if (HistoryPanel* panel = showHistory(window)) {
                     panel->view()->selectRow(0);
                     panel->compareSelected();
                 }
             },
             wide, QStringLiteral("historyCompareDialog")},
        };
        return list;
    }

    // A neutral dark palette of the kind desktop dark themes use.
    static QPalette darkPalette()
    {
        const QColor window(0x2b, 0x2d, 0x30);
        const QColor base(0x1f, 0x21, 0x24);
        const QColor text(0xe3, 0xe5, 0xe8);
        const QColor disabled(0x7d, 0x80, 0x85);
        QPalette p(window);
        p.setColor(QPalette::Window, window);
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Base, base);
        p.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
        p.setColor(QPalette::Text, text);
        p.setColor(QPalette::Button, QColor(0x36, 0x39, 0x3d));
        p.setColor(QPalette::ButtonText, text);
        p.setColor(QPalette::BrightText, Qt::white);
        p.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
        p.setColor(QPalette::LinkVisited, QColor(0xc5, 0x8a, 0xf9));
        p.setColor(QPalette::ToolTipBase, QColor(0x36, 0x39, 0x3d));
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::PlaceholderText, disabled);
        p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4d));
        p.setColor(QPalette::Midlight, QColor(0x3a, 0x3d, 0x41));
        p.setColor(QPalette::Mid, QColor(0x25, 0x27, 0x2a));
        p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
        p.setColor(QPalette::Shadow, Qt::black);
        for (auto role : {QPalette::Text, QPalette::ButtonText, QPalette::WindowText})
            p.setColor(QPalette::Disabled, role, disabled);
        return p;
    }

    static double meanLightness(const QImage& image)
    {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < image.height(); y += 4) {
            for (int x = 0; x < image.width(); x += 4, ++n)
                sum += QColor(image.pixel(x, y)).lightnessF();
        }
        return n ? sum / n : 0;
    }

private slots:
    void initTestCase()
    {
        GuiApplication::applyIdentity();
        // Own, empty settings: no window geometry or splitter position left by other tests.
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_screenshots"));
        QSettings().clear();
        // Fixed look, whatever the machine: Fusion and the application font DejaVu Sans.
        QApplication::setStyle(QStringLiteral("Fusion"));
    }

    void screenshot_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < screens().size(); ++i)
            QTest::newRow(qPrintable(screens().at(i).name)) << i;
    }

    void screenshot()
    {
        QFETCH(int, index);
        const Screen& screen = screens().at(index);
        const QPalette saved = QApplication::palette();
        const auto restore = qScopeGuard([&] { QApplication::setPalette(saved); });
        if (screen.dark)
            QApplication::setPalette(darkPalette());

        // Every screen starts from a first start's layout.
        QSettings().clear();
        MainWindow window;
        window.resize(screen.size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        screen.setup(window);
        // Layouts settle in a few rounds (a dock opening resizes the inspector, which refits the
        // finding's explanation, which ...): what a user sees a moment later.
        for (int round = 0; round < 8; ++round)
            QCoreApplication::processEvents();

        QWidget* part = screen.part.isEmpty() ? &window : window.findChild<QWidget*>(screen.part);
        QVERIFY2(part && part->isVisible(), qPrintable(screen.part));
        const QImage image = part->grab().toImage();
        if (!screen.part.isEmpty())
            QCOMPARE(image.size() / image.devicePixelRatio(), part->size());
        else
            QCOMPARE(image.size() / image.devicePixelRatio(), screen.size);
        // Non-trivial: many colours (text, badges, highlighting), not one dominant flat fill.
        QHash<QRgb, int> histogram;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2)
                ++histogram[image.pixel(x, y)];
        }
        QVERIFY2(histogram.size() > 200, qPrintable(QString::number(histogram.size())));
        const int samples = (image.height() / 2) * (image.width() / 2);
        int dominant = 0;
        for (int count : std::as_const(histogram))
            dominant = std::max(dominant, count);
        QVERIFY2(dominant < samples * 0.8, "one colour covers most of the window");
        // The palette took effect.
        const double lightness = meanLightness(image);
        if (screen.dark)
            QVERIFY2(lightness < 0.35, qPrintable(QString::number(lightness)));
        else
            QVERIFY2(lightness > 0.7, qPrintable(QString::number(lightness)));

        const QString dir = qEnvironmentVariable("LEADGEN_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QVERIFY(QDir().mkpath(dir));
            const QString path = QDir(dir).filePath(QStringLiteral("screenshot-%1.png").arg(screen.name));
            QVERIFY2(image.save(path), qPrintable(path));
            qInfo("wrote %s", qPrintable(path));
        }
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
