#include "EmptyStateWidget.h"

#include "WrapLabel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

EmptyStateWidget::EmptyStateWidget(QWidget* parent)
    : QWidget(parent)
    , m_title(new WrapLabel(this))
    , m_text(new WrapLabel(this))
    , m_buttons(new QHBoxLayout)
{
    m_title->setObjectName(QStringLiteral("emptyStateTitle"));
    m_text->setObjectName(QStringLiteral("emptyStateText"));
    for (QLabel* label : {m_title, m_text}) {
        label->setAlignment(Qt::AlignCenter);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_text->setTextFormat(Qt::RichText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    // Long lines are hard to read: the text column stays narrow even in a wide tab.
    m_title->setMaximumWidth(560);
    m_text->setMaximumWidth(560);

    m_buttons->setSpacing(8);
    m_buttons->addStretch();
    m_buttons->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setSpacing(10);
    layout->addStretch(2);
    for (QLabel* label : {m_title, m_text}) {
        // Stretches around the label (not an alignment flag) keep word-wrapped labels at their
        // height-for-width instead of their one-line size hint.
        auto* row = new QHBoxLayout;
        row->addStretch(1);
        row->addWidget(label, 100);
        row->addStretch(1);
        layout->addLayout(row);
    }
    layout->addSpacing(6);
    layout->addLayout(m_buttons);
    layout->addStretch(3);
    applyPalette();
}

void EmptyStateWidget::setTitle(const QString& title)
{
    m_title->setText(title);
}

QString EmptyStateWidget::title() const
{
    return m_title->text();
}

void EmptyStateWidget::setText(const QString& text)
{
    m_text->setText(text);
}

QString EmptyStateWidget::text() const
{
    return m_text->text();
}

QPushButton* EmptyStateWidget::addButton(const QString& text, const QString& objectName)
{
    auto* button = new QPushButton(text, this);
    button->setObjectName(objectName);
    m_buttons->insertWidget(m_buttons->count() - 1, button);
    return button;
}

void EmptyStateWidget::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void EmptyStateWidget::applyPalette()
{
    // Muted explanation text: halfway between text and background reads as secondary in both
    // light and dark palettes while staying legible.
    const QColor text = palette().color(QPalette::WindowText);
    const QColor window = palette().color(QPalette::Window);
    const QColor muted = QColor::fromRgbF(float(text.redF() * 0.68 + window.redF() * 0.32),
                                          float(text.greenF() * 0.68 + window.greenF() * 0.32),
                                          float(text.blueF() * 0.68 + window.blueF() * 0.32));
    QPalette p = m_text->palette();
    p.setColor(QPalette::WindowText, muted);
    m_text->setPalette(p);
}
