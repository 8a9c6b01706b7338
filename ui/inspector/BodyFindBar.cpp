#include "BodyFindBar.h"

#include "BodyView.h"
#include "ui_InspectorContent.h"

#include <QKeyEvent>
#include <QLocale>

BodyFindBar::BodyFindBar(Ui::InspectorContent* ui, std::function<bool()> busy, QObject* parent)
    : QObject(parent)
    , m_ui(ui)
    , m_busy(std::move(busy))
{
    for (BodyView* view : {m_ui->bodyView, m_ui->rawView})
        connect(view, &BodyView::findFinished, this, [this, view] { onFinished(view); });
    m_ui->findEdit->installEventFilter(this);
    connect(m_ui->findEdit, &QLineEdit::textEdited, this, [this] { run(false, true); });
    connect(m_ui->findEdit, &QLineEdit::returnPressed, this, &BodyFindBar::next);
    connect(m_ui->findNextButton, &QToolButton::clicked, this, &BodyFindBar::next);
    connect(m_ui->findPreviousButton, &QToolButton::clicked, this, &BodyFindBar::previous);
    connect(m_ui->matchCaseCheck, &QCheckBox::toggled, this, [this] { run(false, true); });
    connect(m_ui->findCloseButton, &QToolButton::clicked, this, [this] {
        m_ui->findBar->hide();
        m_ui->bodyView->clearFind();
        m_ui->rawView->clearFind();
        m_ui->bodyView->setFocus();
    });
    m_ui->findBar->hide();
}

BodyView* BodyFindBar::target()
{
    if (m_ui->detailTabs->currentWidget() == m_ui->rawTab)
        return m_ui->rawView;
    m_ui->detailTabs->setCurrentWidget(m_ui->bodyTab);
    return m_ui->bodyView;
}

void BodyFindBar::show()
{
    m_ui->findBar->show();
    m_ui->findEdit->setFocus(Qt::ShortcutFocusReason);
    m_ui->findEdit->selectAll();
}

void BodyFindBar::next()
{
    run(false, false);
}

void BodyFindBar::previous()
{
    run(true, false);
}

void BodyFindBar::refresh()
{
    if (m_ui->findBar->isVisible() && !m_ui->findEdit->text().isEmpty())
        run(false, true);
}

void BodyFindBar::run(bool backward, bool restart)
{
    if (!m_ui->findBar->isVisible())
        show();
    BodyView* view = target();
    const QString text = m_ui->findEdit->text();
    if (restart)
        view->clearFind();
    if (text.trimmed().isEmpty()) {
        view->clearFind();
        m_ui->findStatus->clear();
        return;
    }
    if (!view->bodyLayout()) {
        m_ui->findStatus->setText(m_busy() ? tr("Still analysing…") : tr("Nothing to search"));
        return;
    }
    m_ui->findStatus->setText(tr("Searching…"));
    view->find(text, m_ui->matchCaseCheck->isChecked(), backward);
}

void BodyFindBar::onFinished(BodyView* view)
{
    const BodyView::FindResult result = view->currentMatch();
    if (!result.found) {
        m_ui->findStatus->setText(m_ui->findEdit->text().trimmed().isEmpty() ? QString() : tr("No matches"));
        return;
    }
    // The line as the view numbers it (counting lines of the body up to a match 90 MB in would
    // cost the GUI thread a scan).
    const BodyLayout* layout = view->bodyLayout();
    const qint64 line = layout->sourceLine(layout->positionOf(result.offset).line);
    const QLocale locale;
    QString total = locale.toString(result.total);
    if (result.total >= BodyView::kFindCountLimit)
        total += QLatin1Char('+');
    const QString where = tr("%1 of %2 · line %3").arg(locale.toString(result.index), total, locale.toString(line));
    m_ui->findStatus->setText(result.wrapped ? tr("%1 (wrapped around)").arg(where) : where);
}

bool BodyFindBar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_ui->findEdit && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Escape) {
            m_ui->findCloseButton->click();
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && (key->modifiers() & Qt::ShiftModifier)) {
            previous();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}
