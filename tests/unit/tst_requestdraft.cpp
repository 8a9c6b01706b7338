#include "EnvironmentStore.h"
#include "RequestDraft.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

// RequestDraft without widgets: the bytes and URL a call sends, headers, raw body, drafts,
// request files and cURL (never the secret unless asked), and the debounced live lint.
class TestRequestDraft : public QObject
{
    Q_OBJECT

    static inline const QString kCanary = QStringLiteral("CANARY-secret-7f3a9d");

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<EnvironmentStore> m_environments;

    RequestDraft* makeDraft(QObject* parent, const QString& environmentId = EnvironmentStore::productionV12Id())
    {
        auto* draft = new RequestDraft(*m_environments, parent);
        draft->setEnvironmentId(environmentId);
        return draft;
    }

private slots:
    void init()
    {
        QFile::remove(m_dir.filePath(QStringLiteral("settings.ini")));
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        m_environments = std::make_unique<EnvironmentStore>(m_settings.get());
    }

    void wireBytes_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("params");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("compacted, order kept")
            << QStringLiteral("getLeads") << QStringLiteral("{\n  \"where\": {},\n  \"limit\": 10\n}")
            << QStringLiteral("r-1")
            << QByteArray("{\"method\":\"getLeads\",\"params\":{\"where\":{},"
                          "\"limit\":10},\"id\":\"r-1\"}");
        QTest::newRow("big number as typed")
            << QStringLiteral("getLead") << QStringLiteral("{\"id\": 12345678901234567890}") << QStringLiteral("x")
            << QByteArray("{\"method\":\"getLead\",\"params\":{\"id\":12345678901234567890},\"id\":\"x\"}");
        QTest::newRow("broken params verbatim")
            << QStringLiteral("getLead") << QStringLiteral(" {\"id\": } ") << QStringLiteral("r-2")
            << QByteArray("{\"method\":\"getLead\",\"params\":{\"id\": },\"id\":\"r-2\"}");
        QTest::newRow("empty parts left out") << QString() << QString() << QString() << QByteArray("{}");
    }

    void wireBytes()
    {
        QFETCH(QString, method);
        QFETCH(QString, params);
        QFETCH(QString, id);
        QFETCH(QByteArray, body);
        QObject owner;
        RequestDraft* draft = makeDraft(&owner);
        draft->setMethod(method, RequestDraft::Params::Keep);
        draft->setParamsText(params);
        draft->setRequestId(id);
        QCOMPARE(draft->body(), body);
        ApiRequest request;
        QString error;
        QVERIFY2(draft->toRequest(&request, &error), qPrintable(error));
        QCOMPARE(request.body, body);
    }

    void url_data()
    {
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("path");
        QTest::newRow("v1.2") << EnvironmentStore::productionV12Id() << QStringLiteral("/pubapi/v1.2/");
        QTest::newRow("v1") << EnvironmentStore::productionV1Id() << QStringLiteral("/pubapi/v1/");
    }

    void url()
    {
        QFETCH(QString, environment);
        QFETCH(QString, path);
        QObject owner;
        RequestDraft* draft = makeDraft(&owner, environment);
        draft->setAccountId(QStringLiteral("ACC-1"));
        draft->setSecretKey(kCanary);
        draft->setTimeoutMs(45000);
        ApiRequest request;
        QString error;
        QVERIFY2(draft->toRequest(&request, &error), qPrintable(error));
        const QUrl url = request.url();
        QCOMPARE(url.host(), QStringLiteral("api.sharpspring.com"));
        QCOMPARE(url.path(), path);
        const QUrlQuery query(url);
        QCOMPARE(query.queryItemValue(QStringLiteral("accountID")), QStringLiteral("ACC-1"));
        QCOMPARE(query.queryItemValue(QStringLiteral("secretKey")), kCanary);
        QCOMPARE(request.timeoutMs, 45000);
        const QString shown = draft->displayUrl();
        QVERIFY2(shown.contains(QStringLiteral("secretKey=•••")), qPrintable(shown));
        QVERIFY(shown.contains(path));
        QVERIFY(!shown.contains(kCanary));
    }

    void headers_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("headers");
        QTest::addColumn<bool>("sendable");
        QTest::newRow("none") << QString() << 0 << true;
        QTest::newRow("two") << QStringLiteral("X-Simulator-Fault: 222\n# note\nX-Trace: abc") << 2 << true;
        QTest::newRow("credential") << QStringLiteral("secretKey: x") << 0 << false;
        QTest::newRow("secret in a value") << QStringLiteral("X-Debug: ") + kCanary << 0 << false;
    }

    void headers()
    {
        QFETCH(QString, text);
        QFETCH(int, headers);
        QFETCH(bool, sendable);
        QObject owner;
        RequestDraft* draft = makeDraft(&owner);
        draft->setSecretKey(kCanary);
        QSignalSpy changed(draft, &RequestDraft::headersChanged);
        draft->setHeadersText(text);
        QCOMPARE(changed.count(), text.isEmpty() ? 0 : 1);
        QCOMPARE(draft->extraHeaders().size(), headers);
        QCOMPARE(draft->headerProblems().isEmpty(), sendable);
        ApiRequest request;
        QString error;
        QCOMPARE(draft->toRequest(&request, &error), sendable);
        if (sendable)
            QCOMPARE(request.headers, draft->extraHeaders());
        else
            QVERIFY(error.contains(QLatin1String("Headers")));
    }

    void rawBody()
    {
        QObject owner;
        RequestDraft* draft = makeDraft(&owner);
        draft->setMethod(QStringLiteral("getLeads"));
        const QString raw = QStringLiteral("method=getLeads&params=%7B%7D");
        draft->setRawBody(raw, true);
        QCOMPARE(draft->body(), raw.toUtf8());
        draft->setRawBody(raw, false);
        QVERIFY(draft->body().startsWith("{\"method\":\"getLeads\""));
        // A loaded body that is no envelope becomes the raw body.
        QVERIFY(!draft->loadBody(std::nullopt, QByteArrayLiteral("not json")));
        QVERIFY(draft->isRawBodyEnabled());
        QCOMPARE(draft->body(), QByteArray("not json"));
    }

    void templateOnMethodChange()
    {
        QObject owner;
        RequestDraft* draft = makeDraft(&owner);
        draft->setMethod(QStringLiteral("getLeads"));
        const QString leads = draft->paramsText();
        QVERIFY(leads.contains(QLatin1String("where")));
        draft->setMethod(QStringLiteral("getLead")); // untouched template: replaced
        QVERIFY2(draft->paramsText() != leads && draft->paramsText().contains(QLatin1String("\"id\"")),
                 qPrintable(draft->paramsText()));
        draft->setParamsText(QStringLiteral("{\"mine\": 1}"));
        draft->setMethod(QStringLiteral("getLeads")); // typed params stay
        QCOMPARE(draft->paramsText(), QStringLiteral("{\"mine\": 1}"));
        QVERIFY(draft->insertTemplate());
        QCOMPARE(draft->paramsText(), leads);
    }

    void draftRoundTrip()
    {
        QObject owner;
        RequestDraft* draft = makeDraft(&owner);
        draft->setDraftSettings(m_settings.get());
        draft->setMethod(QStringLiteral("createLeads"), RequestDraft::Params::Keep);
        draft->setParamsText(QStringLiteral("{\"objects\": [{\"emailAddress\": \"a@example.com\"}]}"));
        draft->setRequestId(QStringLiteral("my-id"));
        draft->setHeadersText(QStringLiteral("X-Trace: 1"));
        draft->setRawBody(QStringLiteral("raw"), false);
        draft->setAccountId(QStringLiteral("ACC-77"));
        draft->setTimeoutMs(75000);
        // Saved by itself, kDraftDelayMs after the last edit.
        QTRY_COMPARE(ComposerDraft::load(*m_settings), draft->toDraft());

        const ComposerDraft loaded = ComposerDraft::load(*m_settings);
        RequestDraft* restored = makeDraft(&owner);
        restored->restoreRequest(loaded);
        QCOMPARE(restored->method(), draft->method());
        QCOMPARE(restored->paramsText(), draft->paramsText());
        QCOMPARE(restored->requestId(), QStringLiteral("my-id"));
        QVERIFY(restored->isRequestIdChosen());
        QCOMPARE(restored->headersText(), draft->headersText());
        QCOMPARE(restored->rawBodyText(), QStringLiteral("raw"));
        QCOMPARE(restored->timeoutMs(), 75000);
        QCOMPARE(restored->body(), draft->body());
    }

    // The secret (and a secretKey typed into the text) reaches nothing saved or copied unless
    // asked for explicitly.
    void secretCanary_data()
    {
        QTest::addColumn<QString>("output");
        QTest::addColumn<bool>("contains");
        QTest::newRow("draft") << QStringLiteral("draft") << false;
        QTest::newRow("request file") << QStringLiteral("file") << false;
        QTest::newRow("cURL") << QStringLiteral("curl") << false;
        QTest::newRow("cURL with secret") << QStringLiteral("curl-secret") << true;
    }

    void secretCanary()
    {
        QFETCH(QString, output);
        QFETCH(bool, contains);
        QObject owner;
        RequestDraft* draft = makeDraft(&owner);
        draft->setDraftSettings(m_settings.get());
        draft->setAccountId(QStringLiteral("ACC-1"));
        draft->setSecretKey(kCanary);
        draft->setMethod(QStringLiteral("getLeads"), RequestDraft::Params::Keep);
        draft->setParamsText(QStringLiteral("{\"where\": {}, \"note\": \"") + kCanary + QStringLiteral("\"}"));
        draft->setHeadersText(QStringLiteral("X-Note: ") + kCanary);
        draft->setRawBody(QStringLiteral("secretKey=") + kCanary, false);

        QByteArray written;
        if (output == QLatin1String("draft")) {
            draft->flushDraft();
            QFile file(m_settings->fileName());
            QVERIFY(file.open(QIODevice::ReadOnly));
            written = file.readAll();
            QVERIFY(written.contains("ACC-1"));
        } else if (output == QLatin1String("file")) {
            const QString path = m_dir.filePath(QStringLiteral("request.json"));
            QString error;
            QVERIFY2(draft->toRequestFile().save(path, &error), qPrintable(error));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            written = file.readAll();
            QVERIFY(written.contains("getLeads"));
        } else {
            draft->setHeadersText(QString()); // a header with the secret stops the export
            const QString line = draft->curlCommandLine(
                output == QLatin1String("curl") ? CurlCommand::Secret::Redacted : CurlCommand::Secret::Included);
            QVERIFY(line.startsWith(QLatin1String("curl")));
            written = line.toUtf8();
            QCOMPARE(written.contains(kCanary.toUtf8()), contains);
            return;
        }
        QCOMPARE(written.contains(kCanary.toUtf8()), contains);
    }

    void lintDebouncedLatestWins()
    {
        QObject owner;
        RequestDraft* draft = makeDraft(&owner);
        draft->setAccountId(QStringLiteral("ACC-1"));
        draft->setSecretKey(QStringLiteral("secret"));
        draft->setMethod(QStringLiteral("getLeads"), RequestDraft::Params::Keep);
        QSignalSpy linted(draft, &RequestDraft::linted);
        draft->setParamsText(QStringLiteral("{\"where\": {}, \"limit\": 999999}"));
        draft->setParamsText(QStringLiteral("{\"where\": {}}"));
        QVERIFY(!draft->isLintCurrent());
        QVERIFY(linted.wait(5000));
        QCOMPARE(linted.count(), 1); // both edits, one run, for the latest text
        QVERIFY(draft->isLintCurrent());
        QVERIFY(draft->lintedText().contains(QLatin1String("{\"where\": {}}")));

        // A wrong-case method: a fix of the envelope, applied to the method field.
        draft->setMethod(QStringLiteral("getleads"), RequestDraft::Params::Keep);
        draft->lintNow();
        int fix = -1;
        for (int i = 0; i < draft->lintFindings().size(); ++i) {
            if (draft->lintFindings().at(i).quickFix)
                fix = i;
        }
        QVERIFY(fix >= 0);
        // Edited meanwhile: the findings are stale, the fix is refused and the lint runs again.
        draft->setRequestId(QStringLiteral("other"));
        QVERIFY(!draft->isLintCurrent());
        QVERIFY(!draft->applyLintFix(fix));
        QVERIFY(draft->isLintCurrent());
        for (int i = 0; i < draft->lintFindings().size(); ++i) {
            if (draft->lintFindings().at(i).quickFix)
                fix = i;
        }
        QVERIFY(draft->applyLintFix(fix));
        QCOMPARE(draft->method(), QStringLiteral("getLeads"));
        QCOMPARE(draft->paramsText(), QStringLiteral("{\"where\": {}}"));
    }

    // A pasted request of 100k keys is linted on a worker: lintNow() returns at once without
    // findings, the findings arrive with linted(), and an edit made meanwhile is what they end up
    // describing (the stale run's result is dropped, never shown).
    void lintBigRequestOnWorker()
    {
        QObject owner;
        RequestDraft* draft = makeDraft(&owner);
        draft->setAccountId(QStringLiteral("ACC-1"));
        draft->setSecretKey(QStringLiteral("secret"));
        draft->setMethod(QStringLiteral("getLeads"), RequestDraft::Params::Keep);
        QString where = QStringLiteral("{\"where\": {");
        for (int i = 0; i < 100000; ++i)
            where += QStringLiteral("\"k%1\": 0, ").arg(i);
        where += QStringLiteral("\"k0\": 1}}");
        QVERIFY(where.size() > RequestDraft::kThreadedLintChars && where.size() < RequestDraft::kMaxLiveLintChars);
        QSignalSpy linted(draft, &RequestDraft::linted);
        QStringList lintedTexts;
        connect(draft, &RequestDraft::linted, &owner, [&] { lintedTexts << draft->lintedText(); });
        draft->setParamsText(where);
        draft->lintNow();
        QVERIFY(draft->isLintRunning());
        QCOMPARE(linted.count(), 0);
        QVERIFY(!draft->isLintCurrent());

        // Edited while the worker runs: the result that comes back is for the final text.
        const QString edited = QString(where).replace(QStringLiteral("\"k0\": 1"), QStringLiteral("\"k0\": 2"));
        draft->setParamsText(edited);
        QTRY_VERIFY_WITH_TIMEOUT(linted.count() >= 1 && !draft->isLintRunning(), 20000);
        QVERIFY(draft->isLintCurrent());
        for (const QString& text : std::as_const(lintedTexts))
            QVERIFY(text.contains(QLatin1String("\"k0\": 2")));
        bool duplicate = false;
        for (const LintFinding& f : draft->lintFindings())
            duplicate = duplicate || f.rule == QLatin1String("duplicate-key");
        QVERIFY(duplicate);
    }

    // A raw body encoded twice (a JSON string holding the envelope): one click puts the decoded
    // envelope in the raw body, which is what is sent.
    void rawBodyFixApplied()
    {
        QObject owner;
        RequestDraft* draft = makeDraft(&owner);
        draft->setAccountId(QStringLiteral("ACC-1"));
        draft->setSecretKey(QStringLiteral("secret"));
        const QString envelope =
            QStringLiteral("{\"method\": \"getLeads\", \"params\": {\"where\": {}}, \"id\": \"1\"}");
        QString encoded = envelope;
        encoded.replace(QLatin1Char('"'), QLatin1String("\\\""));
        draft->setRawBody(QLatin1Char('"') + encoded + QLatin1Char('"'), true);
        draft->lintNow();
        int fix = -1;
        for (int i = 0; i < draft->lintFindings().size(); ++i) {
            if (draft->lintFindings().at(i).rule == QLatin1String("body-double-encoded"))
                fix = i;
        }
        QVERIFY(fix >= 0);
        QVERIFY(!draft->lintFindings().at(fix).isError());
        QVERIFY(draft->applyLintFix(fix));
        QCOMPARE(draft->rawBodyText(), envelope);
        QCOMPARE(draft->body(), envelope.toUtf8());
        for (const LintFinding& f : draft->lintFindings())
            QVERIFY2(f.rule != QLatin1String("body-double-encoded"), qPrintable(f.message));
    }
};

QTEST_GUILESS_MAIN(TestRequestDraft)
#include "tst_requestdraft.moc"
