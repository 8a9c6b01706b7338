#include "HistoryRecord.h"
#include "HistoryStore.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>

// The history across processes: two writers at once both succeed, and a writer killed with
// SIGKILL mid-batch leaves an intact database holding every committed batch and nothing of the
// one it was writing. The children are this executable with LEADGEN_HISTORY_WRITER set.
namespace {

constexpr int kBatch = 100;

HistoryRecord record(int i)
{
    HistoryRecord out;
    out.timeMs = QDateTime::currentMSecsSinceEpoch();
    out.source = QStringLiteral("cli");
    out.environment = QStringLiteral("Writer %1").arg(QCoreApplication::applicationPid());
    out.method = QStringLiteral("getLeads");
    out.requestId = QStringLiteral("w-%1").arg(i);
    out.requestBody = "{\"method\":\"getLeads\",\"params\":{},\"id\":\"w\"}";
    out.httpStatus = 200;
    out.responseBody = QByteArray(2000 + i % 500, char('a' + i % 26));
    out.responseSize = out.responseBody.size();
    out.verdict = QStringLiteral("ok");
    return out;
}

// Child: writes `count` records (0 = until killed) in batches, printing the total after each
// commit.
int writer(int count)
{
    HistoryStore store(qEnvironmentVariable("LEADGEN_HISTORY"));
    if (!store.isOpen()) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error()));
        return 2;
    }
    int written = 0;
    while (count == 0 || written < count) {
        QList<HistoryRecord> batch;
        for (int i = 0; i < kBatch; ++i)
            batch.append(record(written + i));
        if (!store.insert(batch)) {
            std::fprintf(stderr, "%s\n", qPrintable(store.error()));
            return 1;
        }
        written += kBatch;
        std::printf("%d\n", written);
        std::fflush(stdout);
    }
    return 0;
}

} // namespace

class TestHistoryProcess : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<QProcess> startWriter(const QString& database, int count)
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LEADGEN_HISTORY"), database);
        environment.insert(QStringLiteral("LEADGEN_HISTORY_WRITER"), QString::number(count));
        process->setProcessEnvironment(environment);
        process->start(QCoreApplication::applicationFilePath(), {});
        return process;
    }

private slots:
    void twoWritersAtOnce()
    {
        const QString database = m_dir.filePath(QStringLiteral("two.sqlite"));
        {
            HistoryStore create(database);
            QVERIFY(create.isOpen());
        }
        auto first = startWriter(database, 1000);
        auto second = startWriter(database, 1000);
        for (QProcess* process : {first.get(), second.get()}) {
            QVERIFY(process->waitForFinished(60000));
            QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
        }
        HistoryStore store(database);
        QCOMPARE(store.count(), qint64(2000));
        QVERIFY(store.checkIntegrity());
    }

    void killedMidBatch()
    {
        const QString database = m_dir.filePath(QStringLiteral("killed.sqlite"));
        auto process = startWriter(database, 0);
        QVERIFY(process->waitForStarted());
        // Let it commit a few batches, then kill it while it writes the next.
        QByteArray printed;
        const auto reported = [&] {
            printed += process->readAllStandardOutput();
            const QList<QByteArray> lines = printed.trimmed().split('\n');
            return lines.isEmpty() ? 0 : lines.last().toInt();
        };
        QTRY_VERIFY_WITH_TIMEOUT(reported() >= 5 * kBatch, 60000);
        process->kill();
        QVERIFY(process->waitForFinished(10000));
        HistoryStore store(database);
        QVERIFY2(store.isOpen(), qPrintable(store.error()));
        QVERIFY(store.checkIntegrity());
        const qint64 kept = store.count();
        const int committed = reported();
        QVERIFY2(kept >= committed, qPrintable(QStringLiteral("%1 < %2").arg(kept).arg(committed)));
        QCOMPARE(kept % kBatch, qint64(0)); // whole batches only
    }
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QByteArray writerCount = qgetenv("LEADGEN_HISTORY_WRITER");
    if (!writerCount.isEmpty())
        return writer(writerCount.toInt());
    TestHistoryProcess test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_historyprocess.moc"
