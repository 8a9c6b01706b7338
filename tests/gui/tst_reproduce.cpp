#include "BatchTableModel.h"
#include "ComposerWidget.h"
#include "EnvironmentStore.h"
#include "ErrorBrowserWidget.h"
#include "ErrorCatalog.h"
#include "ErrorGalleryWidget.h"
#include "ErrorTile.h"
#include "FindingsModel.h"
#include "GuiApplication.h"
#include "InspectorWidget.h"
#include "LintPanel.h"
#include "MainWindow.h"
#include "ReproduceController.h"
#include "RequestEnvelope.h"
#include "ScenarioCatalog.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QtTest>

#include <memory>
#include <set>

// End to end in the real main window, offscreen, on the real embedded simulator:
// every catalogue code reproduced from the error browser and its gallery, a batch with a
// duplicate, and a request with four mistakes fixed through the lint panel. One window serves
// every test, as a user's session would.
class TestReproduce : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<MainWindow> m_window;
    ComposerWidget* m_composer = nullptr;
    InspectorWidget* m_inspector = nullptr;
    ErrorBrowserWidget* m_browser = nullptr;
    ReproduceController* m_controller = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_findingsTester;
    std::unique_ptr<QAbstractItemModelTester> m_batchTester;
    QElapsedTimer m_allCodes;
    int m_codesRun = 0;

    // Sends what the composer holds with its Send button; returns once the inspector shows it.
    CallCapture sendAndInspect()
    {
        QSignalSpy finished(m_composer, &ComposerWidget::callFinished);
        QSignalSpy loaded(m_inspector, &InspectorWidget::loaded);
        QTest::mouseClick(m_composer->findChild<QPushButton*>(QStringLiteral("sendButton")), Qt::LeftButton);
        if (finished.isEmpty() && !finished.wait(10000))
            return CallCapture();
        if (loaded.isEmpty())
            loaded.wait(10000);
        return finished.constFirst().constFirst().value<CallCapture>();
    }

    std::set<int> errorCodes(QList<Finding::Level>* levels = nullptr) const
    {
        std::set<int> codes;
        FindingsModel* model = m_inspector->findingsModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            const Finding* f = model->findingAt(row);
            if (f->severity == Finding::Severity::Error && f->code) {
                codes.insert(*f->code);
                if (levels)
                    levels->append(f->level);
            }
        }
        return codes;
    }

    // What asks for the width when the window grew: the minimum widths of the parts.
    QString widthReport() const
    {
        QStringList parts{
            QStringLiteral("window %1 (minimum %2)").arg(m_window->width()).arg(m_window->minimumSizeHint().width())};
        for (QWidget* w :
             {static_cast<QWidget*>(m_composer), static_cast<QWidget*>(m_inspector), static_cast<QWidget*>(m_browser)})
            parts << QStringLiteral("%1 %2 (minimum %3)")
                         .arg(w->objectName())
                         .arg(w->width())
                         .arg(w->minimumSizeHint().width());
        for (QWidget* top : {static_cast<QWidget*>(m_composer), static_cast<QWidget*>(m_inspector)})
            for (QWidget* c : top->findChildren<QWidget*>())
                if (c->isVisible() && std::max(c->minimumSizeHint().width(), c->minimumWidth()) > 300)
                    parts << QStringLiteral("\n  %1/%2 %3 %4")
                                 .arg(QString::fromLatin1(c->metaObject()->className()), c->objectName())
                                 .arg(c->minimumSizeHint().width())
                                 .arg(c->minimumWidth());
        return parts.join(QStringLiteral(", "));
    }

    static QString describeFindings(const FindingsModel* model)
    {
        QStringList lines;
        for (int row = 0; row < model->rowCount(); ++row) {
            const Finding* f = model->findingAt(row);
            lines << QStringLiteral("%1 %2 %3 %4")
                         .arg(int(f->severity))
                         .arg(f->code ? QString::number(*f->code) : f->key, f->path, f->message);
        }
        return lines.join(QLatin1Char('\n'));
    }

private slots:
    void initTestCase()
    {
        GuiApplication::applyIdentity();
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_reproduce"));
    }

    // The 39 codes together, measured (the bound is a minute), when the whole table ran.
    void cleanupTestCase()
    {
        if (m_codesRun != 39)
            return;
        const qint64 ms = m_allCodes.elapsed();
        qInfo("39 codes reproduced end to end in %lld ms (a fresh window for each)", ms);
        QVERIFY2(ms < 60000, qPrintable(QString::number(ms)));
    }

    // Each test gets a fresh window (and so a fresh embedded simulator and settings): none depends
    // on what another one left behind.
    void init()
    {
        QSettings().clear();
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1366, 768);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_composer = m_window->findChild<ComposerWidget*>(QStringLiteral("composer"));
        m_inspector = m_window->findChild<InspectorWidget*>(QStringLiteral("inspector"));
        // The error browser is created on first use: Help → Try an error… shows it (and its gallery).
        QAction* tryError = m_window->findChild<QAction*>(QStringLiteral("actionTryError"));
        QVERIFY(tryError);
        tryError->trigger();
        m_browser = m_window->findChild<ErrorBrowserWidget*>(QStringLiteral("errorBrowser"));
        m_controller = m_window->findChild<ReproduceController*>(QStringLiteral("reproduceController"));
        QVERIFY(m_composer && m_inspector && m_browser && m_controller);
        m_findingsTester = std::make_unique<QAbstractItemModelTester>(m_inspector->findingsModel());
        m_batchTester = std::make_unique<QAbstractItemModelTester>(m_inspector->batchModel());
    }

    void cleanup()
    {
        m_findingsTester.reset();
        m_batchTester.reset();
        m_window.reset();
        m_composer = nullptr;
        m_inspector = nullptr;
        m_browser = nullptr;
        m_controller = nullptr;
    }

    // createLeads with three objects, the second an address the simulator already has (read
    // back with getLeads): a partial failure, row 2 failed with 301.
    void batchWithDuplicateEmail()
    {
        QVERIFY(m_composer->selectEnvironment(EnvironmentStore::simulatorId()) ||
                m_composer->environment().isSimulator());
        m_composer->setMethod(QStringLiteral("getLeads"));
        m_composer->setParamsText(QStringLiteral("{\"where\": {}, \"limit\": 1}"));
        m_composer->regenerateRequestId();
        const CallCapture leads = sendAndInspect();
        QVERIFY(leads.hasResponse);
        QString error;
        const QJsonObject response = QJsonDocument::fromJson(leads.readBody(&error)).object();
        const QString existing = response.value(QStringLiteral("result"))
                                     .toObject()
                                     .value(QStringLiteral("lead"))
                                     .toArray()
                                     .at(0)
                                     .toObject()
                                     .value(QStringLiteral("emailAddress"))
                                     .toString();
        QVERIFY2(existing.contains(QLatin1Char('@')), qPrintable(QString::fromUtf8(leads.readBody(&error))));

        const QString stamp = QString::number(QDateTime::currentMSecsSinceEpoch());
        m_composer->setMethod(QStringLiteral("createLeads"));
        m_composer->setParamsText(
            QStringLiteral("{\"objects\": [\n"
                           "  {\"emailAddress\": \"first.%1@example.com\", \"firstName\": \"Ada\"},\n"
                           "  {\"emailAddress\": \"%2\", \"firstName\": \"Dup\"},\n"
                           "  {\"emailAddress\": \"third.%1@example.com\", \"firstName\": \"Cy\"}\n"
                           "]}")
                .arg(stamp, existing));
        const CallCapture created = sendAndInspect();
        QVERIFY(created.hasResponse);
        QVERIFY(m_inspector->result());
        QCOMPARE(m_inspector->result()->diagnosis.verdict, Diagnosis::Verdict::PartialFailure);

        BatchTableModel* batch = m_inspector->batchModel();
        QCOMPARE(batch->rowCount(), 3);
        QCOMPARE(batch->index(0, 0).data(BatchTableModel::SuccessRole).toBool(), true);
        QCOMPARE(batch->index(1, 0).data(BatchTableModel::SuccessRole).toBool(), false);
        QCOMPARE(batch->index(1, BatchTableModel::CodeColumn).data().toString(), QStringLiteral("301"));
        QCOMPARE(batch->index(1, 0).data(BatchTableModel::BatchIndexRole).toInt(), 1);
        QCOMPARE(batch->index(2, 0).data(BatchTableModel::SuccessRole).toBool(), true);
        // The findings name 301 at object level, for the second object only.
        QList<Finding::Level> levels;
        QCOMPARE(errorCodes(&levels), std::set<int>{301});
        QVERIFY(levels.contains(Finding::Level::Object));
    }

    // Four mistakes, each with a safe one-click fix in the lint panel; fixed through the panel's
    // buttons, one click each, the request is clean and succeeds.
    void lintFourMistakesFixedThenSent()
    {
        // Mis-cased "Limit" and "Offset" (205), no "where" (206), no id (102). (A wrong-case method
        // would hide the params' findings until it is fixed, so the method is right here.)
        m_composer->setMethod(QStringLiteral("getLeads"));
        m_composer->setParamsText(QStringLiteral("{\n  \"Limit\": 5,\n  \"Offset\": 0\n}"));
        m_composer->setRequestId(QString());
        m_composer->checkNow();
        const QList<LintFinding> findings = m_composer->lintFindings();
        QStringList seen;
        for (const LintFinding& f : findings)
            seen << QStringLiteral("%1 %2 %3").arg(f.predictedCode).arg(f.path, f.message);
        QVERIFY2(findings.size() == 4, qPrintable(seen.join(QLatin1Char('\n'))));
        std::multiset<int> codes;
        for (const LintFinding& f : findings) {
            codes.insert(f.predictedCode);
            QVERIFY2(f.quickFix, qPrintable(f.message));
        }
        QCOMPARE(codes, (std::multiset<int>{102, 205, 205, 206}));

        LintPanel* panel = m_composer->lintPanel();
        // One click per finding: each fix removes exactly its finding.
        for (int left = 4; left > 0; --left) {
            QCOMPARE(m_composer->lintFindings().size(), left);
            auto* fix = qobject_cast<QToolButton*>(panel->list()->itemWidget(panel->list()->topLevelItem(0), 2));
            QVERIFY2(fix, qPrintable(panel->summaryText()));
            QTest::mouseClick(fix, Qt::LeftButton);
        }
        QVERIFY2(m_composer->lintFindings().isEmpty(), qPrintable(panel->summaryText()));
        QCOMPARE(m_composer->method(), QStringLiteral("getLeads"));
        QVERIFY(!m_composer->requestId().isEmpty());
        const auto envelope = RequestEnvelope::parse(m_composer->body());
        QVERIFY(envelope);
        QVERIFY(envelope->params().toObject().contains(QStringLiteral("where")));
        QVERIFY(envelope->params().toObject().contains(QStringLiteral("limit")));
        QVERIFY(envelope->params().toObject().contains(QStringLiteral("offset")));

        const CallCapture capture = sendAndInspect();
        QVERIFY(capture.hasResponse);
        QVERIFY(m_inspector->result());
        QCOMPARE(m_inspector->result()->diagnosis.verdict, Diagnosis::Verdict::Ok);
        QVERIFY(errorCodes().empty());
    }

    // The gallery: one tile per scenario, reachable from the Help menu, disabled while a code is
    // being reproduced.
    void galleryReachableAndComplete()
    {
        auto* gallery = m_browser->findChild<ErrorGalleryWidget*>(QStringLiteral("errorGallery"));
        QVERIFY(gallery);
        QCOMPARE(gallery->codes(), ScenarioCatalog::builtin().codes());
        QCOMPARE(gallery->codes().size(), 39);
        QVERIFY(gallery->isSimulatorAvailable());
        auto* help = m_window->findChild<QMenu*>(QStringLiteral("menuHelp"));
        QAction* tryError = m_window->findChild<QAction*>(QStringLiteral("actionTryError"));
        QVERIFY(help && tryError);
        QVERIFY(help->actions().contains(tryError));
        m_browser->showBrowse();
        tryError->trigger();
        QVERIFY(m_browser->isGalleryShown());
        QVERIFY(gallery->isVisible());
        QTRY_VERIFY(gallery->tile(301)->isVisible());
        // Under the inspector at 1366 px: more than one column.
        QTRY_VERIFY2(gallery->columnCount() >= 2, qPrintable(QString::number(gallery->columnCount())));
        m_browser->setReproducing(107);
        QVERIFY(gallery->tile(107)->isBusy());
        QVERIFY(!gallery->tile(301)->isEnabled());
        QVERIFY(!m_browser->reproduceAction()->isEnabled());
        m_browser->setReproducing(0);
        QVERIFY(gallery->tile(301)->isEnabled());
        QVERIFY(!gallery->tile(107)->isBusy());
    }

    // A tile borrows the composer for one call: afterwards the user's request is back as it was
    // (no X-Simulator-Fault header, their account and secret, an id they had not chosen still
    // fresh each call), and the next ordinary call is answered without the injected error.
    void reproducingLeavesNothingBehind_data()
    {
        QTest::addColumn<int>("code");
        QTest::newRow("999 fault header") << 999;
        QTest::newRow("222 fault header") << 222;
        QTest::newRow("104 no secret") << 104;
        QTest::newRow("105 wrong secret") << 105;
    }

    void reproducingLeavesNothingBehind()
    {
        QFETCH(int, code);
        QVERIFY(m_composer->selectEnvironment(EnvironmentStore::simulatorId()) ||
                m_composer->environment().isSimulator());
        m_composer->setMethod(QStringLiteral("getLeads"));
        m_composer->setParamsText(QStringLiteral("{\"where\": {}, \"limit\": 1}"));
        m_composer->regenerateRequestId();
        const QString secret = m_composer->request().secretKey();
        const QString account = m_composer->accountId();
        QVERIFY(!secret.isEmpty() && !account.isEmpty());

        QSignalSpy finished(m_controller, &ReproduceController::finished);
        m_browser->showGallery();
        ErrorTile* tile = m_browser->gallery()->tile(code);
        QVERIFY(tile);
        QTRY_VERIFY(tile->isEnabled());
        QTest::mouseClick(tile, Qt::LeftButton);
        QVERIFY(finished.wait(15000));
        QVERIFY(errorCodes() == std::set<int>{code});

        QCOMPARE(m_composer->method(), QStringLiteral("getLeads"));
        QVERIFY(m_composer->extraHeaders().isEmpty());
        QVERIFY(!m_composer->headersText().contains(QLatin1String("X-Simulator-Fault")));
        QCOMPARE(m_composer->accountId(), account);
        QCOMPARE(m_composer->request().secretKey(), secret);
        QVERIFY(!m_composer->request().isRequestIdChosen());

        const CallCapture next = sendAndInspect();
        QVERIFY(next.hasResponse);
        for (const CallCapture::Header& header : next.requestHeaders)
            QVERIFY2(header.first.compare("X-Simulator-Fault", Qt::CaseInsensitive) != 0, header.second.constData());
        QVERIFY2(errorCodes().empty(), qPrintable(describeFindings(m_inspector->findingsModel())));
        // A fresh id for the next call too: the id was never pinned.
        const QString id = m_composer->requestId();
        const CallCapture third = sendAndInspect();
        QVERIFY(third.hasResponse);
        QVERIFY(m_composer->requestId() != id);
    }

    // Every code: from the browser's Reproduce button (even rows) or a gallery tile (odd rows),
    // the composer shows exactly the scenario and the inspector finds exactly that code.
    void reproduceEveryCode_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("viaGallery");
        const QList<int> codes = ScenarioCatalog::builtin().codes();
        for (int i = 0; i < codes.size(); ++i)
            QTest::addRow("%d", codes.at(i)) << codes.at(i) << (i % 2 == 1);
    }

    void reproduceEveryCode()
    {
        QFETCH(int, code);
        QFETCH(bool, viaGallery);
        if (m_codesRun++ == 0)
            m_allCodes.start();
        const std::optional<Scenario> scenario = m_controller->scenario(code);
        QVERIFY(scenario);

        QSignalSpy finished(m_controller, &ReproduceController::finished);
        QSignalSpy failed(m_controller, &ReproduceController::failed);
        QSignalSpy loaded(m_inspector, &InspectorWidget::loaded);
        QSignalSpy calls(m_composer, &ComposerWidget::callFinished);
        const RequestDraft::Snapshot before = m_composer->snapshot();
        if (viaGallery) {
            m_browser->showGallery();
            ErrorTile* tile = m_browser->gallery()->tile(code);
            QVERIFY(tile);
            QTRY_VERIFY(tile->isEnabled());
            QTest::mouseClick(tile, Qt::LeftButton);
        } else {
            m_browser->showBrowse();
            QVERIFY(m_browser->showEntry(code));
            auto* button = m_browser->findChild<QToolButton*>(QStringLiteral("reproduceButton"));
            QTRY_VERIFY(button->isEnabled());
            QTest::mouseClick(button, Qt::LeftButton);
        }
        QVERIFY(finished.count() == 1 || finished.wait(15000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(finished.constFirst().constFirst().toInt(), code);
        QVERIFY(loaded.count() >= 1 || loaded.wait(10000));

        // Exactly the scenario was sent (through the composer): body, headers, credentials.
        QVERIFY(!calls.isEmpty());
        const auto sent = calls.constLast().constFirst().value<CallCapture>();
        if (scenario->body.isString())
            QCOMPARE(sent.requestBody, scenario->bodyBytes());
        else
            QCOMPARE(QJsonDocument::fromJson(sent.requestBody).object(), scenario->body.toObject());
        for (auto it = scenario->headers.begin(); it != scenario->headers.end(); ++it) {
            const CallCapture::Header header{it.key().toLatin1(), it.value().toString().toLatin1()};
            QVERIFY2(sent.requestHeaders.contains(header), header.first.constData());
        }
        const QString account = scenario->query.value(QStringLiteral("accountID")).toString();
        QCOMPARE(sent.displayUrl.contains(QStringLiteral("accountID=%1").arg(account)), !account.isEmpty());
        // ...and the composer has the user's request back, nothing of the scenario left in it.
        const RequestDraft::Snapshot after = m_composer->snapshot();
        QCOMPARE(after.fields.method, before.fields.method);
        QCOMPARE(after.fields.params, before.fields.params);
        QCOMPARE(after.fields.headers, before.fields.headers);
        QCOMPARE(after.fields.rawBodyEnabled, before.fields.rawBodyEnabled);
        QCOMPARE(after.fields.environmentId, before.fields.environmentId);
        QCOMPARE(after.fields.accountId, before.fields.accountId);
        QCOMPARE(after.secretKey, before.secretKey);
        QCOMPARE(after.requestIdChosen, before.requestIdChosen);

        // The inspector: exactly this code among the errors, at the scenario's level, selected.
        QList<Finding::Level> levels;
        const std::set<int> codes = errorCodes(&levels);
        QVERIFY2(codes == std::set<int>{code}, qPrintable(describeFindings(m_inspector->findingsModel())));
        const Finding::Level level =
            scenario->level == QLatin1String("object") ? Finding::Level::Object : Finding::Level::Api;
        QVERIFY2(levels.contains(level), qPrintable(describeFindings(m_inspector->findingsModel())));
        const Finding* current = m_inspector->findingsModel()->findingAt(m_inspector->currentFindingRow());
        QVERIFY(current);
        QCOMPARE(current->code.value_or(0), code);
        const ErrorEntry* entry = ErrorCatalog::builtin().byCode(code);
        QVERIFY(entry);
        auto* detail = m_inspector->findChild<QLabel*>(QStringLiteral("findingDetail"));
        QVERIFY(detail);
        // Explained: the catalogue's summary for the code, beside the specific fact.
        QVERIFY2(detail->text().contains(QString::number(code)) &&
                     detail->text().contains(entry->summary.left(24).toHtmlEscaped()),
                 qPrintable(detail->text()));

        // At 1366×768 nothing a scenario shows (long method names in the composer's badge row,
        // long API messages in the inspector) may push the window wider than the screen.
        QCoreApplication::processEvents();
        QVERIFY2(m_window->width() <= 1366, qPrintable(widthReport()));
    }
};

QTEST_MAIN(TestReproduce)
#include "tst_reproduce.moc"
