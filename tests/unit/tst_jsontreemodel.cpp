#include "JsonTreeModel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

// JsonTreeModel under QAbstractItemModelTester: a CRM response, a scalar document, a document
// 100 000 levels deep and an array of 1 000 000 elements (exposed in batches, never all).
class TestJsonTreeModel : public QObject
{
    Q_OBJECT

private:
    static std::shared_ptr<const JsonIndex> share(const QByteArray& json)
    {
        auto index = std::make_shared<JsonIndex>(JsonIndex::fromBytes(json));
        Q_ASSERT(index->isValid());
        return index;
    }

    // The whole (exposed) model as indented text, one row per line: "key | value | type".
    static QStringList printModel(const QAbstractItemModel& model, const QModelIndex& parent = QModelIndex(),
                                  int indent = 0)
    {
        QStringList lines;
        for (int r = 0; r < model.rowCount(parent); ++r) {
            const QModelIndex key = model.index(r, 0, parent);
            lines.append(QString(indent * 2, QLatin1Char(' ')) + key.data().toString() + QLatin1String(" | ") +
                         model.index(r, 1, parent).data().toString() + QLatin1String(" | ") +
                         model.index(r, 2, parent).data().toString());
            lines += printModel(model, key, indent + 1);
        }
        return lines;
    }

private slots:
    void responseTree()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setDocument(share("{\"result\":{\"creates\":[{\"success\":true,\"error\":null,\"id\":5},"
                                "{\"success\":false,\"error\":{\"code\":301,\"message\":\"Entry\\nexists\"}}]},"
                                "\"error\":[],\"id\":\"req-2\"}"));
        const QStringList expected{
            "$ | {3} | object",
            "  result | {1} | object",
            "    creates | [2] | array",
            "      [0] | {3} | object",
            "        success | true | boolean",
            "        error | null | null",
            "        id | 5 | number",
            "      [1] | {2} | object",
            "        success | false | boolean",
            "        error | {2} | object",
            "          code | 301 | number",
            "          message | Entry\u21b5exists | string",
            "  error | [0] | array",
            "  id | req-2 | string",
        };
        QCOMPARE(printModel(model), expected);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Key"));
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("Value"));
        QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("Type"));
        QCOMPARE(model.columnCount(), 3);
    }

    void roles()
    {
        const QByteArray json = "{\"result\":{\"creates\":[{\"success\":false,\"error\":{\"code\":301,"
                                "\"message\":\"Entry already exists\"}}]},\"error\":null,\"id\":\"x\"}";
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto doc = share(json);
        model.setDocument(doc);
        const auto errorNode = doc->member(
            doc->child(doc->member(doc->member(doc->root(), QLatin1String("result")), QLatin1String("creates")), 0),
            QLatin1String("error"));
        const QModelIndex error = model.indexForNode(errorNode);
        QVERIFY(error.isValid());
        QCOMPARE(model.nodeForIndex(error), errorNode);
        QCOMPARE(error.data(JsonTreeModel::PathRole).toString(), QStringLiteral("$.result.creates[0].error"));
        QCOMPARE(error.data(Qt::ToolTipRole).toString(), QStringLiteral("$.result.creates[0].error"));
        QCOMPARE(error.data(JsonTreeModel::KeyRole).toString(), QStringLiteral("error"));
        QCOMPARE(error.data(JsonTreeModel::TypeRole).toString(), QStringLiteral("object"));
        QCOMPARE(error.data(JsonTreeModel::ChildCountRole).toInt(), 2);
        QCOMPARE(error.data(JsonTreeModel::NodeRole).value<quint32>(), errorNode);
        const qint64 offset = error.data(JsonTreeModel::OffsetRole).toLongLong();
        const qint64 length = error.data(JsonTreeModel::LengthRole).toLongLong();
        QCOMPARE(json.mid(offset, length), QByteArray("{\"code\":301,\"message\":\"Entry already exists\"}"));
        QVERIFY(!error.data(JsonTreeModel::ValueRole).isValid()); // containers have no scalar value
        QVERIFY(!(model.flags(error) & Qt::ItemNeverHasChildren));

        const QModelIndex code = model.index(0, JsonTreeModel::ValueColumn, error);
        QCOMPARE(code.data().toString(), QStringLiteral("301"));
        QCOMPARE(code.data(JsonTreeModel::ValueRole), QVariant(qint64(301)));
        QVERIFY(model.flags(code) & Qt::ItemNeverHasChildren);
        QVERIFY(model.flags(code) & Qt::ItemIsSelectable);
        QCOMPARE(model.sibling(0, JsonTreeModel::KeyColumn, code).data().toString(), QStringLiteral("code"));
        QCOMPARE(model.index(1, 0, error).data(JsonTreeModel::ValueRole).toString(),
                 QStringLiteral("Entry already exists"));
        const QModelIndex id =
            model.indexForNode(doc->member(doc->root(), QLatin1String("id")), JsonTreeModel::TypeColumn);
        QCOMPARE(id.data().toString(), QStringLiteral("string"));
        QCOMPARE(id.column(), int(JsonTreeModel::TypeColumn));
        QCOMPARE(model.indexForNode(doc->root()), model.index(0, 0));
        QVERIFY(!model.indexForNode(JsonIndex::npos).isValid());
        QVERIFY(!model.indexForNode(doc->nodeCount()).isValid());
        QCOMPARE(model.roleNames().value(JsonTreeModel::PathRole), QByteArray("path"));
    }

    void scalarAndEmptyDocuments()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDocument(share("\"just text\""));
        QCOMPARE(printModel(model), QStringList{QStringLiteral("$ | just text | string")});
        model.setDocument(std::make_shared<JsonIndex>(JsonIndex::fromBytes("{broken")));
        QCOMPARE(model.rowCount(), 0);
        model.setDocument(nullptr);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.hasChildren());
        QVERIFY(!model.index(0, 0).isValid());
    }

    void deepDocument()
    {
        const int depth = 100000;
        QByteArray json(depth, '[');
        json.append("\"bottom\"");
        json.append(QByteArray(depth, ']'));
        const auto doc = share(json);
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDocument(doc);
        JsonIndex::NodeId bottom = doc->root();
        while (doc->isContainer(bottom))
            bottom = doc->child(bottom, 0);
        const QModelIndex leaf = model.indexForNode(bottom, JsonTreeModel::ValueColumn);
        QVERIFY(leaf.isValid());
        QCOMPARE(leaf.data().toString(), QStringLiteral("bottom"));
        int levels = 0;
        for (QModelIndex i = leaf; i.isValid(); i = i.parent())
            ++levels;
        QCOMPARE(levels, depth + 1);
        QCOMPARE(leaf.data(JsonTreeModel::PathRole).toString().size(), 1 + 3 * depth);
    }

    void millionElements()
    {
        const int count = 1000000;
        QByteArray json;
        json.reserve(count * 10);
        json.append('[');
        for (int i = 0; i < count; ++i) {
            json.append(i ? ",\"v" : "\"v");
            json.append(QByteArray::number(i));
            json.append('"');
        }
        json.append(']');
        const auto doc = share(json);
        JsonTreeModel model;
        model.setFetchBatchSize(500);
        {
            QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
            model.setDocument(doc);
            const QModelIndex root = model.index(0, 0);
            QCOMPARE(root.data(JsonTreeModel::ChildCountRole).toInt(), count);
            QCOMPARE(root.data(JsonTreeModel::ValueRole), QVariant());
            QCOMPARE(root.data().toString(), QStringLiteral("$"));
            QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("[1000000]"));
            // The tester already fetched one batch; rows appear only batch by batch.
            QCOMPARE(model.rowCount(root), 500);
            QVERIFY(model.canFetchMore(root));
            QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
            model.fetchMore(root);
            QCOMPARE(model.rowCount(root), 1000);
            QCOMPARE(inserted.count(), 1);

            // Jumping to an element exposes the batches up to it, in one insertion.
            const QModelIndex far = model.indexForNode(doc->child(doc->root(), 12345), JsonTreeModel::ValueColumn);
            QCOMPARE(far.row(), 12345);
            QCOMPARE(far.data().toString(), QStringLiteral("v12345"));
            QCOMPARE(far.parent(), root);
            QCOMPARE(model.rowCount(root), 12500);
            QCOMPARE(inserted.count(), 2);
        }
        // Up to the last one (without the tester, which would walk every exposed row).
        const QModelIndex root = model.index(0, 0);
        const QModelIndex last = model.indexForNode(doc->child(doc->root(), count - 1), JsonTreeModel::ValueColumn);
        QCOMPARE(last.row(), count - 1);
        QCOMPARE(last.data().toString(), QStringLiteral("v999999"));
        QCOMPARE(last.data(JsonTreeModel::PathRole).toString(), QStringLiteral("$[999999]"));
        QCOMPARE(model.rowCount(root), count);
        QVERIFY(!model.canFetchMore(root));
    }
};

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "tst_jsontreemodel.moc"
