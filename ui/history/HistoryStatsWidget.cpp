#include "HistoryStatsWidget.h"

#include "DayChart.h"
#include "HistoryRecord.h"
#include "Tone.h"
#include "ui_HistoryStatsWidget.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLocale>
#include <QPainter>
#include <QStyledItemDelegate>

namespace {

enum Column
{
    Key,
    Calls,
    Errors,
    Rate,
    FirstSeen,
    LastSeen,
    ColumnCount
};

// The calls column: the number over a bar as long as its share of the largest row, the
// erroneous part of it in the error colour.
class ShareBarDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        const double share = index.data(Qt::UserRole).toDouble();
        const double errors = index.data(Qt::UserRole + 1).toDouble();
        QStyledItemDelegate::paint(painter, option, index);
        const QRect area = option.rect.adjusted(4, option.rect.height() - 6, -4, -2);
        const int width = int(area.width() * share);
        painter->save();
        QColor ok = Tone::color(Tone::Kind::Ok, option.palette);
        ok.setAlpha(140);
        painter->fillRect(QRect(area.left(), area.top(), width, area.height()), ok);
        painter->fillRect(QRect(area.left(), area.top(), int(width * errors), area.height()),
                          Tone::color(Tone::Kind::Error, option.palette));
        painter->restore();
    }
};

// A UTC day (as the statistics group them) as a filter.
HistoryFilter dayFilter(const QDate& day)
{
    HistoryFilter filter;
    filter.sinceMs = QDateTime(day, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    filter.untilMs = QDateTime(day.addDays(1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() - 1;
    return filter;
}

QString localTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

HistoryStatsWidget::HistoryStatsWidget(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::HistoryStatsWidget>())
{
    m_ui->setupUi(this);
    m_ui->byCombo->addItem(tr("error code"), int(HistoryStore::StatsBy::Code));
    m_ui->byCombo->addItem(tr("method"), int(HistoryStore::StatsBy::Method));
    m_ui->byCombo->addItem(tr("day"), int(HistoryStore::StatsBy::Day));
    m_ui->byCombo->addItem(tr("environment"), int(HistoryStore::StatsBy::Environment));
    m_ui->statsView->setColumnCount(ColumnCount);
    m_ui->statsView->verticalHeader()->hide();
    m_ui->statsView->setItemDelegateForColumn(Calls, new ShareBarDelegate(m_ui->statsView));
    m_ui->statsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->statsView->horizontalHeader()->setSectionResizeMode(Calls, QHeaderView::Stretch);
    // Calls and errors per day above the table, whatever it is grouped by.
    m_chart = new DayChart(this);
    m_chart->setObjectName(QStringLiteral("dayChart"));
    m_ui->rootLayout->insertWidget(1, m_chart);
    connect(m_chart, &DayChart::dayActivated, this, [this](const QDate& day) { emit filterRequested(dayFilter(day)); });
    connect(m_ui->byCombo, &QComboBox::currentIndexChanged, this, &HistoryStatsWidget::refresh);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &HistoryStatsWidget::refresh);
    connect(m_ui->statsView, &QTableWidget::activated, this,
            [this](const QModelIndex& index) { activateRow(index.row()); });
}

HistoryStatsWidget::~HistoryStatsWidget() = default;

void HistoryStatsWidget::setDatabase(const QString& path)
{
    m_store.reset();
    if (!path.isEmpty())
        m_store = std::make_unique<HistoryStore>(path);
    refresh();
}

void HistoryStatsWidget::setGrouping(HistoryStore::StatsBy by)
{
    m_ui->byCombo->setCurrentIndex(m_ui->byCombo->findData(int(by)));
    refresh();
}

HistoryStore::StatsBy HistoryStatsWidget::grouping() const
{
    return HistoryStore::StatsBy(m_ui->byCombo->currentData().toInt());
}

void HistoryStatsWidget::refresh()
{
    const HistoryStore::StatsBy by = grouping();
    m_rows = m_store && m_store->isOpen() ? m_store->stats(by) : QList<HistoryStore::StatsRow>();
    QList<DayChart::Day> days;
    const QList<HistoryStore::StatsRow> perDay = by == HistoryStore::StatsBy::Day ? m_rows
                                                 : m_store && m_store->isOpen()
                                                     ? m_store->stats(HistoryStore::StatsBy::Day)
                                                     : QList<HistoryStore::StatsRow>();
    for (const HistoryStore::StatsRow& row : perDay)
        days.append({QDate::fromString(row.key.toString(), Qt::ISODate), row.calls, row.errors});
    m_chart->setDays(days);
    const QString keyTitle = by == HistoryStore::StatsBy::Code     ? tr("Code")
                             : by == HistoryStore::StatsBy::Method ? tr("Method")
                             : by == HistoryStore::StatsBy::Day    ? tr("Day (UTC)")
                                                                   : tr("Environment");
    m_ui->statsView->setHorizontalHeaderLabels(
        {keyTitle, tr("Calls"), tr("Errors"), tr("Error rate"), tr("First seen"), tr("Last seen")});
    qint64 most = 1;
    qint64 calls = 0;
    for (const HistoryStore::StatsRow& row : std::as_const(m_rows)) {
        most = qMax(most, row.calls);
        calls += row.calls;
    }
    m_ui->statsView->setRowCount(int(m_rows.size()));
    for (int i = 0; i < m_rows.size(); ++i) {
        const HistoryStore::StatsRow& row = m_rows.at(i);
        const QString key = row.key.toString();
        const QStringList cells{
            key.isEmpty() ? tr("(none)") : key,
            QLocale().toString(row.calls),
            QLocale().toString(row.errors),
            QLocale().toString(row.calls ? 100.0 * double(row.errors) / double(row.calls) : 0.0, 'f', 1) +
                QLatin1Char('%'),
            localTime(row.firstMs),
            localTime(row.lastMs)};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            if (column != Key)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_ui->statsView->setItem(i, column, item);
        }
        QTableWidgetItem* bar = m_ui->statsView->item(i, Calls);
        bar->setData(Qt::UserRole, double(row.calls) / double(most));
        bar->setData(Qt::UserRole + 1, row.calls ? double(row.errors) / double(row.calls) : 0.0);
    }
    m_ui->summaryLabel->setText(!m_store           ? tr("The call history is off.")
                                : m_rows.isEmpty() ? tr("Nothing recorded yet.")
                                : by == HistoryStore::StatsBy::Code
                                    ? (m_rows.size() == 1 ? tr("1 code met") : tr("%1 codes met").arg(m_rows.size()))
                                    : (calls == 1 ? tr("1 call") : tr("%1 calls").arg(calls)));
}

void HistoryStatsWidget::activateRow(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    const HistoryStore::StatsRow& stats = m_rows.at(row);
    HistoryFilter filter;
    switch (grouping()) {
    case HistoryStore::StatsBy::Code:
        filter.code = stats.key.toString();
        break;
    case HistoryStore::StatsBy::Method:
        filter.method = stats.key.toString();
        break;
    case HistoryStore::StatsBy::Environment:
        filter.environment = stats.key.toString();
        break;
    case HistoryStore::StatsBy::Day:
        filter = dayFilter(QDate::fromString(stats.key.toString(), Qt::ISODate));
        break;
    }
    emit filterRequested(filter);
}
