#include "JsonSourceScanner.h"
#include "LintText.h"

#include <QtTest>

// The text helpers of the lint rules: paths, descriptions, date shapes, layout-keeping edits,
// templates, UTF-8 validation, line and column lookup.
class TestLintText : public QObject
{
    Q_OBJECT

private:
    static JsonSourceNode parse(const QString& text)
    {
        const JsonSourceScanner::Result scan = JsonSourceScanner::scan(text);
        if (!scan.ok)
            qFatal("test JSON does not parse: %s", qPrintable(scan.error));
        return scan.root;
    }

    static QString apply(QString text, const LintTextEdit& edit)
    {
        return text.replace(edit.offset, edit.length, edit.text);
    }

private slots:
    void paths()
    {
        QCOMPARE(LintText::pathKey(QStringLiteral("$"), QStringLiteral("params")), QStringLiteral("$.params"));
        QCOMPARE(LintText::pathKey(QStringLiteral("$"), QStringLiteral("_a$1")), QStringLiteral("$._a$1"));
        QCOMPARE(LintText::pathKey(QStringLiteral("$"), QStringLiteral("1a")), QStringLiteral("$[\"1a\"]"));
        QCOMPARE(LintText::pathKey(QStringLiteral("$"), QStringLiteral("a \"b\"")),
                 QStringLiteral("$[\"a \\\"b\\\"\"]"));
        QCOMPARE(LintText::pathKey(QStringLiteral("$"), QString()), QStringLiteral("$[\"\"]"));
        QCOMPARE(LintText::pathIndex(QStringLiteral("$.o"), 12), QStringLiteral("$.o[12]"));
        QCOMPARE(LintText::quotedList({QStringLiteral("a"), QStringLiteral("b")}), QStringLiteral("\"a\", \"b\""));
    }

    void describe_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("description");
        QTest::newRow("null") << "null"
                              << "null";
        QTest::newRow("true") << "true"
                              << "true";
        QTest::newRow("number") << "2.5"
                                << "the number 2.5";
        QTest::newRow("string") << "\"a\\\"b\""
                                << "the string \"a\\\"b\"";
        QTest::newRow("empty string") << "\"\""
                                      << "an empty string";
        QTest::newRow("long string") << QStringLiteral("\"%1\"").arg(QString(50, QLatin1Char('x')))
                                     << QStringLiteral("the string \"%1...\"").arg(QString(37, QLatin1Char('x')));
        QTest::newRow("empty list") << "[]"
                                    << "an empty list";
        QTest::newRow("list") << "[1]"
                              << "a list";
        QTest::newRow("object") << "{}"
                                << "an object";
    }

    void describe()
    {
        QFETCH(QString, json);
        QFETCH(QString, description);
        QCOMPARE(LintText::describe(parse(json)), description);
    }

    void values()
    {
        QCOMPARE(LintText::scalarText(parse(QStringLiteral("12"))), QStringLiteral("12"));
        QCOMPARE(LintText::scalarText(parse(QStringLiteral("false"))), QStringLiteral("false"));
        QCOMPARE(LintText::numericValue(parse(QStringLiteral("\" 7 \""))), std::optional<double>(7));
        QCOMPARE(LintText::numericValue(parse(QStringLiteral("\"x\""))), std::optional<double>());
        QCOMPARE(LintText::numberText(1e21), QStringLiteral("1e+21"));
        QVERIFY(LintText::isNumericType(QStringLiteral("integer")));
        QVERIFY(!LintText::isScalarType(QStringLiteral("array")));
        QCOMPARE(LintText::typePhrase(QStringLiteral("picklist")), QStringLiteral("a string"));
        QVERIFY(LintText::isEmptyPhpArray(parse(QStringLiteral("[]"))));
        QVERIFY(!LintText::isEmptyPhpArray(parse(QStringLiteral("{}"))));
    }

    void dates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("dateTime");
        QTest::addColumn<bool>("date");
        QTest::addColumn<QString>("withoutT");
        QTest::newRow("date-time") << "2024-01-31 10:00:00" << true << true << "";
        QTest::newRow("date") << "2024-01-31" << false << true << "";
        QTest::newRow("no such day") << "2024-02-30" << false << false << "";
        QTest::newRow("ISO local") << "2024-01-31T10:00:00" << false << false << "2024-01-31 10:00:00";
        QTest::newRow("ISO with zone: no fix") << "2024-01-31T10:00:00Z" << false << false << "";
        QTest::newRow("fraction: no fix") << "2024-01-31T10:00:00.5" << false << false << "";
    }

    void dates()
    {
        QFETCH(QString, text);
        QFETCH(bool, dateTime);
        QFETCH(bool, date);
        QFETCH(QString, withoutT);
        QCOMPARE(LintText::isDateTimeText(text), dateTime);
        QCOMPARE(LintText::isDateText(text), date);
        QCOMPARE(LintText::dateTimeWithoutT(text), withoutT);
    }

    void email()
    {
        QVERIFY(LintText::looksLikeEmail(QStringLiteral("a@b.co")));
        QVERIFY(!LintText::looksLikeEmail(QStringLiteral("a@b")));
        QVERIFY(!LintText::looksLikeEmail(QStringLiteral("a b@c.de")));
    }

    void edits()
    {
        const QString oneLine = QStringLiteral("{\"a\": 1}");
        QCOMPARE(apply(oneLine, LintText::insertMember(oneLine, parse(oneLine), QStringLiteral("\"b\": 2"))),
                 QStringLiteral("{\"b\": 2, \"a\": 1}"));
        const QString multiLine = QStringLiteral("{\n    \"a\": 1\n}");
        QCOMPARE(apply(multiLine, LintText::insertMember(multiLine, parse(multiLine), QStringLiteral("\"b\": 2"))),
                 QStringLiteral("{\n    \"b\": 2,\n    \"a\": 1\n}"));
        const QString php = QStringLiteral("[]");
        QCOMPARE(apply(php, LintText::insertMember(php, parse(php), QStringLiteral("\"b\": 2"))),
                 QStringLiteral("{\"b\": 2}"));
        const QString member = QStringLiteral("{\"ID\": 5}");
        const JsonSourceNode root = parse(member);
        QCOMPARE(apply(member, LintText::renameKey(root.children.front(), QStringLiteral("id"))),
                 QStringLiteral("{\"id\": 5}"));
        QCOMPARE(apply(member, LintText::replaceValue(root.children.front(), QStringLiteral("\"5\""))),
                 QStringLiteral("{\"ID\": \"5\"}"));
    }

    void fillTemplate()
    {
        QCOMPARE(LintText::fillTemplate("%1 and %2, %3%", {QStringLiteral("a"), QStringLiteral("%2")}),
                 QStringLiteral("a and %2, %"));
        QCOMPARE(LintText::fillTemplate("“%1”", {QStringLiteral("x")}), QStringLiteral("“x”"));
    }

    void utf8_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("firstBad");
        QTest::newRow("ascii") << QByteArray("abc") << -1;
        QTest::newRow("multi-byte") << QByteArray("a\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80") << -1;
        QTest::newRow("stray continuation") << QByteArray("ab\x80") << 2;
        QTest::newRow("overlong") << QByteArray("a\xc0\xaf") << 1;
        QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << 0;
        QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << 0;
        QTest::newRow("truncated") << QByteArray("ab\xe6\x97") << 2;
    }

    void utf8()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, firstBad);
        QCOMPARE(LintText::firstInvalidUtf8Byte(bytes), firstBad);
    }

    void closeNames()
    {
        const QStringList names = {QStringLiteral("getLeads"), QStringLiteral("createLeads")};
        QVERIFY(LintText::mayHaveCloseName(QStringLiteral("getLeadz"), names));
        // The edit distance is at least the length difference; the threshold is max(2, length / 3).
        QVERIFY(!LintText::mayHaveCloseName(QStringLiteral("g"), names));
        QVERIFY(LintText::mayHaveCloseName(QStringLiteral("getLeadsXXXX"), names));
        QVERIFY(!LintText::mayHaveCloseName(QStringLiteral("getLeadsXXXXXXXXXXX"), names));
        QVERIFY(!LintText::mayHaveCloseName(QString(1000, QLatin1Char('x')), names));
        QVERIFY(!LintText::mayHaveCloseName(QStringLiteral("x"), {}));
    }

    void lineIndex()
    {
        const QString text = QStringLiteral("ab\ncd\n\nef");
        LintText::LineIndex index(text);
        int line = 0;
        int column = 0;
        index.lineColumn(0, &line, &column);
        QCOMPARE(std::pair(line, column), std::pair(1, 1));
        index.lineColumn(4, &line, &column);
        QCOMPARE(std::pair(line, column), std::pair(2, 2));
        index.lineColumn(6, &line, &column);
        QCOMPARE(std::pair(line, column), std::pair(3, 1));
        index.lineColumn(int(text.size()), &line, &column);
        QCOMPARE(std::pair(line, column), std::pair(4, 3));
    }
};

QTEST_APPLESS_MAIN(TestLintText)
#include "tst_linttext.moc"
