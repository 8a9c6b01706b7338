#include "Environment.h"
#include "ErrorCatalog.h"
#include "JsonSourceScanner.h"
#include "LintCorpus.h"
#include "MethodCatalog.h"
#include "RequestLinter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

Q_DECLARE_METATYPE(LintCase)

namespace {
QList<LintFinding> runLint(const RequestLinter& linter, const LintCase& c)
{
    return c.bytesOnly ? linter.lint(c.body, c.context) : linter.lint(c.text(), c.context);
}

QString describe(const LintFinding& f)
{
    return QStringLiteral("%1 %2 %3 %4: %5")
        .arg(f.severityName())
        .arg(f.predictedCode ? f.predictedCode : f.likelyCode)
        .arg(f.rule, f.path, f.message);
}

QString describeAll(const QList<LintFinding>& findings)
{
    QStringList lines;
    for (const LintFinding& f : findings)
        lines.append(describe(f));
    return lines.join(QLatin1Char('\n'));
}

bool matches(const LintFinding& f, const QJsonObject& e)
{
    if (f.path != e.value(QStringLiteral("path")).toString())
        return false;
    if (e.contains(QStringLiteral("code")) && f.predictedCode != e.value(QStringLiteral("code")).toInt())
        return false;
    const QString severity =
        e.value(QStringLiteral("severity"))
            .toString(e.contains(QStringLiteral("code")) ? QStringLiteral("error") : QStringLiteral("warning"));
    if (f.severityName() != severity)
        return false;
    if (e.contains(QStringLiteral("rule")) && f.rule != e.value(QStringLiteral("rule")).toString())
        return false;
    if (e.contains(QStringLiteral("likely_code")) && f.likelyCode != e.value(QStringLiteral("likely_code")).toInt())
        return false;
    if (e.contains(QStringLiteral("confidence")) &&
        LintFinding::confidenceName(f.confidence) != e.value(QStringLiteral("confidence")).toString())
        return false;
    return true;
}

// Applies quick fixes and re-lints until nothing changes (fixes that overlap wait a round).
QString fixUntilStable(const RequestLinter& linter, QString text, const LintContext& context, int* rounds)
{
    for (*rounds = 0; *rounds < 8; ++*rounds) {
        int applied = 0;
        const QString next = RequestLinter::applyFixes(text, linter.lint(text, context), &applied);
        if (applied == 0)
            break;
        text = next;
    }
    return text;
}
} // namespace

// The linter against its corpus (tests/data/requests), its quick fixes, and its robustness.
class TestRequestLinter : public QObject
{
    Q_OBJECT

private slots:
    void catalogues()
    {
        QVERIFY2(MethodCatalog::builtin().validationErrors().isEmpty(),
                 qPrintable(MethodCatalog::builtin().validationErrors().join(QLatin1Char('\n'))));
        QVERIFY(!ErrorCatalog::builtin().entries().empty());
    }

    void corpus_data()
    {
        QTest::addColumn<LintCase>("lintCase");
        for (const LintCase& c : LintCorpus::load())
            QTest::newRow(qPrintable(c.name)) << c;
    }
    void corpus()
    {
        QFETCH(LintCase, lintCase);
        const RequestLinter linter;
        const QList<LintFinding> findings = runLint(linter, lintCase);
        const QString text = lintCase.text();
        const QString all = describeAll(findings);

        for (const QJsonValue& value : lintCase.expect) {
            const QJsonObject e = value.toObject();
            const auto it =
                std::find_if(findings.cbegin(), findings.cend(), [&](const LintFinding& f) { return matches(f, e); });
            QVERIFY2(it != findings.cend(),
                     qPrintable(QStringLiteral("expected %1\nfound:\n%2")
                                    .arg(QString::fromUtf8(QJsonDocument(e).toJson(QJsonDocument::Compact)), all)));
            if (e.contains(QStringLiteral("at"))) {
                QVERIFY2(it->offset >= 0, qPrintable(describe(*it)));
                QCOMPARE(text.mid(it->offset, it->length), e.value(QStringLiteral("at")).toString());
            }
            if (e.contains(QStringLiteral("message_contains")))
                QVERIFY2(it->message.contains(e.value(QStringLiteral("message_contains")).toString()),
                         qPrintable(it->message));
        }
        // Errors are exhaustive: a false prediction is as bad as a missed one.
        for (const LintFinding& f : findings) {
            if (!f.isError())
                continue;
            const bool expected = std::any_of(lintCase.expect.cbegin(), lintCase.expect.cend(),
                                              [&](const QJsonValue& e) { return matches(f, e.toObject()); });
            QVERIFY2(expected, qPrintable(QStringLiteral("unexpected %1").arg(describe(f))));
        }
        // Every finding is well formed.
        for (const LintFinding& f : findings) {
            QVERIFY2(!f.message.isEmpty() && !f.fix.isEmpty() && !f.rule.isEmpty(), qPrintable(describe(f)));
            QVERIFY2(f.path.startsWith(QLatin1Char('$')) || f.path.startsWith(QLatin1String("query.")),
                     qPrintable(f.path));
            QVERIFY2(!f.message.contains(QLatin1Char('%')) || text.contains(QLatin1Char('%')), qPrintable(f.message));
            if (f.offset >= 0) {
                QVERIFY(f.offset + f.length <= text.size());
                QVERIFY(f.line >= 1 && f.column >= 1);
            }
            // Only errors predict; an inferred warning names its likely code in the message.
            QVERIFY2(!(f.predictedCode && f.likelyCode), qPrintable(describe(f)));
            QVERIFY2(f.isError() ? f.confidence != LintConfidence::Inferred || !f.predictedCode : !f.predictedCode,
                     qPrintable(describe(f)));
            if (f.likelyCode)
                QVERIFY2(f.message.contains(QStringLiteral("may be answered with %1").arg(f.likelyCode)),
                         qPrintable(describe(f)));
            if (const int code = f.predictedCode ? f.predictedCode : f.likelyCode) {
                const ErrorEntry* entry = ErrorCatalog::builtin().byCode(code);
                QVERIFY2(entry, qPrintable(describe(f)));
                QCOMPARE(f.codeMessage, entry->message);
                QCOMPARE(f.explanation, entry->summary);
            }
        }
    }

    void corpusCoverage()
    {
        const QList<LintCase> cases = LintCorpus::load();
        QVERIFY2(cases.size() >= 40, qPrintable(QString::number(cases.size())));
        // Every rule that predicts a code is exercised by at least one case.
        QSet<QString> seen;
        const RequestLinter linter;
        for (const LintCase& c : cases) {
            for (const LintFinding& f : runLint(linter, c))
                seen.insert(f.rule);
        }
        for (const RequestLinter::RuleInfo& rule : RequestLinter::rules()) {
            if (rule.code)
                QVERIFY2(seen.contains(rule.id), qPrintable(rule.id));
        }
    }

    void rulesTable()
    {
        QSet<QString> ids;
        for (const RequestLinter::RuleInfo& rule : RequestLinter::rules()) {
            QVERIFY2(!ids.contains(rule.id), qPrintable(rule.id));
            ids.insert(rule.id);
            QVERIFY(rule.level == QLatin1String("api") || rule.level == QLatin1String("object") ||
                    rule.level == QLatin1String("request"));
            if (rule.severity == LintFinding::Severity::Warning && rule.code)
                QVERIFY2(rule.confidence == LintConfidence::Inferred, qPrintable(rule.id));
            if (rule.code)
                QVERIFY2(ErrorCatalog::builtin().byCode(rule.code), qPrintable(rule.id));
            else
                QVERIFY2(rule.severity == LintFinding::Severity::Warning, qPrintable(rule.id));
        }
    }

    // Where every error has a safe fix, applying the fixes (and re-linting) leaves no error.
    void fixRoundTrip_data()
    {
        QTest::addColumn<LintCase>("lintCase");
        const RequestLinter linter;
        int count = 0;
        for (const LintCase& c : LintCorpus::load()) {
            if (c.bytesOnly)
                continue;
            const QList<LintFinding> findings = runLint(linter, c);
            const bool hasError =
                std::any_of(findings.cbegin(), findings.cend(), [](const auto& f) { return f.isError(); });
            const bool allFixable = std::all_of(findings.cbegin(), findings.cend(),
                                                [](const auto& f) { return !f.isError() || f.quickFix.has_value(); });
            if (hasError && allFixable) {
                QTest::newRow(qPrintable(c.name)) << c;
                ++count;
            }
        }
        QVERIFY2(count >= 8, qPrintable(QString::number(count)));
    }
    void fixRoundTrip()
    {
        QFETCH(LintCase, lintCase);
        const RequestLinter linter;
        int rounds = 0;
        const QString fixed = fixUntilStable(linter, lintCase.text(), lintCase.context, &rounds);
        const QList<LintFinding> after = linter.lint(fixed, lintCase.context);
        QVERIFY2(RequestLinter::predictedResponseCode(after) == 0,
                 qPrintable(fixed + QLatin1Char('\n') + describeAll(after)));
        QVERIFY2(JsonSourceScanner::scan(fixed).ok, qPrintable(fixed));
        QVERIFY(rounds >= 1);
    }

    void applyFix_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("expected");
        QTest::newRow("insert where, one line")
            << R"({"method": "getLeads", "params": {"limit": 10}, "id": "1"})"
            << "required-param-missing"
            << R"({"method": "getLeads", "params": {"where": {}, "limit": 10}, "id": "1"})";
        QTest::newRow("insert where, empty params") << R"({"method": "getLeads", "params": {}, "id": "1"})"
                                                    << "required-param-missing"
                                                    << R"({"method": "getLeads", "params": {"where": {}}, "id": "1"})";
        QTest::newRow("insert where, PHP empty params")
            << R"({"method": "getLeads", "params": [], "id": "1"})"
            << "required-param-missing"
            << R"({"method": "getLeads", "params": {"where": {}}, "id": "1"})";
        QTest::newRow("insert where, multi-line")
            << "{\n  \"method\": \"getLeads\",\n  \"params\": {\n    \"limit\": 10\n  },\n  \"id\": \"1\"\n}"
            << "required-param-missing"
            << "{\n  \"method\": \"getLeads\",\n  \"params\": {\n    \"where\": {},\n    \"limit\": 10\n  },\n  "
               "\"id\": \"1\"\n}";
        QTest::newRow("rename field")
            << R"({"method": "updateLeads", "params": {"objects": [{"id": 1, "emailaddress": "a@example.com"}]}, "id": "1"})"
            << "field-miscased"
            << R"({"method": "updateLeads", "params": {"objects": [{"id": 1, "emailAddress": "a@example.com"}]}, "id": "1"})";
        QTest::newRow("wrap ids")
            << R"({"method": "deleteLeads", "params": {"objects": [123, "456"]}, "id": "1"})"
            << "objects-scalar"
            << R"({"method": "deleteLeads", "params": {"objects": [{"id": 123}, {"id": "456"}]}, "id": "1"})";
        QTest::newRow("method case") << R"({"method": "GetLeads", "params": {"where": {}}, "id": "1"})"
                                     << "method-wrong-case"
                                     << R"({"method": "getLeads", "params": {"where": {}}, "id": "1"})";
        QTest::newRow("add params") << R"({"method": "getClients", "id": "1"})"
                                    << "missing-params"
                                    << R"({"params": {}, "method": "getClients", "id": "1"})";
        QTest::newRow("double-encoded body")
            << "\"{\\\"method\\\": \\\"getLeads\\\", \\\"params\\\": {\\\"where\\\": {}}, \\\"id\\\": \\\"1\\\"}\""
            << "body-double-encoded"
            << R"({"method": "getLeads", "params": {"where": {}}, "id": "1"})";
        QTest::newRow("where null") << R"({"method": "getLeads", "params": {"where": null}, "id": "1"})"
                                    << "required-param-null"
                                    << R"({"method": "getLeads", "params": {"where": {}}, "id": "1"})";
        QTest::newRow("wrap single record")
            << R"({"method": "createLeads", "params": {"objects": {"emailAddress": "a@example.com"}}, "id": "1"})"
            << "objects-not-list"
            << R"({"method": "createLeads", "params": {"objects": [{"emailAddress": "a@example.com"}]}, "id": "1"})";
        QTest::newRow("rename param") << R"({"method": "getLeads", "params": {"where": {}, "ofset": 5}, "id": "1"})"
                                      << "param-unknown"
                                      << R"({"method": "getLeads", "params": {"where": {}, "offset": 5}, "id": "1"})";
        QTest::newRow("country")
            << R"({"method": "createClient", "params": {"companyName": "A", "salesPhone": "1", "country": "UK"}, "id": "1"})"
            << "param-country-code"
            << R"({"method": "createClient", "params": {"companyName": "A", "salesPhone": "1", "country": "GB"}, "id": "1"})";
        QTest::newRow("ISO date")
            << R"({"method": "getLeadsDateRange", "params": {"startDate": "2024-01-01T00:00:00", "endDate": "2024-01-02 00:00:00", "timestamp": "update"}, "id": "1"})"
            << "param-datetime-format"
            << R"({"method": "getLeadsDateRange", "params": {"startDate": "2024-01-01 00:00:00", "endDate": "2024-01-02 00:00:00", "timestamp": "update"}, "id": "1"})";
        QTest::newRow("enum case")
            << R"({"method": "getLeadsDateRange", "params": {"startDate": "2024-01-01 00:00:00", "endDate": "2024-01-02 00:00:00", "timestamp": "Update"}, "id": "1"})"
            << "param-not-allowed"
            << R"({"method": "getLeadsDateRange", "params": {"startDate": "2024-01-01 00:00:00", "endDate": "2024-01-02 00:00:00", "timestamp": "update"}, "id": "1"})";
    }
    void applyFix()
    {
        QFETCH(QString, input);
        QFETCH(QString, rule);
        QFETCH(QString, expected);
        const QList<LintFinding> findings = RequestLinter().lint(input);
        const auto it = std::find_if(findings.cbegin(), findings.cend(), [&](const auto& f) { return f.rule == rule; });
        QVERIFY2(it != findings.cend(), qPrintable(describeAll(findings)));
        QVERIFY(it->quickFix.has_value());
        QVERIFY(!it->quickFix->label.isEmpty());
        QCOMPARE(RequestLinter::applyFix(input, *it), expected);
    }

    void addIdFix()
    {
        const QString input = QStringLiteral(R"({"method": "getLeads", "params": {"where": {}}})");
        const QList<LintFinding> findings = RequestLinter().lint(input);
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().predictedCode, 102);
        const QString fixed = RequestLinter::applyFix(input, findings.first());
        const QJsonObject envelope = QJsonDocument::fromJson(fixed.toUtf8()).object();
        QVERIFY2(envelope.value(QStringLiteral("id")).toString().startsWith(QLatin1String("req-")), qPrintable(fixed));
        QVERIFY(RequestLinter().lint(fixed).isEmpty());
    }

    void noQuickFixWhereUnsafe()
    {
        // A typo in a method name could mean several methods: no automatic fix, suggestions only.
        const QList<LintFinding> findings =
            RequestLinter().lint(QStringLiteral(R"({"method": "getLeadz", "params": {}, "id": "1"})"));
        QCOMPARE(findings.size(), 1);
        QVERIFY(!findings.first().quickFix.has_value());
        QVERIFY(findings.first().message.contains(QLatin1String("getLeads")));
        // A stale fix (made for another text) is not applied.
        const QList<LintFinding> other = RequestLinter().lint(
            QStringLiteral(R"({"method": "getLeads", "params": {"where": {}, "limit": 10, "Limit": 1}, "id": "1"})"));
        QString shorter = QStringLiteral("{}");
        for (const LintFinding& f : other)
            QCOMPARE(RequestLinter::applyFix(shorter, f), shorter);
    }

    void templatesLintClean()
    {
        const RequestLinter linter;
        for (const MethodSpec& m : MethodCatalog::builtin().methods()) {
            const QJsonObject envelope{{QStringLiteral("method"), m.name},
                                       {QStringLiteral("params"), m.paramsTemplate},
                                       {QStringLiteral("id"), QStringLiteral("template")}};
            const QString text = QString::fromUtf8(QJsonDocument(envelope).toJson());
            const QList<LintFinding> findings = linter.lint(text);
            for (const LintFinding& f : findings) {
                const bool allowed = f.rule == QLatin1String("undocumented-method") && !m.documented;
                QVERIFY2(allowed, qPrintable(m.name + QStringLiteral(": ") + describe(f)));
            }
        }
    }

    void context()
    {
        const QString createLead = QStringLiteral(
            R"({"method": "createLeads", "params": {"objects": [{"emailAddress": "a@example.com"}]}, "id": 1})");
        const RequestLinter linter;
        LintContext simulator;
        simulator.environment = LintContext::Environment::Simulator;
        QVERIFY(linter.lint(createLead, simulator).isEmpty());
        LintContext production;
        production.environment = LintContext::Environment::Production;
        const QList<LintFinding> findings = linter.lint(createLead, production);
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().rule, QStringLiteral("production-mutating"));
        QVERIFY(!findings.first().isError());
        // A read against production is fine.
        QVERIFY(linter.lint(QStringLiteral(R"({"method": "getLeads", "params": {"where": {}}, "id": 1})"), production)
                    .isEmpty());
        // Credentials come first: they are what the API checks before the body.
        LintContext none;
        none.hasAccountId = false;
        none.hasSecretKey = false;
        const QList<LintFinding> both = linter.lint(QStringLiteral("{"), none);
        QCOMPARE(both.size(), 3);
        QCOMPARE(both.at(0).predictedCode, 103);
        QCOMPARE(both.at(1).predictedCode, 104);
        QCOMPARE(both.at(2).predictedCode, 101);
        QCOMPARE(RequestLinter::predictedResponseCode(both), 103);
        QVERIFY(LintContext::environmentFromString(QStringLiteral("Production")).has_value());
        QVERIFY(!LintContext::environmentFromString(QStringLiteral("staging")).has_value());
        QCOMPARE(*LintContext::apiVersionFromString(QStringLiteral("v1.2")), LintContext::ApiVersion::V1_2);
    }

    void contextFromEnvironment()
    {
        ::Environment production;
        production.kind = ::Environment::Kind::Production;
        production.version = ::ApiVersion::V1;
        production.accountId = QStringLiteral("  ");
        const LintContext context = LintContext::forEnvironment(production, false);
        QCOMPARE(context.environment, LintContext::Environment::Production);
        QCOMPARE(context.apiVersion, LintContext::ApiVersion::V1);
        QVERIFY(!context.hasAccountId); // blank is missing
        QVERIFY(!context.hasSecretKey);
        ::Environment simulator;
        simulator.kind = ::Environment::Kind::Simulator;
        simulator.accountId = QStringLiteral("SIMDEMO0001");
        const LintContext sim = LintContext::forEnvironment(simulator, true);
        QCOMPARE(sim.environment, LintContext::Environment::Simulator);
        QCOMPARE(sim.apiVersion, LintContext::ApiVersion::V1_2);
        QVERIFY(sim.hasAccountId && sim.hasSecretKey);
    }

    void checkOrderPredictsFirstError()
    {
        // Envelope problems come before parameter problems, as the API checks them.
        const QList<LintFinding> findings =
            RequestLinter().lint(QStringLiteral(R"({"method": "getLeads", "params": {"limit": [5], "offset": "x"}})"));
        QCOMPARE(RequestLinter::predictedResponseCode(findings), 102);
        QList<int> codes;
        QList<int> likely;
        for (const LintFinding& f : findings) {
            codes.append(f.predictedCode);
            likely.append(f.likelyCode);
        }
        QCOMPARE(codes, (QList<int>{102, 206, 210, 0}));
        // The inferred type problem only names what the API may say; it never becomes the prediction.
        QCOMPARE(likely, (QList<int>{0, 0, 0, 205}));
        QCOMPARE(findings.last().confidence, LintConfidence::Inferred);
        QVERIFY(!findings.last().isError());
    }

    void sourcePositions()
    {
        const QString text = QStringLiteral("{\n  \"method\": \"createLeads\",\n  \"params\": {\"objects\": [\n"
                                            "    {\"emailAddress\": \"a@example.com\", \"frstName\": \"Ada\"}\n  ]},\n"
                                            "  \"id\": \"x\"\n}");
        const QList<LintFinding> findings = RequestLinter().lint(text);
        QCOMPARE(findings.size(), 1);
        const LintFinding& f = findings.first();
        QCOMPARE(f.path, QStringLiteral("$.params.objects[0].frstName"));
        QCOMPARE(text.mid(f.offset, f.length), QStringLiteral("\"frstName\""));
        QCOMPARE(f.line, 4);
        QCOMPARE(f.column, 39);
        QVERIFY(f.message.contains(QLatin1String("firstName")));
        // Parse errors point at the character, with line:column in the message.
        const QList<LintFinding> broken = RequestLinter().lint(QStringLiteral("{\n  \"method\": getLeads\n}"));
        QCOMPARE(broken.size(), 1);
        QCOMPARE(broken.first().line, 2);
        QCOMPARE(broken.first().column, 13);
        QVERIFY2(broken.first().message.contains(QLatin1String("line 2, column 13")),
                 qPrintable(broken.first().message));
        // Non-ASCII text before the finding: offsets are QString positions.
        const QString accents = QStringLiteral(
            R"({"method": "updateLeads", "params": {"objects": [{"id": 1, "lastName": "Müller", "Title": "Dr"}]}, "id": "1"})");
        const QList<LintFinding> unicode = RequestLinter().lint(accents);
        QCOMPARE(unicode.size(), 1);
        QCOMPARE(accents.mid(unicode.first().offset, unicode.first().length), QStringLiteral("\"Title\""));
    }

    void jsonPaths()
    {
        const QList<LintFinding> findings = RequestLinter().lint(QStringLiteral(
            R"({"method": "updateLeads", "params": {"objects": [{"id": 1}, {"id": 2, "first name": "A"}]}, "id": "1"})"));
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().path, QStringLiteral(R"($.params.objects[1]["first name"])"));
    }

    void findingJson()
    {
        const QList<LintFinding> findings =
            RequestLinter().lint(QStringLiteral(R"({"method": "getLeads", "params": {}, "id": "1"})"));
        QCOMPARE(findings.size(), 1);
        const QJsonObject o = findings.first().toJson();
        QCOMPARE(o.value(QStringLiteral("severity")).toString(), QStringLiteral("error"));
        QCOMPARE(o.value(QStringLiteral("predicted_code")).toInt(), 206);
        QCOMPARE(o.value(QStringLiteral("path")).toString(), QStringLiteral("$.params.where"));
        QVERIFY(!o.value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(!o.value(QStringLiteral("fix")).toString().isEmpty());
        QCOMPARE(o.value(QStringLiteral("code_message")).toString(), ErrorCatalog::builtin().byCode(206)->message);
        QVERIFY(o.value(QStringLiteral("quick_fix")).isObject());
    }

    // Hostile and damaged input: no crash, no hang, ranges inside the text.
    void robustness()
    {
        const RequestLinter linter;
        const QString deep = QString(100000, QLatin1Char('[')) + QString(100000, QLatin1Char(']'));
        const QList<LintFinding> deepFindings = linter.lint(deep);
        QCOMPARE(deepFindings.size(), 1);
        QCOMPARE(deepFindings.first().predictedCode, 101);
        QVERIFY(deepFindings.first().message.contains(QLatin1String("nesting")));

        QRandomGenerator random(20240521);
        const QList<LintCase> cases = LintCorpus::load();
        const QString alphabet = QStringLiteral("{}[]\",:0123456789abcdefnulltrue \\\n\u00e9");
        for (const LintCase& c : cases) {
            const QString original = c.text();
            for (int round = 0; round < 20; ++round) {
                QString damaged = original;
                const int edits = 1 + int(random.bounded(4));
                for (int i = 0; i < edits && !damaged.isEmpty(); ++i) {
                    const int at = int(random.bounded(int(damaged.size())));
                    switch (random.bounded(3)) {
                    case 0:
                        damaged.remove(at, 1);
                        break;
                    case 1:
                        damaged.insert(at, alphabet.at(int(random.bounded(int(alphabet.size())))));
                        break;
                    default:
                        damaged[at] = alphabet.at(int(random.bounded(int(alphabet.size()))));
                    }
                }
                const QList<LintFinding> findings = linter.lint(damaged);
                for (const LintFinding& f : findings) {
                    QVERIFY(f.offset + f.length <= damaged.size());
                    QVERIFY(!f.message.isEmpty());
                }
                // Fixes never produce something worse than what they fix.
                const QString fixed = RequestLinter::applyFixes(damaged, findings);
                if (JsonSourceScanner::scan(damaged).ok)
                    QVERIFY2(JsonSourceScanner::scan(fixed).ok, qPrintable(damaged + QStringLiteral("\n=>\n") + fixed));
            }
        }
    }

    // The duplicate-key check keeps one set of keys per big object (it was a scan of the earlier
    // siblings for every key: quadratic). A 200k-key object still has its one duplicate found.
    void duplicateKeyInHugeObject()
    {
        QString text = QStringLiteral("{\"method\": \"getLeads\", \"params\": {\"where\": {");
        for (int i = 0; i < 200000; ++i)
            text += QStringLiteral("\"k%1\": 0, ").arg(i);
        const int duplicateAt = int(text.size());
        text += QStringLiteral("\"k0\": 1}}, \"id\": \"1\"}");
        QList<LintFinding> duplicates;
        for (const LintFinding& f : RequestLinter().lint(text)) {
            if (f.rule == QLatin1String("duplicate-key"))
                duplicates.append(f);
        }
        QCOMPARE(duplicates.size(), 1);
        QCOMPARE(duplicates.first().path, QStringLiteral("$.params.where.k0"));
        QCOMPARE(duplicates.first().offset, duplicateAt);
        QCOMPARE(duplicates.first().length, 4);
    }

    // 200k unknown keys are 200k findings of one rule: the first kMaxFindingsPerRule are listed,
    // the last of them carries how many more there were, and the counts stay exact.
    void findingsPerRuleCapped_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("container");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<bool>("error");
        QTest::newRow("unknown filters") << QStringLiteral("getLeads") << QStringLiteral("{\"where\": %1}")
                                         << QStringLiteral("where-unknown-key") << false;
        QTest::newRow("unknown fields of a record")
            << QStringLiteral("createLeads") << QStringLiteral("{\"objects\": [%1]}") << QStringLiteral("field-unknown")
            << true;
        QTest::newRow("unknown parameters")
            << QStringLiteral("getLeads") << QStringLiteral("%1") << QStringLiteral("param-unknown") << true;
    }

    void findingsPerRuleCapped()
    {
        QFETCH(QString, method);
        QFETCH(QString, container);
        QFETCH(QString, rule);
        QFETCH(bool, error);
        constexpr int keys = 200000;
        QString object = QStringLiteral("{");
        for (int i = 0; i < keys; ++i)
            object += QStringLiteral("\"k%1\": 0,").arg(i);
        object.back() = QLatin1Char('}');
        const QString text =
            QStringLiteral("{\"method\": \"%1\", \"params\": %2, \"id\": \"1\"}").arg(method, container.arg(object));
        const QList<LintFinding> findings = RequestLinter().lint(text);
        qsizetype listed = 0;
        qint64 omitted = 0;
        for (const LintFinding& f : findings) {
            if (f.rule != rule)
                continue;
            ++listed;
            omitted += f.omitted;
            QCOMPARE(f.isError(), error);
        }
        QCOMPARE(listed, qsizetype(RequestLinter::kMaxFindingsPerRule));
        QCOMPARE(listed + omitted, qint64(keys));
        QCOMPARE(findings.last().rule == rule ? findings.last().omitted : omitted, omitted);
        qint64 errors = 0;
        qint64 warnings = 0;
        RequestLinter::countFindings(findings, &errors, &warnings);
        QVERIFY((error ? errors : warnings) >= keys);
        // Every message stays short: no finding lists the 200k names.
        for (const LintFinding& f : findings)
            QVERIFY2(f.message.size() < 500, qPrintable(f.rule));
    }

    // Small objects are scanned, big ones use a set per depth: both report every later duplicate
    // once, at any depth, with nested objects between the members of a big one.
    void duplicateKeys_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("paths");
        QString big = QStringLiteral("{\"a\": {\"x\": 1, \"x\": 2}");
        for (int i = 0; i < 20; ++i)
            big += QStringLiteral(", \"k%1\": {\"a\": [{\"a\": 1}], \"a\": 2}").arg(i);
        big += QStringLiteral(", \"a\": 3, \"k19\": 4, \"a\": 5}");
        QStringList bigPaths = {QStringLiteral("$.a.x")};
        for (int i = 0; i < 20; ++i)
            bigPaths << QStringLiteral("$.k%1.a").arg(i);
        bigPaths << QStringLiteral("$.a") << QStringLiteral("$.k19") << QStringLiteral("$.a");
        QTest::newRow("big object") << big << bigPaths;
        QTest::newRow("small objects") << QStringLiteral(
                                              "[{\"a\": 1, \"b\": {\"a\": 1}, \"a\": 2, \"a\": 3}, {\"a\": 1}]")
                                       << QStringList{QStringLiteral("$[0].a"), QStringLiteral("$[0].a")};
        QTest::newRow("keys that are not identifiers")
            << QStringLiteral("{\"a b\": 1, \"a b\": 2, \"A b\": 3}") << QStringList{QStringLiteral("$[\"a b\"]")};
    }

    void duplicateKeys()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, paths);
        QStringList found;
        for (const LintFinding& f : RequestLinter().lint(text)) {
            if (f.rule == QLatin1String("duplicate-key"))
                found << f.path;
        }
        QCOMPARE(found, paths);
    }

    // A 1 MB method name gets its finding without a suggestion: no method is near its length, so
    // no edit distance is computed (it took 14 s).
    void hugeMethodName()
    {
        const QString name(1 << 20, QLatin1Char('x'));
        const QList<LintFinding> findings =
            RequestLinter().lint(QStringLiteral("{\"method\": \"%1\", \"params\": {}, \"id\": 1}").arg(name));
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().rule, QStringLiteral("method-unknown"));
        QVERIFY(!findings.first().message.contains(QLatin1String("did you mean")));
    }

    void invalidUtf8()
    {
        // (No raw strings here: moc 6.4 loses track of the class after a raw string ending in 'm)'.)
        QByteArray body("{\"method\": \"getLeads\", \"params\": {\"where\": {\"emailAddress\": \"m");
        const int badAt = int(body.size());
        body += "\xfc"
                "ller@example.com\"}}, \"id\": \"1\"}";
        const QList<LintFinding> findings = RequestLinter().lint(body);
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().predictedCode, 101);
        QVERIFY(findings.first().message.contains(QString::number(badAt)));
        // Overlong and surrogate encodings are invalid too; valid multi-byte text is fine.
        QCOMPARE(RequestLinter().lint(QByteArray("{\"a\": \"\xc0\xaf\"}")).first().rule,
                 QStringLiteral("body-not-utf8"));
        QCOMPARE(RequestLinter().lint(QByteArray("{\"a\": \"\xed\xa0\x80\"}")).first().rule,
                 QStringLiteral("body-not-utf8"));
        const QList<LintFinding> ok = RequestLinter().lint(
            QStringLiteral(
                R"({"method": "getLeads", "params": {"where": {"emailAddress": "zoë@example.com"}}, "id": "日本"})")
                .toUtf8());
        QVERIFY2(ok.isEmpty(), qPrintable(describeAll(ok)));
    }

    void scanner_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("error");
        QTest::newRow("object") << R"({"a": [1, -2.5e3, true, false, null, "x\u00e9\n"]})" << true << QString();
        QTest::newRow("leading zero") << "[01]" << false << "leading zeros";
        QTest::newRow("bad escape") << R"(["\q"])" << false << "invalid escape";
        QTest::newRow("control char") << "[\"a\tb\"]" << false << "control character";
        QTest::newRow("True") << "[True]" << false << "lower case";
        QTest::newRow("bare word") << "[abc]" << false << "unknown word";
        QTest::newRow("missing colon") << R"({"a" 1})" << false << "expected ':'";
        QTest::newRow("trailing text") << "{} x" << false << "after the JSON value";
        QTest::newRow("trailing comma array") << "[1,]" << false << "trailing comma";
        QTest::newRow("empty") << "  " << false << "empty";
    }
    void scanner()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(QString, error);
        const JsonSourceScanner::Result r = JsonSourceScanner::scan(text);
        QCOMPARE(r.ok, ok);
        if (ok) {
            QCOMPARE(r.root.toJsonValue(), QJsonValue(QJsonDocument::fromJson(text.toUtf8()).object()));
            QCOMPARE(r.root.member(QStringLiteral("a"))->children.back().scalar.toString(),
                     QStringLiteral("x\u00e9\n"));
        } else {
            QVERIFY2(r.error.contains(error), qPrintable(r.error));
        }
    }
};

QTEST_GUILESS_MAIN(TestRequestLinter)
#include "tst_requestlinter.moc"
