#include "Badge.h"
#include "BatchTableModel.h"
#include "BodyView.h"
#include "CallCapture.h"
#include "ComposerWidget.h"
#include "EmptyStateWidget.h"
#include "ErrorBrowserWidget.h"
#include "ErrorCatalog.h"
#include "FindingsModel.h"
#include "GuiApplication.h"
#include "InspectorSettings.h"
#include "InspectorWidget.h"
#include "JsonTreeModel.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "VerdictBanner.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QDockWidget>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QToolTip>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

// The response inspector: verdict banner, findings, body marks, tree, batch
// table, headers, find, paste and drop, and its wiring into the main window.
class TestInspector : public QObject
{
    Q_OBJECT

private:
    static QString partialResponse()
    {
        return TestSupport::dataPath(QStringLiteral("inspector/createleads-partial-response.json"));
    }
    static QString partialRequest()
    {
        return TestSupport::dataPath(QStringLiteral("inspector/createleads-partial-request.json"));
    }
    static QString batch100Response()
    {
        return TestSupport::dataPath(QStringLiteral("inspector/createleads-100-response.json"));
    }
    static QString batch100Request()
    {
        return TestSupport::dataPath(QStringLiteral("inspector/createleads-100-request.json"));
    }

    // A shown inspector with every model under QAbstractItemModelTester from the start, so
    // each reset and fetch of every response opened in the test is checked.
    struct Fixture
    {
        InspectorWidget widget{ErrorCatalog::builtin()};
        QAbstractItemModelTester findingsTester{widget.findingsModel(),
                                                QAbstractItemModelTester::FailureReportingMode::QtTest};
        QAbstractItemModelTester batchTester{widget.batchModel(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest};
        QAbstractItemModelTester treeTester{widget.treeModel(), QAbstractItemModelTester::FailureReportingMode::QtTest};

        Fixture()
        {
            widget.resize(1280, 800);
            widget.show();
        }
        template<typename T>
        T* child(const char* name) const
        {
            T* found = widget.findChild<T*>(QLatin1String(name));
            if (!found)
                qWarning("no child %s", name);
            return found;
        }
        VerdictBanner* banner() const { return child<VerdictBanner>("verdictBanner"); }
        QTreeView* findingsView() const { return child<QTreeView>("findingsView"); }
        QTreeView* treeView() const { return child<QTreeView>("treeView"); }
        QTabWidget* tabs() const { return child<QTabWidget>("detailTabs"); }
        const Diagnosis& diagnosis() const { return widget.result()->diagnosis; }
        const JsonIndex& index() const { return *widget.result()->index; }
    };

    // Waits until the response is analysed and laid out.
    static bool waitLoaded(InspectorWidget& widget, QSignalSpy& spy)
    {
        if (spy.isEmpty() && !spy.wait(10000))
            return false;
        return widget.result() && !widget.isBusy();
    }

    static QStringList column(const QAbstractItemModel* model, int column)
    {
        QStringList values;
        for (int row = 0; row < model->rowCount(); ++row)
            values.append(model->index(row, column).data().toString());
        return values;
    }

private slots:
    void initTestCase()
    {
        GuiApplication::applyIdentity();
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_inspector"));
    }

    void init() { QSettings().clear(); }

    void emptyStateExplainsWhatToDo()
    {
        Fixture f;
        auto* pages = f.child<QStackedWidget>("pages");
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("emptyState"));
        auto* empty = f.child<EmptyStateWidget>("emptyState");
        QVERIFY(empty->text().contains(QLatin1String("Ctrl+Shift+V")));
        QVERIFY(empty->text().contains(QLatin1String("drop")));
        QVERIFY(f.child<QPushButton>("emptyOpenButton"));
        QVERIFY(f.child<QPushButton>("emptyPasteButton"));
        QCOMPARE(f.banner()->tone(), VerdictBanner::Tone::Neutral);
        QVERIFY(f.banner()->isHidden()); // the empty state says it all

        // "Try an example" opens the catalogue's own partial-failure example.
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        f.child<QPushButton>("emptyExampleButton")->click();
        QVERIFY(waitLoaded(f.widget, loaded));
        QVERIFY(!f.banner()->isHidden());
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("contentPage"));
        QVERIFY(!f.diagnosis().findings.isEmpty());
        QCOMPARE(f.diagnosis().findings.first().code, std::optional<int>(301));
    }

    void partialFailureBatch_data()
    {
        QTest::addColumn<bool>("withRequest");
        QTest::newRow("with its request") << true;
        QTest::newRow("response alone") << false;
    }
    void partialFailureBatch()
    {
        QFETCH(bool, withRequest);
        Fixture f;
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        QVERIFY(f.widget.openFile(partialResponse(), withRequest ? partialRequest() : QString()));
        QVERIFY(waitLoaded(f.widget, loaded));

        // Banner: the words and the colour role.
        QCOMPARE(f.banner()->title(), QStringLiteral("Partial failure: 2 of 5 objects failed"));
        QCOMPARE(f.banner()->tone(), VerdictBanner::Tone::Warning);
        QVERIFY(f.banner()->details().contains(QLatin1String("2 errors")));
        if (withRequest)
            QVERIFY2(f.banner()->details().contains(QLatin1String("matches the request")),
                     qPrintable(f.banner()->details()));

        // Findings: codes, paths, indexes, in the analyzer's order.
        const FindingsModel* findings = f.widget.findingsModel();
        // The two failed objects, then the note on the top-level copies of their errors.
        QCOMPARE(findings->rowCount(), 3);
        QCOMPARE(column(findings, FindingsModel::CodeColumn).mid(0, 2), (QStringList{"301", "205"}));
        QCOMPARE(column(findings, FindingsModel::PathColumn),
                 (QStringList{"$.result.creates[2].error", "$.result.creates[4].error", "$.error"}));
        QCOMPARE(column(findings, FindingsModel::SeverityColumn).mid(0, 2), (QStringList{"Error", "Error"}));
        QCOMPARE(column(findings, FindingsModel::LevelColumn).mid(0, 2), (QStringList{"object", "object"}));
        QCOMPARE(findings->index(2, 0).data(FindingsModel::CatalogKeyRole).toString(),
                 QStringLiteral("batch_error_copies"));
        QCOMPARE(findings->index(0, 0).data(FindingsModel::IndexRole).toInt(), 2);
        QCOMPARE(findings->index(1, 0).data(FindingsModel::IndexRole).toInt(), 4);
        QCOMPARE(findings->index(0, 0).data(FindingsModel::CatalogKeyRole).toString(), QStringLiteral("301"));
        // The explanation and the first fix come from the catalogue.
        const ErrorEntry* entry301 = ErrorCatalog::builtin().byCode(301);
        const QString tip = findings->index(0, FindingsModel::MessageColumn).data(Qt::ToolTipRole).toString();
        QVERIFY(tip.contains(entry301->fixes.first().toHtmlEscaped()));

        // Batch table: one row per submitted object.
        const BatchTableModel* batch = f.widget.batchModel();
        QCOMPARE(batch->rowCount(), 5);
        QCOMPARE(column(batch, BatchTableModel::ResultColumn),
                 (QStringList{"Success", "Success", "Failed", "Success", "Failed"}));
        QCOMPARE(column(batch, BatchTableModel::CodeColumn), (QStringList{"", "", "301", "", "205"}));
        QCOMPARE(batch->index(2, BatchTableModel::MessageColumn).data().toString(),
                 QStringLiteral("Entry already exists"));
        QCOMPARE(batch->index(0, BatchTableModel::IdColumn).data().toString(), QStringLiteral("346743252994"));
        if (withRequest) {
            QCOMPARE(batch->keyFields().first(), QStringLiteral("emailAddress"));
            QVERIFY(batch->keyFields().contains(QStringLiteral("firstName")));
            QCOMPARE(batch->index(2, BatchTableModel::FixedColumnCount).data().toString(),
                     QStringLiteral("alan.turing@example.com"));
            QCOMPARE(batch->headerData(BatchTableModel::FixedColumnCount, Qt::Horizontal).toString(),
                     QStringLiteral("emailAddress"));
        } else {
            QVERIFY(batch->keyFields().isEmpty());
            QCOMPARE(batch->columnCount(), int(BatchTableModel::FixedColumnCount));
        }
        const int batchTab = f.tabs()->indexOf(f.child<QWidget>("batchTab"));
        QVERIFY(f.tabs()->isTabEnabled(batchTab));
        QVERIFY(f.tabs()->tabText(batchTab).contains(QLatin1String("2 failed")));

        // "Failed only" leaves the two failures.
        f.child<QCheckBox>("failedOnlyCheck")->setChecked(true);
        QCOMPARE(batch->rowCount(), 2);
        QCOMPARE(batch->index(0, BatchTableModel::CodeColumn).data().toString(), QStringLiteral("301"));
        // Objects are numbered from 1 as the findings count them; the JSON path stays 0-based.
        QCOMPARE(batch->index(1, BatchTableModel::IndexColumn).data().toString(), QStringLiteral("5"));
        QCOMPARE(batch->index(1, BatchTableModel::PathColumn).data().toString(), QStringLiteral("creates[4]"));
        // ...and the finding about that object names the same number.
        bool named = false;
        for (const Finding& finding : f.diagnosis().findings)
            named = named || finding.message.contains(QLatin1String("object 5 of 5"));
        QVERIFY(named);
        f.child<QCheckBox>("failedOnlyCheck")->setChecked(false);
        QCOMPARE(batch->rowCount(), 5);

        // Every error object is marked in the body with its explanation.
        const QList<BodyView::Mark>& marks = f.widget.bodyView()->marks();
        QCOMPARE(marks.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const Finding& finding = f.diagnosis().findings.at(i);
            QCOMPARE(marks.at(i).offset, finding.offset);
            QCOMPARE(marks.at(i).length, finding.length);
            QVERIFY(marks.at(i).toolTip.contains(
                ErrorCatalog::builtin().byCode(*finding.code)->fixes.first().toHtmlEscaped()));
        }
        QCOMPARE(f.widget.bodyView()->bodyLayout()->mode(), BodyLayout::Mode::Pretty);

        // The request tab shows what was correlated.
        auto* summary = f.child<QLabel>("requestSummary");
        if (withRequest)
            QVERIFY2(summary->text().contains(QLatin1String("5 objects")), qPrintable(summary->text()));
        else
            QVERIFY(summary->text().contains(QLatin1String("No request")));
    }

    void clickingFindingSelectsNodeAndBodyRange_data()
    {
        QTest::addColumn<QString>("response");
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("code");
        QTest::newRow("pretty-printed file, second finding")
            << partialResponse() << 1 << QStringLiteral("$.result.creates[4].error") << QStringLiteral("205");
        QTest::newRow("minified 100 objects, last finding")
            << batch100Response() << 2 << QStringLiteral("$.result.creates[86].error") << QStringLiteral("301");
    }
    void clickingFindingSelectsNodeAndBodyRange()
    {
        QFETCH(QString, response);
        QFETCH(int, row);
        QFETCH(QString, path);
        QFETCH(QString, code);
        Fixture f;
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        QVERIFY(f.widget.openFile(response));
        QVERIFY(waitLoaded(f.widget, loaded));
        QVERIFY(QTest::qWaitForWindowExposed(&f.widget));

        QTreeView* view = f.findingsView();
        const QModelIndex cell = f.widget.findingsModel()->index(row, FindingsModel::PathColumn);
        view->scrollTo(cell);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(cell).center());
        QCOMPARE(f.widget.currentFindingRow(), row);
        const Finding& finding = f.diagnosis().findings.at(row);

        // The tree selects the error object's node.
        const QModelIndex current = f.treeView()->currentIndex();
        QVERIFY(current.isValid());
        QCOMPARE(current.data(JsonTreeModel::PathRole).toString(), path);
        QCOMPARE(f.widget.treeModel()->nodeForIndex(current.siblingAtColumn(0)), finding.node);
        QVERIFY(f.treeView()->visualRect(current).isValid());

        // The body highlights exactly the error object's bytes and shows its first line.
        BodyView* body = f.widget.bodyView();
        QCOMPARE(f.tabs()->currentWidget()->objectName(), QStringLiteral("bodyTab"));
        const auto [offset, length] = body->highlightedRange();
        QCOMPARE(offset, finding.offset);
        QCOMPARE(length, finding.length);
        const QByteArrayView bytes = f.index().bytes().sliced(offset, length);
        QVERIFY(bytes.startsWith("{"));
        QVERIFY(bytes.endsWith("}"));
        QVERIFY(bytes.contains(QByteArray("\"code\":") + code.toLatin1()) ||
                bytes.contains(QByteArray("\"code\": ") + code.toLatin1()));
        const BodyLayout::Position start = body->bodyLayout()->positionOf(offset);
        QVERIFY2(body->isLineVisible(start.line), qPrintable(QString::number(start.line)));
        QVERIFY(body->bodyLayout()->lineText(start.line).contains(QLatin1String("\"error\": {")));
        const BodyLayout::Position end = body->bodyLayout()->positionOf(offset + length - 1);
        QVERIFY(body->bodyLayout()->lineText(end.line).trimmed().startsWith(QLatin1Char('}')));

        // The raw view follows the same range.
        QCOMPARE(f.widget.rawView()->highlightedRange(), body->highlightedRange());
    }

    void bodyMarksExplainThemselves()
    {
        Fixture f;
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        QVERIFY(f.widget.openFile(partialResponse()));
        QVERIFY(waitLoaded(f.widget, loaded));
        QVERIFY(QTest::qWaitForWindowExposed(&f.widget));
        BodyView* body = f.widget.bodyView();
        const Finding& finding = f.diagnosis().findings.first();
        const BodyLayout::Position at = body->bodyLayout()->positionOf(finding.offset);
        QVERIFY(body->isLineVisible(at.line));
        const int lineHeight = body->viewport()->height() / body->visibleLineCount();
        const QPoint point(body->viewport()->width() / 2,
                           int(at.line - body->firstVisibleLine()) * lineHeight + lineHeight / 2);

        // Hovering the error object shows the finding, the catalogue summary and the first fix.
        QHelpEvent help(QEvent::ToolTip, point, body->viewport()->mapToGlobal(point));
        QCoreApplication::sendEvent(body->viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        const ErrorEntry* entry = ErrorCatalog::builtin().byCode(301);
        QVERIFY2(QToolTip::text().contains(entry->fixes.first().toHtmlEscaped()), qPrintable(QToolTip::text()));
        QVERIFY(QToolTip::text().contains(finding.explanation.toHtmlEscaped()));
        QToolTip::hideText();

        // A click on a line selects its value in the tree, without moving the body.
        const qint64 first = body->firstVisibleLine();
        const QPoint idLine(point.x(), point.y() - 3 * lineHeight); // "id" of the object before
        const JsonIndex::NodeId clicked = body->bodyLayout()->nodeAt(first + idLine.y() / lineHeight);
        QTest::mouseClick(body->viewport(), Qt::LeftButton, {}, idLine);
        QCOMPARE(f.widget.treeModel()->nodeForIndex(f.treeView()->currentIndex().siblingAtColumn(0)), clicked);
        QCOMPARE(body->firstVisibleLine(), first);
        QCOMPARE(body->highlightedRange(), std::make_pair(f.index().offset(clicked), f.index().length(clicked)));

        // A click on the gutter marker selects the finding.
        f.widget.selectFinding(1);
        QVERIFY(body->isLineVisible(at.line));
        const int markerY = int(at.line - body->firstVisibleLine()) * lineHeight + lineHeight / 2;
        QTest::mouseClick(body->viewport(), Qt::LeftButton, {}, QPoint(4, markerY));
        QCOMPARE(f.widget.currentFindingRow(), 0);
    }

    void treeSelectionHighlightsBodyAndCopies()
    {
        Fixture f;
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        QVERIFY(f.widget.openFile(partialResponse()));
        QVERIFY(waitLoaded(f.widget, loaded));
        const JsonIndex& index = f.index();
        const JsonIndex::NodeId creates =
            index.member(index.member(index.root(), QLatin1String("result")), QLatin1String("creates"));
        const JsonIndex::NodeId id = index.member(index.child(creates, 0), QLatin1String("id"));
        const QModelIndex node = f.widget.treeModel()->indexForNode(id);
        f.treeView()->setCurrentIndex(node);
        QCOMPARE(f.widget.bodyView()->highlightedRange(), std::make_pair(index.offset(id), index.length(id)));

        f.treeView()->setFocus();
        QTest::keyClick(f.treeView(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("346743252994"));
        QTest::keyClick(f.treeView(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("$.result.creates[0].id"));
        // Strings are copied as their text, not as a JSON literal.
        const JsonIndex::NodeId message =
            index.member(index.member(index.child(creates, 2), QLatin1String("error")), QLatin1String("message"));
        f.treeView()->setCurrentIndex(f.widget.treeModel()->indexForNode(message));
        QTest::keyClick(f.treeView(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("Entry already exists"));
    }

    void batchRowSelectsElement()
    {
        Fixture f;
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        QVERIFY(f.widget.openFile(batch100Response(), batch100Request()));
        QVERIFY(waitLoaded(f.widget, loaded));
        QCOMPARE(f.banner()->title(), QStringLiteral("Partial failure: 3 of 100 objects failed"));
        auto* table = f.child<QTableView>("batchView");
        f.tabs()->setCurrentWidget(f.child<QWidget>("batchTab"));
        table->setCurrentIndex(f.widget.batchModel()->index(42, 0));
        QCOMPARE(f.treeView()->currentIndex().data(JsonTreeModel::PathRole).toString(),
                 QStringLiteral("$.result.creates[42]"));
        const BatchRow& row = f.diagnosis().batch.at(42);
        QCOMPARE(f.widget.bodyView()->highlightedRange(),
                 std::make_pair(f.index().offset(row.node), f.index().length(row.node)));
        QCOMPARE(f.widget.batchModel()->index(42, BatchTableModel::CodeColumn).data().toString(),
                 QStringLiteral("205"));
    }

    void batchTableSortsAndFilters()
    {
        Fixture f;
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        QVERIFY(f.widget.openFile(batch100Response(), batch100Request()));
        QVERIFY(waitLoaded(f.widget, loaded));
        BatchTableModel* batch = f.widget.batchModel();
        auto* table = f.child<QTableView>("batchView");
        f.tabs()->setCurrentWidget(f.child<QWidget>("batchTab"));
        // The current row follows its object through sorting.
        table->setCurrentIndex(batch->index(42, BatchTableModel::CodeColumn));
        QTest::mouseClick(
            table->horizontalHeader()->viewport(), Qt::LeftButton, {},
            QPoint(table->horizontalHeader()->sectionViewportPosition(BatchTableModel::CodeColumn) + 5, 5));
        const QStringList codes = column(batch, BatchTableModel::CodeColumn);
        const bool descending = table->horizontalHeader()->sortIndicatorOrder() == Qt::DescendingOrder;
        QCOMPARE(codes.mid(descending ? 0 : 97, 3),
                 descending ? (QStringList{"301", "301", "205"}) : (QStringList{"205", "301", "301"}));
        QCOMPARE(table->currentIndex().data(BatchTableModel::BatchIndexRole).toInt(), 42);
        // Text columns sort as text; ties keep response order.
        batch->sort(BatchTableModel::FixedColumnCount, Qt::AscendingOrder); // emailAddress
        QStringList emails = column(batch, BatchTableModel::FixedColumnCount);
        QStringList sorted = emails;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(emails, sorted);
        // Failed only keeps the sort; back to response order by the index column.
        f.child<QCheckBox>("failedOnlyCheck")->setChecked(true);
        QCOMPARE(batch->rowCount(), 3);
        batch->sort(BatchTableModel::IndexColumn, Qt::AscendingOrder);
        QCOMPARE(column(batch, BatchTableModel::IndexColumn), (QStringList{"18", "43", "87"}));
        QCOMPARE(column(batch, BatchTableModel::PathColumn),
                 (QStringList{"creates[17]", "creates[42]", "creates[86]"}));
        QCOMPARE(batch->modelRow(86), 2);
        QCOMPARE(batch->modelRow(5), -1);
    }

    void apiLevelError()
    {
        Fixture f;
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        f.widget.openText("{\"result\":null,\"error\":{\"code\":105,\"message\":\"User authentication "
                          "failed.\",\"data\":[]},\"id\":\"a1\"}",
                          QStringLiteral("test"));
        QVERIFY(waitLoaded(f.widget, loaded));
        QVERIFY2(f.banner()->title().startsWith(QLatin1String("API error 105")), qPrintable(f.banner()->title()));
        QCOMPARE(f.banner()->tone(), VerdictBanner::Tone::Error);
        QCOMPARE(f.widget.findingsModel()->rowCount(), 1);
        QCOMPARE(f.widget.findingsModel()->index(0, FindingsModel::LevelColumn).data().toString(),
                 QStringLiteral("api"));
        QCOMPARE(f.widget.findingsModel()->index(0, FindingsModel::PathColumn).data().toString(),
                 QStringLiteral("$.error"));
        QVERIFY(!f.tabs()->isTabEnabled(f.tabs()->indexOf(f.child<QWidget>("batchTab"))));
        // The error object is marked and selected at once.
        QCOMPARE(f.widget.bodyView()->marks().size(), 1);
        QCOMPARE(f.widget.currentFindingRow(), 0);
    }

    // A response's bidi overrides (raw U+202E in a message, an isolate in a key) must not reorder
    // what the user reads: banner, findings and tree show them escaped.
    void bidiControlsShownNotObeyed()
    {
        Fixture f;
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        const QString message = QStringLiteral("Access ") + QChar(0x202e) + QStringLiteral("deined");
        const QString key = QStringLiteral("na") + QChar(0x2066) + QStringLiteral("me");
        f.widget.openText(
            QStringLiteral("{\"result\":null,\"error\":{\"code\":105,\"message\":\"%1\",\"data\":{\"%2\":1}},"
                           "\"id\":\"a1\"}")
                .arg(message, key)
                .toUtf8(),
            QStringLiteral("test"));
        QVERIFY(waitLoaded(f.widget, loaded));
        const auto obeyed = [](const QString& text) {
            return text.contains(QChar(0x202e)) || text.contains(QChar(0x2066));
        };
        QVERIFY2(!obeyed(f.banner()->title()), qPrintable(f.banner()->title()));
        QVERIFY2(f.banner()->title().contains(QLatin1String("\\u202e")), qPrintable(f.banner()->title()));
        const QString shown = f.widget.findingsModel()->index(0, FindingsModel::MessageColumn).data().toString();
        QVERIFY2(!obeyed(shown) && shown.contains(QLatin1String("\\u202e")), qPrintable(shown));
        QStringList keys;
        QAbstractItemModel* tree = f.widget.treeModel();
        const QModelIndex root = tree->index(0, 0);
        for (int i = 0; i < tree->rowCount(root); ++i) {
            const QModelIndex member = tree->index(i, 0, root);
            for (int j = 0; j < tree->rowCount(member); ++j) {
                for (int k = 0; k < tree->rowCount(tree->index(j, 0, member)); ++k)
                    keys << tree->index(k, JsonTreeModel::KeyColumn, tree->index(j, 0, member)).data().toString();
                keys << tree->index(j, JsonTreeModel::ValueColumn, member).data().toString();
            }
        }
        QVERIFY2(keys.contains(QStringLiteral("na\\u2066me")), qPrintable(keys.join(QLatin1Char('|'))));
        for (const QString& text : std::as_const(keys))
            QVERIFY2(!obeyed(text), qPrintable(text));
    }

    void htmlGatewayPageWithHeaders()
    {
        Fixture f;
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        f.widget.openText(
            "HTTP/1.1 502 Bad Gateway\r\nServer: nginx\r\nContent-Type: text/html\r\n\r\n"
            "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\r\n",
            QStringLiteral("Pasted text"));
        QVERIFY(waitLoaded(f.widget, loaded));
        QCOMPARE(f.banner()->title(), QStringLiteral("HTTP error 502"));
        QCOMPARE(f.banner()->tone(), VerdictBanner::Tone::Error);
        QVERIFY2(f.banner()->details().contains(QLatin1String("502 Bad Gateway")), qPrintable(f.banner()->details()));
        const QStringList keys = column(f.widget.findingsModel(), FindingsModel::CodeColumn);
        QVERIFY2(keys.contains(QLatin1String("http_status")) && keys.contains(QLatin1String("html_page")),
                 qPrintable(keys.join(QLatin1Char(','))));
        // The head went to the headers tab, not into the body.
        auto* headers = f.child<QTreeWidget>("headersView");
        QCOMPARE(headers->topLevelItemCount(), 2);
        QCOMPARE(headers->topLevelItem(1)->text(1), QStringLiteral("text/html"));
        QVERIFY(f.child<QLabel>("statusLine")->text().contains(QLatin1String("502 Bad Gateway")));
        QVERIFY(f.index().bytes().startsWith("<html>"));
        // Not JSON: the body is shown as received, without JSON colours or marks over all of it.
        QCOMPARE(f.widget.bodyView()->bodyLayout()->mode(), BodyLayout::Mode::Raw);
        QVERIFY(f.widget.bodyView()->marks().isEmpty());
        QVERIFY(f.widget.treeModel()->rowCount() == 0);
    }

    void invalidJsonShowsLineAndColumn()
    {
        Fixture f;
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        const QByteArray body =
            "{\n \"result\": {\n  \"lead\": [\n   {\"id\": \"1\"},\n  ]\n },\n \"error\": null\n}\n";
        f.widget.openText(body, QStringLiteral("test"));
        QVERIFY(waitLoaded(f.widget, loaded));
        QVERIFY2(f.banner()->title().startsWith(QLatin1String("Not JSON")), qPrintable(f.banner()->title()));
        QVERIFY2(f.banner()->title().contains(QLatin1String("line 5, column 3")), qPrintable(f.banner()->title()));
        auto* notice = f.child<QLabel>("bodyNotice");
        QVERIFY(notice->isVisible());
        QVERIFY2(notice->text().contains(QLatin1String("line 5, column 3")), qPrintable(notice->text()));
        // The error position is marked and selected: the highlight sits on the offending ']'.
        BodyView* view = f.widget.bodyView();
        QCOMPARE(view->bodyLayout()->mode(), BodyLayout::Mode::Raw);
        QCOMPARE(view->highlightedRange().first, f.index().errorOffset());
        QCOMPARE(f.index().bytes().at(f.index().errorOffset()), ']');
        const BodyLayout::Position at = view->bodyLayout()->positionOf(f.index().errorOffset());
        QCOMPARE(at.line, qint64(4)); // 0-based display line of body line 5
        QCOMPARE(at.column, 2);
    }

    void bigBodyFallsBackToRaw()
    {
        Fixture f;
        InspectorSettings settings;
        settings.highlightLimit = 1000;
        settings.prettyPrintLimit = 4000;
        f.widget.setSettings(settings);
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        QVERIFY(f.widget.openFile(batch100Response()));
        QVERIFY(waitLoaded(f.widget, loaded));
        QVERIFY(f.index().size() > 4000);
        BodyView* body = f.widget.bodyView();
        QCOMPARE(body->bodyLayout()->mode(), BodyLayout::Mode::Raw);
        // Long minified lines are wrapped into short display lines.
        QVERIFY(body->bodyLayout()->lineCount() > f.index().size() / BodyLayout::maxRawLineBytes());
        for (qint64 line = 0; line < body->bodyLayout()->lineCount(); ++line)
            QVERIFY(body->bodyLayout()->lineText(line).toUtf8().size() <= BodyLayout::maxRawLineBytes());
        auto* notice = f.child<QLabel>("bodyNotice");
        QVERIFY(notice->isVisible());
        QVERIFY(notice->text().contains(QLatin1String("pretty-print limit")));
        // The tree and the findings work whatever the size.
        QCOMPARE(f.widget.findingsModel()->rowCount(), 4); // 3 failed objects and the note on the copies
        QVERIFY(f.widget.treeModel()->rowCount() == 1);
        QCOMPARE(body->marks().size(), 3);
        QCOMPARE(body->highlightedRange().first, f.diagnosis().findings.first().offset);

        // "Pretty-print anyway" does what it says.
        QSignalSpy again(&f.widget, &InspectorWidget::loaded);
        emit notice->linkActivated(QStringLiteral("pretty"));
        QVERIFY(again.wait(10000));
        QCOMPARE(body->bodyLayout()->mode(), BodyLayout::Mode::Pretty);
    }

    void cancelStopsAnalysis()
    {
        Fixture f;
        QSignalSpy busy(&f.widget, &InspectorWidget::busyChanged);
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        f.widget.openText(TestSupport::readData(QStringLiteral("inspector/createleads-100-response.json")),
                          QStringLiteral("test"));
        QVERIFY(f.widget.isBusy());
        QVERIFY(f.child<QPushButton>("cancelButton")->isVisibleTo(&f.widget));
        f.child<QPushButton>("cancelButton")->click();
        QVERIFY(!f.widget.isBusy());
        QCOMPARE(f.banner()->title(), QStringLiteral("Analysis canceled"));
        QCOMPARE(f.widget.treeModel()->rowCount(), 0);
        QVERIFY(!f.child<QPushButton>("cancelButton")->isVisibleTo(&f.widget));
        // Nothing arrives late from the canceled run.
        QVERIFY(!loaded.wait(300));
        QVERIFY(!f.widget.result());
    }

    void pasteAndDrop_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("paste text") << QStringLiteral("paste");
        QTest::newRow("paste curl -v output") << QStringLiteral("paste-curl");
        QTest::newRow("drop text") << QStringLiteral("drop-text");
        QTest::newRow("drop file") << QStringLiteral("drop-file");
    }
    void pasteAndDrop()
    {
        QFETCH(QString, how);
        Fixture f;
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        const QByteArray body = TestSupport::readData(QStringLiteral("inspector/createleads-partial-response.json"));
        if (how.startsWith(QLatin1String("paste"))) {
            QByteArray text = body;
            if (how == QLatin1String("paste-curl"))
                text = "* Connected to api.sharpspring.com port 443\n> POST /pubapi/v1.2/ HTTP/1.1\n> Host: api\n>\n"
                       "< HTTP/1.1 200 OK\n< Content-Type: application/json\n<\n" +
                       body + "* Connection #0 to host api left intact\n";
            QGuiApplication::clipboard()->setText(QString::fromUtf8(text));
            // The shortcut works from anywhere in the widget.
            f.widget.activateWindow();
            QTRY_VERIFY(f.widget.isActiveWindow());
            // (The results page is built on first use: the empty state's open button has focus.)
            auto* target = f.widget.findChild<QWidget*>(QStringLiteral("openButton"));
            QVERIFY(target);
            target->setFocus();
            QTest::keySequence(target, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
        } else {
            QMimeData mime;
            if (how == QLatin1String("drop-text"))
                mime.setText(QString::fromUtf8(body));
            else
                mime.setUrls({QUrl::fromLocalFile(partialResponse())});
            const QPoint at(200, 200);
            QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(&f.widget, &enter);
            QVERIFY(enter.isAccepted());
            QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(&f.widget, &drop);
            QVERIFY(drop.isAccepted());
        }
        QVERIFY(waitLoaded(f.widget, loaded));
        QCOMPARE(f.banner()->title(), QStringLiteral("Partial failure: 2 of 5 objects failed"));
        const QString source = f.child<QLabel>("sourceLabel")->text();
        if (how == QLatin1String("drop-file"))
            QCOMPARE(source, QDir::toNativeSeparators(QFileInfo(partialResponse()).absoluteFilePath()));
        if (how == QLatin1String("paste-curl")) {
            QVERIFY(f.banner()->details().contains(QLatin1String("HTTP 200")));
            QCOMPARE(f.child<QTreeWidget>("headersView")->topLevelItemCount(), 1);
            QVERIFY(f.index().bytes().trimmed().endsWith("}"));
        }
    }

    void pasteEmptyClipboardSaysSo()
    {
        Fixture f;
        QGuiApplication::clipboard()->clear();
        QSignalSpy status(&f.widget, &InspectorWidget::statusMessage);
        f.widget.pasteFromClipboard();
        QCOMPARE(status.size(), 1);
        QVERIFY(status.first().first().toString().contains(QLatin1String("no text")));
        QCOMPARE(f.child<QStackedWidget>("pages")->currentWidget()->objectName(), QStringLiteral("emptyState"));
    }

    // Correlate request takes a request from the clipboard (a saved request or a bare envelope),
    // and from the composer when one is wired; text that is no request changes nothing.
    void correlateFromClipboardAndComposer()
    {
        Fixture f;
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        QVERIFY(f.widget.openFile(partialResponse()));
        QVERIFY(waitLoaded(f.widget, loaded));
        QVERIFY(f.widget.session()->request().isEmpty());
        const QByteArray request = TestSupport::readData(QStringLiteral("inspector/createleads-partial-request.json"));

        auto* paste = f.widget.findChild<QAction*>(QStringLiteral("correlatePasteAction"));
        auto* fromComposer = f.widget.findChild<QAction*>(QStringLiteral("correlateComposerAction"));
        QVERIFY(paste && fromComposer);
        QVERIFY(!fromComposer->isVisible()); // no composer wired

        QSignalSpy status(&f.widget, &InspectorWidget::statusMessage);
        QGuiApplication::clipboard()->setText(QStringLiteral("just some words"));
        paste->trigger();
        QCOMPARE(status.size(), 1);
        QVERIFY(f.widget.session()->request().isEmpty());
        QVERIFY(f.widget.result()); // the response stays

        loaded.clear();
        QGuiApplication::clipboard()->setText(QString::fromUtf8(request));
        paste->trigger();
        QVERIFY(waitLoaded(f.widget, loaded));
        QCOMPARE(f.widget.session()->request().value(QStringLiteral("method")).toString(),
                 QStringLiteral("createLeads"));
        QVERIFY(f.child<QLabel>("requestSummary")->text().contains(QLatin1String("5 objects")));

        f.widget.clearRequest();
        QTRY_VERIFY(!f.widget.isBusy());
        f.widget.setComposerRequestSource([request] { return request; });
        QVERIFY(fromComposer->isVisible());
        loaded.clear();
        fromComposer->trigger();
        QVERIFY(waitLoaded(f.widget, loaded));
        QCOMPARE(f.widget.session()->request().value(QStringLiteral("method")).toString(),
                 QStringLiteral("createLeads"));
        QVERIFY(f.widget.session()->requestDescription().contains(QLatin1String("composer")));
    }

    void findNextAndPrevious()
    {
        Fixture f;
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        QVERIFY(f.widget.openFile(batch100Response()));
        QVERIFY(waitLoaded(f.widget, loaded));
        const QByteArray bytes = f.index().bytes().toByteArray();
        QList<qint64> expected;
        for (qsizetype at = bytes.indexOf("Entry already exists"); at >= 0;
             at = bytes.indexOf("Entry already exists", at + 1))
            expected.append(at);
        QCOMPARE(expected.size(), 4); // two failed objects and their two copies in "error"

        BodyView* body = f.widget.bodyView();
        body->verticalScrollBar()->setValue(0);
        QTest::keySequence(&f.widget, QKeySequence::Find);
        auto* edit = f.child<QLineEdit>("findEdit");
        QVERIFY(f.child<QWidget>("findBar")->isVisible());
        QTRY_VERIFY(edit->hasFocus());
        QSignalSpy found(body, &BodyView::findFinished);
        QTest::keyClicks(edit, QStringLiteral("entry already EXISTS")); // case-insensitive by default
        QTRY_VERIFY(body->currentMatch().found);
        QCOMPARE(body->currentMatch().offset, expected.at(0));
        auto* status = f.child<QLabel>("findStatus");
        // Where this match is among all of them.
        QVERIFY2(status->text().startsWith(QLatin1String("1 of 4")), qPrintable(status->text()));

        for (int i = 1; i < expected.size(); ++i) {
            QTest::keyClick(edit, Qt::Key_Return);
            QCOMPARE(body->currentMatch().offset, expected.at(i));
            QVERIFY2(status->text().startsWith(QStringLiteral("%1 of 4").arg(i + 1)), qPrintable(status->text()));
            QVERIFY(!body->currentMatch().wrapped);
            QVERIFY(body->isLineVisible(body->bodyLayout()->positionOf(expected.at(i)).line));
        }
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(body->currentMatch().offset, expected.at(0));
        QVERIFY(body->currentMatch().wrapped);
        QVERIFY(status->text().contains(QLatin1String("wrapped")));
        QVERIFY2(status->text().startsWith(QLatin1String("1 of 4")), qPrintable(status->text()));
        QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(body->currentMatch().offset, expected.at(3));
        f.child<QToolButton>("findPreviousButton")->click();
        QCOMPARE(body->currentMatch().offset, expected.at(2));
        f.child<QToolButton>("findNextButton")->click();
        QCOMPARE(body->currentMatch().offset, expected.at(3));

        // Match case, and spacing as the pretty view shows it.
        f.child<QCheckBox>("matchCaseCheck")->setChecked(true);
        QVERIFY(!body->currentMatch().found);
        QCOMPARE(f.child<QLabel>("findStatus")->text(), QStringLiteral("No matches"));
        edit->clear();
        body->verticalScrollBar()->setValue(0); // a new search starts at the top of the view
        QTest::keyClicks(edit, QStringLiteral("\"code\": 205"));
        QTRY_VERIFY(body->currentMatch().found);
        QCOMPARE(body->currentMatch().offset, qint64(bytes.indexOf("\"code\":205")));
        QTest::keyClick(edit, Qt::Key_Escape);
        QVERIFY(!f.child<QWidget>("findBar")->isVisible());
        QVERIFY(!body->currentMatch().found);
    }

    void receivedCaptureOpensWithItsRequest_data()
    {
        QTest::addColumn<bool>("spilled");
        QTest::newRow("body in memory") << false;
        QTest::newRow("body spilled to a file") << true;
    }
    void receivedCaptureOpensWithItsRequest()
    {
        QFETCH(bool, spilled);
        Fixture f;
        QTemporaryDir dir;
        CallCapture capture;
        capture.displayUrl = QStringLiteral("http://127.0.0.1:8080/pubapi/v1.2/?accountID=SIM&secretKey=•••");
        capture.requestBody = TestSupport::readData(QStringLiteral("inspector/createleads-partial-request.json"));
        capture.hasResponse = true;
        capture.httpStatus = 200;
        capture.reasonPhrase = QStringLiteral("OK");
        capture.responseHeaders = {{"Content-Type", "application/json"}};
        const QByteArray body = TestSupport::readData(QStringLiteral("inspector/createleads-partial-response.json"));
        capture.bodySize = body.size();
        if (spilled) {
            capture.spillPath = dir.filePath(QStringLiteral("spill.json"));
            QFile file(capture.spillPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(body);
        } else {
            capture.body = body;
        }
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        f.widget.openCapture(capture);
        QVERIFY(waitLoaded(f.widget, loaded));
        QCOMPARE(f.banner()->title(), QStringLiteral("Partial failure: 2 of 5 objects failed"));
        QVERIFY(f.banner()->details().contains(QLatin1String("HTTP 200")));
        QVERIFY(f.banner()->details().contains(QLatin1String("createLeads")));
        QVERIFY(f.banner()->details().contains(QLatin1String("matches the request")));
        QCOMPARE(f.widget.batchModel()->index(4, BatchTableModel::FixedColumnCount).data().toString(),
                 QStringLiteral("barbara.liskov@example.com"));
        const QString source = f.child<QLabel>("sourceLabel")->text();
        QVERIFY2(source.contains(QStringLiteral("secretKey=•••")), qPrintable(source));
        QVERIFY(source.contains(QLatin1String("createLeads")));
        QCOMPARE(f.child<QTreeWidget>("headersView")->topLevelItemCount(), 1);
    }

    // A call that got no response (any transport layer) is explained as such; the findings header
    // never says nothing is wrong, whether or not a clean response was shown before.
    void transportFailureCapture_data()
    {
        QTest::addColumn<int>("layerValue");
        QTest::addColumn<bool>("afterCleanResponse");
        for (FailureLayer layer :
             {FailureLayer::Dns, FailureLayer::ConnectionRefused, FailureLayer::Tls, FailureLayer::Timeout}) {
            QTest::addRow("%s first", qPrintable(failureLayerName(layer))) << int(layer) << false;
            QTest::addRow("%s after a clean response", qPrintable(failureLayerName(layer))) << int(layer) << true;
        }
    }

    void transportFailureCapture()
    {
        QFETCH(int, layerValue);
        QFETCH(bool, afterCleanResponse);
        const auto layer = FailureLayer(layerValue);
        Fixture f;
        auto* findingsLabel = f.child<QLabel>("findingsLabel");
        if (afterCleanResponse) {
            QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
            f.widget.openText(QByteArrayLiteral("{\"result\": {\"lead\": []}, \"error\": null, \"id\": \"1\"}"),
                              QStringLiteral("clean"));
            QVERIFY(waitLoaded(f.widget, loaded));
            QVERIFY(f.diagnosis().findings.isEmpty());
            findingsLabel = f.child<QLabel>("findingsLabel");
            QVERIFY(findingsLabel->text().contains(QLatin1String("nothing wrong")));
        }
        CallCapture capture;
        capture.displayUrl = QStringLiteral("https://api.invalid/pubapi/v1.2/?secretKey=•••");
        capture.layer = layer;
        capture.facts = QStringLiteral("The call failed at the %1 layer.").arg(failureLayerTitle(layer));
        capture.explanation = capture.facts;
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        f.widget.openCapture(capture);
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(f.banner()->tone(), VerdictBanner::Tone::Error);
        QVERIFY(f.banner()->title().contains(failureLayerTitle(layer)));
        QCOMPARE(f.widget.bodyView()->message(), capture.facts);
        findingsLabel = f.child<QLabel>("findingsLabel");
        QVERIFY(findingsLabel);
        QVERIFY2(!findingsLabel->text().contains(QLatin1String("nothing wrong")), qPrintable(findingsLabel->text()));
        QVERIFY2(findingsLabel->text().contains(QLatin1String("no response")), qPrintable(findingsLabel->text()));
        QVERIFY(!f.tabs()->isTabEnabled(f.tabs()->indexOf(f.child<QWidget>("batchTab"))));
    }

    void reopensOnlySmallLastResponse_data()
    {
        QTest::addColumn<qint64>("limit");
        QTest::addColumn<bool>("reopened");
        QTest::newRow("under the limit") << qint64(1'000'000) << true;
        QTest::newRow("over the limit") << qint64(100) << false;
    }
    void reopensOnlySmallLastResponse()
    {
        QFETCH(qint64, limit);
        QFETCH(bool, reopened);
        InspectorSettings settings;
        settings.reopenLimit = limit;
        settings.save();
        InspectorSettings::setLastFile(partialResponse(), partialRequest());
        Fixture f;
        QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
        f.widget.restoreLastResponse();
        auto* pages = f.child<QStackedWidget>("pages");
        if (reopened) {
            QVERIFY(waitLoaded(f.widget, loaded));
            QVERIFY(f.banner()->details().contains(QLatin1String("matches the request")));
        } else {
            QVERIFY(!f.widget.isBusy());
            QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("emptyState"));
            QVERIFY(f.child<EmptyStateWidget>("emptyState")->text().contains(QLatin1String("was not reopened")));
            auto* reopen = f.child<QPushButton>("reopenButton");
            QVERIFY(reopen);
            reopen->click(); // on request, it opens
            QVERIFY(waitLoaded(f.widget, loaded));
        }
        QCOMPARE(f.widget.findingsModel()->rowCount(), 3); // 2 failed objects and the note on the copies
    }

    void remembersTheLastFileWhenClosed()
    {
        {
            Fixture f;
            QSignalSpy loaded(&f.widget, &InspectorWidget::loaded);
            QVERIFY(f.widget.openFile(partialResponse(), partialRequest()));
            QVERIFY(waitLoaded(f.widget, loaded));
            // Pasted text and received calls are not files: they do not replace it.
            loaded.clear();
            f.widget.openText("{}", QStringLiteral("test"));
            QVERIFY(waitLoaded(f.widget, loaded));
        }
        QCOMPARE(InspectorSettings::lastFile(), QFileInfo(partialResponse()).absoluteFilePath());
        QCOMPARE(InspectorSettings::lastRequestFile(), QFileInfo(partialRequest()).absoluteFilePath());
    }

    void settingsRoundTrip()
    {
        InspectorSettings defaults = InspectorSettings::load();
        QCOMPARE(defaults.highlightLimit, InspectorSettings().highlightLimit);
        QSettings().setValue(QStringLiteral("Inspector/prettyPrintLimit"), QStringLiteral("not a number"));
        QCOMPARE(InspectorSettings::load().prettyPrintLimit, InspectorSettings().prettyPrintLimit);
        InspectorSettings custom;
        custom.highlightLimit = 123;
        custom.prettyPrintLimit = 456;
        custom.reopenLimit = 789;
        custom.save();
        const InspectorSettings loaded = InspectorSettings::load();
        QCOMPARE(loaded.highlightLimit, 123);
        QCOMPARE(loaded.prettyPrintLimit, 456);
        QCOMPARE(loaded.reopenLimit, 789);
    }

    void bannerReadableInDarkPalette_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }
    void bannerReadableInDarkPalette()
    {
        QFETCH(bool, dark);
        QPalette palette;
        if (dark) {
            palette.setColor(QPalette::Base, QColor(0x1f, 0x21, 0x24));
            palette.setColor(QPalette::Text, QColor(0xe3, 0xe5, 0xe8));
        } else {
            palette.setColor(QPalette::Base, Qt::white);
            palette.setColor(QPalette::Text, Qt::black);
        }
        for (auto tone : {VerdictBanner::Tone::Neutral, VerdictBanner::Tone::Success, VerdictBanner::Tone::Warning,
                          VerdictBanner::Tone::Error}) {
            const QColor background = VerdictBanner::backgroundFor(tone, palette);
            QVERIFY2(Badge::contrastRatio(palette.color(QPalette::Text), background) >= 4.5,
                     qPrintable(background.name()));
            // Tones stay tell-apart-able: the tint is not just the base colour.
            if (tone != VerdictBanner::Tone::Neutral)
                QVERIFY(background != palette.color(QPalette::Base));
        }
        QVERIFY(VerdictBanner::backgroundFor(VerdictBanner::Tone::Error, palette) !=
                VerdictBanner::backgroundFor(VerdictBanner::Tone::Success, palette));
    }

    // Explain opens the error browser's dock next to the inspector (which stays in view); the
    // browser's "Open example in inspector" lands back in it.
    void explainRoutesToBrowserInMainWindow()
    {
        MainWindow window;
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        InspectorWidget* inspector = window.inspector();
        auto* dock = window.findChild<QDockWidget*>(QStringLiteral("errorDock"));
        QVERIFY(dock && !dock->isVisible());
        QSignalSpy loaded(inspector, &InspectorWidget::loaded);
        window.openFile(partialResponse());
        QVERIFY(inspector->isVisible());
        QVERIFY(waitLoaded(*inspector, loaded));

        inspector->selectFinding(1);
        auto* explain = inspector->findChild<QPushButton*>(QStringLiteral("explainButton"));
        QVERIFY(explain->isEnabled());
        explain->click();
        QVERIFY(dock->isVisible());
        QVERIFY(inspector->isVisible());
        QVERIFY(inspector->findChild<QWidget*>(QStringLiteral("verdictBanner"))->isVisible());
        QVERIFY(inspector->findChild<QWidget*>(QStringLiteral("findingsView"))->isVisible());
        QVERIFY(window.composer()->isVisible());
        QVERIFY(window.errorBrowser()->currentEntry());
        QCOMPARE(window.errorBrowser()->currentEntry()->code, 205);

        // The browser's "Open example in inspector" is live and lands here.
        QVERIFY(window.errorBrowser()->showEntry(301));
        auto* openExample = window.errorBrowser()->findChild<QAction*>(QStringLiteral("actionOpenExample"));
        QVERIFY(openExample->isEnabled());
        loaded.clear();
        openExample->trigger();
        QVERIFY(waitLoaded(*inspector, loaded));
        QVERIFY(inspector->findChild<QLabel*>(QStringLiteral("sourceLabel"))->text().contains(QLatin1String("301")));

        // The Explain link in the findings table does the same as the button, also after the
        // dock was closed.
        dock->close();
        QVERIFY(!dock->isVisible());
        auto* view = inspector->findChild<QTreeView*>(QStringLiteral("findingsView"));
        const QModelIndex link = inspector->findingsModel()->index(0, FindingsModel::ExplainColumn);
        QCOMPARE(link.data().toString(), QStringLiteral("Explain"));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(link).center());
        QVERIFY(dock->isVisible());
        QCOMPARE(window.errorBrowser()->currentEntry()->code, 301);

        // File menu carries the inspector's open and paste actions.
        QVERIFY(window.findChild<QAction*>(QStringLiteral("pasteResponseAction")));
        QCOMPARE(inspector->pasteAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    }
};

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
