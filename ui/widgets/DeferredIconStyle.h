#pragma once

#include <QProxyStyle>

// The application's style: the one Qt picked (a QProxyStyle over it), except that its
// standard icons are loaded when something first draws or measures them. Widgets ask for them
// while they are built — the menu bar's overflow button, each dock's float and close buttons —
// and the first such request loads every image-format and icon-engine plugin (Qt decodes the
// icon's PNG to learn its size): about 2.5 ms before the first frame, for icons that frame does
// not show (issue 6, bench_startup). Drawn, sized or converted to a pixmap, a deferred icon is the
// base style's icon exactly.
class DeferredIconStyle : public QProxyStyle
{
    Q_OBJECT

public:
    explicit DeferredIconStyle(QStyle* base = nullptr);

    QIcon standardIcon(StandardPixmap icon, const QStyleOption* option = nullptr,
                       const QWidget* widget = nullptr) const override;
};
