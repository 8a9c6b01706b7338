#pragma once

#include <QList>
#include <QWidget>

class EmptyStateWidget;
class ErrorCatalog;
class ErrorTile;
class QGridLayout;
class QLabel;
class QScrollArea;
class QStackedWidget;
class ScenarioCatalog;

// "Try an error": every code that has a simulator scenario as a one-click tile,
// grouped by category, in a grid that adapts to the width. A click asks for the code to be
// reproduced (the same path as the browser's "Reproduce on simulator").
class ErrorGalleryWidget : public QWidget
{
    Q_OBJECT

public:
    ErrorGalleryWidget(const ErrorCatalog& errors, const ScenarioCatalog& scenarios, QWidget* parent = nullptr);
    ~ErrorGalleryWidget() override;

    // Unavailable: the tiles are replaced by a message that says why.
    void setSimulatorAvailable(bool available, const QString& reason = QString());
    bool isSimulatorAvailable() const { return m_available; }
    // The code being reproduced (0 = none): its tile says so and the others wait.
    void setReproducing(int code);

    QList<int> codes() const;
    ErrorTile* tile(int code) const;
    int columnCount() const { return m_columns; }

signals:
    void reproduceRequested(int code);

protected:
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Section
    {
        QString category;
        QLabel* heading = nullptr;
        QGridLayout* grid = nullptr;
        QList<ErrorTile*> tiles;
    };

    void relayout(bool force = false);
    void updateStatus();

    QLabel* m_intro = nullptr; // explanation and state (available, reproducing)
    QStackedWidget* m_stack = nullptr;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_content = nullptr;
    EmptyStateWidget* m_unavailable = nullptr;
    QList<Section> m_sections;
    QList<ErrorTile*> m_tiles;
    int m_columns = 0;
    int m_reproducing = 0;
    bool m_available = false;
};
