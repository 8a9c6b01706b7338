#include "ErrorCatalog.h"
#include "ErrorCatalogSchema.h"
#include "ErrorEntryFormatter.h"
#include "ErrorSearchIndex.h"
#include "ErrorSearchText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

// The pieces behind ErrorCatalog, each on its own: the text normalisation of the search
// (ErrorSearchText), the index (ErrorSearchIndex), the entry forms (ErrorEntryFormatter) and the
// schema (ErrorCatalogSchema). tst_errorcatalog covers them together through the façade.
class TestErrorCatalogParts : public QObject
{
    Q_OBJECT

private:
    static QJsonObject entryJson(int code) { return ErrorCatalog::builtin().byCode(code)->toJson(); }

private slots:
    // --- ErrorSearchText ------------------------------------------------------------------------

    void tokenize_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("tokens");
        QTest::addColumn<QStringList>("normalized");
        QTest::newRow("snake") << "RATE_LIMIT" << QStringList{"rate", "limit"} << QStringList{"rate", "limit"};
        QTest::newRow("plurals") << "Leads limits class" << QStringList{"leads", "limits", "class"}
                                 << QStringList{"lead", "limit", "class"};
        QTest::newRow("digits kept") << "error 105s" << QStringList{"error", "105s"} << QStringList{"error", "105s"};
        QTest::newRow("empty") << "  --  " << QStringList() << QStringList();
    }
    void tokenize()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, tokens);
        QFETCH(QStringList, normalized);
        QCOMPARE(ErrorSearchText::tokenize(text), tokens);
        QCOMPARE(ErrorSearchText::normalizedTokens(text), normalized);
        QCOMPARE(ErrorSearchText::normalizedPhrase(text), normalized.join(QLatin1Char(' ')));
    }

    void normalizedMessage_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("period") << "Entry already exists."
                                << "entry already exists";
        QTest::newRow("spaces and colon") << "  Missing   fields:  "
                                          << "missing fields";
        QTest::newRow("empty") << ""
                               << "";
    }
    void normalizedMessage()
    {
        QFETCH(QString, text);
        QFETCH(QString, normalized);
        QCOMPARE(ErrorSearchText::normalizedMessage(text), normalized);
    }

    void wordClasses()
    {
        QVERIFY(ErrorSearchText::isDigits(QStringLiteral("105")));
        QVERIFY(!ErrorSearchText::isDigits(QStringLiteral("10a")));
        QVERIFY(!ErrorSearchText::isDigits(QString()));
        QVERIFY(ErrorSearchText::looksLikeMethod(QStringLiteral("getleads")));
        QVERIFY(!ErrorSearchText::looksLikeMethod(QStringLiteral("getx")));     // too short after the verb
        QVERIFY(!ErrorSearchText::looksLikeMethod(QStringLiteral("throttle"))); // no verb
        QVERIFY(ErrorSearchText::stopWords().contains(QStringLiteral("error")));
    }

    // --- ErrorSearchIndex -----------------------------------------------------------------------

    void searchIndexOnItsOwn_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("first");
        QTest::newRow("code") << "105"
                              << "105";
        QTest::newRow("name") << "ENTRY_EXISTS"
                              << "301";
        QTest::newRow("words") << "duplicate"
                               << "301";
        QTest::newRow("situation") << "http_401_text"
                                   << "http_401_text";
    }
    void searchIndexOnItsOwn()
    {
        QFETCH(QString, query);
        QFETCH(QString, first);
        const ErrorCatalog& catalog = ErrorCatalog::builtin();
        const ErrorSearchIndex index(catalog);
        const QList<ErrorCatalog::Match> matches = index.search(catalog, query);
        QVERIFY(!matches.isEmpty());
        QCOMPARE(matches.first().entry->displayId(), first);
        // The façade gives the same answer.
        QCOMPARE(catalog.search(query).first().entry, matches.first().entry);
    }

    // Matches point into the catalogue searched, so a copy's index serves the copy.
    void searchIndexServesCopies()
    {
        const ErrorCatalog copy = ErrorCatalog::builtin();
        const ErrorSearchIndex index(ErrorCatalog::builtin());
        const QList<ErrorCatalog::Match> matches = index.search(copy, QStringLiteral("duplicate"));
        QVERIFY(!matches.isEmpty());
        QVERIFY(matches.first().entry >= copy.entries().data());
        QVERIFY(matches.first().entry < copy.entries().data() + copy.entries().size());
        QVERIFY(index.search(copy, QStringLiteral("   ")).isEmpty());
    }

    // --- ErrorEntryFormatter --------------------------------------------------------------------

    void formatterForms()
    {
        const ErrorEntry& e = *ErrorCatalog::builtin().byCode(301);
        QCOMPARE(ErrorEntryFormatter::toJson(e).value(QStringLiteral("code")).toInt(), 301);
        QVERIFY(ErrorEntryFormatter::toJson(e).value(QStringLiteral("key")).isNull());
        QVERIFY(ErrorEntryFormatter::toMarkdown(e).startsWith(QStringLiteral("### 301 `ENTRY_EXISTS`")));
        QVERIFY(ErrorEntryFormatter::levelLabel(e).startsWith(QStringLiteral("per-object")));
        QVERIFY(ErrorEntryFormatter::exampleText(e).contains(QStringLiteral("\"creates\"")));
        QCOMPARE(ErrorEntryFormatter::toPlainText(e, 10), ErrorEntryFormatter::toPlainText(e, 30)); // at least 30
        for (const QString& line : ErrorEntryFormatter::toPlainText(e, 40).split(QLatin1Char('\n')))
            QVERIFY2(line.size() <= 40, qPrintable(line));
        const ErrorEntry& transport = *ErrorCatalog::builtin().byKey(QStringLiteral("transport_dns"));
        QVERIFY(ErrorEntryFormatter::toJson(transport).value(QStringLiteral("example_http_status")).isNull());
        QVERIFY(ErrorEntryFormatter::toPlainText(transport, 80).contains(QStringLiteral("no HTTP response")));
    }

    // --- ErrorCatalogSchema ---------------------------------------------------------------------

    void schemaRoot_data()
    {
        QTest::addColumn<QByteArray>("root");
        QTest::addColumn<QStringList>("problems");
        QTest::newRow("fine") << QByteArray("{\"schema\": 1, \"version\": \"1\", \"entries\": [{}]}") << QStringList();
        QTest::newRow("all wrong") << QByteArray("{\"schema\": 2}")
                                   << QStringList{"errors.json: 'schema' must be 1",
                                                  "errors.json: 'version' must be a non-empty string",
                                                  "errors.json: 'entries' must be a non-empty list"};
    }
    void schemaRoot()
    {
        QFETCH(QByteArray, root);
        QFETCH(QStringList, problems);
        QStringList found;
        ErrorCatalogSchema::checkRoot(QJsonDocument::fromJson(root).object(), found);
        QCOMPARE(found, problems);
    }

    void schemaEntry()
    {
        QStringList problems;
        const QJsonObject good = entryJson(105);
        QJsonObject numeric = good;
        numeric.remove(QStringLiteral("key"));
        const std::optional<ErrorEntry> entry = ErrorCatalogSchema::parseEntry(numeric, QStringLiteral("e"), problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QVERIFY(entry);
        QCOMPARE(entry->code, 105);

        numeric.insert(QStringLiteral("causes"), QJsonArray{QStringLiteral("only one")});
        QVERIFY(ErrorCatalogSchema::parseEntry(numeric, QStringLiteral("e"), problems)); // still loaded
        QCOMPARE(problems, QStringList{QStringLiteral("e: 'causes' needs at least 2 items, has 1")});

        problems.clear();
        QVERIFY(!ErrorCatalogSchema::parseEntry(QJsonObject{{QStringLiteral("code"), QStringLiteral("x")}},
                                                QStringLiteral("e"), problems));
        QVERIFY(
            problems.contains(QStringLiteral("e: 'code' must be an integer from 100 to 999, or null with a 'key'")));
        QCOMPARE(ErrorCatalogSchema::entryWhere(QJsonObject{{QStringLiteral("key"), QStringLiteral("html_page")}}, 3),
                 QStringLiteral("errors.json entry 3 (html_page)"));
        QCOMPARE(ErrorCatalogSchema::entryWhere(QJsonValue(7), 4), QStringLiteral("errors.json entry 4 (?)"));
    }

    void schemaReferences()
    {
        QStringList problems;
        ErrorCatalogSchema::checkReferences(ErrorCatalog::builtin(), problems);
        QCOMPARE(problems, QStringList());
    }
};

QTEST_GUILESS_MAIN(TestErrorCatalogParts)
#include "tst_errorcatalogparts.moc"
