#include "HistoryCompareDialog.h"

#include "JsonText.h"
#include "Tone.h"
#include "ui_HistoryCompareDialog.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBlock>

namespace {

QString indented(const QJsonValue& value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    return value.toString();
}

QString compact(const QJsonValue& value)
{
    if (value.isUndefined())
        return QString();
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    const QString inner = QString::fromUtf8(text.mid(1, text.size() - 2));
    return inner.size() > 200 ? inner.left(199) + QChar(0x2026) : inner;
}

int indentOf(const QString& text)
{
    int i = 0;
    while (i < text.size() && text.at(i) == QLatin1Char(' '))
        ++i;
    return i;
}

// The line of `path` in QJsonDocument's indented text (four spaces a level): each member step is
// the line at the next indent that starts with `"name":`, each [i] the i-th element opened there.
int lineOf(const QStringList& lines, const QString& path)
{
    static const QRegularExpression step(
        QStringLiteral("\\.([A-Za-z_$][A-Za-z0-9_$]*)|\\[(\\d+)\\]|\\[(\"(?:[^\"\\\\]|\\\\.)*\")\\]"));
    int line = 0;
    int indent = 0;
    auto it = step.globalMatch(path.mid(1));
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        QString name = match.captured(1);
        if (!match.captured(3).isEmpty())
            name = QJsonDocument::fromJson("[" + match.captured(3).toUtf8() + "]").array().at(0).toString();
        const bool member = !name.isEmpty();
        const QString key = QLatin1Char('"') + name + QStringLiteral("\":");
        const int wanted = member ? 0 : match.captured(2).toInt();
        const int child = indent + 4;
        int seen = -1;
        int found = -1;
        for (int i = line + 1; i < lines.size() && found < 0; ++i) {
            const QString& text = lines.at(i);
            const int lead = indentOf(text);
            if (lead == text.size())
                continue;
            if (lead < child)
                break; // out of the parent
            if (lead != child)
                continue;
            const QChar first = text.at(lead);
            if (member ? text.mid(lead).startsWith(key)
                       : (first != QLatin1Char('}') && first != QLatin1Char(']') && ++seen == wanted))
                found = i;
        }
        if (found < 0)
            return line;
        line = found;
        indent = child;
    }
    return line;
}

} // namespace

HistoryCompareDialog::HistoryCompareDialog(const HistoryRecord& before, const HistoryRecord& after, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::HistoryCompareDialog>())
{
    m_ui->setupUi(this);
    setAttribute(Qt::WA_DeleteOnClose);
    const QJsonValue a = responseValue(before);
    const QJsonValue b = responseValue(after);
    m_changes = JsonDiff::diff(a, b);

    const auto title = [](const HistoryRecord& call) {
        return tr("Call %1 · %2 · %3 · %4")
            .arg(call.id)
            .arg(HistoryRecord::isoTime(call.timeMs), call.method, call.environment);
    };
    m_ui->beforeLabel->setText(title(before));
    m_ui->afterLabel->setText(title(after));
    m_ui->summaryLabel->setText(
        m_changes.isEmpty()
            ? tr("The two responses are the same.")
            : (m_changes.size() == 1
                   ? tr("1 change from call %1 to call %2.").arg(before.id).arg(after.id)
                   : tr("%1 changes from call %2 to call %3.").arg(m_changes.size()).arg(before.id).arg(after.id)));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->beforeView->setFont(mono);
    m_ui->afterView->setFont(mono);
    const QString beforeText = indented(a);
    const QString afterText = indented(b);
    m_ui->beforeView->setPlainText(beforeText);
    m_ui->afterView->setPlainText(afterText);

    const QStringList beforeLines = beforeText.split(QLatin1Char('\n'));
    const QStringList afterLines = afterText.split(QLatin1Char('\n'));
    m_ui->changesView->setColumnCount(4);
    m_ui->changesView->setHorizontalHeaderLabels({tr("Change"), tr("Path"), tr("Before"), tr("After")});
    m_ui->changesView->verticalHeader()->hide();
    m_ui->changesView->horizontalHeader()->setStretchLastSection(true);
    m_ui->changesView->setRowCount(int(m_changes.size()));
    for (int row = 0; row < m_changes.size(); ++row) {
        const JsonChange& change = m_changes.at(row);
        const QStringList cells{JsonChange::opName(change.op), change.path, compact(change.before),
                                compact(change.after)};
        for (int column = 0; column < cells.size(); ++column)
            m_ui->changesView->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        m_lines.append({change.op == JsonChange::Op::Added ? -1 : lineOf(beforeLines, change.path),
                        change.op == JsonChange::Op::Removed ? -1 : lineOf(afterLines, change.path)});
    }
    m_ui->changesView->resizeColumnsToContents();
    connect(m_ui->changesView, &QTableWidget::currentCellChanged, this, [this](int row) { selectChange(row); });
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    highlight();
    if (!m_changes.isEmpty())
        m_ui->changesView->selectRow(0);
    resize(1000, 680);
}

HistoryCompareDialog::~HistoryCompareDialog() = default;

QJsonValue HistoryCompareDialog::responseValue(const HistoryRecord& call)
{
    const QJsonDocument document = QJsonDocument::fromJson(call.responseBody);
    if (document.isObject())
        return document.object();
    if (document.isArray())
        return document.array();
    return QString::fromUtf8(call.responseBody);
}

// Every changed line tinted on its side: removed/changed before, added/changed after.
void HistoryCompareDialog::highlight()
{
    const auto mark = [this](QPlainTextEdit* view, bool afterSide) {
        QList<QTextEdit::ExtraSelection> selections;
        for (int i = 0; i < m_lines.size(); ++i) {
            const int line = afterSide ? m_lines.at(i).second : m_lines.at(i).first;
            if (line < 0)
                continue;
            QTextEdit::ExtraSelection selection;
            const Tone::Kind kind = m_changes.at(i).op == JsonChange::Op::Changed ? Tone::Kind::Warning
                                    : afterSide                                   ? Tone::Kind::Ok
                                                                                  : Tone::Kind::Error;
            QColor color = Tone::color(kind, palette());
            color.setAlpha(50);
            selection.format.setBackground(color);
            selection.format.setProperty(QTextFormat::FullWidthSelection, true);
            selection.cursor = QTextCursor(view->document()->findBlockByNumber(line));
            selections.append(selection);
        }
        view->setExtraSelections(selections);
    };
    mark(m_ui->beforeView, false);
    mark(m_ui->afterView, true);
}

void HistoryCompareDialog::selectChange(int row)
{
    if (row < 0 || row >= m_lines.size())
        return;
    const auto show = [](QPlainTextEdit* view, int line) {
        if (line < 0)
            return;
        QTextCursor cursor(view->document()->findBlockByNumber(line));
        view->setTextCursor(cursor);
        view->centerCursor();
    };
    show(m_ui->beforeView, m_lines.at(row).first);
    show(m_ui->afterView, m_lines.at(row).second);
}
