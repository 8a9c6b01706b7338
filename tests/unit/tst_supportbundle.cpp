#include "BundleAnonymizer.h"
#include "CallCapture.h"
#include "CustomerReply.h"
#include "Diagnosis.h"
#include "Gzip.h"
#include "ImportedCall.h"
#include "SupportBundle.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

// Support bundles: the round trip (same calls, bodies and findings), the file layout, the
// anonymisation (searched in the bundle's bytes, compressed and not), no secret, and the
// customer reply made from a bundled call.
class TestSupportBundle : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static HistoryRecord call(const QByteArray& request, const QString& response, qint64 id)
    {
        ImportedCall imported;
        imported.url = QStringLiteral("https://api.example.com/pubapi/v1.2/?accountID=ACC9&secretKey=CANARY-BUNDLE-88");
        imported.httpMethod = QStringLiteral("POST");
        imported.requestBody = request;
        imported.requestHeaders = {{"Content-Type", "application/json"}, {"X-Secret-Key", "CANARY-BUNDLE-88"}};
        imported.httpStatus = 200;
        imported.responseHeaders = {{"Content-Type", "application/json"}};
        imported.responseBody = TestSupport::readData(response);
        imported.timeMs = 1762077600000 + id * 1000;
        imported.elapsedMs = 40 + id;
        imported.maskSecrets();
        const Diagnosis diagnosis = imported.diagnose();
        HistoryRecord record = imported.toRecord(&diagnosis);
        record.id = id;
        return record;
    }

    static QList<HistoryRecord> calls()
    {
        const QByteArray create =
            "{\"method\":\"createLeads\",\"params\":{\"objects\":["
            "{\"emailAddress\":\"grace.hopper@navy.example\",\"firstName\":\"Grace\",\"lastName\":\"Hopperton\","
            "\"phoneNumber\":\"+1 202 555 0147\",\"street\":\"49 Cobble Lane\",\"city\":\"Arlingford\","
            "\"description\":\"Asked about the enterprise plan\"},"
            "{\"emailAddress\":\"grace.hopper@navy.example\",\"firstName\":\"Grace\",\"mobilePhoneNumber\":2025550199}"
            "]},\"id\":\"req-2\"}";
        return {call(create, QStringLiteral("responses/bodies/create_leads_partial.json"), 11),
                call("{\"method\":\"getLeads\",\"params\":{\"where\":{\"emailAddress\":\"grace.hopper@navy.example\"}},"
                     "\"id\":\"req-9\"}",
                     QStringLiteral("responses/bodies/api_error_105.json"), 12)};
    }

    static QByteArray plainContent(const QByteArray& file)
    {
        const qsizetype newline = file.indexOf('\n');
        QString error;
        return Gzip::decompress(QByteArrayView(file).sliced(newline + 1), 1 << 30, &error).value_or(QByteArray());
    }

private slots:
    void roundTrip()
    {
        const QList<HistoryRecord> original = calls();
        const QString path = m_dir.filePath(QStringLiteral("round.lgdbundle"));
        QString error;
        QVERIFY2(SupportBundle::make(original, false).write(path, &error), qPrintable(error));
        const std::optional<SupportBundle> read = SupportBundle::read(path, &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->version, SupportBundle::kVersion);
        QCOMPARE(read->calls.size(), original.size());
        for (int i = 0; i < original.size(); ++i) {
            const HistoryRecord& a = original.at(i);
            const HistoryRecord& b = read->calls.at(i);
            QCOMPARE(b.toJson(true), a.toJson(true)); // the `history show --json` object, findings included
            QCOMPARE(b.requestBody, a.requestBody);   // byte for byte: opens in the inspector as recorded
            QCOMPARE(b.responseBody, a.responseBody);
            QCOMPARE(b.requestHeaders, a.requestHeaders);
            QCOMPARE(b.findings.size(), a.findings.size());
            QCOMPARE(b.toCapture().body, a.toCapture().body);
        }
        const QJsonObject json = read->toJson();
        QCOMPARE(json.value(QLatin1String("format")).toString(), QStringLiteral("lgdbundle"));
        QCOMPARE(json.value(QLatin1String("version")).toInt(), 1);
        const QJsonObject manifest = json.value(QLatin1String("manifest")).toObject();
        for (const char* key : {"app_version", "error_catalogue_version", "method_catalogue_version", "os", "created"})
            QVERIFY2(!manifest.value(QLatin1String(key)).toString().isEmpty(), key);
        QCOMPARE(json.value(QLatin1String("calls")).toArray().at(1).toObject(), original.at(1).toJson(true));
        QVERIFY(read->summary.contains(QLatin1String("| 1 |")));
        QVERIFY(read->summary.contains(QLatin1String("**301**")));
    }

    void fileLayout()
    {
        const QByteArray bytes = SupportBundle::make(calls(), false).toBytes();
        QVERIFY(bytes.startsWith("LGDBUNDLE 1\n"));
        QVERIFY(Gzip::isGzip(QByteArrayView(bytes).sliced(12)));
        const QJsonObject root = QJsonDocument::fromJson(plainContent(bytes)).object();
        QCOMPARE(root.value(QLatin1String("format")).toString(), QStringLiteral("lgdbundle"));
        QCOMPARE(root.value(QLatin1String("calls")).toArray().size(), 2);
    }

    void newerOrDamagedBundlesRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("newer") << QByteArray("LGDBUNDLE 2\n") + Gzip::compress("{}") << "newer";
        QTest::newRow("not a bundle") << QByteArray("{\"log\":{}}") << "not a support bundle";
        QTest::newRow("cut off") << SupportBundle::make(calls(), false).toBytes().chopped(40) << "content";
    }

    void newerOrDamagedBundlesRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!SupportBundle::fromBytes(bytes, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void noSecretInTheBundle()
    {
        const QByteArray bytes = SupportBundle::make(calls(), false).toBytes();
        QVERIFY(!bytes.contains("CANARY-BUNDLE-88"));
        QVERIFY(!plainContent(bytes).contains("CANARY-BUNDLE-88"));
    }

    void anonymizeLeavesNoPersonalData()
    {
        const QByteArray bytes = SupportBundle::make(calls(), true).toBytes();
        const QByteArray plain = plainContent(bytes);
        QVERIFY(!plain.isEmpty());
        for (const char* original : {"grace.hopper@navy.example", "Grace", "Hopperton", "202 555 0147", "2025550199",
                                     "Cobble Lane", "Arlingford", "enterprise plan"}) {
            QVERIFY2(!bytes.contains(original), original);
            QVERIFY2(!plain.contains(original), original);
        }
        // Ids and the API's own messages stay; the same email is the same placeholder everywhere.
        QVERIFY(plain.contains("346743252994"));
        QVERIFY(plain.contains("Entry already exists"));
        QVERIFY(plain.contains("ACC9"));
        const std::optional<SupportBundle> read = SupportBundle::fromBytes(bytes, nullptr);
        QVERIFY(read);
        QVERIFY(read->manifest.value(QLatin1String("anonymized")).toBool());
        const QJsonObject request = QJsonDocument::fromJson(read->calls.at(0).requestBody).object();
        const QJsonArray objects = request[QLatin1String("params")][QLatin1String("objects")].toArray();
        QCOMPARE(objects.at(0)[QLatin1String("emailAddress")].toString(), QStringLiteral("person1@example.invalid"));
        QCOMPARE(objects.at(1)[QLatin1String("emailAddress")].toString(), QStringLiteral("person1@example.invalid"));
        QCOMPARE(objects.at(0)[QLatin1String("firstName")], objects.at(1)[QLatin1String("firstName")]);
        const QJsonObject where = QJsonDocument::fromJson(read->calls.at(1).requestBody)
                                      .object()[QLatin1String("params")][QLatin1String("where")]
                                      .toObject();
        QCOMPARE(where.value(QLatin1String("emailAddress")).toString(), QStringLiteral("person1@example.invalid"));
        // Findings survive anonymisation.
        QCOMPARE(read->calls.at(0).codes(), QList<QVariant>{301});
    }

    void anonymizerKinds_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("email") << "emailAddress"
                               << "x@y.example"
                               << "person1@example.invalid";
        QTest::newRow("name") << "companyName"
                              << "Acme"
                              << "Name 1";
        QTest::newRow("phone digits") << "phoneNumber"
                                      << "2025550199"
                                      << "555-0101";
        QTest::newRow("address") << "zipcode"
                                 << "02139"
                                 << "Address 1";
        QTest::newRow("free text") << "description"
                                   << "likes cats"
                                   << "Text 1";
        QTest::newRow("id kept") << "ownerID"
                                 << "311"
                                 << "311";
        QTest::newRow("date kept") << "updateTimestamp"
                                   << "2024-01-02 03:04:05"
                                   << "2024-01-02 03:04:05";
        QTest::newRow("flag kept") << "active"
                                   << "1"
                                   << "1";
        QTest::newRow("status kept") << "leadStatus"
                                     << "open"
                                     << "open";
    }

    void anonymizerKinds()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        BundleAnonymizer anonymizer;
        QCOMPARE(anonymizer.anonymizeJson(value, key).toString(), expected);
    }

    void customerReplyFromABundledCall()
    {
        const QList<HistoryRecord> bundled = calls();
        const QString reply = CustomerReply::forCall(bundled.at(0));
        for (const char* part : {"### What happened", "error 301", "### Where", "2nd object", "### Why",
                                 "### What to change", "grace.hopper@navy.example"})
            QVERIFY2(reply.contains(QLatin1String(part)), part);
        for (const char* jargon : {"verdict", "finding", "$.result", "partial_failure", "CANARY"})
            QVERIFY2(!reply.contains(QLatin1String(jargon)), jargon);
        const QString auth = CustomerReply::forCall(bundled.at(1));
        QVERIFY(auth.contains(QLatin1String("error 105")));
        QVERIFY(auth.contains(QLatin1String("The request as a whole")));
    }

    void customerReplyShowsACorrectedRequest()
    {
        // A mis-cased field name: the linter renames it, and the reply shows the request fixed.
        HistoryRecord record = calls().at(0);
        record.requestBody =
            "{\"method\":\"createLeads\",\"params\":{\"objects\":[{\"emailaddress\":\"a@example.com\"},"
            "{\"emailAddress\":\"b@example.com\"}]},\"id\":\"req-2\"}";
        const QString reply = CustomerReply::forCall(record);
        QVERIFY2(reply.contains(QLatin1String("### A corrected request")), qPrintable(reply));
        QVERIFY(reply.contains(QLatin1String("```json")));
        const qsizetype corrected = reply.indexOf(QLatin1String("### A corrected request"));
        QVERIFY(!reply.mid(corrected).contains(QLatin1String("\"emailaddress\"")));
    }
};

QTEST_GUILESS_MAIN(TestSupportBundle)
#include "tst_supportbundle.moc"
