#include "RecentFiles.h"

#include "AppSettings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

void RecentFiles::add(QSettings& settings, const QString& path)
{
    if (path.isEmpty())
        return;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = AppSettings::value(settings, AppSettings::Key::RecentFiles).toStringList();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxFiles)
        list.removeLast();
    AppSettings::setValue(settings, AppSettings::Key::RecentFiles, list);
    setLastFolder(settings, absolute);
}

void RecentFiles::setLastFolder(QSettings& settings, const QString& path)
{
    if (!path.isEmpty())
        AppSettings::setValue(settings, AppSettings::Key::LastFolder, QFileInfo(path).absolutePath());
}

QStringList RecentFiles::files(const QSettings& settings)
{
    QStringList list;
    for (const QString& path : AppSettings::value(settings, AppSettings::Key::RecentFiles).toStringList()) {
        if (QFileInfo::exists(path))
            list.append(path);
    }
    return list;
}

void RecentFiles::clear(QSettings& settings)
{
    AppSettings::remove(settings, AppSettings::Key::RecentFiles);
}

QString RecentFiles::lastFolder(const QSettings& settings)
{
    const QString folder = AppSettings::value(settings, AppSettings::Key::LastFolder).toString();
    if (!folder.isEmpty() && QDir(folder).exists())
        return folder;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}
