#include "AnalysisTask.h"
#include "BodyView.h"
#include "CallAnalysis.h"
#include "ComposerWidget.h"
#include "EmbeddedSimulatorProvider.h"
#include "Environment.h"
#include "EnvironmentStore.h"
#include "ErrorBrowserWidget.h"
#include "ErrorCatalog.h"
#include "ErrorCodeModel.h"
#include "ErrorGalleryWidget.h"
#include "ErrorTile.h"
#include "FakeHttpServer.h"
#include "GettingStartedPanel.h"
#include "GuiApplication.h"
#include "InspectorSession.h"
#include "InspectorWidget.h"
#include "MainWindow.h"
#include "ResponseGenerator.h"
#include "ScriptedPrompter.h"
#include "TestSupport.h"

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

#include <functional>

// The application shell: composer and inspector side by side, the
// error browser and "Getting started" as docks, the status bar, the About text, and the layout
// remembered between runs.
class TestMainWindow : public QObject
{
    Q_OBJECT

    // At 1366×768 with the error panel open: rows of findings and lines of body in view (before
    // the panel took less height: two rows; the body's five lines are still too few).
    static constexpr int kLaptopFindingRows = 3;
    static constexpr int kLaptopBodyLines = 5;

    // A createLeads batch of three on the simulator whose second lead exists already (another
    // case of a demo lead's address): a partial failure.
    static void sendPartialFailure(MainWindow& window)
    {
        ComposerWidget* composer = window.composer();
        composer->setMethod(QStringLiteral("createLeads"));
        composer->setParamsText(QStringLiteral("{\"objects\": [{\"emailAddress\": \"ada.%1@example.com\"}, "
                                               "{\"emailAddress\": \"KATHERINE.JOHNSON@northwind.example\"}, "
                                               "{\"emailAddress\": \"alan.%1@example.com\"}]}")
                                    .arg(QDateTime::currentMSecsSinceEpoch()));
        QSignalSpy finished(composer, &ComposerWidget::callFinished);
        QSignalSpy loaded(window.inspector(), &InspectorWidget::loaded);
        composer->send();
        QVERIFY(finished.wait(10000));
        QVERIFY(!loaded.isEmpty() || loaded.wait(10000));
    }

    static QString labelText(MainWindow& window, const char* name)
    {
        auto* label = window.findChild<QLabel*>(QLatin1String(name));
        return label ? label->text() : QStringLiteral("<no %1>").arg(QLatin1String(name));
    }

private slots:
    void initTestCase()
    {
        GuiApplication::applyIdentity();
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_mainwindow"));
    }

    void init() { QSettings().clear(); }

    // The common path needs no switching: composer and inspector are both in view at a laptop
    // size and at full HD; the error browser is closed until asked for.
    void sideBySide_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1366x768") << QSize(1366, 768);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }

    void sideBySide()
    {
        QFETCH(QSize, size);
        MainWindow window;
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ComposerWidget* composer = window.composer();
        InspectorWidget* inspector = window.inspector();
        QVERIFY(composer->isVisible());
        QVERIFY(inspector->isVisible());
        QCOMPARE(window.centralWidget(), inspector);
        QCOMPARE(window.dockWidgetArea(window.composerDock()), Qt::LeftDockWidgetArea);
        QVERIFY(!window.errorDock()->isVisible());
        // Neither is squeezed: the composer's form and the inspector's table both have room.
        QVERIFY2(composer->width() >= 540, qPrintable(QString::number(composer->width())));
        QVERIFY2(inspector->width() >= 600, qPrintable(QString::number(inspector->width())));
        // Side by side, not overlapping (once the dock layout has settled).
        const auto composerRight = [&] { return composer->mapTo(&window, QPoint(composer->width(), 0)).x(); };
        const auto inspectorLeft = [&] { return inspector->mapTo(&window, QPoint()).x(); };
        QTRY_VERIFY2(composerRight() <= inspectorLeft(),
                     qPrintable(QStringLiteral("%1 > %2").arg(composerRight()).arg(inspectorLeft())));
        QVERIFY(inspectorLeft() + inspector->width() <= window.width());
        // The method list gives way on the narrow screen (the Method field completes names) and
        // is there on the wide one.
        QCOMPARE(composer->isMethodListVisible(), size.width() >= 1900);
        QCOMPARE(composer->methodListAction()->isChecked(), composer->isMethodListVisible());
        // Every tab of the old layout holds its feature: no placeholder is left.
        QVERIFY(!window.findChild<QWidget*>(QStringLiteral("composerPlaceholder")));
        QVERIFY(!window.findChild<QWidget*>(QStringLiteral("inspectorPlaceholder")));
    }

    // The method list can be shown on a narrow window and stays as chosen.
    void methodListToggle()
    {
        {
            MainWindow window;
            window.resize(1366, 768);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            ComposerWidget* composer = window.composer();
            QVERIFY(!composer->isMethodListVisible());
            auto* button = composer->findChild<QToolButton*>(QStringLiteral("methodListButton"));
            QVERIFY(button && button->isVisible());
            button->click();
            QVERIFY(composer->isMethodListVisible());
            QVERIFY(composer->findChild<QWidget*>(QStringLiteral("methodPicker"))->isVisible());
            window.resize(1300, 760);
            QTRY_COMPARE(window.size(), QSize(1300, 760));
            QVERIFY(composer->isMethodListVisible()); // the user's choice wins over the width
            QVERIFY(window.close());
        }
        MainWindow again;
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(again.composer()->isMethodListVisible());
    }

    // The composer's actions are in the Request menu; a call sent opens in the inspector next
    // to it; the simulator starts with the first call, not with the window.
    void composerAndInspector()
    {
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ComposerWidget* composer = window.composer();
        QCOMPARE(composer->parentWidget(), window.composerDock());
        auto* menu = window.findChild<QMenu*>(QStringLiteral("menuRequest"));
        QVERIFY(menu);
        QVERIFY(menu->actions().contains(composer->sendAction()));
        QVERIFY(menu->actions().contains(composer->copyCurlWithSecretAction()));
        QVERIFY(!window.simulator()->isRunning());
        QCOMPARE(labelText(window, "statusSimulator"), QStringLiteral("Simulator starts on first call"));

        sendPartialFailure(window);
        QVERIFY(window.simulator()->isRunning());
        InspectorWidget* inspector = window.inspector();
        QVERIFY(inspector->result());
        QCOMPARE(inspector->result()->diagnosis.verdict, Diagnosis::Verdict::PartialFailure);
        QVERIFY(inspector->findChild<QWidget*>(QStringLiteral("verdictBanner"))->isVisible());
        QVERIFY(inspector->findChild<QWidget*>(QStringLiteral("findingsView"))->isVisible());
        QVERIFY(composer->isVisible());
        // The result line still links to the inspector.
        auto* result = composer->findChild<QLabel*>(QStringLiteral("resultLabel"));
        QVERIFY2(result->text().contains(QLatin1String("href=\"inspect\"")), qPrintable(result->text()));
        const QString simulator = labelText(window, "statusSimulator");
        QVERIFY2(simulator.startsWith(QLatin1String("Simulator running on 127.0.0.1:")), qPrintable(simulator));
    }

    // One analysis per call: the composer's result line and the inspector show the same one.
    void callAnalysedOnce()
    {
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy analysed(window.composer(), &ComposerWidget::callAnalysed);
        const int before = AnalysisTask::analysisCount();
        sendPartialFailure(window);
        QCOMPARE(AnalysisTask::analysisCount() - before, 1);
        QCOMPARE(analysed.count(), 1);
        const auto call = analysed.constFirst().at(0).value<FinishedCall>();
        QVERIFY(call.analysis);
        QCOMPARE(window.inspector()->result(), call.analysis); // the same object, not a second run
        const QString verdict = Diagnosis::verdictName(window.inspector()->result()->diagnosis.verdict);
        QCOMPARE(verdict, QStringLiteral("partial_failure"));
        auto* result = window.composer()->findChild<QLabel*>(QStringLiteral("resultLabel"));
        QVERIFY2(result->text().contains(QStringLiteral("verdict: ") + verdict), qPrintable(result->text()));
    }

    // A body too big to analyse at once opens in the inspector while it is being analysed (the
    // tree before the findings), and Esc in the composer stops that very analysis.
    void bigResponseAnalysedInInspector_data()
    {
        QTest::addColumn<bool>("cancel");
        QTest::newRow("analysed") << false;
        QTest::newRow("Esc cancels") << true;
    }
    void bigResponseAnalysedInInspector()
    {
        QFETCH(bool, cancel);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.json"));
        ResponseGenerator::writeLeadsAndBatch(path, 3 * CallAnalysis::kAnalyseNowLimit);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        FakeHttpServer server;
        FakeHttpServer::Script script;
        script.body = file.readAll();
        server.setScript(script);
        QVERIFY(server.listen());
        Environment environment;
        environment.name = QStringLiteral("Big answers");
        environment.kind = Environment::Kind::Custom;
        environment.baseUrl = server.url();
        environment.accountId = QStringLiteral("ACC-BIG");
        {
            EnvironmentStore store(nullptr);
            QVERIFY(store.save(environment));
        }

        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        ComposerWidget* composer = window.composer();
        QVERIFY(composer->selectEnvironment(environment.id));
        composer->setSecretKey(QStringLiteral("big-secret"));
        composer->setMethod(QStringLiteral("getLeads"));
        composer->setParamsText(QStringLiteral("{\"where\": {}, \"limit\": 500}"));
        InspectorSession* session = window.inspector()->session();
        bool sendingWhenOpened = false;
        connect(session, &InspectorSession::started, this, [&] { sendingWhenOpened = composer->isSending(); });
        if (cancel) {
            // The index is complete and the findings are being computed: Esc now.
            auto* params = composer->findChild<QWidget*>(QStringLiteral("paramsEdit"));
            connect(
                session, &InspectorSession::indexReady, params, [params] { QTest::keyClick(params, Qt::Key_Escape); },
                Qt::SingleShotConnection);
            params->setFocus();
        }
        QSignalSpy analysed(composer, &ComposerWidget::callAnalysed);
        QSignalSpy canceled(session, &InspectorSession::canceled);
        const int before = AnalysisTask::analysisCount();
        composer->send();
        QVERIFY(analysed.wait(30000));
        QVERIFY(sendingWhenOpened); // the inspector had it before the analysis ended
        QVERIFY(!composer->isSending());
        const auto call = analysed.constFirst().at(0).value<FinishedCall>();
        QVERIFY(call.inspected);
        auto* result = composer->findChild<QLabel*>(QStringLiteral("resultLabel"));
        if (cancel) {
            QCOMPARE(canceled.count(), 1);
            QVERIFY(!call.analysis);
            QVERIFY2(result->text().contains(QLatin1String("Analysis canceled")), qPrintable(result->text()));
            QVERIFY(!window.inspector()->result());
        } else {
            QCOMPARE(canceled.count(), 0);
            QVERIFY(call.analysis);
            QCOMPARE(window.inspector()->result(), call.analysis);
            QCOMPARE(AnalysisTask::analysisCount() - before, 1);
            QVERIFY2(result->text().contains(QLatin1String("verdict: partial_failure")), qPrintable(result->text()));
        }
        QCOMPARE(analysed.count(), 1);
    }

    // Environment, account (never the secret) and the last call's time, duration and verdict.
    void statusBar()
    {
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ComposerWidget* composer = window.composer();
        QCOMPARE(labelText(window, "statusEnvironment"), QStringLiteral("Environment: Simulator"));
        QCOMPARE(labelText(window, "statusAccount"), QStringLiteral("Account SIMDEMO0001"));
        QVERIFY(!window.findChild<QLabel*>(QStringLiteral("statusLastCall"))->isVisible());

        const QTime before = QTime::currentTime();
        sendPartialFailure(window);
        auto* lastCall = window.findChild<QLabel*>(QStringLiteral("statusLastCall"));
        QVERIFY(lastCall->isVisible());
        static const QRegularExpression pattern(
            QStringLiteral("^Last call (\\d\\d:\\d\\d:\\d\\d) · \\d+ ms · partial failure$"));
        const QRegularExpressionMatch match = pattern.match(lastCall->text());
        QVERIFY2(match.hasMatch(), qPrintable(lastCall->text()));
        const QTime at = QTime::fromString(match.captured(1), QStringLiteral("HH:mm:ss"));
        QVERIFY(qAbs(at.secsTo(before)) <= 5);
        QVERIFY2(lastCall->toolTip().contains(QLatin1String("Partial failure")), qPrintable(lastCall->toolTip()));

        // A typed account shows once the composer takes it; the secret never does.
        composer->setAccountId(QStringLiteral("ACC-STATUS-42"));
        composer->setSecretKey(QStringLiteral("status-bar-secret-value"));
        QTRY_COMPARE(labelText(window, "statusAccount"), QStringLiteral("Account ACC-STATUS-42"));
        for (QLabel* label : window.statusBar()->findChildren<QLabel*>()) {
            QVERIFY(!label->text().contains(QLatin1String("status-bar-secret-value")));
            QVERIFY(!label->toolTip().contains(QLatin1String("status-bar-secret-value")));
        }

        // Another environment: the label follows.
        Environment custom;
        custom.name = QStringLiteral("Status staging");
        custom.kind = Environment::Kind::Custom;
        custom.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9/"));
        auto* store = window.findChild<EnvironmentStore*>();
        QString error;
        QVERIFY2(store->save(custom, &error), qPrintable(error));
        QVERIFY(composer->selectEnvironment(custom.id));
        QCOMPARE(labelText(window, "statusEnvironment"), QStringLiteral("Environment: Status staging"));
    }

    // The inspector with nothing opened says how to open, paste or send a response.
    void emptyInspector()
    {
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QWidget* empty = window.inspector()->findChild<QWidget*>(QStringLiteral("emptyState"));
        QVERIFY(empty->isVisible());
        // No banner repeating "no response" above it.
        QVERIFY(!window.inspector()->findChild<QWidget*>(QStringLiteral("verdictBanner"))->isVisible());
        const QString text = window.inspector()->findChild<QLabel*>(QStringLiteral("emptyStateText"))->text();
        for (const char* word : {"Send", "open", "paste", "drop"})
            QVERIFY2(text.contains(QLatin1String(word)), word);
        for (const char* button : {"emptyOpenButton", "emptyPasteButton", "emptyExampleButton"})
            QVERIFY2(window.inspector()->findChild<QPushButton*>(QLatin1String(button))->isVisible(), button);
        // Its open and paste actions are in the File menu.
        auto* file = window.findChild<QMenu*>(QStringLiteral("menuFile"));
        QVERIFY(file->actions().contains(window.inspector()->openAction()));
        QVERIFY(file->actions().contains(window.inspector()->pasteAction()));
    }

    // Window geometry, docks (error browser open, its size), the composer's splitters, and the
    // last method and environment come back after a restart.
    void layoutPersists()
    {
        int composerWidth = 0;
        int errorHeight = 0;
        QList<int> editorSizes;
        QString environmentId;
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(1300, 740);
            QTRY_COMPARE(window.size(), QSize(1300, 740));
            window.explain(QStringLiteral("301"));
            QVERIFY(window.errorDock()->isVisible());
            window.resizeDocks({window.composerDock()}, {640}, Qt::Horizontal);
            window.resizeDocks({window.errorDock()}, {280}, Qt::Vertical);
            auto* editor = window.composer()->findChild<QSplitter*>(QStringLiteral("editorSplitter"));
            editor->setSizes({150, 300});
            QTRY_VERIFY(qAbs(window.composerDock()->width() - 640) <= 2);
            composerWidth = window.composerDock()->width();
            errorHeight = window.errorDock()->height();
            editorSizes = editor->sizes();

            Environment custom;
            custom.name = QStringLiteral("Persisted staging");
            custom.kind = Environment::Kind::Custom;
            custom.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9/"));
            custom.accountId = QStringLiteral("ACC-PERSIST");
            QString error;
            QVERIFY2(window.findChild<EnvironmentStore*>()->save(custom, &error), qPrintable(error));
            QVERIFY(window.composer()->selectEnvironment(custom.id));
            environmentId = custom.id;
            window.composer()->setMethod(QStringLiteral("getAccounts"));
            QVERIFY(window.close());
        }
        MainWindow again;
        QCOMPARE(again.size(), QSize(1300, 740));
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(again.errorDock()->isVisible());
        QCOMPARE(again.dockWidgetArea(again.errorDock()), Qt::BottomDockWidgetArea);
        QCOMPARE(again.composerDock()->width(), composerWidth);
        QVERIFY2(qAbs(again.errorDock()->height() - errorHeight) <= 2,
                 qPrintable(QStringLiteral("%1 vs %2").arg(again.errorDock()->height()).arg(errorHeight)));
        // The editor keeps its part (the window around it may differ by a status line).
        const QList<int> sizes = again.composer()->findChild<QSplitter*>(QStringLiteral("editorSplitter"))->sizes();
        QCOMPARE(sizes.size(), 2);
        QVERIFY2(qAbs(sizes.at(0) - editorSizes.at(0)) <= 20,
                 qPrintable(QStringLiteral("%1 vs %2").arg(sizes.at(0)).arg(editorSizes.at(0))));
        QCOMPARE(again.composer()->environment().id, environmentId);
        QCOMPARE(again.composer()->accountId(), QStringLiteral("ACC-PERSIST"));
        QCOMPARE(again.composer()->method(), QStringLiteral("getAccounts"));
        QCOMPARE(labelText(again, "statusEnvironment"), QStringLiteral("Environment: Persisted staging"));
    }

    // Shown by itself on the first start only; Help brings it back.
    void gettingStartedOnce()
    {
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(!window.gettingStartedDock()->isVisible());
            QVERIFY(window.showGettingStartedOnFirstRun());
            QVERIFY(window.gettingStartedDock()->isVisible());
            QVERIFY(window.composer()->isVisible());
            QVERIFY(window.inspector()->isVisible());
            window.gettingStartedDock()->close();
            QVERIFY(window.close());
        }
        MainWindow again;
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(!again.showGettingStartedOnFirstRun());
        QVERIFY(!again.gettingStartedDock()->isVisible());
        auto* action = again.findChild<QAction*>(QStringLiteral("actionGettingStarted"));
        QVERIFY(action);
        auto* help = again.findChild<QMenu*>(QStringLiteral("menuHelp"));
        QVERIFY(help->actions().contains(action));
        action->trigger();
        QVERIFY(again.gettingStartedDock()->isVisible());
    }

    // Each step's button does the step in the real window: simulator and demo account, getLeads
    // with its template, Send, the verdict, then an error reproduced and explained.
    void gettingStartedSteps()
    {
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.showGettingStarted();
        GettingStartedPanel* guide = window.gettingStarted();
        ComposerWidget* composer = window.composer();
        // Start somewhere else, to see step 1 do something.
        Environment custom;
        custom.name = QStringLiteral("Guide staging");
        custom.kind = Environment::Kind::Custom;
        custom.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9/"));
        QString error;
        QVERIFY2(window.findChild<EnvironmentStore*>()->save(custom, &error), qPrintable(error));
        QVERIFY(composer->selectEnvironment(custom.id));
        composer->setMethod(QStringLiteral("getAccounts"));

        QTest::mouseClick(guide->button(GettingStartedPanel::ChooseSimulator), Qt::LeftButton);
        QCOMPARE(composer->environment().id, EnvironmentStore::simulatorId());
        QCOMPARE(composer->accountId(), QStringLiteral("SIMDEMO0001"));
        QVERIFY(guide->isDone(GettingStartedPanel::ChooseSimulator));

        QTest::mouseClick(guide->button(GettingStartedPanel::PickMethod), Qt::LeftButton);
        QCOMPARE(composer->method(), QStringLiteral("getLeads"));
        QVERIFY(composer->paramsText().contains(QLatin1String("\"where\"")));

        QSignalSpy finished(composer, &ComposerWidget::callFinished);
        QSignalSpy loaded(window.inspector(), &InspectorWidget::loaded);
        QTest::mouseClick(guide->button(GettingStartedPanel::Send), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY(guide->isDone(GettingStartedPanel::Send));
        QVERIFY(!loaded.isEmpty() || loaded.wait(10000));
        QCOMPARE(window.inspector()->result()->diagnosis.verdict, Diagnosis::Verdict::Ok);

        QTest::mouseClick(guide->button(GettingStartedPanel::ReadVerdict), Qt::LeftButton);
        QVERIFY(guide->isDone(GettingStartedPanel::ReadVerdict));

        loaded.clear();
        QTest::mouseClick(guide->button(GettingStartedPanel::TryError), Qt::LeftButton);
        QCOMPARE(composer->method(), QStringLiteral("createLeads"));
        QVERIFY(loaded.wait(10000));
        QTRY_VERIFY(window.errorDock()->isVisible());
        QVERIFY(window.errorBrowser()->currentEntry());
        QCOMPARE(window.errorBrowser()->currentEntry()->code, 301);
        QVERIFY(guide->isDone(GettingStartedPanel::TryError));
        QVERIFY(window.inspector()->isVisible());
    }

    void aboutNamesVersions()
    {
        MainWindow window;
        const QString text = window.aboutText();
        QVERIFY(text.contains(QLatin1String(LEADGEN_VERSION)));
        QVERIFY(!ErrorCatalog::builtin().version().isEmpty());
        QVERIFY(text.contains(ErrorCatalog::builtin().version()));
        QVERIFY(text.contains(QString::number(ErrorCatalog::builtin().entries().size())));
        QVERIFY(text.contains(QLatin1String(QT_VERSION_STR)));
    }

    void statusBarShowsCatalogue()
    {
        MainWindow window;
        auto* label = window.findChild<QLabel*>(QStringLiteral("statusCatalogue"));
        QVERIFY(label);
        const ErrorCatalog& catalog = ErrorCatalog::builtin();
        QVERIFY(label->text().contains(catalog.version()));
        QVERIFY(label->text().contains(QString::number(catalog.entries().size())));
        // The browser's feedback reaches the status bar.
        window.errorBrowser()->showEntry(105);
        window.errorBrowser()->findChild<QToolButton*>(QStringLiteral("copyTextButton"))->click();
        QVERIFY(window.statusBar()->currentMessage().contains(QLatin1String("105")));
    }

    // Fits a small laptop screen with room to spare.
    // At 1366x768 with the error panel open under the inspector: the finding's explanation is
    // whole or scrolls (never cut off), and the code list shows the error names in full (all but
    // the longest few: the entry pane keeps half the width for its toolbar).
    void explainedAtLaptopSize()
    {
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy loaded(window.inspector(), &InspectorWidget::loaded);
        window.inspector()->openExample(*ErrorCatalog::builtin().byCode(301));
        QVERIFY(loaded.wait(10000));
        window.inspector()->explainCurrentFinding();
        auto* area = window.inspector()->findChild<QScrollArea*>(QStringLiteral("findingDetailArea"));
        auto* detail = window.inspector()->findChild<QLabel*>(QStringLiteral("findingDetail"));
        QVERIFY(area && detail);
        QVERIFY(detail->text().contains(QLatin1String("Fix:")));
        QTRY_VERIFY2(area->viewport()->height() >= detail->heightForWidth(area->viewport()->width()) ||
                         area->verticalScrollBar()->isVisible(),
                     qPrintable(QStringLiteral("%1 px shown of %2, no scroll bar")
                                    .arg(area->viewport()->height())
                                    .arg(detail->heightForWidth(area->viewport()->width()))));

        QTableView* table = window.errorBrowser()->findChild<QTableView*>(QStringLiteral("codeTable"));
        QVERIFY(table && table->isVisible());
        const int nameColumn = ErrorCodeModel::NameColumn;
        const int rows = table->model()->rowCount();
        const auto fitting = [&] {
            // The text's room: the column less the item's margins on both sides.
            const int room = table->columnWidth(nameColumn) - 8;
            int n = 0;
            for (int row = 0; row < rows; ++row)
                n += table->fontMetrics().horizontalAdvance(table->model()->index(row, nameColumn).data().toString()) <=
                     room;
            return n;
        };
        QTRY_VERIFY2(fitting() >= rows * 9 / 10,
                     qPrintable(QStringLiteral("%1 of %2 names fit").arg(fitting()).arg(rows)));
    }

    // "Try an error" on a fresh start: every tile is a card of its natural height (not a
    // collapsed line) and a click on one starts reproducing its code.
    void galleryTilesUsable_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x700") << QSize(1024, 700);
        QTest::newRow("1366x768") << QSize(1366, 768);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }

    void galleryTilesUsable()
    {
        QFETCH(QSize, size);
        MainWindow window;
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // As on a first start: "Getting started" is open at the bottom already.
        QVERIFY(window.showGettingStartedOnFirstRun());
        auto* tryError = window.findChild<QAction*>(QStringLiteral("actionTryError"));
        QVERIFY(tryError);
        tryError->trigger();
        auto* gallery = window.findChild<ErrorGalleryWidget*>(QStringLiteral("errorGallery"));
        QVERIFY(gallery);
        QTRY_VERIFY(gallery->isVisible());
        ErrorTile* first = gallery->tile(gallery->codes().constFirst());
        QVERIFY(first);
        const int natural = first->sizeHint().height();
        QVERIFY(natural > 30);
        const auto collapsed = [&] {
            QStringList list;
            for (int code : gallery->codes()) {
                if (gallery->tile(code)->height() < natural)
                    list << QStringLiteral("%1: %2 px").arg(code).arg(gallery->tile(code)->height());
            }
            return list.join(QStringLiteral(", "));
        };
        QTRY_VERIFY2(collapsed().isEmpty(), qPrintable(collapsed()));
        // The gallery shows whole tiles: at least two rows of them in view.
        auto* scroll = gallery->findChild<QScrollArea*>(QStringLiteral("galleryScroll"));
        QVERIFY(scroll);
        QVERIFY2(scroll->viewport()->height() >= 2 * natural,
                 qPrintable(QStringLiteral("%1 px for tiles of %2").arg(scroll->viewport()->height()).arg(natural)));
        // A click on the first tile (where it is on screen) asks for its code.
        QSignalSpy requested(gallery, &ErrorGalleryWidget::reproduceRequested);
        QTRY_VERIFY(first->isEnabled());
        scroll->ensureWidgetVisible(first);
        QWidget* hit = scroll->viewport()->childAt(first->mapTo(scroll->viewport(), first->rect().center()));
        QVERIFY2(hit == first || first->isAncestorOf(hit),
                 qPrintable(hit ? hit->objectName() : QStringLiteral("none")));
        QTest::mouseClick(first, Qt::LeftButton, {}, first->rect().center());
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.constFirst().constFirst().toInt(), first->info().code);
    }

    void fitsSmallScreens()
    {
        MainWindow window;
        const QSize minimum = window.minimumSizeHint();
        QVERIFY2(minimum.width() <= 1024 && minimum.height() <= 600,
                 qPrintable(QStringLiteral("%1x%2").arg(minimum.width()).arg(minimum.height())));
    }

    // A call's status texts (last call, simulator address: elided when short of room) do not
    // raise the window's minimum above 1024×700 (they made it 1,109 pixels). The bottom docks,
    // the method list and the find bar still do: their own minimum widths beside the composer.
    void fitsSmallScreensAfterCall_data()
    {
        QTest::addColumn<QStringList>("actions");
        QTest::newRow("after a call") << QStringList{};
    }

    void fitsSmallScreensAfterCall()
    {
        QFETCH(QStringList, actions);
        MainWindow window;
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        sendPartialFailure(window); // findings, a body, a batch: the inspector at its fullest
        for (const QString& name : actions) {
            auto* action = window.findChild<QAction*>(name);
            QVERIFY2(action, qPrintable(name));
            if (action->isCheckable() && action->isChecked())
                continue;
            action->trigger();
        }
        QCoreApplication::processEvents();
        const QSize minimum = window.minimumSizeHint();
        QVERIFY2(minimum.width() <= 1024 && minimum.height() <= 700,
                 qPrintable(QStringLiteral("%1x%2").arg(minimum.width()).arg(minimum.height())));
    }

    // File → Open Recent lists what was opened, across a restart, and is cleared on request; file
    // dialogs start in the folder of the last file used rather than the working directory.
    void recentFilesAndLastFolder()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("answer.json"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(TestSupport::readData(QStringLiteral("inspector/createleads-partial-response.json")));
        }
        {
            MainWindow window;
            window.openFile(path);
        }
        MainWindow window; // the next start
        auto* menu = window.findChild<QMenu*>(QStringLiteral("menuOpenRecent"));
        QVERIFY(menu);
        emit menu->aboutToShow();
        QAction* recent = nullptr;
        for (QAction* action : menu->actions())
            recent = action->data().toString() == QFileInfo(path).absoluteFilePath() ? action : recent;
        QVERIFY2(recent, "the file opened in the last run is listed");
        QSignalSpy loaded(window.inspector(), &InspectorWidget::loaded);
        recent->trigger();
        QVERIFY(!loaded.isEmpty() || loaded.wait(10000));
        QCOMPARE(window.inspector()->session()->source().path, QFileInfo(path).absoluteFilePath());

        // The composer's Save offers that folder.
        ScriptedPrompter prompter;
        window.composer()->setPrompter(&prompter);
        window.composer()->saveAction()->trigger();
        QCOMPARE(QFileInfo(prompter.lastSuggestedPath).absolutePath(), QFileInfo(path).absolutePath());
        window.composer()->setPrompter(nullptr);

        auto* clear = menu->findChild<QAction*>(QStringLiteral("actionClearRecentFiles"));
        QVERIFY(clear && clear->isEnabled());
        clear->trigger();
        emit menu->aboutToShow();
        QVERIFY(menu->findChild<QAction*>(QStringLiteral("actionNoRecentFiles")));
        for (QAction* action : menu->actions())
            QVERIFY(action->data().toString().isEmpty());
    }

    // At 1366×768 with the error panel open the inspector still shows several findings and a
    // screenful of body; where the user puts the findings/body splitter is kept across restarts.
    void inspectorRoomAtLaptopSize()
    {
        const auto rowsShown = [](MainWindow& window) {
            auto* view = window.inspector()->findChild<QTreeView*>(QStringLiteral("findingsView"));
            return view->viewport()->height() / std::max(1, view->sizeHintForRow(0));
        };
        const auto linesShown = [](MainWindow& window) {
            BodyView* body = window.inspector()->bodyView();
            return body->viewport()->height() / body->lineHeight();
        };
        QList<int> moved;
        {
            MainWindow window;
            window.resize(1366, 768);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            sendPartialFailure(window);
            window.inspector()->explainCurrentFinding(); // the error panel opens under the inspector
            QTRY_VERIFY(window.errorDock()->isVisible());
            QCoreApplication::processEvents();
            QTRY_VERIFY2(
                rowsShown(window) >= kLaptopFindingRows && linesShown(window) >= kLaptopBodyLines,
                qPrintable(
                    QStringLiteral("%1 finding rows, %2 body lines").arg(rowsShown(window)).arg(linesShown(window))));
            // The user gives the findings more room.
            auto* splitter = window.inspector()->findChild<QSplitter*>(QStringLiteral("mainSplitter"));
            QVERIFY(splitter);
            QList<int> sizes = splitter->sizes();
            sizes = {sizes.at(0) + 40, sizes.at(1) - 40};
            splitter->setSizes(sizes);
            emit splitter->splitterMoved(sizes.at(0), 1);
            moved = splitter->sizes();
            window.close();
        }
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        sendPartialFailure(window);
        auto* splitter = window.inspector()->findChild<QSplitter*>(QStringLiteral("mainSplitter"));
        QTRY_VERIFY2(qAbs(splitter->sizes().at(0) - moved.at(0)) <= 2,
                     qPrintable(QStringLiteral("%1 px, was %2").arg(splitter->sizes().at(0)).arg(moved.at(0))));
    }

    // The explanation folds away and stays folded; the findings get its room.
    void explanationFolds()
    {
        {
            MainWindow window;
            window.resize(1366, 768);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            sendPartialFailure(window);
            auto* toggle = window.inspector()->findChild<QToolButton*>(QStringLiteral("explanationToggle"));
            auto* area = window.inspector()->findChild<QScrollArea*>(QStringLiteral("findingDetailArea"));
            QVERIFY(toggle && area);
            QVERIFY(toggle->isChecked());
            QTRY_VERIFY(area->isVisible());
            toggle->click();
            QVERIFY(!area->isVisible());
            window.close();
        }
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        sendPartialFailure(window);
        auto* toggle = window.inspector()->findChild<QToolButton*>(QStringLiteral("explanationToggle"));
        QVERIFY(!toggle->isChecked());
        QVERIFY(!window.inspector()->findChild<QScrollArea*>(QStringLiteral("findingDetailArea"))->isVisible());
    }

    // The find bar's field keeps a usable width in the smallest window and the laptop one.
    void findFieldNotSqueezed_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1366x768") << QSize(1366, 768);
    }
    void findFieldNotSqueezed()
    {
        QFETCH(QSize, size);
        MainWindow window;
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        sendPartialFailure(window);
        window.explain(QStringLiteral("301")); // the error panel open too
        window.inspector()->showFindBar();
        auto* edit = window.inspector()->findChild<QLineEdit*>(QStringLiteral("findEdit"));
        QVERIFY(edit);
        QTRY_VERIFY(edit->isVisible());
        QVERIFY2(edit->width() >= 160, qPrintable(QString::number(edit->width())));
        QVERIFY(window.width() <= size.width());
    }

    // The composer's request correlates with the response in the inspector.
    void correlateWithComposerRequest()
    {
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QSignalSpy loaded(window.inspector(), &InspectorWidget::loaded);
        QVERIFY(window.inspector()->openFile(
            TestSupport::dataPath(QStringLiteral("inspector/createleads-partial-response.json"))));
        QVERIFY(!loaded.isEmpty() || loaded.wait(10000));
        window.composer()->setMethod(QStringLiteral("createLeads"));
        window.composer()->setParamsText(QStringLiteral("{\"objects\": [{\"emailAddress\": \"a@example.com\"}]}"));
        auto* action = window.inspector()->findChild<QAction*>(QStringLiteral("correlateComposerAction"));
        QVERIFY(action && action->isVisible());
        loaded.clear();
        action->trigger();
        QVERIFY(!loaded.isEmpty() || loaded.wait(10000));
        const QJsonObject request = window.inspector()->session()->request();
        QCOMPARE(request.value(QStringLiteral("method")).toString(), QStringLiteral("createLeads"));
        QCOMPARE(request.value(QStringLiteral("params")).toObject().value(QStringLiteral("objects")).toArray().size(),
                 1);
    }

    void findErrorCodeAction()
    {
        MainWindow window;
        auto* action = window.findChild<QAction*>(QStringLiteral("actionFindErrorCode"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_K));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
