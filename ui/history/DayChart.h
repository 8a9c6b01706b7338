#pragma once

#include <QDate>
#include <QList>
#include <QWidget>

// Calls and errors per day as bars (the analytics tab's chart): one bar per day from the first
// to the last day with calls (at most kMaxDays, the latest), days without calls left empty,
// the erroneous part of each bar in the error colour. Clicking a bar, or Enter on the one
// chosen with the arrow keys, asks for that day's calls.
class DayChart : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kMaxDays = 90;

    struct Day
    {
        QDate date; // UTC
        qint64 calls = 0;
        qint64 errors = 0;
    };

    explicit DayChart(QWidget* parent = nullptr);

    // Days in any order; gaps are filled with empty days.
    void setDays(const QList<Day>& days);
    const QList<Day>& days() const { return m_days; }
    // Where a day's bar is drawn (its full column; empty when the day is not shown).
    QRect barRect(const QDate& date) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void dayActivated(const QDate& date);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

private:
    QRect plotArea() const;
    QRect columnRect(int index) const;
    int indexAt(const QPoint& pos) const;

    QList<Day> m_days;
    qint64 m_most = 0;
    int m_current = -1;
};
