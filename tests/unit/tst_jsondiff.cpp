#include "JsonDiff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

// The structural diff behind `history diff` and Compare: paths, ops, ids, types.
class TestJsonDiff : public QObject
{
    Q_OBJECT

    static QJsonValue parse(const char* text)
    {
        const QJsonDocument document = QJsonDocument::fromJson(text);
        return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }

    static QString describe(const QList<JsonChange>& changes)
    {
        QStringList lines;
        for (const JsonChange& change : changes)
            lines.append(JsonChange::opName(change.op) + QLatin1Char(' ') + change.path);
        return lines.join(QLatin1Char('\n'));
    }

private slots:
    void diff_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("after");
        QTest::addColumn<QString>("expected");
        QTest::newRow("same") << QByteArray(R"({"a":1,"b":[1,2]})") << QByteArray(R"({"b":[1,2],"a":1})") << QString();
        QTest::newRow("changed member") << QByteArray(R"({"result":{"lead":[{"id":"1","leadStatus":"open"}]}})")
                                        << QByteArray(R"({"result":{"lead":[{"id":"1","leadStatus":"contact"}]}})")
                                        << QStringLiteral("changed $.result.lead[0].leadStatus");
        QTest::newRow("string vs number is a change")
            << QByteArray(R"({"id":"5"})") << QByteArray(R"({"id":5})") << QStringLiteral("changed $.id");
        QTest::newRow("added and removed members")
            << QByteArray(R"({"a":1,"gone":true})") << QByteArray(R"({"a":1,"new":null})")
            << QStringLiteral("removed $.gone\nadded $.new");
        QTest::newRow("records matched by id, not position")
            << QByteArray(R"([{"id":1,"v":"x"},{"id":2,"v":"y"}])")
            << QByteArray(R"([{"id":2,"v":"y"},{"id":1,"v":"z"}])") << QStringLiteral("changed $[1].v");
        QTest::newRow("record added by id")
            << QByteArray(R"([{"id":1}])") << QByteArray(R"([{"id":3},{"id":1}])") << QStringLiteral("added $[0]");
        QTest::newRow("positional arrays") << QByteArray(R"({"x":[1,2,3]})") << QByteArray(R"({"x":[1,5]})")
                                           << QStringLiteral("changed $.x[1]\nremoved $.x[2]");
        QTest::newRow("odd member names are quoted")
            << QByteArray(R"({"a b":1})") << QByteArray(R"({"a b":2})") << QStringLiteral("changed $[\"a b\"]");
        QTest::newRow("null to object") << QByteArray(R"({"error":null})") << QByteArray(R"({"error":{"code":1}})")
                                        << QStringLiteral("changed $.error");
    }
    void diff()
    {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        QFETCH(QString, expected);
        QCOMPARE(describe(JsonDiff::diff(parse(before.constData()), parse(after.constData()))), expected);
    }

    void changeJsonShape()
    {
        const QList<JsonChange> changes = JsonDiff::diff(parse(R"({"a":"1","b":2})"), parse(R"({"a":1,"c":3})"));
        QCOMPARE(changes.size(), 3);
        const QJsonObject changed = changes.at(0).toJson();
        QCOMPARE(changed.value(QLatin1String("path")).toString(), QStringLiteral("$.a"));
        QCOMPARE(changed.value(QLatin1String("op")).toString(), QStringLiteral("changed"));
        QCOMPARE(changed.value(QLatin1String("before")), QJsonValue(QStringLiteral("1")));
        QCOMPARE(changed.value(QLatin1String("after")), QJsonValue(1));
        QVERIFY(!changes.at(1).toJson().contains(QLatin1String("after")));  // removed
        QVERIFY(!changes.at(2).toJson().contains(QLatin1String("before"))); // added
    }
};

QTEST_GUILESS_MAIN(TestJsonDiff)
#include "tst_jsondiff.moc"
