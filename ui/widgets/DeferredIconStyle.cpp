#include "DeferredIconStyle.h"

#include <QIconEngine>
#include <QPainter>
#include <QPointer>
#include <QStyleOption>
#include <QWidget>

#include <optional>

namespace {

// Asks the base style for the icon on first use and forwards everything to it.
class DeferredIconEngine : public QIconEngine
{
public:
    DeferredIconEngine(QStyle* style, QStyle::StandardPixmap icon, const QStyleOption* option, const QWidget* widget)
        : m_style(style)
        , m_icon(icon)
        , m_widget(widget)
    {
        if (option) {
            // Only the generic part is kept, typed as such: a style that casts the option to a
            // subclass (QStyleOptionDockWidget…) then gets nullptr instead of a sliced copy.
            m_option.emplace(*option);
            m_option->type = QStyleOption::SO_Default;
            m_option->version = QStyleOption::Version;
            m_option->styleObject = nullptr;
        }
    }

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override
    {
        resolved().paint(painter, rect, Qt::AlignCenter, mode, state);
    }
    QSize actualSize(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        return resolved().actualSize(size, mode, state);
    }
    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        return resolved().pixmap(size, mode, state);
    }
    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        return resolved().pixmap(size, scale, mode, state);
    }
    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override
    {
        return resolved().availableSizes(mode, state);
    }
    // Pixmaps added to a copy of a standard icon go to the base style's icon, as they would
    // without the deferral.
    void addPixmap(const QPixmap& pixmap, QIcon::Mode mode, QIcon::State state) override
    {
        resolved().addPixmap(pixmap, mode, state);
    }
    void addFile(const QString& fileName, const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        resolved().addFile(fileName, size, mode, state);
    }
    QString iconName() override { return resolved().name(); }
    bool isNull() override { return resolved().isNull(); }
    QString key() const override { return QStringLiteral("DeferredIconEngine"); }
    QIconEngine* clone() const override { return new DeferredIconEngine(*this); }

private:
    QIcon& resolved()
    {
        if (!m_resolved) {
            // The style outlives its icons' first use in practice; if it is gone, no icon.
            m_resolved =
                m_style ? m_style->standardIcon(m_icon, m_option ? &*m_option : nullptr, m_widget.data()) : QIcon();
        }
        return *m_resolved;
    }

    QPointer<QStyle> m_style;
    QStyle::StandardPixmap m_icon;
    QPointer<const QWidget> m_widget;
    std::optional<QStyleOption> m_option;
    std::optional<QIcon> m_resolved;
};

} // namespace

DeferredIconStyle::DeferredIconStyle(QStyle* base)
    : QProxyStyle(base)
{}

QIcon DeferredIconStyle::standardIcon(StandardPixmap icon, const QStyleOption* option, const QWidget* widget) const
{
    return QIcon(new DeferredIconEngine(baseStyle(), icon, option, widget));
}
