#pragma once

#include <QString>
#include <QStringList>

class QSettings;

// The files a user opened or saved (File → Open Recent) and the folder of the last one, where
// every file dialog starts, kept in QSettings across restarts.
class RecentFiles
{
public:
    static constexpr int kMaxFiles = 10;

    // A file was opened or saved: it becomes the first recent file and its folder the last one.
    static void add(QSettings& settings, const QString& path);
    // Only the folder (a file picked for another purpose, e.g. the request a response answers).
    static void setLastFolder(QSettings& settings, const QString& path);
    // Newest first; files that no longer exist are left out.
    static QStringList files(const QSettings& settings);
    static void clear(QSettings& settings);
    // Where a file dialog starts: the last folder used, or Documents on the first run.
    static QString lastFolder(const QSettings& settings);
};
