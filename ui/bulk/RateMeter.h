#pragma once

#include "ElideLabel.h"

#include <QString>
#include <QTimer>

// The status bar's meter for the current account (docs/design.md, Bulk work): calls in the
// last second and today against the daily quota. The numbers come from the account's
// CallRateLimiter (every call this process made: composer, bulk runs), the service's own
// callCount/queryLimit when an answer carried them, and the call history for the calls made
// today before. At 80 % of the quota the dynamic property "level" becomes "warning" (amber);
// at 100 % "exhausted".
class RateMeter : public ElideLabel
{
    Q_OBJECT

public:
    static constexpr int kWarningPercent = 80;

    explicit RateMeter(QWidget* parent = nullptr);

    // The account shown: its limiter key (CallRateLimiter::accountKey), the environment's daily
    // quota and the calls the history holds for it today (this process's included).
    void setAccount(const QString& key, const QString& label, qint64 quota, qint64 historyToday);
    const QString& accountKey() const { return m_key; }
    // Reads the limiter again (after a call; also every half second while calls are recent).
    void refresh();

    int callsLastSecond() const { return m_lastSecond; }
    qint64 callsToday() const { return m_today; }
    qint64 quota() const { return m_quota; }
    QString level() const { return property("level").toString(); }

private:
    QString m_key;
    QString m_label;
    qint64 m_environmentQuota = 0;
    qint64 m_historyBase = 0; // today's calls from before this process's first one
    int m_lastSecond = 0;
    qint64 m_today = 0;
    qint64 m_quota = 0;
    QTimer m_tick;
};
