#include "ErrorCatalog.h"
#include "GuiApplication.h"
#include "InspectorWidget.h"
#include "JsonTreeModel.h"

#include <QAbstractItemModelTester>
#include <QScrollBar>
#include <QSettings>
#include <QTreeView>
#include <QtTest>

// The inspector's JSON tree over big arrays: every element can be reached by scrolling, also
// when the array is not the last member of the document (the envelope's error and id follow
// result), where the view's own "fetch at the bottom" never looks.
class TestInspectorTree : public QObject
{
    Q_OBJECT

    static QByteArray envelope(int elements)
    {
        QByteArray body = "{\"result\": {\"lead\": [";
        for (int i = 0; i < elements; ++i) {
            if (i > 0)
                body += ',';
            body += "{\"id\":" + QByteArray::number(i) + '}';
        }
        body += "]}, \"error\": null, \"id\": \"1\"}";
        return body;
    }

    static QModelIndex child(const QAbstractItemModel* model, const QModelIndex& parent, const QString& key)
    {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, 0, parent);
            if (index.data(JsonTreeModel::KeyRole).toString() == key)
                return index;
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        GuiApplication::applyIdentity();
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_inspectortree"));
    }

    void init() { QSettings().clear(); }

    // Scrolling down the tree reaches the last of 100 000 elements, a batch at a time, with the
    // model checked by QAbstractItemModelTester throughout.
    void scrollingReachesEveryElement_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x700") << QSize(1024, 700);
        QTest::newRow("1366x768") << QSize(1366, 768);
    }

    void scrollingReachesEveryElement()
    {
        QFETCH(QSize, size);
        constexpr int kElements = 100'000;
        InspectorWidget widget(ErrorCatalog::builtin());
        JsonTreeModel* model = widget.treeModel();
        // The tester walks every exposed row on each change: batches of 10 000 keep that to seconds
        // (the view's fetching does not depend on the batch size).
        model->setFetchBatchSize(10'000);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        widget.resize(size);
        widget.show();
        QVERIFY(QTest::qWaitForWindowExposed(&widget));
        QSignalSpy loaded(&widget, &InspectorWidget::loaded);
        widget.openText(envelope(kElements), QStringLiteral("100 000 leads"));
        QVERIFY(loaded.wait(20000));

        auto* view = widget.findChild<QTreeView*>(QStringLiteral("treeView"));
        QVERIFY(view);
        const QModelIndex root = model->index(0, 0);
        const QModelIndex result = child(model, root, QStringLiteral("result"));
        QVERIFY(result.isValid());
        view->expand(root);
        view->expand(result);
        const QModelIndex lead = child(model, result, QStringLiteral("lead"));
        QVERIFY(lead.isValid());
        QCOMPARE(lead.data(JsonTreeModel::ChildCountRole).toInt(), kElements);
        view->expand(lead);
        QVERIFY(model->rowCount(lead) < kElements); // lazy: not all at once

        // Scroll to the bottom (End, or the scroll bar dragged down) until nothing more comes.
        QScrollBar* bar = view->verticalScrollBar();
        int last = -1;
        for (int round = 0; round < 1000 && model->rowCount(lead) != last; ++round) {
            last = model->rowCount(lead);
            QTRY_VERIFY(bar->maximum() > 0);
            bar->setValue(bar->maximum());
            QCoreApplication::processEvents();
        }
        QCOMPARE(model->rowCount(lead), kElements);
        const QModelIndex end = model->index(kElements - 1, 0, lead);
        QCOMPARE(end.data(JsonTreeModel::PathRole).toString(), QStringLiteral("$.result.lead[99999]"));
        view->scrollTo(end);
        QVERIFY(view->visualRect(end).intersects(view->viewport()->rect()));
    }
};

QTEST_MAIN(TestInspectorTree)
#include "tst_inspectortree.moc"
