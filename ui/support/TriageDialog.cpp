#include "TriageDialog.h"

#include "CustomerReply.h"
#include "CustomerReplyDialog.h"
#include "ImportedCall.h"
#include "ImportSource.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QTabWidget>
#include <QtConcurrent>
#include <QVBoxLayout>

namespace {

QTableView* tableView(QStandardItemModel* model, const QString& name, QWidget* parent)
{
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

QString timeText(qint64 ms)
{
    return ms < 0 ? QStringLiteral("-") : HistoryRecord::isoTime(ms);
}

// Where the example call is, as a person counts: entry numbers from 1, and the line when known.
QString examplePlace(const Triage::CodeRow& row)
{
    const QString file = QFileInfo(row.exampleSource).fileName();
    if (row.exampleLine > 0)
        return TriageDialog::tr("%1, line %2").arg(file).arg(row.exampleLine);
    return row.exampleIndex >= 0 ? TriageDialog::tr("%1, entry %2").arg(file).arg(row.exampleIndex + 1) : file;
}

QStandardItem* number(qint64 value)
{
    auto* item = new QStandardItem();
    item->setData(value, Qt::DisplayRole);
    return item;
}

} // namespace

TriageDialog::TriageDialog(QWidget* parent)
    : QDialog(parent)
    , m_codes(new QStandardItemModel(0, 6, this))
    , m_methods(new QStandardItemModel(0, 5, this))
{
    setObjectName(QStringLiteral("triageDialog"));
    setWindowTitle(tr("Triage"));
    m_codes->setHorizontalHeaderLabels(
        {tr("Code"), tr("Count"), tr("Methods"), tr("First seen (UTC)"), tr("Last seen (UTC)"), tr("Example")});
    m_methods->setHorizontalHeaderLabels({tr("Method"), tr("Calls"), tr("Failed"), tr("Codes"), tr("Last seen (UTC)")});
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("triageSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    auto* tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("triageTabs"));
    m_codesView = tableView(m_codes, QStringLiteral("triageCodesView"), tabs);
    tabs->addTab(m_codesView, tr("By code"));
    tabs->addTab(tableView(m_methods, QStringLiteral("triageMethodsView"), tabs), tr("By method"));
    layout->addWidget(tabs);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* calls = buttons->addButton(tr("Show calls"), QDialogButtonBox::ActionRole);
    calls->setObjectName(QStringLiteral("triageShowCalls"));
    m_reply = buttons->addButton(tr("Copy explanation for the customer"), QDialogButtonBox::ActionRole);
    m_reply->setObjectName(QStringLiteral("triageCopyReply"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(calls, &QPushButton::clicked, this, [this] { drillDownRow(currentCodeRow()); });
    connect(m_reply, &QPushButton::clicked, this, [this] { CustomerReplyDialog::copyAndShow(this, customerReply()); });
    connect(m_codesView, &QTableView::activated, this, [this](const QModelIndex& index) { drillDownRow(index.row()); });
    resize(820, 460);
}

TriageDialog::~TriageDialog()
{
    if (m_watcher)
        m_watcher->waitForFinished();
}

void TriageDialog::run(const QStringList& paths)
{
    m_paths = paths;
    m_summary->setText(tr("Reading %n file(s)…", nullptr, int(paths.size())));
    m_codes->removeRows(0, m_codes->rowCount());
    m_methods->removeRows(0, m_methods->rowCount());
    if (!m_watcher) {
        m_watcher = new QFutureWatcher<Triage>(this);
        connect(m_watcher, &QFutureWatcher<Triage>::finished, this, &TriageDialog::onFinished);
    }
    m_watcher->setFuture(QtConcurrent::run([paths] {
        Triage triage;
        ImportSource::Handlers handlers;
        handlers.call = [&triage](ImportedCall&& call) {
            triage.addCall(call);
            return true;
        };
        handlers.problem = [&triage](const QString& source, qint64 line, const QString& message) {
            triage.addProblem(source, line, message);
        };
        handlers.secret = [&triage](const QString& source) { triage.addSecretSource(source); };
        for (const QString& path : paths) {
            QString error;
            if (!ImportSource::read(path, handlers, &error))
                triage.addProblem(path, 0, error);
        }
        return triage;
    }));
}

bool TriageDialog::isRunning() const
{
    return m_watcher && m_watcher->isRunning();
}

void TriageDialog::onFinished()
{
    m_triage = m_watcher->result();
    m_rows = m_triage.codeRows();
    for (const Triage::CodeRow& row : std::as_const(m_rows)) {
        m_codes->appendRow({new QStandardItem(row.codeText()), number(row.count),
                            new QStandardItem(row.methods.join(QStringLiteral(", "))),
                            new QStandardItem(timeText(row.firstMs)), new QStandardItem(timeText(row.lastMs)),
                            new QStandardItem(examplePlace(row))});
    }
    for (const Triage::MethodRow& row : m_triage.methodRows()) {
        QStringList codes;
        for (auto it = row.codes.cbegin(); it != row.codes.cend(); ++it)
            codes.append(QStringLiteral("%1×%2").arg(it.key()).arg(it.value()));
        m_methods->appendRow({new QStandardItem(row.method), number(row.count), number(row.failed),
                              new QStandardItem(codes.join(QStringLiteral(", "))),
                              new QStandardItem(timeText(row.lastMs))});
    }
    QStringList verdicts;
    for (auto it = m_triage.verdicts().cbegin(); it != m_triage.verdicts().cend(); ++it)
        verdicts.append(
            QStringLiteral("%1 %2").arg(it.value()).arg(QString(it.key()).replace(QLatin1Char('_'), QLatin1Char(' '))));
    QString summary =
        tr("%n entries read, %1 of them calls to the API", nullptr, int(m_triage.calls())).arg(m_triage.apiCalls());
    summary +=
        verdicts.isEmpty() ? QStringLiteral(".") : QStringLiteral(": %1.").arg(verdicts.join(QStringLiteral(", ")));
    if (m_triage.problemCount() > 0)
        summary += QLatin1Char(' ') + tr("%n record(s) skipped.", nullptr, int(m_triage.problemCount()));
    if (!m_triage.secretSources().isEmpty())
        summary += QLatin1Char(' ') + tr("A file carried a secret key: it was masked everywhere here; rotate the key.");
    m_summary->setText(summary);
    m_codesView->resizeColumnsToContents();
    if (!m_rows.isEmpty())
        m_codesView->selectRow(0);
    emit finished();
}

int TriageDialog::currentCodeRow() const
{
    const QModelIndexList rows = m_codesView->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void TriageDialog::drillDownRow(int row)
{
    if (row >= 0 && row < m_rows.size())
        emit drillDown(m_paths, m_rows.at(row).codeText());
}

QString TriageDialog::customerReply() const
{
    const int row = currentCodeRow();
    if (row < 0 || row >= m_rows.size())
        return {};
    const Triage::CodeRow& code = m_rows.at(row);
    return CustomerReply::forCode(code.codeText(), code.example, code.count, code.firstMs, code.lastMs);
}
