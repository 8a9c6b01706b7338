#include "ComposerWidget.h"
#include "ErrorBrowserWidget.h"
#include "ErrorCatalog.h"
#include "ErrorCodeModel.h"
#include "ErrorFilterProxyModel.h"
#include "GuiApplication.h"
#include "InspectorWidget.h"
#include "JsonHighlighter.h"
#include "MainWindow.h"
#include "TestSupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTabWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QToolButton>
#include <QtTest>

// The error-code browser driven as a user would: typing, arrow keys, clicks on
// links and buttons. Search semantics come from ErrorCatalog::builtin(); the detail-pane checks
// use a small fixture catalogue (tests/data/errors-browser.json) whose content is known.
class TestErrorBrowser : public QObject
{
    Q_OBJECT

private:
    ErrorCatalog m_fixture;

    template<typename T>
    static T* child(QWidget* parent, const char* name)
    {
        auto* w = parent->findChild<T*>(QLatin1String(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }

    static QStringList visibleKeys(const QAbstractItemModel* model)
    {
        QStringList keys;
        for (int row = 0; row < model->rowCount(); ++row)
            keys << model->index(row, 0).data(ErrorCodeModel::KeyRole).toString();
        return keys;
    }
    static QStringList visibleKeys(ErrorBrowserWidget& browser)
    {
        return visibleKeys(child<QTableView>(&browser, "codeTable")->model());
    }
    static QString currentKey(ErrorBrowserWidget& browser)
    {
        return browser.currentEntry() ? browser.currentEntry()->key : QString();
    }
    static QString tableCurrentKey(ErrorBrowserWidget& browser)
    {
        return child<QTableView>(&browser, "codeTable")->currentIndex().data(ErrorCodeModel::KeyRole).toString();
    }

    // Scrolls the anchor into view and returns a point inside it (viewport coordinates).
    static QPoint anchorPoint(QTextBrowser* view, const QString& href)
    {
        QTextDocument* doc = view->document();
        for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextFragment fragment = it.fragment();
                if (fragment.charFormat().anchorHref() != href)
                    continue;
                QTextCursor cursor(doc);
                cursor.setPosition(fragment.position() + fragment.length() / 2);
                view->setTextCursor(cursor);
                view->ensureCursorVisible();
                const QRect r = view->cursorRect(cursor);
                return {r.center().x(), r.center().y()};
            }
        }
        return {-1, -1};
    }

    void selectComboData(QComboBox* combo, const QString& value)
    {
        const int index = combo->findData(value);
        QVERIFY2(index >= 0, qPrintable(value));
        combo->setCurrentIndex(index);
    }

private slots:
    void initTestCase()
    {
        GuiApplication::applyIdentity();
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_errorbrowser"));
        QSettings().clear();
        QStringList errors;
        QVERIFY2(m_fixture.loadFromJson(TestSupport::readData(QStringLiteral("errors-browser.json")), &errors),
                 qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY(!ErrorCatalog::builtin().entries().empty());
    }

    void modelUnderTester()
    {
        ErrorCodeModel model(m_fixture);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), int(m_fixture.entries().size()));
        QCOMPARE(model.columnCount(), int(ErrorCodeModel::ColumnCount));
        for (int row = 0; row < model.rowCount(); ++row) {
            const ErrorEntry& e = m_fixture.entries()[size_t(row)];
            QCOMPARE(model.index(row, ErrorCodeModel::CodeColumn).data().toString(),
                     e.isNumeric() ? QString::number(e.code) : QStringLiteral("—"));
            QVERIFY(model.index(row, ErrorCodeModel::CodeColumn)
                        .data(Qt::ToolTipRole)
                        .toString()
                        .contains(e.isNumeric() ? e.title : e.key));
            QCOMPARE(model.index(row, ErrorCodeModel::NameColumn).data().toString(), e.name);
            QCOMPARE(model.index(row, ErrorCodeModel::TitleColumn).data().toString(), e.title);
            QCOMPARE(model.index(row, ErrorCodeModel::LevelColumn).data(ErrorCodeModel::RawValueRole).toString(),
                     e.level);
            QCOMPARE(model.index(row, ErrorCodeModel::CategoryColumn).data(ErrorCodeModel::RawValueRole).toString(),
                     e.category);
            QCOMPARE(model.index(row, 0).data(ErrorCodeModel::EntryRole).value<const ErrorEntry*>(), &e);
            QCOMPARE(model.index(row, 0).data(ErrorCodeModel::CodeRole).toInt(), e.code);
            QCOMPARE(model.rowOf(&e), row);
        }
        QCOMPARE(model.rowOf(nullptr), -1);
    }

    void proxyFilters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("category");
        QTest::addColumn<QString>("level");
        QTest::addColumn<QStringList>("expected");
        const QStringList all{
            QStringLiteral("103"), QStringLiteral("104"),           QStringLiteral("105"),
            QStringLiteral("107"), QStringLiteral("301"),           QStringLiteral("302"),
            QStringLiteral("303"), QStringLiteral("http_401_text"), QStringLiteral("silent_update_success")};
        QTest::newRow("no filter: numeric codes ascending, then situations by name")
            << QString() << QString() << QString() << all;
        QTest::newRow("blank query is no query") << QStringLiteral("   ") << QString() << QString() << all;
        QTest::newRow("category auth") << QString() << QStringLiteral("auth") << QString()
                                       << QStringList{QStringLiteral("103"), QStringLiteral("104"),
                                                      QStringLiteral("105"), QStringLiteral("http_401_text")};
        QTest::newRow("level object") << QString() << QString() << QStringLiteral("object")
                                      << QStringList{QStringLiteral("301"), QStringLiteral("302"),
                                                     QStringLiteral("303")};
        QTest::newRow("category and level") << QString() << QStringLiteral("auth") << QStringLiteral("http")
                                            << QStringList{QStringLiteral("http_401_text")};
        QTest::newRow("exact code") << QStringLiteral("303") << QString() << QString()
                                    << QStringList{QStringLiteral("303")};
        QTest::newRow("situation key") << QStringLiteral("http_401_text") << QString() << QString()
                                       << QStringList{QStringLiteral("http_401_text")};
        QTest::newRow("query outside category")
            << QStringLiteral("303") << QStringLiteral("auth") << QString() << QStringList();
        QTest::newRow("nothing matches") << QStringLiteral("zzzz") << QString() << QString() << QStringList();
    }
    void proxyFilters()
    {
        QFETCH(QString, query);
        QFETCH(QString, category);
        QFETCH(QString, level);
        QFETCH(QStringList, expected);
        ErrorCodeModel model(m_fixture);
        ErrorFilterProxyModel proxy(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setQuery(query);
        proxy.setCategory(category);
        proxy.setLevel(level);
        QCOMPARE(visibleKeys(&proxy), expected);
        for (int row = 0; row < proxy.rowCount(); ++row)
            QCOMPARE(proxy.rowOf(proxy.entryAt(row)), row);
        // Back to everything.
        proxy.setQuery(QString());
        proxy.setCategory(QString());
        proxy.setLevel(QString());
        QCOMPARE(proxy.rowCount(), model.rowCount());
        QVERIFY(!proxy.hasFilter());
    }

    // The shipped catalogue without a query: codes ascending, then situations by their name.
    void builtinOrderWithoutQuery()
    {
        ErrorCodeModel model(ErrorCatalog::builtin());
        ErrorFilterProxyModel proxy(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(proxy.rowCount(), model.rowCount());
        for (int row = 1; row < proxy.rowCount(); ++row) {
            const ErrorEntry* a = proxy.entryAt(row - 1);
            const ErrorEntry* b = proxy.entryAt(row);
            if (a->isNumeric() && b->isNumeric())
                QVERIFY(a->code < b->code);
            else if (!a->isNumeric() && !b->isNumeric())
                QVERIFY2(a->name < b->name, qPrintable(a->name + QLatin1String(" / ") + b->name));
            else
                QVERIFY2(a->isNumeric(), "a situation before a numeric code");
        }
    }

    // With a query, the proxy shows exactly what ErrorCatalog::search returns, in its order.
    void proxyFollowsSearchRanking_data()
    {
        QTest::addColumn<QString>("query");
        for (const char* q : {"duplicate", "0x69", "105", "\"code\": 301", "getLeads", "auth", "limit", "not found",
                              "http_401_text", "zzzz"})
            QTest::newRow(q) << QString::fromUtf8(q);
    }
    void proxyFollowsSearchRanking()
    {
        QFETCH(QString, query);
        const ErrorCatalog& catalog = ErrorCatalog::builtin();
        ErrorCodeModel model(catalog);
        ErrorFilterProxyModel proxy(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setQuery(query);
        QStringList expected;
        for (const ErrorCatalog::Match& m : catalog.search(query)) {
            if (!expected.contains(m.entry->key))
                expected << m.entry->key;
        }
        QCOMPARE(visibleKeys(&proxy), expected);
        if (!expected.isEmpty())
            QVERIFY(!proxy.index(0, 0).data(ErrorFilterProxyModel::MatchReasonRole).toString().isEmpty());
    }

    // Typing in the search field filters the visible rows.
    void typingFilters_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("first");
        QTest::newRow("word finds 301 first") << QStringLiteral("duplicate") << QStringLiteral("301");
        QTest::newRow("hex finds 105") << QStringLiteral("0x69") << QStringLiteral("105");
        QTest::newRow("decimal") << QStringLiteral("107") << QStringLiteral("107");
        QTest::newRow("pasted code") << QStringLiteral("\"code\": 303") << QStringLiteral("303");
        QTest::newRow("symbolic name") << QStringLiteral("ENTRY_EXISTS") << QStringLiteral("301");
        QTest::newRow("situation key") << QStringLiteral("html_page") << QStringLiteral("html_page");
    }
    void typingFilters()
    {
        QFETCH(QString, typed);
        QFETCH(QString, first);
        ErrorBrowserWidget browser(ErrorCatalog::builtin());
        browser.resize(1200, 700);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        auto* search = child<QLineEdit>(&browser, "searchEdit");
        browser.focusSearch();
        QTest::keyClicks(search, typed);
        QTRY_VERIFY(!visibleKeys(browser).isEmpty() &&
                    visibleKeys(browser).size() < int(ErrorCatalog::builtin().entries().size()));
        QCOMPARE(visibleKeys(browser).first(), first);
        // The best match is selected and shown, and the count says how many matched.
        QTRY_COMPARE(currentKey(browser), first);
        QCOMPARE(child<QStackedWidget>(&browser, "resultsStack")->currentWidget()->objectName(),
                 QStringLiteral("codeTable"));
        QVERIFY(child<QLabel>(&browser, "resultCountLabel")
                    ->text()
                    .startsWith(QString::number(visibleKeys(browser).size())));
        QVERIFY(child<QTextBrowser>(&browser, "detailView")->toPlainText().contains(browser.currentEntry()->message));
    }

    void emptyState()
    {
        ErrorBrowserWidget browser(m_fixture);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        auto* stack = child<QStackedWidget>(&browser, "resultsStack");
        QTest::keyClicks(child<QLineEdit>(&browser, "searchEdit"), QStringLiteral("zzzz"));
        QTRY_COMPARE(stack->currentWidget()->objectName(), QStringLiteral("emptyState"));
        const QString text = child<QLabel>(stack, "emptyStateText")->text();
        QVERIFY2(text.contains(QLatin1String("No error code matches '<b>zzzz</b>'")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("Try a number like 105")));
        QCOMPARE(child<QLabel>(&browser, "resultCountLabel")->text(), QStringLiteral("0 of 9"));

        QTest::mouseClick(child<QPushButton>(stack, "clearFiltersButton"), Qt::LeftButton);
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("codeTable"));
        QCOMPARE(visibleKeys(browser).size(), 9);
        QVERIFY(child<QLineEdit>(&browser, "searchEdit")->text().isEmpty());

        // Filters alone can empty the list too; the message then names them.
        selectComboData(child<QComboBox>(&browser, "categoryCombo"), QStringLiteral("rate_limit"));
        selectComboData(child<QComboBox>(&browser, "levelCombo"), QStringLiteral("object"));
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("emptyState"));
        QVERIFY(child<QLabel>(stack, "emptyStateText")->text().contains(QLatin1String("rate limit")));
    }

    void categoryAndLevelCombos()
    {
        ErrorBrowserWidget browser(m_fixture);
        auto* category = child<QComboBox>(&browser, "categoryCombo");
        auto* level = child<QComboBox>(&browser, "levelCombo");
        QCOMPARE(category->itemData(0).toString(), QString()); // "All categories"
        QCOMPARE(category->count(), 1 + m_fixture.categories().size());
        QVERIFY(category->itemText(category->findData(QStringLiteral("auth"))).contains(QLatin1String("(4)")));

        selectComboData(category, QStringLiteral("auth"));
        QCOMPARE(visibleKeys(browser), (QStringList{QStringLiteral("103"), QStringLiteral("104"), QStringLiteral("105"),
                                                    QStringLiteral("http_401_text")}));
        QCOMPARE(child<QLabel>(&browser, "resultCountLabel")->text(), QStringLiteral("4 of 9"));
        // The shown entry was filtered out: the first visible one takes its place.
        QCOMPARE(currentKey(browser), QStringLiteral("103"));

        selectComboData(level, QStringLiteral("http"));
        QCOMPARE(visibleKeys(browser), QStringList{QStringLiteral("http_401_text")});
        QCOMPARE(currentKey(browser), QStringLiteral("http_401_text"));

        category->setCurrentIndex(0);
        level->setCurrentIndex(0);
        QCOMPARE(visibleKeys(browser).size(), 9);
        // The entry being read stays selected when the filter widens.
        QCOMPARE(currentKey(browser), QStringLiteral("http_401_text"));
        QCOMPARE(tableCurrentKey(browser), QStringLiteral("http_401_text"));
        QCOMPARE(child<QLabel>(&browser, "resultCountLabel")->text(), QStringLiteral("9 entries"));
    }

    void detailPaneShowsWholeEntry_data()
    {
        QTest::addColumn<QString>("key");
        for (const char* key : {"301", "105", "107", "http_401_text", "silent_update_success"})
            QTest::newRow(key) << QString::fromLatin1(key);
    }
    void detailPaneShowsWholeEntry()
    {
        QFETCH(QString, key);
        ErrorBrowserWidget browser(m_fixture);
        QVERIFY(browser.showEntry(key));
        const ErrorEntry* e = m_fixture.byKey(key);
        QCOMPARE(browser.currentEntry(), e);
        QCOMPARE(tableCurrentKey(browser), key);
        const QString text = child<QTextBrowser>(&browser, "detailView")->toPlainText();
        QVERIFY(!e->causes.isEmpty() && !e->fixes.isEmpty());
        for (const QString& expected :
             QStringList{e->displayId(), e->name, e->title, e->message, e->summary, e->retryHint, e->confidence})
            QVERIFY2(text.contains(expected), qPrintable(expected));
        for (const QString& cause : e->causes)
            QVERIFY2(text.contains(cause), qPrintable(cause));
        for (const QString& fix : e->fixes)
            QVERIFY2(text.contains(fix), qPrintable(fix));
        for (const QString& method : e->methods) {
            if (method != QLatin1String("*"))
                QVERIFY2(text.contains(method), qPrintable(method));
        }
        for (int code : e->related) {
            if (const ErrorEntry* related = m_fixture.byCode(code))
                QVERIFY2(text.contains(related->name), qPrintable(related->name));
        }
        // The whole example, pretty-printed (indented lines, not one long line).
        static const QRegularExpression space(QStringLiteral("\\s"));
        const QString example = e->exampleText();
        QVERIFY(!example.isEmpty());
        QVERIFY2(QString(text).remove(space).contains(QString(example).remove(space)), qPrintable(example));
        if (!e->example.isString())
            QVERIFY(text.contains(QLatin1String("\n    \"")));
        QVERIFY(text.contains(QStringLiteral("HTTP %1").arg(e->exampleHttpStatus)));
    }

    // Every entry of the shipped catalogue renders completely, and its related links all lead
    // somewhere.
    void everyBuiltinEntryRenders_data()
    {
        QTest::addColumn<QString>("key");
        for (const ErrorEntry& e : ErrorCatalog::builtin().entries())
            QTest::newRow(qPrintable(e.key)) << e.key;
    }
    void everyBuiltinEntryRenders()
    {
        QFETCH(QString, key);
        const ErrorCatalog& catalog = ErrorCatalog::builtin();
        ErrorBrowserWidget browser(catalog);
        QVERIFY(browser.showEntry(key));
        const ErrorEntry* e = catalog.byKey(key);
        auto* view = child<QTextBrowser>(&browser, "detailView");
        const QString text = view->toPlainText();
        auto shown = [](QString prose) { return prose.remove(QLatin1Char('`')); };
        QVERIFY(text.contains(e->name));
        QVERIFY(text.contains(e->message));
        for (const QString& line : e->causes + e->fixes)
            QVERIFY2(text.contains(shown(line)), qPrintable(line));
        const QString html = view->toHtml();
        for (int code : e->related)
            QVERIFY2(html.contains(QStringLiteral("leadgen-entry:%1").arg(code)), qPrintable(QString::number(code)));
        for (const QString& related : e->relatedKeys)
            QVERIFY2(html.contains(QStringLiteral("leadgen-entry:%1").arg(related)), qPrintable(related));
        // Where the error shows up, in the catalogue's own words, and how the example arrived.
        QVERIFY(text.contains(e->levelLabel().mid(1)));
        if (!e->exampleText().isEmpty()) {
            QVERIFY(text.contains(e->exampleHttpStatus ? QStringLiteral("HTTP %1").arg(e->exampleHttpStatus)
                                                       : QStringLiteral("no HTTP response")));
            QVERIFY(!text.contains(QLatin1String("HTTP 0")));
        }
    }

    void exampleIsHighlightedForThePalette()
    {
        ErrorBrowserWidget browser(m_fixture);
        browser.showEntry(301);
        auto* view = child<QTextBrowser>(&browser, "detailView");
        const auto lightKey = JsonHighlighter::Theme::forPalette(view->palette()).key.name();
        QVERIFY(view->toHtml().contains(lightKey, Qt::CaseInsensitive));

        QPalette dark = browser.palette();
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        browser.setPalette(dark);
        const auto darkKey = JsonHighlighter::Theme::forPalette(dark).key.name();
        QVERIFY(darkKey != lightKey);
        QVERIFY(view->toHtml().contains(darkKey, Qt::CaseInsensitive));
        QVERIFY(!view->toHtml().contains(lightKey, Qt::CaseInsensitive));
    }

    void relatedLinkNavigates()
    {
        ErrorBrowserWidget browser(m_fixture);
        browser.resize(1200, 700);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        QVERIFY(browser.showEntry(301));
        auto* view = child<QTextBrowser>(&browser, "detailView");

        QPoint p = anchorPoint(view, QStringLiteral("leadgen-entry:302"));
        QVERIFY(p.x() >= 0);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, p);
        QCOMPARE(currentKey(browser), QStringLiteral("302"));
        QCOMPARE(tableCurrentKey(browser), QStringLiteral("302"));
        QVERIFY(view->toPlainText().contains(m_fixture.byCode(302)->message));

        // A related situation key navigates too, even when the search hides it.
        browser.setQuery(QStringLiteral("301"));
        QCOMPARE(visibleKeys(browser), QStringList{QStringLiteral("301")});
        p = anchorPoint(view, QStringLiteral("leadgen-entry:silent_update_success"));
        QVERIFY(p.x() >= 0);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, p);
        QCOMPARE(currentKey(browser), QStringLiteral("silent_update_success"));
        QCOMPARE(tableCurrentKey(browser), QStringLiteral("silent_update_success"));
        QVERIFY(child<QLineEdit>(&browser, "searchEdit")->text().isEmpty());

        // Back and forward walk the entries shown.
        auto* back = child<QToolButton>(&browser, "backButton");
        QVERIFY(back->isEnabled());
        QTest::mouseClick(back, Qt::LeftButton);
        QCOMPARE(currentKey(browser), QStringLiteral("301"));
        QTest::mouseClick(back, Qt::LeftButton);
        QCOMPARE(currentKey(browser), QStringLiteral("302"));
        QTest::mouseClick(child<QToolButton>(&browser, "forwardButton"), Qt::LeftButton);
        QCOMPARE(currentKey(browser), QStringLiteral("301"));
        QCOMPARE(tableCurrentKey(browser), QStringLiteral("301"));
    }

    void methodLinkSearches()
    {
        ErrorBrowserWidget browser(m_fixture);
        browser.resize(1200, 700);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        browser.showEntry(301);
        auto* view = child<QTextBrowser>(&browser, "detailView");
        const QPoint p = anchorPoint(view, QStringLiteral("leadgen-search:createLeads"));
        QVERIFY(p.x() >= 0);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, p);
        QCOMPARE(child<QLineEdit>(&browser, "searchEdit")->text(), QStringLiteral("createLeads"));
        QCOMPARE(browser.proxyModel()->query(), QStringLiteral("createLeads"));
    }

    void copyActions()
    {
        ErrorBrowserWidget browser(m_fixture);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        browser.showEntry(301);
        const ErrorEntry* e = m_fixture.byCode(301);
        QSignalSpy status(&browser, &ErrorBrowserWidget::statusMessage);

        QTest::mouseClick(child<QToolButton>(&browser, "copyMarkdownButton"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), e->toMarkdown());
        QCOMPARE(status.size(), 1);
        QVERIFY(status.at(0).at(0).toString().contains(QLatin1String("301")));

        QTest::mouseClick(child<QToolButton>(&browser, "copyTextButton"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), e->toPlainText());

        // Ctrl+Shift+C in the list copies Markdown, Ctrl+C plain text.
        auto* table = child<QTableView>(&browser, "codeTable");
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());
        QGuiApplication::clipboard()->clear();
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), e->toMarkdown());

        // The example's own Copy link.
        auto* view = child<QTextBrowser>(&browser, "detailView");
        const QPoint p = anchorPoint(view, QStringLiteral("leadgen-action:copy-example"));
        QVERIFY(p.x() >= 0);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, p);
        QCOMPARE(QGuiApplication::clipboard()->text(), e->exampleText());
    }

    // Under the inspector the browser gets what the composer leaves: ~500 pixels in a 1024-pixel
    // window (the list stacks above the entry, short button texts), ~640-760 on a 1366-pixel
    // screen, more on a wide one (side by side, full texts). Every toolbar button stays whole, and
    // the browser never asks for more width than it has.
    void toolbarFitsWhenNarrow_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("compact"); // 1 short texts, 0 full texts, -1 whichever fits
        QTest::addColumn<int>("stacked"); // the same for the list above the entry
        QTest::newRow("560") << 560 << -1 << 1;
        QTest::newRow("640") << 640 << -1 << -1;
        QTest::newRow("720") << 720 << -1 << -1;
        QTest::newRow("1400") << 1400 << 0 << 0;
    }

    void toolbarFitsWhenNarrow()
    {
        QFETCH(int, width);
        QFETCH(int, compact);
        QFETCH(int, stacked);
        ErrorBrowserWidget browser(m_fixture);
        browser.resize(width, 500);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        browser.showEntry(301);
        QCOMPARE(browser.width(), width);
        QVERIFY2(browser.minimumSizeHint().width() <= width,
                 qPrintable(QString::number(browser.minimumSizeHint().width())));
        for (const char* name : {"backButton", "forwardButton", "copyTextButton", "copyMarkdownButton",
                                 "openExampleButton", "reproduceButton"}) {
            auto* button = child<QToolButton>(&browser, name);
            const int right = button->mapTo(&browser, QPoint(button->width(), 0)).x();
            QVERIFY2(right <= browser.width(),
                     qPrintable(QStringLiteral("%1 ends at %2").arg(QLatin1String(name)).arg(right)));
            QVERIFY2(button->width() >= button->sizeHint().width(), name);
        }
        auto* markdown = child<QToolButton>(&browser, "copyMarkdownButton");
        if (compact >= 0) {
            QCOMPARE(child<QLabel>(&browser, "copyLabel")->isVisible(), compact == 1);
            QCOMPARE(markdown->text(), compact ? QStringLiteral("Markdown") : QStringLiteral("Copy as Markdown"));
        }
        if (stacked >= 0)
            QCOMPARE(child<QSplitter>(&browser, "splitter")->orientation(), stacked ? Qt::Vertical : Qt::Horizontal);
        QVERIFY(markdown->toolTip().contains(QLatin1String("Markdown")));
    }

    void keyboardNavigation()
    {
        ErrorBrowserWidget browser(m_fixture);
        browser.resize(1200, 700);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        QVERIFY(QTest::qWaitForWindowActive(&browser));
        auto* search = child<QLineEdit>(&browser, "searchEdit");
        auto* table = child<QTableView>(&browser, "codeTable");
        browser.focusSearch();
        QTRY_VERIFY(search->hasFocus());
        QCOMPARE(currentKey(browser), QStringLiteral("103")); // first row selected at start

        QTest::keyClick(search, Qt::Key_Down);
        QCOMPARE(currentKey(browser), QStringLiteral("104"));
        QTest::keyClick(search, Qt::Key_Down);
        QCOMPARE(currentKey(browser), QStringLiteral("105"));
        QTest::keyClick(search, Qt::Key_Up);
        QCOMPARE(currentKey(browser), QStringLiteral("104"));
        QTest::keyClick(search, Qt::Key_Up);
        QTest::keyClick(search, Qt::Key_Up); // stays on the first row
        QCOMPARE(currentKey(browser), QStringLiteral("103"));
        QTest::keyClick(search, Qt::Key_PageDown);
        QCOMPARE(currentKey(browser), QStringLiteral("silent_update_success")); // the whole list fits on a page
        QVERIFY(search->hasFocus());                                            // arrows move the list, not the focus

        // Type, then Down before the debounce fires: the move is within the new results.
        QTest::keyClicks(search, QStringLiteral("http_401_text"));
        QTest::keyClick(search, Qt::Key_Down);
        QCOMPARE(visibleKeys(browser), QStringList{QStringLiteral("http_401_text")});
        QCOMPARE(currentKey(browser), QStringLiteral("http_401_text"));

        // Enter selects: focus goes to the list, the entry stays shown.
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_VERIFY(table->hasFocus());
        QCOMPARE(tableCurrentKey(browser), QStringLiteral("http_401_text"));
        // Enter in the list moves on to the detail pane.
        QTest::keyClick(table, Qt::Key_Return);
        QTRY_VERIFY(child<QTextBrowser>(&browser, "detailView")->hasFocus());

        // Typing in the list goes to the search field.
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());
        QTest::keyClick(table, Qt::Key_X);
        QTRY_VERIFY(search->hasFocus());
        QCOMPARE(search->text(), QStringLiteral("http_401_textx"));

        // Escape clears the search.
        QTest::keyClick(search, Qt::Key_Escape);
        QCOMPARE(search->text(), QString());
        QCOMPARE(visibleKeys(browser).size(), 9);
    }

    void pendingActionsSayWhy()
    {
        ErrorBrowserWidget browser(m_fixture);
        browser.showEntry(301);
        auto* open = child<QToolButton>(&browser, "openExampleButton");
        auto* reproduce = child<QToolButton>(&browser, "reproduceButton");
        QVERIFY(!open->isEnabled());
        QVERIFY(!reproduce->isEnabled());
        QVERIFY(open->toolTip().contains(QLatin1String("Not available yet")));
        QVERIFY(reproduce->toolTip().contains(QLatin1String("Not available yet")));

        QSignalSpy opened(&browser, &ErrorBrowserWidget::openExampleRequested);
        QSignalSpy reproduced(&browser, &ErrorBrowserWidget::reproduceRequested);
        browser.setInspectorAvailable(true);
        browser.setSimulatorAvailable(true);
        QVERIFY(open->isEnabled());
        QVERIFY(reproduce->isEnabled());
        QTest::mouseClick(open, Qt::LeftButton);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).value<ErrorEntry>().code, 301);
        QTest::mouseClick(reproduce, Qt::LeftButton);
        QCOMPARE(reproduced.size(), 1);
        QCOMPARE(reproduced.at(0).at(0).toInt(), 301);

        // A situation without a numeric code cannot be reproduced by code.
        browser.showEntry(QStringLiteral("http_401_text"));
        QVERIFY(!reproduce->isEnabled());
        QVERIFY(reproduce->toolTip().contains(QLatin1String("numeric")));
    }

    void showEntryRejectsUnknown()
    {
        ErrorBrowserWidget browser(m_fixture);
        browser.showEntry(105);
        QVERIFY(!browser.showEntry(998));
        QVERIFY(!browser.showEntry(QStringLiteral("no_such_key")));
        QVERIFY(!browser.showEntry(QString()));
        QCOMPARE(currentKey(browser), QStringLiteral("105"));
        QVERIFY(browser.showEntry(QStringLiteral(" 303 ")));
        QCOMPARE(currentKey(browser), QStringLiteral("303"));
    }

    // Through the real main window: Ctrl+K with the browser closed opens its dock (next to the
    // composer and inspector, which stay in view), focuses the search and selects it.
    void ctrlKInMainWindow()
    {
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto* dock = child<QDockWidget>(&window, "errorDock");
        QVERIFY(!dock->isVisible());
        ErrorBrowserWidget* browser = window.errorBrowser();
        auto* search = child<QLineEdit>(browser, "searchEdit");
        search->setText(QStringLiteral("previous"));

        QTest::keyClick(&window, Qt::Key_K, Qt::ControlModifier);
        QVERIFY(dock->isVisible());
        QVERIFY(window.composer()->isVisible());
        QVERIFY(window.inspector()->isVisible());
        QTRY_VERIFY(search->hasFocus());
        QCOMPARE(search->selectedText(), QStringLiteral("previous"));

        // Also when the search field itself has focus (where Ctrl+K would otherwise delete to the
        // end of the line) and from the detail pane.
        search->setCursorPosition(0);
        QVERIFY(search->selectedText().isEmpty());
        QTest::keyClick(search, Qt::Key_K, Qt::ControlModifier);
        QCOMPARE(search->text(), QStringLiteral("previous"));
        QCOMPARE(search->selectedText(), QStringLiteral("previous"));
        auto* detail = child<QTextBrowser>(browser, "detailView");
        detail->setFocus();
        QTRY_VERIFY(detail->hasFocus());
        QTest::keyClick(detail, Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(search->hasFocus());

        // Typing replaces the selected text and filters the main window's list.
        search->clear();
        QTest::keyClicks(search, QStringLiteral("duplicate"));
        QTRY_COMPARE(currentKey(*browser), QStringLiteral("301"));
        QVERIFY(child<QTextBrowser>(browser, "detailView")
                    ->toPlainText()
                    .contains(ErrorCatalog::builtin().byCode(301)->message));
    }
};

QTEST_MAIN(TestErrorBrowser)
#include "tst_errorbrowser.moc"
