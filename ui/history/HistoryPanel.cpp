#include "HistoryPanel.h"

#include "ApiRequest.h"
#include "CurlCommand.h"
#include "HistoryModel.h"
#include "Prompter.h"
#include "ui_HistoryPanel.h"

#include <QAction>
#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTimer>
#include <QUrlQuery>

namespace {
const char* const kVerdicts[] = {"ok",       "api_error",        "partial_failure", "all_failed",  "http_error",
                                 "not_json", "invalid_envelope", "no_response",     "not_analysed"};
}

HistoryPanel::HistoryPanel(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::HistoryPanel>())
    , m_model(new HistoryModel(this))
    , m_filterTimer(new QTimer(this))
    , m_ownPrompter(std::make_unique<DialogPrompter>())
{
    m_ui->setupUi(this);
    m_prompter = m_ownPrompter.get();
    m_ui->callsView->setModel(m_model);
    m_ui->callsView->verticalHeader()->hide();
    m_ui->callsView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    QHeaderView* header = m_ui->callsView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(HistoryModel::Method, QHeaderView::Stretch);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    header->resizeSection(HistoryModel::Time, digit * 21);
    header->resizeSection(HistoryModel::Environment, digit * 14);
    header->resizeSection(HistoryModel::Status, digit * 7);
    header->resizeSection(HistoryModel::Verdict, digit * 16);
    header->resizeSection(HistoryModel::Codes, digit * 12);
    header->resizeSection(HistoryModel::Elapsed, digit * 7);

    const QDate today = QDate::currentDate();
    m_ui->sinceEdit->setDate(today.addDays(-7));
    m_ui->untilEdit->setDate(today);
    m_ui->verdictCombo->addItem(tr("Any verdict"), QString());
    for (const char* verdict : kVerdicts)
        m_ui->verdictCombo->addItem(HistoryModel::verdictTitle(QLatin1String(verdict)), QLatin1String(verdict));

    // "As you type", without a query per keystroke.
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(120);
    connect(m_filterTimer, &QTimer::timeout, this, &HistoryPanel::applyFilter);
    const auto later = [this] {
        if (!m_settingFilter)
            m_filterTimer->start();
    };
    connect(m_ui->searchEdit, &QLineEdit::textChanged, this, later);
    connect(m_ui->codeEdit, &QLineEdit::textChanged, this, later);
    connect(m_ui->methodCombo, &QComboBox::currentIndexChanged, this, later);
    connect(m_ui->verdictCombo, &QComboBox::currentIndexChanged, this, later);
    connect(m_ui->environmentCombo, &QComboBox::currentIndexChanged, this, later);
    connect(m_ui->sinceEdit, &QDateEdit::dateChanged, this, later);
    connect(m_ui->untilEdit, &QDateEdit::dateChanged, this, later);
    connect(m_ui->dateCheck, &QCheckBox::toggled, this, [this, later](bool on) {
        m_ui->sinceEdit->setEnabled(on);
        m_ui->untilEdit->setEnabled(on);
        later();
    });

    connect(m_ui->callsView, &QTableView::activated, this, &HistoryPanel::openSelected);
    connect(m_ui->openButton, &QPushButton::clicked, this, &HistoryPanel::openSelected);
    connect(m_ui->resendButton, &QPushButton::clicked, this, &HistoryPanel::resendSelected);
    connect(m_ui->compareButton, &QPushButton::clicked, this, &HistoryPanel::compareSelected);
    connect(m_ui->curlButton, &QPushButton::clicked, this, &HistoryPanel::copySelectedAsCurl);
    connect(m_ui->deleteButton, &QPushButton::clicked, this, &HistoryPanel::deleteSelected);
    connect(m_ui->clearButton, &QPushButton::clicked, this, &HistoryPanel::clearHistory);
    auto* deleteAction = new QAction(tr("Delete"), this);
    deleteAction->setObjectName(QStringLiteral("historyDeleteAction"));
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteAction, &QAction::triggered, this, &HistoryPanel::deleteSelected);
    m_ui->callsView->addAction(deleteAction);
    connect(m_ui->callsView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPanel::updateState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistoryPanel::updateState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &HistoryPanel::updateState);
    updateState();
}

HistoryPanel::~HistoryPanel() = default;

QTableView* HistoryPanel::view() const
{
    return m_ui->callsView;
}

void HistoryPanel::setPrompter(Prompter* prompter)
{
    m_prompter = prompter ? prompter : m_ownPrompter.get();
}

void HistoryPanel::setDatabase(const QString& path)
{
    m_model->setDatabase(path);
    if (HistoryStore* store = m_model->store(); store && !store->notice().isEmpty())
        emit statusMessage(store->notice(), 15000);
    refillChoices();
    m_model->setFilter(filterFromWidgets());
}

void HistoryPanel::reload()
{
    refillChoices();
    m_model->reload();
}

HistoryFilter HistoryPanel::filterFromWidgets() const
{
    HistoryFilter filter;
    filter.search = m_ui->searchEdit->text().trimmed();
    filter.code = m_ui->codeEdit->text().trimmed();
    filter.method = m_ui->methodCombo->currentData().toString();
    filter.verdict = m_ui->verdictCombo->currentData().toString();
    filter.environment = m_ui->environmentCombo->currentData().toString();
    if (m_ui->dateCheck->isChecked()) {
        // Local days, inclusive at both ends.
        filter.sinceMs = QDateTime(m_ui->sinceEdit->date(), QTime(0, 0)).toMSecsSinceEpoch();
        filter.untilMs = QDateTime(m_ui->untilEdit->date().addDays(1), QTime(0, 0)).toMSecsSinceEpoch() - 1;
    }
    return filter;
}

void HistoryPanel::applyFilter()
{
    m_filterTimer->stop();
    m_model->setFilter(filterFromWidgets());
}

void HistoryPanel::showFiltered(const HistoryFilter& filter)
{
    m_settingFilter = true;
    m_ui->searchEdit->setText(filter.search);
    m_ui->codeEdit->setText(filter.code);
    const auto select = [](QComboBox* combo, const QString& value) {
        int index = combo->findData(value);
        if (index < 0 && !value.isEmpty()) {
            combo->addItem(value, value);
            index = combo->count() - 1;
        }
        combo->setCurrentIndex(qMax(0, index));
    };
    select(m_ui->methodCombo, filter.method);
    select(m_ui->verdictCombo, filter.verdict);
    select(m_ui->environmentCombo, filter.environment);
    m_ui->dateCheck->setChecked(filter.sinceMs >= 0 || filter.untilMs >= 0);
    if (filter.sinceMs >= 0)
        m_ui->sinceEdit->setDate(QDateTime::fromMSecsSinceEpoch(filter.sinceMs).date());
    if (filter.untilMs >= 0)
        m_ui->untilEdit->setDate(QDateTime::fromMSecsSinceEpoch(filter.untilMs).date());
    m_settingFilter = false;
    m_filterTimer->stop();
    m_model->setFilter(filter);
}

// The methods and environments the history holds, for the filter combos.
void HistoryPanel::refillChoices()
{
    HistoryStore* store = m_model->store();
    const auto fill = [this, store](QComboBox* combo, const QString& all, const char* column) {
        const QString current = combo->currentData().toString();
        const QSignalBlocker blocker(combo);
        combo->clear();
        combo->addItem(all, QString());
        if (store && store->isOpen()) {
            for (const QString& value : store->distinctValues(QLatin1String(column)))
                combo->addItem(value, value);
        }
        combo->setCurrentIndex(qMax(0, combo->findData(current)));
    };
    fill(m_ui->methodCombo, tr("Any method"), "method");
    fill(m_ui->environmentCombo, tr("Any environment"), "env");
}

void HistoryPanel::updateState()
{
    HistoryStore* store = m_model->store();
    const bool open = store && store->isOpen();
    const bool empty = m_model->rowCount() == 0;
    if (!open) {
        m_ui->emptyLabel->setText(
            store ? tr("<p>The history cannot be read:<br>%1</p>").arg(store->error().toHtmlEscaped())
                  : tr("<p><b>The call history is off.</b></p><p>Turn it on in File → Preferences → History "
                       "(and unset LEADGEN_HISTORY=off) to keep every call you make here and with "
                       "<code>leadgen-diag send</code>.</p>"));
    } else if (empty && m_model->filter().isEmpty()) {
        m_ui->emptyLabel->setText(
            tr("<p><b>No calls yet.</b></p><p>Every call you send from the composer, reproduce or "
               "make with <code>leadgen-diag send</code> appears here: request, response, "
               "findings and timing, never the secret key. Search it, open a call again, "
               "re-send it or compare two answers.</p>"));
    } else {
        m_ui->emptyLabel->setText(tr("<p>No recorded call matches these filters.</p>"));
    }
    m_ui->stack->setCurrentWidget(open && !empty ? static_cast<QWidget*>(m_ui->callsView) : m_ui->emptyLabel);
    const int selected = int(selectedIds().size());
    m_ui->openButton->setEnabled(selected == 1);
    m_ui->resendButton->setEnabled(selected == 1);
    m_ui->compareButton->setEnabled(selected == 1 || selected == 2);
    m_ui->curlButton->setEnabled(selected == 1);
    m_ui->deleteButton->setEnabled(selected > 0);
    m_ui->clearButton->setEnabled(open);
    m_ui->countLabel->setText(
        open ? (m_model->canFetchMore(QModelIndex())
                    ? tr("%1+ calls").arg(m_model->rowCount())
                    : (m_model->rowCount() == 1 ? tr("1 call") : tr("%1 calls").arg(m_model->rowCount())))
             : QString());
}

QList<qint64> HistoryPanel::selectedIds() const
{
    QList<qint64> ids;
    const QModelIndexList rows = m_ui->callsView->selectionModel()->selectedRows();
    for (const QModelIndex& row : rows)
        ids.append(m_model->record(row.row()).id);
    std::sort(ids.begin(), ids.end(), std::greater<>());
    return ids;
}

std::optional<HistoryRecord> HistoryPanel::wholeCall(qint64 id)
{
    HistoryStore* store = m_model->store();
    std::optional<HistoryRecord> call = store ? store->call(id) : std::nullopt;
    if (!call)
        emit statusMessage(store ? store->error() : tr("The history is off"), 8000);
    return call;
}

void HistoryPanel::openSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() != 1)
        return;
    if (const std::optional<HistoryRecord> call = wholeCall(ids.first()))
        emit openRequested(*call);
}

void HistoryPanel::resendSelected()
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() != 1)
        return;
    if (const std::optional<HistoryRecord> call = wholeCall(ids.first()))
        emit resendRequested(*call);
}

void HistoryPanel::compareSelected()
{
    const QList<qint64> ids = selectedIds();
    std::optional<qint64> before;
    std::optional<qint64> after;
    if (ids.size() == 2) {
        after = ids.at(0);
        before = ids.at(1);
    } else if (ids.size() == 1) {
        after = ids.first();
        const QModelIndexList rows = m_ui->callsView->selectionModel()->selectedRows();
        before = m_model->previousOfSameMethod(rows.first().row());
        if (!before) {
            emit statusMessage(
                tr("No earlier call of %1 to compare with").arg(m_model->record(rows.first().row()).method), 6000);
            return;
        }
    } else {
        return;
    }
    const std::optional<HistoryRecord> a = wholeCall(*before);
    const std::optional<HistoryRecord> b = wholeCall(*after);
    if (a && b)
        emit compareRequested(*a, *b);
}

void HistoryPanel::copySelectedAsCurl()
{
    const QList<qint64> ids = selectedIds();
    if (ids.size() != 1)
        return;
    const std::optional<HistoryRecord> call = wholeCall(ids.first());
    if (!call)
        return;
    // The recorded URL carries the mask already; the command line masks it again, by design.
    ApiRequest request;
    QUrl url(call->url);
    const QUrlQuery query(url);
    request.accountId = query.queryItemValue(QStringLiteral("accountID"));
    url.setQuery(QString());
    request.endpoint = url;
    request.body = call->requestBody;
    QGuiApplication::clipboard()->setText(
        CurlCommand::fromRequest(request).toCommandLine(CurlCommand::Secret::Redacted));
    emit statusMessage(tr("Copied the request of call %1 as cURL, secret key masked").arg(call->id), 5000);
}

void HistoryPanel::deleteSelected()
{
    const QList<qint64> ids = selectedIds();
    HistoryStore* store = m_model->store();
    if (ids.isEmpty() || !store)
        return;
    if (ids.size() > 1 && !m_prompter->confirm(this, tr("Delete calls"),
                                               tr("Delete %1 calls from the history?").arg(ids.size()), tr("Delete")))
        return;
    for (qint64 id : ids) {
        if (!store->remove(id)) {
            emit statusMessage(store->error(), 8000);
            break;
        }
    }
    reload();
}

void HistoryPanel::clearHistory()
{
    HistoryStore* store = m_model->store();
    if (!store)
        return;
    if (!m_prompter->confirm(this, tr("Clear history"),
                             tr("Delete every recorded call (%1) from %2? This cannot be undone.")
                                 .arg(store->count())
                                 .arg(store->path()),
                             tr("Clear history")))
        return;
    if (!store->clear())
        emit statusMessage(store->error(), 8000);
    reload();
}
