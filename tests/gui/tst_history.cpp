#include "ComposerWidget.h"
#include "DayChart.h"
#include "HistoryCompareDialog.h"
#include "HistoryController.h"
#include "HistoryModel.h"
#include "HistoryPanel.h"
#include "HistoryRecorder.h"
#include "HistoryStatsWidget.h"
#include "HistoryStore.h"
#include "InspectorWidget.h"
#include "MainWindow.h"
#include "ScriptedPrompter.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTableWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

// The History dock: calls made in the composer are recorded and listed, the filter bar narrows
// them as you type, a call opens in the inspector as recorded, re-sends from the composer,
// compares with an earlier one; analytics rows lead to their calls; delete and clear ask.
class TestHistory : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_databases = 0;

    static void send(MainWindow& window, const QString& method, const QString& params)
    {
        ComposerWidget* composer = window.composer();
        composer->setMethod(method);
        composer->setParamsText(params);
        QSignalSpy finished(composer, &ComposerWidget::callFinished);
        composer->send();
        QVERIFY(finished.wait(10000));
    }

    static HistoryPanel* showHistory(MainWindow& window)
    {
        auto* action = window.findChild<QAction*>(QStringLiteral("actionShowHistory"));
        if (!action)
            return nullptr;
        if (!window.findChild<QDockWidget*>(QStringLiteral("historyDock"))->isVisible())
            action->trigger();
        return window.findChild<HistoryPanel*>(QStringLiteral("historyPanel"));
    }

private slots:
    void init()
    {
        QSettings().clear();
        qunsetenv("LEADGEN_HISTORY_MAX_PAGES");
        // Each test its own database.
        qputenv("LEADGEN_HISTORY", m_dir.filePath(QStringLiteral("h%1.sqlite").arg(++m_databases)).toUtf8());
    }

    void emptyStateSaysWhatWillAppear()
    {
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        HistoryPanel* panel = showHistory(window);
        QVERIFY(panel);
        auto* empty = panel->findChild<QLabel*>(QStringLiteral("emptyLabel"));
        QVERIFY(empty->isVisible());
        QVERIFY2(empty->text().contains(QLatin1String("No calls yet")), qPrintable(empty->text()));
    }

    void historyOff()
    {
        qputenv("LEADGEN_HISTORY", "off");
        MainWindow window;
        window.show();
        send(window, QStringLiteral("getLeads"), QStringLiteral("{\"where\": {}, \"limit\": 1}"));
        HistoryPanel* panel = showHistory(window);
        QVERIFY(panel);
        QVERIFY2(panel->findChild<QLabel*>(QStringLiteral("emptyLabel"))->text().contains(QLatin1String("off")),
                 "the empty state says the history is off");
        QCOMPARE(panel->model()->rowCount(), 0);
    }

    void recordFilterOpenResendCompare()
    {
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        send(window, QStringLiteral("getLeads"), QStringLiteral("{\"where\": {}, \"limit\": 2}"));
        send(window, QStringLiteral("createLeads"),
             QStringLiteral("{\"objects\": [{\"emailAddress\": \"KATHERINE.JOHNSON@northwind.example\"}]}"));
        send(window, QStringLiteral("getLeads"), QStringLiteral("{\"where\": {}, \"limit\": 3}"));

        HistoryPanel* panel = showHistory(window);
        QVERIFY(panel);
        HistoryModel* model = panel->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(model->rowCount(), 3);
        QCOMPARE(model->record(0).method, QStringLiteral("getLeads")); // newest first
        QCOMPARE(model->record(1).method, QStringLiteral("createLeads"));
        QCOMPARE(model->record(1).verdict, QStringLiteral("all_failed"));
        QCOMPARE(model->data(model->index(1, HistoryModel::Codes)).toString(), QStringLiteral("301"));

        // The filter bar answers as you type.
        auto* code = panel->findChild<QLineEdit*>(QStringLiteral("codeEdit"));
        QTest::keyClicks(code, QStringLiteral("301"));
        QTRY_COMPARE(model->rowCount(), 1);
        code->clear();
        QTRY_COMPARE(model->rowCount(), 3);
        auto* search = panel->findChild<QLineEdit*>(QStringLiteral("searchEdit"));
        QTest::keyClicks(search, QStringLiteral("createLe"));
        QTRY_COMPARE(model->rowCount(), 1);
        search->clear();
        QTRY_COMPARE(model->rowCount(), 3);

        // Open: the inspector shows the recorded call, analysed as it was.
        panel->view()->selectRow(1);
        QSignalSpy loaded(window.inspector(), &InspectorWidget::loaded);
        panel->openSelected();
        QVERIFY(loaded.count() > 0 || loaded.wait(10000));
        QCOMPARE(Diagnosis::verdictName(window.inspector()->result()->diagnosis.verdict), QStringLiteral("all_failed"));

        // Re-send loads the composer with that request.
        window.composer()->setMethod(QStringLiteral("getCampaigns"));
        panel->resendSelected();
        QCOMPARE(window.composer()->method(), QStringLiteral("createLeads"));
        QVERIFY(window.composer()->paramsText().contains(QLatin1String("KATHERINE.JOHNSON")));

        // Compare the newest getLeads with the previous one of the same method.
        panel->view()->selectRow(0);
        panel->compareSelected();
        auto* dialog = window.findChild<HistoryCompareDialog*>(QStringLiteral("historyCompareDialog"));
        QVERIFY(dialog);
        bool leadAdded = false;
        for (const JsonChange& change : dialog->changes())
            leadAdded = leadAdded ||
                        (change.op == JsonChange::Op::Added && change.path.startsWith(QLatin1String("$.result.lead")));
        QVERIFY2(leadAdded, "limit 3 instead of 2 adds a lead");
        dialog->close();

        // Analytics: a code row leads to its calls.
        HistoryStatsWidget* stats = window.findChild<HistoryStatsWidget*>(QStringLiteral("historyStats"));
        stats->setGrouping(HistoryStore::StatsBy::Code);
        QCOMPARE(stats->rows().size(), 1);
        QCOMPARE(stats->rows().first().key, QVariant(301));
        auto* table = stats->findChild<QTableWidget*>(QStringLiteral("statsView"));
        table->setCurrentCell(0, 0);
        emit table->activated(table->model()->index(0, 0));
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(code->text(), QStringLiteral("301"));
        code->clear();
        QTRY_COMPARE(model->rowCount(), 3);

        // Delete one, then clear (after a confirmation).
        ScriptedPrompter prompter;
        panel->setPrompter(&prompter);
        panel->view()->selectRow(0);
        panel->deleteSelected();
        QTRY_COMPARE(model->rowCount(), 2);
        prompter.answers = {false};
        panel->clearHistory();
        QCOMPARE(model->rowCount(), 2); // said no
        prompter.answers = {true};
        panel->clearHistory();
        QCOMPARE(model->rowCount(), 0);
        QCOMPARE(prompter.questions.size(), 2);
        panel->setPrompter(nullptr);
    }

    // The analytics chart has a bar per day (calls, errors); a click on one lists that day's calls.
    void dayChartBarListsThatDay()
    {
        const qint64 day = 24 * 3600 * 1000LL;
        const qint64 today = QDateTime::currentMSecsSinceEpoch() / day * day;
        {
            HistoryStore store(qEnvironmentVariable("LEADGEN_HISTORY"));
            QList<HistoryRecord> batch;
            // Two days ago: three calls, one an error; yesterday: nothing; today: one call.
            for (int i = 0; i < 3; ++i) {
                HistoryRecord record;
                record.timeMs = today - 2 * day + 3600 * 1000 * (i + 1);
                record.method = QStringLiteral("getLeads");
                record.verdict = i == 0 ? QStringLiteral("api_error") : QStringLiteral("ok");
                batch.append(record);
            }
            HistoryRecord now;
            now.timeMs = today + 60 * 1000;
            now.method = QStringLiteral("getCampaigns");
            now.verdict = QStringLiteral("ok");
            batch.append(now);
            QVERIFY(store.insert(batch));
        }
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        HistoryPanel* panel = showHistory(window);
        QVERIFY(panel);
        auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("historyView"));
        auto* stats = window.findChild<HistoryStatsWidget*>(QStringLiteral("historyStats"));
        QVERIFY(tabs && stats);
        tabs->setCurrentWidget(stats);
        auto* chart = stats->findChild<DayChart*>(QStringLiteral("dayChart"));
        QVERIFY(chart);
        QTRY_VERIFY(chart->isVisible());
        const QDate twoDaysAgo = QDateTime::fromMSecsSinceEpoch(today - 2 * day, Qt::UTC).date();
        QCOMPARE(chart->days().size(), 3); // the empty day between is a gap, not left out
        QCOMPARE(chart->days().at(0).date, twoDaysAgo);
        QCOMPARE(chart->days().at(0).calls, qint64(3));
        QCOMPARE(chart->days().at(0).errors, qint64(1));
        QCOMPARE(chart->days().at(1).calls, qint64(0));
        QCOMPARE(chart->days().at(2).calls, qint64(1));

        QTRY_VERIFY2(chart->barRect(twoDaysAgo).height() > 20,
                     qPrintable(QStringLiteral("chart %1x%2").arg(chart->width()).arg(chart->height())));
        const QRect bar = chart->barRect(twoDaysAgo);
        QTest::mouseClick(chart, Qt::LeftButton, {}, QPoint(bar.center().x(), bar.bottom() - 2));
        QTRY_COMPARE(tabs->currentWidget(), panel);
        QTRY_COMPARE(panel->model()->rowCount(), 3);
        for (int row = 0; row < 3; ++row)
            QCOMPARE(panel->model()->record(row).method, QStringLiteral("getLeads"));
    }

    // A full disk: every call still opens in the inspector, the status bar says once that calls
    // are not recorded, and sending goes on working.
    void diskFullReportedOnceCallsStillShown()
    {
        const QString path = qEnvironmentVariable("LEADGEN_HISTORY");
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
        // Capped at its size now: the first call that needs a new page meets a full disk.
        qputenv("LEADGEN_HISTORY_MAX_PAGES", QByteArray::number(pages));
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* controller = window.findChild<HistoryController*>(QStringLiteral("historyController"));
        QVERIFY(controller);
        QSignalSpy messages(controller, &HistoryController::statusMessage);
        const auto notRecorded = [&] {
            int n = 0;
            for (const QList<QVariant>& message : std::as_const(messages))
                n += message.constFirst().toString().contains(QLatin1String("not being recorded"));
            return n;
        };
        for (int limit : {50, 40, 30}) {
            QSignalSpy loaded(window.inspector(), &InspectorWidget::loaded);
            send(window, QStringLiteral("getLeads"), QStringLiteral("{\"where\": {}, \"limit\": %1}").arg(limit));
            // The call is in the inspector, whatever the history did.
            QVERIFY(!loaded.isEmpty() || loaded.wait(10000));
            QVERIFY(window.inspector()->result());
            QCOMPARE(Diagnosis::verdictName(window.inspector()->result()->diagnosis.verdict), QStringLiteral("ok"));
            QVERIFY(window.inspector()
                        ->session()
                        ->request()
                        .value(QStringLiteral("params"))
                        .toObject()
                        .value(QStringLiteral("limit")) == limit);
            QVERIFY(controller->recorder());
            QVERIFY(controller->recorder()->flush());
            QCoreApplication::processEvents(); // the recorder's queued signals
        }
        QCOMPARE(notRecorded(), 1);
        qunsetenv("LEADGEN_HISTORY_MAX_PAGES");
    }

    // A million rows would not be read at once: the list reads a page and fetches more on demand.
    void pagesOnDemand()
    {
        {
            HistoryStore store(qEnvironmentVariable("LEADGEN_HISTORY"));
            QList<HistoryRecord> batch;
            for (int i = 0; i < HistoryModel::kPageSize * 2 + 10; ++i) {
                HistoryRecord record;
                record.timeMs = 1'000'000 + i;
                record.method = QStringLiteral("getLeads");
                record.verdict = QStringLiteral("ok");
                batch.append(record);
            }
            QVERIFY(store.insert(batch));
        }
        HistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDatabase(qEnvironmentVariable("LEADGEN_HISTORY"));
        const int total = HistoryModel::kPageSize * 2 + 10;
        // The first page at once (the tester may have asked for one more), never everything.
        QVERIFY(model.rowCount() >= HistoryModel::kPageSize);
        QVERIFY(model.rowCount() < total);
        QVERIFY(model.canFetchMore(QModelIndex()));
        while (model.canFetchMore(QModelIndex()))
            model.fetchMore(QModelIndex());
        QCOMPARE(model.rowCount(), total);
        QVERIFY(!model.canFetchMore(QModelIndex()));
    }
};

QTEST_MAIN(TestHistory)
#include "tst_history.moc"
