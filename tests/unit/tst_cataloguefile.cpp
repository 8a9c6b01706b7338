#include "CatalogueFile.h"
#include "ErrorCatalog.h"
#include "MethodCatalog.h"
#include "ScenarioCatalog.h"

#include <QTemporaryDir>
#include <QtTest>

// The three catalogue loaders read and parse through CatalogueFile and so fail alike: one plain
// message naming the file (and the offset, line and column of a JSON error), kept by the
// catalogue as loadError() and validationErrors(). A broken built-in catalogue is never silently
// an empty one.
class TestCatalogueFile : public QObject
{
    Q_OBJECT

private:
    struct Loaded
    {
        bool ok = false;
        QStringList errors;
        QString loadError;
        int size = 0;
    };

    template<class Catalogue>
    static Loaded loaded(const Catalogue& catalogue, bool ok, int size)
    {
        return Loaded{ok, catalogue.validationErrors(), catalogue.loadError(), size};
    }

    // Loads `json` with the loader of `kind` (errors, methods, scenarios), from memory or from a
    // file of that name.
    static Loaded load(const QString& kind, const QByteArray& json, const QString& path = QString())
    {
        auto run = [&](auto& catalogue) {
            return path.isEmpty() ? catalogue.loadFromJson(json) : catalogue.loadFromFile(path);
        };
        if (kind == QLatin1String("errors")) {
            ErrorCatalog c;
            const bool ok = run(c);
            return loaded(c, ok, int(c.entries().size()));
        }
        if (kind == QLatin1String("methods")) {
            MethodCatalog c;
            const bool ok = run(c);
            return loaded(c, ok, int(c.methods().size()));
        }
        ScenarioCatalog c;
        const bool ok = run(c);
        return loaded(c, ok, int(c.codes().size()));
    }

    static Loaded builtin(const QString& kind)
    {
        if (kind == QLatin1String("errors"))
            return loaded(ErrorCatalog::builtin(), true, int(ErrorCatalog::builtin().entries().size()));
        if (kind == QLatin1String("methods"))
            return loaded(MethodCatalog::builtin(), true, int(MethodCatalog::builtin().methods().size()));
        return loaded(ScenarioCatalog::builtin(), true, int(ScenarioCatalog::builtin().codes().size()));
    }

private slots:
    void builtinLoads_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("minimum");
        QTest::newRow("errors.json") << "errors" << 60;
        QTest::newRow("methods.json") << "methods" << 100;
        QTest::newRow("scenarios.json") << "scenarios" << 30;
    }
    void builtinLoads()
    {
        QFETCH(QString, kind);
        QFETCH(int, minimum);
        const Loaded catalogue = builtin(kind);
        QCOMPARE(catalogue.loadError, QString());
        QVERIFY2(catalogue.errors.isEmpty(), qPrintable(catalogue.errors.join(QLatin1Char('\n'))));
        QVERIFY2(catalogue.size >= minimum, qPrintable(QString::number(catalogue.size)));
    }

    void brokenCatalogue_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("fatal"); // nothing could be parsed: loadError() is the message
        // kind, its list of entries
        const QList<QPair<const char*, const char*>> kinds = {
            {"errors", "entries"}, {"methods", "methods"}, {"scenarios", "scenarios"}};
        for (const auto& [kind, key] : kinds) {
            const QString name = QLatin1String(kind) + QStringLiteral(".json");
            // Cut after the list's opening bracket: the parser stops at the end, on line 2.
            const QByteArray truncated = "{\"schema\": 1,\n \"" + QByteArray(key) + "\": [";
            QTest::addRow("%s: truncated", kind)
                << QString::fromLatin1(kind) << truncated
                << name + QStringLiteral(": unterminated array at offset %1 (line 2, column %2)")
                              .arg(truncated.size())
                              .arg(truncated.size() - truncated.indexOf('\n'))
                << true;
            QTest::addRow("%s: array at the top", kind)
                << QString::fromLatin1(kind) << QByteArray("[{\"schema\": 1}]")
                << name + QStringLiteral(": the top level must be an object (an array is not an object)") << true;
            QTest::addRow("%s: no list", kind)
                << QString::fromLatin1(kind) << QByteArray("{\"schema\": 1, \"version\": \"x\"}")
                << name + QStringLiteral(": '") + QLatin1String(key) + QStringLiteral("' must be a non-empty list")
                << false;
        }
        QTest::newRow("errors: entry without name")
            << "errors" << QByteArray("{\"schema\": 1, \"version\": \"x\", \"entries\": [{\"code\": 105}]}")
            << "errors.json entry 0 (105): 'name' must be a non-empty string" << false;
        QTest::newRow("methods: method without name")
            << "methods" << QByteArray("{\"schema\": 1, \"version\": \"x\", \"methods\": [{\"area\": \"x\"}]}")
            << "methods.json: a method without name" << false;
        QTest::newRow("scenarios: scenario without title")
            << "scenarios"
            << QByteArray("{\"version\": \"x\", \"scenarios\": [{\"code\": 105, \"level\": \"api\", \"path\": \"/\", "
                          "\"body\": {}}]}")
            << "scenarios[0] (code 105): `title` is missing" << false;
    }
    void brokenCatalogue()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QFETCH(bool, fatal);
        const Loaded catalogue = load(kind, json);
        QVERIFY(!catalogue.ok);
        QCOMPARE(catalogue.errors.value(0), message);
        QCOMPARE(catalogue.loadError, fatal ? message : QString());
        if (fatal)
            QCOMPARE(catalogue.size, 0);

        // From a file: the same message, named after the file.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(kind + QStringLiteral(".json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json);
        file.close();
        QCOMPARE(load(kind, json, path).errors.value(0), message);
    }

    void missingFile_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("errors") << "errors";
        QTest::newRow("methods") << "methods";
        QTest::newRow("scenarios") << "scenarios";
    }
    void missingFile()
    {
        QFETCH(QString, kind);
        const QString path = QStringLiteral("/nonexistent/%1.json").arg(kind);
        const Loaded catalogue = load(kind, QByteArray(), path);
        const QString message = QStringLiteral("cannot read %1: No such file or directory").arg(path);
        QVERIFY(!catalogue.ok);
        QCOMPARE(catalogue.errors, QStringList{message});
        QCOMPARE(catalogue.loadError, message);
        QCOMPARE(catalogue.size, 0);
    }

    void parsePositions_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("object") << QByteArray("{\"a\": 1}") << QString();
        QTest::newRow("empty") << QByteArray() << "x.json: illegal value at offset 0 (line 1, column 1)";
        QTest::newRow("third line") << QByteArray("{\n  \"a\": 1,\n  \"b\": }")
                                    << "x.json: object is missing after a comma at offset 20 (line 3, column 9)";
        QTest::newRow("missing comma") << QByteArray("{\"a\": 1 \"b\": 2}")
                                       << "x.json: unterminated object at offset 9 (line 1, column 10)";
    }
    void parsePositions()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const CatalogueFile::Root root = CatalogueFile::parse(json, QStringLiteral("x.json"));
        QCOMPARE(root.error, error);
        QCOMPARE(root.object.has_value(), error.isEmpty());
    }

    void resourceIsReadInPlace()
    {
        QString error;
        const std::optional<QByteArray> bytes = CatalogueFile::read(QStringLiteral(":/leadgen/methods.json"), &error);
        QVERIFY2(bytes, qPrintable(error));
        QVERIFY(bytes->startsWith('{'));
        QVERIFY(CatalogueFile::load(QStringLiteral(":/leadgen/methods.json")).object.has_value());
    }
};

QTEST_GUILESS_MAIN(TestCatalogueFile)
#include "tst_cataloguefile.moc"
