#include "AnalysisTask.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QtTest>

// AnalysisTask: results arrive on the caller's thread through signals (index first, then the
// diagnosis), progress is monotonic, cancel and restart drop stale results, and destroying a
// running task is safe.
class TestAnalysisTask : public QObject
{
    Q_OBJECT

private:
    // A getLeads-shaped page big enough to take a while to index (tens of MB).
    static QByteArray bigPage(int leads)
    {
        QByteArray json = "{\"result\":{\"lead\":[";
        for (int i = 0; i < leads; ++i) {
            if (i)
                json.append(',');
            json.append("{\"id\":\"" + QByteArray::number(88038560770LL + i) + "\",\"emailAddress\":\"user" +
                        QByteArray::number(i) +
                        "@example.com\",\"firstName\":\"Ann\",\"lastName\":\"Lee\",\"leadStatus\":\"open\"}");
        }
        json.append("]},\"error\":null,\"id\":\"big\"}");
        return json;
    }

private slots:
    void bytesProduceIndexThenDiagnosis()
    {
        AnalysisTask task;
        QSignalSpy started(&task, &AnalysisTask::started);
        QSignalSpy progress(&task, &AnalysisTask::progress);
        QSignalSpy indexReady(&task, &AnalysisTask::indexReady);
        QSignalSpy finished(&task, &AnalysisTask::finished);
        QStringList order;
        connect(&task, &AnalysisTask::indexReady, this, [&] { order.append(QStringLiteral("index")); });
        connect(&task, &AnalysisTask::finished, this, [&] { order.append(QStringLiteral("finished")); });

        ResponseAnalyzer::Context context;
        context.httpStatus = 200;
        task.startBytes(TestSupport::readData(QStringLiteral("responses/bodies/create_leads_partial.json")), context);
        QCOMPARE(started.count(), 1);
        QVERIFY(task.isRunning());
        QVERIFY(finished.wait(5000));
        QVERIFY(!task.isRunning());
        QCOMPARE(order, (QStringList{QStringLiteral("index"), QStringLiteral("finished")}));
        const auto result = finished.first().first().value<std::shared_ptr<const AnalysisTask::Result>>();
        QVERIFY(result);
        QCOMPARE(result, task.result());
        QCOMPARE(result->index, indexReady.first().first().value<std::shared_ptr<const JsonIndex>>());
        QCOMPARE(result->diagnosis.verdict, Diagnosis::Verdict::PartialFailure);
        QCOMPARE(result->diagnosis.httpStatus, std::optional<int>(200));
        // Finding nodes refer to the shared index.
        const Finding& f = result->diagnosis.findings.first();
        QCOMPARE(result->index->path(f.node), QStringLiteral("$.result.creates[1].error"));
        QVERIFY(result->source.isEmpty());

        QList<int> values;
        for (const QList<QVariant>& args : std::as_const(progress))
            values.append(args.first().toInt());
        QVERIFY(std::is_sorted(values.cbegin(), values.cend()));
        QCOMPARE(values.first(), 0);
        QCOMPARE(values.last(), 1000);
    }

    void fileInput()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("page.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bigPage(5000)); // above the mapping threshold
        file.close();
        AnalysisTask task;
        QSignalSpy finished(&task, &AnalysisTask::finished);
        task.startFile(path);
        QVERIFY(finished.wait(5000));
        QCOMPARE(task.result()->diagnosis.verdict, Diagnosis::Verdict::Ok);
        QCOMPARE(task.result()->diagnosis.stats.objects, qint64(5000));
        QCOMPARE(task.result()->source, path);
        QCOMPARE(task.result()->index->size(), file.size());
    }

    void invalidJsonIsAResultNotAFailure()
    {
        AnalysisTask task;
        QSignalSpy finished(&task, &AnalysisTask::finished);
        QSignalSpy failed(&task, &AnalysisTask::failed);
        task.startBytes("<html><title>502 Bad Gateway</title></html>");
        QVERIFY(finished.wait(5000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(task.result()->diagnosis.verdict, Diagnosis::Verdict::NotJson);
    }

    void unreadableFileFails()
    {
        AnalysisTask task;
        QSignalSpy failed(&task, &AnalysisTask::failed);
        QSignalSpy finished(&task, &AnalysisTask::finished);
        task.startFile(QStringLiteral("/nonexistent/response.json"));
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.first().first().toString().contains(QLatin1String("/nonexistent/response.json")));
        QCOMPARE(finished.count(), 0);
        QVERIFY(!task.isRunning());
        QVERIFY(!task.result());
    }

    void cancelDropsTheRun()
    {
        AnalysisTask task;
        QSignalSpy finished(&task, &AnalysisTask::finished);
        QSignalSpy canceled(&task, &AnalysisTask::canceled);
        QSignalSpy indexReady(&task, &AnalysisTask::indexReady);
        task.startBytes(bigPage(200000)); // ~23 MB
        task.cancel();
        QCOMPARE(canceled.count(), 1);
        QVERIFY(!task.isRunning());
        // A later run completes; nothing of the canceled one ever arrives.
        task.startBytes(TestSupport::readData(QStringLiteral("responses/bodies/api_error_105.json")));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(indexReady.count(), 1);
        QCOMPARE(task.result()->diagnosis.verdict, Diagnosis::Verdict::ApiError);
        QCOMPARE(canceled.count(), 1);
        task.cancel(); // nothing running: no signal
        QCOMPARE(canceled.count(), 1);
    }

    void restartSupersedes()
    {
        AnalysisTask task;
        QSignalSpy finished(&task, &AnalysisTask::finished);
        task.startBytes(bigPage(200000));
        task.startBytes(TestSupport::readData(QStringLiteral("responses/bodies/get_leads_page.json")));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(task.result()->diagnosis.requestId, std::optional<QString>(QStringLiteral("req-1")));
    }

    void destroyWhileRunning()
    {
        auto task = std::make_unique<AnalysisTask>();
        bool delivered = false;
        connect(task.get(), &AnalysisTask::indexReady, this, [&] { delivered = true; });
        connect(task.get(), &AnalysisTask::finished, this, [&] { delivered = true; });
        task->startBytes(bigPage(200000));
        task.reset(); // waits for the worker
        // Whatever the worker posted died with the task: flushing the queue delivers nothing.
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QVERIFY(!delivered);
    }
};

QTEST_GUILESS_MAIN(TestAnalysisTask)
#include "tst_analysistask.moc"
