#include "ApiClient.h"
#include "SimClock.h"
#include "SimServer.h"
#include "SimStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

// The simulator answers like the real service where public material shows how it answers: the
// real ApiClient talks to a SimServer on loopback whose clock the test sets, so timestamps are
// exact. Each test starts its own simulator.
class TestSimulatorFidelity : public QObject
{
    Q_OBJECT

private:
    // 09:00:00.750 UTC: a record written now is shown as 09:00:00 but stored with 750 ms.
    static constexpr qint64 kNowMs = 1717405200750; // 2024-06-03 09:00:00.750 UTC
    static constexpr qint64 kGrace = SimStore::kGraceHopperLeadId;

    struct Answer
    {
        CallCapture capture;
        QJsonObject json;
        QJsonValue result(const QString& key) const
        {
            return json.value(QStringLiteral("result")).toObject().value(key);
        }
        QByteArray header(const QByteArray& name) const
        {
            for (const CallCapture::Header& h : capture.responseHeaders) {
                if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                    return h.second;
            }
            return QByteArray();
        }
    };

    ManualClock m_clock{kNowMs};
    std::unique_ptr<SimServer> m_server;

    bool start(SimConfig config = SimConfig())
    {
        config.perSecond = 0; // the tests send in bursts
        if (config.leads == SimConfig().leads)
            config.leads = 40;
        m_clock.setNowMs(kNowMs);
        m_server = std::make_unique<SimServer>(config, &m_clock);
        return m_server->listen();
    }

    Answer call(const QString& method, const QJsonObject& params, const QString& version = QStringLiteral("v1.2"))
    {
        ApiRequest r;
        r.endpoint = m_server->endpoint(version);
        r.accountId = QString::fromLatin1(SimConfig::kDemoAccountId);
        r.secretKey = QString::fromLatin1(SimConfig::kDemoSecretKey);
        r.body = QJsonDocument(QJsonObject{{QStringLiteral("method"), method},
                                           {QStringLiteral("params"), params},
                                           {QStringLiteral("id"), QStringLiteral("fidelity")}})
                     .toJson(QJsonDocument::Compact);
        r.timeoutMs = 10000;
        QNetworkAccessManager network;
        ApiClient client(&network);
        QSignalSpy spy(&client, &ApiClient::finished);
        client.send(r);
        Answer answer;
        if (spy.isEmpty() && !spy.wait(15000))
            return answer;
        answer.capture = spy.takeFirst().at(0).value<CallCapture>();
        answer.json = QJsonDocument::fromJson(answer.capture.readBody()).object();
        return answer;
    }

    static QJsonObject objects(const QJsonObject& object) { return {{QStringLiteral("objects"), QJsonArray{object}}}; }

    static QJsonObject firstRecord(const Answer& answer, const QString& key)
    {
        return answer.result(key).toArray().first().toObject();
    }

    static QStringList ids(const Answer& answer, const QString& key)
    {
        QStringList list;
        const QJsonArray items = answer.result(key).toArray();
        for (const QJsonValue& item : items)
            list << item.toObject().value(QStringLiteral("id")).toString();
        return list;
    }

    // Creates one object and returns its id (0 on failure).
    qint64 create(const QString& method, const QJsonObject& object)
    {
        const Answer answer = call(method, objects(object));
        const QJsonObject item = firstRecord(answer, QStringLiteral("creates"));
        if (!item.value(QStringLiteral("success")).toBool())
            qWarning() << "create failed:" << answer.capture.readBody();
        return qint64(item.value(QStringLiteral("id")).toDouble());
    }

    static QJsonObject leadParams(const QString& email) { return {{QStringLiteral("emailAddress"), email}}; }

private slots:
    void initTestCase() { qRegisterMetaType<CallCapture>(); }
    void cleanup() { m_server.reset(); }

    void dateRangeBoundsAreInclusiveToTheSecond_data()
    {
        QTest::addColumn<QString>("rangeMethod");
        QTest::addColumn<QString>("createMethod");
        QTest::addColumn<QString>("getMethod");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonObject>("object");
        QTest::addColumn<QString>("version");
        const QJsonObject lead{{QStringLiteral("emailAddress"), QStringLiteral("second@example.com")}};
        const QJsonObject account{{QStringLiteral("accountName"), QStringLiteral("Second Ltd")},
                                  {QStringLiteral("ownerID"), 311256064}};
        const QJsonObject campaign{{QStringLiteral("campaignName"), QStringLiteral("Second webinar")}};
        const QJsonObject opportunity{{QStringLiteral("opportunityName"), QStringLiteral("Second deal")},
                                      {QStringLiteral("ownerID"), 311256064},
                                      {QStringLiteral("dealStageID"), 24576},
                                      {QStringLiteral("closeDate"), QStringLiteral("2024-09-30")}};
        const QJsonObject opportunityLead{{QStringLiteral("opportunityID"), 87654321},
                                          {QStringLiteral("leadID"), kGrace}};
        const QJsonObject dealStage{{QStringLiteral("dealStageName"), QStringLiteral("Second stage")},
                                    {QStringLiteral("weight"), 7}};
        for (const QString& version : {QStringLiteral("v1"), QStringLiteral("v1.2")}) {
            auto row = [&](const char* range, const char* create, const char* get, const char* key,
                           const QJsonObject& object) {
                QTest::addRow("%s %s", range, qPrintable(version))
                    << QString::fromLatin1(range) << QString::fromLatin1(create) << QString::fromLatin1(get)
                    << QString::fromLatin1(key) << object << version;
            };
            row("getLeadsDateRange", "createLeads", "getLead", "lead", lead);
            row("getAccountsDateRange", "createAccounts", "getAccount", "account", account);
            row("getCampaignsDateRange", "createCampaigns", "getCampaign", "campaign", campaign);
            row("getOpportunitiesDateRange", "createOpportunities", "getOpportunity", "opportunity", opportunity);
            row("getOpportunityLeadsDateRange", "createOpportunityLeads", "getOpportunityLead", "opportunityLead",
                opportunityLead);
            row("getDealStagesDateRange", "createDealStages", "getDealStage", "dealStage", dealStage);
        }
    }

    void dateRangeBoundsAreInclusiveToTheSecond()
    {
        QFETCH(QString, rangeMethod);
        QFETCH(QString, createMethod);
        QFETCH(QString, getMethod);
        QFETCH(QString, key);
        QFETCH(QJsonObject, object);
        QFETCH(QString, version);
        QVERIFY(start());
        const qint64 id = create(createMethod, object);
        QVERIFY(id > 0);
        // The timestamp the record is shown with, in the version's zone.
        const QString shown = firstRecord(call(getMethod, {{QStringLiteral("id"), id}}, version), key)
                                  .value(QStringLiteral("createTimestamp"))
                                  .toString();
        QVERIFY2(shown.endsWith(QLatin1String(":00")), qPrintable(shown));
        for (const QString& timestamp : {QStringLiteral("create"), QStringLiteral("update")}) {
            const Answer answer = call(rangeMethod,
                                       {{QStringLiteral("startDate"), shown},
                                        {QStringLiteral("endDate"), shown},
                                        {QStringLiteral("timestamp"), timestamp}},
                                       version);
            QVERIFY2(ids(answer, key).contains(QString::number(id)), answer.capture.readBody().constData());
        }
        // A second later it is out of range again: the bound is the second, not a looser one.
        const QString next = QDateTime::fromString(shown, QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                 .addSecs(1)
                                 .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        const Answer later = call(rangeMethod,
                                  {{QStringLiteral("startDate"), next},
                                   {QStringLiteral("endDate"), next},
                                   {QStringLiteral("timestamp"), QStringLiteral("create")}},
                                  version);
        QVERIFY(later.result(key).isArray());
        QVERIFY(!ids(later, key).contains(QString::number(id)));
    }

    void dateRangeParams_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QJsonObject>("extra");
        QTest::addColumn<int>("code"); // 0 = accepted
        QTest::addColumn<int>("maxItems");
        QTest::newRow("opportunity leads limit/offset")
            << QStringLiteral("getOpportunityLeadsDateRange")
            << QJsonObject{{QStringLiteral("limit"), 1}, {QStringLiteral("offset"), 1}} << 0 << 1;
        QTest::newRow("accounts limit") << QStringLiteral("getAccountsDateRange")
                                        << QJsonObject{{QStringLiteral("limit"), 2}} << 0 << 2;
        QTest::newRow("leads empty where object, limit 1000")
            << QStringLiteral("getLeadsDateRange")
            << QJsonObject{{QStringLiteral("where"), QJsonObject()}, {QStringLiteral("limit"), 1000}} << 0 << 1000;
        QTest::newRow("leads empty where string")
            << QStringLiteral("getLeadsDateRange")
            << QJsonObject{{QStringLiteral("where"), QString()}, {QStringLiteral("limit"), 1000}} << 0 << 1000;
        QTest::newRow("extra empty params") << QStringLiteral("getCampaignsDateRange")
                                            << QJsonObject{{QStringLiteral("fields"), QJsonArray()},
                                                           {QStringLiteral("orderBy"), QString()},
                                                           {QStringLiteral("filter"), QJsonValue::Null}}
                                            << 0 << 500;
        QTest::newRow("extra param with a value")
            << QStringLiteral("getCampaignsDateRange") << QJsonObject{{QStringLiteral("orderBy"), QStringLiteral("id")}}
            << 205 << 0;
    }

    void dateRangeParams()
    {
        QFETCH(QString, method);
        QFETCH(QJsonObject, extra);
        QFETCH(int, code);
        QFETCH(int, maxItems);
        QVERIFY(start());
        QJsonObject params{{QStringLiteral("startDate"), QStringLiteral("2000-01-01 00:00:00")},
                           {QStringLiteral("endDate"), QStringLiteral("2030-01-01 00:00:00")},
                           {QStringLiteral("timestamp"), QStringLiteral("create")}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            params.insert(it.key(), it.value());
        const Answer answer = call(method, params);
        const QJsonValue error = answer.json.value(QStringLiteral("error"));
        QCOMPARE(error.toObject().value(QStringLiteral("code")).toInt(), code);
        if (code == 0) {
            QVERIFY2(error.isNull(), answer.capture.readBody().constData());
            const QJsonObject result = answer.json.value(QStringLiteral("result")).toObject();
            QVERIFY(!result.isEmpty());
            const qsizetype count = result.begin().value().toArray().size();
            QVERIFY(count > 0);
            QVERIFY(count <= maxItems);
        }
    }

    void getFieldsDoesNotListAccountIdOrActive()
    {
        QVERIFY(start());
        const Answer fields =
            call(QStringLiteral("getFields"),
                 {{QStringLiteral("where"), QJsonObject{{QStringLiteral("relationship"), QStringLiteral("lead")}}}});
        QStringList names;
        const QJsonArray items = fields.result(QStringLiteral("field")).toArray();
        for (const QJsonValue& item : items)
            names << item.toObject().value(QStringLiteral("systemName")).toString();
        QVERIFY(names.contains(QStringLiteral("emailAddress")));
        QVERIFY(names.contains(QStringLiteral("crmID")));
        QVERIFY(!names.contains(QStringLiteral("accountID")));
        QVERIFY(!names.contains(QStringLiteral("active")));
        const QJsonObject lead =
            firstRecord(call(QStringLiteral("getLead"), {{QStringLiteral("id"), kGrace}}), QStringLiteral("lead"));
        QVERIFY(lead.contains(QStringLiteral("accountID")));
        QVERIFY(lead.contains(QStringLiteral("active")));
    }

    void newLeadFieldsNeverSet()
    {
        QVERIFY(start());
        const qint64 id = create(QStringLiteral("createLeads"), leadParams(QStringLiteral("bare@example.com")));
        QVERIFY(id > 0);
        const QJsonObject lead =
            firstRecord(call(QStringLiteral("getLead"), {{QStringLiteral("id"), id}}), QStringLiteral("lead"));
        for (const char* field : {"firstName", "lastName", "companyName", "title", "city", "website", "description"})
            QVERIFY2(lead.value(QLatin1String(field)).isNull(), field);
        for (const char* field : {"ownerID", "campaignID", "accountID"})
            QCOMPARE(lead.value(QLatin1String(field)), QJsonValue(QString()));
        QCOMPARE(lead.value(QStringLiteral("emailAddress")).toString(), QStringLiteral("bare@example.com"));
    }

    void writtenLessThanComesBackEncoded_data()
    {
        QTest::addColumn<QString>("written");
        QTest::addColumn<QString>("read");
        QTest::newRow("inside") << QStringLiteral("a<b") << QStringLiteral("a&lt;b");
        QTest::newRow("last character") << QStringLiteral("a <") << QStringLiteral("a <");
        QTest::newRow("several") << QStringLiteral("<<x<") << QStringLiteral("&lt;&lt;x<");
        QTest::newRow("tag") << QStringLiteral("<b>bold</b>") << QStringLiteral("&lt;b>bold&lt;/b>");
        QTest::newRow("others as written")
            << QStringLiteral("Tom & \"Jerry\" > 'x'") << QStringLiteral("Tom & \"Jerry\" > 'x'");
    }

    void writtenLessThanComesBackEncoded()
    {
        QFETCH(QString, written);
        QFETCH(QString, read);
        QVERIFY(start());
        QJsonObject object = leadParams(QStringLiteral("encoded@example.com"));
        object.insert(QStringLiteral("companyName"), written);
        const qint64 id = create(QStringLiteral("createLeads"), object);
        QVERIFY(id > 0);
        QCOMPARE(firstRecord(call(QStringLiteral("getLead"), {{QStringLiteral("id"), id}}), QStringLiteral("lead"))
                     .value(QStringLiteral("companyName"))
                     .toString(),
                 read);
        // An update writes the same way.
        const Answer update = call(QStringLiteral("updateLeads"),
                                   objects({{QStringLiteral("id"), id}, {QStringLiteral("title"), written}}));
        QVERIFY(firstRecord(update, QStringLiteral("updates")).value(QStringLiteral("success")).toBool());
        QCOMPARE(firstRecord(call(QStringLiteral("getLead"), {{QStringLiteral("id"), id}}), QStringLiteral("lead"))
                     .value(QStringLiteral("title"))
                     .toString(),
                 read);
    }

    void contactWithOppStaysOnContact()
    {
        SimConfig config;
        config.leads = 200;
        QVERIFY(start(config));
        const Answer leads = call(QStringLiteral("getLeads"),
                                  {{QStringLiteral("where"), QJsonObject()}, {QStringLiteral("limit"), 500}});
        QString id;
        const QJsonArray items = leads.result(QStringLiteral("lead")).toArray();
        for (const QJsonValue& item : items) {
            if (item.toObject().value(QStringLiteral("leadStatus")).toString() == QLatin1String("contactWithOpp")) {
                id = item.toObject().value(QStringLiteral("id")).toString();
                break;
            }
        }
        QVERIFY2(!id.isEmpty(), "the demo data has a contactWithOpp lead");
        for (const QString& version : {QStringLiteral("v1"), QStringLiteral("v1.2")}) {
            const Answer update =
                call(QStringLiteral("updateLeads"),
                     objects({{QStringLiteral("id"), id}, {QStringLiteral("leadStatus"), QStringLiteral("contact")}}),
                     version);
            const QJsonObject item = firstRecord(update, QStringLiteral("updates"));
            QCOMPARE(item.value(QStringLiteral("success")), QJsonValue(true));
            QVERIFY(item.value(QStringLiteral("error")).isNull());
            QCOMPARE(update.json.value(QStringLiteral("error")), QJsonValue(QJsonArray()));
            const QJsonObject lead =
                firstRecord(call(QStringLiteral("getLead"), {{QStringLiteral("id"), id}}), QStringLiteral("lead"));
            QCOMPARE(lead.value(QStringLiteral("leadStatus")).toString(), QStringLiteral("contactWithOpp"));
        }
        // Another change in the same object is still applied.
        const Answer both =
            call(QStringLiteral("updateLeads"), objects({{QStringLiteral("id"), id},
                                                         {QStringLiteral("leadStatus"), QStringLiteral("contact")},
                                                         {QStringLiteral("title"), QStringLiteral("Chief Tester")}}));
        QCOMPARE(firstRecord(both, QStringLiteral("updates")).value(QStringLiteral("success")), QJsonValue(true));
        const QJsonObject lead =
            firstRecord(call(QStringLiteral("getLead"), {{QStringLiteral("id"), id}}), QStringLiteral("lead"));
        QCOMPARE(lead.value(QStringLiteral("title")).toString(), QStringLiteral("Chief Tester"));
        QCOMPARE(lead.value(QStringLiteral("leadStatus")).toString(), QStringLiteral("contactWithOpp"));
    }

    void callCountAndQueryLimit()
    {
        SimConfig config;
        config.daily = 1234;
        QVERIFY(start(config));
        const QStringList methods = {QStringLiteral("getLead"), QStringLiteral("getLeadz"), QStringLiteral("getLead")};
        for (int i = 0; i < methods.size(); ++i) {
            const Answer answer = call(methods.at(i), {{QStringLiteral("id"), kGrace}});
            QCOMPARE(answer.json.value(QStringLiteral("callCount")), QJsonValue(QString::number(i + 1)));
            QCOMPARE(answer.json.value(QStringLiteral("queryLimit")), QJsonValue(QStringLiteral("1234")));
        }
        // The count is per account and per day.
        m_clock.advanceMs(24LL * 3600 * 1000);
        const Answer tomorrow = call(QStringLiteral("getLead"), {{QStringLiteral("id"), kGrace}});
        QCOMPARE(tomorrow.json.value(QStringLiteral("callCount")), QJsonValue(QStringLiteral("1")));
    }

    void getLeadsCapsLimitSilently()
    {
        SimConfig config;
        config.leads = 600;
        QVERIFY(start(config));
        const Answer answer = call(QStringLiteral("getLeads"),
                                   {{QStringLiteral("where"), QJsonObject()}, {QStringLiteral("limit"), 10000}});
        QVERIFY(answer.json.value(QStringLiteral("error")).isNull());
        QCOMPARE(answer.result(QStringLiteral("lead")).toArray().size(), 500);
        QVERIFY(answer.header("X-Simulator-Note").isEmpty());
        QCOMPARE(answer.json.value(QStringLiteral("callCount")), QJsonValue(QStringLiteral("1")));
    }

    void batchShapes_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::newRow("observed") << QStringLiteral("observed");
        QTest::newRow("documented") << QStringLiteral("documented");
    }

    void batchShapes()
    {
        QFETCH(QString, shape);
        SimConfig config;
        config.batchShape = *SimConfig::batchShapeFromName(shape);
        QVERIFY(start(config));
        const bool documented = shape == QLatin1String("documented");

        // A bad id next to a good update.
        const Answer update =
            call(QStringLiteral("updateLeads"),
                 {{QStringLiteral("objects"),
                   QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("abc")},
                                          {QStringLiteral("firstName"), QStringLiteral("X")}},
                              QJsonObject{{QStringLiteral("id"), kGrace},
                                          {QStringLiteral("firstName"), QStringLiteral("Grace B.")}}}}});
        const QJsonArray updates = update.result(QStringLiteral("updates")).toArray();
        QCOMPARE(updates.size(), 2);
        const QJsonObject failed = updates.at(0).toObject();
        const QJsonObject error = failed.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toInt(), 205);
        QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("Invalid parameters"));
        QCOMPARE(updates.at(1).toObject().value(QStringLiteral("success")), QJsonValue(true));
        if (documented) {
            QCOMPARE(update.json.value(QStringLiteral("error")), QJsonValue(QJsonValue::Null));
            QCOMPARE(failed.value(QStringLiteral("success")), QJsonValue(QStringLiteral("false")));
            const QJsonObject expected = QJsonDocument::fromJson(
                                             R"({"params": [{"param": "id", "message": "Expected data of type integer",
                                                 "validFormat": {"type": "int", "length": 11, "required": false}}]})")
                                             .object();
            QCOMPARE(error.value(QStringLiteral("data")).toObject(), expected);
        } else {
            QCOMPARE(failed.value(QStringLiteral("success")), QJsonValue(false));
            const QJsonArray top = update.json.value(QStringLiteral("error")).toArray();
            QCOMPARE(top.size(), 1);
            QCOMPARE(top.at(0).toObject(), error);
        }

        // A create that fails (existing address) has no id in either shape; nothing failed: [] or null.
        const Answer creates =
            call(QStringLiteral("createLeads"),
                 {{QStringLiteral("objects"), QJsonArray{leadParams(QStringLiteral("fresh@example.com")),
                                                         leadParams(QStringLiteral("FRESH@example.com"))}}});
        const QJsonArray items = creates.result(QStringLiteral("creates")).toArray();
        QCOMPARE(items.size(), 2);
        QVERIFY(items.at(0).toObject().contains(QStringLiteral("id")));
        QVERIFY(!items.at(1).toObject().contains(QStringLiteral("id")));
        QCOMPARE(items.at(1).toObject().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")),
                 QJsonValue(QStringLiteral("Entry already exists")));
        const Answer clean = call(QStringLiteral("createLeads"), objects(leadParams(QStringLiteral("ok@example.com"))));
        QCOMPARE(clean.json.value(QStringLiteral("error")),
                 documented ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonArray()));
    }

    void messagesHaveNoTrailingPeriod_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QString>("message");
        QTest::newRow("204") << QStringLiteral("getLeadz") << QJsonObject()
                             << QStringLiteral("Invalid method signature");
        QTest::newRow("205") << QStringLiteral("getLead")
                             << QJsonObject{{QStringLiteral("id"), 1}, {QStringLiteral("bogus"), 1}}
                             << QStringLiteral("Invalid parameters");
        QTest::newRow("206") << QStringLiteral("getLead") << QJsonObject() << QStringLiteral("Missing parameters");
    }

    void messagesHaveNoTrailingPeriod()
    {
        QFETCH(QString, method);
        QFETCH(QJsonObject, params);
        QFETCH(QString, message);
        QVERIFY(start());
        const Answer answer = call(method, params);
        QCOMPARE(answer.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
                 message);
    }
};

QTEST_GUILESS_MAIN(TestSimulatorFidelity)
#include "tst_simulatorfidelity.moc"
