#include "ParamsEditor.h"

#include "Badge.h"
#include "ByteSize.h"
#include "HeaderLines.h"
#include "JsonHighlighter.h"
#include "JsonSourceScanner.h"
#include "LazyPage.h"
#include "LintPanel.h"
#include "MethodCatalog.h"
#include "MethodPicker.h"
#include "RequestDraft.h"
#include "ScenarioCatalog.h"
#include "ui_ComposerHeadersPage.h"
#include "ui_ComposerRawBodyPage.h"
#include "ui_ParamsEditor.h"
#include "WrapLabel.h"

#include <QAction>
#include <QCompleter>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

namespace {
constexpr int kValidateDelayMs = 150;
} // namespace

ParamsEditor::ParamsEditor(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ParamsEditor>())
{
    m_ui->setupUi(this);
    m_ui->paramsEdit->setMinimumHeight(110);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->paramsEdit->setFont(fixed);
    m_ui->paramsEdit->setTabStopDistance(QFontMetricsF(fixed).horizontalAdvance(QLatin1Char(' ')) * 2);
    m_ui->noticeLabel->hide();
    m_ui->noticeLabel->setMinimumWidth(WrapLabel::kMinWidth);
    // The params buttons sit beside the tabs (they act on the Params tab only).
    m_ui->requestTabs->setCornerWidget(m_ui->paramsToolbarWidget, Qt::TopRightCorner);
    connect(m_ui->requestTabs, &QTabWidget::currentChanged, this, [this] {
        QWidget* current = m_ui->requestTabs->currentWidget();
        m_ui->paramsToolbarWidget->setVisible(current == m_ui->paramsTab);
        if (current == m_ui->headersTab)
            headersPage();
        else if (current == m_ui->rawBodyTab)
            rawBodyPage();
    });
    m_ui->paramsEdit->installEventFilter(this);
    m_highlighter = new JsonHighlighter(m_ui->paramsEdit->document());
    m_highlighter->setPalette(palette());

    m_lintPanel = new LintPanel(this);
    m_lintPanel->setObjectName(QStringLiteral("lintPanel"));
    m_ui->paramsLayout->addWidget(m_lintPanel);

    m_validateTimer.setSingleShot(true);
    m_validateTimer.setInterval(kValidateDelayMs);
    connect(&m_validateTimer, &QTimer::timeout, this, &ParamsEditor::updateValidation);
}

ParamsEditor::~ParamsEditor() = default;

QPlainTextEdit* ParamsEditor::paramsEdit() const
{
    return m_ui->paramsEdit;
}

QTabWidget* ParamsEditor::tabs() const
{
    return m_ui->requestTabs;
}

void ParamsEditor::setup(RequestDraft& draft, QWidget* actionOwner, QLineEdit* methodEdit, QLabel* badges,
                         QLabel* summary)
{
    m_draft = &draft;
    m_methodEdit = methodEdit;
    m_badges = badges;
    m_summary = summary;
    for (QLabel* label : {m_badges, m_summary})
        label->setMinimumWidth(WrapLabel::kMinWidth);
    createActions(actionOwner);

    auto* completer = new QCompleter(MethodCatalog::builtin().methodNames(), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_methodEdit->setCompleter(completer);
    connect(m_methodEdit, &QLineEdit::editingFinished, this, [this] {
        if (m_methodEdit->text().trimmed() != m_draft->method())
            m_draft->setMethod(m_methodEdit->text());
    });
    connect(completer, qOverload<const QString&>(&QCompleter::activated), this,
            [this](const QString& name) { m_draft->setMethod(name); });
    connect(m_summary, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link.startsWith(QLatin1String("method:")))
            m_draft->setMethod(link.mid(7));
    });

    connect(m_ui->paramsEdit, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_syncing)
            m_draft->setParamsText(m_ui->paramsEdit->toPlainText());
        onEdited();
        m_validateTimer.start();
    });
    connect(m_ui->paramsStatus, &QLabel::linkActivated, this, [this] {
        if (m_syntax.ok)
            return;
        QTextCursor cursor(m_ui->paramsEdit->document());
        cursor.setPosition(qBound(0, m_syntax.position, m_ui->paramsEdit->document()->characterCount() - 1));
        m_ui->paramsEdit->setTextCursor(cursor);
        m_ui->paramsEdit->setFocus(Qt::OtherFocusReason);
    });
    connect(m_lintPanel, &LintPanel::fixRequested, m_draft, &RequestDraft::applyLintFix);
    connect(m_lintPanel, &LintPanel::findingActivated, this, &ParamsEditor::goToFinding);

    connect(m_draft, &RequestDraft::methodChanged, this, &ParamsEditor::onMethodChanged);
    connect(m_draft, &RequestDraft::paramsChanged, this, &ParamsEditor::onDraftParamsChanged);
    connect(m_draft, &RequestDraft::headersChanged, this, &ParamsEditor::onDraftHeadersChanged);
    connect(m_draft, &RequestDraft::rawBodyChanged, this, &ParamsEditor::onDraftRawBodyChanged);
    connect(m_draft, &RequestDraft::linted, this, &ParamsEditor::showLint);
}

void ParamsEditor::detach()
{
    // Focus leaving the method field while the widgets are destroyed must not reach the draft.
    QList<QObject*> senders = findChildren<QObject*>();
    senders << static_cast<QObject*>(m_methodEdit) << static_cast<QObject*>(m_summary);
    for (QObject* sender : std::as_const(senders))
        disconnect(sender, nullptr, this, nullptr);
    disconnect(m_draft, nullptr, this, nullptr);
}

void ParamsEditor::createActions(QWidget* owner)
{
    const auto make = [owner](const QString& objectName, const QString& text, const QString& tip) {
        auto* action = new QAction(text, owner);
        action->setObjectName(objectName);
        action->setToolTip(tip);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        owner->addAction(action);
        return action;
    };
    m_insertTemplateAction = make(QStringLiteral("actionInsertTemplate"), tr("Insert &template"),
                                  tr("Replace the params with the method's template (Ctrl+Z undoes it)"));
    m_insertTemplateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    connect(m_insertTemplateAction, &QAction::triggered, this, &ParamsEditor::insertTemplate);
    m_formatAction = make(QStringLiteral("actionFormatParams"), tr("&Format"),
                          tr("Indent the params JSON, keeping key order and numbers as typed (Ctrl+Shift+F)"));
    m_formatAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    connect(m_formatAction, &QAction::triggered, this, &ParamsEditor::formatParams);
    m_indentAction = make(QStringLiteral("actionIndent"), tr("&Indent"),
                          tr("Insert an indentation in the params, headers or raw body (Tab moves to the next "
                             "field)"));
    m_indentAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Tab));
    // Triggered by the editors' event filter only: elsewhere Ctrl+Tab keeps switching tabs.
    m_indentAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_indentAction, &QAction::triggered, this, &ParamsEditor::indent);
    m_undoAction = make(QStringLiteral("actionUndoParams"), tr("Undo"), tr("Undo the last change to the params"));
    connect(m_undoAction, &QAction::triggered, m_ui->paramsEdit, &QPlainTextEdit::undo);
    connect(m_ui->paramsEdit, &QPlainTextEdit::undoAvailable, m_undoAction, &QAction::setEnabled);
    m_undoAction->setEnabled(false);
    m_redoAction = make(QStringLiteral("actionRedoParams"), tr("Redo"), tr("Redo the last undone change"));
    connect(m_redoAction, &QAction::triggered, m_ui->paramsEdit, &QPlainTextEdit::redo);
    connect(m_ui->paramsEdit, &QPlainTextEdit::redoAvailable, m_redoAction, &QAction::setEnabled);
    m_redoAction->setEnabled(false);
    m_ui->insertTemplateButton->setDefaultAction(m_insertTemplateAction);
    m_ui->formatButton->setDefaultAction(m_formatAction);
    m_ui->undoButton->setDefaultAction(m_undoAction);
    m_ui->redoButton->setDefaultAction(m_redoAction);
}

QString ParamsEditor::tinted(const QString& html, Tone::Kind kind) const
{
    return Tone::html(html, kind, palette());
}

// --- the draft's changes -------------------------------------------------------------------------

void ParamsEditor::showRestoredParams()
{
    m_syncing = true;
    m_ui->paramsEdit->setPlainText(m_draft->paramsText());
    m_ui->paramsEdit->document()->clearUndoRedoStacks();
    m_syncing = false;
    onMethodChanged(m_draft->method());
    updateValidation();
}

void ParamsEditor::replaceParams(const QString& text)
{
    // One edit block on the document: a single Ctrl+Z brings the previous text back.
    m_syncing = true;
    QTextCursor cursor(m_ui->paramsEdit->document());
    cursor.beginEditBlock();
    cursor.select(QTextCursor::Document);
    cursor.insertText(text);
    cursor.endEditBlock();
    m_syncing = false;
}

void ParamsEditor::onDraftParamsChanged(const QString& text)
{
    if (text != m_ui->paramsEdit->toPlainText())
        replaceParams(text);
    updateActions();
}

void ParamsEditor::onMethodChanged(const QString& method)
{
    if (m_methodEdit->text() != method)
        m_methodEdit->setText(method);
    updateMethodInfo();
    updateActions();
}

Ui::ComposerHeadersPage& ParamsEditor::headersPage()
{
    if (!m_headersUi) {
        m_headersUi = std::make_unique<Ui::ComposerHeadersPage>();
        m_headersUi->setupUi(m_ui->headersTab);
        m_headersUi->headersEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_headersUi->headersEdit->installEventFilter(this);
        m_headersUi->headersStatus->setMinimumWidth(WrapLabel::kMinWidth);
        m_headersUi->headersEdit->setPlainText(m_draft->headersText());
        connect(m_headersUi->headersEdit, &QPlainTextEdit::textChanged, this, [this] {
            if (!m_syncing)
                m_draft->setHeadersText(m_headersUi->headersEdit->toPlainText());
        });
        updateHeadersStatus();
        LazyPage::showNewChildren(m_ui->headersTab);
    }
    return *m_headersUi;
}

Ui::ComposerRawBodyPage& ParamsEditor::rawBodyPage()
{
    if (!m_rawBodyUi) {
        m_rawBodyUi = std::make_unique<Ui::ComposerRawBodyPage>();
        m_rawBodyUi->setupUi(m_ui->rawBodyTab);
        m_rawBodyUi->rawBodyEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_rawBodyUi->rawBodyEdit->installEventFilter(this);
        m_rawBodyUi->rawBodyEdit->setPlainText(m_draft->rawBodyText());
        m_rawBodyUi->rawBodyCheck->setChecked(m_draft->isRawBodyEnabled());
        const auto edited = [this] {
            if (!m_syncing)
                m_draft->setRawBody(m_rawBodyUi->rawBodyEdit->toPlainText(), m_rawBodyUi->rawBodyCheck->isChecked());
        };
        connect(m_rawBodyUi->rawBodyEdit, &QPlainTextEdit::textChanged, this, edited);
        connect(m_rawBodyUi->rawBodyCheck, &QCheckBox::toggled, this, edited);
        LazyPage::showNewChildren(m_ui->rawBodyTab);
    }
    return *m_rawBodyUi;
}

void ParamsEditor::onDraftHeadersChanged(const QString& text)
{
    if (m_headersUi ? text != m_headersUi->headersEdit->toPlainText() : !text.isEmpty()) {
        Ui::ComposerHeadersPage& page = headersPage();
        if (text != page.headersEdit->toPlainText()) {
            m_syncing = true;
            page.headersEdit->setPlainText(text);
            m_syncing = false;
        }
    }
    onEdited();
    updateHeadersStatus();
    updateTabTitles();
}

void ParamsEditor::onDraftRawBodyChanged()
{
    const bool shown = m_rawBodyUi != nullptr;
    if (shown || !m_draft->rawBodyText().isEmpty() || m_draft->isRawBodyEnabled()) {
        Ui::ComposerRawBodyPage& page = rawBodyPage();
        m_syncing = true;
        if (page.rawBodyEdit->toPlainText() != m_draft->rawBodyText())
            page.rawBodyEdit->setPlainText(m_draft->rawBodyText());
        page.rawBodyCheck->setChecked(m_draft->isRawBodyEnabled());
        m_syncing = false;
    }
    onEdited();
    updateNotice();
    updateTabTitles();
}

void ParamsEditor::onEdited()
{
    if (!m_holdNotice && !m_scenarioNotice.isEmpty()) {
        m_scenarioNotice.clear(); // edited: no longer the scenario as loaded
        updateNotice();
    }
}

void ParamsEditor::updateHeadersStatus()
{
    if (!m_headersUi)
        return;
    const QStringList problems = m_draft->headerProblems();
    if (!problems.isEmpty()) {
        m_headersUi->headersStatus->setText(
            tinted(QStringLiteral("✖ ") + problems.join(QStringLiteral("<br>✖ ")).toHtmlEscaped(), Tone::Kind::Error));
    } else {
        m_headersUi->headersStatus->setText(tinted(
            tr("Also sent: Content-Type and Accept (application/json) and User-Agent; a line here replaces one."),
            Tone::Kind::Neutral));
    }
}

void ParamsEditor::updateTabTitles()
{
    const HeaderLines::Result headers = m_draft->headers();
    QString title = tr("&Headers");
    if (!headers.ok())
        title += QStringLiteral(" ⚠");
    else if (!headers.headers.isEmpty())
        title += QStringLiteral(" (%1)").arg(headers.headers.size());
    QTabWidget* tabs = m_ui->requestTabs;
    const bool raw = m_draft->isRawBodyEnabled();
    tabs->setTabText(tabs->indexOf(m_ui->headersTab), title);
    tabs->setTabText(tabs->indexOf(m_ui->paramsTab), raw ? tr("&Params (not sent)") : tr("&Params"));
    tabs->setTabText(tabs->indexOf(m_ui->rawBodyTab), raw ? tr("Ra&w body (sent)") : tr("Ra&w body"));
}

bool ParamsEditor::eventFilter(QObject* watched, QEvent* event)
{
    // The tab widget around the editors takes Ctrl+Tab to switch tabs: in an editor it indents.
    if (event->type() == QEvent::KeyPress && m_indentAction) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->keyCombination() == QKeyCombination(Qt::ControlModifier, Qt::Key_Tab)) {
            m_indentAction->trigger();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ParamsEditor::indent()
{
    QPlainTextEdit* editor = nullptr;
    for (QPlainTextEdit* candidate : {m_ui->paramsEdit, m_headersUi ? m_headersUi->headersEdit : nullptr,
                                      m_rawBodyUi ? m_rawBodyUi->rawBodyEdit : nullptr}) {
        if (candidate && candidate->hasFocus())
            editor = candidate;
    }
    if (!editor)
        return;
    const QString unit = QStringLiteral("  ");
    QTextCursor cursor = editor->textCursor();
    if (!cursor.hasSelection()) {
        cursor.insertText(unit);
        return;
    }
    // One undo step for all the lines touched by the selection.
    QTextDocument* document = editor->document();
    const QTextBlock first = document->findBlock(cursor.selectionStart());
    const QTextBlock last = document->findBlock(std::max(cursor.selectionStart(), cursor.selectionEnd() - 1));
    cursor.beginEditBlock();
    for (QTextBlock block = first; block.isValid(); block = block.next()) {
        QTextCursor line(block);
        line.insertText(unit);
        if (block == last)
            break;
    }
    cursor.endEditBlock();
}

void ParamsEditor::clearScenario()
{
    m_scenarioNotice.clear();
    updateNotice();
}

void ParamsEditor::showScenario(const Scenario& scenario)
{
    QStringList facts;
    facts << (scenario.level == QLatin1String("object") ? tr("per-object error (result.*[i].error)")
                                                        : tr("API-level error"));
    if (!scenario.natural)
        facts << tr("injected with the simulator's X-Simulator-Fault header (no ordinary request produces it here)");
    if (scenario.repeat > 1)
        facts << tr("sent %1 times in a row; the last answer is shown").arg(scenario.repeat);
    if (!scenario.query.contains(QLatin1String("accountID")))
        facts << tr("no accountID in the URL");
    if (!scenario.query.contains(QLatin1String("secretKey")))
        facts << tr("no secretKey in the URL");
    QString html = tr("<b>Reproducing %1</b> · %2 · %3")
                       .arg(scenario.code)
                       .arg(scenario.title.toHtmlEscaped(), facts.join(QStringLiteral(" · ")).toHtmlEscaped());
    if (!scenario.note.isEmpty())
        html += QStringLiteral("<br>") + scenario.note.toHtmlEscaped();
    m_scenarioNotice = tinted(html, Tone::Kind::Neutral);
    updateNotice();
    updateTabTitles();
}

void ParamsEditor::updateNotice()
{
    QStringList parts;
    if (!m_scenarioNotice.isEmpty())
        parts << m_scenarioNotice;
    if (m_draft->isRawBodyEnabled()) {
        parts << tinted(tr("<b>Raw body:</b> the text of the Raw body tab goes out byte for byte as the whole "
                           "request body. It is not a {\"method\", \"params\", \"id\"} envelope: method, params "
                           "and id are not sent."),
                        Tone::Kind::Warning);
    }
    m_ui->noticeLabel->setText(parts.join(QStringLiteral("<br>")));
    m_ui->noticeLabel->setVisible(!parts.isEmpty());
}

void ParamsEditor::showTab(Tab tab)
{
    QWidget* page = tab == Tab::Headers ? m_ui->headersTab : tab == Tab::RawBody ? m_ui->rawBodyTab : m_ui->paramsTab;
    m_ui->requestTabs->setCurrentWidget(page);
}

// --- method ------------------------------------------------------------------------------------

void ParamsEditor::updateMethodInfo()
{
    const MethodCatalog& catalog = MethodCatalog::builtin();
    const QString method = m_draft->method();
    const MethodSpec* spec = m_draft->methodSpec();
    const QPalette pal = palette();
    if (!spec) {
        m_badges->clear();
        QString text;
        if (method.isEmpty()) {
            text = tinted(tr("No method: the request goes out without \"method\"."), Tone::Kind::Warning);
        } else if (const MethodSpec* other = catalog.byNameCaseInsensitive(method)) {
            text =
                tinted(tr("“%1” is not a method: names are case-sensitive. Did you mean <a href=\"method:%2\">%2</a>?")
                           .arg(method.toHtmlEscaped(), other->name.toHtmlEscaped()),
                       Tone::Kind::Warning);
        } else {
            QStringList links;
            for (const QString& close : catalog.closestNames(method))
                links << QStringLiteral("<a href=\"method:%1\">%1</a>").arg(close.toHtmlEscaped());
            text = tinted(tr("“%1” is not in the method catalogue.").arg(method.toHtmlEscaped()), Tone::Kind::Warning);
            if (!links.isEmpty())
                text += QLatin1Char(' ') + tr("Closest: %1.").arg(links.join(QStringLiteral(", ")));
        }
        m_summary->setText(text);
        return;
    }

    QStringList badges;
    badges << Badge::html(MethodPicker::areaTitle(spec->area), Badge::colors(QStringLiteral("neutral"), pal));
    if (spec->mutating)
        badges << Badge::html(tr("changes data"), Badge::colors(QStringLiteral("rate_limit"), pal));
    if (!spec->documented)
        badges << Badge::html(tr("params not documented"), Badge::colors(QStringLiteral("inferred"), pal));
    if (spec->paginated)
        badges << Badge::html(tr("paginated"), Badge::colors(QStringLiteral("neutral"), pal));
    if (spec->batch && spec->maxObjects > 0)
        badges << Badge::html(tr("≤ %1 objects").arg(spec->maxObjects), Badge::colors(QStringLiteral("neutral"), pal));
    m_badges->setText(badges.join(QLatin1Char(' ')));

    QStringList params;
    for (const MethodParam& param : spec->params) {
        QString item = QStringLiteral("<b>%1</b> %2").arg(param.name.toHtmlEscaped(), param.type.toHtmlEscaped());
        if (param.required)
            item += QLatin1Char(' ') + tr("(required)");
        if (param.max)
            item += QStringLiteral(" ≤ %1").arg(*param.max);
        params << item;
    }
    QString text = spec->summary.toHtmlEscaped();
    if (!params.isEmpty())
        text += QStringLiteral("<br>") + tr("Params: %1").arg(params.join(QStringLiteral(", ")));
    else if (spec->documented)
        text += QStringLiteral("<br>") + tr("No params: send an empty object.");
    if (!spec->resultKey.isEmpty())
        text += QStringLiteral(" · ") + tr("Result under <b>%1</b>").arg(spec->resultKey.toHtmlEscaped());
    m_summary->setText(text);
}

void ParamsEditor::insertTemplate()
{
    if (!m_draft->insertTemplate())
        emit message(tinted(tr("No template: choose a method from the catalogue first."), Tone::Kind::Warning));
}

void ParamsEditor::formatParams()
{
    const QString text = m_draft->paramsText();
    if (text.trimmed().isEmpty())
        return;
    const JsonText::Syntax syntax = JsonText::check(text);
    if (!syntax.ok) {
        updateValidation();
        emit message(tinted(tr("Cannot format: %1").arg(syntax.message().toHtmlEscaped()), Tone::Kind::Error));
        return;
    }
    m_draft->setParamsText(JsonText::indented(text));
}

void ParamsEditor::updateActions()
{
    m_insertTemplateAction->setEnabled(m_draft->methodSpec() != nullptr);
    m_formatAction->setEnabled(!m_draft->paramsText().trimmed().isEmpty());
}

// --- validation and lint -----------------------------------------------------------------------

void ParamsEditor::validateNow()
{
    m_validateTimer.stop();
    updateValidation();
}

void ParamsEditor::updateValidation()
{
    m_validateTimer.stop();
    const QString text = m_draft->paramsText();
    m_syntax = text.trimmed().isEmpty() ? JsonText::Syntax() : JsonText::check(text);
    if (text.trimmed().isEmpty()) {
        m_ui->paramsStatus->setText(tinted(tr("Empty: the request goes out without \"params\"."), Tone::Kind::Warning));
    } else if (m_syntax.ok) {
        m_ui->paramsStatus->setText(tinted(tr("✓ Valid JSON"), Tone::Kind::Ok));
    } else {
        m_ui->paramsStatus->setText(tinted(
            QStringLiteral("✖ <a href=\"#error\">%1</a>").arg(m_syntax.message().toHtmlEscaped()), Tone::Kind::Error));
    }
    updateSelections();
    updateActions();
}

void ParamsEditor::updateSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    QTextDocument* document = m_ui->paramsEdit->document();
    const int last = document->characterCount() - 1;
    const auto underline = [&](int start, int length, const QColor& color) {
        QTextEdit::ExtraSelection selection;
        selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        selection.format.setUnderlineColor(color);
        selection.cursor = QTextCursor(document);
        start = qBound(0, start, last);
        // A problem at the very end (something missing) marks the last character.
        if (start == last && start > 0)
            --start;
        selection.cursor.setPosition(start);
        selection.cursor.setPosition(qBound(start + 1, start + qMax(1, length), qMax(last, start + 1)),
                                     QTextCursor::KeepAnchor);
        selections << selection;
    };
    const QString params = m_draft->paramsText();
    // Lint findings at the offending key or value, when they lie in the params (and the text
    // they were computed for is still the editor's).
    const int offset = m_draft->lintParamsOffset();
    if (offset >= 0 && m_draft->lintedText().mid(offset, params.size()) == params) {
        for (const LintFinding& finding : m_draft->lintFindings()) {
            const int start = finding.offset - offset;
            if (finding.offset < 0 || start < 0 || start + finding.length > params.size())
                continue;
            underline(start, finding.length,
                      Tone::color(finding.isError() ? Tone::Kind::Error : Tone::Kind::Warning, palette()));
        }
    }
    // The syntax error last, so it is drawn on top.
    if (!m_syntax.ok && !params.trimmed().isEmpty())
        underline(m_syntax.position, 1, Tone::color(Tone::Kind::Error, palette()));
    m_ui->paramsEdit->setExtraSelections(selections);
}

void ParamsEditor::showLint()
{
    if (m_draft->isLintPaused()) {
        m_lintPanel->setNote(tr("Live checks are paused for requests over %1; `leadgen-diag lint FILE` checks them.")
                                 .arg(ByteSize::text(RequestDraft::kMaxLiveLintChars)));
        updateSelections();
        return;
    }
    // Positions as the user sees them: in the params editor when the finding is there.
    QStringList positions;
    const QString params = m_draft->paramsText();
    for (const LintFinding& finding : m_draft->lintFindings()) {
        const int start = m_draft->paramsPosition(finding);
        if (start >= 0) {
            int line = 0;
            int column = 0;
            JsonSourceScanner::lineColumn(params, start, &line, &column);
            positions << tr("params line %1, column %2").arg(line).arg(column);
        } else {
            positions << finding.path;
        }
    }
    m_lintPanel->setFindings(m_draft->lintFindings(), positions);
    updateSelections();
}

void ParamsEditor::goToFinding(int index)
{
    const QList<LintFinding>& findings = m_draft->lintFindings();
    if (index < 0 || index >= findings.size())
        return;
    const LintFinding& finding = findings.at(index);
    const int start = m_draft->paramsPosition(finding);
    if (start < 0)
        return;
    QTextCursor cursor(m_ui->paramsEdit->document());
    cursor.setPosition(start);
    cursor.setPosition(qMin(int(m_draft->paramsText().size()), start + finding.length), QTextCursor::KeepAnchor);
    m_ui->paramsEdit->setTextCursor(cursor);
    m_ui->paramsEdit->setFocus(Qt::OtherFocusReason);
}

void ParamsEditor::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_highlighter)
        m_highlighter->setPalette(palette());
}
