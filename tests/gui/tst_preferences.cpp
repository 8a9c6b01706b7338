#include "GuiApplication.h"
#include "InspectorSettings.h"
#include "InspectorWidget.h"
#include "MainWindow.h"
#include "PreferencesDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QtTest>

// File → Preferences: the inspector's size limits, edited in MB, applied to the running
// inspector and kept in QSettings; Cancel changes nothing; Restore defaults restores them.
class TestPreferences : public QObject
{
    Q_OBJECT

    static PreferencesDialog* openDialog(MainWindow& window)
    {
        auto* action = window.findChild<QAction*>(QStringLiteral("actionPreferences"));
        if (!action)
            return nullptr;
        action->trigger();
        return window.findChild<PreferencesDialog*>(QStringLiteral("preferencesDialog"));
    }

    static QSpinBox* spin(PreferencesDialog* dialog, const char* name)
    {
        return dialog->findChild<QSpinBox*>(QLatin1String(name));
    }

private slots:
    void initTestCase()
    {
        GuiApplication::applyIdentity();
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_preferences"));
    }

    void init() { QSettings().clear(); }

    void showsCurrentLimitsInMegabytes()
    {
        MainWindow window;
        PreferencesDialog* dialog = openDialog(window);
        QVERIFY(dialog);
        const InspectorSettings defaults;
        QCOMPARE(spin(dialog, "highlightLimit")->value(), int(defaults.highlightLimit / 1'000'000));
        QCOMPARE(spin(dialog, "prettyPrintLimit")->value(), int(defaults.prettyPrintLimit / 1'000'000));
        QCOMPARE(spin(dialog, "reopenLimit")->value(), int(defaults.reopenLimit / 1'000'000));
        QVERIFY(!dialog->findChild<QLabel*>(QStringLiteral("hint"))->text().isEmpty());
        dialog->reject();
    }

    void okAppliesAndSaves()
    {
        MainWindow window;
        PreferencesDialog* dialog = openDialog(window);
        QVERIFY(dialog);
        spin(dialog, "highlightLimit")->setValue(2);
        spin(dialog, "prettyPrintLimit")->setValue(30);
        spin(dialog, "reopenLimit")->setValue(1);
        QPushButton* ok =
            dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);
        QTest::mouseClick(ok, Qt::LeftButton);

        const InspectorSettings applied = window.inspector()->settings();
        QCOMPARE(applied.highlightLimit, qint64(2'000'000));
        QCOMPARE(applied.prettyPrintLimit, qint64(30'000'000));
        QCOMPARE(applied.reopenLimit, qint64(1'000'000));
        const InspectorSettings saved = InspectorSettings::load();
        QCOMPARE(saved.highlightLimit, applied.highlightLimit);
        QCOMPARE(saved.prettyPrintLimit, applied.prettyPrintLimit);
        QCOMPARE(saved.reopenLimit, applied.reopenLimit);
        // The next window starts with them.
        MainWindow next;
        QCOMPARE(next.inspector()->settings().prettyPrintLimit, qint64(30'000'000));
    }

    void cancelChangesNothing()
    {
        MainWindow window;
        PreferencesDialog* dialog = openDialog(window);
        QVERIFY(dialog);
        spin(dialog, "highlightLimit")->setValue(99);
        dialog->reject();
        QCOMPARE(window.inspector()->settings().highlightLimit, InspectorSettings().highlightLimit);
        QVERIFY(!QSettings().contains(QStringLiteral("Inspector/highlightLimit")));
    }

    void restoreDefaultsAndHint()
    {
        InspectorSettings custom;
        custom.highlightLimit = 40'000'000;
        custom.prettyPrintLimit = 20'000'000;
        PreferencesDialog dialog(custom);
        auto* hint = dialog.findChild<QLabel*>(QStringLiteral("hint"));
        // Colouring above the pretty-print limit cannot happen: the hint says what wins.
        QVERIFY2(hint->text().contains(QLatin1String("20 MB")), qPrintable(hint->text()));
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("restoreDefaultsButton")), Qt::LeftButton);
        QCOMPARE(dialog.settings().highlightLimit, InspectorSettings().highlightLimit);
        QCOMPARE(dialog.settings().prettyPrintLimit, InspectorSettings().prettyPrintLimit);
        QVERIFY(!hint->text().contains(QLatin1String("20 MB")));
    }

    // Every wrapped note has the lines it needs, and the database path one line with the whole
    // path in its tooltip: the form's fixed height used to cut both.
    void nothingCut()
    {
        PreferencesDialog dialog{InspectorSettings()};
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        for (const char* name : {"hint", "proxyNote"}) {
            auto* label = dialog.findChild<QLabel*>(QLatin1String(name));
            QVERIFY2(label && label->wordWrap(), name);
            QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                     qPrintable(QStringLiteral("%1: %2 px for %3")
                                    .arg(QLatin1String(name))
                                    .arg(label->height())
                                    .arg(label->heightForWidth(label->width()))));
        }
        auto* path = dialog.findChild<QLabel*>(QStringLiteral("historyPath"));
        QVERIFY(path && !path->wordWrap());
        QVERIFY(path->text().endsWith(path->toolTip()));
    }
};

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
