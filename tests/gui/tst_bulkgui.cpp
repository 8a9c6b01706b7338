#include "BatchTableModel.h"
#include "bulk/BulkRunDialog.h"
#include "bulk/CsvImportDialog.h"
#include "bulk/RateMeter.h"
#include "ComposerWidget.h"
#include "EnvironmentStore.h"
#include "ErrorCatalog.h"
#include "GuiApplication.h"
#include "InspectorResultsPage.h"
#include "InspectorWidget.h"
#include "MainWindow.h"
#include "RequestEnvelope.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <QUuid>

// Bulk work in the window: Export… of the inspector's batch table and records (the CSV rules of
// `send --csv`), Retry failed objects into the composer, the status bar's rate meter against
// the embedded simulator, File → Import CSV… with its mapping dialog.
class TestBulkGui : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static QString retryResponse()
    {
        return TestSupport::dataPath(QStringLiteral("inspector/createleads-retry-response.json"));
    }
    static QString retryRequest()
    {
        return TestSupport::dataPath(QStringLiteral("inspector/createleads-retry-request.json"));
    }

    static QByteArray readAll(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static InspectorResultsPage* resultsPage(InspectorWidget& inspector)
    {
        return inspector.findChild<InspectorResultsPage*>(QStringLiteral("inspectorResultsPage"));
    }

    static bool openRetryBatch(InspectorWidget& inspector)
    {
        QSignalSpy loaded(&inspector, &InspectorWidget::loaded);
        if (!inspector.openFile(retryResponse(), retryRequest()))
            return false;
        if (loaded.isEmpty() && !loaded.wait(10000))
            return false;
        return inspector.result() && !inspector.isBusy();
    }

    static MainWindow* newWindow()
    {
        auto* window = new MainWindow;
        window->resize(1366, 768);
        window->show();
        return window;
    }

    // createLeads with one address taken twice (case-insensitively), on the embedded simulator:
    // a partial failure, 301 at object 1.
    static bool sendFailedBatch(MainWindow& window)
    {
        ComposerWidget* composer = window.composer();
        const QString tag = QUuid::createUuid().toString(QUuid::Id128).left(10);
        composer->setMethod(QStringLiteral("createLeads"));
        composer->setParamsText(QStringLiteral("{\"objects\": [{\"emailAddress\": \"ada.%1@example.com\"}, "
                                               "{\"emailAddress\": \"ADA.%1@Example.com\", \"firstName\": "
                                               "\"Zoë, \\\"the second\\\"\"}, "
                                               "{\"emailAddress\": \"alan.%1@example.com\"}]}")
                                    .arg(tag));
        QSignalSpy finished(composer, &ComposerWidget::callFinished);
        QSignalSpy loaded(window.inspector(), &InspectorWidget::loaded);
        composer->send();
        return finished.wait(10000) && (!loaded.isEmpty() || loaded.wait(10000));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        GuiApplication::applyIdentity();
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_bulkgui"));
    }

    void init() { QSettings().clear(); }

    void exportFailedBatch_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("csv") << int(RecordExport::Format::Csv);
        QTest::newRow("excel") << int(RecordExport::Format::ExcelCsv);
        QTest::newRow("jsonl") << int(RecordExport::Format::Jsonl);
    }

    // The batch table of a createLeads call the simulator partly refused, exported and read back.
    void exportFailedBatch()
    {
        QFETCH(int, format);
        std::unique_ptr<MainWindow> window(newWindow());
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(sendFailedBatch(*window));
        InspectorWidget* inspector = window->inspector();
        QAbstractItemModelTester tester(inspector->batchModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(inspector->result()->diagnosis.batch.size(), 3);
        InspectorResultsPage* page = resultsPage(*inspector);
        QVERIFY(page);
        // What is filtered out of view is exported all the same.
        inspector->findChild<QCheckBox*>(QStringLiteral("failedOnlyCheck"))->setChecked(true);
        const QString path = m_dir.filePath(QStringLiteral("batch-%1.out").arg(format));
        QString asked;
        page->setSaveChooser([&](const QString& title, RecordExport::Format* chosen) {
            asked = title;
            *chosen = RecordExport::Format(format);
            return path;
        });
        auto* button = inspector->findChild<QAbstractButton*>(QStringLiteral("exportBatchButton"));
        QVERIFY(button && button->isEnabled());
        QSignalSpy status(inspector, &InspectorWidget::statusMessage);
        button->click();
        QVERIFY(asked.contains(QLatin1String("batch")));
        QCOMPARE(status.size(), 1);
        QVERIFY2(status.first().first().toString().startsWith(QLatin1String("Exported 3 records")),
                 qPrintable(status.first().first().toString()));

        const QByteArray bytes = readAll(path);
        const QString fix = ErrorCatalog::builtin().byCode(301)->fixes.first();
        if (format == int(RecordExport::Format::Jsonl)) {
            const QList<QByteArray> lines = bytes.trimmed().split('\n');
            QCOMPARE(lines.size(), 3);
            const QJsonObject second = QJsonDocument::fromJson(lines.at(1)).object();
            QCOMPARE(second.value(QStringLiteral("index")).toInt(), 1);
            QCOMPARE(second.value(QStringLiteral("success")).toBool(), false);
            QCOMPARE(second.value(QStringLiteral("code")).toInt(), 301);
            QCOMPARE(second.value(QStringLiteral("fix")).toString(), fix);
            QCOMPARE(second.value(QStringLiteral("firstName")).toString(), QStringLiteral("Zoë, \"the second\""));
            return;
        }
        QCOMPARE(bytes.startsWith("\xEF\xBB\xBF"), format == int(RecordExport::Format::ExcelCsv));
        const QList<QByteArray> rows = bytes.split('\n');
        QCOMPARE(rows.size(), 5); // header, three objects, the empty tail after the last CRLF
        QVERIFY(rows.at(0).endsWith("\r"));
        QVERIFY2(rows.at(0).contains("index,key,success,id,code,message,fix,emailAddress,firstName"),
                 rows.at(0).constData());
        QVERIFY(rows.at(1).startsWith("0,creates,true,"));
        QVERIFY2(rows.at(2).startsWith("1,creates,false,,301,"), rows.at(2).constData());
        // RFC 4180: a cell with a comma or quotes is quoted, its quotes doubled; UTF-8.
        QVERIFY2(rows.at(2).contains(QStringLiteral(",\"Zoë, \"\"the second\"\"\"\r").toUtf8()),
                 rows.at(2).constData());
        QVERIFY(rows.at(2).contains(fix.toUtf8().left(20)));
    }

    void exportRecordsOfTheAnswer()
    {
        InspectorWidget inspector(ErrorCatalog::builtin());
        inspector.resize(1200, 800);
        inspector.show();
        QVERIFY(openRetryBatch(inspector));
        InspectorResultsPage* page = resultsPage(inspector);
        const QString path = m_dir.filePath(QStringLiteral("records.csv"));
        page->setSaveChooser([&](const QString&, RecordExport::Format* chosen) {
            *chosen = RecordExport::Format::Csv;
            return path;
        });
        auto* action = inspector.findChild<QAction*>(QStringLiteral("exportRecordsAction"));
        QVERIFY(action && action->isEnabled());
        action->trigger();
        const QList<QByteArray> rows = readAll(path).split('\n');
        QCOMPARE(rows.size(), 6);
        QCOMPARE(rows.at(0), QByteArray("success,error,id\r"));
        QCOMPARE(rows.at(1), QByteArray("true,,346743252994\r"));
        QVERIFY2(rows.at(2).startsWith("false,\"{\"\"code\"\": 301,"), rows.at(2).constData()); // as received
    }

    // Only the failed objects the catalogue calls retryable (107, 999) go back to the composer;
    // the duplicate (301) would fail again.
    void retryFailedObjects()
    {
        std::unique_ptr<MainWindow> window(newWindow());
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        InspectorWidget* inspector = window->inspector();
        QVERIFY(openRetryBatch(*inspector));
        auto* retry = inspector->findChild<QAbstractButton*>(QStringLiteral("retryFailedButton"));
        QVERIFY(retry && retry->isEnabled());
        QVERIFY2(retry->toolTip().contains(QLatin1String("1 other")), qPrintable(retry->toolTip()));
        QSignalSpy requested(inspector, &InspectorWidget::retryRequested);
        retry->click();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(1).toInt(), 2);

        const std::optional<RequestEnvelope> body = RequestEnvelope::parse(window->composer()->request().body());
        QVERIFY(body);
        QCOMPARE(body->method(), QStringLiteral("createLeads"));
        const QJsonArray objects = body->object().value(QStringLiteral("params"))[QLatin1String("objects")].toArray();
        QCOMPARE(objects.size(), 2);
        QCOMPARE(objects.at(0)[QLatin1String("emailAddress")].toString(), QStringLiteral("zoe@example.com"));
        QCOMPARE(objects.at(1)[QLatin1String("emailAddress")].toString(), QStringLiteral("alan@example.com"));

        // A batch whose failures are all final offers nothing to retry.
        QVERIFY(sendFailedBatch(*window));
        QVERIFY(!retry->isEnabled());
    }

    // Calls through the embedded simulator move the meter; at 80 % of the environment's daily
    // quota it turns amber.
    void rateMeterMovesAndTurnsAmber()
    {
        std::unique_ptr<MainWindow> window(newWindow());
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        RateMeter* meter = window->rateMeter();
        QVERIFY(meter && meter->isVisible());
        QCOMPARE(meter->quota(), qint64(Environment::kDefaultDailyQuota));
        ComposerWidget* composer = window->composer();
        composer->setMethod(QStringLiteral("getLeads"));
        composer->setParamsText(QStringLiteral("{\"where\": {}, \"limit\": 1}"));
        const auto sendOne = [&] {
            QSignalSpy analysed(composer, &ComposerWidget::callAnalysed);
            composer->send();
            return analysed.wait(10000);
        };
        // The first call starts the simulator; from its answer on, the service's callCount is
        // the day's count.
        const QString idle = meter->text();
        QVERIFY(sendOne());
        QVERIFY(meter->callsLastSecond() >= 1);
        QVERIFY2(meter->text() != idle, qPrintable(meter->text()));
        QVERIFY(meter->toolTip().contains(QLatin1String("the service's own counters")));

        // A quota that four more calls bring to 80 %.
        const qint64 start = meter->callsToday();
        const qint64 quota = (start + 4) * 100 / 80;
        auto* store = window->findChild<EnvironmentStore*>();
        Environment simulator = *store->byId(EnvironmentStore::simulatorId());
        simulator.dailyQuota = quota;
        QString error;
        QVERIFY2(store->save(simulator, &error), qPrintable(error));
        QCOMPARE(meter->quota(), quota);
        QCOMPARE(meter->level(), QStringLiteral("normal"));

        qint64 before = start;
        QStringList levels;
        for (int i = 0; i < 4; ++i) {
            QVERIFY(sendOne());
            QVERIFY2(meter->callsToday() > before, qPrintable(meter->text()));
            before = meter->callsToday();
            levels.append(meter->level());
        }
        QVERIFY(meter->callsLastSecond() >= 1);
        QCOMPARE(levels.first(), QStringLiteral("normal"));
        QVERIFY2(meter->callsToday() >= start + 4, qPrintable(meter->text()));
        QVERIFY2(meter->level() == QLatin1String("warning") || meter->level() == QLatin1String("exhausted"),
                 qPrintable(meter->text()));
        QVERIFY2(meter->text().contains(QStringLiteral("of %1").arg(QLocale().toString(quota))),
                 qPrintable(meter->text()));
        // The last second empties again.
        QTRY_COMPARE_WITH_TIMEOUT(meter->callsLastSecond(), 0, 3000);
    }

    // A CSV with a column that matches no field and a repeated address: the mapping flags the
    // column with the closest name, the run sends the rest and the results CSV has the
    // duplicate's 301 at its own row.
    void importCsvWithBadColumnAndDuplicate()
    {
        std::unique_ptr<MainWindow> window(newWindow());
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        const QString tag = QUuid::createUuid().toString(QUuid::Id128).left(10);
        const QString csvPath = m_dir.filePath(QStringLiteral("import.csv"));
        {
            QFile csv(csvPath);
            QVERIFY(csv.open(QIODevice::WriteOnly));
            csv.write(QStringLiteral("Email Address,first name,Compnay Name\r\n"
                                     "kim.%1@example.com,Kim,Acme\r\n"
                                     "lee.%1@example.com,\"Lee, Jr.\",Acme\r\n"
                                     "KIM.%1@Example.com,Kim again,Acme\r\n")
                          .arg(tag)
                          .toUtf8());
        }
        CsvImportDialog* dialog = window->importCsv(csvPath);
        QVERIFY(dialog && dialog->isLoaded());
        QCOMPARE(dialog->method(), QStringLiteral("createLeads"));
        const QList<ObjectCsvImport::Column> columns = dialog->columns();
        QCOMPARE(columns.size(), 3);
        QCOMPARE(columns.at(0).field, QStringLiteral("emailAddress"));
        QCOMPARE(columns.at(1).field, QStringLiteral("firstName"));
        QVERIFY(columns.at(2).field.isEmpty());
        auto* mapping = dialog->findChild<QTableWidget*>(QStringLiteral("importMapping"));
        QVERIFY2(mapping->item(2, 2)->text().contains(QLatin1String("companyName")),
                 qPrintable(mapping->item(2, 2)->text()));
        const QString summary = dialog->findChild<QLabel*>(QStringLiteral("importSummary"))->text();
        QVERIFY2(summary.contains(QLatin1String("1 row repeats an email address")), qPrintable(summary));

        // Checked against the environment's own fields (getFields): the mapping stays.
        QSignalSpy checked(dialog, &CsvImportDialog::fieldsChecked);
        dialog->findChild<QPushButton*>(QStringLiteral("importCheckFields"))->click();
        QVERIFY(checked.wait(10000));
        QVERIFY2(checked.first().first().toBool(), qPrintable(checked.first().at(1).toString()));
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("importFieldsSource"))
                    ->text()
                    .contains(QLatin1String("getFields")));
        QCOMPARE(dialog->columns().at(0).field, QStringLiteral("emailAddress"));

        QPointer<BulkRunDialog> run = dialog->proceed();
        QVERIFY(run);
        QSignalSpy done(run.data(), &BulkRunDialog::runFinished);
        run->findChild<QPushButton*>(QStringLiteral("bulkStart"))->click();
        QVERIFY(done.wait(10000));
        const QString resultsPath = m_dir.filePath(QStringLiteral("import.results.csv"));
        QVERIFY2(run->statusText().contains(QLatin1String("Results in")), qPrintable(run->statusText()));
        const QList<QByteArray> rows = readAll(resultsPath).split('\n');
        QCOMPARE(rows.size(), 5);
        QCOMPARE(rows.at(0), QByteArray("Email Address,first name,Compnay Name,success,id,code,message,fix\r"));
        QVERIFY2(rows.at(1).contains(",Acme,true,"), rows.at(1).constData());
        QVERIFY2(rows.at(2).contains("\"Lee, Jr.\",Acme,true,"), rows.at(2).constData());
        QVERIFY2(rows.at(3).contains(",Acme,false,,301,"), rows.at(3).constData());
        auto* table = run->findChild<QTableWidget*>(QStringLiteral("bulkResults"));
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(table->item(2, 3)->text(), QStringLiteral("301"));
        run->close();
    }
};

QTEST_MAIN(TestBulkGui)
#include "tst_bulkgui.moc"
