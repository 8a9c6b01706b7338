#include "ShellLexer.h"

#include <QtTest>

// The shell lexer on its own: each dialect's quoting and continuations, where a command ends, and
// the position of every error.
class TestShellLexer : public QObject
{
    Q_OBJECT

private slots:
    void split_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("cmd");
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QString>("ignoredTail");

        const auto row = [](const char* name, const QString& text, bool cmd, const QStringList& words,
                            const QString& tail = QString()) { QTest::newRow(name) << text << cmd << words << tail; };
        row("plain words", QStringLiteral("curl  -X\tPOST https://x/"), false,
            {QStringLiteral("curl"), QStringLiteral("-X"), QStringLiteral("POST"), QStringLiteral("https://x/")});
        row("single quotes keep everything", QStringLiteral("curl -d '{\"a\": \"b \\\\ $c\"}'"), false,
            {QStringLiteral("curl"), QStringLiteral("-d"), QStringLiteral("{\"a\": \"b \\\\ $c\"}")});
        row("double quotes escape four characters", QStringLiteral("x \"a \\\"b\\\" \\$ \\\\ \\` \\n\""), false,
            {QStringLiteral("x"), QStringLiteral("a \"b\" $ \\ ` \\n")});
        row("nested quotes", QStringLiteral("x 'say \"hi\"' \"it's\""), false,
            {QStringLiteral("x"), QStringLiteral("say \"hi\""), QStringLiteral("it's")});
        row("adjacent parts make one word", QStringLiteral("a'b'\"c\"\\ d$'e'"), false, {QStringLiteral("abc de")});
        row("backslash outside quotes", QStringLiteral("a\\'b"), false, {QStringLiteral("a'b")});
        row("ANSI-C escapes", QStringLiteral("$'a\\nb\\x41\\u00e9\\101\\'\\q'"), false,
            {QStringLiteral("a\nbA\u00e9A'\\q")});
        row("ANSI-C bytes are UTF-8", QStringLiteral("$'\\xc3\\xa9'"), false, {QStringLiteral("\u00e9")});
        row("backslash continuation", QStringLiteral("curl \\\n  -s \\\n  url"), false,
            {QStringLiteral("curl"), QStringLiteral("-s"), QStringLiteral("url")});
        row("continuation inside a word", QStringLiteral("ab\\\ncd"), false, {QStringLiteral("abcd")});
        row("continuation inside double quotes", QStringLiteral("\"ab\\\ncd\""), false, {QStringLiteral("abcd")});
        row("CRLF continuation", QStringLiteral("curl \\\r\n  -s\r\n"), false,
            {QStringLiteral("curl"), QStringLiteral("-s")});
        row("PowerShell backtick continuation", QStringLiteral("curl `\n  -s `\n  url"), false,
            {QStringLiteral("curl"), QStringLiteral("-s"), QStringLiteral("url")});
        row("comment", QStringLiteral("curl url # the rest\n-s"), false,
            {QStringLiteral("curl"), QStringLiteral("url"), QStringLiteral("-s")});
        row("pipe ends the command", QStringLiteral("curl url | jq ."), false,
            {QStringLiteral("curl"), QStringLiteral("url")}, QStringLiteral("| jq ."));
        row("operator right after a word", QStringLiteral("curl url;echo"), false,
            {QStringLiteral("curl"), QStringLiteral("url")}, QStringLiteral(";echo"));
        row("&& ends, a single & does not", QStringLiteral("a&b && c"), false, {QStringLiteral("a&b")},
            QStringLiteral("&& c"));
        row("quoted operators are text", QStringLiteral("x '|' \";\""), false,
            {QStringLiteral("x"), QStringLiteral("|"), QStringLiteral(";")});
        row("typographic quotes", QStringLiteral("x \u201Ca b\u201D \u2018c\u2019"), false,
            {QStringLiteral("x"), QStringLiteral("a b"), QStringLiteral("c")});
        row("cmd escapes", QStringLiteral("curl ^\"https://x/?a=1^&b=2^\" -H ^\"A: b^\""), true,
            {QStringLiteral("curl"), QStringLiteral("https://x/?a=1&b=2"), QStringLiteral("-H"),
             QStringLiteral("A: b")});
        row("cmd continuation", QStringLiteral("curl ^\n  -s ^\r\n  url"), true,
            {QStringLiteral("curl"), QStringLiteral("-s"), QStringLiteral("url")});
        row("cmd escaped quote inside quotes", QStringLiteral("x ^\"a\\^\"b^\""), true,
            {QStringLiteral("x"), QStringLiteral("a\"b")});
        row("cmd doubled quote inside quotes", QStringLiteral("x ^\"a\"\"b^\" ^\"^\""), true,
            {QStringLiteral("x"), QStringLiteral("a\"b"), QString()});
        row("cmd backslashes not before a quote", QStringLiteral("x ^\"C:\\\\dir\\\\^\""), true,
            {QStringLiteral("x"), QStringLiteral("C:\\\\dir\\")});
        row("cmd & ends the command", QStringLiteral("curl ^\"u^\" & echo"), true,
            {QStringLiteral("curl"), QStringLiteral("u")}, QStringLiteral("& echo"));
        row("^\" inside POSIX quotes is text", QStringLiteral("x '^\"' \"^\\\"\""), false,
            {QStringLiteral("x"), QStringLiteral("^\""), QStringLiteral("^\"")});
        row("empty", QString(), false, {});
    }

    void split()
    {
        QFETCH(QString, text);
        QFETCH(bool, cmd);
        QFETCH(QStringList, words);
        QFETCH(QString, ignoredTail);

        const ShellLexer lexer(text);
        ShellLexer::Error error;
        const std::optional<ShellLexer::Words> result = lexer.split(&error);
        QVERIFY2(result, qPrintable(error.toString()));
        QCOMPARE(result->dialect, cmd ? ShellLexer::Dialect::Cmd : ShellLexer::Dialect::Posix);
        QStringList texts;
        for (const ShellLexer::Word& word : result->list) {
            texts << word.text;
            QVERIFY(word.offset >= 0 && word.offset < lexer.text().size());
        }
        QCOMPARE(texts, words);
        QCOMPARE(result->ignoredTail, ignoredTail);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("offset");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");

        QTest::newRow("single quote") << QStringLiteral("curl -d 'abc") << QStringLiteral("unterminated single quote")
                                      << 8 << 1 << 9;
        QTest::newRow("double quote, second line")
            << QStringLiteral("curl \\\n  -d \"abc") << QStringLiteral("unterminated double quote") << 12 << 2 << 6;
        QTest::newRow("ANSI-C quote") << QStringLiteral("x $'a\\'") << QStringLiteral("unterminated $'...' quote") << 2
                                      << 1 << 3;
        QTest::newRow("typographic quote")
            << QStringLiteral("x \u201Cabc") << QStringLiteral("typographic quote \u201C without its closing \u201D")
            << 2 << 1 << 3;
        QTest::newRow("cmd double quote")
            << QStringLiteral("curl ^\n \"abc") << QStringLiteral("unterminated double quote") << 8 << 2 << 2;
        // Offsets count the text as given (CR LF is one line break, two characters).
        QTest::newRow("after CRLF") << QStringLiteral("a \\\r\nb 'c") << QStringLiteral("unterminated single quote")
                                    << 7 << 2 << 3;
    }

    void errors()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        QFETCH(int, offset);
        QFETCH(int, line);
        QFETCH(int, column);

        ShellLexer::Error error;
        QVERIFY(!ShellLexer(text).split(&error));
        QVERIFY2(error.message.startsWith(message), qPrintable(error.message));
        QCOMPARE(error.offset, qsizetype(offset));
        QCOMPARE(error.line, line);
        QCOMPARE(error.column, column);
        QVERIFY(error.toString().startsWith(QStringLiteral("line %1, column %2: ").arg(line).arg(column)));
        QVERIFY(!ShellLexer(text).split()); // no error wanted: still rejected
    }

    void warnings()
    {
        const auto warningsOf = [](const QString& text) { return ShellLexer(text).split()->warnings; };
        QCOMPARE(warningsOf(QStringLiteral("x \"$HOME\" $HOME ${USER}")).size(), 2); // each variable once
        QVERIFY(warningsOf(QStringLiteral("x '$HOME'")).isEmpty());                  // single quotes: literal
        QCOMPARE(warningsOf(QStringLiteral("x \u201Ca\u201D \u2018b\u2019")).size(), 1);
    }

    void quote_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << QStringLiteral("a b") << QStringLiteral("'a b'");
        QTest::newRow("single quote") << QStringLiteral("it's") << QStringLiteral("'it'\\''s'");
        QTest::newRow("newline stays literal") << QStringLiteral("a\nb") << QStringLiteral("'a\nb'");
        QTest::newRow("control character") << QStringLiteral("a\x01'\\\n") << QStringLiteral("$'a\\x01\\'\\\\\\n'");
        QTest::newRow("unicode") << QStringLiteral("\u00e9\U0001F600") << QStringLiteral("'\u00e9\U0001F600'");
        QTest::newRow("empty") << QString() << QStringLiteral("''");
    }

    void quote()
    {
        QFETCH(QString, text);
        QFETCH(QString, quoted);
        QCOMPARE(ShellLexer::quote(text), quoted);
        // What quote() writes, split() reads back as one word.
        const auto words = ShellLexer(QStringLiteral("x ") + quoted).split();
        QVERIFY(words);
        QCOMPARE(words->list.size(), 2);
        QCOMPARE(words->list.at(1).text, text);
    }

    void word()
    {
        QCOMPARE(ShellLexer::word(QStringLiteral("PUT")), QStringLiteral("PUT"));
        QCOMPARE(ShellLexer::word(QStringLiteral("a-b.c_1")), QStringLiteral("a-b.c_1"));
        QCOMPARE(ShellLexer::word(QStringLiteral("GET;rm")), QStringLiteral("'GET;rm'"));
        QCOMPARE(ShellLexer::word(QString()), QStringLiteral("''"));
    }
};

QTEST_APPLESS_MAIN(TestShellLexer)
#include "tst_shelllexer.moc"
