#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QHBoxLayout;

// A centred "nothing here (yet)" message: a title, a muted explanation and optional buttons that
// offer the next step. Used for empty search results and for tabs whose feature is not built yet.
class EmptyStateWidget : public QWidget
{
    Q_OBJECT

public:
    explicit EmptyStateWidget(QWidget* parent = nullptr);

    void setTitle(const QString& title);
    QString title() const;
    // Rich text is allowed (e.g. <code> for a command).
    void setText(const QString& text);
    QString text() const;
    // Adds a button under the text; the caller connects its clicked signal.
    QPushButton* addButton(const QString& text, const QString& objectName);

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();

    QLabel* m_title = nullptr;
    QLabel* m_text = nullptr;
    QHBoxLayout* m_buttons = nullptr;
};
