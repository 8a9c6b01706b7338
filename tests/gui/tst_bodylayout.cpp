#include "BodyLayout.h"
#include "BodySearch.h"

#include <QtTest>

#include <memory>

// The inspector body view's text model (BodyLayout: pretty-printed and raw lines made on demand,
// byte offset ↔ line/column mapping) and its find (BodySearch). No widgets involved.
class TestBodyLayout : public QObject
{
    Q_OBJECT

private:
    static std::shared_ptr<const JsonIndex> indexOf(const QByteArray& json)
    {
        return std::make_shared<const JsonIndex>(JsonIndex::fromBytes(json));
    }

    static QStringList allLines(const BodyLayout& layout)
    {
        QStringList lines;
        for (qint64 line = 0; line < layout.lineCount(); ++line)
            lines.append(layout.lineText(line));
        return lines;
    }

    // Every scalar and key of the document shows its source literal where positionOf says.
    static void checkEveryNodeMaps(const BodyLayout& layout)
    {
        const JsonIndex& index = layout.index();
        for (JsonIndex::NodeId node = 0; node < index.nodeCount(); ++node) {
            const BodyLayout::Position at = layout.positionOf(index.offset(node));
            const QString text = layout.lineText(at.line);
            QString literal = QString::fromUtf8(
                index.raw(node).first(index.isContainer(node) ? 1 : index.length(node)).toByteArray());
            // A raw line may wrap inside a long literal: what the line holds is its beginning.
            if (layout.mode() == BodyLayout::Mode::Raw)
                literal.truncate(text.size() - at.column);
            QVERIFY2(
                QStringView(text).mid(at.column).startsWith(literal),
                qPrintable(QStringLiteral("%1 at %2:%3 in '%4'").arg(literal).arg(at.line).arg(at.column).arg(text)));
            QCOMPARE(layout.offsetAt(at), index.offset(node));
            if (index.hasKey(node)) {
                const BodyLayout::Position key = layout.positionOf(index.keyOffset(node));
                QCOMPARE(key.line, at.line);
                QCOMPARE(text.at(key.column), QLatin1Char('"'));
                QCOMPARE(layout.offsetAt(key), index.keyOffset(node));
            }
            if (layout.mode() == BodyLayout::Mode::Pretty) {
                QCOMPARE(layout.nodeAt(at.line), node);
                const auto [first, last] = layout.linesOf(node);
                QCOMPARE(first, at.line);
                QVERIFY(last >= first);
            }
        }
    }

private slots:
    void prettyLines_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("nested, empty containers, commas")
            << QByteArray("{\"a\":1,\"b\":[true,null,{\"c\":\"x\"}],\"d\":{},\"e\":[]}")
            << QStringList{"{",         "  \"a\": 1,",  "  \"b\": [",         "    true,",
                           "    null,", "    {",        "      \"c\": \"x\"", "    }",
                           "  ],",      "  \"d\": {},", "  \"e\": []",        "}"};
        QTest::newRow("source spacing is not kept, literals are")
            << QByteArray("{ \"k\\\"ey\" :\n  \"v\\u00e9\" , \"n\":-1.5e3 }")
            << QStringList{"{", "  \"k\\\"ey\": \"v\\u00e9\",", "  \"n\": -1.5e3", "}"};
        QTest::newRow("scalar root") << QByteArray(" \"just text\" ") << QStringList{"\"just text\""};
        QTest::newRow("non-ASCII") << QByteArray("[\"Дмитрий 😀\",{\"ключ\":\"ü\"}]")
                                   << QStringList{"[", "  \"Дмитрий 😀\",", "  {", "    \"ключ\": \"ü\"", "  }", "]"};
    }
    void prettyLines()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, expected);
        const auto layout = BodyLayout::pretty(indexOf(json));
        QVERIFY(layout);
        QCOMPARE(layout->mode(), BodyLayout::Mode::Pretty);
        QCOMPARE(allLines(*layout), expected);
        for (qint64 line = 0; line < layout->lineCount(); ++line)
            QCOMPARE(layout->lineNumber(line), line + 1);
        checkEveryNodeMaps(*layout);
    }

    void prettyNeedsValidJson()
    {
        QVERIFY(!BodyLayout::pretty(indexOf("{\"a\":")));
        QVERIFY(!BodyLayout::pretty(nullptr));
        // The raw layout still shows it.
        const auto raw = BodyLayout::raw(indexOf("{\"a\":"));
        QVERIFY(raw);
        QCOMPARE(allLines(*raw), QStringList{"{\"a\":"});
    }

    void prettyCutsHugeValues()
    {
        const QByteArray big(100000, 'x');
        const auto layout = BodyLayout::pretty(indexOf("{\"blob\":\"" + big + "\"}"));
        const QString line = layout->lineText(1);
        QVERIFY(line.size() < BodyLayout::maxLineChars() + 100);
        QVERIFY(line.endsWith(QLatin1String("more bytes)")));
        // Positions past the cut clamp to the line instead of running off it.
        const BodyLayout::Position end = layout->positionOf(9 + big.size());
        QCOMPARE(end.line, qint64(1));
        QVERIFY(end.column <= line.size());
    }

    void rangeOfContainer()
    {
        const QByteArray json =
            "{\"result\":{\"creates\":[{\"success\":false,\"error\":{\"code\":301,\"message\":\"x\"}}]},\"id\":\"1\"}";
        const auto layout = BodyLayout::pretty(indexOf(json));
        const JsonIndex& index = layout->index();
        const JsonIndex::NodeId creates =
            index.member(index.member(index.root(), QLatin1String("result")), QLatin1String("creates"));
        const JsonIndex::NodeId error = index.member(index.child(creates, 0), QLatin1String("error"));
        const auto [first, last] = layout->linesOf(error);
        QCOMPARE(layout->lineText(first), QStringLiteral("        \"error\": {"));
        QCOMPARE(layout->lineText(last), QStringLiteral("        }"));
        QCOMPARE(last - first, qint64(3));
        // The closing bracket's byte maps to the closing line.
        QCOMPARE(layout->positionOf(index.offset(error) + index.length(error) - 1).line, last);
    }

    void rawWrapsLongLines_data()
    {
        QTest::addColumn<QByteArray>("body");
        QByteArray minified = "{\"result\":{\"lead\":[";
        for (int i = 0; i < 300; ++i)
            minified +=
                QStringLiteral(
                    "{\"id\":\"%1\",\"emailAddress\":\"person%1@example.com\",\"firstName\":\"Jörg, \\\"the\\\" %1\"},")
                    .arg(i)
                    .toUtf8();
        minified.chop(1);
        minified += "]},\"error\":null,\"id\":\"x\"}";
        QTest::newRow("minified page") << minified;
        QTest::newRow("CRLF lines") << QByteArray("{\r\n \"a\": 1,\r\n \"b\": 2\r\n}\r\n");
        QTest::newRow("one long string") << QByteArray("\"" + QByteArray(1000, 'y') + "é" + QByteArray(1000, 'z') +
                                                       "\"");
        QTest::newRow("html") << QByteArray("<html>\n<head><title>502 Bad Gateway</title></head>\n</html>");
    }
    void rawWrapsLongLines()
    {
        QFETCH(QByteArray, body);
        const auto layout = BodyLayout::raw(indexOf(body));
        QVERIFY(layout);
        QCOMPARE(layout->mode(), BodyLayout::Mode::Raw);
        // Lines partition the body: together they are the body, minus the line breaks.
        QByteArray joined;
        qint64 breaks = 0;
        for (qint64 line = 0; line < layout->lineCount(); ++line) {
            const QByteArray text = layout->lineText(line).toUtf8();
            QVERIFY2(text.size() <= BodyLayout::maxRawLineBytes(), qPrintable(QString::number(text.size())));
            if (line > 0 && layout->lineNumber(line) != 0) {
                joined += '\n';
                ++breaks;
            }
            // A wrapped piece belongs to the body line it continues.
            QCOMPARE(layout->sourceLine(line), breaks + 1);
            joined += text;
            QCOMPARE(layout->offsetAt({line, 0}), layout->offsetAt({line, 0})); // stable
        }
        QByteArray expected = body;
        expected.replace("\r\n", "\n");
        if (expected.endsWith('\n'))
            expected.chop(1);
        QCOMPARE(joined, expected);
        QCOMPARE(layout->lineNumber(0), qint64(1));
        // Wrapped pieces of a minified document end after a comma or bracket, outside strings.
        if (qstrcmp(QTest::currentDataTag(), "minified page") == 0) {
            for (qint64 line = 0; line + 1 < layout->lineCount(); ++line) {
                const QString text = layout->lineText(line);
                QVERIFY2(text.endsWith(QLatin1Char(',')) || text.endsWith(QLatin1Char('[')) ||
                             text.endsWith(QLatin1Char('{')),
                         qPrintable(text));
                QCOMPARE(layout->lineNumber(line + 1), qint64(0));
            }
        }
        checkEveryNodeMaps(*layout);
    }

    void rawPositionsCountUtf16()
    {
        const QByteArray body = "[\"😀é\", 1]";
        const auto layout = BodyLayout::raw(indexOf(body));
        QCOMPARE(layout->positionOf(body.indexOf("1")).column, 8); // [ " 😀(2) é " , space
        QCOMPARE(layout->offsetAt({0, 8}), qint64(body.indexOf("1")));
    }

    void cancelStopsBuilding()
    {
        QByteArray json = "[";
        for (int i = 0; i < 200000; ++i)
            json += "1,";
        json += "1]";
        const auto index = indexOf(json);
        std::atomic<bool> cancel{true};
        QVERIFY(!BodyLayout::pretty(index, &cancel));
        QVERIFY(!BodyLayout::raw(indexOf(QByteArray(4 << 20, ' ') + json), &cancel));
        cancel = false;
        const auto layout = BodyLayout::pretty(index, &cancel);
        QVERIFY(layout);
        QCOMPARE(layout->lineCount(), qint64(200003));
    }

    void search_data()
    {
        QTest::addColumn<QByteArray>("haystack");
        QTest::addColumn<QString>("query");
        QTest::addColumn<bool>("caseSensitive");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<qint64>("length");
        QTest::newRow("plain") << QByteArray("abc Entry already exists") << "Entry" << true << 4ll << 5ll;
        QTest::newRow("case folded") << QByteArray("ENTRY") << "entry" << false << 0ll << 5ll;
        QTest::newRow("case kept") << QByteArray("ENTRY") << "entry" << true << -1ll << 0ll;
        QTest::newRow("space after colon optional")
            << QByteArray("{\"code\":301}") << "\"code\": 301" << false << 1ll << 10ll;
        QTest::newRow("spaces around colon in body")
            << QByteArray("{\"code\" :  301}") << "\"code\":301" << false << 1ll << 13ll;
        QTest::newRow("newline in body between tokens") << QByteArray("{\n  \"error\": {\n    \"code\": 205")
                                                        << "\"error\": { \"code\": 205" << false << 4ll << 26ll;
        QTest::newRow("words need their space") << QByteArray("foobar foo bar") << "foo bar" << false << 7ll << 7ll;
        QTest::newRow("any run of spaces between words")
            << QByteArray("foo \t bar") << "foo bar" << false << 0ll << 9ll;
        QTest::newRow("query trimmed") << QByteArray("x 301 y") << "  301 " << false << 2ll << 3ll;
        QTest::newRow("UTF-8") << QByteArray("{\"n\":\"Дмитрий\"}") << QString::fromUtf8("Дмитрий") << true << 6ll
                               << 14ll;
        QTest::newRow("empty query") << QByteArray("abc") << "   " << false << -1ll << 0ll;
        QTest::newRow("at the very end") << QByteArray("abc") << "bc" << false << 1ll << 2ll;
        QTest::newRow("longer than the body") << QByteArray("ab") << "abc" << false << -1ll << 0ll;
    }
    void search()
    {
        QFETCH(QByteArray, haystack);
        QFETCH(QString, query);
        QFETCH(bool, caseSensitive);
        QFETCH(qint64, offset);
        QFETCH(qint64, length);
        const BodySearch search(query, caseSensitive);
        const BodySearch::Match match = search.find(haystack, 0);
        QCOMPARE(match.offset, offset);
        if (offset >= 0) {
            QCOMPARE(match.length, length);
            // Backward from the end finds the same (it is the only or last match here).
            const BodySearch::Match back = search.find(haystack, haystack.size(), true);
            QVERIFY(back.isValid());
            QVERIFY(back.offset >= match.offset);
            QCOMPARE(search.matchAt(haystack, offset).length, length);
        }
    }

    void searchDirectionsAndCount()
    {
        const QByteArray body = "301 x 301 y 301";
        const BodySearch search(QStringLiteral("301"));
        QCOMPARE(search.find(body, 0).offset, 0);
        QCOMPARE(search.find(body, 1).offset, 6);
        QCOMPARE(search.find(body, 7).offset, 12);
        QVERIFY(!search.find(body, 13).isValid());
        QCOMPARE(search.find(body, 12, true).offset, 6);
        QCOMPARE(search.find(body, 6, true).offset, 0);
        QVERIFY(!search.find(body, 0, true).isValid());
        QCOMPARE(search.count(body, 100), 3);
        QCOMPARE(search.count(body, 2), 2);
        std::atomic<bool> cancel{true};
        const QByteArray big = QByteArray(16 << 20, 'a') + "301";
        QVERIFY(!search.find(big, 0, false, &cancel).isValid());
        QCOMPARE(search.find(big, 0).offset, qint64(16 << 20));
    }
};

QTEST_GUILESS_MAIN(TestBodyLayout)
#include "tst_bodylayout.moc"
