#pragma once

#include <QString>
#include <QtGlobal>

class QSettings;

// What the user chose about the call history (File → Preferences; the CLI reads the same
// settings): recording on or off, how much of a body to keep, how long to keep calls.
struct HistorySettings
{
    bool enabled = true;
    qint64 bodyLimit = 16 * 1000 * 1000; // bytes of a response body kept; more is cut
    int keepDays = 0;                    // 0 = keep every call
    int maxMegabytes = 0;                // bodies beyond this are dropped, oldest first; 0 = no limit

    static HistorySettings load(const QSettings& settings);
    void save(QSettings& settings) const;
    // The database to record into: $LEADGEN_HISTORY or the default location; empty when
    // recording is off (here or with LEADGEN_HISTORY=off).
    QString recordingPath() const;
};
