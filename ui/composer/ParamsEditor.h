#pragma once

#include "JsonText.h"
#include "Tone.h"

#include <QTimer>
#include <QWidget>

#include <memory>

namespace Ui {
class ComposerHeadersPage;
class ComposerRawBodyPage;
class ParamsEditor;
} // namespace Ui
class JsonHighlighter;
class LintPanel;
class QAction;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;
class RequestDraft;
struct Scenario;

// The composer's method field and request editors (ParamsEditor.ui): the params with JSON
// highlighting, live syntax check, Format, template and undo; the Headers and Raw body tabs
// (built on first use); the live lint's findings with their quick fixes. A view of RequestDraft:
// edits go into it, and its changes (a loaded file, a fix, a template) come back as one undo step.
class ParamsEditor : public QWidget
{
    Q_OBJECT

public:
    enum class Tab
    {
        Params,
        Headers,
        RawBody
    };

    explicit ParamsEditor(QWidget* parent = nullptr);
    ~ParamsEditor() override;

    // Called once by the composer. The method field and its labels sit in the composer's form
    // (one row with the file buttons); the actions' shortcuts work anywhere in actionOwner.
    void setup(RequestDraft& draft, QWidget* actionOwner, QLineEdit* methodEdit, QLabel* badges, QLabel* summary);
    // Stops reacting to edits (the composer and its draft are going away).
    void detach();

    QAction* insertTemplateAction() const { return m_insertTemplateAction; }
    QAction* formatAction() const { return m_formatAction; }
    // Ctrl+Tab in a request editor: Tab itself moves the focus on (keyboard users must be able to
    // leave the editor), so indentation has its own key.
    QAction* indentAction() const { return m_indentAction; }
    QPlainTextEdit* paramsEdit() const;
    QTabWidget* tabs() const;
    LintPanel* lintPanel() const { return m_lintPanel; }
    // The first syntax error of the params text (ok for valid JSON and for an empty editor).
    JsonText::Syntax syntax() const { return m_syntax; }

    // Shows the draft's params as restored: not an edit the user can undo.
    void showRestoredParams();
    void showTab(Tab tab);
    // What the loaded scenario reproduces, above the editor; the next edit clears it unless held.
    void showScenario(const Scenario& scenario);
    void holdNotice(bool hold) { m_holdNotice = hold; }
    // The scenario is gone from the editor (the user's request is back).
    void clearScenario();
    // Runs the debounced syntax check now.
    void validateNow();
    void insertTemplate();
    void formatParams();
    void updateMethodInfo();

signals:
    // A message for the result line (cannot format, no template, ...).
    void message(const QString& html);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    Ui::ComposerHeadersPage& headersPage();
    Ui::ComposerRawBodyPage& rawBodyPage();
    void createActions(QWidget* owner);
    void onMethodChanged(const QString& method);
    void onDraftParamsChanged(const QString& text);
    void onDraftHeadersChanged(const QString& text);
    void onDraftRawBodyChanged();
    void onEdited();
    void updateHeadersStatus();
    void updateTabTitles();
    void updateNotice();
    void updateValidation();
    void updateSelections();
    void updateActions();
    void showLint();
    void goToFinding(int index);
    void replaceParams(const QString& text);
    // Two spaces at the cursor, or before every selected line, in the focused request editor.
    void indent();
    QString tinted(const QString& html, Tone::Kind kind) const;

    std::unique_ptr<Ui::ParamsEditor> m_ui;
    std::unique_ptr<Ui::ComposerHeadersPage> m_headersUi;
    std::unique_ptr<Ui::ComposerRawBodyPage> m_rawBodyUi;
    RequestDraft* m_draft = nullptr;
    QLineEdit* m_methodEdit = nullptr;
    QLabel* m_badges = nullptr;
    QLabel* m_summary = nullptr;
    JsonHighlighter* m_highlighter = nullptr;
    LintPanel* m_lintPanel = nullptr;
    QAction* m_insertTemplateAction = nullptr;
    QAction* m_formatAction = nullptr;
    QAction* m_indentAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    JsonText::Syntax m_syntax;
    QTimer m_validateTimer;
    QString m_scenarioNotice;
    bool m_holdNotice = false;
    bool m_syncing = false; // a change coming from the draft is being shown
};
