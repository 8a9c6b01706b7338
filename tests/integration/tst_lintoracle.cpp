#include "EmbeddedSimulator.h"
#include "LintCorpus.h"
#include "RequestLinter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QtTest>
#include <QUrlQuery>

Q_DECLARE_METATYPE(LintCase)

// The simulator as the linter's oracle: every corpus case that predicts an error code is sent,
// byte for byte, to an in-process simulator over loopback (a real QNetworkAccessManager), and
// the answer must carry the predicted code. A fresh simulator per case keeps cases independent
// (a lead created by one case cannot turn another case's 205 into a 301).
class TestLintOracle : public QObject
{
    Q_OBJECT

private:
    // Every code a response carries: the API-level error object, the top-level error array of a
    // batch, and each result.creates/updates/deletes[i].error (codes sent as strings count too).
    static QList<int> responseCodes(const QJsonObject& response)
    {
        QList<int> codes;
        const auto add = [&codes](const QJsonValue& error) {
            const QJsonValue code = error.toObject().value(QStringLiteral("code"));
            const int n = code.isString() ? code.toString().toInt() : code.toInt();
            if (n)
                codes.append(n);
        };
        const QJsonValue error = response.value(QStringLiteral("error"));
        if (error.isObject())
            add(error);
        for (const QJsonValue& e : error.toArray())
            add(e);
        const QJsonObject result = response.value(QStringLiteral("result")).toObject();
        for (const char* key : {"creates", "updates", "deletes"}) {
            for (const QJsonValue& item : result.value(QLatin1String(key)).toArray())
                add(item.toObject().value(QStringLiteral("error")));
        }
        return codes;
    }

    // Rules whose code a simulator answer carried, and rules seen in known-difference cases.
    QSet<QString> m_confirmed;
    QSet<QString> m_knownDifferent;

private slots:
    void oracle_data()
    {
        QTest::addColumn<LintCase>("lintCase");
        int rows = 0;
        for (const LintCase& c : LintCorpus::load()) {
            bool predictsCode = false;
            for (const QJsonValue& e : c.expect)
                predictsCode = predictsCode || e.toObject().contains(QStringLiteral("code"));
            if (predictsCode && c.oracle) {
                QTest::newRow(qPrintable(c.name)) << c;
                ++rows;
            }
        }
        QVERIFY(rows >= 40);
    }

    void oracle()
    {
        QFETCH(LintCase, lintCase);
        const RequestLinter linter;
        const QList<LintFinding> findings = lintCase.bytesOnly ? linter.lint(lintCase.body, lintCase.context)
                                                               : linter.lint(lintCase.text(), lintCase.context);
        const int predicted = RequestLinter::predictedResponseCode(findings);
        QVERIFY(predicted != 0);
        QSet<int> expected;
        for (const QJsonValue& e : lintCase.expect) {
            if (e.toObject().contains(QStringLiteral("code")))
                expected.insert(e.toObject().value(QStringLiteral("code")).toInt());
        }

        SimConfig config;
        config.leads = SimConfig::kMinLeads;
        config.perSecond = 0; // the cases are a burst; rate limits are not what is tested here
        config.daily = 0;
        EmbeddedSimulator simulator;
        QString error;
        QVERIFY2(simulator.start(config, &error), qPrintable(error));

        const bool agency = lintCase.simAccount == QLatin1String("agency");
        QUrl url = simulator.endpoint(
            lintCase.context.apiVersion == LintContext::ApiVersion::V1 ? QStringLiteral("v1") : QStringLiteral("v1.2"));
        QUrlQuery query;
        if (lintCase.context.hasAccountId)
            query.addQueryItem(QStringLiteral("accountID"), agency ? config.agencyAccountId : config.accountId);
        if (lintCase.context.hasSecretKey)
            query.addQueryItem(QStringLiteral("secretKey"), agency ? config.agencySecretKey : config.secretKey);
        url.setQuery(query);

        QNetworkAccessManager network;
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        std::unique_ptr<QNetworkReply> reply(network.post(request, lintCase.body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        QVERIFY2(status == 200, qPrintable(QStringLiteral("HTTP %1: %2").arg(status).arg(QString::fromUtf8(body))));
        const QJsonObject response = QJsonDocument::fromJson(body).object();
        const QList<int> codes = responseCodes(response);
        const QString context = QStringLiteral("linter predicts %1 (expected %2), simulator answered %3")
                                    .arg(predicted)
                                    .arg(
                                        [&] {
                                            QStringList list;
                                            for (int c : expected)
                                                list.append(QString::number(c));
                                            list.sort();
                                            return list.join(QLatin1Char('/'));
                                        }(),
                                        QString::fromUtf8(body.left(600)));
        for (const LintFinding& f : findings) {
            if (f.predictedCode && codes.contains(f.predictedCode))
                m_confirmed.insert(f.rule);
            if (f.predictedCode && !lintCase.knownDifference.isEmpty())
                m_knownDifferent.insert(f.rule);
        }
        if (!lintCase.knownDifference.isEmpty())
            QEXPECT_FAIL("", qPrintable(lintCase.knownDifference), Continue);
        if (expected.size() == 1) {
            QVERIFY2(codes.contains(predicted), qPrintable(context));
        } else {
            // Several problems at once: the API reports the first it checks; it must be one of them.
            bool any = false;
            for (int c : codes)
                any = any || expected.contains(c);
            QVERIFY2(any, qPrintable(context));
        }
        simulator.stop();
    }

    // Runs after every oracle row: each rule that predicts a code has been confirmed by at least
    // one simulator answer, unless its only cases are known differences (listed as such).
    void everyCodeRuleConfirmed()
    {
        QStringList unconfirmed;
        for (const RequestLinter::RuleInfo& rule : RequestLinter::rules()) {
            if (!rule.code || rule.severity == LintFinding::Severity::Warning || m_confirmed.contains(rule.id))
                continue;
            if (m_knownDifferent.contains(rule.id))
                qInfo("%s (%d): only in known-difference cases", qPrintable(rule.id), rule.code);
            else
                unconfirmed.append(QStringLiteral("%1 (%2)").arg(rule.id).arg(rule.code));
        }
        QVERIFY2(unconfirmed.isEmpty(), qPrintable(unconfirmed.join(QLatin1String(", "))));
    }
};

QTEST_GUILESS_MAIN(TestLintOracle)
#include "tst_lintoracle.moc"
