#include "BatchRetry.h"
#include "ErrorCatalog.h"
#include "ObjectImportPlan.h"
#include "RecordExport.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

// A checked batch's bookkeeping (lint holds objects back, results land at their input row,
// the results CSV), the batch-table export and which failed objects a retry takes.
class TestObjectImportPlan : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static QJsonObject createLeads()
    {
        QJsonObject envelope;
        envelope.insert(QStringLiteral("method"), QStringLiteral("createLeads"));
        envelope.insert(QStringLiteral("params"), QJsonObject{{QStringLiteral("objects"), QJsonArray()}});
        envelope.insert(QStringLiteral("id"), QStringLiteral("import"));
        return envelope;
    }

    static BatchRow row(int index, bool success, std::optional<int> code, const QString& email)
    {
        BatchRow r;
        r.key = QStringLiteral("creates");
        r.index = index;
        r.success = success;
        r.code = code;
        r.message = code ? QStringLiteral("failed, \"badly\"") : QString();
        r.id = success ? QStringLiteral("9%1").arg(index) : QString();
        r.hasRequestObject = true;
        r.requestObject.insert(QStringLiteral("emailAddress"), email);
        return r;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void lintHoldsBackAndResultsKeepTheirRow()
    {
        const QString path = m_dir.filePath(QStringLiteral("in.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            // The second row has no address, which createLeads requires: lint predicts an error.
            file.write("Email Address,First Name,Note\r\n"
                       "a@example.com,,x\r\n"
                       ",Bo,\"two, words\"\r\n"
                       "\r\n"
                       "c@example.com\r\n");
        }
        ObjectImportPlan plan;
        QString error;
        QVERIFY2(plan.readCsv(path, &error), qPrintable(error));
        QCOMPARE(plan.rows().size(), 3); // the blank line is skipped
        const auto columns = ObjectCsvImport::mapHeader(plan.header(), QStringLiteral("lead"));
        plan.mapRows(columns);
        QCOMPARE(plan.objects().size(), 3);
        QCOMPARE(plan.lint(createLeads(), LintContext()), 1);
        QCOMPARE(plan.toSend().size(), 2);
        QCOMPARE(plan.originalIndex(1), 2);
        QCOMPARE(plan.result(1).value(0), QStringLiteral("false"));
        QVERIFY(plan.result(1).value(3).startsWith(QLatin1String("not sent: ")));

        BatchRun::ObjectResult sent;
        sent.index = 1; // the second object sent is the third row
        sent.sent = true;
        sent.code = 301;
        sent.message = QStringLiteral("Entry already exists");
        QCOMPARE(plan.setResult(sent), 2);
        QCOMPARE(plan.result(2).value(2), QStringLiteral("301"));
        QCOMPARE(plan.result(2).value(4), ErrorCatalog::builtin().byCode(301)->fixes.first());
        QCOMPARE(plan.markUnsent(), 1); // the first row never got an answer
        QCOMPARE(plan.failedCount(), 3);

        QBuffer out;
        QVERIFY(out.open(QIODevice::WriteOnly));
        QVERIFY(plan.writeResultsCsv(&out, true, &error));
        const QList<QByteArray> lines = out.data().split('\n');
        QVERIFY(lines.at(0).startsWith("\xEF\xBB\xBF"
                                       "Email Address,First Name,Note,success,id,code,message,fix\r"));
        QVERIFY(lines.at(1).startsWith("a@example.com,,x,,,,not sent: the run stopped"));
        QVERIFY(lines.at(2).startsWith(",Bo,\"two, words\",false,,"));
        QVERIFY(lines.at(3).startsWith("c@example.com,,,false,,301,Entry already exists,"));
        QCOMPARE(ObjectImportPlan::defaultResultsPath(QStringLiteral("/d/leads.CSV")),
                 QStringLiteral("/d/leads.results.csv"));
    }

    // A spreadsheet larger than one lint slice: an object far into it is held back at its own
    // row, its message naming its place in the whole list, and nothing else is.
    void lintSlicesKeepTheirPlace()
    {
        QJsonArray objects;
        const qsizetype count = ObjectImportPlan::kLintSlice * 2 + 7;
        const qsizetype bad = ObjectImportPlan::kLintSlice + 3;
        for (qsizetype i = 0; i < count; ++i) {
            QJsonObject o;
            if (i != bad)
                o.insert(QStringLiteral("emailAddress"), QStringLiteral("row%1@example.com").arg(i));
            o.insert(QStringLiteral("firstName"), QStringLiteral("Row %1").arg(i));
            objects.append(o);
        }
        ObjectImportPlan plan;
        plan.setObjects(objects);
        QCOMPARE(plan.lint(createLeads(), LintContext()), 1);
        QCOMPARE(plan.toSend().size(), count - 1);
        QCOMPARE(plan.originalIndex(int(bad)), int(bad + 1));
        const QStringList result = plan.result(int(bad));
        QCOMPARE(result.value(0), QStringLiteral("false"));
        QCOMPARE(result.value(2), QStringLiteral("205"));
        QVERIFY2(result.value(3).contains(QStringLiteral("objects[%1]").arg(bad)), qPrintable(result.value(3)));
        QVERIFY(plan.result(int(bad - 1)).value(0).isEmpty());
    }

    void batchRowsExport()
    {
        const QString path = m_dir.filePath(QStringLiteral("rows.csv"));
        QString error;
        const QList<BatchRow> rows{row(0, true, std::nullopt, QStringLiteral("a@example.com")),
                                   row(1, false, 301, QStringLiteral("b@example.com"))};
        QCOMPARE(RecordExport::writeBatchRows(path, RecordExport::Format::Csv, rows, {QStringLiteral("emailAddress")},
                                              &error),
                 2);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray fix;
        RecordSink::appendCell(fix, ErrorCatalog::builtin().byCode(301)->fixes.first().toUtf8());
        QCOMPARE(file.readAll(), QByteArray("index,key,success,id,code,message,fix,emailAddress\r\n"
                                            "0,creates,true,90,,,,a@example.com\r\n"
                                            "1,creates,false,,301,\"failed, \"\"badly\"\"\",") +
                                     fix + QByteArray(",b@example.com\r\n"));
        QCOMPARE(RecordExport::writeBatchRows(m_dir.filePath(QStringLiteral("no/such/dir/x.csv")),
                                              RecordExport::Format::Csv, rows, {}, &error),
                 -1);
        QVERIFY(error.contains(QLatin1String("cannot write")));
    }

    void retryTakesOnlyRetryableFailures()
    {
        const QList<BatchRow> rows{row(0, true, std::nullopt, QStringLiteral("a@example.com")),
                                   row(1, false, 301, QStringLiteral("b@example.com")),
                                   row(2, false, 107, QStringLiteral("c@example.com")),
                                   row(3, false, 999, QStringLiteral("d@example.com")),
                                   row(4, false, std::nullopt, QStringLiteral("e@example.com"))};
        QCOMPARE(BatchRetry::retryableCount(rows), 2);
        QJsonObject request = createLeads();
        request.insert(QStringLiteral("id"), QStringLiteral("r1"));
        const auto envelope = BatchRetry::envelope(request, rows);
        QVERIFY(envelope);
        QCOMPARE(envelope->value(QStringLiteral("id")).toString(), QStringLiteral("r1-retry"));
        const QJsonArray objects = envelope->value(QStringLiteral("params"))[QLatin1String("objects")].toArray();
        QCOMPARE(objects.size(), 2);
        QCOMPARE(objects.at(0)[QLatin1String("emailAddress")].toString(), QStringLiteral("c@example.com"));
        QVERIFY(!BatchRetry::envelope(request, rows.mid(0, 2)));
        QVERIFY(!BatchRetry::envelope(QJsonObject(), rows));
    }
};

QTEST_GUILESS_MAIN(TestObjectImportPlan)
#include "tst_objectimportplan.moc"
