#include "JsonScalar.h"
#include "MethodCatalog.h"
#include "SimCall.h"
#include "SimStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

// JsonScalar::text is the one text form of a JSON scalar: the linter's allowed-value and length
// checks (MethodCatalog::paramsProblems) and the simulator's (SimCall) both use it, so they accept
// and reject the same values.
class TestJsonScalar : public QObject
{
    Q_OBJECT

private:
    // The value of "v" in a JSON text, parsed the way requests are.
    static QJsonValue parsed(const QByteArray& json)
    {
        return QJsonDocument::fromJson("{\"v\":" + json + '}').object().value(QStringLiteral("v"));
    }

    // A catalogue with one method whose params carry allowed values of every kind.
    static const MethodCatalog& catalogue()
    {
        static const MethodCatalog catalog = [] {
            MethodCatalog c;
            const bool ok = c.loadFromJson(
                "{\"schema\": 1, \"version\": \"t\", \"methods\": [{\"name\": \"getThings\", \"area\": \"x\", "
                "\"confidence\": \"inferred\", \"params\": ["
                "{\"name\": \"flag\", \"type\": \"boolean\", \"allowed\": [\"0\", \"1\"]},"
                "{\"name\": \"ratio\", \"type\": \"number\", \"allowed\": [\"0.1\", \"0.5\"]},"
                "{\"name\": \"big\", \"type\": \"integer\", \"allowed\": [\"12345678901234567\"]},"
                "{\"name\": \"size\", \"type\": \"integer\", \"allowed\": [\"1000\"]}]}]}");
            if (!ok)
                qFatal("test catalogue: %s", qPrintable(c.validationErrors().join(QLatin1Char('\n'))));
            return c;
        }();
        return catalog;
    }

private slots:
    void text_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("text");
        QTest::newRow("string") << QByteArray("\"abc\"") << "abc";
        QTest::newRow("empty string") << QByteArray("\"\"") << "";
        QTest::newRow("numeric string kept") << QByteArray("\"1.50\"") << "1.50";
        QTest::newRow("true") << QByteArray("true") << "1";
        QTest::newRow("false") << QByteArray("false") << "0";
        QTest::newRow("int") << QByteArray("42") << "42";
        QTest::newRow("negative int") << QByteArray("-7") << "-7";
        QTest::newRow("zero") << QByteArray("0") << "0";
        QTest::newRow("int beyond 2^53") << QByteArray("9007199254740993") << "9007199254740993";
        QTest::newRow("17-digit int") << QByteArray("12345678901234567") << "12345678901234567";
        QTest::newRow("int64 max") << QByteArray("9223372036854775807") << "9223372036854775807";
        QTest::newRow("integral double") << QByteArray("5.0") << "5";
        QTest::newRow("exponent integral") << QByteArray("1e3") << "1000";
        QTest::newRow("double") << QByteArray("0.1") << "0.1";
        QTest::newRow("double sum artefact") << QByteArray("0.30000000000000004") << "0.3";
        QTest::newRow("pi") << QByteArray("3.141592653589793") << "3.14159265358979";
        QTest::newRow("beyond int64") << QByteArray("1e20") << "1e+20";
        QTest::newRow("null") << QByteArray("null") << "";
        QTest::newRow("array") << QByteArray("[1]") << "";
        QTest::newRow("object") << QByteArray("{\"a\": 1}") << "";
    }
    void text()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, text);
        const QJsonValue value = parsed(json);
        QVERIFY2(!value.isUndefined(), json.constData());
        QCOMPARE(JsonScalar::text(value), text);
    }

    void undefinedIsEmpty() { QCOMPARE(JsonScalar::text(QJsonValue(QJsonValue::Undefined)), QString()); }

    // Before JsonScalar the linter wrote true as "true" and numbers with 17 digits
    // (0.10000000000000001), the simulator true as "1" and numbers with 15 digits
    // (1.23456789012346e+16): the first three rows were rejected by one and accepted by the other.
    void linterAndSimulatorAgree_data()
    {
        QTest::addColumn<QByteArray>("params");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("true vs 0/1") << QByteArray("{\"flag\": true}") << true;
        QTest::newRow("0.1 vs \"0.1\"") << QByteArray("{\"ratio\": 0.1}") << true;
        QTest::newRow("17-digit integer") << QByteArray("{\"big\": 12345678901234567}") << true;
        QTest::newRow("1e3 vs \"1000\"") << QByteArray("{\"size\": 1e3}") << true;
        QTest::newRow("false vs 0/1") << QByteArray("{\"flag\": false}") << true;
        QTest::newRow("not allowed") << QByteArray("{\"ratio\": 0.2}") << false;
        QTest::newRow("neighbour of the big one") << QByteArray("{\"big\": 12345678901234568}") << false;
    }
    void linterAndSimulatorAgree()
    {
        QFETCH(QByteArray, params);
        QFETCH(bool, accepted);
        const MethodCatalog& catalog = catalogue();
        const MethodSpec* spec = catalog.byName(QStringLiteral("getThings"));
        QVERIFY(spec);
        const QJsonObject object = QJsonDocument::fromJson(params).object();

        const QStringList problems = catalog.paramsProblems(*spec, object);
        QVERIFY2(problems.isEmpty() == accepted, qPrintable(problems.join(QLatin1Char('\n'))));

        SimConfig config;
        config.leads = 1;
        SimStore store(config);
        SimCall call(store, store.mainCompany(), *spec, object, true);
        QCOMPARE(call.validateParams(), accepted);
        if (!accepted)
            QCOMPARE(call.apiError(), 217);
    }
};

QTEST_GUILESS_MAIN(TestJsonScalar)
#include "tst_jsonscalar.moc"
