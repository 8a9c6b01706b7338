#include "ErrorCatalog.h"
#include "TestPaths.h"
#include "TestSupport.h"

#include <QtTest>

#include <functional>
#include <thread>

// resources/errors.json is the single source of error facts (docs/design.md, Catalogues): it must hold every
// seed code with its exact message, complete explanations and examples that really carry the
// code, and the loader must reject broken catalogues with a clear message. Search must rank the
// cases of the catalogue issue (codes, hex, pasted text, names, synonyms, methods, situations).
class TestErrorCatalog : public QObject
{
    Q_OBJECT

private:
    static QByteArray sourceCatalogue()
    {
        QFile file(QStringLiteral(LEADGEN_SOURCE_DIR "/resources/errors.json"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("cannot read resources/errors.json");
        return file.readAll();
    }

    // The source catalogue with one change applied, for the broken-catalogue rows.
    static QByteArray mutated(const std::function<void(QJsonObject& root, QJsonArray& entries)>& change)
    {
        QJsonObject root = QJsonDocument::fromJson(sourceCatalogue()).object();
        QJsonArray entries = root.value(QStringLiteral("entries")).toArray();
        change(root, entries);
        root.insert(QStringLiteral("entries"), entries);
        return QJsonDocument(root).toJson(QJsonDocument::Compact);
    }

    static int indexOf(const QJsonArray& entries, const QJsonValue& id)
    {
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const QJsonObject o = entries.at(i).toObject();
            if ((id.isDouble() && o.value(QStringLiteral("code")).toInt() == id.toInt()) ||
                (id.isString() && o.value(QStringLiteral("key")).toString() == id.toString()))
                return int(i);
        }
        qFatal("no entry %s in errors.json", qPrintable(id.toVariant().toString()));
    }

    // Applies `change` to the entry with this code or key.
    static QByteArray withEntry(const QJsonValue& id, const std::function<void(QJsonObject&)>& change)
    {
        return mutated([&](QJsonObject&, QJsonArray& entries) {
            const int i = indexOf(entries, id);
            QJsonObject o = entries.at(i).toObject();
            change(o);
            entries.replace(i, o);
        });
    }

    static QString ids(const QList<ErrorCatalog::Match>& matches, int count = 8)
    {
        QStringList list;
        for (const ErrorCatalog::Match& m : matches.mid(0, count))
            list.append(QStringLiteral("%1(%2: %3)").arg(m.entry->displayId()).arg(m.score).arg(m.reason));
        return list.join(QStringLiteral(", "));
    }

private slots:
    void builtinValidatesClean()
    {
        const ErrorCatalog& catalog = ErrorCatalog::builtin();
        QVERIFY2(catalog.validationErrors().isEmpty(), qPrintable(catalog.validationErrors().join(QLatin1Char('\n'))));
        QCOMPARE(catalog.loadError(), QString());
        QVERIFY(!catalog.version().isEmpty());
        QCOMPARE(int(catalog.entries().size()), 66);
    }

    void seedCodesExactlyPresent()
    {
        const QMap<int, QString> codes = TestSupport::publishedErrorCodes();
        QCOMPARE(codes.size(), 39);
        const ErrorCatalog& catalog = ErrorCatalog::builtin();
        for (auto it = codes.cbegin(); it != codes.cend(); ++it) {
            const ErrorEntry* e = catalog.byCode(it.key());
            QVERIFY2(e, qPrintable(QStringLiteral("seed code %1 missing").arg(it.key())));
            QCOMPARE(e->message, it.value());
        }
        QList<int> numeric;
        for (const ErrorEntry& e : catalog.entries()) {
            if (e.isNumeric())
                numeric.append(e.code);
        }
        QCOMPARE(numeric, codes.keys()); // no extra numeric codes, seed order
    }

    void situationKeys_data()
    {
        QTest::addColumn<QString>("key");
        for (const char* key : {"http_401_text",
                                "html_page",
                                "http_status",
                                "id_mismatch",
                                "silent_update_success",
                                "not_json",
                                "empty_body",
                                "invalid_utf8",
                                "invalid_envelope",
                                "unknown_code",
                                "code_as_string",
                                "batch_count_mismatch",
                                "has_more",
                                "quota_counters",
                                "transport_dns",
                                "transport_refused",
                                "transport_timeout",
                                "transport_tls",
                                "transport_proxy",
                                "error_empty_list",
                                "batch_error_copies",
                                "batch_failed_without_error",
                                "page_capped",
                                "end_of_results",
                                "next_page"})
            QTest::newRow(key) << QString::fromLatin1(key);
    }
    void situationKeys()
    {
        QFETCH(QString, key);
        const ErrorEntry* e = ErrorCatalog::builtin().byKey(key);
        QVERIFY(e);
        QVERIFY(!e->isNumeric());
        QCOMPARE(e->displayId(), key);
    }

    void entryComplete_data()
    {
        QTest::addColumn<QString>("id");
        for (const ErrorEntry& e : ErrorCatalog::builtin().entries())
            QTest::newRow(qPrintable(e.displayId())) << e.displayId();
    }
    void entryComplete()
    {
        QFETCH(QString, id);
        const ErrorEntry* e = ErrorCatalog::builtin().byKey(id);
        QVERIFY(e);
        QVERIFY(QRegularExpression(QStringLiteral("^[A-Z][A-Z0-9_]*$")).match(e->name).hasMatch());
        QVERIFY(!e->title.isEmpty());
        QVERIFY(!e->message.isEmpty());
        QVERIFY2(e->summary.size() >= 80, qPrintable(e->summary)); // a paragraph, not a label
        QVERIFY(e->causes.size() >= 2);
        QVERIFY(e->fixes.size() >= 2);
        for (const QString& text : e->causes + e->fixes)
            QVERIFY2(text.size() >= 15, qPrintable(text));
        QVERIFY(!e->retryHint.isEmpty());
        QVERIFY(!e->methods.isEmpty());
        QVERIFY(!e->keywords.isEmpty() || e->isNumeric());
        QVERIFY(QStringList({QStringLiteral("documented"), QStringLiteral("observed"), QStringLiteral("inferred")})
                    .contains(e->confidence));
        QVERIFY(!e->source.isEmpty());
        for (int code : e->related)
            QVERIFY2(ErrorCatalog::builtin().byCode(code), qPrintable(QString::number(code)));
        for (const QString& key : e->relatedKeys)
            QVERIFY2(ErrorCatalog::builtin().byKey(key), qPrintable(key));
        // Text that says "inferred" somewhere must not claim to be documented fact overall.
        if (e->confidence == QLatin1String("documented"))
            QVERIFY(e->source.contains(QLatin1String("vendor")));
    }

    // A source note is read by users (`explain`, the error browser): it names the vendor's
    // article, the client library or the capture in words, not by a project-internal tag, and
    // links the page where there is one.
    void sourceReadable_data() { entryComplete_data(); }
    void sourceReadable()
    {
        QFETCH(QString, id);
        const ErrorEntry* e = ErrorCatalog::builtin().byKey(id);
        QVERIFY(e);
        static const QRegularExpression tag(QStringLiteral("\\bKB-[A-Z]+\\b|\\b[A-Z]{2}\\b|\\bSAMPLES\\b|\\bSST\\b"));
        const QRegularExpressionMatch m = tag.match(e->source);
        QVERIFY2(!m.hasMatch(), qPrintable(m.captured() + QStringLiteral(" in: ") + e->source));
        // Every note that cites the vendor's error article links it.
        if (e->source.contains(QLatin1String("article on error codes")))
            QVERIFY2(e->source.contains(QLatin1String("https://")), qPrintable(e->source));
    }

    // Checked here independently of the loader's own validation: the example is a complete
    // response whose error carries the code at the entry's level.
    void exampleCarriesCode_data()
    {
        QTest::addColumn<int>("code");
        for (const ErrorEntry& e : ErrorCatalog::builtin().entries()) {
            if (e.isNumeric())
                QTest::newRow(qPrintable(e.displayId())) << e.code;
        }
    }
    void exampleCarriesCode()
    {
        QFETCH(int, code);
        const ErrorEntry* e = ErrorCatalog::builtin().byCode(code);
        QVERIFY(e);
        QVERIFY(e->example.isObject());
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(e->exampleText().toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject body = doc.object();
        QCOMPARE(body, e->example.toObject());
        QVERIFY(body.contains(QStringLiteral("result")));
        QVERIFY(body.contains(QStringLiteral("id")));
        QCOMPARE(e->exampleHttpStatus, 200);

        const QJsonValue top = body.value(QStringLiteral("error"));
        bool apiLevel = top.isObject() && top.toObject().value(QStringLiteral("code")).toInt() == code;
        if (apiLevel) {
            QVERIFY(body.value(QStringLiteral("result")).isNull());
            QVERIFY(top.toObject().value(QStringLiteral("message")).toString().startsWith(e->message));
        }
        bool objectLevel = false;
        for (const QString& key : {QStringLiteral("creates"), QStringLiteral("updates"), QStringLiteral("deletes")}) {
            for (const QJsonValue& item : body.value(QStringLiteral("result")).toObject().value(key).toArray()) {
                const QJsonObject o = item.toObject();
                if (!o.value(QStringLiteral("success")).toBool() &&
                    o.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt() == code) {
                    objectLevel = true;
                    QCOMPARE(o.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
                             e->message);
                }
            }
        }
        if (objectLevel) {
            bool repeated = false;
            for (const QJsonValue& item : top.toArray())
                repeated = repeated || item.toObject().value(QStringLiteral("code")).toInt() == code;
            QVERIFY2(repeated, "the top-level error array must repeat the per-object error");
        }
        if (e->level == QLatin1String("api"))
            QVERIFY(apiLevel);
        else if (e->level == QLatin1String("object"))
            QVERIFY(objectLevel);
        else
            QVERIFY(apiLevel || objectLevel);
    }

    void brokenCatalogueRejected_data()
    {
        // Entries that still load: every builtin one, or all but the broken one.
        const int all = int(ErrorCatalog::builtin().entries().size());
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>(
            "loaded"); // entries still loaded (incomplete ones are; unidentifiable and duplicates not)

        auto set = [](const char* field, const QJsonValue& value) {
            return [=](QJsonObject& o) { o.insert(QLatin1String(field), value); };
        };
        auto remove = [](const char* field) { return [=](QJsonObject& o) { o.remove(QLatin1String(field)); }; };
        const QJsonValue c105(105), c301(301);

        QTest::newRow("not JSON") << QByteArray("{\"schema\": 1, ") << QStringLiteral("at offset") << 0;
        QTest::newRow("top level array") << QByteArray("[]") << QStringLiteral("top level must be an object") << 0;
        QTest::newRow("no entries") << QByteArray(R"({"schema": 1, "version": "x", "entries": []})")
                                    << QStringLiteral("'entries' must be a non-empty list") << 0;
        QTest::newRow("wrong schema") << mutated([](QJsonObject& root, QJsonArray&) {
            root.insert(QStringLiteral("schema"), 2);
        }) << QStringLiteral("'schema' must be 1")
                                      << all;
        QTest::newRow("summary missing") << withEntry(c105, remove("summary")) << QStringLiteral("(105): 'summary'")
                                         << all;
        QTest::newRow("summary empty") << withEntry(c105, set("summary", QStringLiteral("  ")))
                                       << QStringLiteral("'summary' must be a non-empty string") << all;
        QTest::newRow("one cause") << withEntry(c105, set("causes", QJsonArray{QStringLiteral("Wrong key.")}))
                                   << QStringLiteral("'causes' needs at least 2 items, has 1") << all;
        QTest::newRow("one fix") << withEntry(c301, set("fixes", QJsonArray{QStringLiteral("Use updateLeads.")}))
                                 << QStringLiteral("'fixes' needs at least 2 items") << all;
        QTest::newRow("causes not strings") << withEntry(c105, set("causes", QJsonArray{1, 2}))
                                            << QStringLiteral("'causes' must hold only non-empty strings") << all;
        QTest::newRow("duplicate code") << mutated([](QJsonObject&, QJsonArray& entries) {
            QJsonObject copy = entries.at(indexOf(entries, 105)).toObject();
            copy.insert(QStringLiteral("name"), QStringLiteral("OTHER_NAME"));
            entries.append(copy);
        }) << QStringLiteral("duplicate code 105")
                                        << all;
        QTest::newRow("duplicate name") << withEntry(QJsonValue(106),
                                                     set("name", QStringLiteral("AUTHENTICATION_FAILED")))
                                        << QStringLiteral("duplicate name AUTHENTICATION_FAILED") << all - 1;
        QTest::newRow("name not UPPER_SNAKE") << withEntry(c105, set("name", QStringLiteral("authFailed")))
                                              << QStringLiteral("'name' must be UPPER_SNAKE") << all;
        QTest::newRow("code out of range") << withEntry(c105, set("code", 42))
                                           << QStringLiteral("'code' must be an integer from 100 to 999") << all - 1;
        QTest::newRow("code as string") << withEntry(c105, set("code", QStringLiteral("105")))
                                        << QStringLiteral("'code' must be an integer") << all - 1;
        QTest::newRow("situation without key") << withEntry(QJsonValue(QStringLiteral("html_page")), remove("key"))
                                               << QStringLiteral("need a lower_snake 'key'") << all - 1;
        QTest::newRow("unknown field") << withEntry(c105, set("fix", QJsonArray{QStringLiteral("x")}))
                                       << QStringLiteral("unknown field 'fix'") << all;
        QTest::newRow("bad level") << withEntry(c105, set("level", QStringLiteral("request")))
                                   << QStringLiteral("'level' \"request\" is not one of api, object, either") << all;
        QTest::newRow("bad category") << withEntry(c105, set("category", QStringLiteral("login")))
                                      << QStringLiteral("'category' \"login\"") << all;
        QTest::newRow("bad confidence") << withEntry(c105, set("confidence", QStringLiteral("certain")))
                                        << QStringLiteral("'confidence' \"certain\"") << all;
        QTest::newRow("retryable not bool") << withEntry(c105, set("retryable", QStringLiteral("no")))
                                            << QStringLiteral("'retryable' must be true or false") << all;
        QTest::newRow("methods mix star")
            << withEntry(c105, set("methods", QJsonArray{QStringLiteral("*"), QStringLiteral("getLeads")}))
            << QStringLiteral("mixes \"*\"") << all;
        QTest::newRow("method name with space")
            << withEntry(c301, set("methods", QJsonArray{QStringLiteral("create Leads")}))
            << QStringLiteral("not a method name") << all;
        QTest::newRow("related code missing") << withEntry(c105, set("related", QJsonArray{103, 108}))
                                              << QStringLiteral("related code 108 does not exist") << all;
        QTest::newRow("related to itself") << withEntry(c105, set("related", QJsonArray{105}))
                                           << QStringLiteral("related code 105 is the entry itself") << all;
        QTest::newRow("related key missing")
            << withEntry(c105, set("related_keys", QJsonArray{QStringLiteral("http_418")}))
            << QStringLiteral("related key http_418") << all;
        QTest::newRow("example missing") << withEntry(c105, remove("example"))
                                         << QStringLiteral("'example' must be a complete JSON response object") << all;
        QTest::newRow("example is text") << withEntry(c105,
                                                      set("example", QStringLiteral("User authentication failed.")))
                                         << QStringLiteral("'example' must be a complete JSON response object") << all;
        QTest::newRow("example carries another code")
            << withEntry(c105,
                         [](QJsonObject& o) {
                             QJsonObject example = o.value(QStringLiteral("example")).toObject();
                             example.insert(QStringLiteral("error"),
                                            QJsonObject{{QStringLiteral("code"), 104},
                                                        {QStringLiteral("message"), QStringLiteral("x")},
                                                        {QStringLiteral("data"), QJsonObject()}});
                             o.insert(QStringLiteral("example"), example);
                         })
            << QStringLiteral("does not carry code 105 at API") << all;
        QTest::newRow("example message differs")
            << withEntry(c105,
                         [](QJsonObject& o) {
                             QJsonObject example = o.value(QStringLiteral("example")).toObject();
                             QJsonObject error = example.value(QStringLiteral("error")).toObject();
                             error.insert(QStringLiteral("message"), QStringLiteral("Authentication failed."));
                             example.insert(QStringLiteral("error"), error);
                             o.insert(QStringLiteral("example"), example);
                         })
            << QStringLiteral("not the catalogue message") << all;
        QTest::newRow("example without id")
            << withEntry(c105,
                         [](QJsonObject& o) {
                             QJsonObject example = o.value(QStringLiteral("example")).toObject();
                             example.remove(QStringLiteral("id"));
                             o.insert(QStringLiteral("example"), example);
                         })
            << QStringLiteral("example has no 'id' member") << all;
        QTest::newRow("api entry with batch example")
            << withEntry(c105,
                         [](QJsonObject& o) {
                             o.insert(QStringLiteral("example"), ErrorCatalog::builtin().byCode(301)->example);
                         })
            << QStringLiteral("does not carry code 105") << all;
        QTest::newRow("object entry with api example")
            << withEntry(c301,
                         [](QJsonObject& o) {
                             QJsonObject example = ErrorCatalog::builtin().byCode(105)->example.toObject();
                             QJsonObject error = example.value(QStringLiteral("error")).toObject();
                             error.insert(QStringLiteral("code"), 301);
                             error.insert(QStringLiteral("message"), QStringLiteral("Entry already exists."));
                             example.insert(QStringLiteral("error"), error);
                             o.insert(QStringLiteral("example"), example);
                         })
            << QStringLiteral("does not carry code 301 at object") << all;
        QTest::newRow("batch error not repeated at top")
            << withEntry(c301,
                         [](QJsonObject& o) {
                             QJsonObject example = o.value(QStringLiteral("example")).toObject();
                             example.insert(QStringLiteral("error"), QJsonArray());
                             o.insert(QStringLiteral("example"), example);
                         })
            << QStringLiteral("does not repeat the per-object error") << all;
        QTest::newRow("http status null outside transport")
            << withEntry(QJsonValue(QStringLiteral("html_page")), set("example_http_status", QJsonValue::Null))
            << QStringLiteral("may be null only for transport") << all;
        QTest::newRow("http status out of range")
            << withEntry(c105, set("example_http_status", 42))
            << QStringLiteral("'example_http_status' must be an HTTP status") << all;
    }
    void brokenCatalogueRejected()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QFETCH(int, loaded);
        ErrorCatalog catalog;
        QStringList errors;
        QVERIFY(!catalog.loadFromJson(json, &errors));
        QCOMPARE(errors, catalog.validationErrors());
        QVERIFY2(errors.join(QLatin1Char('\n')).contains(expected), qPrintable(errors.join(QLatin1Char('\n'))));
        if (loaded >= 0)
            QCOMPARE(int(catalog.entries().size()), loaded);
        // Whatever loaded stays usable: lookups and search run on it without crashing.
        catalog.search(QStringLiteral("105"));
        catalog.search(QStringLiteral("rate limit"));
    }

    void missingFileReported()
    {
        ErrorCatalog catalog;
        QVERIFY(!catalog.loadFromFile(QStringLiteral("/nonexistent/errors.json")));
        QVERIFY(catalog.validationErrors().value(0).contains(QLatin1String("cannot read")));
        QVERIFY(catalog.search(QStringLiteral("105")).isEmpty());
    }

    void sourceFileEqualsBuiltin()
    {
        ErrorCatalog fromSource;
        QVERIFY(fromSource.loadFromJson(sourceCatalogue()));
        QCOMPARE(fromSource.entries().size(), ErrorCatalog::builtin().entries().size());
    }

    // toJson() carries every errors.json field: a catalogue rebuilt from it validates.
    void toJsonRoundTrip()
    {
        QJsonArray entries;
        for (const ErrorEntry& e : ErrorCatalog::builtin().entries()) {
            QJsonObject o = e.toJson();
            if (e.isNumeric())
                o.remove(QStringLiteral("key"));
            entries.append(o);
        }
        const QJsonObject root{{QStringLiteral("schema"), 1},
                               {QStringLiteral("version"), ErrorCatalog::builtin().version()},
                               {QStringLiteral("entries"), entries}};
        ErrorCatalog rebuilt;
        QStringList errors;
        QVERIFY2(rebuilt.loadFromJson(QJsonDocument(root).toJson(), &errors),
                 qPrintable(errors.join(QLatin1Char('\n'))));
        const QJsonObject source = QJsonDocument::fromJson(sourceCatalogue()).object();
        for (const QJsonValue& value : source.value(QStringLiteral("entries")).toArray()) {
            const QJsonObject original = value.toObject();
            const ErrorEntry* e = original.value(QStringLiteral("code")).isNull()
                                      ? rebuilt.byKey(original.value(QStringLiteral("key")).toString())
                                      : rebuilt.byCode(original.value(QStringLiteral("code")).toInt());
            QVERIFY(e);
            QJsonObject json = e->toJson();
            if (e->isNumeric())
                json.remove(QStringLiteral("key"));
            QCOMPARE(json, original);
        }
    }

    void lookups()
    {
        const ErrorCatalog& c = ErrorCatalog::builtin();
        QCOMPARE(c.byCode(105)->name, QStringLiteral("AUTHENTICATION_FAILED"));
        QCOMPARE(c.byKey(QStringLiteral("105")), c.byCode(105));
        QCOMPARE(c.byKey(QStringLiteral("http_401_text"))->name, QStringLiteral("HTTP_401_CLUSTER_ID"));
        QCOMPARE(c.byName(QStringLiteral("entry_exists")), c.byCode(301));
        QVERIFY(!c.byCode(108));
        QVERIFY(!c.byKey(QStringLiteral("nope")));
        QVERIFY(c.categories().contains(QStringLiteral("rate_limit")));
        QCOMPARE(c.byKey(QStringLiteral("transport_dns"))->exampleHttpStatus, 0);
        QVERIFY(
            c.byKey(QStringLiteral("transport_dns"))->toJson().value(QStringLiteral("example_http_status")).isNull());
        QVERIFY(c.byCode(105)->toJson().value(QStringLiteral("key")).isNull());
    }

    void messageMatches()
    {
        const ErrorEntry* e223 = ErrorCatalog::builtin().byCode(223);
        QVERIFY(ErrorCatalog::messageMatches(*e223, e223->message));
        QVERIFY(ErrorCatalog::messageMatches(*e223, e223->message + QStringLiteral(" userEmail, userPassword")));
        const ErrorEntry* e105 = ErrorCatalog::builtin().byCode(105);
        QVERIFY(ErrorCatalog::messageMatches(*e105, QStringLiteral("user authentication failed")));
        QVERIFY(!ErrorCatalog::messageMatches(*e105, QStringLiteral("Authentication failed.")));
    }

    // ---------------------------------------------------------------------------------------
    // Search

    void search_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("top");      // acceptable first results
        QTest::addColumn<QStringList>("included"); // must all be among the first included.size() results
        auto L = [](std::initializer_list<const char*> items) {
            QStringList list;
            for (const char* item : items)
                list.append(QString::fromLatin1(item));
            return list;
        };
        const QString batch =
            QStringLiteral(R"({"result":{"creates":[{"success":true,"error":null,"id":346743252994},)"
                           R"({"success":false,"error":{"code":301,"message":"Entry already exists.","data":[]}},)"
                           R"({"success":false,"error":{"code":205,"message":"Invalid parameters.","data":[]}}]},)"
                           R"("error":[{"code":301,"message":"Entry already exists.","data":[]},)"
                           R"({"code":205,"message":"Invalid parameters.","data":[]}],"id":"req-2"})");

        // Codes, hex and codes in pasted text
        QTest::newRow("exact code") << QStringLiteral("105") << L({"105"}) << L({"105"});
        QTest::newRow("code with spaces") << QStringLiteral("  404 ") << L({"404"}) << L({"404"});
        QTest::newRow("hex") << QStringLiteral("0x69") << L({"105"}) << L({"105"});
        QTest::newRow("hex upper") << QStringLiteral("0X12D") << L({"301"}) << L({"301"});
        QTest::newRow("json code") << QStringLiteral("\"code\": 301") << L({"301"}) << L({"301"});
        QTest::newRow("error 105") << QStringLiteral("error 105") << L({"105"}) << L({"105"});
        QTest::newRow("error code: 213") << QStringLiteral("Error code: 213") << L({"213"}) << L({"213"});
        QTest::newRow("number in sentence") << QStringLiteral("what does 213 mean") << L({"213"}) << L({"213"});
        QTest::newRow("api-level response")
            << QStringLiteral(
                   R"({"result":null,"error":{"code":205,"message":"Invalid parameters.","data":{}},"id":"r1"})")
            << L({"205"}) << L({"205"});
        QTest::newRow("batch with two codes") << batch << L({"301"}) << L({"301", "205"});
        QTest::newRow("code as string") << QStringLiteral(R"({"error":{"code":"105","message":"x","data":{}}})")
                                        << L({"105"}) << L({"105", "code_as_string"});
        QTest::newRow("unknown code") << QStringLiteral(R"({"error":{"code":250,"message":"x"}})")
                                      << L({"unknown_code"}) << L({"unknown_code"});
        // Symbolic names and messages
        QTest::newRow("name") << QStringLiteral("ENTRY_EXISTS") << L({"301"}) << L({"301"});
        QTest::newRow("name lower case") << QStringLiteral("entry_exists") << L({"301"}) << L({"301"});
        QTest::newRow("partial name") << QStringLiteral("ENTRY") << L({"301"}) << L({"301"});
        QTest::newRow("partial name underscore")
            << QStringLiteral("TOO_MANY") << L({"209", "222"}) << L({"209", "222"});
        QTest::newRow("exact message") << QStringLiteral("Entry already exists.") << L({"301"}) << L({"301"});
        QTest::newRow("message without period") << QStringLiteral("sub account not found") << L({"307"}) << L({"307"});
        QTest::newRow("start of message") << QStringLiteral("Company not found") << L({"216"}) << L({"216"});
        // Words and synonyms
        QTest::newRow("rate limit") << QStringLiteral("rate limit") << L({"106", "107"}) << L({"106", "107"});
        QTest::newRow("throttle") << QStringLiteral("throttle") << L({"106", "107"}) << L({"106", "107"});
        QTest::newRow("too many") << QStringLiteral("too many") << L({"106", "107"}) << L({"106", "107"});
        QTest::newRow("too many requests")
            << QStringLiteral("Too many requests") << L({"106", "107"}) << L({"106", "107"});
        QTest::newRow("prefix while typing") << QStringLiteral("thrott") << L({"106", "107"}) << L({"106", "107"});
        QTest::newRow("login") << QStringLiteral("login") << L({"103", "104", "105"}) << L({"103", "104", "105"});
        QTest::newRow("credentials") << QStringLiteral("credentials") << L({"103", "104", "105"})
                                     << L({"103", "104", "105"});
        QTest::newRow("api key") << QStringLiteral("api key") << L({"103", "104", "105"}) << L({"103", "104", "105"});
        QTest::newRow("duplicate") << QStringLiteral("duplicate") << L({"301"}) << L({"301"});
        QTest::newRow("permission") << QStringLiteral("permission") << L({"305", "306"}) << L({"305", "306"});
        QTest::newRow("foreign key") << QStringLiteral("foreign key") << L({"303"}) << L({"303"});
        QTest::newRow("words across fields") << QStringLiteral("custom field delete") << L({"211"}) << L({"211"});
        // Methods
        QTest::newRow("method") << QStringLiteral("deleteFields") << L({"207", "208", "211"})
                                << L({"207", "208", "211"});
        QTest::newRow("method lower case")
            << QStringLiteral("addlistmemberemailaddress") << L({"213", "214"}) << L({"213", "214"});
        QTest::newRow("method and word") << QStringLiteral("createLeads duplicate") << L({"301"}) << L({"301"});
        QTest::newRow("misspelled method") << QStringLiteral("getLeadz") << L({"204"}) << L({"204"});
        // Situations
        QTest::newRow("situation key") << QStringLiteral("http_401_text") << L({"http_401_text"})
                                       << L({"http_401_text"});
        QTest::newRow("HTTP 401") << QStringLiteral("HTTP 401") << L({"http_401_text"}) << L({"http_401_text"});
        QTest::newRow("clusterID") << QStringLiteral("clusterID") << L({"http_401_text"}) << L({"http_401_text"});
        QTest::newRow("401 body") << QStringLiteral("Unable to determine clusterID from provided accountID/secretKey")
                                  << L({"http_401_text"}) << L({"http_401_text"});
        QTest::newRow("html") << QStringLiteral("html") << L({"html_page"}) << L({"html_page"});
        QTest::newRow("gateway") << QStringLiteral("gateway") << L({"html_page"}) << L({"html_page"});
        QTest::newRow("pasted html page") << QStringLiteral("<html><head><title>502 Bad Gateway</title></head></html>")
                                          << L({"html_page"}) << L({"html_page"});
        QTest::newRow("timeout") << QStringLiteral("timeout") << L({"transport_timeout"}) << L({"transport_timeout"});
        QTest::newRow("timed out") << QStringLiteral("timed out") << L({"transport_timeout"})
                                   << L({"transport_timeout"});
        QTest::newRow("certificate") << QStringLiteral("certificate") << L({"transport_tls"}) << L({"transport_tls"});
        QTest::newRow("hasMore") << QStringLiteral("hasMore") << L({"has_more"}) << L({"has_more"});
        QTest::newRow("silent success") << QStringLiteral("silent") << L({"silent_update_success"})
                                        << L({"silent_update_success"});
        QTest::newRow("service unavailable text")
            << QStringLiteral("Service temporarily unavailable, try again in a few minutes") << L({"not_json"})
            << L({"not_json"});
        QTest::newRow("quota counters") << QStringLiteral("callCount") << L({"quota_counters"})
                                        << L({"quota_counters"});
    }
    void search()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, top);
        QFETCH(QStringList, included);
        const QList<ErrorCatalog::Match> matches = ErrorCatalog::builtin().search(query);
        QVERIFY2(!matches.isEmpty(), "no match");
        QVERIFY2(top.contains(matches.first().entry->displayId()), qPrintable(ids(matches)));
        QStringList first;
        for (const ErrorCatalog::Match& m : matches.mid(0, included.size()))
            first.append(m.entry->displayId());
        for (const QString& id : included)
            QVERIFY2(first.contains(id), qPrintable(id + QStringLiteral(" not in ") + ids(matches)));
        // Best first, each entry once, each with a reason.
        QSet<const ErrorEntry*> seen;
        for (qsizetype i = 0; i < matches.size(); ++i) {
            QVERIFY(!matches.at(i).reason.isEmpty());
            QVERIFY(!seen.contains(matches.at(i).entry));
            seen.insert(matches.at(i).entry);
            if (i > 0)
                QVERIFY(matches.at(i - 1).score >= matches.at(i).score);
        }
    }

    // The search index is built on first use: copies share it, and first searches from several
    // threads at once build it exactly once (the analyzer runs off the GUI thread).
    void searchIndexCopiesAndThreads()
    {
        ErrorCatalog fresh;
        QVERIFY(fresh.loadFromJson(sourceCatalogue()));
        const ErrorCatalog copy = fresh;
        std::vector<std::thread> threads;
        std::vector<QString> tops(4);
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                const QList<ErrorCatalog::Match> m = (t % 2 ? copy : fresh).search(QStringLiteral("rate limit"));
                tops[size_t(t)] = m.isEmpty() ? QString() : m.first().entry->displayId();
            });
        }
        for (std::thread& thread : threads)
            thread.join();
        for (const QString& top : tops)
            QVERIFY2(top == QLatin1String("106") || top == QLatin1String("107"), qPrintable(top));
        // Matches point into the catalogue that was searched.
        QCOMPARE(copy.search(QStringLiteral("duplicate")).first().entry, copy.byCode(301));
        QCOMPARE(fresh.search(QStringLiteral("duplicate")).first().entry, fresh.byCode(301));
    }

    // Pasted text is arbitrary: fragments of responses, numbers, non-Latin text, control
    // characters. Search must stay well-formed on all of it (seeded, so failures reproduce).
    void searchSurvivesArbitraryText()
    {
        const QStringList pieces = {QStringLiteral("\"code\":"),
                                    QStringLiteral(" 301"),
                                    QStringLiteral("0x"),
                                    QStringLiteral("69"),
                                    QStringLiteral("error "),
                                    QStringLiteral("HTTP "),
                                    QStringLiteral("<html"),
                                    QStringLiteral("getLeads"),
                                    QStringLiteral("getLeadz"),
                                    QStringLiteral("ENTRY_"),
                                    QStringLiteral("rate"),
                                    QStringLiteral(" limit"),
                                    QStringLiteral("\u0000"),
                                    QStringLiteral("\t\n"),
                                    QStringLiteral("\u00e9\u20ac"),
                                    QStringLiteral("\U0001F600"),
                                    QStringLiteral("{"),
                                    QStringLiteral("]"),
                                    QStringLiteral("\""),
                                    QStringLiteral("999999999999"),
                                    QStringLiteral("-1"),
                                    QStringLiteral("_"),
                                    QStringLiteral("s"),
                                    QStringLiteral("   ")};
        QRandomGenerator random(20261125);
        const ErrorCatalog& catalog = ErrorCatalog::builtin();
        for (int round = 0; round < 3000; ++round) {
            QString query;
            const int count = random.bounded(1, 14);
            for (int i = 0; i < count; ++i)
                query += pieces.at(random.bounded(int(pieces.size())));
            if (random.bounded(4) == 0)
                query.append(QChar(char16_t(random.bounded(1, 0xD7FF))));
            const QList<ErrorCatalog::Match> matches = catalog.search(query);
            for (qsizetype i = 0; i < matches.size(); ++i) {
                QVERIFY(matches.at(i).entry);
                QVERIFY(!matches.at(i).reason.isEmpty());
                if (i > 0)
                    QVERIFY2(matches.at(i - 1).score >= matches.at(i).score, qPrintable(query));
            }
        }
    }

    void noMatch_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("empty") << QString();
        QTest::newRow("blank") << QStringLiteral("   ");
        QTest::newRow("nonsense") << QStringLiteral("zzqxv");
        QTest::newRow("unknown number") << QStringLiteral("108");
        QTest::newRow("all words must match") << QStringLiteral("duplicate zzqxv");
    }
    void noMatch()
    {
        QFETCH(QString, query);
        QVERIFY2(ErrorCatalog::builtin().search(query).isEmpty(),
                 qPrintable(ids(ErrorCatalog::builtin().search(query))));
    }

    // A method query returns the codes listing that method before those that can occur anywhere.
    void methodRanking_data()
    {
        QTest::addColumn<QString>("method");
        QTest::newRow("getLeads") << QStringLiteral("getLeads");
        QTest::newRow("createLeads") << QStringLiteral("createLeads");
        QTest::newRow("updateLeads") << QStringLiteral("updateLeads");
        QTest::newRow("createClient") << QStringLiteral("createClient");
    }
    void methodRanking()
    {
        QFETCH(QString, method);
        const QList<ErrorCatalog::Match> matches = ErrorCatalog::builtin().search(method);
        int lastSpecific = -1;
        int firstAny = int(matches.size());
        QSet<QString> listed;
        for (int i = 0; i < matches.size(); ++i) {
            const ErrorEntry* e = matches.at(i).entry;
            if (e->methods.contains(method)) {
                lastSpecific = i;
                listed.insert(e->displayId());
            } else if (e->anyMethod()) {
                firstAny = qMin(firstAny, i);
            }
        }
        QVERIFY2(lastSpecific >= 0, qPrintable(ids(matches)));
        QVERIFY2(lastSpecific < firstAny, qPrintable(ids(matches, 60)));
        for (const ErrorEntry& e : ErrorCatalog::builtin().entries()) {
            if (e.methods.contains(method))
                QVERIFY2(listed.contains(e.displayId()), qPrintable(e.displayId()));
        }
        QVERIFY(matches.first().reason.contains(method));
    }

    // ---------------------------------------------------------------------------------------
    // Text renderings

    void plainTextWraps_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("width");
        for (const ErrorEntry& e : ErrorCatalog::builtin().entries()) {
            for (int width : {40, 72, 100})
                QTest::newRow(qPrintable(QStringLiteral("%1@%2").arg(e.displayId()).arg(width)))
                    << e.displayId() << width;
        }
    }
    void plainTextWraps()
    {
        QFETCH(QString, id);
        QFETCH(int, width);
        const ErrorEntry* e = ErrorCatalog::builtin().byKey(id);
        const QString text = e->toPlainText(width);
        for (const QString& line : text.split(QLatin1Char('\n')))
            QVERIFY2(line.size() <= width,
                     qPrintable(QStringLiteral("%1 > %2: %3").arg(line.size()).arg(width).arg(line)));
        // Every part of the entry is there (compared without whitespace: wrapping moves it and
        // splits words longer than a line, such as URLs).
        auto flat = [](QString s) { return s.remove(QRegularExpression(QStringLiteral("\\s"))); };
        const QString flatText = flat(text);
        for (const QString& part : QStringList{e->name, e->message, e->summary} + e->causes + e->fixes)
            QVERIFY2(flatText.contains(flat(part)), qPrintable(part));
        if (e->example.isObject())
            QVERIFY(text.contains(QLatin1String("\"result\"")) || text.contains(QLatin1String("\"message\"")));
    }

    void markdownComplete()
    {
        for (const ErrorEntry& e : ErrorCatalog::builtin().entries()) {
            const QString md = e.toMarkdown();
            QVERIFY(md.startsWith(QStringLiteral("### ") + e.displayId()));
            for (const QString& part : QStringList{e.message, e.summary} + e.causes + e.fixes)
                QVERIFY2(md.contains(part), qPrintable(e.displayId() + QStringLiteral(": ") + part));
            if (e.example.isObject()) {
                const qsizetype start = md.indexOf(QLatin1String("```json\n"));
                QVERIFY(start > 0);
                const qsizetype end = md.indexOf(QLatin1String("\n```"), start + 8);
                QJsonParseError error;
                const QJsonDocument doc = QJsonDocument::fromJson(md.mid(start + 8, end - start - 8).toUtf8(), &error);
                QCOMPARE(error.error, QJsonParseError::NoError);
                QCOMPARE(doc.object(), e.example.toObject());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestErrorCatalog)
#include "tst_errorcatalog.moc"
