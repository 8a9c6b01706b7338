#include "ErrorCatalog.h"
#include "SimCall.h"
#include "TestSupport.h"

#include <QtTest>

// The service sends messages without the trailing period of the published table; the catalogue
// keeps the table's wording for display. Matching a message to its code ignores a trailing
// period, case and surrounding space, and the simulator sends the period-less form.
class TestErrorMessages : public QObject
{
    Q_OBJECT

private:
    static QString withoutPeriod(QString text)
    {
        while (text.endsWith(QLatin1Char('.')))
            text.chop(1);
        return text;
    }

private slots:
    void everyCode_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const QMap<int, QString> codes = TestSupport::publishedErrorCodes();
        QVERIFY(codes.size() >= 39);
        for (auto it = codes.constBegin(); it != codes.constEnd(); ++it)
            QTest::addRow("%d", it.key()) << it.key() << it.value();
    }

    void everyCode()
    {
        QFETCH(int, code);
        QFETCH(QString, message);
        const ErrorEntry* entry = ErrorCatalog::builtin().byCode(code);
        QVERIFY(entry);
        // The catalogue keeps the published wording.
        QCOMPARE(entry->message, message);
        // The simulator sends it without the trailing period.
        const QString wire = SimCall::wireMessage(code);
        QCOMPARE(wire, withoutPeriod(message));
        QVERIFY(!wire.endsWith(QLatin1Char('.')));
        // Both forms, and variants in case and spacing, match the code.
        for (const QString& variant :
             {message, wire, wire.toUpper(), wire.toLower(), QStringLiteral("  %1 \n").arg(wire),
              QStringLiteral(" %1. ").arg(wire.toLower())})
            QVERIFY2(ErrorCatalog::messageMatches(*entry, variant), qPrintable(variant));
        // Pasting the message the service sends finds the code first.
        const QList<ErrorCatalog::Match> matches = ErrorCatalog::builtin().search(wire);
        QVERIFY(!matches.isEmpty());
        bool found = false;
        for (const ErrorCatalog::Match& match : matches) {
            if (match.score < matches.first().score)
                break;
            found = found || match.entry->code == code;
        }
        QVERIFY2(found, qPrintable(wire));
    }

    void otherMessagesDoNotMatch_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("another code's message") << 205 << QStringLiteral("Missing parameters");
        QTest::newRow("a word missing") << 301 << QStringLiteral("Entry exists");
        QTest::newRow("empty") << 105 << QString();
        QTest::newRow("period only") << 105 << QStringLiteral(".");
    }

    void otherMessagesDoNotMatch()
    {
        QFETCH(int, code);
        QFETCH(QString, message);
        const ErrorEntry* entry = ErrorCatalog::builtin().byCode(code);
        QVERIFY(entry);
        QVERIFY(!ErrorCatalog::messageMatches(*entry, message));
    }
};

QTEST_GUILESS_MAIN(TestErrorMessages)
#include "tst_errormessages.moc"
