#include "CurlOptionTable.h"

#include <QSet>
#include <QtTest>

// The curl option table: long and short names, aliases, which options take a value.
class TestCurlOptionTable : public QObject
{
    Q_OBJECT

private slots:
    void byLong_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<char>("shortName");
        QTest::addColumn<int>("action");
        QTest::addColumn<bool>("takesValue");
        using A = CurlOptionTable::Action;
        QTest::newRow("data") << QStringLiteral("data") << 'd' << int(A::Data) << true;
        QTest::newRow("data-ascii: alias of -d") << QStringLiteral("data-ascii") << '\0' << int(A::Data) << true;
        QTest::newRow("data-raw") << QStringLiteral("data-raw") << '\0' << int(A::DataRaw) << true;
        QTest::newRow("request") << QStringLiteral("request") << 'X' << int(A::Method) << true;
        QTest::newRow("form-string: alias of -F") << QStringLiteral("form-string") << '\0' << int(A::Form) << true;
        QTest::newRow("location-trusted") << QStringLiteral("location-trusted") << '\0' << int(A::Location) << false;
        QTest::newRow("silent") << QStringLiteral("silent") << 's' << int(A::Ignore) << false;
        QTest::newRow("output: ignored with its value") << QStringLiteral("output") << 'o' << int(A::Ignore) << true;
        QTest::newRow("user") << QStringLiteral("user") << 'u' << int(A::BasicAuth) << true;
        QTest::newRow("http1.0") << QStringLiteral("http1.0") << '0' << int(A::Ignore) << false;
    }

    void byLong()
    {
        QFETCH(QString, name);
        QFETCH(char, shortName);
        QFETCH(int, action);
        QFETCH(bool, takesValue);
        const CurlOptionTable::Option* option = CurlOptionTable::byLong(name);
        QVERIFY(option);
        QCOMPARE(QLatin1String(option->longName), name);
        QCOMPARE(option->shortName, shortName);
        QCOMPARE(int(option->action), action);
        QCOMPARE(option->takesValue, takesValue);
        if (shortName)
            QCOMPARE(CurlOptionTable::byShort(QLatin1Char(shortName)), option);
    }

    void unknown()
    {
        QVERIFY(!CurlOptionTable::byLong(QStringLiteral("nope")));
        QVERIFY(!CurlOptionTable::byLong(QString()));
        QVERIFY(!CurlOptionTable::byLong(QStringLiteral("DATA"))); // names are case-sensitive
        QVERIFY(!CurlOptionTable::byShort(QLatin1Char('Z')));
        QVERIFY(!CurlOptionTable::byShort(QChar(0)));
        QVERIFY(!CurlOptionTable::byShort(QChar(0x00e9)));
    }

    void labels()
    {
        QCOMPARE(CurlOptionTable::byLong(QStringLiteral("data"))->label(true), QStringLiteral("-d"));
        QCOMPARE(CurlOptionTable::byLong(QStringLiteral("data"))->label(false), QStringLiteral("--data"));
        QCOMPARE(CurlOptionTable::byLong(QStringLiteral("json"))->label(true), QStringLiteral("--json"));
        QCOMPARE(QLatin1String(CurlOptionTable::url().longName), QLatin1String("url"));
        QCOMPARE(CurlOptionTable::url().action, CurlOptionTable::Action::Url);
    }

    void namesAreUnique()
    {
        QSet<QString> longNames;
        QSet<char> shortNames;
        int count = 0;
        for (const CurlOptionTable::Option* o = CurlOptionTable::begin(); o != CurlOptionTable::end(); ++o) {
            ++count;
            QVERIFY2(!longNames.contains(QLatin1String(o->longName)), o->longName);
            longNames.insert(QLatin1String(o->longName));
            QCOMPARE(CurlOptionTable::byLong(QString::fromLatin1(o->longName)), o);
            if (o->shortName) {
                QVERIFY2(!shortNames.contains(o->shortName), o->longName);
                shortNames.insert(o->shortName);
            }
        }
        QVERIFY(count > 50);
    }
};

QTEST_APPLESS_MAIN(TestCurlOptionTable)
#include "tst_curloptiontable.moc"
