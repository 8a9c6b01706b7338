#pragma once

#include <QAbstractButton>

// One tile of the "Try an error" gallery: the code, its catalogue title, what triggers it on the
// simulator, and badges for its level (api / object) and how it is produced (natural request or
// the simulator's fault header). A click reproduces it.
class ErrorTile : public QAbstractButton
{
    Q_OBJECT

public:
    struct Info
    {
        int code = 0;
        QString title;    // catalogue title ("Entry already exists")
        QString trigger;  // scenario title ("Creating a lead whose address exists")
        QString level;    // "api" | "object"
        QString category; // catalogue category (colour of the stripe)
        bool natural = true;
        int repeat = 1;
    };

    explicit ErrorTile(const Info& info, QWidget* parent = nullptr);

    const Info& info() const { return m_info; }
    // This tile's scenario is being sent.
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    static constexpr int kMinWidth = 220;

protected:
    void paintEvent(QPaintEvent* event) override;
    void enterEvent(QEnterEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    QString levelText() const;
    QString sourceText() const;

    Info m_info;
    bool m_hovered = false;
    bool m_busy = false;
};
