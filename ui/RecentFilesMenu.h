#pragma once

#include <QMenu>

#include <functional>

// File → Open Recent: the files RecentFiles keeps (newest first, numbered for the keyboard),
// rebuilt each time it opens, and "Clear recent files". Empty: one disabled "No recent files".
class RecentFilesMenu : public QMenu
{
    Q_OBJECT

public:
    // open: what choosing a file does (MainWindow::openFile).
    RecentFilesMenu(std::function<void(const QString&)> open, QWidget* parent = nullptr);

    // Fills the menu from the settings (also done on every aboutToShow).
    void rebuild();

private:
    std::function<void(const QString&)> m_open;
};
