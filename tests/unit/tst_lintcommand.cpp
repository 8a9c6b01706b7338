#include "Cli.h"
#include "CliRun.h"
#include "LintCorpus.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

Q_DECLARE_METATYPE(LintCase)

// `leadgen-diag lint FILE|- [--json]` (docs/design.md, Command line): JSON shape, exit statuses, stdout/stderr
// discipline.
class TestLintCommand : public QObject
{
    Q_OBJECT

private:
    using Run = TestSupport::CliRun;
    static Run run(const QStringList& args, const QByteArray& stdinBytes = QByteArray())
    {
        return TestSupport::runCli(args, stdinBytes);
    }

    static QJsonObject parseJson(const Run& r)
    {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            qWarning("stdout is not one JSON object: %s", qPrintable(r.out));
        return doc.object();
    }

    QTemporaryDir m_dir;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void jsonShape()
    {
        const QString path = TestSupport::writeFile(m_dir.path(), QStringLiteral("where.json"),
                                                    R"({"method": "getLeads", "params": {"limit": 1000}, "id": "1"})");
        const Run r = run({QStringLiteral("lint"), path, QStringLiteral("--json")});
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        const QJsonObject o = parseJson(r);
        const QJsonArray findings = o.value(QStringLiteral("findings")).toArray();
        QCOMPARE(findings.size(), 2);
        for (const QJsonValue& v : findings) {
            const QJsonObject f = v.toObject();
            const QString severity = f.value(QStringLiteral("severity")).toString();
            QVERIFY(severity == QLatin1String("error") || severity == QLatin1String("warning"));
            QVERIFY(f.value(QStringLiteral("predicted_code")).isDouble() ||
                    f.value(QStringLiteral("predicted_code")).isNull());
            for (const char* key : {"path", "message", "fix"})
                QVERIFY2(f.value(QLatin1String(key)).isString() && !f.value(QLatin1String(key)).toString().isEmpty(),
                         key);
        }
        const QJsonObject error = findings.at(0).toObject();
        QCOMPARE(error.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
        QCOMPARE(error.value(QStringLiteral("predicted_code")).toInt(), 206);
        QCOMPARE(error.value(QStringLiteral("path")).toString(), QStringLiteral("$.params.where"));
        const QJsonObject warning = findings.at(1).toObject();
        QCOMPARE(warning.value(QStringLiteral("severity")).toString(), QStringLiteral("warning"));
        QVERIFY(warning.value(QStringLiteral("predicted_code")).isNull());
        QCOMPARE(warning.value(QStringLiteral("path")).toString(), QStringLiteral("$.params.limit"));
        QCOMPARE(o.value(QStringLiteral("predicted_code")).toInt(), 206);
        QCOMPARE(o.value(QStringLiteral("errors")).toInt(), 1);
        QCOMPARE(o.value(QStringLiteral("warnings")).toInt(), 1);
    }

    void exitStatus_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("findings");
        QTest::newRow("clean") << QByteArray(R"({"method": "getLeads", "params": {"where": {}}, "id": "1"})") << 0 << 0;
        QTest::newRow("warnings only")
            << QByteArray(R"({"method": "getLeads", "params": {"where": {}, "limit": 900}, "id": 1})") << 0 << 1;
        QTest::newRow("error") << QByteArray(R"({"method": "getLeadz", "params": {}, "id": 1})") << 1 << 1;
        QTest::newRow("invalid JSON is a finding, not unreadable input") << QByteArray("{\"method\": ") << 1 << 1;
        QTest::newRow("empty input") << QByteArray() << 1 << 1;
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe garbage", 12) << 1 << 1;
    }
    void exitStatus()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(int, findings);
        // Through a file and through stdin: same answer.
        const QString path = TestSupport::writeFile(m_dir.path(), QStringLiteral("case.json"), body);
        for (const QStringList& args :
             {QStringList{QStringLiteral("lint"), path, QStringLiteral("--json")},
              QStringList{QStringLiteral("lint"), QStringLiteral("--json"), QStringLiteral("-")}}) {
            const Run r = run(args, body);
            QCOMPARE(r.status, status);
            QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
            QCOMPARE(parseJson(r).value(QStringLiteral("findings")).toArray().size(), findings);
        }
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no file") << QStringList{QStringLiteral("lint")};
        QTest::newRow("only --json") << QStringList{QStringLiteral("lint"), QStringLiteral("--json")};
        QTest::newRow("two files") << QStringList{QStringLiteral("lint"), QStringLiteral("a.json"),
                                                  QStringLiteral("b.json")};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("lint"), QStringLiteral("--fix"),
                                                       QStringLiteral("-")};
        QTest::newRow("unknown short option")
            << QStringList{QStringLiteral("lint"), QStringLiteral("-x"), QStringLiteral("-")};
        QTest::newRow("missing file") << QStringList{QStringLiteral("lint"),
                                                     QStringLiteral("/nonexistent/request.json")};
        QTest::newRow("missing file --json") << QStringList{
            QStringLiteral("lint"), QStringLiteral("/nonexistent/request.json"), QStringLiteral("--json")};
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        const Run r = run(args);
        QCOMPARE(r.status, 2);
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }

    void directoryIsUnreadable()
    {
        const Run r = run({QStringLiteral("lint"), m_dir.path()});
        QCOMPARE(r.status, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }

    void humanOutput()
    {
        const QByteArray body = "{\n  \"method\": \"getLeads\",\n  \"params\": {\"limit\": 10},\n  \"id\": \"1\"\n}";
        const Run r = run({QStringLiteral("lint"), QStringLiteral("-")}, body);
        QCOMPARE(r.status, 1);
        QVERIFY2(r.out.contains(QLatin1String("<stdin>:3:3: error 206 (")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("$.params.where")));
        QVERIFY(r.out.contains(QLatin1String("fix: Add \"where\": {}")));
        QVERIFY(r.out.contains(QLatin1String("1 error, 0 warnings; the API would most likely answer 206")));
        const Run clean = run({QStringLiteral("lint"), QStringLiteral("-")},
                              R"({"method": "getLeads", "params": {"where": {}}, "id": "1"})");
        QCOMPARE(clean.status, 0);
        QCOMPARE(clean.out, QStringLiteral("<stdin>: no problems found\n"));
    }

    // The secret key never reaches stdout, even when a user pastes it into the body.
    void secretNotPrinted()
    {
        const QByteArray body =
            R"({"header": {"accountID": "A1", "secretKey": "TOPSECRET-9f8e7d"}, "secretKey": "TOPSECRET-9f8e7d",
                                   "method": "getLeads", "params": {"where": {}, "secretKey": "TOPSECRET-9f8e7d"}, "id": "1"})";
        for (const QStringList& args :
             {QStringList{QStringLiteral("lint"), QStringLiteral("-")},
              QStringList{QStringLiteral("lint"), QStringLiteral("-"), QStringLiteral("--json")}}) {
            const Run r = run(args, body);
            QCOMPARE(r.status, 1); // params.secretKey is not a getLeads parameter
            QVERIFY(!r.out.contains(QLatin1String("TOPSECRET")));
            QVERIFY(!r.err.contains(QLatin1String("TOPSECRET")));
        }
    }

    // Every corpus case through the command: exit status follows the error findings.
    void corpus_data()
    {
        QTest::addColumn<LintCase>("lintCase");
        // The command lints without an environment; cases that need one are tst_requestlinter's.
        for (const LintCase& c : LintCorpus::load()) {
            const LintContext none;
            if (c.context.hasAccountId == none.hasAccountId && c.context.hasSecretKey == none.hasSecretKey &&
                c.context.environment == none.environment && c.context.apiVersion == none.apiVersion)
                QTest::newRow(qPrintable(c.name)) << c;
        }
    }
    void corpus()
    {
        QFETCH(LintCase, lintCase);
        const QString path =
            TestSupport::writeFile(m_dir.path(), lintCase.name + QStringLiteral(".body"), lintCase.body);
        const Run r = run({QStringLiteral("lint"), path, QStringLiteral("--json")});
        bool expectsError = false;
        for (const QJsonValue& e : lintCase.expect)
            expectsError = expectsError || e.toObject().contains(QStringLiteral("code"));
        QCOMPARE(r.status, expectsError ? 1 : 0);
        const QJsonObject o = parseJson(r);
        QCOMPARE(o.value(QStringLiteral("errors")).toInt() > 0, expectsError);
        if (expectsError)
            QVERIFY(o.value(QStringLiteral("predicted_code")).toInt() > 0);
    }
};

QTEST_GUILESS_MAIN(TestLintCommand)
#include "tst_lintcommand.moc"
