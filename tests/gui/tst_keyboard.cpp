#include "ComposerWidget.h"
#include "ErrorBrowserWidget.h"
#include "GuiApplication.h"
#include "MainWindow.h"
#include "ShortcutsDialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QDockWidget>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTableWidget>
#include <QTabWidget>
#include <QtTest>

#include <set>

// Keyboard use of the main window: Tab leaves the editors, every button of the error browser
// can be reached with Tab, and Help → Keyboard shortcuts lists the shortcuts the actions have.
class TestKeyboard : public QObject
{
    Q_OBJECT

    static bool showActive(MainWindow& window)
    {
        window.resize(1366, 768);
        window.show();
        QApplication::setActiveWindow(&window);
        return QTest::qWaitForWindowActive(&window);
    }

private slots:
    void initTestCase()
    {
        GuiApplication::applyIdentity();
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_keyboard"));
    }

    void init() { QSettings().clear(); }

    // Tab moves on from the params editor (and the raw body editor); Ctrl+Tab indents instead.
    void tabLeavesEditors_data()
    {
        QTest::addColumn<QString>("editorName");
        QTest::newRow("params") << QStringLiteral("paramsEdit");
        QTest::newRow("raw body") << QStringLiteral("rawBodyEdit");
        QTest::newRow("headers") << QStringLiteral("headersEdit");
    }

    void tabLeavesEditors()
    {
        QFETCH(QString, editorName);
        MainWindow window;
        QVERIFY(showActive(window));
        ComposerWidget* composer = window.composer();
        if (editorName != QLatin1String("paramsEdit")) {
            auto* tabs = composer->findChild<QTabWidget*>(QStringLiteral("requestTabs"));
            QVERIFY(tabs);
            tabs->setCurrentWidget(composer->findChild<QWidget*>(editorName == QLatin1String("rawBodyEdit")
                                                                     ? QStringLiteral("rawBodyTab")
                                                                     : QStringLiteral("headersTab")));
        }
        auto* editor = composer->findChild<QPlainTextEdit*>(editorName);
        QVERIFY(editor);
        QTRY_VERIFY(editor->isVisible());
        editor->setPlainText(QStringLiteral("{}"));
        editor->setFocus(Qt::OtherFocusReason);
        QTRY_VERIFY(editor->hasFocus());
        QTextCursor cursor = editor->textCursor();
        cursor.setPosition(1);
        editor->setTextCursor(cursor);
        QTest::keyClick(editor, Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(editor->toPlainText(), QStringLiteral("{  }"));
        QVERIFY(editor->hasFocus());
        QTest::keyClick(editor, Qt::Key_Tab);
        QCOMPARE(editor->toPlainText(), QStringLiteral("{  }"));
        QTRY_VERIFY(!editor->hasFocus());
        QVERIFY(QApplication::focusWidget());
    }

    // From the search field, Tab visits every enabled button of the error browser's entry.
    void errorBrowserButtonsReachable()
    {
        MainWindow window;
        QVERIFY(showActive(window));
        window.showErrorBrowser();
        ErrorBrowserWidget* browser = window.errorBrowser();
        QVERIFY(browser->showEntry(301));
        auto* search = browser->findChild<QLineEdit*>(QStringLiteral("searchEdit"));
        QVERIFY(search);
        search->setFocus(Qt::OtherFocusReason);
        QTRY_VERIFY(search->hasFocus());

        std::set<QString> wanted;
        const QList<QAbstractButton*> buttons = browser->findChildren<QAbstractButton*>();
        for (QAbstractButton* button : buttons) {
            if (button->isVisible() && button->isEnabled() && !button->objectName().isEmpty() &&
                !button->objectName().startsWith(QLatin1String("errorTile")) &&
                !button->objectName().startsWith(QLatin1String("qt_")))
                wanted.insert(button->objectName());
        }
        QVERIFY2(wanted.count(QStringLiteral("copyTextButton")) && wanted.count(QStringLiteral("reproduceButton")),
                 qPrintable(QStringList(wanted.begin(), wanted.end()).join(QLatin1Char(' '))));
        std::set<QString> reached;
        for (int i = 0; i < 60; ++i) {
            QWidget* focus = QApplication::focusWidget();
            QVERIFY(focus);
            if (browser->isAncestorOf(focus))
                reached.insert(focus->objectName());
            QTest::keyClick(focus, Qt::Key_Tab);
        }
        QStringList missing;
        for (const QString& name : wanted) {
            if (!reached.count(name))
                missing << name;
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char(' '))));
    }

    // Help → Keyboard shortcuts lists exactly the actions that have shortcuts, read from them.
    void shortcutsDialogFromActions()
    {
        MainWindow window;
        QVERIFY(showActive(window));
        // An action added now is listed too: the dialog is not a hand-written list.
        auto* extra = new QAction(QStringLiteral("&Probe"), &window);
        extra->setObjectName(QStringLiteral("actionProbe"));
        extra->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_F9));
        window.addAction(extra);

        auto* help = window.findChild<QMenu*>(QStringLiteral("menuHelp"));
        auto* action = window.findChild<QAction*>(QStringLiteral("actionKeyboardShortcuts"));
        QVERIFY(help && action && help->actions().contains(action));
        action->trigger();
        auto* dialog = window.findChild<ShortcutsDialog*>(QStringLiteral("shortcutsDialog"));
        QVERIFY(dialog);
        auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("shortcutsTable"));
        QVERIFY(table);

        // Rows as "name|shortcuts"; every action with a shortcut is one of them.
        QStringList listed;
        QHash<QString, QString> byName; // objectName → shortcut text
        for (int row = 0; row < table->rowCount(); ++row) {
            listed << table->item(row, 0)->data(Qt::UserRole).toString() + QLatin1Char('|') +
                          table->item(row, 1)->text();
            byName.insert(table->item(row, 0)->data(Qt::UserRole).toString(), table->item(row, 1)->text());
        }
        QStringList expected;
        QSet<QAction*> seen;
        const QList<QAction*> all = window.findChildren<QAction*>();
        for (QAction* a : all) {
            if (a->shortcuts().isEmpty() || seen.contains(a))
                continue;
            seen.insert(a);
            QStringList keys;
            for (const QKeySequence& key : a->shortcuts())
                keys << key.toString(QKeySequence::NativeText);
            expected << a->objectName() + QLatin1Char('|') + keys.join(QStringLiteral(", "));
        }
        listed.sort();
        expected.sort();
        QCOMPARE(listed, expected);
        for (const char* name : {"actionFindErrorCode", "actionSend", "actionIndent", "actionProbe"})
            QVERIFY2(byName.contains(QLatin1String(name)), name);
        QCOMPARE(byName.value(QStringLiteral("actionFindErrorCode")),
                 QKeySequence(Qt::CTRL | Qt::Key_K).toString(QKeySequence::NativeText));
    }
};

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
