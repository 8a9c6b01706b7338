#include "Cli.h"
#include "CliRun.h"
#include "ErrorCatalog.h"
#include "TestPaths.h"
#include "TestSupport.h"

#include <QtTest>

// `leadgen-diag explain QUERY... [--json]` (docs/design.md, Command line): the JSON shape scripts rely on, the
// exit statuses, and text output that fits the terminal.
class TestExplainCommand : public QObject
{
    Q_OBJECT

private:
    using Run = TestSupport::CliRun;
    static Run run(const QStringList& args, const QByteArray& stdinData = QByteArray())
    {
        return TestSupport::runCli(QStringList{QStringLiteral("explain")} + args, stdinData);
    }

    static QString seedMessage(int code)
    {
        const QStringList lines = QString::fromUtf8(TestSupport::readData(QStringLiteral("error-codes.tsv")))
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString& line : lines) {
            const QStringList cells = line.split(QLatin1Char('\t'));
            if (cells.size() == 2 && cells.at(0) == QString::number(code))
                return cells.at(1);
        }
        return QString();
    }

    // The errors.json fields every entry of `matches` carries (docs/design.md, Catalogues).
    static QStringList entryFields()
    {
        return {QStringLiteral("code"),       QStringLiteral("key"),       QStringLiteral("name"),
                QStringLiteral("title"),      QStringLiteral("message"),   QStringLiteral("level"),
                QStringLiteral("category"),   QStringLiteral("summary"),   QStringLiteral("causes"),
                QStringLiteral("fixes"),      QStringLiteral("retryable"), QStringLiteral("retry_hint"),
                QStringLiteral("methods"),    QStringLiteral("related"),   QStringLiteral("related_keys"),
                QStringLiteral("keywords"),   QStringLiteral("example"),   QStringLiteral("example_http_status"),
                QStringLiteral("confidence"), QStringLiteral("source")};
    }

    static QJsonObject parseJson(const Run& r)
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            qWarning("stdout is not one JSON object: %s\n%s", qPrintable(error.errorString()), qPrintable(r.out));
        return doc.object();
    }

private slots:
    void init() { qunsetenv("COLUMNS"); }

    // The acceptance case of the issue: `explain 105 --json` carries the seed message.
    void code105Json()
    {
        const Run r = run({QStringLiteral("105"), QStringLiteral("--json")});
        QCOMPARE(r.status, 0);
        QVERIFY(r.err.isEmpty());
        const QJsonObject root = parseJson(r);
        QStringList keys = root.keys();
        keys.sort();
        QCOMPARE(keys, (QStringList{QStringLiteral("matches"), QStringLiteral("query")}));
        QCOMPARE(root.value(QStringLiteral("query")).toString(), QStringLiteral("105"));
        const QJsonArray matches = root.value(QStringLiteral("matches")).toArray();
        QCOMPARE(matches.size(), 1);
        const QJsonObject entry = matches.first().toObject();
        QCOMPARE(entry.value(QStringLiteral("code")).toInt(), 105);
        QVERIFY(entry.value(QStringLiteral("code")).isDouble());
        QCOMPARE(entry.value(QStringLiteral("message")).toString(), seedMessage(105));
        QCOMPARE(entry.value(QStringLiteral("message")).toString(), QStringLiteral("User authentication failed."));
        QCOMPARE(entry.value(QStringLiteral("name")).toString(), QStringLiteral("AUTHENTICATION_FAILED"));
        QVERIFY(entry.value(QStringLiteral("example")).toObject().value(QStringLiteral("error")).isObject());
        QCOMPARE(entry.value(QStringLiteral("reason")).toString(), QStringLiteral("exact code"));
    }

    void jsonShape_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("firstId");
        QTest::newRow("words joined") << QStringList{QStringLiteral("rate"), QStringLiteral("limit"),
                                                     QStringLiteral("--json")}
                                      << QStringLiteral("rate limit") << QString();
        QTest::newRow("--json first") << QStringList{QStringLiteral("--json"), QStringLiteral("0x69")}
                                      << QStringLiteral("0x69") << QStringLiteral("105");
        QTest::newRow("pasted code") << QStringList{QStringLiteral("\"code\": 301"), QStringLiteral("--json")}
                                     << QStringLiteral("\"code\": 301") << QStringLiteral("301");
        QTest::newRow("situation") << QStringList{QStringLiteral("http_401_text"), QStringLiteral("--json")}
                                   << QStringLiteral("http_401_text") << QStringLiteral("http_401_text");
        QTest::newRow("method, many matches") << QStringList{QStringLiteral("getLeads"), QStringLiteral("--json")}
                                              << QStringLiteral("getLeads") << QString();
        QTest::newRow("after --") << QStringList{QStringLiteral("--json"), QStringLiteral("--"),
                                                 QStringLiteral("ENTRY_EXISTS")}
                                  << QStringLiteral("ENTRY_EXISTS") << QStringLiteral("301");
    }
    void jsonShape()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, query);
        QFETCH(QString, firstId);
        const Run r = run(args);
        QCOMPARE(r.status, 0);
        QVERIFY(r.err.isEmpty());
        const QJsonObject root = parseJson(r);
        QCOMPARE(root.value(QStringLiteral("query")).toString(), query);
        const QJsonArray matches = root.value(QStringLiteral("matches")).toArray();
        QVERIFY(!matches.isEmpty());
        // Same matches, same order as the library's search.
        const QList<ErrorCatalog::Match> expected = ErrorCatalog::builtin().search(query);
        QCOMPARE(matches.size(), expected.size());
        int previousScore = INT_MAX;
        for (qsizetype i = 0; i < matches.size(); ++i) {
            const QJsonObject entry = matches.at(i).toObject();
            for (const QString& field : entryFields())
                QVERIFY2(entry.contains(field), qPrintable(field));
            QCOMPARE(entry.value(QStringLiteral("name")).toString(), expected.at(i).entry->name);
            QVERIFY(entry.value(QStringLiteral("causes")).toArray().size() >= 2);
            QVERIFY(entry.value(QStringLiteral("fixes")).toArray().size() >= 2);
            QVERIFY(entry.value(QStringLiteral("code")).isDouble() != entry.value(QStringLiteral("key")).isString());
            QVERIFY(!entry.value(QStringLiteral("reason")).toString().isEmpty());
            const int score = entry.value(QStringLiteral("score")).toInt();
            QVERIFY(score <= previousScore);
            previousScore = score;
        }
        if (!firstId.isEmpty()) {
            const QJsonObject first = matches.first().toObject();
            const QString id = first.value(QStringLiteral("code")).isDouble()
                                   ? QString::number(first.value(QStringLiteral("code")).toInt())
                                   : first.value(QStringLiteral("key")).toString();
            QCOMPARE(id, firstId);
        }
    }

    void exitStatus_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("stdoutEmpty");
        QTest::addColumn<QString>("stderrContains"); // empty = stderr must be empty
        QTest::newRow("match") << QStringList{QStringLiteral("301")} << 0 << false << QString();
        QTest::newRow("no match") << QStringList{QStringLiteral("zzqxv")} << 1 << false << QString();
        QTest::newRow("no match json") << QStringList{QStringLiteral("zzqxv"), QStringLiteral("--json")} << 1 << false
                                       << QString();
        QTest::newRow("no query") << QStringList() << 2 << true << QStringLiteral("no query");
        QTest::newRow("only --json") << QStringList{QStringLiteral("--json")} << 2 << true
                                     << QStringLiteral("no query");
        QTest::newRow("blank query") << QStringList{QStringLiteral("  ")} << 2 << true << QStringLiteral("no query");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("105"), QStringLiteral("--verbose")} << 2 << true
                                        << QStringLiteral("unknown option --verbose");
    }
    void exitStatus()
    {
        QFETCH(QStringList, args);
        QFETCH(int, status);
        QFETCH(bool, stdoutEmpty);
        QFETCH(QString, stderrContains);
        const Run r = run(args);
        QCOMPARE(r.status, status);
        QCOMPARE(r.out.isEmpty(), stdoutEmpty);
        if (stderrContains.isEmpty()) {
            QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        } else {
            QVERIFY2(r.err.contains(stderrContains), qPrintable(r.err));
            QCOMPARE(r.err.count(QLatin1Char('\n')), 1); // one line, no stack trace
        }
        if (args.contains(QStringLiteral("--json")) && status != 2) {
            const QJsonObject root = parseJson(r);
            QVERIFY(root.contains(QStringLiteral("matches")));
            QCOMPARE(root.value(QStringLiteral("matches")).toArray().isEmpty(), status == 1);
        }
    }

    // "-" reads the query from stdin: a whole pasted batch response finds all its codes.
    void queryFromStdin()
    {
        const QByteArray batch =
            R"({"result":{"creates":[{"success":true,"error":null,"id":346743252994},)"
            R"({"success":false,"error":{"code":301,"message":"Entry already exists.","data":[]}},)"
            R"({"success":false,"error":{"code":205,"message":"Invalid parameters.","data":[]}}]},)"
            R"("error":[{"code":301,"message":"Entry already exists.","data":[]},)"
            R"({"code":205,"message":"Invalid parameters.","data":[]}],"id":"req-2"})"
            "\n";
        const Run r = run({QStringLiteral("-"), QStringLiteral("--json")}, batch);
        QCOMPARE(r.status, 0);
        const QJsonObject root = parseJson(r);
        QCOMPARE(root.value(QStringLiteral("query")).toString(), QString::fromUtf8(batch).trimmed());
        const QJsonArray matches = root.value(QStringLiteral("matches")).toArray();
        QVERIFY(matches.size() >= 2);
        QCOMPARE(matches.at(0).toObject().value(QStringLiteral("code")).toInt(), 301);
        QCOMPARE(matches.at(1).toObject().value(QStringLiteral("code")).toInt(), 205);

        const Run empty = run({QStringLiteral("-")}, QByteArray("  \n"));
        QCOMPARE(empty.status, 2);
        QVERIFY(empty.out.isEmpty());
        QCOMPARE(empty.err.count(QLatin1Char('\n')), 1);
    }

    void textWrapsToColumns_data()
    {
        QTest::addColumn<QByteArray>("columns"); // empty = unset
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("width");
        QTest::newRow("default 100") << QByteArray() << QStringLiteral("301") << 100;
        QTest::newRow("COLUMNS=60") << QByteArray("60") << QStringLiteral("301") << 60;
        QTest::newRow("COLUMNS=45, many matches") << QByteArray("45") << QStringLiteral("getLeads") << 45;
        QTest::newRow("COLUMNS=132, situation") << QByteArray("132") << QStringLiteral("html_page") << 132;
        QTest::newRow("COLUMNS garbage falls back") << QByteArray("wide") << QStringLiteral("105") << 100;
        QTest::newRow("COLUMNS too small falls back") << QByteArray("5") << QStringLiteral("105") << 100;
    }
    void textWrapsToColumns()
    {
        QFETCH(QByteArray, columns);
        QFETCH(QString, query);
        QFETCH(int, width);
        if (!columns.isEmpty())
            qputenv("COLUMNS", columns);
        const Run r = run({query});
        QCOMPARE(r.status, 0);
        int longest = 0;
        for (const QString& line : r.out.split(QLatin1Char('\n'))) {
            QVERIFY2(line.size() <= width, qPrintable(line));
            longest = qMax(longest, int(line.size()));
        }
        QVERIFY2(longest > width - 15, qPrintable(QString::number(longest))); // wrapped to the width, not far below
        const ErrorEntry* first = ErrorCatalog::builtin().search(query).first().entry;
        QVERIFY(r.out.contains(first->name));
        QVERIFY(r.out.simplified().contains(first->message.simplified()));
    }

    // Strong matches in full, weak ones as one line each (an exact hit stays readable).
    void textListsWeakMatchesBriefly()
    {
        const Run r = run({QStringLiteral("getLeads")});
        QCOMPARE(r.status, 0);
        QVERIFY(r.out.contains(QLatin1String("Match 1 of ")));
        QVERIFY(r.out.contains(QLatin1String("weaker match")));
        const QList<ErrorCatalog::Match> matches = ErrorCatalog::builtin().search(QStringLiteral("getLeads"));
        for (const ErrorCatalog::Match& m : matches)
            QVERIFY2(r.out.contains(m.entry->title.left(20)), qPrintable(m.entry->displayId()));
    }

    // The real binary: answers with no display at all, i.e. never creates a QGuiApplication
    // (with QT_QPA_PLATFORM=xcb and no DISPLAY a GUI application would abort).
    void binaryRunsWithoutDisplay()
    {
        const QString binary = QStringLiteral(LEADGEN_BINARY_DIR "/bin/leadgen-diag");
        QVERIFY2(QFileInfo::exists(binary), "build the leadgen-diag target first");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(binary, {QStringLiteral("explain"), QStringLiteral("105"), QStringLiteral("--json")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(process.readAllStandardError(), QByteArray());
        const QJsonObject root = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
        QCOMPARE(root.value(QStringLiteral("matches"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString(),
                 seedMessage(105));

        process.start(binary, {QStringLiteral("explain")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        QCOMPARE(process.readAllStandardOutput(), QByteArray());
        QCOMPARE(process.readAllStandardError().count('\n'), 1);
    }
};

QTEST_GUILESS_MAIN(TestExplainCommand)
#include "tst_explaincommand.moc"
