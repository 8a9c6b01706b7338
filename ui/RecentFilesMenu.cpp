#include "RecentFilesMenu.h"

#include "RecentFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

RecentFilesMenu::RecentFilesMenu(std::function<void(const QString&)> open, QWidget* parent)
    : QMenu(tr("Open &Recent"), parent)
    , m_open(std::move(open))
{
    connect(this, &QMenu::aboutToShow, this, &RecentFilesMenu::rebuild);
}

void RecentFilesMenu::rebuild()
{
    clear();
    const QStringList files = RecentFiles::files(QSettings());
    if (files.isEmpty()) {
        QAction* none = addAction(tr("No recent files"));
        none->setObjectName(QStringLiteral("actionNoRecentFiles"));
        none->setEnabled(false);
    }
    for (int i = 0; i < files.size(); ++i) {
        const QString path = files.at(i);
        // "&1 name.json — /folder": the number is the keyboard accelerator for the first nine.
        QString text = QFileInfo(path).fileName().replace(QLatin1Char('&'), QStringLiteral("&&"));
        if (i < 9)
            text = QStringLiteral("&%1 %2").arg(i + 1).arg(text);
        QAction* action =
            addAction(text + QStringLiteral("  —  ") + QDir::toNativeSeparators(QFileInfo(path).absolutePath()));
        action->setData(path);
        action->setToolTip(path);
        connect(action, &QAction::triggered, this, [this, path] { m_open(path); });
    }
    addSeparator();
    QAction* clearAction = addAction(tr("&Clear recent files"));
    clearAction->setObjectName(QStringLiteral("actionClearRecentFiles"));
    clearAction->setEnabled(!files.isEmpty());
    // Not rebuilt here (that would delete the action whose signal is running): the menu is
    // rebuilt the next time it opens.
    connect(clearAction, &QAction::triggered, this, [] {
        QSettings settings;
        RecentFiles::clear(settings);
    });
}
