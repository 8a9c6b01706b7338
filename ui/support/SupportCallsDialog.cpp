#include "SupportCallsDialog.h"

#include "CustomerReply.h"
#include "CustomerReplyDialog.h"
#include "SupportCallsModel.h"
#include "SupportFileLoader.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

SupportCallsDialog::SupportCallsDialog(QWidget* parent)
    : QDialog(parent)
    , m_loader(new SupportFileLoader(this))
    , m_model(new SupportCallsModel(this))
{
    setObjectName(QStringLiteral("supportCallsDialog"));
    setWindowTitle(tr("Calls"));
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("supportCallsSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_secretNotice = new QLabel(this);
    m_secretNotice->setObjectName(QStringLiteral("supportSecretNotice"));
    m_secretNotice->setWordWrap(true);
    m_secretNotice->setVisible(false);
    layout->addWidget(m_secretNotice);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("supportCallsProgress"));
    m_progress->setRange(0, 1000);
    layout->addWidget(m_progress);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("supportCallsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    // Column widths from the first rows only: measuring every one of thousands of calls would
    // block the window.
    m_view->horizontalHeader()->setResizeContentsPrecision(200);
    layout->addWidget(m_view);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_open = buttons->addButton(tr("Open in inspector"), QDialogButtonBox::ActionRole);
    m_open->setObjectName(QStringLiteral("supportOpenCall"));
    m_reply = buttons->addButton(tr("Copy explanation for the customer"), QDialogButtonBox::ActionRole);
    m_reply->setObjectName(QStringLiteral("supportCopyReply"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_open, &QPushButton::clicked, this, [this] { openRow(currentRow()); });
    connect(m_reply, &QPushButton::clicked, this, [this] { CustomerReplyDialog::copyAndShow(this, customerReply()); });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex& index) { openRow(index.row()); });
    connect(m_loader, &SupportFileLoader::progress, m_progress, &QProgressBar::setValue);
    connect(m_loader, &SupportFileLoader::finished, this, &SupportCallsDialog::onLoaded);
    resize(760, 420);
}

SupportCallsDialog::~SupportCallsDialog() = default;

void SupportCallsDialog::load(const QStringList& paths, const QString& codeFilter)
{
    QStringList names;
    for (const QString& path : paths)
        names.append(QFileInfo(path).fileName());
    setWindowTitle(codeFilter.isEmpty() ? tr("Calls in %1").arg(names.join(QStringLiteral(", ")))
                                        : tr("Calls with %1 in %2").arg(codeFilter, names.join(QStringLiteral(", "))));
    m_model->setCalls({});
    m_summary->setText(tr("Reading…"));
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_open->setEnabled(false);
    m_reply->setEnabled(false);
    m_loading = true;
    m_loader->load(paths, codeFilter);
}

QAbstractItemModel* SupportCallsDialog::model() const
{
    return m_model;
}

bool SupportCallsDialog::isLoading() const
{
    return m_loading;
}

const QList<HistoryRecord>& SupportCallsDialog::calls() const
{
    // The rows shown: empty while a new file loads.
    return m_model->calls();
}

void SupportCallsDialog::onLoaded()
{
    const SupportFileLoader::Contents& contents = m_loader->contents();
    m_loading = false;
    m_progress->setVisible(false);
    m_model->setCalls(contents.calls);
    m_view->resizeColumnsToContents();
    QString summary =
        contents.error.isEmpty() ? tr("%n API call(s)", nullptr, int(contents.calls.size())) : contents.error;
    if (contents.otherEntries > 0)
        summary += tr("; %n other entrie(s) not shown", nullptr, int(contents.otherEntries));
    if (!contents.problems.isEmpty())
        summary += tr("; %n skipped: ", nullptr, int(contents.problems.size())) +
                   contents.problems.mid(0, 5).join(QStringLiteral("; "));
    m_summary->setText(summary);
    m_secretNotice->setVisible(!contents.secretSources.isEmpty());
    m_secretNotice->setText(
        tr("This file carried a secret key. It was masked in everything shown here; rotate the key in the account "
           "settings, because anyone who has the file can use it."));
    const bool any = !contents.calls.isEmpty();
    m_open->setEnabled(any);
    m_reply->setEnabled(any);
    if (any)
        m_view->selectRow(0);
    emit loaded();
}

int SupportCallsDialog::currentRow() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void SupportCallsDialog::openRow(int row)
{
    if (row >= 0 && row < calls().size())
        emit openCall(calls().at(row));
}

QString SupportCallsDialog::customerReply() const
{
    const int row = currentRow();
    return row >= 0 && row < calls().size() ? CustomerReply::forCall(calls().at(row)) : QString();
}
