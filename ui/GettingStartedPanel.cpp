#include "GettingStartedPanel.h"

#include "ComposerWidget.h"
#include "EnvironmentStore.h"
#include "FindingsModel.h"
#include "InspectorWidget.h"
#include "JsonText.h"
#include "MainWindow.h"
#include "ScenarioCatalog.h"

#include <QEvent>
#include <QGridLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
// The method of the first call: read-only, and the simulator's demo data answers it.
const QString kFirstMethod = QStringLiteral("getLeads");
// The error tried in the last step: a duplicate lead, the most common batch failure.
constexpr int kTriedCode = 301;
} // namespace

GettingStartedPanel::GettingStartedPanel(MainWindow& window, QWidget* parent)
    : QWidget(parent)
    , m_window(window)
{
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setHorizontalSpacing(10);
    layout->setVerticalSpacing(6);
    layout->setColumnStretch(1, 1);

    auto* intro = new QLabel(tr("Your first call, on the built-in simulator: nothing leaves this computer. Follow "
                                "the steps in the window, or click a step's button to have it done."),
                             this);
    intro->setObjectName(QStringLiteral("gettingStartedIntro"));
    intro->setWordWrap(true);
    layout->addWidget(intro, 0, 0, 1, 3);

    ComposerWidget* composer = m_window.composer();
    const QString account = composer->accountId();
    addStep(ChooseSimulator, tr("Simulator and demo account"),
            tr("The composer (left) is on the <b>Simulator</b> environment with the demo account%1 and its "
               "public secret key already filled in.")
                .arg(account.isEmpty() ? QString() : QStringLiteral(" <b>%1</b>").arg(account.toHtmlEscaped())),
            tr("Use the simulator"), QStringLiteral("stepSimulatorButton"));
    addStep(PickMethod, tr("Pick getLeads, insert its template"),
            tr("Choose <b>getLeads</b> in the method list (or type it in the Method field), then "
               "<b>Insert template</b> for its params."),
            tr("Pick getLeads"), QStringLiteral("stepMethodButton"));
    addStep(Send, tr("Send"), tr("Press <b>Send</b> (Ctrl+Enter) under the request."), tr("Send"),
            QStringLiteral("stepSendButton"));
    addStep(ReadVerdict, tr("Read the verdict"),
            tr("The inspector (right) opens the answer: the banner gives the verdict, the table every finding, "
               "the body marks each error object."),
            tr("Show the verdict"), QStringLiteral("stepVerdictButton"));
    addStep(TryError, tr("Try an error, then Explain"),
            tr("Send a createLeads that clashes with an existing lead (error %1), then <b>Explain</b> a "
               "finding: the error browser opens with what it means and how to fix it.")
                .arg(kTriedCode),
            tr("Try an error"), QStringLiteral("stepErrorButton"));
    layout->setRowStretch(StepCount + 1, 1);

    // A step counts as done however it was done: from here or in the window itself.
    connect(composer, &ComposerWidget::connectionChanged, this, [this, composer] {
        if (composer->environment().isSimulator())
            markDone(ChooseSimulator);
    });
    connect(composer, &ComposerWidget::callStarted, this, [this, composer] {
        if (composer->method() == kFirstMethod)
            markDone(PickMethod);
    });
    connect(composer, &ComposerWidget::callFinished, this, [this] { markDone(Send); });
    InspectorWidget* inspector = m_window.inspector();
    connect(inspector, &InspectorWidget::loaded, this, [this, inspector] {
        if (!m_sentError)
            return;
        m_sentError = false;
        // Explain the first finding with a catalogue entry: the error just reproduced.
        FindingsModel* findings = inspector->findingsModel();
        for (int row = 0; row < findings->rowCount(); ++row) {
            if (!findings->index(row, 0).data(FindingsModel::CatalogKeyRole).toString().isEmpty()) {
                inspector->selectFinding(row);
                inspector->explainCurrentFinding();
                break;
            }
        }
    });
    connect(inspector, &InspectorWidget::explainRequested, this, [this] { markDone(TryError); });
    if (composer->environment().isSimulator())
        markDone(ChooseSimulator);
}

void GettingStartedPanel::addStep(Step step, const QString& title, const QString& text, const QString& buttonText,
                                  const QString& buttonName)
{
    auto* layout = static_cast<QGridLayout*>(this->layout());
    const int row = int(step) + 1;
    auto* mark = new QLabel(this);
    mark->setObjectName(QStringLiteral("stepMark%1").arg(int(step) + 1));
    mark->setAlignment(Qt::AlignCenter);
    mark->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("✓ 0")) + 8);
    m_marks[step] = mark;
    layout->addWidget(mark, row, 0, Qt::AlignTop);

    auto* label = new QLabel(QStringLiteral("<b>%1</b> — %2").arg(title.toHtmlEscaped(), text), this);
    label->setObjectName(QStringLiteral("stepText%1").arg(int(step) + 1));
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    layout->addWidget(label, row, 1);

    auto* button = new QPushButton(buttonText, this);
    button->setObjectName(buttonName);
    m_buttons[step] = button;
    layout->addWidget(button, row, 2, Qt::AlignTop);
    connect(button, &QPushButton::clicked, this, [this, step] { perform(step); });
    updateMarks();
}

QPushButton* GettingStartedPanel::button(Step step) const
{
    return m_buttons[step];
}

bool GettingStartedPanel::isDone(Step step) const
{
    return m_done[step];
}

void GettingStartedPanel::perform(Step step)
{
    ComposerWidget* composer = m_window.composer();
    switch (step) {
    case ChooseSimulator:
        // The demo account comes with the environment.
        composer->selectEnvironment(EnvironmentStore::simulatorId());
        markDone(ChooseSimulator);
        break;
    case PickMethod:
        composer->setMethod(kFirstMethod);
        composer->insertTemplate();
        markDone(PickMethod);
        break;
    case Send:
        composer->send();
        break;
    case ReadVerdict: {
        InspectorWidget* inspector = m_window.inspector();
        m_window.showInspector();
        inspector->selectFinding(0);
        inspector->setFocus(Qt::OtherFocusReason);
        markDone(ReadVerdict);
        break;
    }
    case TryError:
        tryAnError();
        break;
    case StepCount:
        break;
    }
}

void GettingStartedPanel::tryAnError()
{
    // The catalogue's own reproduction of the code (resources/scenarios.json), on the simulator.
    const auto scenario = ScenarioCatalog::builtin().scenario(kTriedCode);
    if (!scenario || !scenario->body.isObject())
        return;
    ComposerWidget* composer = m_window.composer();
    if (!composer->environment().isSimulator())
        composer->selectEnvironment(EnvironmentStore::simulatorId());
    composer->setMethod(scenario->method);
    const QJsonObject params = scenario->body.toObject().value(QStringLiteral("params")).toObject();
    composer->setParamsText(
        JsonText::indented(QString::fromUtf8(QJsonDocument(params).toJson(QJsonDocument::Compact))));
    m_sentError = true;
    composer->send();
    if (!composer->isSending())
        m_sentError = false; // refused before sending (the result line says why)
}

void GettingStartedPanel::markDone(Step step)
{
    if (m_done[step])
        return;
    m_done[step] = true;
    updateMarks();
    emit stepDone(step);
}

void GettingStartedPanel::updateMarks()
{
    for (int i = 0; i < StepCount; ++i) {
        if (!m_marks[i])
            continue;
        m_marks[i]->setText(m_done[i] ? QStringLiteral("✓ %1").arg(i + 1) : QString::number(i + 1));
        m_marks[i]->setForegroundRole(m_done[i] ? QPalette::Link : QPalette::WindowText);
        m_marks[i]->setToolTip(m_done[i] ? tr("Done") : QString());
    }
}

void GettingStartedPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateMarks();
}
