#include "LintPanel.h"

#include "Tone.h"

#include <QHeaderView>
#include <QLabel>
#include <QTextDocumentFragment>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

LintPanel::LintPanel(QWidget* parent)
    : QWidget(parent)
{
    // As tall as its content: extra height belongs to the editor above, not to gaps in here.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("lintSummary"));
    // One line: a wrapped label inside the editor splitter makes the layout overlap the editor.
    m_summary->setWordWrap(false);
    // ...and one that never asks for its text's width: a long predicted message (218, 222) would
    // push the window past the screen. The tooltip has all of it.
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_summary->setMinimumWidth(1);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
}

LintPanel::~LintPanel() = default;

QTreeWidget* LintPanel::ensureList()
{
    if (m_list)
        return m_list;
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("lintList"));
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Code"), tr("Finding"), tr("Fix")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setWordWrap(false);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    // The fix column holds buttons and advice: wide enough for "Rename to \"emailAddress\"", the
    // rest of a long advice is in the tooltip.
    m_list->header()->setSectionResizeMode(2, QHeaderView::Interactive);
    m_list->header()->resizeSection(2, 260);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->hide();
    layout()->addWidget(m_list);

    connect(m_list, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { emit findingActivated(m_list->indexOfTopLevelItem(item)); });
    connect(m_list, &QTreeWidget::itemClicked, this,
            [this](QTreeWidgetItem* item) { emit findingActivated(m_list->indexOfTopLevelItem(item)); });
    return m_list;
}

QString LintPanel::summaryText() const
{
    return QTextDocumentFragment::fromHtml(m_summary->text()).toPlainText();
}

void LintPanel::setNote(const QString& note)
{
    m_findings.clear();
    if (m_list) {
        m_list->clear();
        m_list->hide();
    }
    m_summary->setText(note.toHtmlEscaped());
    m_summary->setToolTip(note.toHtmlEscaped());
}

void LintPanel::setFindings(const QList<LintFinding>& findings, const QStringList& positions)
{
    m_findings = findings;
    if (m_list)
        m_list->clear();

    const int code = RequestLinter::predictedResponseCode(findings);
    qint64 errors = 0;
    qint64 warnings = 0;
    RequestLinter::countFindings(findings, &errors, &warnings);
    QString summary;
    if (code != 0) {
        QString message;
        for (const LintFinding& finding : findings) {
            if (finding.isError() && finding.predictedCode == code) {
                message = finding.codeMessage;
                break;
            }
        }
        summary = Tone::html(tr("Predicted answer: error %1%2")
                                 .arg(code)
                                 .arg(message.isEmpty() ? QString() : QStringLiteral(" “%1”").arg(message))
                                 .toHtmlEscaped(),
                             Tone::Kind::Error, palette());
    } else if (errors > 0) {
        summary = Tone::html(tr("Predicted: the request would fail before the API answers").toHtmlEscaped(),
                             Tone::Kind::Error, palette());
    } else if (warnings > 0) {
        summary = Tone::html(tr("No error predicted").toHtmlEscaped(), Tone::Kind::Warning, palette());
    } else {
        summary = Tone::html(QStringLiteral("✓ ") + tr("No problem predicted by the request checks").toHtmlEscaped(),
                             Tone::Kind::Ok, palette());
    }
    if (!findings.isEmpty()) {
        QStringList counts;
        if (errors)
            counts << (errors == 1 ? tr("1 error") : tr("%1 errors").arg(errors));
        if (warnings)
            counts << (warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings));
        summary += QStringLiteral(" · ") + counts.join(QStringLiteral(", ")).toHtmlEscaped();
        summary += QStringLiteral(" · ") + tr("Send is still possible.").toHtmlEscaped();
    }
    m_summary->setText(summary);
    m_summary->setToolTip(summary);
    if (findings.isEmpty()) {
        if (m_list)
            m_list->hide();
        return;
    }
    ensureList();

    const int shown = qMin(int(findings.size()), kMaxRows);
    for (int i = 0; i < shown; ++i) {
        const LintFinding& finding = findings.at(i);
        auto* item = new QTreeWidgetItem(m_list);
        const QString mark = finding.isError() ? QStringLiteral("✖") : QStringLiteral("⚠");
        item->setText(0, finding.predictedCode ? QStringLiteral("%1 %2").arg(mark).arg(finding.predictedCode) : mark);
        item->setForeground(0, Tone::color(finding.isError() ? Tone::Kind::Error : Tone::Kind::Warning, palette()));
        const QString where = positions.value(i, finding.path);
        item->setText(1, QStringLiteral("%1 — %2").arg(where, finding.message));
        QStringList tip{QStringLiteral("<b>%1</b>").arg(finding.message.toHtmlEscaped())};
        tip << QStringLiteral("%1 · %2").arg(finding.path.toHtmlEscaped(), where.toHtmlEscaped());
        if (!finding.fix.isEmpty())
            tip << tr("Fix: %1").arg(finding.fix.toHtmlEscaped());
        if (finding.predictedCode)
            tip << tr("Error %1: %2").arg(finding.predictedCode).arg(finding.codeMessage.toHtmlEscaped());
        if (!finding.explanation.isEmpty())
            tip << finding.explanation.toHtmlEscaped();
        item->setToolTip(0, tip.join(QStringLiteral("<br>")));
        item->setToolTip(1, item->toolTip(0));
        if (finding.quickFix) {
            auto* button = new QToolButton(m_list);
            button->setObjectName(QStringLiteral("lintFix%1").arg(i));
            button->setText(finding.quickFix->label);
            button->setToolTip(tr("Apply this fix to the request (Ctrl+Z undoes it in the params)"));
            button->setAutoRaise(true);
            connect(button, &QToolButton::clicked, this, [this, i] { emit fixRequested(i); });
            m_list->setItemWidget(item, 2, button);
        } else if (!finding.fix.isEmpty()) {
            // No safe automatic fix: say what to do instead.
            item->setText(2, finding.fix);
            item->setToolTip(2, finding.fix);
            item->setForeground(2, palette().color(QPalette::PlaceholderText));
        }
    }
    if (errors + warnings > shown) {
        auto* more = new QTreeWidgetItem(m_list);
        more->setText(1, tr("… and %L1 more").arg(errors + warnings - shown));
        more->setFlags(Qt::NoItemFlags);
    }
    m_list->show();
    // As tall as its rows (up to six), so a short list leaves the room to the editor.
    const int rows = qMin(m_list->topLevelItemCount(), 6);
    if (rows > 0) {
        const int rowHeight = qMax(m_list->sizeHintForRow(0), fontMetrics().height() + 4);
        m_list->setFixedHeight(m_list->header()->sizeHint().height() + rows * rowHeight + 2 * m_list->frameWidth() + 2);
    }
}
