#include "CsvReader.h"
#include "JsonIndex.h"
#include "RecordSink.h"

#include <QBuffer>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

// RecordSink (CSV/JSONL as records arrive) and CsvReader (RFC 4180 in), read back through each
// other.
class TestRecordSink : public QObject
{
    Q_OBJECT

    static QList<QStringList> parse(const QByteArray& bytes)
    {
        QBuffer buffer;
        buffer.setData(bytes);
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer);
        QList<QStringList> rows;
        QStringList row;
        while (reader.readRow(&row))
            rows.append(row);
        return rows;
    }

    static QByteArray csvOf(const QByteArray& jsonArray, const QStringList& header = {}, bool bom = false)
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        RecordSink sink(RecordSink::Format::Csv, &buffer, header, bom);
        const JsonIndex index = JsonIndex::fromBytes(jsonArray);
        sink.writeArray(index, index.root());
        sink.finish();
        return buffer.data();
    }

private slots:
    void csvCells_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("csv");
        QTest::newRow("plain") << QByteArray("[{\"a\":\"x\",\"b\":\"y\"}]") << QByteArray("a,b\r\nx,y\r\n");
        QTest::newRow("comma and quote") << QByteArray("[{\"a\":\"x, \\\"y\\\"\"}]")
                                         << QByteArray("a\r\n\"x, \"\"y\"\"\"\r\n");
        QTest::newRow("line break") << QByteArray("[{\"a\":\"one\\ntwo\"}]") << QByteArray("a\r\n\"one\ntwo\"\r\n");
        QTest::newRow("null, number, bool")
            << QByteArray("[{\"a\":null,\"b\":12.50,\"c\":true}]") << QByteArray("a,b,c\r\n,12.50,true\r\n");
        QTest::newRow("nested") << QByteArray("[{\"a\":{\"k\":[1,2]}}]")
                                << QByteArray("a\r\n\"{\"\"k\"\":[1,2]}\"\r\n");
        QTest::newRow("utf-8") << QByteArray("[{\"a\":\"Zo\\u00eb ✓\"}]") << QByteArray("a\r\nZoë ✓\r\n");
        QTest::newRow("missing key") << QByteArray("[{\"a\":\"1\",\"b\":\"2\"},{\"b\":\"3\"}]")
                                     << QByteArray("a,b\r\n1,2\r\n,3\r\n");
        // Keys are matched as written while records repeat them; written differently, they are
        // still the same key, and a key that only starts like the last one is another.
        QTest::newRow("same key escaped")
            << QByteArray("[{\"ab\":1,\"c\":2},{\"a\\u0062\":3,\"c\":4}]") << QByteArray("ab,c\r\n1,2\r\n3,4\r\n");
        QTest::newRow("key with a quote") << QByteArray("[{\"a\":1},{\"a\\\"\":2},{\"a\":3}]")
                                          << QByteArray("a\r\n1\r\n,2\r\n3\r\n"); // a late key: an extra column
        QTest::newRow("keys swap places")
            << QByteArray("[{\"a\":1,\"b\":2},{\"b\":3,\"a\":4}]") << QByteArray("a,b\r\n1,2\r\n4,3\r\n");
    }

    void csvCells()
    {
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, csv);
        QCOMPARE(csvOf(json), csv);
    }

    void headerFromFieldsOrder()
    {
        const QByteArray csv =
            csvOf("[{\"id\":\"1\",\"b\":\"x\",\"a\":\"y\"}]", {QStringLiteral("a"), QStringLiteral("id")});
        QCOMPARE(csv, QByteArray("a,id,b\r\ny,1,x\r\n"));
    }

    void excelBom()
    {
        const QByteArray csv = csvOf("[{\"a\":\"1\"}]", {}, true);
        QVERIFY(csv.startsWith("\xEF\xBB\xBF"
                               "a\r\n"));
        QCOMPARE(parse(csv), (QList<QStringList>{{QStringLiteral("a")}, {QStringLiteral("1")}}));
    }

    void lateKeysOnAStream()
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        RecordSink sink(RecordSink::Format::Csv, &buffer);
        const JsonIndex first = JsonIndex::fromBytes("[{\"a\":\"1\"}]");
        sink.writeArray(first, first.root());
        const JsonIndex second = JsonIndex::fromBytes("[{\"a\":\"2\",\"late\":\"x\"}]");
        sink.writeArray(second, second.root());
        QVERIFY(sink.finish());
        QCOMPARE(sink.lateKeys(), QStringList{QStringLiteral("late")});
        // Not dropped: the later row carries an extra column.
        QCOMPARE(buffer.data(), QByteArray("a\r\n1\r\n2,x\r\n"));
    }

    void lateKeysRewriteAFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        RecordSink sink(RecordSink::Format::Csv, &file);
        sink.setFilePath(path);
        const JsonIndex first = JsonIndex::fromBytes("[{\"a\":\"1,5\"},{\"a\":\"q\\\"uote\"}]");
        sink.writeArray(first, first.root());
        const JsonIndex second = JsonIndex::fromBytes("[{\"late\":\"x\",\"a\":\"2\"}]");
        sink.writeArray(second, second.root());
        QVERIFY2(sink.finish(), qPrintable(sink.errorString()));
        file.close();
        QFile back(path);
        QVERIFY(back.open(QIODevice::ReadOnly));
        QCOMPARE(parse(back.readAll()), (QList<QStringList>{{QStringLiteral("a"), QStringLiteral("late")},
                                                            {QStringLiteral("1,5"), QString()},
                                                            {QStringLiteral("q\"uote"), QString()},
                                                            {QStringLiteral("2"), QStringLiteral("x")}}));
    }

    void jsonLines()
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        RecordSink sink(RecordSink::Format::Jsonl, &buffer);
        const JsonIndex index = JsonIndex::fromBytes("[{\"a\":\n 1}, {\"b\":\"x\"}]");
        QCOMPARE(sink.writeArray(index, index.root()), 2);
        sink.writeFields({{QStringLiteral("z"), 1}, {QStringLiteral("a"), QStringLiteral("t")}});
        QVERIFY(sink.finish());
        QCOMPARE(buffer.data(), QByteArray("{\"a\":  1}\n{\"b\":\"x\"}\n{\"z\":1,\"a\":\"t\"}\n"));
        QCOMPARE(sink.records(), 3);
    }

    void readerRows_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QList<QStringList>>("rows");
        QTest::newRow("crlf") << QByteArray("a,b\r\n1,2\r\n")
                              << QList<QStringList>{{QStringLiteral("a"), QStringLiteral("b")},
                                                    {QStringLiteral("1"), QStringLiteral("2")}};
        QTest::newRow("lf, no final newline")
            << QByteArray("a\n1") << QList<QStringList>{{QStringLiteral("a")}, {QStringLiteral("1")}};
        QTest::newRow("quoted newline and quotes")
            << QByteArray("\"x\ny\",\"a\"\"b\"\r\n")
            << QList<QStringList>{{QStringLiteral("x\ny"), QStringLiteral("a\"b")}};
        QTest::newRow("empty cells") << QByteArray(",,\r\n") << QList<QStringList>{{QString(), QString(), QString()}};
        QTest::newRow("bom") << QByteArray("\xEF\xBB\xBFh\r\n") << QList<QStringList>{{QStringLiteral("h")}};
    }

    void readerRows()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QList<QStringList>, rows);
        QCOMPARE(parse(csv), rows);
    }

    void readerReportsUnclosedQuote()
    {
        QBuffer buffer;
        buffer.setData("a\r\n\"open\r\n");
        buffer.open(QIODevice::ReadOnly);
        CsvReader reader(&buffer);
        QStringList row;
        QVERIFY(reader.readRow(&row));
        QVERIFY(!reader.readRow(&row));
        QVERIFY2(reader.errorString().contains(QLatin1String("line 2")), qPrintable(reader.errorString()));
    }
};

QTEST_GUILESS_MAIN(TestRecordSink)
#include "tst_recordsink.moc"
