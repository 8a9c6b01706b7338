#include "ErrorCatalog.h"
#include "SimApi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

// The simulated API without sockets: envelope checks and their order, response fidelity (key
// order, strings in get* results, numeric created ids, batch shapes), method behaviour and the
// quirks of the API (docs/simulator.md). End-to-end over HTTP is tst_simulator.
class TestSimApi : public QObject
{
    Q_OBJECT

private:
    static constexpr const char* kCredentials = "accountID=SIMDEMO0001&secretKey=sim-demo-secret-0001";
    static constexpr const char* kAgency = "accountID=SIMAGENCY001&secretKey=sim-agency-secret-001";
    static constexpr const char* kReseller = "accountID=SIMRESELLER01&secretKey=sim-reseller-secret-01";

    struct Answer
    {
        SimReply reply;
        QJsonObject json;
        int status() const { return reply.response.status; }
        const QByteArray& body() const { return reply.response.body; }
        QByteArray header(const QByteArray& name) const
        {
            for (const auto& h : reply.response.headers) {
                if (h.first == name)
                    return h.second;
            }
            return QByteArray();
        }
        int apiCode() const
        {
            return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt();
        }
        QJsonArray list(const QString& key) const
        {
            return json.value(QStringLiteral("result")).toObject().value(key).toArray();
        }
        QJsonObject item(const QString& key, int index) const { return list(key).at(index).toObject(); }
        int objectCode(const QString& key, int index) const
        {
            return item(key, index).value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt();
        }
    };

    static SimConfig smallConfig()
    {
        SimConfig config;
        config.leads = 200;
        config.perSecond = 0;
        config.daily = 0;
        return config;
    }

    static Answer send(SimApi& api, const QByteArray& body, const QByteArray& query = kCredentials,
                       const QByteArray& path = "/pubapi/v1.2/", const QByteArray& method = "POST",
                       const QList<QPair<QByteArray, QByteArray>>& headers = {})
    {
        HttpRequest request;
        request.method = method;
        request.path = path;
        request.query = query;
        request.target = path + (query.isEmpty() ? QByteArray() : '?' + query);
        request.headers = headers;
        request.body = body;
        Answer answer;
        answer.reply = api.handle(request);
        answer.json = QJsonDocument::fromJson(answer.reply.response.body).object();
        return answer;
    }

    static QByteArray call(const QString& method, const QJsonObject& params, const QJsonValue& id = QStringLiteral("t"))
    {
        QJsonObject envelope{{QStringLiteral("method"), method}, {QStringLiteral("params"), params}};
        envelope.insert(QStringLiteral("id"), id);
        return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
    }

    // The message as the service sends it: the catalogue's without its trailing period.
    static QString message(int code)
    {
        QString text = ErrorCatalog::builtin().byCode(code)->message;
        while (text.endsWith(QLatin1Char('.')))
            text.chop(1);
        return text;
    }

    // Top-level keys without callCount/queryLimit, which every answer to a known account adds.
    static QStringList envelopeKeys(const QJsonObject& json)
    {
        QStringList keys = json.keys();
        // Both or neither, and as strings.
        const bool usage =
            json.value(QStringLiteral("callCount")).isString() && json.value(QStringLiteral("queryLimit")).isString();
        if (usage) {
            keys.removeAll(QStringLiteral("callCount"));
            keys.removeAll(QStringLiteral("queryLimit"));
        }
        return keys;
    }

    // The API-level error shape: {"result": null, "error": {code, message, data}, "id": <echo>}.
    static void verifyApiError(const Answer& a, int code)
    {
        QCOMPARE(a.status(), 200);
        QCOMPARE(a.reply.response.contentType, QByteArray("application/json"));
        QVERIFY2(a.body().startsWith("{\"result\":null,\"error\":{\"code\":"), a.body().constData());
        QCOMPARE(envelopeKeys(a.json),
                 (QStringList{QStringLiteral("error"), QStringLiteral("id"), QStringLiteral("result")}));
        const QJsonObject error = a.json.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.keys(),
                 (QStringList{QStringLiteral("code"), QStringLiteral("data"), QStringLiteral("message")}));
        QCOMPARE(error.value(QStringLiteral("code")).toInt(), code);
        QVERIFY(error.value(QStringLiteral("code")).isDouble()); // a number, not "205"
        QCOMPARE(error.value(QStringLiteral("message")).toString(), message(code));
        QVERIFY(error.value(QStringLiteral("data")).isObject());
        QCOMPARE(a.reply.log.code, code);
    }

    // Batch shape: result.<key>[i] = {success, error, id?}; top-level error = failed errors.
    static void verifyBatch(const Answer& a, const QString& key, const QList<int>& codes)
    {
        QCOMPARE(a.status(), 200);
        const QJsonArray items = a.list(key);
        QCOMPARE(items.size(), codes.size());
        QJsonArray expectedErrors;
        for (int i = 0; i < codes.size(); ++i) {
            const QJsonObject item = items.at(i).toObject();
            QCOMPARE(item.value(QStringLiteral("success")).toBool(), codes.at(i) == 0);
            if (codes.at(i) == 0) {
                QVERIFY(item.value(QStringLiteral("error")).isNull());
                if (key == QLatin1String("creates"))
                    QVERIFY2(item.value(QStringLiteral("id")).isDouble(), "created ids are JSON numbers");
            } else {
                const QJsonObject error = item.value(QStringLiteral("error")).toObject();
                QCOMPARE(error.value(QStringLiteral("code")).toInt(), codes.at(i));
                QCOMPARE(error.value(QStringLiteral("message")).toString(), message(codes.at(i)));
                QVERIFY(error.contains(QStringLiteral("data")));
                QVERIFY(!item.contains(QStringLiteral("id")));
                expectedErrors.append(error);
            }
        }
        QVERIFY(a.json.value(QStringLiteral("error")).isArray());
        QCOMPARE(a.json.value(QStringLiteral("error")).toArray(), expectedErrors);
        QCOMPARE(a.reply.log.objectErrors, int(expectedErrors.size()));
    }

private slots:
    void routing_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<int>("status");
        QTest::newRow("v1.2/") << QByteArray("/pubapi/v1.2/") << QByteArray("POST") << 200;
        QTest::newRow("v1.2") << QByteArray("/pubapi/v1.2") << QByteArray("POST") << 200;
        QTest::newRow("v1/") << QByteArray("/pubapi/v1/") << QByteArray("POST") << 200;
        QTest::newRow("v1") << QByteArray("/pubapi/v1") << QByteArray("POST") << 200;
        QTest::newRow("v2") << QByteArray("/pubapi/v2/") << QByteArray("POST") << 404;
        QTest::newRow("root") << QByteArray("/") << QByteArray("POST") << 404;
        QTest::newRow("GET") << QByteArray("/pubapi/v1.2/") << QByteArray("GET") << 404;
    }
    void routing()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, method);
        QFETCH(int, status);
        SimApi api(smallConfig());
        const Answer a =
            send(api, call(QStringLiteral("getLead"), {{QStringLiteral("id"), 1}}), kCredentials, path, method);
        QCOMPARE(a.status(), status);
        if (status == 404)
            QVERIFY(a.reply.response.contentType.startsWith("text/plain"));
    }

    void envelopeErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("idJson");
        const QByteArray ok = kCredentials;
        QTest::newRow("101 not JSON") << QByteArray("method=getLead") << ok << 101 << QByteArray("null");
        QTest::newRow("101 empty body") << QByteArray() << ok << 101 << QByteArray("null");
        QTest::newRow("101 array") << QByteArray("[1,2]") << ok << 101 << QByteArray("null");
        QTest::newRow("102 no id") << QByteArray(R"({"method":"getLead","params":{"id":1}})") << ok << 102
                                   << QByteArray("null");
        QTest::newRow("102 null id") << QByteArray(R"({"method":"getLead","params":{"id":1},"id":null})") << ok << 102
                                     << QByteArray("null");
        QTest::newRow("103 no accountID") << QByteArray(R"({"method":"getLead","params":{"id":1},"id":"a"})")
                                          << QByteArray("secretKey=x") << 103 << QByteArray("\"a\"");
        QTest::newRow("103 empty accountID") << QByteArray(R"({"method":"getLead","params":{"id":1},"id":"a"})")
                                             << QByteArray("accountID=&secretKey=x") << 103 << QByteArray("\"a\"");
        QTest::newRow("104 no secretKey") << QByteArray(R"({"method":"getLead","params":{"id":1},"id":7})")
                                          << QByteArray("accountID=SIMDEMO0001") << 104 << QByteArray("7");
        QTest::newRow("105 wrong secret")
            << QByteArray(R"({"method":"getLead","params":{"id":1},"id":""})")
            << QByteArray("accountID=SIMDEMO0001&secretKey=nope") << 105 << QByteArray("\"\"");
        QTest::newRow("201 no method") << QByteArray(R"({"params":{},"id":"a"})") << ok << 201 << QByteArray("\"a\"");
        QTest::newRow("201 empty method")
            << QByteArray(R"({"method":"","params":{},"id":"a"})") << ok << 201 << QByteArray("\"a\"");
        QTest::newRow("201 method false")
            << QByteArray(R"({"method":false,"params":{},"id":"a"})") << ok << 201 << QByteArray("\"a\"");
        QTest::newRow("204 method a number")
            << QByteArray(R"({"method":42,"params":{},"id":"a"})") << ok << 204 << QByteArray("\"a\"");
        QTest::newRow("202 no params") << QByteArray(R"({"method":"getLead","id":"a"})") << ok << 202
                                       << QByteArray("\"a\"");
        QTest::newRow("202 scalar params")
            << QByteArray(R"({"method":"getLead","params":3,"id":"a"})") << ok << 202 << QByteArray("\"a\"");
        QTest::newRow("203 header not a hash")
            << QByteArray(R"({"method":"getLead","params":{"id":1},"id":"a","header":"x"})") << ok << 203
            << QByteArray("\"a\"");
        QTest::newRow("204 unknown method")
            << QByteArray(R"({"method":"getleads","params":{},"id":"a"})") << ok << 204 << QByteArray("\"a\"");
        QTest::newRow("205 params as a list")
            << QByteArray(R"({"method":"getLead","params":[1],"id":"a"})") << ok << 205 << QByteArray("\"a\"");
        QTest::newRow("205 unknown param") << QByteArray(R"({"method":"getLead","params":{"id":1,"ID":2},"id":"a"})")
                                           << ok << 205 << QByteArray("\"a\"");
        QTest::newRow("205 integer param not numeric")
            << QByteArray(R"({"method":"getLead","params":{"id":"abc"},"id":"a"})") << ok << 205 << QByteArray("\"a\"");
        QTest::newRow("206 getLead without id")
            << QByteArray(R"({"method":"getLead","params":{},"id":"a"})") << ok << 206 << QByteArray("\"a\"");
        QTest::newRow("206 getLeads without where")
            << QByteArray(R"({"method":"getLeads","params":{"limit":5},"id":"a"})") << ok << 206 << QByteArray("\"a\"");
        QTest::newRow("207 no objects") << QByteArray(R"({"method":"createLeads","params":{},"id":"a"})") << ok << 207
                                        << QByteArray("\"a\"");
        QTest::newRow("207 objects not a list")
            << QByteArray(R"({"method":"createLeads","params":{"objects":"x"},"id":"a"})") << ok << 207
            << QByteArray("\"a\"");
        QTest::newRow("208 one record without the list")
            << QByteArray(R"({"method":"createLeads","params":{"objects":{"emailAddress":"a@b.c"}},"id":"a"})") << ok
            << 208 << QByteArray("\"a\"");
        QTest::newRow("206 required param null")
            << QByteArray(R"({"method":"getLead","params":{"id":null},"id":"a"})") << ok << 206 << QByteArray("\"a\"");
        QTest::newRow("208 scalar objects")
            << QByteArray(R"({"method":"deleteLeads","params":{"objects":[1,2]},"id":"a"})") << ok << 208
            << QByteArray("\"a\"");
        QTest::newRow("210 array id") << QByteArray(R"({"method":"getLead","params":{"id":[1,2]},"id":"a"})") << ok
                                      << 210 << QByteArray("\"a\"");
        QTest::newRow("217 timestamp")
            << QByteArray(
                   R"({"method":"getLeadsDateRange","params":{"startDate":"2024-01-01 00:00:00","endDate":"2024-02-01 00:00:00","timestamp":"touch"},"id":"a"})")
            << ok << 217 << QByteArray("\"a\"");
        QTest::newRow("205 malformed date")
            << QByteArray(
                   R"({"method":"getLeadsDateRange","params":{"startDate":"yesterday","endDate":"2024-02-01 00:00:00","timestamp":"create"},"id":"a"})")
            << ok << 205 << QByteArray("\"a\"");
    }
    void envelopeErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, query);
        QFETCH(int, code);
        QFETCH(QByteArray, idJson);
        SimApi api(smallConfig());
        const Answer a = send(api, body, query);
        verifyApiError(a, code);
        QVERIFY2(a.body().endsWith(",\"id\":" + idJson + '}') ||
                     a.body().contains(",\"id\":" + idJson + ",\"callCount\":"),
                 a.body().constData());
    }

    void unknownAccountGetsPlainText401()
    {
        SimApi api(smallConfig());
        const Answer a =
            send(api, call(QStringLiteral("getLead"), {{QStringLiteral("id"), 1}}), "accountID=NOSUCH&secretKey=x");
        QCOMPARE(a.status(), 401);
        QVERIFY(a.reply.response.contentType.startsWith("text/plain"));
        const ErrorEntry* entry = ErrorCatalog::builtin().byKey(QStringLiteral("http_401_text"));
        QVERIFY(entry && !entry->message.isEmpty());
        QCOMPARE(QString::fromUtf8(a.body()), entry->message);
        QCOMPARE(a.header("WWW-Authenticate"), QByteArray("Basic realm=\"SharpSpring\""));
        QCOMPARE(a.reply.log.account, QStringLiteral("NOSUCH"));
    }

    void legacyHeaderCredentials()
    {
        SimApi api(smallConfig());
        const QByteArray body = R"({"method":"getLead","params":{"id":346743252994},"id":"h",)"
                                R"("header":{"accountID":"SIMDEMO0001","secretKey":"sim-demo-secret-0001"}})";
        const Answer a = send(api, body, QByteArray());
        QCOMPARE(a.status(), 200);
        QCOMPARE(a.list(QStringLiteral("lead")).size(), 1);
    }

    void limitsAnswer106And107()
    {
        ManualClock clock;
        SimConfig config = smallConfig();
        config.perSecond = 10;
        config.daily = 15;
        SimApi api(config, &clock);
        const QByteArray body = call(QStringLiteral("getLead"), {{QStringLiteral("id"), 1}});
        for (int i = 0; i < 10; ++i)
            QCOMPARE(send(api, body).status(), 200);
        verifyApiError(send(api, body), 107);
        // The agency account has its own budget.
        QCOMPARE(send(api, body, kAgency).apiCode(), 0);
        clock.advanceMs(1000);
        for (int i = 0; i < 4; ++i) // calls 12..15 of the day
            QCOMPARE(send(api, body).apiCode(), 0);
        verifyApiError(send(api, body), 106);
    }

    void getLeadShape()
    {
        SimApi api(smallConfig());
        const Answer a =
            send(api, call(QStringLiteral("getLead"), {{QStringLiteral("id"), QStringLiteral("346743252994")}},
                           QStringLiteral("req-1")));
        QVERIFY2(a.body().startsWith("{\"result\":{\"lead\":[{\"id\":\"346743252994\""), a.body().constData());
        QVERIFY(a.body().contains(",\"error\":null,\"id\":\"req-1\",\"callCount\":\""));
        const QJsonObject lead = a.item(QStringLiteral("lead"), 0);
        QCOMPARE(lead.value(QStringLiteral("emailAddress")).toString(),
                 QStringLiteral("grace.hopper@northwind.example"));
        // get* values are strings (or null), numbers included.
        for (auto it = lead.begin(); it != lead.end(); ++it)
            QVERIFY2(it.value().isString() || it.value().isNull(), qPrintable(it.key()));
        QVERIFY(lead.value(QStringLiteral("leadScore")).isString());
        QCOMPARE(lead.value(QStringLiteral("active")).toString(), QStringLiteral("1"));
        QCOMPARE(lead.value(QStringLiteral("shoe_size_384c1e3eacbb3")).isString(), true);
        QVERIFY(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$"))
                    .match(lead.value(QStringLiteral("createTimestamp")).toString())
                    .hasMatch());

        const Answer missing = send(api, call(QStringLiteral("getLead"), {{QStringLiteral("id"), 1}}));
        QCOMPARE(missing.list(QStringLiteral("lead")), QJsonArray());
        QVERIFY(missing.json.value(QStringLiteral("error")).isNull());
    }

    void v1ReportsTheAccountZoneAndV12Utc()
    {
        SimApi api(smallConfig());
        const QByteArray body = call(QStringLiteral("getLead"), {{QStringLiteral("id"), SimStore::kGraceHopperLeadId}});
        const QString utc =
            send(api, body).item(QStringLiteral("lead"), 0).value(QStringLiteral("createTimestamp")).toString();
        const QString local = send(api, body, kCredentials, "/pubapi/v1/")
                                  .item(QStringLiteral("lead"), 0)
                                  .value(QStringLiteral("createTimestamp"))
                                  .toString();
        const QDateTime u = QDateTime::fromString(utc, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        const QDateTime l = QDateTime::fromString(local, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        const qint64 offset = l.secsTo(u); // New York is 4 or 5 hours behind UTC
        QVERIFY2(offset == 4 * 3600 || offset == 5 * 3600, qPrintable(utc + QStringLiteral(" vs ") + local));
    }

    void getLeadsFiltersAndPaging()
    {
        SimApi api(smallConfig());
        // Empty where: active leads only; limit above 500 is clamped (200 leads here, so all active).
        const Answer all = send(api, call(QStringLiteral("getLeads"),
                                          {{QStringLiteral("where"), QJsonArray()}, {QStringLiteral("limit"), 900}}));
        const int active = int(all.list(QStringLiteral("lead")).size());
        QVERIFY(active > 150 && active < 200);
        for (const QJsonValue& lead : all.list(QStringLiteral("lead")))
            QCOMPARE(lead.toObject().value(QStringLiteral("active")).toString(), QStringLiteral("1"));
        // Paging by object offset.
        const Answer page = send(api, call(QStringLiteral("getLeads"), {{QStringLiteral("where"), QJsonObject()},
                                                                        {QStringLiteral("limit"), QStringLiteral("5")},
                                                                        {QStringLiteral("offset"), 5}}));
        QCOMPARE(page.list(QStringLiteral("lead")).size(), 5);
        QCOMPARE(page.item(QStringLiteral("lead"), 0), all.item(QStringLiteral("lead"), 5));
        // where.emailAddress is case-insensitive; fields restricts the keys.
        const Answer byEmail = send(
            api, call(QStringLiteral("getLeads"),
                      {{QStringLiteral("where"),
                        QJsonObject{{QStringLiteral("emailAddress"), QStringLiteral("ALAN.TURING@northwind.example")}}},
                       {QStringLiteral("fields"), QJsonArray{QStringLiteral("id"), QStringLiteral("lastName")}}}));
        QCOMPARE(byEmail.list(QStringLiteral("lead")).size(), 1);
        QCOMPARE(byEmail.item(QStringLiteral("lead"), 0),
                 (QJsonObject{{QStringLiteral("id"), QStringLiteral("346743253010")},
                              {QStringLiteral("lastName"), QStringLiteral("Turing")}}));
        // where.id list.
        const Answer byIds =
            send(api, call(QStringLiteral("getLeads"),
                           {{QStringLiteral("where"),
                             QJsonObject{{QStringLiteral("id"), QJsonArray{346743253026LL, 346743252994LL, 5}}}}}));
        QCOMPARE(byIds.list(QStringLiteral("lead")).size(), 2);
        // Unknown field names and filters are 205.
        verifyApiError(send(api, call(QStringLiteral("getLeads"),
                                      {{QStringLiteral("where"), QJsonObject()},
                                       {QStringLiteral("fields"), QJsonArray{QStringLiteral("nope")}}})),
                       205);
        // A filter the method does not know filters nothing (the answer says so in a header).
        const Answer unknownFilter = send(
            api,
            call(QStringLiteral("getLeads"),
                 {{QStringLiteral("where"), QJsonObject{{QStringLiteral("emailaddress"), QStringLiteral("x@y.z")}}}}));
        QCOMPARE(unknownFilter.list(QStringLiteral("lead")).size(), active);
        QVERIFY(unknownFilter.header("X-Simulator-Note").contains("where.emailaddress is not a filter of getLeads"));
        // A null optional parameter is absent (PHP's isset()).
        const Answer nullLimit =
            send(api, call(QStringLiteral("getLeads"),
                           {{QStringLiteral("where"), QJsonObject()}, {QStringLiteral("limit"), QJsonValue::Null}}));
        QCOMPARE(nullLimit.list(QStringLiteral("lead")).size(), active);
    }

    void objectsAsAHashOfRecords()
    {
        // PHP iterates a hash's values: records keyed by anything are records.
        SimApi api(smallConfig());
        const Answer a =
            send(api, R"({"method":"createLeads","params":{"objects":{"first":{"emailAddress":"h1@example.com"},)"
                      R"("second":{"emailAddress":"h2@example.com"}}},"id":"h"})");
        verifyBatch(a, QStringLiteral("creates"), {0, 0});
    }

    void isoDatesAreAccepted()
    {
        SimApi api(smallConfig());
        const Answer a = send(api, call(QStringLiteral("getLeadsDateRange"),
                                        {{QStringLiteral("startDate"), QStringLiteral("2023-01-01T00:00:00")},
                                         {QStringLiteral("endDate"), QStringLiteral("2023-12-31T23:59:59Z")},
                                         {QStringLiteral("timestamp"), QStringLiteral("update")}}));
        QCOMPARE(a.apiCode(), 0);
        QVERIFY(!a.list(QStringLiteral("lead")).isEmpty());
    }

    void getLeadsDateRange()
    {
        SimApi api(smallConfig());
        const Answer a = send(api, call(QStringLiteral("getLeadsDateRange"),
                                        {{QStringLiteral("startDate"), QStringLiteral("2023-01-01 00:00:00")},
                                         {QStringLiteral("endDate"), QStringLiteral("2023-06-30 23:59:59")},
                                         {QStringLiteral("timestamp"), QStringLiteral("create")}}));
        const QJsonArray leads = a.list(QStringLiteral("lead"));
        QVERIFY(!leads.isEmpty());
        for (const QJsonValue& lead : leads) {
            const QString created = lead.toObject().value(QStringLiteral("createTimestamp")).toString();
            QVERIFY2(created >= QLatin1String("2023-01-01") && created <= QLatin1String("2023-06-30 23:59:59"),
                     qPrintable(created));
            QCOMPARE(lead.toObject().value(QStringLiteral("active")).toString(), QStringLiteral("1"));
        }
    }

    void createLeadsBatch()
    {
        ManualClock clock;
        SimApi api(smallConfig(), &clock);
        QJsonArray objects;
        objects.append(QJsonObject{{QStringLiteral("emailAddress"), QStringLiteral("new.one@example.com")},
                                   {QStringLiteral("firstName"), QStringLiteral("New")},
                                   {QStringLiteral("shoe_size_384c1e3eacbb3"), 44},
                                   {QStringLiteral("id"), 1}}); // id is ignored on create
        objects.append(QJsonObject{{QStringLiteral("emailAddress"), QStringLiteral("Grace.Hopper@NORTHWIND.example")}});
        objects.append(QJsonObject{{QStringLiteral("emailAddress"), QStringLiteral("x@example.com")},
                                   {QStringLiteral("favouriteColour"), QStringLiteral("red")}});
        objects.append(QJsonObject{{QStringLiteral("emailAddress"), QStringLiteral("NEW.ONE@example.com")}});
        objects.append(QJsonObject{{QStringLiteral("firstName"), QStringLiteral("No address")}});
        objects.append(QJsonObject{{QStringLiteral("emailAddress"), QStringLiteral("y@example.com")},
                                   {QStringLiteral("ownerID"), QStringLiteral("")}});
        objects.append(QJsonObject{{QStringLiteral("emailAddress"), QStringLiteral("z@example.com")},
                                   {QStringLiteral("leadStatus"), QStringLiteral("contactWithOpp")}});
        objects.append(QJsonObject{{QStringLiteral("emailAddress"), QStringLiteral("w@example.com")},
                                   {QStringLiteral("firstName"), QJsonValue::Null}});
        objects.append(QJsonObject{{QStringLiteral("emailAddress"), QStringLiteral("v@example.com")},
                                   {QStringLiteral("ownerID"), 1}});
        const Answer a = send(api, call(QStringLiteral("createLeads"), {{QStringLiteral("objects"), objects}}));
        verifyBatch(a, QStringLiteral("creates"), {0, 301, 205, 301, 205, 205, 205, 205, 303});
        const QJsonValue idValue = a.item(QStringLiteral("creates"), 0).value(QStringLiteral("id"));
        QVERIFY(idValue.toDouble() > 346743252994.0);

        const Answer created = send(api, call(QStringLiteral("getLead"), {{QStringLiteral("id"), idValue}}));
        const QJsonObject lead = created.item(QStringLiteral("lead"), 0);
        QCOMPARE(lead.value(QStringLiteral("id")).toString(), QString::number(qint64(idValue.toDouble())));
        QCOMPARE(lead.value(QStringLiteral("shoe_size_384c1e3eacbb3")).toString(), QStringLiteral("44"));
        QCOMPARE(lead.value(QStringLiteral("leadStatus")).toString(), QStringLiteral("unqualified"));
        QCOMPARE(lead.value(QStringLiteral("createTimestamp")).toString(), QStringLiteral("2024-06-03 09:00:00"));

        // All succeeded: the top-level error is [].
        const Answer ok = send(
            api, call(QStringLiteral("createLeads"),
                      {{QStringLiteral("objects"),
                        QJsonArray{QJsonObject{{QStringLiteral("emailAddress"), QStringLiteral("q@example.com")}}}}}));
        verifyBatch(ok, QStringLiteral("creates"), {0});
        QVERIFY(ok.body().contains(",\"error\":[],"));
    }

    void tooManyObjects()
    {
        SimApi api(smallConfig());
        QJsonArray objects;
        for (int i = 0; i < 501; ++i)
            objects.append(QJsonObject{{QStringLiteral("emailAddress"), QStringLiteral("bulk%1@example.com").arg(i)}});
        verifyApiError(send(api, call(QStringLiteral("createLeads"), {{QStringLiteral("objects"), objects}})), 209);
        objects.removeLast();
        verifyBatch(send(api, call(QStringLiteral("createLeads"), {{QStringLiteral("objects"), objects}})),
                    QStringLiteral("creates"), QList<int>(500, 0));
    }

    void updateLeadsQuirks()
    {
        ManualClock clock;
        SimApi api(smallConfig(), &clock);
        clock.advanceMs(60000);
        const qint64 katherine = SimStore::kKatherineJohnsonLeadId;
        QJsonArray objects{
            QJsonObject{{QStringLiteral("id"), 1}, {QStringLiteral("firstName"), QStringLiteral("Ghost")}},
            QJsonObject{{QStringLiteral("id"), katherine}, {QStringLiteral("firstName"), QStringLiteral("Katherine")}},
            QJsonObject{{QStringLiteral("id"), katherine}, {QStringLiteral("title"), QStringLiteral("Mathematician")}},
            QJsonObject{{QStringLiteral("emailAddress"), QStringLiteral("nobody@example.com")},
                        {QStringLiteral("title"), QStringLiteral("X")}},
            QJsonObject{{QStringLiteral("title"), QStringLiteral("no id, no address")}},
            QJsonObject{{QStringLiteral("id"), katherine},
                        {QStringLiteral("emailAddress"), QStringLiteral("alan.turing@northwind.example")},
                        {QStringLiteral("lastName"), QStringLiteral("Changed?")}},
            QJsonObject{{QStringLiteral("emailAddress"), QStringLiteral("GRACE.HOPPER@northwind.example")},
                        {QStringLiteral("persona"), QStringLiteral("Decision Maker")}},
        };
        const Answer v1 = send(api, call(QStringLiteral("updateLeads"), {{QStringLiteral("objects"), objects}}));
        verifyBatch(v1, QStringLiteral("updates"), {0, 302, 0, 0, 0, 0, 0});
        // The silent successes are explained in a header; the body looks like the API's.
        const QByteArray note = v1.header("X-Simulator-Note");
        QVERIFY2(note.contains("updates[0]: silent success") && note.contains("updates[5]") &&
                     note.contains("updates[3]") && note.contains("updates[4]"),
                 note.constData());
        const QJsonObject k = send(api, call(QStringLiteral("getLead"), {{QStringLiteral("id"), katherine}}))
                                  .item(QStringLiteral("lead"), 0);
        QCOMPARE(k.value(QStringLiteral("title")).toString(), QStringLiteral("Mathematician"));
        QCOMPARE(k.value(QStringLiteral("lastName")).toString(), QStringLiteral("Johnson")); // not applied
        QCOMPARE(k.value(QStringLiteral("emailAddress")).toString(),
                 QStringLiteral("katherine.johnson@northwind.example"));
        QCOMPARE(k.value(QStringLiteral("updateTimestamp")).toString(), QStringLiteral("2024-06-03 09:01:00"));
        const QJsonObject g =
            send(api, call(QStringLiteral("getLead"), {{QStringLiteral("id"), SimStore::kGraceHopperLeadId}}))
                .item(QStringLiteral("lead"), 0);
        QCOMPARE(g.value(QStringLiteral("persona")).toString(), QStringLiteral("Decision Maker"));
        QCOMPARE(g.value(QStringLiteral("emailAddress")).toString(), QStringLiteral("grace.hopper@northwind.example"));

        // null -> "" is a change (no 302).
        const Answer toEmpty =
            send(api, call(QStringLiteral("updateLeads"),
                           {{QStringLiteral("objects"),
                             QJsonArray{QJsonObject{{QStringLiteral("id"), katherine},
                                                    {QStringLiteral("faxNumber"), QStringLiteral("")}}}}}));
        verifyBatch(toEmpty, QStringLiteral("updates"), {0});

        // updateLeadsV2 reports 404 where updateLeads stays silent.
        const Answer v2 =
            send(api, call(QStringLiteral("updateLeadsV2"),
                           {{QStringLiteral("objects"), QJsonArray{objects.at(0), objects.at(3), objects.at(4)}}}));
        verifyBatch(v2, QStringLiteral("updates"), {404, 404, 404});
    }

    void deleteLeads()
    {
        SimApi api(smallConfig());
        const Answer a =
            send(api, call(QStringLiteral("deleteLeads"),
                           {{QStringLiteral("objects"),
                             QJsonArray{QJsonObject{{QStringLiteral("id"), SimStore::kGraceHopperLeadId}},
                                        QJsonObject{{QStringLiteral("id"), 1}},
                                        QJsonObject{{QStringLiteral("id"), SimStore::kAgencyFirstLeadId}},
                                        QJsonObject{{QStringLiteral("emailAddress"), QStringLiteral("a@b.c")}}}}}));
        verifyBatch(a, QStringLiteral("deletes"), {0, 404, 212, 205});
        QCOMPARE(send(api, call(QStringLiteral("getLead"), {{QStringLiteral("id"), SimStore::kGraceHopperLeadId}}))
                     .list(QStringLiteral("lead"))
                     .size(),
                 0);
        // The address is free again.
        verifyBatch(send(api, call(QStringLiteral("createLeads"),
                                   {{QStringLiteral("objects"),
                                     QJsonArray{QJsonObject{{QStringLiteral("emailAddress"),
                                                             QStringLiteral("grace.hopper@northwind.example")}}}}})),
                    QStringLiteral("creates"), {0});
    }

    void lists()
    {
        SimApi api(smallConfig());
        const qint64 list = SimStore::kNewsletterListId;
        const Answer members = send(api, call(QStringLiteral("getListMembers"),
                                              {{QStringLiteral("where"), QJsonObject{{QStringLiteral("id"), list}}},
                                               {QStringLiteral("limit"), 3}}));
        QCOMPARE(members.list(QStringLiteral("getWherelistMemberGets")).size(), 3);
        QCOMPARE(members.item(QStringLiteral("getWherelistMemberGets"), 0).keys(),
                 (QStringList{QStringLiteral("companyName"), QStringLiteral("emailAddress"),
                              QStringLiteral("firstName"), QStringLiteral("id"), QStringLiteral("lastName"),
                              QStringLiteral("leadID"), QStringLiteral("listID")}));
        // hasMore twice: inside result and at the top level; error is [] for list-member calls.
        QCOMPARE(members.json.value(QStringLiteral("hasMore")), QJsonValue(true));
        QCOMPARE(members.json.value(QStringLiteral("result")).toObject().value(QStringLiteral("hasMore")),
                 QJsonValue(true));
        QCOMPARE(members.json.value(QStringLiteral("error")), QJsonValue(QJsonArray()));

        const Answer added = send(
            api, call(QStringLiteral("addListMember"),
                      {{QStringLiteral("listID"), list}, {QStringLiteral("memberID"), SimStore::kGraceHopperLeadId}}));
        verifyBatch(added, QStringLiteral("creates"), {0});
        verifyApiError(send(api, call(QStringLiteral("addListMember"),
                                      {{QStringLiteral("listID"), list},
                                       {QStringLiteral("memberID"), SimStore::kGraceHopperLeadId}})),
                       213);
        verifyApiError(send(api, call(QStringLiteral("addListMemberEmailAddress"),
                                      {{QStringLiteral("listID"), list},
                                       {QStringLiteral("emailAddress"), QStringLiteral("nobody@example.com")}})),
                       214);
        verifyBatch(send(api, call(QStringLiteral("addListMember"),
                                   {{QStringLiteral("listID"), 5},
                                    {QStringLiteral("memberID"), SimStore::kGraceHopperLeadId}})),
                    QStringLiteral("creates"), {303});
        const Answer removed = send(
            api, call(QStringLiteral("removeListMember"),
                      {{QStringLiteral("listID"), list}, {QStringLiteral("contactID"), SimStore::kGraceHopperLeadId}}));
        QCOMPARE(removed.status(), 200);
        QCOMPARE(removed.json.value(QStringLiteral("error")), QJsonValue(QJsonArray()));
        const Answer gone = send(api, call(QStringLiteral("getRemovedListMembers"),
                                           {{QStringLiteral("where"), QJsonObject{{QStringLiteral("id"), list}}},
                                            {QStringLiteral("limit"), 500}}));
        bool found = false;
        for (const QJsonValue& item : gone.list(QStringLiteral("getWherelistLeadMembers"))) {
            const QJsonObject o = item.toObject();
            QVERIFY(o.contains(QStringLiteral("emailaddress")) && o.contains(QStringLiteral("firstname")));
            found |= o.value(QStringLiteral("leadID")).toString() == QString::number(SimStore::kGraceHopperLeadId);
        }
        QVERIFY(found);
        // Unknown list or flag: an empty list, not an error.
        const Answer unknown =
            send(api, call(QStringLiteral("getRemovedListMembers"),
                           {{QStringLiteral("where"), QJsonObject{{QStringLiteral("id"), list},
                                                                  {QStringLiteral("flag"), QStringLiteral("nope")}}}}));
        QCOMPARE(unknown.list(QStringLiteral("getWherelistLeadMembers")), QJsonArray());
        const Answer counts = send(api, call(QStringLiteral("getActiveLists"),
                                             {{QStringLiteral("where"), QJsonObject{{QStringLiteral("id"), list}}}}));
        QVERIFY(counts.item(QStringLiteral("activeList"), 0).value(QStringLiteral("memberCount")).toString().toInt() >
                0);
    }

    void fields()
    {
        SimApi api(smallConfig());
        verifyBatch(
            send(api, call(QStringLiteral("deleteFields"),
                           {{QStringLiteral("objects"),
                             QJsonArray{
                                 QJsonObject{{QStringLiteral("systemName"), QStringLiteral("emailAddress")}},
                                 QJsonObject{{QStringLiteral("systemName"), QStringLiteral("shoe_size_384c1e3eacbb3")}},
                                 QJsonObject{{QStringLiteral("systemName"), QStringLiteral("nope_1234567890abc")}}}}})),
            QStringLiteral("deletes"), {211, 0, 404});
        QVERIFY(!send(api, call(QStringLiteral("getLead"), {{QStringLiteral("id"), SimStore::kGraceHopperLeadId}}))
                     .item(QStringLiteral("lead"), 0)
                     .contains(QStringLiteral("shoe_size_384c1e3eacbb3")));
        const Answer created =
            send(api, call(QStringLiteral("createFields"),
                           {{QStringLiteral("objects"),
                             QJsonArray{QJsonObject{{QStringLiteral("relationship"), QStringLiteral("lead")},
                                                    {QStringLiteral("label"), QStringLiteral("Hat size")},
                                                    {QStringLiteral("dataType"), QStringLiteral("string")}}}}}));
        verifyBatch(created, QStringLiteral("creates"), {0});
        const Answer custom = send(
            api, call(QStringLiteral("getFields"),
                      {{QStringLiteral("where"), QJsonObject{{QStringLiteral("label"), QStringLiteral("Hat size")}}}}));
        const QString systemName =
            custom.item(QStringLiteral("field"), 0).value(QStringLiteral("systemName")).toString();
        QVERIFY2(systemName.startsWith(QStringLiteral("Hat_size_")), qPrintable(systemName));
        const QJsonObject lead =
            send(api, call(QStringLiteral("getLead"), {{QStringLiteral("id"), SimStore::kGraceHopperLeadId}}))
                .item(QStringLiteral("lead"), 0);
        QCOMPARE(lead.value(systemName), QJsonValue(QString()));
    }

    void foreignKeysAndWho()
    {
        SimApi api(smallConfig());
        auto opportunity = [](const QJsonValue& owner, const QJsonValue& stage) {
            return QJsonObject{{QStringLiteral("opportunityName"), QStringLiteral("Deal")},
                               {QStringLiteral("ownerID"), owner},
                               {QStringLiteral("dealStageID"), stage},
                               {QStringLiteral("closeDate"), QStringLiteral("2024-09-30")}};
        };
        verifyBatch(send(api, call(QStringLiteral("createOpportunities"),
                                   {{QStringLiteral("objects"),
                                     QJsonArray{opportunity(SimStore::kOwnerUserId, SimStore::kFirstDealStageId),
                                                opportunity(SimStore::kOwnerUserId, 1),
                                                opportunity(SimStore::kAgencyUserId, SimStore::kFirstDealStageId)}}})),
                    QStringLiteral("creates"), {0, 303, 212});
        auto callObject = [](const QJsonValue& lead) {
            return QJsonObject{{QStringLiteral("userID"), SimStore::kOwnerUserId},
                               {QStringLiteral("leadID"), lead},
                               {QStringLiteral("direction"), QStringLiteral("outbound")},
                               {QStringLiteral("createTimestamp"), QStringLiteral("2024-03-14 15:09:26")}};
        };
        verifyBatch(send(api, call(QStringLiteral("logCalls"),
                                   {{QStringLiteral("objects"),
                                     QJsonArray{callObject(SimStore::kGraceHopperLeadId), callObject(1)}}})),
                    QStringLiteral("creates"), {0, 220});
        verifyBatch(send(api, call(QStringLiteral("createTasks"),
                                   {{QStringLiteral("objects"),
                                     QJsonArray{QJsonObject{{QStringLiteral("whoID"), SimStore::kGraceHopperLeadId},
                                                            {QStringLiteral("subject"), QStringLiteral("Call back")}},
                                                QJsonObject{{QStringLiteral("whoID"), 2}},
                                                QJsonObject{{QStringLiteral("subject"), QStringLiteral("who?")}}}}})),
                    QStringLiteral("creates"), {0, 220, 220});
        verifyBatch(
            send(api, call(QStringLiteral("createEvents"),
                           {{QStringLiteral("objects"),
                             QJsonArray{QJsonObject{{QStringLiteral("leadID"), SimStore::kGraceHopperLeadId},
                                                    {QStringLiteral("eventName"), QStringLiteral("Visited")},
                                                    {QStringLiteral("eventSource"), QStringLiteral("web")}},
                                        QJsonObject{{QStringLiteral("leadID"), SimStore::kGraceHopperLeadId},
                                                    {QStringLiteral("eventSource"), QStringLiteral("pigeon")}}}}})),
            QStringLiteral("creates"), {0, 219});
    }

    void agencyAndReseller()
    {
        SimApi api(smallConfig());
        const QJsonObject client{{QStringLiteral("companyName"), QStringLiteral("Babbage & Co")},
                                 {QStringLiteral("salesPhone"), QStringLiteral("+44 20 7946 0000")}};
        auto with = [&](const QJsonObject& extra) {
            QJsonObject o = client;
            for (auto it = extra.begin(); it != extra.end(); ++it)
                o.insert(it.key(), it.value());
            return o;
        };
        verifyApiError(
            send(api, call(QStringLiteral("createClient"), with({{QStringLiteral("country"), QStringLiteral("UK")}})),
                 kAgency),
            215);
        verifyApiError(
            send(api, call(QStringLiteral("createClient"), with({{QStringLiteral("locale"), QStringLiteral("en_GB")}})),
                 kAgency),
            217);
        verifyApiError(
            send(api, call(QStringLiteral("createClient"), with({{QStringLiteral("salesStartHour"), 25}})), kAgency),
            217);
        verifyApiError(send(api,
                            call(QStringLiteral("createClient"),
                                 with({{QStringLiteral("userEmail"), QStringLiteral("a@b.example")}})),
                            kAgency),
                       223);
        const QJsonObject user{{QStringLiteral("userPassword"), QStringLiteral("pw-12345678")},
                               {QStringLiteral("userDisplayName"), QStringLiteral("Ada")}};
        QJsonObject bad = with(user);
        bad.insert(QStringLiteral("userEmail"), QStringLiteral("ada"));
        verifyApiError(send(api, call(QStringLiteral("createClient"), bad), kAgency), 218);
        QJsonObject taken = with(user);
        taken.insert(QStringLiteral("userEmail"), QStringLiteral("sam.sample@northwind-demo.example"));
        verifyApiError(send(api, call(QStringLiteral("createClient"), taken), kAgency), 221);
        verifyApiError(send(api, call(QStringLiteral("createClient"), client)), 305);
        QJsonObject good = with(user);
        good.insert(QStringLiteral("userEmail"), QStringLiteral("ada@babbage.example"));
        good.insert(QStringLiteral("country"), QStringLiteral("GB"));
        verifyBatch(send(api, call(QStringLiteral("createClient"), good), kAgency), QStringLiteral("creates"), {0});
        // The login is taken now.
        verifyApiError(send(api, call(QStringLiteral("createClient"), good), kAgency), 221);

        const Answer clients = send(api, call(QStringLiteral("getClients"), {}), kAgency);
        QCOMPARE(clients.list(QStringLiteral("getAllcompanyProfileManagedBys")).size(), 4);
        QCOMPARE(clients.json.value(QStringLiteral("hasMore")), QJsonValue(false));
        QCOMPARE(send(api, call(QStringLiteral("getClients"), {}))
                     .list(QStringLiteral("getAllcompanyProfileManagedBys"))
                     .size(),
                 0);

        verifyApiError(send(api,
                            call(QStringLiteral("updateAccountSendLimit"),
                                 {{QStringLiteral("clientID"), SimStore::kFirstSubAccountCompanyId},
                                  {QStringLiteral("emailLimit"), 5}}),
                            kAgency),
                       216);
        verifyBatch(send(api,
                         call(QStringLiteral("updateAccountSendLimit"),
                              {{QStringLiteral("clientID"), SimStore::kFirstClientCompanyId},
                               {QStringLiteral("emailLimit"), 5}}),
                         kAgency),
                    QStringLiteral("updates"), {0});

        auto sending = [&](const QJsonValue& ids, const char* account) {
            return send(api, call(QStringLiteral("disableAccountSending"), {{QStringLiteral("accountIDs"), ids}}),
                        account);
        };
        verifyApiError(sending(QJsonArray(), kReseller), 304);
        verifyApiError(sending(QJsonArray{SimStore::kFirstSubAccountCompanyId}, kCredentials), 305);
        verifyApiError(sending(QJsonArray{SimStore::kFirstClientCompanyId}, kReseller), 306);
        verifyApiError(sending(QJsonArray{12345}, kReseller), 307);
        verifyBatch(sending(QJsonArray{SimStore::kFirstSubAccountCompanyId}, kReseller), QStringLiteral("updates"),
                    {0});
        const QJsonObject sub = send(api, call(QStringLiteral("getClients"), {}), kReseller)
                                    .item(QStringLiteral("getAllcompanyProfileManagedBys"), 0);
        QCOMPARE(sub.value(QStringLiteral("isSendingEnabled")).toString(), QStringLiteral("0"));
    }

    void resultKeysOfTheDocumentedGotchas_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("hasMore");
        const QJsonObject where{{QStringLiteral("where"), QJsonObject()}};
        QTest::newRow("getDealStages") << QStringLiteral("getDealStages") << where << QStringLiteral("dealStage")
                                       << false;
        QTest::newRow("getEvents") << QStringLiteral("getEvents") << where << QStringLiteral("event") << false;
        QTest::newRow("getEmailListing") << QStringLiteral("getEmailListing") << where
                                         << QStringLiteral("getAllemailListings") << true;
        QTest::newRow("getUnsubscribeCategories") << QStringLiteral("getUnsubscribeCategories") << QJsonObject()
                                                  << QStringLiteral("getAllunsubscribeCategorys") << true;
        QTest::newRow("getOpportunityLeads")
            << QStringLiteral("getOpportunityLeads") << where << QStringLiteral("getWhereopportunityLeads") << false;
        QTest::newRow("getEmailJobs") << QStringLiteral("getEmailJobs") << QJsonObject()
                                      << QStringLiteral("getAllgetEmailJobss") << false;
        QTest::newRow("getUserProfiles") << QStringLiteral("getUserProfiles") << where << QStringLiteral("userProfile")
                                         << false;
        QTest::newRow("getCampaigns") << QStringLiteral("getCampaigns") << where << QStringLiteral("campaign") << false;
        QTest::newRow("getAccounts") << QStringLiteral("getAccounts") << where << QStringLiteral("account") << false;
        QTest::newRow("getOpportunities")
            << QStringLiteral("getOpportunities") << where << QStringLiteral("opportunity") << false;
        QTest::newRow("getFields") << QStringLiteral("getFields") << where << QStringLiteral("field") << false;
    }
    void resultKeysOfTheDocumentedGotchas()
    {
        QFETCH(QString, method);
        QFETCH(QJsonObject, params);
        QFETCH(QString, key);
        QFETCH(bool, hasMore);
        SimApi api(smallConfig());
        const Answer a = send(api, call(method, params));
        QCOMPARE(a.apiCode(), 0);
        QVERIFY2(!a.list(key).isEmpty(), a.body().left(300).constData());
        QCOMPARE(a.json.contains(QStringLiteral("hasMore")), hasMore);
        for (const QJsonValue& item : a.list(key)) {
            const QJsonObject o = item.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                QVERIFY2(it.value().isString() || it.value().isNull(), qPrintable(it.key()));
        }
    }

    void knownByNameOnlyIsAcceptedNotInvalid()
    {
        SimApi api(smallConfig());
        const Answer a = send(api, call(QStringLiteral("getProducts"), {{QStringLiteral("anything"), 1}}));
        QCOMPARE(a.status(), 200);
        QCOMPARE(a.apiCode(), 0);
        QCOMPARE(a.json.value(QStringLiteral("result")), QJsonValue(QJsonObject()));
        QVERIFY(a.header("X-Simulator-Note").contains("known by name only"));
    }
};

QTEST_GUILESS_MAIN(TestSimApi)
#include "tst_simapi.moc"
