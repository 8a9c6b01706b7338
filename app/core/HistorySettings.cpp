#include "HistorySettings.h"

#include "AppSettings.h"
#include "HistoryStore.h"

#include <QSettings>

HistorySettings HistorySettings::load(const QSettings& settings)
{
    HistorySettings out;
    out.enabled = AppSettings::value(settings, AppSettings::Key::HistoryEnabled).toBool();
    out.bodyLimit = qMax<qint64>(0, AppSettings::value(settings, AppSettings::Key::HistoryBodyLimit).toLongLong());
    out.keepDays = qMax(0, AppSettings::value(settings, AppSettings::Key::HistoryKeepDays).toInt());
    out.maxMegabytes = qMax(0, AppSettings::value(settings, AppSettings::Key::HistoryMaxMegabytes).toInt());
    return out;
}

void HistorySettings::save(QSettings& settings) const
{
    AppSettings::setValue(settings, AppSettings::Key::HistoryEnabled, enabled);
    AppSettings::setValue(settings, AppSettings::Key::HistoryBodyLimit, bodyLimit);
    AppSettings::setValue(settings, AppSettings::Key::HistoryKeepDays, keepDays);
    AppSettings::setValue(settings, AppSettings::Key::HistoryMaxMegabytes, maxMegabytes);
}

QString HistorySettings::recordingPath() const
{
    return enabled ? HistoryStore::defaultPath() : QString();
}
