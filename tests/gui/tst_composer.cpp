#include "ComposerRig.h"
#include "ComposerWidget.h"
#include "CurlImportDialog.h"
#include "EmbeddedSimulatorProvider.h"
#include "EnvironmentDialog.h"
#include "EnvironmentStore.h"
#include "FakeHttpServer.h"
#include "JsonText.h"
#include "LintPanel.h"
#include "LoopbackSimulator.h"
#include "MethodCatalog.h"
#include "MethodPicker.h"
#include "MethodTemplates.h"
#include "RequestEnvelope.h"
#include "RequestFile.h"
#include "ScriptedPrompter.h"
#include "SecretStore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextDocumentFragment>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

namespace {
// One SecretStore for the whole run, as in the application: session secrets survive recreating a
// composer (the draft test relies on it). Before 475f765 this also avoided QtKeychain calling back
// into jobs of a destroyed store.
SecretStore* g_secrets = nullptr;

// Everything a composer needs, isolated: its own settings file, a loopback server standing in for
// the simulator, a keychain service name of its own, and a prompter that never blocks.
struct Rig : TestSupport::ComposerRig
{
    Rig()
        : ComposerRig(*g_secrets)
    {}
};

QString plain(const QLabel* label)
{
    return TestSupport::plainText(label);
}

QModelIndex findMethod(const MethodPicker* picker, const QString& name)
{
    const QAbstractItemModel* model = picker->proxy();
    const QModelIndexList hits =
        model->match(model->index(0, 0), MethodPicker::kMethodNameRole, name, 1, Qt::MatchExactly | Qt::MatchRecursive);
    return hits.value(0);
}

// Chooses a method the way a user does: search, then click its row.
void clickMethod(Rig& rig, const QString& name)
{
    auto* picker = rig.child<MethodPicker>("methodPicker");
    QVERIFY(picker);
    picker->searchField()->clear();
    QTest::keyClicks(picker->searchField(), name);
    const QModelIndex index = findMethod(picker, name);
    QVERIFY2(index.isValid(), qPrintable(name));
    picker->view()->scrollTo(index);
    QTest::mouseClick(picker->view()->viewport(), Qt::LeftButton, {}, picker->view()->visualRect(index).center());
    QCOMPARE(rig.composer->method(), name);
}
} // namespace

class TestComposer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("leadgen-diag"));
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_composer"));
        g_secrets = new SecretStore(QStringLiteral("leadgen-diag-tst_composer"));
    }

    void cleanupTestCase()
    {
        // No event is processed after this: pending keychain callbacks cannot reach it any more.
        delete g_secrets;
        g_secrets = nullptr;
    }

    // --------------------------------------------------------------------------------------
    // JsonText: the syntax check and the token-preserving formatter behind the editor.

    void syntaxCheck_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("object") << QStringLiteral("{\"where\": {}}") << true << 0 << 0;
        QTest::newRow("scalar null") << QStringLiteral("null") << true << 0 << 0;
        QTest::newRow("scalar string") << QStringLiteral(" \"x\" ") << true << 0 << 0;
        QTest::newRow("array") << QStringLiteral("[1, 2]") << true << 0 << 0;
        QTest::newRow("missing comma") << QStringLiteral("{\n  \"a\": 1\n  \"b\": 2\n}") << false << 3 << 3;
        QTest::newRow("trailing comma") << QStringLiteral("{\"a\": 1,}") << false << 1 << 9;
        QTest::newRow("unquoted key") << QStringLiteral("{\n  where: {}\n}") << false << 2 << 3;
        QTest::newRow("two scalars") << QStringLiteral("1, 2") << false << 1 << 2;
        QTest::newRow("bad literal") << QStringLiteral("tru") << false << 1 << 1;
        QTest::newRow("non-ascii before error") << QStringLiteral("{\"name\": \"Zoë\" x}") << false << 1 << 16;
        QTest::newRow("garbage after the object") << QStringLiteral("{\"a\": 1} x") << false << 1 << 10;
        QTest::newRow("unterminated string") << QStringLiteral("{\"a\": \"abc") << false << 1 << 11;
        QTest::newRow("unterminated object") << QStringLiteral("{\"a\": 1") << false << 1 << 8;
        QTest::newRow("unterminated scalar string") << QStringLiteral("\"abc") << false << 1 << 5;
        QTest::newRow("blank") << QStringLiteral("  \n ") << false << 1 << 1;
    }
    void syntaxCheck()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(int, line);
        QFETCH(int, column);
        const JsonText::Syntax syntax = JsonText::check(text);
        QCOMPARE(syntax.ok, ok);
        if (ok) {
            QVERIFY(syntax.message().isEmpty());
            return;
        }
        QCOMPARE(syntax.line, line);
        QCOMPARE(syntax.column, column);
        QVERIFY(syntax.message().startsWith(QStringLiteral("line %1, column %2: ").arg(line).arg(column)));
        QVERIFY(!syntax.reason.isEmpty());
    }

    void formatKeepsTokens_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("indented");
        QTest::addColumn<QString>("compact");
        QTest::newRow("order and big number") << QStringLiteral("{\"b\":1, \"a\": 12345678901234567890}")
                                              << QStringLiteral("{\n  \"b\": 1,\n  \"a\": 12345678901234567890\n}")
                                              << QStringLiteral("{\"b\":1,\"a\":12345678901234567890}");
        QTest::newRow("empty containers")
            << QStringLiteral("{ \"where\" : { } , \"x\": [ ] }")
            << QStringLiteral("{\n  \"where\": {},\n  \"x\": []\n}") << QStringLiteral("{\"where\":{},\"x\":[]}");
        QTest::newRow("strings keep spaces and escapes")
            << QStringLiteral("{\"q\": \"a , b: {c}\\\" \"}") << QStringLiteral("{\n  \"q\": \"a , b: {c}\\\" \"\n}")
            << QStringLiteral("{\"q\":\"a , b: {c}\\\" \"}");
        QTest::newRow("duplicate keys") << QStringLiteral("{\"id\":1,\"id\":2}")
                                        << QStringLiteral("{\n  \"id\": 1,\n  \"id\": 2\n}")
                                        << QStringLiteral("{\"id\":1,\"id\":2}");
        QTest::newRow("nested array of objects")
            << QStringLiteral("[{\"id\":1},{\"id\":2}]")
            << QStringLiteral("[\n  {\n    \"id\": 1\n  },\n  {\n    \"id\": 2\n  }\n]")
            << QStringLiteral("[{\"id\":1},{\"id\":2}]");
    }
    void formatKeepsTokens()
    {
        QFETCH(QString, input);
        QFETCH(QString, indented);
        QFETCH(QString, compact);
        QCOMPARE(JsonText::indented(input), indented);
        QCOMPARE(JsonText::compact(input), compact);
        // Formatting never changes what the JSON says.
        QCOMPARE(QJsonDocument::fromJson(indented.toUtf8()), QJsonDocument::fromJson(input.toUtf8()));
    }

    void templatesKeepCatalogueOrder()
    {
        const MethodSpec* getLeads = MethodCatalog::builtin().byName(QStringLiteral("getLeads"));
        QVERIFY(getLeads);
        const QString text = MethodTemplates::text(*getLeads);
        QCOMPARE(QJsonDocument::fromJson(text.toUtf8()).object(), getLeads->paramsTemplate);
        // Every template is valid JSON and says exactly what the catalogue says.
        for (const MethodSpec& spec : MethodCatalog::builtin().methods()) {
            const QString t = MethodTemplates::text(spec);
            QVERIFY2(JsonText::check(t).ok, qPrintable(spec.name));
            QVERIFY2(QJsonDocument::fromJson(t.toUtf8()).object() == spec.paramsTemplate, qPrintable(spec.name));
        }
    }

    // --------------------------------------------------------------------------------------
    // Method picker

    void pickerModelsAndSearch()
    {
        QWidget host;
        MethodPicker picker(MethodCatalog::builtin(), &host);
        QAbstractItemModelTester sourceTester(picker.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(picker.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        host.show();

        int methods = 0;
        for (int row = 0; row < picker.model()->rowCount(); ++row)
            methods += picker.model()->item(row)->rowCount();
        QCOMPARE(methods, int(MethodCatalog::builtin().methods().size()));

        // Every mutating method carries the marker; read-only ones do not.
        for (const MethodSpec& spec : MethodCatalog::builtin().methods()) {
            const QModelIndex index = findMethod(&picker, spec.name);
            QVERIFY2(index.isValid(), qPrintable(spec.name));
            const bool marked = index.data(Qt::ToolTipRole).toString().contains(QLatin1String("Changes data"));
            QVERIFY2(marked == spec.mutating, qPrintable(spec.name));
        }

        QSignalSpy chosen(&picker, &MethodPicker::methodChosen);
        QTest::keyClicks(picker.searchField(), QStringLiteral("opportunit"));
        QVERIFY(picker.proxy()->rowCount() >= 1);
        QVERIFY(findMethod(&picker, QStringLiteral("createOpportunities")).isValid());
        QVERIFY(!findMethod(&picker, QStringLiteral("getLeads")).isValid());

        // No match: an empty state that says what Enter does, and Enter uses the typed name.
        picker.searchField()->clear();
        QTest::keyClicks(picker.searchField(), QStringLiteral("getLeedz"));
        auto* empty = picker.findChild<QLabel*>(QStringLiteral("methodSearchEmpty"));
        QVERIFY(empty->isVisible());
        QVERIFY(empty->text().contains(QLatin1String("getLeedz")));
        QTest::keyClick(picker.searchField(), Qt::Key_Return);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.takeFirst().at(0).toString(), QStringLiteral("getLeedz"));

        // Enter on a match chooses the first one.
        picker.searchField()->clear();
        QTest::keyClicks(picker.searchField(), QStringLiteral("deleteLeads"));
        QTest::keyClick(picker.searchField(), Qt::Key_Return);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.takeFirst().at(0).toString(), QStringLiteral("deleteLeads"));
    }

    // --------------------------------------------------------------------------------------
    // The acceptance flow: choose a method, insert its template, break the JSON (error at the
    // right line:column), fix it, send to the simulator, see the result arrive.

    void chooseBreakFixSend()
    {
        Rig rig;
        QVERIFY(QTest::qWaitForWindowActive(rig.composer.get()));
        // The simulator is the default; it starts on the first call (not with the window), its
        // demo account is filled in already.
        QCOMPARE(rig.composer->environment().id, EnvironmentStore::simulatorId());
        QCOMPARE(rig.simulator.starts, 0);
        QCOMPARE(rig.composer->accountId(), QStringLiteral("SIMDEMO0001"));
        auto* secretEdit = rig.child<QLineEdit>("secretEdit");
        QCOMPARE(secretEdit->text(), QStringLiteral("sim-demo-secret-0001"));
        QCOMPARE(secretEdit->echoMode(), QLineEdit::Normal); // public demo value, shown
        QVERIFY(plain(rig.child<QLabel>("secretStatus")).contains(QLatin1String("demo")));

        clickMethod(rig, QStringLiteral("getLeads"));
        auto* params = rig.child<QPlainTextEdit>("paramsEdit");
        params->clear();
        QTest::mouseClick(rig.child<QToolButton>("insertTemplateButton"), Qt::LeftButton);
        const MethodSpec* spec = MethodCatalog::builtin().byName(QStringLiteral("getLeads"));
        QCOMPARE(QJsonDocument::fromJson(params->toPlainText().toUtf8()).object(), spec->paramsTemplate);
        auto* status = rig.child<QLabel>("paramsStatus");
        QTRY_VERIFY(plain(status).contains(QLatin1String("Valid JSON")));

        // Break it: a stray character at the start of line 2 (after the two-space indent).
        params->setFocus();
        QTextCursor cursor(params->document()->findBlockByNumber(1));
        cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::MoveAnchor, 2);
        params->setTextCursor(cursor);
        QTest::keyClicks(params, QStringLiteral("x"));
        QTRY_VERIFY2(plain(status).contains(QLatin1String("line 2, column 3")), qPrintable(plain(status)));
        QVERIFY(!rig.composer->paramsSyntax().ok);
        QCOMPARE(params->extraSelections().size(), 1);
        QCOMPARE(params->extraSelections().constFirst().cursor.selectionStart(),
                 params->document()->findBlockByNumber(1).position() + 2);

        // Fix it with undo.
        QTest::keySequence(params, QKeySequence::Undo);
        QTRY_VERIFY(plain(status).contains(QLatin1String("Valid JSON")));
        QVERIFY(params->extraSelections().isEmpty());

        // Send with Ctrl+Enter from the editor.
        const QString id = rig.composer->requestId();
        QVERIFY(id.startsWith(QLatin1String("req-")));
        rig.server.setScript({});
        QSignalSpy finished(rig.composer.get(), &ComposerWidget::callFinished);
        QTest::keyClick(params, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(finished.wait(10000));
        const auto capture = finished.takeFirst().at(0).value<CallCapture>();
        QCOMPARE(capture.httpStatus, 200);
        QVERIFY(capture.succeeded());
        QCOMPARE(rig.simulator.starts, 1); // the first call started it

        // What went out: the exact body, the demo credentials in the query.
        QCOMPARE(rig.server.received().size(), 1);
        const FakeHttpServer::Received& sent = rig.server.received().constFirst();
        QCOMPARE(sent.method, QByteArray("POST"));
        QVERIFY(sent.target.startsWith("/pubapi/v1.2/?"));
        QVERIFY(sent.target.contains("accountID=SIMDEMO0001"));
        QVERIFY(sent.target.contains("secretKey=sim-demo-secret-0001"));
        const QJsonObject body = QJsonDocument::fromJson(sent.body).object();
        QCOMPARE(body.value(QLatin1String("method")).toString(), QStringLiteral("getLeads"));
        QCOMPARE(body.value(QLatin1String("params")).toObject(), spec->paramsTemplate);
        QCOMPARE(body.value(QLatin1String("id")).toString(), id);
        QCOMPARE(sent.body, capture.requestBody);

        // The result arrived: status line, response pane, a fresh id for the next call.
        QVERIFY2(plain(rig.child<QLabel>("resultLabel")).contains(QLatin1String("HTTP 200")),
                 qPrintable(plain(rig.child<QLabel>("resultLabel"))));
        QCOMPARE(rig.child<QTabWidget>("previewTabs")->currentWidget()->objectName(), QStringLiteral("responseTab"));
        QVERIFY(rig.child<QPlainTextEdit>("responseView")->toPlainText().contains(QLatin1String("\"result\"")));
        QVERIFY(rig.composer->requestId() != id);
        QVERIFY(rig.child<QPushButton>("sendButton")->isEnabled());
        QVERIFY(!rig.child<QPushButton>("cancelButton")->isEnabled());
    }

    // The same flow against the real embedded simulator: demo credentials, a read, a write without
    // confirmation, and an API error when the secret is wrong.
    void realSimulator()
    {
        EmbeddedSimulatorProvider provider;
        const EmbeddedSimulatorProvider& simulator = provider;
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        EnvironmentStore environments(&settings);
        ScriptedPrompter prompter;
        ComposerWidget composer(environments, *g_secrets, &settings, &provider);
        composer.setPrompter(&prompter);
        composer.show();
        QVERIFY(!simulator.isRunning()); // the Simulator is the default; it starts on the first call
        QCOMPARE(composer.accountId(), simulator.config().accountId);
        QCOMPARE(composer.findChild<QLineEdit*>(QStringLiteral("secretEdit"))->text(), simulator.config().secretKey);
        auto* accounts = composer.findChild<QComboBox*>(QStringLiteral("accountCombo"));
        QCOMPARE(accounts->count(), 3); // main, agency and reseller demo accounts
        auto* result = composer.findChild<QLabel*>(QStringLiteral("resultLabel"));
        QSignalSpy finished(&composer, &ComposerWidget::callFinished);

        composer.setMethod(QStringLiteral("getLeads"));
        composer.setParamsText(QStringLiteral("{\"where\": {}, \"limit\": 5}"));
        composer.send();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.takeFirst().at(0).value<CallCapture>().httpStatus, 200);
        QVERIFY(simulator.isRunning());
        QVERIFY2(plain(result).contains(QLatin1String("verdict: ok")), qPrintable(plain(result)));
        QVERIFY(composer.findChild<QPlainTextEdit*>(QStringLiteral("responseView"))
                    ->toPlainText()
                    .contains(QLatin1String("\"lead\"")));

        composer.setMethod(QStringLiteral("createLeads"));
        composer.insertTemplate();
        composer.send();
        QVERIFY(finished.wait(10000));
        QVERIFY(prompter.questions.isEmpty()); // the simulator's data is demo data
        QVERIFY2(plain(result).contains(QLatin1String("verdict: ok")), qPrintable(plain(result)));

        composer.setSecretKey(QStringLiteral("not-the-demo-secret"));
        composer.setMethod(QStringLiteral("getLeads"));
        composer.setParamsText(QStringLiteral("{\"where\": {}}"));
        composer.send();
        QVERIFY(finished.wait(10000));
        QVERIFY2(plain(result).contains(QLatin1String("api_error")) && plain(result).contains(QLatin1String("105")),
                 qPrintable(plain(result)));
    }

    void previewShowsExactBodyAndMaskedUrl()
    {
        Rig rig;
        rig.composer->setMethod(QStringLiteral("getLead"));
        rig.composer->setParamsText(QStringLiteral("{\"id\": 12345678901234567890, \"a\": 1}"));
        rig.composer->setRequestId(QStringLiteral("r-1"));
        const QByteArray expected = R"({"method":"getLead","params":{"id":12345678901234567890,"a":1},"id":"r-1"})";
        QCOMPARE(rig.composer->body(), expected);
        QTRY_COMPARE(rig.child<QPlainTextEdit>("envelopePreview")->toPlainText(), QString::fromUtf8(expected));

        // A broken params text is sent as typed; empty parts are left out.
        rig.composer->setParamsText(QStringLiteral("{\"id\": }"));
        QCOMPARE(rig.composer->body(), QByteArray(R"({"method":"getLead","params":{"id": },"id":"r-1"})"));
        rig.composer->setParamsText(QString());
        rig.composer->setRequestId(QString());
        rig.composer->setMethod(QString());
        QCOMPARE(rig.composer->body(), QByteArray("{}"));

        // The URL shows the secret as a mask, never the value.
        const Environment custom = rig.addCustom();
        QVERIFY(rig.composer->selectEnvironment(custom.id));
        rig.composer->setAccountId(QStringLiteral("ACC1"));
        rig.composer->setSecretKey(QStringLiteral("TopSecretValue42"));
        QTRY_VERIFY(rig.child<QLineEdit>("urlPreview")->text().contains(QStringLiteral("secretKey=•••")));
        QVERIFY(rig.child<QLineEdit>("urlPreview")->text().contains(QLatin1String("accountID=ACC1")));
        QVERIFY(!rig.child<QLineEdit>("urlPreview")->text().contains(QLatin1String("TopSecretValue42")));
        QVERIFY(!rig.composer->displayUrl().contains(QLatin1String("TopSecretValue42")));
    }

    void templateReplacesOnlyUntouchedParams()
    {
        Rig rig;
        auto* params = rig.child<QPlainTextEdit>("paramsEdit");
        rig.composer->setMethod(QStringLiteral("getLeads"));
        params->clear();
        rig.composer->insertTemplate();
        const QString getLeads = params->toPlainText();
        // Switching method replaces an untouched template...
        rig.composer->setMethod(QStringLiteral("getLead"));
        QCOMPARE(QJsonDocument::fromJson(params->toPlainText().toUtf8()).object(),
                 MethodCatalog::builtin().byName(QStringLiteral("getLead"))->paramsTemplate);
        // ...and the replacement is one undo step.
        params->undo();
        QCOMPARE(params->toPlainText(), getLeads);
        // Typed params survive a method change.
        params->setPlainText(QStringLiteral("{\"where\": {\"id\": 7}}"));
        rig.composer->setMethod(QStringLiteral("getLeadsDateRange"));
        QCOMPARE(params->toPlainText(), QStringLiteral("{\"where\": {\"id\": 7}}"));
        // Format keeps key order; undo brings the typed text back.
        params->setPlainText(QStringLiteral("{\"b\":1,\"a\":{}}"));
        QTest::mouseClick(rig.child<QToolButton>("formatButton"), Qt::LeftButton);
        QCOMPARE(params->toPlainText(), QStringLiteral("{\n  \"b\": 1,\n  \"a\": {}\n}"));
        params->undo();
        QCOMPARE(params->toPlainText(), QStringLiteral("{\"b\":1,\"a\":{}}"));
        // Format refuses broken JSON and says where it is broken.
        params->setPlainText(QStringLiteral("{\"b\":1,}"));
        rig.composer->formatParams();
        QCOMPARE(params->toPlainText(), QStringLiteral("{\"b\":1,}"));
        QVERIFY(plain(rig.child<QLabel>("resultLabel")).contains(QLatin1String("line 1, column 8")));
    }

    void unknownMethodSuggestsNames()
    {
        Rig rig;
        auto* edit = rig.child<QLineEdit>("methodEdit");
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("getleads"));
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(rig.composer->method(), QStringLiteral("getleads"));
        auto* summary = rig.child<QLabel>("methodSummary");
        QVERIFY2(summary->text().contains(QLatin1String("method:getLeads")), qPrintable(summary->text()));
        QVERIFY(plain(summary).contains(QLatin1String("case-sensitive")));
        emit summary->linkActivated(QStringLiteral("method:getLeads"));
        QCOMPARE(rig.composer->method(), QStringLiteral("getLeads"));
    }

    // --------------------------------------------------------------------------------------
    // Live lint: findings as you edit, underlined at the offending key, listed
    // with one-click fixes; Send stays possible with the prediction visible.

    void lintFix_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("params");
        QTest::addColumn<QString>("underlined"); // text under the finding's underline in the editor
        QTest::addColumn<int>("predicted");
        QTest::addColumn<QString>("fixLabel");
        QTest::addColumn<QString>("expectMethod");
        QTest::addColumn<QString>("expectParams"); // compact JSON after the fix
        QTest::newRow("missing where") << "getLeads"
                                       << "{\n  \"limit\": 10\n}" << QString() << 206 << "Insert \"where\": {}"
                                       << "getLeads"
                                       << "{\"where\":{},\"limit\":10}";
        QTest::newRow("mis-cased key") << "getLeads"
                                       << "{\n  \"Where\": {}\n}"
                                       << "\"Where\"" << 206 << "Rename to \"where\""
                                       << "getLeads"
                                       << "{\"where\":{}}";
        QTest::newRow("scalar ids") << "deleteLeads"
                                    << "{\n  \"objects\": [123, 456]\n}"
                                    << "123" << 208 << "Wrap as {\"id\": N}"
                                    << "deleteLeads"
                                    << "{\"objects\":[{\"id\":123},{\"id\":456}]}";
        QTest::newRow("method case") << "getleads"
                                     << "{\n  \"where\": {}\n}" << QString() << 204 << "Write \"getLeads\""
                                     << "getLeads"
                                     << "{\"where\":{}}";
    }
    void lintFix()
    {
        QFETCH(QString, method);
        QFETCH(QString, params);
        QFETCH(QString, underlined);
        QFETCH(int, predicted);
        QFETCH(QString, fixLabel);
        QFETCH(QString, expectMethod);
        QFETCH(QString, expectParams);
        Rig rig;
        rig.composer->setMethod(method);
        auto* editor = rig.child<QPlainTextEdit>("paramsEdit");
        editor->setFocus();
        editor->selectAll();
        QTest::keyClicks(editor, params.left(1));
        editor->setPlainText(params); // typed text replaced in one go: same signals as an edit
        LintPanel* panel = rig.composer->lintPanel();
        QTRY_VERIFY2(panel->summaryText().contains(QStringLiteral("error %1").arg(predicted)),
                     qPrintable(panel->summaryText()));
        QVERIFY(panel->summaryText().contains(QLatin1String("Send is still possible")));
        QTreeWidget* list = panel->list();
        QVERIFY(list->isVisible());

        int row = -1;
        for (int i = 0; i < rig.composer->lintFindings().size(); ++i) {
            const auto& fix = rig.composer->lintFindings().at(i).quickFix;
            if (fix && fix->label == fixLabel)
                row = i;
        }
        QVERIFY2(row >= 0, qPrintable(fixLabel));
        if (!underlined.isEmpty()) {
            bool found = false;
            for (const QTextEdit::ExtraSelection& selection : editor->extraSelections())
                found = found || selection.cursor.selectedText() == underlined;
            QVERIFY2(found, qPrintable(underlined));
            // Picking the row puts the cursor on it.
            emit list->itemClicked(list->topLevelItem(row), 1);
            QCOMPARE(editor->textCursor().selectedText(), underlined);
        }

        auto* button = qobject_cast<QToolButton*>(list->itemWidget(list->topLevelItem(row), 2));
        QVERIFY(button);
        QCOMPARE(button->text(), fixLabel);
        const QString before = editor->toPlainText();
        button->click();
        QCOMPARE(rig.composer->method(), expectMethod);
        QCOMPARE(JsonText::compact(editor->toPlainText()), expectParams);
        // The fixed finding is gone once the checks ran again.
        QTRY_VERIFY(std::none_of(rig.composer->lintFindings().cbegin(), rig.composer->lintFindings().cend(),
                                 [&](const LintFinding& f) { return f.quickFix && f.quickFix->label == fixLabel; }));
        if (method == expectMethod) {
            // A params fix is one undo step in the editor, formatting kept.
            if (JsonText::indented(before) == before)
                QCOMPARE(JsonText::indented(editor->toPlainText()), editor->toPlainText());
            editor->undo();
            QCOMPARE(editor->toPlainText(), before);
        }
    }

    void sendDespitePrediction()
    {
        Rig rig;
        rig.composer->setMethod(QStringLiteral("getLeads"));
        rig.composer->setParamsText(QStringLiteral("{\"limit\": 10}"));
        rig.composer->checkNow();
        QVERIFY(rig.composer->lintPanel()->summaryText().contains(QLatin1String("Predicted answer: error 206")));
        QSignalSpy finished(rig.composer.get(), &ComposerWidget::callFinished);
        rig.composer->send();
        QVERIFY(finished.wait(10000));
        QCOMPARE(rig.server.received().size(), 1);
        QVERIFY(rig.composer->lintPanel()->summaryText().contains(QLatin1String("206")));
    }

    void lintSeesCredentials()
    {
        Rig rig;
        const Environment custom = rig.addCustom();
        QVERIFY(rig.composer->selectEnvironment(custom.id));
        rig.composer->setMethod(QStringLiteral("getLeads"));
        rig.composer->setParamsText(QStringLiteral("{\"where\": {}}"));
        rig.composer->checkNow();
        // No secret typed: the prediction says so (path query.secretKey).
        QVERIFY(std::any_of(rig.composer->lintFindings().cbegin(), rig.composer->lintFindings().cend(),
                            [](const LintFinding& f) { return f.path == QLatin1String("query.secretKey"); }));
        rig.composer->setSecretKey(QStringLiteral("now-there-is-one"));
        rig.composer->checkNow();
        QVERIFY(std::none_of(rig.composer->lintFindings().cbegin(), rig.composer->lintFindings().cend(),
                             [](const LintFinding& f) { return f.path == QLatin1String("query.secretKey"); }));
    }

    // --------------------------------------------------------------------------------------
    // Mutating methods outside the simulator ask first, showing environment and account.

    void mutatingConfirmation_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<bool>("simulator");
        QTest::addColumn<bool>("answer");
        QTest::addColumn<bool>("asked");
        QTest::addColumn<bool>("sent");
        QTest::newRow("create on simulator: no question") << "createLeads" << true << false << false << true;
        QTest::newRow("read on custom: no question") << "getLeads" << false << false << false << true;
        QTest::newRow("create on custom, declined") << "createLeads" << false << false << true << false;
        QTest::newRow("create on custom, confirmed") << "createLeads" << false << true << true << true;
        QTest::newRow("delete on custom, declined") << "deleteLeads" << false << false << true << false;
        QTest::newRow("mis-cased create on custom") << "createleads" << false << false << true << false;
    }
    void mutatingConfirmation()
    {
        QFETCH(QString, method);
        QFETCH(bool, simulator);
        QFETCH(bool, answer);
        QFETCH(bool, asked);
        QFETCH(bool, sent);
        Rig rig;
        if (!simulator) {
            const Environment custom = rig.addCustom();
            QVERIFY(rig.composer->selectEnvironment(custom.id));
            QCOMPARE(rig.composer->accountId(), QStringLiteral("ACC-STAGING"));
            rig.composer->setSecretKey(QStringLiteral("staging-secret"));
        }
        rig.composer->setMethod(method);
        rig.prompter.answers = {answer};
        QSignalSpy finished(rig.composer.get(), &ComposerWidget::callFinished);
        rig.composer->send();
        QCOMPARE(rig.prompter.questions.size(), asked ? 1 : 0);
        if (asked) {
            const ScriptedPrompter::Question& question = rig.prompter.questions.constFirst();
            QVERIFY(question.text.contains(QLatin1String("Staging")));
            QVERIFY(question.text.contains(QLatin1String("ACC-STAGING")));
            QVERIFY(question.text.contains(rig.server.url().toDisplayString()));
            QVERIFY(question.acceptLabel.contains(QLatin1String("Staging")));
            QVERIFY(!question.text.contains(QLatin1String("staging-secret")));
        }
        if (sent) {
            QVERIFY(finished.wait(10000));
            QCOMPARE(rig.server.received().size(), 1);
        } else {
            QVERIFY(!rig.composer->isSending());
            QCOMPARE(finished.count(), 0);
            QVERIFY(plain(rig.child<QLabel>("resultLabel")).contains(QLatin1String("Not sent")));
            QCOMPARE(rig.server.received().size(), 0);
        }
    }

    // --------------------------------------------------------------------------------------
    // Cancel, failures, progress

    void escapeCancels()
    {
        Rig rig;
        QVERIFY(QTest::qWaitForWindowActive(rig.composer.get()));
        FakeHttpServer::Script script;
        script.mode = FakeHttpServer::Script::Mode::NeverAnswer;
        rig.server.setScript(script);
        QSignalSpy received(&rig.server, &FakeHttpServer::requestReceived);
        QSignalSpy finished(rig.composer.get(), &ComposerWidget::callFinished);
        auto* params = rig.child<QPlainTextEdit>("paramsEdit");
        params->setFocus();
        QTest::keyClick(params, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(rig.composer->isSending());
        QVERIFY(rig.child<QPushButton>("cancelButton")->isEnabled());
        QVERIFY(!rig.child<QPushButton>("sendButton")->isEnabled());
        QVERIFY(received.wait(10000));
        QTest::keyClick(params, Qt::Key_Escape);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.takeFirst().at(0).value<CallCapture>().layer, FailureLayer::Cancelled);
        QVERIFY(plain(rig.child<QLabel>("resultLabel")).contains(QLatin1String("Cancelled")));
        QVERIFY(!rig.composer->isSending());
    }

    void failedSendKeepsEverything()
    {
        Rig rig;
        Environment dead;
        dead.name = QStringLiteral("Nothing there");
        dead.kind = Environment::Kind::Custom;
        dead.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/pubapi/v1.2/").arg(FakeHttpServer::unusedPort()));
        QVERIFY(rig.environments->save(dead));
        QVERIFY(rig.composer->selectEnvironment(dead.id));
        rig.composer->setAccountId(QStringLiteral("ACC9"));
        rig.composer->setMethod(QStringLiteral("getLeads"));
        rig.composer->setParamsText(QStringLiteral("{\"where\": {\"emailAddress\": \"ada@example.com\"}}"));
        rig.composer->setRequestId(QStringLiteral("mine-1"));
        const QString params = rig.composer->paramsText();

        QSignalSpy finished(rig.composer.get(), &ComposerWidget::callFinished);
        rig.composer->send();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.takeFirst().at(0).value<CallCapture>().layer, FailureLayer::ConnectionRefused);
        QVERIFY(plain(rig.child<QLabel>("resultLabel")).contains(failureLayerTitle(FailureLayer::ConnectionRefused)));
        // Nothing typed is lost, and a chosen id is kept.
        QCOMPARE(rig.composer->paramsText(), params);
        QCOMPARE(rig.composer->requestId(), QStringLiteral("mine-1"));
        QCOMPARE(rig.composer->accountId(), QStringLiteral("ACC9"));
    }

    void simulatorThatCannotStart()
    {
        FakeHttpServer server;
        LoopbackSimulator simulator(server);
        simulator.failToStart = true;
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        EnvironmentStore environments(&settings);
        ScriptedPrompter prompter;
        ComposerWidget composer(environments, *g_secrets, &settings, &simulator);
        composer.setPrompter(&prompter);
        QSignalSpy finished(&composer, &ComposerWidget::callFinished);
        composer.send();
        QCOMPARE(finished.count(), 0);
        const QString result = plain(composer.findChild<QLabel*>(QStringLiteral("resultLabel")));
        QVERIFY2(result.contains(QLatin1String("did not start: port in use")), qPrintable(result));
    }

    void progressForLargeBodies()
    {
        Rig rig;
        FakeHttpServer::Script script;
        script.body = "{\"result\":{\"lead\":[" + QByteArray(300000, ' ') + "]},\"error\":null,\"id\":\"x\"}";
        script.chunks = 6;
        script.chunkDelayMs = 30;
        rig.server.setScript(script);
        auto* progress = rig.child<QProgressBar>("progressBar");
        QSignalSpy finished(rig.composer.get(), &ComposerWidget::callFinished);
        rig.composer->send();
        QVERIFY(progress->isVisible());
        QTRY_VERIFY(progress->format().startsWith(QLatin1String("Received")) || !finished.isEmpty());
        QVERIFY(finished.wait(10000) || !finished.isEmpty());
        QVERIFY(!progress->isVisible());
        QCOMPARE(finished.constFirst().at(0).value<CallCapture>().bodySize, qint64(script.body.size()));
    }

    // --------------------------------------------------------------------------------------
    // Drafts: everything but the secret survives recreating the widget.

    void draftRestoredWithoutSecret()
    {
        Rig rig;
        const Environment custom = rig.addCustom();
        QVERIFY(rig.composer->selectEnvironment(custom.id));
        rig.composer->setAccountId(QStringLiteral("ACC-77"));
        const QString secret = QStringLiteral("DraftCanary-9f8e7d6c");
        auto* secretEdit = rig.child<QLineEdit>("secretEdit");
        secretEdit->setFocus();
        QTest::keyClicks(secretEdit, secret);
        rig.composer->setMethod(QStringLiteral("createLeads"));
        auto* params = rig.child<QPlainTextEdit>("paramsEdit");
        params->setPlainText(QStringLiteral("{\"objects\": [ {\"emailAddress\": \"x@example.com\"} ]  // half typed"));
        rig.composer->setRequestId(QStringLiteral("my-id"));
        rig.child<QSpinBox>("timeoutSpin")->setValue(75);
        // The debounced save happens by itself.
        QTRY_COMPARE(rig.settings->value(QStringLiteral("composer/draft/requestId")).toString(),
                     QStringLiteral("my-id"));
        QTRY_COMPARE(rig.settings->value(QStringLiteral("composer/draft/timeoutMs")).toInt(), 75000);
        const QString expectedParams = params->toPlainText();

        rig.makeComposer();
        QCOMPARE(rig.composer->environment().id, custom.id);
        QCOMPARE(rig.composer->accountId(), QStringLiteral("ACC-77"));
        QCOMPARE(rig.composer->method(), QStringLiteral("createLeads"));
        QCOMPARE(rig.composer->paramsText(), expectedParams);
        QCOMPARE(rig.composer->requestId(), QStringLiteral("my-id"));
        QCOMPARE(rig.child<QSpinBox>("timeoutSpin")->value(), 75);
        // Restoring is not an edit: nothing to undo.
        QVERIFY(!rig.child<QPlainTextEdit>("paramsEdit")->document()->isUndoAvailable());
        // The secret came back from the session store (same process), never from the settings.
        QCOMPARE(rig.child<QLineEdit>("secretEdit")->text(), secret);
        rig.settings->sync();
        QFile file(rig.settings->fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(stored.contains("ACC-77"));
        QVERIFY(!stored.contains(secret.toUtf8()));
    }

    void draftRedactsSecretTypedIntoParams()
    {
        Rig rig;
        rig.composer->setParamsText(QStringLiteral("{\"header\": {\"secretKey\": \"InParams-1234567\"}}"));
        rig.composer->flushDraft();
        QFile file(rig.settings->fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("InParams-1234567"));
        QTRY_VERIFY(!rig.child<QPlainTextEdit>("envelopePreview")->toPlainText().contains(QLatin1String("InParams")));
    }

    // --------------------------------------------------------------------------------------
    // Secrets

    void rememberWithoutKeychainSaysSessionOnly()
    {
        Rig rig;
        const Environment custom = rig.addCustom();
        QVERIFY(rig.composer->selectEnvironment(custom.id));
        auto* secretEdit = rig.child<QLineEdit>("secretEdit");
        QCOMPARE(secretEdit->echoMode(), QLineEdit::Password);
        rig.composer->setSecretKey(QStringLiteral("masked-secret-1"));
        // Reveal on demand.
        QTest::mouseClick(rig.child<QToolButton>("revealSecret"), Qt::LeftButton);
        QCOMPARE(secretEdit->echoMode(), QLineEdit::Normal);
        QTest::mouseClick(rig.child<QToolButton>("revealSecret"), Qt::LeftButton);
        QCOMPARE(secretEdit->echoMode(), QLineEdit::Password);

        auto* remember = rig.child<QCheckBox>("rememberSecret");
        QVERIFY(remember->isEnabled());
        remember->click();
        // These tests run without a Secret Service (tests/extra.cmake): the UI must say so.
        QTRY_COMPARE_WITH_TIMEOUT(rig.secrets.backend(), SecretStore::Backend::SessionOnly, 15000);
        QTRY_VERIFY(plain(rig.child<QLabel>("secretStatus")).contains(QLatin1String("session only")));
        QTRY_VERIFY_WITH_TIMEOUT(!remember->isChecked(), 15000);
        // Still usable for this session.
        QCOMPARE(rig.secrets.sessionSecret(SecretStore::keyFor(custom.id, QStringLiteral("ACC-STAGING"))),
                 std::optional<QString>(QStringLiteral("masked-secret-1")));
    }

    // Closing the window with the cursor in the secret field: the field's editingFinished arrives
    // while the composer is being destroyed and must not reach it (a crash before the fix).
    void destroyWhileEditingSecret()
    {
        Rig rig;
        const Environment custom = rig.addCustom();
        QVERIFY(rig.composer->selectEnvironment(custom.id));
        QVERIFY(QTest::qWaitForWindowActive(rig.composer.get()));
        auto* secretEdit = rig.child<QLineEdit>("secretEdit");
        secretEdit->setFocus();
        QTRY_VERIFY(secretEdit->hasFocus());
        QTest::keyClicks(secretEdit, QStringLiteral("half-typed"));
        rig.composer.reset();
        QVERIFY(!rig.composer);
    }

    void secretFollowsEnvironmentAndAccount()
    {
        Rig rig;
        const Environment a = rig.addCustom(QStringLiteral("Env A"));
        const Environment b = rig.addCustom(QStringLiteral("Env B"));
        QVERIFY(rig.composer->selectEnvironment(a.id));
        rig.composer->setSecretKey(QStringLiteral("secret-of-a"));
        QVERIFY(rig.composer->selectEnvironment(b.id));
        QCOMPARE(rig.child<QLineEdit>("secretEdit")->text(), QString());
        rig.composer->setSecretKey(QStringLiteral("secret-of-b"));
        // Typing the secret before the account ID: the typed secret stays for the new account.
        auto* secretEdit = rig.child<QLineEdit>("secretEdit");
        secretEdit->clear();
        secretEdit->setFocus();
        QTest::keyClicks(secretEdit, QStringLiteral("typed-first"));
        auto* account = rig.child<QComboBox>("accountCombo");
        account->setFocus();
        account->lineEdit()->selectAll();
        QTest::keyClicks(account, QStringLiteral("NEW-ACC"));
        QCOMPARE(rig.composer->accountId(), QStringLiteral("NEW-ACC"));
        rig.composer->setAccountId(QStringLiteral("NEW-ACC")); // runs the debounced lookup now
        QCOMPARE(secretEdit->text(), QStringLiteral("typed-first"));
        // ...but the secret stored for an account is not carried to another one.
        rig.composer->setAccountId(QStringLiteral("ACC-STAGING"));
        QCOMPARE(secretEdit->text(), QStringLiteral("secret-of-b"));
        rig.composer->setAccountId(QStringLiteral("ACC-OTHER"));
        QCOMPARE(secretEdit->text(), QString());
        QVERIFY(rig.composer->selectEnvironment(a.id));
        QCOMPARE(rig.child<QLineEdit>("secretEdit")->text(), QStringLiteral("secret-of-a"));
        // Back on the simulator: the demo secret, not a user's.
        QVERIFY(rig.composer->selectEnvironment(EnvironmentStore::simulatorId()));
        QCOMPARE(rig.child<QLineEdit>("secretEdit")->text(), QStringLiteral("sim-demo-secret-0001"));
        QVERIFY(!rig.child<QCheckBox>("rememberSecret")->isEnabled());
    }

    // --------------------------------------------------------------------------------------
    // Files and clipboard

    void copyAsCurl()
    {
        Rig rig;
        const Environment custom = rig.addCustom();
        QVERIFY(rig.composer->selectEnvironment(custom.id));
        const QString secret = QStringLiteral("CurlCanary-5a4b3c2d1e");
        rig.composer->setSecretKey(secret);
        rig.composer->setMethod(QStringLiteral("getLeads"));
        QClipboard* clipboard = QGuiApplication::clipboard();

        clipboard->clear();
        rig.composer->copyCurlAction()->trigger();
        const QString redacted = clipboard->text();
        QVERIFY2(redacted.startsWith(QLatin1String("curl")), qPrintable(redacted));
        QVERIFY(!redacted.contains(secret));
        QVERIFY(redacted.contains(QStringLiteral("•••")) || redacted.contains(QLatin1String("%E2%80%A2")));
        QVERIFY(redacted.contains(QLatin1String("ACC-STAGING")));
        QVERIFY(redacted.contains(QLatin1String("getLeads")));

        rig.composer->copyCurlWithSecretAction()->trigger();
        const QString full = clipboard->text();
        QVERIFY(full.contains(secret));
        QCOMPARE(rig.composer->copyCurlWithSecretAction()->objectName(), QStringLiteral("actionCopyCurlWithSecret"));

        // The button's default action is the redacted one.
        clipboard->clear();
        rig.child<QToolButton>("curlButton")->click();
        QVERIFY(!clipboard->text().contains(secret));
        QVERIFY(clipboard->text().startsWith(QLatin1String("curl")));
    }

    void saveAndOpenRequestFile()
    {
        Rig rig;
        const Environment custom = rig.addCustom();
        QVERIFY(rig.composer->selectEnvironment(custom.id));
        const QString secret = QStringLiteral("FileCanary-0a1b2c3d4e");
        rig.composer->setSecretKey(secret);
        rig.composer->setMethod(QStringLiteral("updateLeads"));
        rig.composer->setParamsText(
            QStringLiteral("{\"objects\": [{\"id\": 12345678901234567890, \"title\": \"CTO\"}]}"));
        rig.composer->setRequestId(QStringLiteral("file-1"));
        const QString path = rig.dir.filePath(QStringLiteral("saved"));
        rig.prompter.saveFileNameAnswer = path;
        rig.composer->saveAction()->trigger();
        QVERIFY(rig.prompter.lastSuggestedPath.endsWith(QLatin1String(".json")));
        QVERIFY(rig.prompter.lastSuggestedPath.contains(QLatin1String("updateLeads")));
        QFile file(path + QStringLiteral(".json"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QByteArray saved = file.readAll();
        QVERIFY(!saved.contains(secret.toUtf8()));
        QString error;
        const auto loaded = RequestFile::fromJson(saved, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->environment, QStringLiteral("Staging"));
        QCOMPARE(loaded->accountId, QStringLiteral("ACC-STAGING"));
        QCOMPARE(loaded->envelope()->method(), QStringLiteral("updateLeads"));
        QCOMPARE(loaded->envelope()->idText(), QStringLiteral("file-1"));
        // Saved verbatim: key order and the 20-digit id are kept.
        QCOMPARE(loaded->body, rig.composer->body());

        // Open it in a fresh composer on another environment.
        rig.composer->selectEnvironment(EnvironmentStore::simulatorId());
        rig.composer->setMethod(QStringLiteral("getLead"));
        rig.prompter.openFileNameAnswer = file.fileName();
        rig.composer->openAction()->trigger();
        QVERIFY(rig.prompter.warnings.isEmpty());
        QCOMPARE(rig.composer->environment().id, custom.id);
        QCOMPARE(rig.composer->accountId(), QStringLiteral("ACC-STAGING"));
        QCOMPARE(rig.composer->method(), QStringLiteral("updateLeads"));
        QCOMPARE(rig.composer->requestId(), QStringLiteral("file-1"));
        // What the file says is what the composer now sends.
        QCOMPARE(RequestEnvelope::parse(rig.composer->body()), loaded->envelope());

        // A broken file: a precise message, nothing changed.
        QFile broken(rig.dir.filePath(QStringLiteral("broken.json")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"format\": \"leadgen-diag-request\", \"request\": {\"method\": ");
        broken.close();
        rig.prompter.openFileNameAnswer = broken.fileName();
        rig.composer->openAction()->trigger();
        QCOMPARE(rig.prompter.warnings.size(), 1);
        QVERIFY2(rig.prompter.warnings.constFirst().contains(QLatin1String("broken.json")),
                 qPrintable(rig.prompter.warnings.constFirst()));
        QCOMPARE(rig.composer->method(), QStringLiteral("updateLeads"));
    }

    void importCurl_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("expect"); // method on success, part of the message on failure
        QTest::newRow("production v1.2 with secret")
            << QStringLiteral(
                   "curl -X POST 'https://api.sharpspring.com/pubapi/v1.2/?accountID=ACC123&secretKey=CustSecret99' "
                   "-H 'Content-Type: application/json' "
                   "-d '{\"method\":\"getLeads\",\"params\":{\"where\":{},\"limit\":10},\"id\":\"abc\"}'")
            << true << QStringLiteral("getLeads");
        QTest::newRow("unterminated quote") << QStringLiteral("curl 'https://api.sharpspring.com/pubapi/v1/ -d {}")
                                            << false << QStringLiteral("line 1, column");
        // A body that is not an envelope is no longer refused: it opens in the Raw body tab
        // (tst_composerheaders::curlRoundTrip).
    }
    void importCurl()
    {
        QFETCH(QString, command);
        QFETCH(bool, ok);
        QFETCH(QString, expect);
        Rig rig;
        const QString before = rig.composer->method();
        rig.prompter.curlCommandAnswer = command;
        rig.composer->importCurlAction()->trigger();
        if (!ok) {
            QCOMPARE(rig.prompter.warnings.size(), 1);
            QVERIFY2(rig.prompter.warnings.constFirst().contains(expect),
                     qPrintable(rig.prompter.warnings.constFirst()));
            QCOMPARE(rig.composer->method(), before);
            return;
        }
        QVERIFY2(rig.prompter.warnings.isEmpty(), qPrintable(rig.prompter.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(rig.composer->method(), expect);
        QCOMPARE(rig.composer->environment().id, EnvironmentStore::productionV12Id());
        QCOMPARE(rig.composer->accountId(), QStringLiteral("ACC123"));
        QCOMPARE(rig.child<QLineEdit>("secretEdit")->text(), QStringLiteral("CustSecret99"));
        QCOMPARE(rig.composer->requestId(), QStringLiteral("abc"));
        QCOMPARE(QJsonDocument::fromJson(rig.composer->paramsText().toUtf8()).object(),
                 QJsonDocument::fromJson(R"({"where":{},"limit":10})").object());
        // The customer's secret is in the field for this session only, not in the draft.
        rig.composer->flushDraft();
        QFile file(rig.settings->fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("CustSecret99"));
    }

    void curlImportDialogChecksLive()
    {
        CurlImportDialog dialog;
        dialog.show();
        auto* text = dialog.findChild<QPlainTextEdit*>(QStringLiteral("curlText"));
        auto* ok = dialog.findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(text, QStringLiteral("curl 'https://api.sharpspring.com/pubapi/v1/"));
        QVERIFY2(dialog.statusText().contains(QLatin1String("line 1, column 6")), qPrintable(dialog.statusText()));
        QVERIFY(!ok->isEnabled());
        QCOMPARE(text->extraSelections().size(), 1);
        QTest::keyClicks(text, QStringLiteral("?accountID=A1&secretKey=S3cr3tValue' -d "
                                              "'{\"method\":\"getLead\",\"params\":{\"id\":1},\"id\":\"1\"}'"));
        QVERIFY2(dialog.statusText().contains(QLatin1String("getLead")), qPrintable(dialog.statusText()));
        QVERIFY(dialog.statusText().contains(QLatin1String("A1")));
        QVERIFY2(dialog.statusText().contains(QStringLiteral("secretKey=•••")), qPrintable(dialog.statusText()));
        QVERIFY(!dialog.statusText().contains(QLatin1String("S3cr3tValue")));
        QVERIFY(ok->isEnabled());
        QVERIFY(text->extraSelections().isEmpty());
    }

    // --------------------------------------------------------------------------------------
    // Environments dialog

    // The daily quota (the status bar's rate meter) is a row of the form, kept per environment.
    void environmentDialogDailyQuota()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        EnvironmentStore store(&settings);
        ScriptedPrompter prompter;
        EnvironmentDialog dialog(store, prompter);
        dialog.show();
        auto* list = dialog.findChild<QListWidget*>(QStringLiteral("environmentList"));
        auto* quota = dialog.findChild<QSpinBox*>(QStringLiteral("environmentDailyQuota"));
        QVERIFY(quota && quota->isVisible());
        QCOMPARE(quota->value(), 50000);
        list->setCurrentRow(0); // the simulator
        quota->setValue(1200);
        QVERIFY(dialog.isDirty());
        QVERIFY(dialog.applyChanges());
        QCOMPARE(store.byId(EnvironmentStore::simulatorId())->dailyQuota, qint64(1200));
        list->setCurrentRow(1);
        QCOMPARE(quota->value(), 50000);
        list->setCurrentRow(0);
        QCOMPARE(quota->value(), 1200);
    }

    void environmentDialogRules()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
        EnvironmentStore store(&settings);
        ScriptedPrompter prompter;
        EnvironmentDialog dialog(store, prompter);
        dialog.show();
        auto* list = dialog.findChild<QListWidget*>(QStringLiteral("environmentList"));
        auto* name = dialog.findChild<QLineEdit*>(QStringLiteral("environmentName"));
        auto* url = dialog.findChild<QLineEdit*>(QStringLiteral("environmentUrl"));
        auto* account = dialog.findChild<QLineEdit*>(QStringLiteral("environmentAccount"));
        auto* save = dialog.findChild<QPushButton*>(QStringLiteral("saveEnvironment"));
        auto* check = dialog.findChild<QLabel*>(QStringLiteral("environmentCheck"));
        QCOMPARE(list->count(), 3);

        // Built-ins: name and URL fixed, account editable.
        list->setCurrentRow(1);
        QVERIFY(name->isReadOnly());
        QVERIFY(url->isReadOnly());
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("removeEnvironment"))->isEnabled());
        account->clear();
        QTest::keyClicks(account, QStringLiteral("PROD-1"));
        QVERIFY(save->isEnabled());
        save->click();
        QCOMPARE(store.byId(EnvironmentStore::productionV12Id())->accountId, QStringLiteral("PROD-1"));

        // A custom one: errors live, plain http to a remote host only after the warning.
        dialog.addEnvironment();
        QCOMPARE(list->count(), 4);
        name->clear();
        QTest::keyClicks(name, QStringLiteral("Proxy"));
        QTest::keyClicks(url, QStringLiteral("http://proxy.example.com/pubapi/v1.2/?secretKey=abc"));
        QVERIFY(check->text().contains(QLatin1String("secretKey")));
        QVERIFY(!save->isEnabled());
        url->clear();
        QTest::keyClicks(url, QStringLiteral("http://proxy.example.com/pubapi/v1.2/"));
        QVERIFY(save->isEnabled());
        QVERIFY(check->text().contains(QLatin1String("unencrypted")));
        prompter.answers = {false};
        save->click();
        QCOMPARE(prompter.questions.size(), 1);
        QVERIFY(!store.find(QStringLiteral("Proxy")));
        prompter.answers = {true};
        save->click();
        QCOMPARE(prompter.questions.size(), 2);
        const auto saved = store.find(QStringLiteral("Proxy"));
        QVERIFY(saved);
        QVERIFY(saved->plainHttpAcknowledged);
        QVERIFY(!dialog.isDirty());

        // Loopback http needs no warning; removing asks.
        dialog.addEnvironment();
        name->clear();
        QTest::keyClicks(name, QStringLiteral("Local"));
        QTest::keyClicks(url, QStringLiteral("http://127.0.0.1:9999/pubapi/v1/"));
        QVERIFY(dialog.applyChanges());
        QCOMPARE(prompter.questions.size(), 2);
        prompter.answers = {true};
        dialog.findChild<QPushButton*>(QStringLiteral("removeEnvironment"))->click();
        QVERIFY(!store.find(QStringLiteral("Local")));

        // Leaving an invalid new environment keeps the user on it.
        dialog.addEnvironment();
        const int row = list->currentRow();
        list->setCurrentRow(0);
        QCOMPARE(list->currentRow(), row);
        QVERIFY(check->text().contains(QLatin1String("URL")));
    }
};

QTEST_MAIN(TestComposer)
#include "tst_composer.moc"
