#include "CliRun.h"
#include "FakeHttpServer.h"
#include "TerminalText.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

// Text from responses and requests cannot drive the terminal: every character a terminal acts on
// (C0 controls, DEL, C1 controls, bidi overrides and isolates) reaches the CLI's stdout and
// stderr as a visible escape, through each subcommand; --json stays valid JSON.
class TestTerminalText : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // The JSON escape of c for use inside a JSON string literal.
    static QByteArray jsonEscape(char32_t c)
    {
        return QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0')).toLatin1();
    }

    static QString dangerousIn(const QString& text)
    {
        for (const QChar c : text) {
            if (TerminalText::needsEscape(c.unicode()))
                return QStringLiteral("U+%1").arg(uint(c.unicode()), 4, 16, QLatin1Char('0'));
        }
        return QString();
    }

    static void addCharacters()
    {
        QTest::addColumn<uint>("character");
        QTest::addColumn<QString>("shown");
        QTest::newRow("ESC") << 0x1bu << QStringLiteral("\\x1b");
        QTest::newRow("BEL") << 0x07u << QStringLiteral("\\x07");
        QTest::newRow("C0 SOH") << 0x01u << QStringLiteral("\\x01");
        QTest::newRow("DEL") << 0x7fu << QStringLiteral("\\u007f");
        QTest::newRow("C1 CSI") << 0x9bu << QStringLiteral("\\u009b");
        QTest::newRow("C1 OSC") << 0x9du << QStringLiteral("\\u009d");
        QTest::newRow("bidi RLO") << 0x202eu << QStringLiteral("\\u202e");
        QTest::newRow("bidi LRE") << 0x202au << QStringLiteral("\\u202a");
        QTest::newRow("isolate LRI") << 0x2066u << QStringLiteral("\\u2066");
        QTest::newRow("isolate PDI") << 0x2069u << QStringLiteral("\\u2069");
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void escape_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("abc é ü 日本") << QStringLiteral("abc é ü 日本");
        QTest::newRow("layout kept") << QStringLiteral("a\n\tb") << QStringLiteral("a\n\tb");
        QTest::newRow("ESC sequence") << QStringLiteral("\x1b[2J") << QStringLiteral("\\x1b[2J");
        QTest::newRow("OSC title") << QStringLiteral("\x1b]0;pwned\x07") << QStringLiteral("\\x1b]0;pwned\\x07");
        QTest::newRow("C1 CSI") << QStringLiteral("a\u009b31mb") << QStringLiteral("a\\u009b31mb");
        QTest::newRow("bidi") << QStringLiteral("x\u202eyz\u2069") << QStringLiteral("x\\u202eyz\\u2069");
        QTest::newRow("NUL") << QString(QChar(0)) << QStringLiteral("\\x00");
        QTest::newRow("LRM kept") << QStringLiteral("a\u200eb") << QStringLiteral("a\u200eb");
    }

    void escape()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(TerminalText::escape(input), expected);
    }

    // The inspector's body keeps one column per character: each bidi control becomes one visible
    // mark, everything else (other controls included) is left to the view.
    void bidiShownInPlace()
    {
        QString text =
            QStringLiteral("a") + QChar(0x202e) + QStringLiteral("b") + QChar(0x2069) + QStringLiteral("\tc");
        const qsizetype size = text.size();
        TerminalText::showBidiControlsInPlace(text);
        QCOMPARE(text.size(), size);
        QCOMPARE(text,
                 QStringLiteral("a") + QChar(0x21c4) + QStringLiteral("b") + QChar(0x21c4) + QStringLiteral("\tc"));
    }

    void inspectText_data() { addCharacters(); }
    void inspectText()
    {
        QFETCH(uint, character);
        QFETCH(QString, shown);
        const QByteArray body = "{\"result\":null,\"error\":{\"code\":301,\"message\":\"evil" + jsonEscape(character) +
                                "message\",\"data\":[]},\"id\":\"id" + jsonEscape(character) + "\"}";
        const TestSupport::CliRun result = TestSupport::runCli({QStringLiteral("inspect"), QStringLiteral("-")}, body);
        QCOMPARE(result.status, 1);
        QVERIFY2(dangerousIn(result.out + result.err).isEmpty(), qPrintable(dangerousIn(result.out + result.err)));
        QVERIFY2(result.out.contains(QStringLiteral("evil") + shown + QStringLiteral("message")),
                 qPrintable(result.out));
    }

    void inspectHtml_data() { addCharacters(); }
    void inspectHtml()
    {
        QFETCH(uint, character);
        QFETCH(QString, shown);
        const QString title = QStringLiteral("Gateway ") + QChar(char16_t(character)) + QStringLiteral("Error");
        const QByteArray body = "<html><head><title>" + title.toUtf8() + "</title></head><body>x</body></html>";
        const TestSupport::CliRun result = TestSupport::runCli({QStringLiteral("inspect"), QStringLiteral("-")}, body);
        QVERIFY2(dangerousIn(result.out + result.err).isEmpty(), qPrintable(dangerousIn(result.out + result.err)));
        QVERIFY2(result.out.contains(QStringLiteral("Gateway ") + shown + QStringLiteral("Error")),
                 qPrintable(result.out));
    }

    void inspectJson_data() { addCharacters(); }
    void inspectJson()
    {
        QFETCH(uint, character);
        const QByteArray body = "{\"result\":null,\"error\":{\"code\":301,\"message\":\"evil" + jsonEscape(character) +
                                "\",\"data\":[]},\"id\":\"1\"}";
        const TestSupport::CliRun result =
            TestSupport::runCli({QStringLiteral("inspect"), QStringLiteral("-"), QStringLiteral("--json")}, body);
        QVERIFY2(dangerousIn(result.out).isEmpty(), qPrintable(dangerousIn(result.out)));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(result.out.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        // The escape is JSON's own: the document still carries the original character (expected
        // is ["evil…"]: compared without the brackets and quotes).
        const QByteArray expected = QJsonDocument(QJsonArray{QStringLiteral("evil") + QChar(char16_t(character))})
                                        .toJson(QJsonDocument::Compact);
        QVERIFY2(doc.toJson(QJsonDocument::Compact).contains(expected.mid(2, expected.size() - 4)),
                 doc.toJson().constData());
    }

    void lint_data() { addCharacters(); }
    void lint()
    {
        QFETCH(uint, character);
        QFETCH(QString, shown);
        const QByteArray request =
            "{\"method\":\"getLeads" + jsonEscape(character) + "\",\"params\":{\"where\":{}},\"id\":\"1\"}";
        const QString path = TestSupport::writeFile(m_dir.path(), QStringLiteral("request.json"), request);
        const TestSupport::CliRun result = TestSupport::runCli({QStringLiteral("lint"), path});
        QVERIFY2(dangerousIn(result.out + result.err).isEmpty(), qPrintable(dangerousIn(result.out + result.err)));
        QVERIFY2(result.out.contains(QStringLiteral("getLeads") + shown), qPrintable(result.out));
    }

    void explain_data() { addCharacters(); }
    void explain()
    {
        QFETCH(uint, character);
        QFETCH(QString, shown);
        const QString query = QStringLiteral("zzqx") + QChar(char16_t(character)) + QStringLiteral("qqzz");
        const TestSupport::CliRun result = TestSupport::runCli({QStringLiteral("explain"), query});
        QVERIFY2(dangerousIn(result.out + result.err).isEmpty(), qPrintable(dangerousIn(result.out + result.err)));
        QVERIFY2((result.out + result.err).contains(QStringLiteral("zzqx") + shown + QStringLiteral("qqzz")),
                 qPrintable(result.out + result.err));
    }

    void send_data() { addCharacters(); }
    void send()
    {
        QFETCH(uint, character);
        QFETCH(QString, shown);
        FakeHttpServer server;
        QVERIFY(server.listen());
        FakeHttpServer::Script script;
        script.body = "{\"result\":null,\"error\":{\"code\":205,\"message\":\"bad" + jsonEscape(character) +
                      "thing\",\"data\":[]},\"id\":\"t-1\"}";
        server.setScript(script);
        qputenv("LEADGEN_TERMINAL_TEST_SECRET", "terminal-test-secret");
        const QByteArray request = "{\"method\":\"getLeads\",\"params\":{\"where\":{}},\"id\":\"t-1\"}";
        const TestSupport::CliRun result =
            TestSupport::runCli({QStringLiteral("send"), QStringLiteral("-"), QStringLiteral("--endpoint"),
                                 server.url().toString(), QStringLiteral("--account"), QStringLiteral("ACC"),
                                 QStringLiteral("--secret-env"), QStringLiteral("LEADGEN_TERMINAL_TEST_SECRET")},
                                request);
        QCOMPARE(result.status, 1);
        QVERIFY2(dangerousIn(result.out + result.err).isEmpty(), qPrintable(dangerousIn(result.out + result.err)));
        QVERIFY2(result.out.contains(QStringLiteral("bad") + shown + QStringLiteral("thing")), qPrintable(result.out));
    }
};

QTEST_GUILESS_MAIN(TestTerminalText)
#include "tst_terminaltext.moc"
