#include "Redactor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

// The one place that masks the secret key (docs/design.md, Security): every shape of URL, command line, log
// line and JSON it meets.
class TestRedactor : public QObject
{
    Q_OBJECT

private:
    static QString m() { return Redactor::mask(); }

private slots:
    void text_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        const QString mask = m();
        QTest::newRow("query") << QStringLiteral("https://h/pubapi/v1/?accountID=A&secretKey=abc123")
                               << QStringLiteral("https://h/pubapi/v1/?accountID=A&secretKey=") + mask;
        QTest::newRow("query, key first") << QStringLiteral("?secretKey=abc&accountID=A")
                                          << QStringLiteral("?secretKey=") + mask + QStringLiteral("&accountID=A");
        QTest::newRow("name in other case") << QStringLiteral("?SECRETKEY=abc") << QStringLiteral("?SECRETKEY=") + mask;
        QTest::newRow("encoded =") << QStringLiteral("next=%3Fa%3D1%26secretKey%3Dabc")
                                   << QStringLiteral("next=%3Fa%3D1%26secretKey%3D") + mask;
        QTest::newRow("in single quotes")
            << QStringLiteral("curl 'https://h/?secretKey=abc' -d x")
            << QStringLiteral("curl 'https://h/?secretKey=") + mask + QStringLiteral("' -d x");
        QTest::newRow("twice") << QStringLiteral("secretKey=a secretKey=b")
                               << QStringLiteral("secretKey=") + mask + QStringLiteral(" secretKey=") + mask;
        QTest::newRow("empty value stays visible")
            << QStringLiteral("?accountID=A&secretKey=&x=1") << QStringLiteral("?accountID=A&secretKey=&x=1");
        // Errs on the safe side: masking a look-alike costs nothing.
        QTest::newRow("inside a longer word")
            << QStringLiteral("mysecretKey=abc") << QStringLiteral("mysecretKey=") + mask;
        QTest::newRow("JSON legacy header")
            << QStringLiteral("{\"header\":{\"accountID\":\"A\",\"secretKey\":\"abc\\\"def\"}}")
            << QStringLiteral("{\"header\":{\"accountID\":\"A\",\"secretKey\":\"") + mask + QStringLiteral("\"}}");
        QTest::newRow("JSON with spaces") << QStringLiteral("\"secretKey\" : \"abc\"")
                                          << QStringLiteral("\"secretKey\" : \"") + mask + QStringLiteral("\"");
        QTest::newRow("already masked") << QStringLiteral("?secretKey=") + mask << QStringLiteral("?secretKey=") + mask;
        QTest::newRow("nothing to do") << QStringLiteral("plain log line") << QStringLiteral("plain log line");
    }

    void text()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(Redactor::redactText(input), expected);
        QCOMPARE(Redactor::containsSecretKey(input), input != expected);
    }

    void url_data()
    {
        QTest::addColumn<QByteArray>("encoded");
        QTest::addColumn<QString>("display");
        const QString mask = m();
        QTest::newRow("plain") << QByteArray("https://h/p/?accountID=A&secretKey=abc")
                               << QStringLiteral("https://h/p/?accountID=A&secretKey=") + mask;
        // A quote or an encoded '&' in the key must not end the mask early.
        QTest::newRow("quote in key") << QByteArray("https://h/p/?secretKey=ab'cd%26ef&x=1")
                                      << QStringLiteral("https://h/p/?secretKey=") + mask + QStringLiteral("&x=1");
        QTest::newRow("no secret") << QByteArray("https://h/p/?accountID=A")
                                   << QStringLiteral("https://h/p/?accountID=A");
        QTest::newRow("empty secret") << QByteArray("https://h/p/?secretKey=")
                                      << QStringLiteral("https://h/p/?secretKey=");
        QTest::newRow("password in user info")
            << QByteArray("https://u:pw@h/p/?secretKey=zz") << QStringLiteral("https://u@h/p/?secretKey=") + mask;
    }

    void url()
    {
        QFETCH(QByteArray, encoded);
        QFETCH(QString, display);
        const QUrl url = QUrl::fromEncoded(encoded);
        QCOMPARE(Redactor::redactUrl(url), display);
        QVERIFY(!Redactor::redactEncodedUrl(url).contains(QLatin1String("abc")));
        QVERIFY(!Redactor::redactEncodedUrl(url).contains(QLatin1String("cd")));
    }

    void json()
    {
        const QByteArray text = "{\"method\":\"getLeads\",\"header\":{\"accountID\":\"A\",\"secretKey\":\"abc\"},"
                                "\"params\":{\"list\":[{\"SecretKey\":\"x\"},{\"secretKey\":\"\"}]},\"id\":\"1\"}";
        const QJsonObject input = QJsonDocument::fromJson(text).object();
        const QJsonObject out = Redactor::redactJson(input).toObject();
        QCOMPARE(out.value(QLatin1String("header")).toObject().value(QLatin1String("secretKey")).toString(), m());
        QCOMPARE(out.value(QLatin1String("header")).toObject().value(QLatin1String("accountID")).toString(),
                 QStringLiteral("A"));
        const QJsonArray list = out.value(QLatin1String("params")).toObject().value(QLatin1String("list")).toArray();
        QCOMPARE(list.at(0).toObject().value(QLatin1String("SecretKey")).toString(), m());
        QCOMPARE(list.at(1).toObject().value(QLatin1String("secretKey")).toString(), QString());
        QCOMPARE(out.value(QLatin1String("method")).toString(), QStringLiteral("getLeads"));
    }

    void knownSecret()
    {
        QCOMPARE(Redactor::redactSecret(QStringLiteral("echo ab+c/d and ab%2Bc%2Fd"), QStringLiteral("ab+c/d")),
                 QStringLiteral("echo %1 and %1").arg(m()));
        // Too short to mask safely.
        QCOMPARE(Redactor::redactSecret(QStringLiteral("a1a1"), QStringLiteral("a1")), QStringLiteral("a1a1"));
    }

    void maskIsRecognised()
    {
        QVERIFY(Redactor::isMask(m()));
        QVERIFY(Redactor::isMask(QStringLiteral("%e2%80%a2%E2%80%A2%E2%80%A2")));
        QVERIFY(!Redactor::isMask(QStringLiteral("abc")));
    }
};

QTEST_GUILESS_MAIN(TestRedactor)
#include "tst_redactor.moc"
