#include "AppSettings.h"
#include "ComposerDraft.h"
#include "InspectorSettings.h"

#include <QSet>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

class TestAppSettings : public QObject
{
    Q_OBJECT

private:
    static QList<AppSettings::Key> allKeys()
    {
        QList<AppSettings::Key> keys;
        for (int k = 0; k <= int(AppSettings::Key::SimulatorBatchShape); ++k)
            keys << AppSettings::Key(k);
        return keys;
    }

private slots:
    // The table is indexed by the enum: every key has its own path, and the paths keep the names
    // earlier versions wrote (a user's settings survive the upgrade).
    void everyKeyHasItsOwnPath()
    {
        QSet<QString> paths;
        for (const AppSettings::Key key : allKeys()) {
            const QString path = AppSettings::path(key);
            QVERIFY2(!path.isEmpty() && path.contains(QLatin1Char('/')), qPrintable(path));
            QVERIFY2(!paths.contains(path), qPrintable(path));
            paths.insert(path);
        }
        QCOMPARE(AppSettings::path(AppSettings::Key::WindowGeometry), QStringLiteral("MainWindow/geometry"));
        QCOMPARE(AppSettings::path(AppSettings::Key::DraftTimeoutMs), QStringLiteral("composer/draft/timeoutMs"));
        QCOMPARE(AppSettings::path(AppSettings::Key::InspectorLastRequestFile),
                 QStringLiteral("Inspector/lastRequestFile"));
        QCOMPARE(AppSettings::path(AppSettings::Group::Environments), QStringLiteral("environments"));
        QCOMPARE(AppSettings::path(AppSettings::Group::RecentAccounts), QStringLiteral("composer/recentAccounts"));
    }

    void missingValuesGiveTheDefault_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<QVariant>("expected");
        QTest::newRow("getting started") << int(AppSettings::Key::GettingStartedShown) << QVariant(false);
        QTest::newRow("timeout") << int(AppSettings::Key::DraftTimeoutMs) << QVariant(ComposerDraft::kDefaultTimeoutMs);
        QTest::newRow("highlight") << int(AppSettings::Key::InspectorHighlightLimit) << QVariant(qint64(5'000'000));
        QTest::newRow("geometry") << int(AppSettings::Key::WindowGeometry) << QVariant();
    }

    void missingValuesGiveTheDefault()
    {
        QFETCH(int, key);
        QFETCH(QVariant, expected);
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        QVERIFY(!AppSettings::contains(settings, AppSettings::Key(key)));
        QCOMPARE(AppSettings::value(settings, AppSettings::Key(key)), expected);
    }

    void storesUnderItsPath()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        AppSettings::setValue(settings, AppSettings::Key::ComposerMethodList, true);
        QCOMPARE(settings.value(QStringLiteral("composer/layout/methodList")).toBool(), true);
        QVERIFY(AppSettings::contains(settings, AppSettings::Key::ComposerMethodList));
        AppSettings::remove(settings, AppSettings::Key::ComposerMethodList);
        QVERIFY(!settings.contains(QStringLiteral("composer/layout/methodList")));
    }

    // The structs that group settings start from the table's defaults.
    void structsStartFromTheTable()
    {
        const InspectorSettings inspector;
        QCOMPARE(inspector.highlightLimit,
                 AppSettings::defaultValue(AppSettings::Key::InspectorHighlightLimit).toLongLong());
        QCOMPARE(inspector.prettyPrintLimit,
                 AppSettings::defaultValue(AppSettings::Key::InspectorPrettyPrintLimit).toLongLong());
        QCOMPARE(inspector.reopenLimit, AppSettings::defaultValue(AppSettings::Key::InspectorReopenLimit).toLongLong());

        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        ComposerDraft draft;
        draft.method = QStringLiteral("getLeads");
        draft.timeoutMs = 45000;
        draft.save(settings);
        QCOMPARE(AppSettings::value(settings, AppSettings::Key::DraftMethod).toString(), QStringLiteral("getLeads"));
        const ComposerDraft back = ComposerDraft::load(settings);
        QVERIFY(back.saved);
        QCOMPARE(back.timeoutMs, 45000);
        QVERIFY(back == draft);
    }
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
