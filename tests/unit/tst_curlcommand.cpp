#include "CurlCommand.h"
#include "Redactor.h"
#include "TestSupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

// cURL import/export. The real-world shapes are files under tests/data/curl (exactly
// as customers paste them: quoting styles, continuations, cmd and PowerShell, @file bodies),
// their expected readings in tests/data/curl/expected.json. Every shape round-trips through
// export, and the default export never carries the secret.
class TestCurlCommand : public QObject
{
    Q_OBJECT

private:
    static QJsonObject expectations()
    {
        return QJsonDocument::fromJson(TestSupport::readData(QStringLiteral("curl/expected.json"))).object();
    }

    static CurlCommand::Options fileOptions()
    {
        CurlCommand::Options options;
        options.baseDirectory = TestSupport::dataPath(QStringLiteral("curl"));
        return options;
    }

    static QStringList secretsIn(const QJsonObject& expected)
    {
        QStringList secrets;
        for (const char* key : {"secret", "requestSecret"}) {
            const QString value = expected.value(QLatin1String(key)).toString();
            if (!value.isEmpty())
                secrets << value << QString::fromLatin1(QUrl::toPercentEncoding(value));
        }
        return secrets;
    }

private slots:
    // A URL is the same request when it is sent as the same bytes: QUrl keeps a raw U+FFFF and
    // its percent-encoded form apart internally, though both go out as %EF%BF%BF (found by
    // fuzz_curlcommand: the export of such a command read back as "another request").
    void sameRequestComparesTheUrlAsSent()
    {
        CurlCommand::ParseError error;
        const auto command = CurlCommand::parse(
            QStringLiteral("curl 'https://x.example/a\uFFFFb?accountID=A&secretKey=S' -d '{}'"), &error);
        QVERIFY2(command, qPrintable(error.toString()));
        const QString exported = command->toCommandLine(CurlCommand::Secret::Included);
        const auto again = CurlCommand::parse(exported, &error);
        QVERIFY2(again, qPrintable(error.toString()));
        QVERIFY2(again->sameRequestAs(*command), qPrintable(exported));
        const auto other =
            CurlCommand::parse(QStringLiteral("curl 'https://x.example/ab?accountID=A&secretKey=S' -d '{}'"), &error);
        QVERIFY(other && !other->sameRequestAs(*command));
    }

    void shapes_data()
    {
        QTest::addColumn<QString>("name");
        const QJsonObject all = expectations();
        QVERIFY(all.size() >= 15);
        for (auto it = all.constBegin(); it != all.constEnd(); ++it)
            QTest::newRow(qPrintable(it.key())) << it.key();
    }

    void shapes()
    {
        QFETCH(QString, name);
        const QJsonObject expected = expectations().value(name).toObject();
        const QString text = QString::fromUtf8(TestSupport::readData(QStringLiteral("curl/%1.txt").arg(name)));

        CurlCommand::ParseError error;
        const auto command = CurlCommand::parse(text, &error, fileOptions());
        QVERIFY2(command, qPrintable(error.toString()));

        QCOMPARE(command->endpoint().toString(QUrl::FullyEncoded),
                 expected.value(QLatin1String("endpoint")).toString());
        QCOMPARE(command->accountId(), expected.value(QLatin1String("account")).toString());
        QCOMPARE(command->secretKey(), expected.value(QLatin1String("secret")).toString());
        QCOMPARE(command->secretRedacted(), expected.value(QLatin1String("redacted")).toBool());
        QCOMPARE(command->method, expected.value(QLatin1String("method")).toString());
        const QJsonValue body = expected.value(QLatin1String("body"));
        QCOMPARE(command->hasBody, !body.isNull());
        QCOMPARE(QString::fromUtf8(command->body), body.toString());
        const QJsonObject headers = expected.value(QLatin1String("headers")).toObject();
        for (auto it = headers.constBegin(); it != headers.constEnd(); ++it)
            QCOMPARE(QString::fromUtf8(command->header(it.key())), it.value().toString());
        for (const char* key : {"warning", "warning2"}) {
            const QString part = expected.value(QLatin1String(key)).toString();
            if (!part.isEmpty())
                QVERIFY2(command->warnings.join(QLatin1Char('\n')).contains(part),
                         qPrintable(command->warnings.join(QLatin1Char('\n'))));
        }

        // What the client would send.
        QStringList notes;
        const ApiRequest request = command->toRequest(&notes);
        QCOMPARE(request.endpoint, command->endpoint());
        QCOMPARE(request.accountId, command->accountId());
        const QString requestSecret = expected.value(QLatin1String("requestSecret")).toString();
        QCOMPARE(request.secretKey, requestSecret.isEmpty() ? command->secretKey() : requestSecret);
        const QString note = expected.value(QLatin1String("note")).toString();
        if (!note.isEmpty())
            QVERIFY2(notes.join(QLatin1Char('\n')).contains(note), qPrintable(notes.join(QLatin1Char('\n'))));
        const QString lacks = expected.value(QLatin1String("requestBodyLacks")).toString();
        if (!lacks.isEmpty())
            QVERIFY(!request.body.contains(lacks.toUtf8()));
        for (const ApiRequest::Header& header : request.headers)
            QVERIFY2(header.first.compare("Expect", Qt::CaseInsensitive) != 0, header.first.constData());

        // Round trip through export, with the secret: the same request.
        const QString exported = command->toCommandLine(CurlCommand::Secret::Included);
        const auto again = CurlCommand::parse(exported, &error);
        QVERIFY2(again, qPrintable(error.toString() + QLatin1Char('\n') + exported));
        QVERIFY2(again->sameRequestAs(*command), qPrintable(exported));

        // The default export hides every secret, and says so when read back.
        const QString redacted = command->toCommandLine();
        for (const QString& secret : secretsIn(expected))
            QVERIFY2(!redacted.contains(secret), qPrintable(redacted));
        const auto fromRedacted = CurlCommand::parse(redacted, &error);
        QVERIFY2(fromRedacted, qPrintable(error.toString() + QLatin1Char('\n') + redacted));
        QCOMPARE(fromRedacted->endpoint(), command->endpoint());
        QCOMPARE(fromRedacted->accountId(), command->accountId());
        QCOMPARE(fromRedacted->secretKey(), QString());
        QCOMPARE(fromRedacted->secretRedacted(), !expected.value(QLatin1String("secret")).toString().isEmpty() ||
                                                     expected.value(QLatin1String("redacted")).toBool());
        QCOMPARE(fromRedacted->method, command->method);
        QCOMPARE(fromRedacted->headers, command->headers);
    }

    void exportFromRequest()
    {
        ApiRequest request;
        request.endpoint = QUrl(QStringLiteral("https://api.sharpspring.com/pubapi/v1.2/"));
        request.accountId = QStringLiteral("ACC");
        request.secretKey = QStringLiteral("it's+a&secret");
        request.body = "{\"method\":\"getLeads\",\"params\":{\"where\":{}},\"id\":\"x'1\"}";
        request.headers.append(ApiRequest::Header("X-Simulator-Fault", "code=105"));
        const CurlCommand command = CurlCommand::fromRequest(request);

        const QString redacted = command.toCommandLine();
        QVERIFY2(redacted.contains(QStringLiteral("secretKey=\u2022\u2022\u2022")), qPrintable(redacted));
        QVERIFY2(!redacted.contains(QLatin1String("secret'")) && !redacted.contains(QLatin1String("a%26secret")),
                 qPrintable(redacted));
        QVERIFY(!redacted.contains(QLatin1String("User-Agent")));
        QVERIFY(redacted.contains(QLatin1String("-H 'X-Simulator-Fault: code=105'")));
        QVERIFY(redacted.startsWith(QLatin1String("curl 'https://api.sharpspring.com/pubapi/v1.2/?accountID=ACC&")));

        const QString full = command.toCommandLine(CurlCommand::Secret::Included);
        const auto back = CurlCommand::parse(full);
        QVERIFY(back);
        QCOMPARE(back->secretKey(), request.secretKey);
        QCOMPARE(back->accountId(), request.accountId);
        QCOMPARE(back->body, request.body);
        const ApiRequest again = back->toRequest();
        QCOMPARE(again.url(), request.url());
        QCOMPARE(again.header("X-Simulator-Fault"), QByteArray("code=105"));
    }

    void controlCharactersUseAnsiCQuoting()
    {
        CurlCommand command;
        command.url = QUrl(QStringLiteral("https://h.example/"));
        command.method = QStringLiteral("POST");
        command.hasBody = true;
        command.body = QByteArray("a\x01"
                                  "b'c\\d\u00e9");
        const QString line = command.toCommandLine();
        QVERIFY2(line.contains(QLatin1String("$'a\\x01b\\'c\\\\d")), qPrintable(line));
        const auto back = CurlCommand::parse(line);
        QVERIFY(back);
        QCOMPARE(back->body, command.body);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("messagePart");

        QTest::newRow("empty") << QString() << 1 << 1 << "empty";
        QTest::newRow("not curl") << "wget https://h.example/" << 1 << 1 << "starts with curl";
        QTest::newRow("unterminated single quote")
            << "curl https://h.example/ \\\n  -d '{\"method\":\"getLeads\"" << 2 << 6 << "unterminated single quote";
        QTest::newRow("unterminated double quote")
            << "curl \"https://h.example/" << 1 << 6 << "unterminated double quote";
        QTest::newRow("unterminated ANSI-C quote") << "curl https://h.example/ -d $'abc" << 1 << 28 << "$'";
        QTest::newRow("unknown long option") << "curl --frobnicate https://h.example/" << 1 << 6 << "--frobnicate";
        QTest::newRow("unknown short option in cluster") << "curl -sjz https://h.example/" << 1 << 9 << "-z";
        QTest::newRow("option without value") << "curl https://h.example/ -H" << 1 << 25 << "-H needs a value";
        QTest::newRow("header without colon")
            << "curl https://h.example/ -H 'Content-Type application/json'" << 1 << 28 << "no ':'";
        QTest::newRow("invalid header name")
            << "curl https://h.example/ -H 'Content Type: x'" << 1 << 28 << "not a valid HTTP header name";
        QTest::newRow("no URL") << "curl -X POST -d '{}'" << 1 << 21 << "no URL";
        QTest::newRow("two URLs") << "curl https://a.example/\n https://b.example/" << 2 << 2 << "second URL";
        QTest::newRow("multipart form") << "curl -F 'file=@x.json' https://h.example/" << 1 << 9 << "multipart";
        QTest::newRow("missing body file")
            << "curl https://h.example/ -d @no-such-file.json" << 1 << 28 << "no-such-file.json";
        QTest::newRow("body from stdin") << "curl https://h.example/ --data-binary @-" << 1 << 39 << "standard input";
        QTest::newRow("ftp") << "curl ftp://h.example/file" << 1 << 6 << "ftp://";
        QTest::newRow("not a URL") << "curl 'https://exa mple.com:port/'" << 1 << 6 << "not a usable URL";
        QTest::newRow("cmd unterminated quote")
            << "curl ^\"https://h.example/^\" -d ^\"x" << 1 << 33 << "unterminated double quote";
        QTest::newRow("typographic quote unclosed") << "curl \u201Chttps://h.example/" << 1 << 6 << "typographic";
        QTest::newRow("value on long option that takes none")
            << "curl --silent=yes https://h.example/" << 1 << 6 << "takes no value";
    }

    void errors()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, messagePart);
        CurlCommand::ParseError error;
        const auto command = CurlCommand::parse(text, &error, fileOptions());
        QVERIFY(!command);
        QVERIFY2(error.message.contains(messagePart), qPrintable(error.toString()));
        QCOMPARE(error.line, line);
        QCOMPARE(error.column, column);
        QVERIFY(error.toString().startsWith(QStringLiteral("line %1, column %2: ").arg(line).arg(column)));
    }

    void filesAreReadOnlyWhenAllowed()
    {
        CurlCommand::Options options = fileOptions();
        options.allowFiles = false;
        CurlCommand::ParseError error;
        QVERIFY(!CurlCommand::parse(QStringLiteral("curl https://h.example/ -d @payload.json"), &error, options));
        QVERIFY2(error.message.contains(QLatin1String("paste its content")), qPrintable(error.message));
        // --data-raw never reads a file.
        const auto raw =
            CurlCommand::parse(QStringLiteral("curl https://h.example/ --data-raw @payload.json"), &error, options);
        QVERIFY(raw);
        QCOMPARE(raw->body, QByteArray("@payload.json"));
    }

    void curlDataSemantics()
    {
        // Several -d are joined with '&'; "Name:" removes a header; -X wins over inference.
        const auto command = CurlCommand::parse(
            QStringLiteral("curl -X PUT https://h.example/ -d a=1 -d 'b=2 3' --data-urlencode 'c=x y&z' "
                           "-H 'Accept: text/plain' -H 'Accept:' -H 'X-Empty;'"));
        QVERIFY(command);
        QCOMPARE(command->method, QStringLiteral("PUT"));
        QCOMPARE(command->body, QByteArray("a=1&b=2 3&c=x%20y%26z"));
        QCOMPARE(command->headers.size(), 1);
        QCOMPARE(command->headers.first().first, QStringLiteral("X-Empty"));
        QStringList notes;
        command->toRequest(&notes);
        QVERIFY(notes.join(QLatin1Char(' ')).contains(QLatin1String("PUT")));
    }

    void shellVariablesAreReported()
    {
        const auto command = CurlCommand::parse(
            QStringLiteral("curl \"https://h.example/?accountID=$ACCOUNT&secretKey=${SECRET}\" -d '{}'"));
        QVERIFY(command);
        QVERIFY2(command->warnings.join(QLatin1Char(' ')).contains(QLatin1String("$ACCOUNT")),
                 qPrintable(command->warnings.join(QLatin1Char(' '))));
        QCOMPARE(command->accountId(), QStringLiteral("$ACCOUNT"));
    }
};

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
