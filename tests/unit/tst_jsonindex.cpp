#include "JsonIndex.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QtTest>

// JsonIndex: grammar (RFC 8259, strictly; the fuzzer compares with simdjson), error offsets, navigation,
// paths, scalar decoding, very deep and very wide documents, file mapping and cancellation.
class TestJsonIndex : public QObject
{
    Q_OBJECT

private slots:
    void validity_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("errorOffset"); // -1: not checked
        QTest::addColumn<QString>("messageContains");

        auto ok = [](const char* name, const QByteArray& json) {
            QTest::newRow(name) << json << true << qint64(-1) << QString();
        };
        auto bad = [](const char* name, const QByteArray& json, qint64 offset, const char* message) {
            QTest::newRow(name) << json << false << offset << QString::fromUtf8(message);
        };
        ok("object", "{\"a\":1}");
        ok("nested",
           "{\"result\":{\"creates\":[{\"success\":true,\"error\":null,\"id\":5}]},\"error\":[],\"id\":\"\"}");
        ok("scalar root string", "\"just a string\"");
        ok("scalar root number", "-12.5e+3");
        ok("literals", "[true,false,null]");
        ok("whitespace everywhere", " \n\t{ \"a\" :\r\n [ 1 , 2 ] } \n");
        ok("escapes", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"]");
        ok("empty containers", "{\"a\":{},\"b\":[],\"c\":[[]]}");
        ok("utf8 content", "{\"name\":\"Ирина José 😀\"}");
        ok("zero", "[0,-0,0.5,1E9,1e-9]");

        bad("trailing comma array", "[1,2,]", 5, "expected a value");
        bad("trailing comma object", "{\"a\":1,}", 7, "expected a string key");
        bad("missing colon", "{\"a\" 1}", 5, "expected ':'");
        bad("missing comma", "{\"a\":1 \"b\":2}", 7, "expected ',' or '}'");
        bad("single quotes", "{'a':1}", 1, "expected a string key");
        bad("bare word", "[hello]", 1, "expected a value");
        bad("leading zero", "[01]", 1, "invalid number");
        bad("plus sign", "[+1]", 1, "expected a value");
        bad("dot without digits", "[1.]", 1, "invalid number");
        bad("truncated object", "{\"result\":{\"lead\":[{\"id\":\"1\"}", 29, "cut short");
        bad("truncated in string", "{\"result\":{\"lead\":[{\"id\":\"12", 25, "never closed");
        bad("truncated after colon", "{\"a\":", 5, "cut short");
        bad("two documents", "{} {}", 3, "after the end");
        bad("invalid escape", "[\"a\\qb\"]", 3, "invalid escape");
        bad("short unicode escape", "[\"\\u12\"]", 2, "\\u escape");
        bad("control char in string", "[\"a\tb\"]", 3, "control character");
        bad("mismatched bracket", "[1}", 2, "expected ',' or ']'");
        bad("unopened close", "]", 0, "expected a value");
        bad("number then garbage", "[123abc]", 1, "invalid number");
        bad("literal then garbage", "[truex]", 1, "invalid literal");
        bad("html", "<html><title>502 Bad Gateway</title></html>", 0, "");
    }
    void validity()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, valid);
        QFETCH(qint64, errorOffset);
        QFETCH(QString, messageContains);
        const JsonIndex index = JsonIndex::fromBytes(json);
        QCOMPARE(index.isValid(), valid);
        if (!valid) {
            QCOMPARE(index.status(), JsonIndex::Status::Invalid);
            QVERIFY2(index.errorMessage().contains(messageContains), qPrintable(index.errorMessage()));
            if (errorOffset >= 0)
                QCOMPARE(index.errorOffset(), errorOffset);
            QCOMPARE(index.root(), JsonIndex::npos);
        } else {
            QCOMPARE(index.root(), JsonIndex::NodeId(0));
            QVERIFY(index.errorMessage().isEmpty());
        }
    }

    void truncationIsFlagged()
    {
        QVERIFY(JsonIndex::fromBytes("{\"a\":[1,2").isTruncated());
        QVERIFY(JsonIndex::fromBytes("{\"a\":\"xy").isTruncated());
        QVERIFY(!JsonIndex::fromBytes("{\"a\":x}").isTruncated());
    }

    void empty_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("nothing") << QByteArray();
        QTest::newRow("spaces") << QByteArray("   \n\t ");
    }
    void empty()
    {
        QFETCH(QByteArray, json);
        const JsonIndex index = JsonIndex::fromBytes(json);
        QCOMPARE(index.status(), JsonIndex::Status::Empty);
        QCOMPARE(index.root(), JsonIndex::npos);
    }

    void navigation()
    {
        const QByteArray json =
            "{\"result\":{\"creates\":[{\"success\":true,\"error\":null,\"id\":346743252994},"
            "{\"success\":false,\"error\":{\"code\":301,\"message\":\"Entry already exists\",\"data\":[]}}]},"
            "\"error\":[{\"code\":301,\"message\":\"Entry already exists\",\"data\":[]}],\"id\":\"req-2\"}";
        const JsonIndex index = JsonIndex::fromBytes(json);
        QVERIFY(index.isValid());
        const auto root = index.root();
        QCOMPARE(index.type(root), JsonIndex::Type::Object);
        QCOMPARE(index.childCount(root), 3);
        QCOMPARE(index.parent(root), JsonIndex::npos);
        QCOMPARE(index.depth(root), 0);
        QCOMPARE(index.path(root), QStringLiteral("$"));
        QCOMPARE(index.offset(root), qint64(0));
        QCOMPARE(index.length(root), qint64(json.size()));

        const auto creates = index.member(index.member(root, QLatin1String("result")), QLatin1String("creates"));
        QVERIFY(creates != JsonIndex::npos);
        QCOMPARE(index.type(creates), JsonIndex::Type::Array);
        QCOMPARE(index.childCount(creates), 2);
        const auto second = index.child(creates, 1);
        QCOMPARE(index.row(second), 1);
        QCOMPARE(index.parent(second), creates);
        QVERIFY(!index.hasKey(second));
        QCOMPARE(index.keyOffset(second), qint64(-1));
        const auto error = index.member(second, QLatin1String("error"));
        QCOMPARE(index.path(error), QStringLiteral("$.result.creates[1].error"));
        QCOMPARE(index.depth(error), 4);
        QCOMPARE(index.key(error), QStringLiteral("error"));
        QCOMPARE(json.mid(index.keyOffset(error), 7), QByteArray("\"error\""));
        const auto code = index.member(error, QLatin1String("code"));
        QCOMPARE(index.integer(code), std::optional<qint64>(301));
        QCOMPARE(index.value(code), QVariant(qint64(301)));
        const auto message = index.member(error, QStringLiteral("message"));
        QCOMPARE(index.string(message), QStringLiteral("Entry already exists"));
        QCOMPARE(index.raw(message), QByteArrayView("\"Entry already exists\""));
        QCOMPARE(index.raw(error).front(), '{');
        QCOMPARE(index.raw(error).back(), '}');
        QCOMPARE(index.displayValue(error), QStringLiteral("{3}"));
        QCOMPARE(index.displayValue(creates), QStringLiteral("[2]"));

        const auto first = index.child(creates, 0);
        QCOMPARE(index.value(index.member(first, QLatin1String("success"))), QVariant(true));
        QVERIFY(index.value(index.member(first, QLatin1String("error"))).isNull());
        QCOMPARE(index.type(index.member(first, QLatin1String("error"))), JsonIndex::Type::Null);
        QCOMPARE(index.integer(index.member(first, QLatin1String("id"))), std::optional<qint64>(346743252994));
        QCOMPARE(index.member(first, QLatin1String("missing")), JsonIndex::npos);
        QCOMPARE(index.child(creates, 2), JsonIndex::npos);
        QCOMPARE(index.child(creates, -1), JsonIndex::npos);
        QCOMPARE(index.childCount(code), 0);
        QCOMPARE(index.member(creates, QLatin1String("x")), JsonIndex::npos); // not an object
    }

    void childrenAreContiguousAndParentsConsistent()
    {
        const QByteArray json =
            "{\"a\":[1,{\"b\":[2,3,{\"c\":null}],\"d\":\"x\"},[[],[4]]],\"e\":{\"f\":{\"g\":true}}}";
        const JsonIndex index = JsonIndex::fromBytes(json);
        QVERIFY(index.isValid());
        // Walk everything iteratively; every child knows its parent and its row.
        std::vector<JsonIndex::NodeId> stack{index.root()};
        quint32 seen = 0;
        while (!stack.empty()) {
            const auto node = stack.back();
            stack.pop_back();
            ++seen;
            for (int i = 0; i < index.childCount(node); ++i) {
                const auto c = index.child(node, i);
                QCOMPARE(index.parent(c), node);
                QCOMPARE(index.row(c), i);
                QVERIFY(index.offset(c) > index.offset(node));
                QVERIFY(index.offset(c) + index.length(c) <= index.offset(node) + index.length(node));
                stack.push_back(c);
            }
        }
        QCOMPARE(seen, index.nodeCount());
        QCOMPARE(index.nodeCount(), 17u);
    }

    // Empty objects and arrays have no entry in the container table (a failed batch object's
    // "data": [] each): they still read as containers without children, with their own bytes.
    void emptyContainers_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("raw"); // of the first empty container
        QTest::newRow("root array") << QByteArray("[]") << QByteArray("[]");
        QTest::newRow("root object with spaces") << QByteArray(" { \n } ") << QByteArray("{ \n }");
        QTest::newRow("member") << QByteArray("{\"a\":1,\"data\":[ ],\"b\":{\"c\":2}}") << QByteArray("[ ]");
        QTest::newRow("element") << QByteArray("[1,{},[[],[4]]]") << QByteArray("{}");
        QTest::newRow("nested") << QByteArray("[[[{}]],{\"x\":[]}]") << QByteArray("{}");
    }
    void emptyContainers()
    {
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, raw);
        const JsonIndex index = JsonIndex::fromBytes(json);
        QVERIFY(index.isValid());
        JsonIndex::NodeId firstEmpty = JsonIndex::npos;
        quint32 seen = 0;
        std::vector<JsonIndex::NodeId> stack{index.root()};
        while (!stack.empty()) {
            const auto node = stack.back();
            stack.pop_back();
            ++seen;
            if (index.isContainer(node) && index.childCount(node) == 0) {
                QCOMPARE(index.child(node, 0), JsonIndex::npos);
                QCOMPARE(index.member(node, QLatin1String("x")), JsonIndex::npos);
                QCOMPARE(index.member(node, QStringLiteral("x")), JsonIndex::npos);
                QCOMPARE(index.displayValue(node),
                         index.type(node) == JsonIndex::Type::Array ? QStringLiteral("[0]") : QStringLiteral("{0}"));
                if (firstEmpty == JsonIndex::npos || index.offset(node) < index.offset(firstEmpty))
                    firstEmpty = node;
            }
            for (int i = index.childCount(node) - 1; i >= 0; --i) {
                const auto c = index.child(node, i);
                QCOMPARE(index.parent(c), node);
                QCOMPARE(index.row(c), i);
                QVERIFY(index.offset(c) + index.length(c) <= index.offset(node) + index.length(node));
                stack.push_back(c);
            }
        }
        QCOMPARE(seen, index.nodeCount());
        QVERIFY(firstEmpty != JsonIndex::npos);
        QCOMPARE(index.raw(firstEmpty).toByteArray(), raw);
        // The siblings after an empty container are still found by key.
        const JsonIndex object = JsonIndex::fromBytes("{\"data\":[],\"e\":{},\"code\":5}");
        QCOMPARE(object.integer(object.member(object.root(), QLatin1String("code"))), std::optional<qint64>(5));
        QCOMPARE(object.path(object.member(object.root(), QLatin1String("e"))), QStringLiteral("$.e"));
    }

    void paths_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("keys"); // member names / [i] to follow
        QTest::addColumn<QString>("path");
        QTest::newRow("plain") << QByteArray("{\"a\":{\"b_1\":[0,[1]]}}") << QStringList{"a", "b_1", "[1]", "[0]"}
                               << QStringLiteral("$.a.b_1[1][0]");
        QTest::newRow("space in key") << QByteArray("{\"odd key\":1}") << QStringList{"odd key"}
                                      << QStringLiteral("$['odd key']");
        QTest::newRow("quote in key") << QByteArray("{\"it's\":1}") << QStringList{"it's"}
                                      << QStringLiteral("$['it\\'s']");
        QTest::newRow("escaped key") << QByteArray("{\"caf\\u00e9\":1}") << QStringList{QStringLiteral("café")}
                                     << QStringLiteral("$['café']");
        QTest::newRow("digit first") << QByteArray("{\"1a\":1}") << QStringList{"1a"} << QStringLiteral("$['1a']");
        QTest::newRow("empty key") << QByteArray("{\"\":1}") << QStringList{""} << QStringLiteral("$['']");
    }
    void paths()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, keys);
        QFETCH(QString, path);
        const JsonIndex index = JsonIndex::fromBytes(json);
        QVERIFY(index.isValid());
        auto node = index.root();
        for (const QString& k : keys) {
            if (k.startsWith(QLatin1Char('[')))
                node = index.child(node, k.mid(1, k.size() - 2).toInt());
            else
                node = index.member(node, k);
            QVERIFY2(node != JsonIndex::npos, qPrintable(k));
        }
        QCOMPARE(index.path(node), path);
        if (!keys.last().startsWith(QLatin1Char('[')))
            QCOMPARE(index.key(node), keys.last());
    }

    void strings_data()
    {
        QTest::addColumn<QByteArray>("literal");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QByteArray("\"abc\"") << QStringLiteral("abc");
        QTest::newRow("simple escapes") << QByteArray("\"a\\\"b\\\\c\\/d\\n\\t\\r\\b\\f\"")
                                        << QStringLiteral("a\"b\\c/d\n\t\r\b\f");
        QTest::newRow("bmp escape") << QByteArray("\"caf\\u00E9\"") << QStringLiteral("café");
        QTest::newRow("surrogate pair") << QByteArray("\"\\ud83d\\ude00!\"") << QString::fromUtf8("😀!");
        QTest::newRow("lone high surrogate") << QByteArray("\"a\\ud83db\"")
                                             << QString::fromUtf8("a\xEF\xBF\xBD"
                                                                  "b");
        QTest::newRow("lone low surrogate") << QByteArray("\"\\ude00\"") << QString::fromUtf8("\xEF\xBF\xBD");
        QTest::newRow("raw utf8") << QByteArray("\"Ирина\"") << QStringLiteral("Ирина");
        QTest::newRow("empty") << QByteArray("\"\"") << QString();
        // QString::fromUtf8 alone would drop it (found by the fuzzer).
        QTest::newRow("leading U+FEFF") << QByteArray("\"\xEF\xBB\xBF"
                                                      "code\"")
                                        << QString(QChar(0xfeff)) + QStringLiteral("code");
        QTest::newRow("escaped U+FEFF") << QByteArray("\"\\ufeffx\"") << QString(QChar(0xfeff)) + QStringLiteral("x");
    }
    void strings()
    {
        QFETCH(QByteArray, literal);
        QFETCH(QString, expected);
        const JsonIndex index = JsonIndex::fromBytes("[" + literal + "]");
        QVERIFY(index.isValid());
        const auto node = index.child(index.root(), 0);
        QCOMPARE(index.type(node), JsonIndex::Type::String);
        QCOMPARE(index.string(node), expected);
        QCOMPARE(index.value(node), QVariant(expected));
        // The same text as an object key decodes the same way.
        const JsonIndex asKey = JsonIndex::fromBytes("{" + literal + ":0}");
        QVERIFY(asKey.isValid());
        QCOMPARE(asKey.key(asKey.child(asKey.root(), 0)), expected);
        QCOMPARE(asKey.member(asKey.root(), expected), asKey.child(asKey.root(), 0));
    }

    void numbers_data()
    {
        QTest::addColumn<QByteArray>("literal");
        QTest::addColumn<bool>("isInteger");
        QTest::addColumn<double>("value");
        QTest::newRow("int") << QByteArray("105") << true << 105.0;
        QTest::newRow("negative") << QByteArray("-7") << true << -7.0;
        QTest::newRow("fraction") << QByteArray("2.5") << false << 2.5;
        QTest::newRow("exponent") << QByteArray("1e3") << false << 1000.0;
        QTest::newRow("huge int") << QByteArray("123456789012345678901234567890") << false << 1.2345678901234568e29;
    }
    void numbers()
    {
        QFETCH(QByteArray, literal);
        QFETCH(bool, isInteger);
        QFETCH(double, value);
        const JsonIndex index = JsonIndex::fromBytes("[" + literal + "]");
        const auto node = index.child(index.root(), 0);
        QCOMPARE(index.type(node), JsonIndex::Type::Number);
        QCOMPARE(index.integer(node).has_value(), isInteger);
        QCOMPARE(index.number(node), value);
        QCOMPARE(index.displayValue(node), QString::fromLatin1(literal));
    }

    void displayValueIsBounded()
    {
        QByteArray big = "[\"";
        big.append(QByteArray(1 << 20, 'x'));
        big.append("\\n\"]");
        const JsonIndex index = JsonIndex::fromBytes(big);
        QVERIFY(index.isValid());
        const QString shown = index.displayValue(index.child(index.root(), 0), 50);
        QCOMPARE(shown.size(), 51);
        QVERIFY(shown.endsWith(QChar(0x2026)));
        QCOMPARE(index.string(index.child(index.root(), 0)).size(), (1 << 20) + 1);
    }

    void farKeys()
    {
        // A key far from its value (lots of whitespace) still resolves.
        QByteArray json = "{\"far\"";
        json.append(QByteArray(70000, ' '));
        json.append(": 1, \"near\": 2}");
        const JsonIndex index = JsonIndex::fromBytes(json);
        QVERIFY(index.isValid());
        QCOMPARE(index.key(index.child(index.root(), 0)), QStringLiteral("far"));
        QCOMPARE(index.keyOffset(index.child(index.root(), 0)), qint64(1));
        QCOMPARE(index.member(index.root(), QLatin1String("near")), index.child(index.root(), 1));
    }

    void invalidUtf8IsReportedAndTolerated()
    {
        const QByteArray json = "{\"a\":\"ok\",\"b\":\"bad \xff\xfe here\",\"c\":\"\xc3\x28\"}";
        const JsonIndex index = JsonIndex::fromBytes(json);
        QVERIFY(index.isValid());
        QCOMPARE(index.invalidUtf8Offset(), qint64(json.indexOf('\xff')));
        QCOMPARE(index.invalidUtf8Count(), qint64(3));
        QCOMPARE(index.string(index.member(index.root(), QLatin1String("b"))), QStringLiteral("bad ?? here"));
        QCOMPARE(index.size(), qint64(json.size()));
        const JsonIndex clean = JsonIndex::fromBytes("{\"a\":\"é\"}");
        QCOMPARE(clean.invalidUtf8Offset(), qint64(-1));
        // Invalid UTF-8 and broken JSON: the JSON error is still found.
        const JsonIndex both = JsonIndex::fromBytes("{\"a\":\"\xff\",}");
        QVERIFY(!both.isValid());
        QCOMPARE(both.invalidUtf8Offset(), qint64(6));
        QCOMPARE(both.errorOffset(), qint64(9));
    }

    void deepNesting()
    {
        // 100 000 levels: nothing recurses, so nothing overflows.
        const int depth = 100000;
        QByteArray json(depth, '[');
        json.append("42");
        json.append(QByteArray(depth, ']'));
        const JsonIndex index = JsonIndex::fromBytes(json);
        QVERIFY2(index.isValid(), qPrintable(index.errorMessage()));
        QCOMPARE(index.nodeCount(), quint32(depth + 1));
        auto node = index.root();
        while (index.type(node) == JsonIndex::Type::Array)
            node = index.child(node, 0);
        QCOMPARE(index.integer(node), std::optional<qint64>(42));
        QCOMPARE(index.depth(node), depth);
        const QString path = index.path(node);
        QCOMPARE(path.size(), 1 + 3 * depth);
        QVERIFY(path.startsWith(QLatin1String("$[0][0]")));

        QByteArray objects;
        for (int i = 0; i < depth; ++i)
            objects.append("{\"k\":");
        objects.append("null");
        objects.append(QByteArray(depth, '}'));
        const JsonIndex deepObjects = JsonIndex::fromBytes(objects);
        QVERIFY(deepObjects.isValid());
        QCOMPARE(deepObjects.nodeCount(), quint32(depth + 1));

        QByteArray unclosed(depth, '[');
        const JsonIndex truncated = JsonIndex::fromBytes(unclosed);
        QVERIFY(truncated.isTruncated());
        QVERIFY(truncated.errorMessage().contains(QLatin1String("100000 unclosed")));
    }

    void wideArray()
    {
        const int count = 1000000;
        QByteArray json;
        json.reserve(count * 8);
        json.append('[');
        for (int i = 0; i < count; ++i) {
            if (i)
                json.append(',');
            json.append(QByteArray::number(i));
        }
        json.append(']');
        const JsonIndex index = JsonIndex::fromBytes(json);
        QVERIFY(index.isValid());
        QCOMPARE(index.childCount(index.root()), count);
        const auto last = index.child(index.root(), count - 1);
        QCOMPARE(index.integer(last), std::optional<qint64>(count - 1));
        QCOMPARE(index.row(last), count - 1);
        QCOMPARE(index.path(last), QStringLiteral("$[999999]"));
        // 16 bytes per value plus one container record: compact.
        QVERIFY2(index.indexMemory() <= qint64(count + 2) * 16 + 16, qPrintable(QString::number(index.indexMemory())));
    }

    void lineColumns()
    {
        const QByteArray json = "{\n  \"a\": \"é\",\n  \"b\": [1,\n    x]\n}";
        const JsonIndex index = JsonIndex::fromBytes(json);
        QVERIFY(!index.isValid());
        const auto at = index.lineColumn(index.errorOffset());
        QCOMPARE(at.line, qint64(4));
        QCOMPARE(at.column, qint64(5));
        const QList<JsonIndex::LineColumn> many =
            index.lineColumns({json.indexOf("1"), 0, json.indexOf(","), qint64(json.size())});
        QCOMPARE(many.at(0).line, qint64(3));
        QCOMPARE(many.at(0).column, qint64(9));
        QCOMPARE(many.at(1).line, qint64(1));
        QCOMPARE(many.at(1).column, qint64(1));
        QCOMPARE(many.at(2).line, qint64(2));
        QCOMPARE(many.at(2).column, qint64(11)); // 'é' counts as one column
        QCOMPARE(many.at(3).line, qint64(5));
    }

    // Residency::OnePass hands a mapped file's pages back as the passes over it go by: every
    // read after that gives the same bytes, and line/column counting (by windows of a few MB)
    // gives the same positions. A source held in memory is never released.
    void onePassReadsTheSame()
    {
        QByteArray json = "[";
        for (int i = 0; i < 60000; ++i) {
            json += i ? ",\n" : "";
            json +=
                "{\"k\":\"\xC3\xA9" + QByteArray::number(i) + "\",\"v\":" + QByteArray(i % 7 == 0 ? 300 : 1, '1') + "}";
        }
        json += ",\"" + QByteArray(9 << 20, 'x') + "\",\"\xE2\x82\xAC end\"]"; // a line of 9 MB
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json);
        file.close();
        const JsonIndex keep = JsonIndex::fromFile(path);
        const JsonIndex once =
            JsonIndex::fromFile(path, {}, JsonIndex::maxDocumentSize(), JsonIndex::Residency::OnePass);
        QVERIFY(once.isValid());
        QCOMPARE(once.nodeCount(), keep.nodeCount());
        QList<qint64> offsets;
        for (qint64 at = 0; at < json.size(); at += 99991)
            offsets.append(at);
        offsets.append(json.size() - 3);
        const QList<JsonIndex::LineColumn> got = once.lineColumns(offsets);
        QCOMPARE(keep.lineColumns(offsets).size(), got.size());
        qint64 line = 1;
        qint64 column = 1;
        qint64 at = 0;
        for (int i = 0; i < offsets.size(); ++i) {
            for (; at < offsets[i]; ++at) {
                if (json[at] == '\n') {
                    ++line;
                    column = 1;
                } else {
                    column += (uchar(json[at]) & 0xc0) != 0x80;
                }
            }
            QCOMPARE(got[i].line, line);
            QCOMPARE(got[i].column, column);
            QCOMPARE(keep.lineColumns({offsets[i]}).constFirst().column, column);
        }
        once.releaseSource(0, once.size());
        for (quint32 n = 0; n < once.nodeCount(); n += 997) {
            QCOMPARE(once.raw(n).toByteArray(), keep.raw(n).toByteArray());
            QCOMPARE(once.displayValue(n), keep.displayValue(n));
        }
        QCOMPARE(once.string(once.child(once.root(), 60001)), QStringLiteral("\u20ac end"));

        // Read into memory (a small stream): releasing would lose the data, so it does nothing.
        const QByteArray small = "{\"a\":\"" + QByteArray(5000, 'b') + "\"}";
        QBuffer buffer;
        buffer.setData(small);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        const JsonIndex inMemory =
            JsonIndex::fromStream(buffer, JsonIndex::maxDocumentSize(), {}, JsonIndex::Residency::OnePass);
        inMemory.releaseSource(0, inMemory.size());
        QCOMPARE(inMemory.bytes().toByteArray(), small);
    }

    void columnsCountCodePointsOnLongLines()
    {
        // The column counter works eight bytes at a time: check it against a plain count at
        // every alignment, on a long line mixing 1- to 4-byte characters.
        QByteArray line = "[\"";
        const char* pieces[] = {"a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "z"};
        for (int i = 0; i < 700; ++i)
            line.append(pieces[(i * 7) % 5]);
        line.append("\"]");
        const JsonIndex index = JsonIndex::fromBytes(line);
        QVERIFY(index.isValid());
        QList<qint64> offsets;
        for (qint64 at = 0; at <= line.size(); at += 13)
            offsets.append(at);
        const QList<JsonIndex::LineColumn> got = index.lineColumns(offsets);
        for (int i = 0; i < offsets.size(); ++i) {
            qint64 expected = 1;
            for (qint64 p = 0; p < offsets[i]; ++p)
                expected += (uchar(line[p]) & 0xc0) != 0x80;
            QCOMPARE(got[i].line, qint64(1));
            QCOMPARE(got[i].column, expected);
        }
    }

    void fromFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // Above the mapping threshold, so the file is mapped rather than read.
        QByteArray json = "{\"result\":{\"lead\":[";
        for (int i = 0; i < 20000; ++i)
            json.append(QByteArray(i ? "," : "") + "{\"id\":\"" + QByteArray::number(i) + "\",\"emailAddress\":\"u" +
                        QByteArray::number(i) + "@example.com\"}");
        json.append("]},\"error\":null,\"id\":\"x\"}");
        const QString path = dir.filePath(QStringLiteral("big.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json);
        file.close();

        QList<double> fractions;
        const JsonIndex index = JsonIndex::fromFile(path, [&](double f) {
            fractions.append(f);
            return true;
        });
        QVERIFY(index.isValid());
        QCOMPARE(index.size(), qint64(json.size()));
        QVERIFY(std::is_sorted(fractions.cbegin(), fractions.cend()));
        QCOMPARE(fractions.constLast(), 1.0);
        const auto leads = index.member(index.member(index.root(), QLatin1String("result")), QLatin1String("lead"));
        QCOMPARE(index.childCount(leads), 20000);
        QCOMPARE(index.string(index.member(index.child(leads, 19999), QLatin1String("emailAddress"))),
                 QStringLiteral("u19999@example.com"));

        const JsonIndex missing = JsonIndex::fromFile(dir.filePath(QStringLiteral("nope.json")));
        QCOMPARE(missing.status(), JsonIndex::Status::Unreadable);
        QVERIFY(!missing.errorMessage().isEmpty());

        const QString emptyPath = dir.filePath(QStringLiteral("empty.json"));
        QFile emptyFile(emptyPath);
        QVERIFY(emptyFile.open(QIODevice::WriteOnly));
        emptyFile.close();
        QCOMPARE(JsonIndex::fromFile(emptyPath).status(), JsonIndex::Status::Empty);
    }

    void cancel()
    {
        QByteArray json = "[";
        for (int i = 0; i < 2000000; ++i)
            json.append(i ? ",1" : "1");
        json.append(']');
        int calls = 0;
        const JsonIndex index = JsonIndex::fromBytes(json, [&](double f) {
            ++calls;
            return f < 0.5;
        });
        QCOMPARE(index.status(), JsonIndex::Status::Canceled);
        QCOMPARE(index.root(), JsonIndex::npos);
        QVERIFY(calls >= 2);
    }

    void moveKeepsData()
    {
        JsonIndex a = JsonIndex::fromBytes("{\"a\":[1,2,3]}");
        JsonIndex b = std::move(a);
        QVERIFY(b.isValid());
        QCOMPARE(b.childCount(b.member(b.root(), QLatin1String("a"))), 3);
    }
};

QTEST_GUILESS_MAIN(TestJsonIndex)
#include "tst_jsonindex.moc"
