#include "BodySniffer.h"
#include "JsonIndex.h"

#include <QtTest>

// What a body that is not JSON is: an HTML page (title, login form) or plain text.
class TestBodySniffer : public QObject
{
    Q_OBJECT

private slots:
    void looksLikeHtml_data()
    {
        QTest::addColumn<QString>("head");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<bool>("html");

        QTest::newRow("doctype") << "  <!DOCTYPE html><html></html>" << QByteArray() << true;
        QTest::newRow("bare h1") << "<h1>502 Bad Gateway</h1>" << QByteArray() << true;
        QTest::newRow("content type wins") << "Bad Gateway" << QByteArray("Text/HTML; charset=utf-8") << true;
        QTest::newRow("xml") << "<?xml version=\"1.0\"?><error/>" << QByteArray("application/xml") << false;
        QTest::newRow("json") << "{\"result\":null}" << QByteArray("application/json") << false;
        QTest::newRow("plain text") << "Unable to determine clusterID" << QByteArray() << false;
    }
    void looksLikeHtml()
    {
        QFETCH(QString, head);
        QFETCH(QByteArray, contentType);
        QFETCH(bool, html);
        QCOMPARE(BodySniffer::looksLikeHtml(head, contentType), html);
    }

    void htmlTitle_data()
    {
        QTest::addColumn<QString>("head");
        QTest::addColumn<QString>("title");

        QTest::newRow("title") << "<html><head><title> 502  Bad\nGateway </title></head></html>"
                               << "502 Bad Gateway";
        QTest::newRow("h1 when no title") << "<body><h1 class=\"x\">Service <b>Unavailable</b></h1></body>"
                                          << "Service Unavailable";
        QTest::newRow("entities") << "<title>Caf&#233; &amp; Bar &#x263A; &lt;b&gt;</title>"
                                  << QString::fromUtf8("Café & Bar ☺ <b>");
        QTest::newRow("empty title falls back to h1") << "<title> </title><h1>Login</h1>"
                                                      << "Login";
        QTest::newRow("none") << "<html><body><p>x</p></body></html>" << QString();
    }
    void htmlTitle()
    {
        QFETCH(QString, head);
        QFETCH(QString, title);
        QCOMPARE(BodySniffer::htmlTitle(head), title);
    }

    void decodeHtmlEntities_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("decoded");

        QTest::newRow("named") << "&lt;a&gt; &quot;b&quot; &apos;c&apos;&nbsp;d"
                               << "<a> \"b\" 'c' d";
        QTest::newRow("ampersand last") << "&amp;lt;"
                                        << "&lt;";
        QTest::newRow("numeric") << "&#65;&#x42;"
                                 << "AB";
        QTest::newRow("out of range kept") << "&#x110000;"
                                           << "&#x110000;";
    }
    void decodeHtmlEntities()
    {
        QFETCH(QString, text);
        QFETCH(QString, decoded);
        QCOMPARE(BodySniffer::decodeHtmlEntities(text), decoded);
    }

    void hasLoginForm_data()
    {
        QTest::addColumn<QString>("head");
        QTest::addColumn<bool>("login");

        QTest::newRow("password input") << "<form><input name=p type=\"password\"></form>" << true;
        QTest::newRow("unquoted, upper case") << "<INPUT TYPE=PASSWORD>" << true;
        QTest::newRow("text input only") << "<form><input type=\"text\"></form>" << false;
    }
    void hasLoginForm()
    {
        QFETCH(QString, head);
        QFETCH(bool, login);
        QCOMPARE(BodySniffer::hasLoginForm(head), login);
    }

    void firstLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("line");

        QTest::newRow("one line") << "  hello  "
                                  << "hello";
        QTest::newRow("leading blank lines") << "\n\n  first \nsecond"
                                             << "first";
        QTest::newRow("empty") << ""
                               << "";
    }
    void firstLine()
    {
        QFETCH(QString, text);
        QFETCH(QString, line);
        QCOMPARE(BodySniffer::firstLine(text), line);
    }

    void headText()
    {
        const JsonIndex index = JsonIndex::fromBytes("<html>" + QByteArray(100, 'x') + "</html>");
        QCOMPARE(BodySniffer::headText(index, 8), QStringLiteral("<html>xx"));
        QCOMPARE(BodySniffer::headText(index).size(), 113);
    }
};

QTEST_GUILESS_MAIN(TestBodySniffer)
#include "tst_bodysniffer.moc"
