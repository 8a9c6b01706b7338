#include "LintEnvelopeRules.h"
#include "LintObjectRules.h"
#include "LintParamsRules.h"
#include "LintTextRules.h"
#include "RequestLinter.h"

#include <QSet>
#include <QtTest>

Q_DECLARE_METATYPE(LintRuleTable)

// The rule tables by scope: each holds only its scopes, rule ids are unique, and together in
// this order they are RequestLinter's rules (the order that ranks findings).
class TestLintRules : public QObject
{
    Q_OBJECT

private:
    static QList<LintRuleTable> tables()
    {
        return {LintTextRules::rules(), LintEnvelopeRules::rules(), LintParamsRules::rules(), LintObjectRules::rules()};
    }

    // A rule that only reports what it is given, to see what LintReport::at points at.
    struct Collector : LintReporter
    {
        QList<LintReport> reports;
        void report(LintReport r) override { reports.append(r); }
    };

private slots:
    void scopes_data()
    {
        QTest::addColumn<LintRuleTable>("table");
        QTest::addColumn<QList<int>>("scopes");
        const auto scopes = [](std::initializer_list<LintScope> list) {
            QList<int> result;
            for (LintScope s : list)
                result.append(int(s));
            return result;
        };
        QTest::newRow("text") << LintTextRules::rules() << scopes({LintScope::Context, LintScope::Text});
        QTest::newRow("envelope") << LintEnvelopeRules::rules() << scopes({LintScope::Envelope, LintScope::Method});
        QTest::newRow("params") << LintParamsRules::rules() << scopes({LintScope::Params, LintScope::Param});
        QTest::newRow("objects") << LintObjectRules::rules()
                                 << scopes({LintScope::Objects, LintScope::Element, LintScope::Field});
    }

    void scopes()
    {
        QFETCH(LintRuleTable, table);
        QFETCH(QList<int>, scopes);
        QVERIFY(table.count > 0);
        QSet<int> seen;
        int previous = -1;
        for (const LintRule& rule : table) {
            QVERIFY2(scopes.contains(int(rule.scope)), rule.id);
            QVERIFY2(int(rule.scope) >= previous, rule.id); // grouped by scope, in check order
            previous = int(rule.scope);
            seen.insert(int(rule.scope));
            QVERIFY(rule.check);
            QVERIFY(qstrlen(rule.message) > 0 && qstrlen(rule.fix) > 0);
            // An error predicts a code and rests on documented or observed behaviour; a warning
            // with a code is an inferred rejection that only names the likely code.
            if (rule.severity == LintFinding::Severity::Error)
                QVERIFY2(rule.code != 0 && rule.confidence != LintConfidence::Inferred, rule.id);
            else if (rule.code != 0)
                QVERIFY2(rule.confidence == LintConfidence::Inferred, rule.id);
        }
        QCOMPARE(seen.size(), scopes.size());
    }

    void together()
    {
        QStringList ids;
        for (const LintRuleTable& table : tables()) {
            for (const LintRule& rule : table)
                ids.append(QLatin1String(rule.id));
        }
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size());
        QStringList linterIds;
        for (const RequestLinter::RuleInfo& info : RequestLinter::rules())
            linterIds.append(info.id);
        QCOMPARE(linterIds, ids);
    }

    void reportPositions()
    {
        const QString text = QStringLiteral("{\"a\": [1, 2]}");
        const JsonSourceScanner::Result scan = JsonSourceScanner::scan(text);
        QVERIFY(scan.ok);
        const JsonSourceNode& member = scan.root.children.front();
        LintReport r;
        QCOMPARE(r.at(member).offset, 6);
        QCOMPARE(r.length, 6);
        QCOMPARE(r.at(member, true).offset, 1);
        QCOMPARE(r.length, 3);
        QCOMPARE(r.atContainer(member).offset, 1); // a member: its key
        QCOMPARE(r.atContainer(scan.root).offset, 0);
        QCOMPARE(r.length, 1); // the root: its opening brace
    }

    void typedValue()
    {
        const QString text = QStringLiteral("{\"n\": [1], \"s\": \"x\", \"o\": {\"k\": 1}, \"e\": [], \"z\": null}");
        const JsonSourceScanner::Result scan = JsonSourceScanner::scan(text);
        QVERIFY(scan.ok);
        const auto check = [&](int member, const QString& type, bool wantArray, bool wantType) {
            LintSubject s;
            s.node = &scan.root.children[size_t(member)];
            Collector out;
            LintRule::checkTypedValue(s, out, QStringLiteral("name"), type, wantArray, wantType);
            return out.reports.isEmpty() ? QStringList() : out.reports.first().args;
        };
        // A list for a single value is the array finding only.
        QCOMPARE(check(0, QStringLiteral("integer"), true, false),
                 (QStringList{QStringLiteral("name"), QStringLiteral("integer")}));
        QVERIFY(check(0, QStringLiteral("integer"), false, true).isEmpty());
        QCOMPARE(check(1, QStringLiteral("object"), false, true).value(2), QStringLiteral("the string \"x\""));
        QVERIFY(check(2, QStringLiteral("object"), true, true).isEmpty());
        QCOMPARE(check(2, QStringLiteral("array"), true, true).value(2), QStringLiteral("an object"));
        QVERIFY(check(3, QStringLiteral("object"), true, true).isEmpty());  // PHP's empty {} is []
        QVERIFY(check(4, QStringLiteral("integer"), true, true).isEmpty()); // null: other rules
    }
};

QTEST_APPLESS_MAIN(TestLintRules)
#include "tst_lintrules.moc"
