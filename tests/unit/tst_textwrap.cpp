#include "TextWrap.h"

#include <QtTest>

// Terminal and clipboard layout helpers: no line over the width, nothing lost, JSON that still
// parses to the same value.
class TestTextWrap : public QObject
{
    Q_OBJECT

private slots:
    void wrap_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("width");
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("rest");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("fits") << QStringLiteral("short text") << 20 << QString() << QString()
                              << QStringList{QStringLiteral("short text")};
        QTest::newRow("breaks at spaces")
            << QStringLiteral("one two three four five") << 9 << QString() << QString()
            << QStringList{QStringLiteral("one two"), QStringLiteral("three"), QStringLiteral("four five")};
        QTest::newRow("hanging indent") << QStringLiteral("alpha beta gamma delta") << 14 << QStringLiteral("  1. ")
                                        << QStringLiteral("     ")
                                        << QStringList{QStringLiteral("  1. alpha"), QStringLiteral("     beta"),
                                                       QStringLiteral("     gamma"), QStringLiteral("     delta")};
        QTest::newRow("exact width") << QStringLiteral("abcd efgh") << 9 << QString() << QString()
                                     << QStringList{QStringLiteral("abcd efgh")};
        QTest::newRow("long word split") << QStringLiteral("x https://api.example.com/pubapi y") << 12 << QString()
                                         << QString()
                                         << QStringList{QStringLiteral("x"), QStringLiteral("https://api."),
                                                        QStringLiteral("example.com/"), QStringLiteral("pubapi y")};
        QTest::newRow("line breaks kept") << QStringLiteral("a b\n\nc") << 10 << QString() << QString()
                                          << QStringList{QStringLiteral("a b"), QString(), QStringLiteral("c")};
        QTest::newRow("extra spaces folded")
            << QStringLiteral("  a   b  ") << 10 << QString() << QString() << QStringList{QStringLiteral("a b")};
    }
    void wrap()
    {
        QFETCH(QString, text);
        QFETCH(int, width);
        QFETCH(QString, first);
        QFETCH(QString, rest);
        QFETCH(QStringList, expected);
        const QStringList lines = TextWrap::wrap(text, width, first, rest);
        QCOMPARE(lines, expected);
        for (const QString& line : lines)
            QVERIFY(line.size() <= width);
    }

    void breakLine()
    {
        QCOMPARE(TextWrap::breakLine(QStringLiteral("short"), 10), QStringList{QStringLiteral("short")});
        const QStringList pieces = TextWrap::breakLine(QStringLiteral("  ") + QString(30, QLatin1Char('x')), 12);
        for (const QString& p : pieces)
            QVERIFY(p.size() <= 12);
        QCOMPARE(pieces.join(QString()).remove(QLatin1Char(' ')), QString(30, QLatin1Char('x')));
        QVERIFY(pieces.at(1).startsWith(QLatin1String("    x"))); // continuation indented
    }

    void prettyJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("width");
        QTest::newRow("small object inline") << QByteArray(R"({"code": 105, "message": "x", "data": {}})") << 80;
        QTest::newRow("nested batch")
            << QByteArray(
                   R"({"result":{"creates":[{"success":true,"error":null,"id":346743252994},{"success":false,"error":{"code":301,"message":"Entry already exists.","data":[]}}]},"error":[{"code":301,"message":"Entry already exists.","data":[]}],"id":"req-2"})")
            << 40;
        // Not a raw string: moc (6.4) cannot parse a backslash-quote inside one.
        QTest::newRow("escapes")
            << QByteArray("{\"text\": \"quote \\\" backslash \\\\ tab \\t unicode \xc3\xa9\", \"n\": -1.5}") << 20;
        QTest::newRow("empty containers") << QByteArray(R"({"a": {}, "b": [], "c": [[], {}]})") << 4;
        QTest::newRow("array top level") << QByteArray(R"([1, "two", null, true, {"x": [1, 2, 3]}])") << 10;
    }
    void prettyJson()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, width);
        const QJsonDocument original = QJsonDocument::fromJson(json);
        QVERIFY(!original.isNull());
        const QJsonValue value = original.isObject() ? QJsonValue(original.object()) : QJsonValue(original.array());
        const QString text = TextWrap::prettyJson(value, width, {QStringLiteral("result"), QStringLiteral("error")});
        const QJsonDocument reparsed = QJsonDocument::fromJson(text.toUtf8());
        QCOMPARE(reparsed, original);
    }

    void prettyJsonKeyOrderAndInlining()
    {
        const QJsonObject o{{QStringLiteral("id"), QStringLiteral("r")},
                            {QStringLiteral("error"), QJsonValue::Null},
                            {QStringLiteral("result"), QJsonObject{{QStringLiteral("lead"), QJsonArray()}}}};
        QCOMPARE(
            TextWrap::prettyJson(o, 100, {QStringLiteral("result"), QStringLiteral("error"), QStringLiteral("id")}),
            QStringLiteral(R"({"result": {"lead": []}, "error": null, "id": "r"})"));
        QCOMPARE(TextWrap::prettyJson(o, 30, {QStringLiteral("result"), QStringLiteral("error"), QStringLiteral("id")}),
                 QStringLiteral("{\n  \"result\": {\"lead\": []},\n  \"error\": null,\n  \"id\": \"r\"\n}"));
    }
};

QTEST_GUILESS_MAIN(TestTextWrap)
#include "tst_textwrap.moc"
