#include "ErrorGalleryWidget.h"

#include "Badge.h"
#include "EmptyStateWidget.h"
#include "ErrorCatalog.h"
#include "ErrorTile.h"
#include "ScenarioCatalog.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {
constexpr int kSpacing = 8;
} // namespace

ErrorGalleryWidget::ErrorGalleryWidget(const ErrorCatalog& errors, const ScenarioCatalog& scenarios, QWidget* parent)
    : QWidget(parent)
{
    auto* root = new QVBoxLayout(this);
    root->setContentsMargins(10, 8, 10, 4);
    root->setSpacing(6);

    // One label for the explanation and the state, so the tiles get every other line.
    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("galleryIntro"));
    m_intro->setWordWrap(true);
    root->addWidget(m_intro);

    m_stack = new QStackedWidget(this);
    root->addWidget(m_stack, 1);

    m_scroll = new QScrollArea(m_stack);
    m_scroll->setObjectName(QStringLiteral("galleryScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_content = new QWidget(m_scroll);
    m_content->setObjectName(QStringLiteral("galleryContent"));
    auto* contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 4, 8);
    contentLayout->setSpacing(4);
    // The content is never smaller than its tiles: a regrid while the page is hidden (a dock
    // tabbed behind another) changes the layout's minimum without telling the scroll area, which
    // then kept the old size and squeezed every tile to a line. Enforced as the widget's own
    // minimum, the size follows (and the scroll area sees the resize).
    contentLayout->setSizeConstraint(QLayout::SetMinimumSize);

    // Sections in code order of their first code: envelope and auth first, server last.
    const QList<Scenario> list = scenarios.scenarios();
    for (const Scenario& scenario : list) {
        const ErrorEntry* entry = errors.byCode(scenario.code);
        ErrorTile::Info info;
        info.code = scenario.code;
        info.title = entry ? entry->title : scenario.title;
        // What is sent; when the scenario's title only repeats the catalogue's, the method says more.
        info.trigger = scenario.title;
        if (entry && scenario.title.compare(entry->title, Qt::CaseInsensitive) == 0)
            info.trigger = scenario.method.isEmpty() ? tr("Sends a raw body") : tr("Sends %1").arg(scenario.method);
        info.level = scenario.level;
        info.category = entry ? entry->category : QString();
        info.natural = scenario.natural;
        info.repeat = scenario.repeat;
        auto section = std::find_if(m_sections.begin(), m_sections.end(),
                                    [&](const Section& s) { return s.category == info.category; });
        if (section == m_sections.end()) {
            Section created;
            created.category = info.category;
            created.heading = new QLabel(m_content);
            created.heading->setObjectName(QStringLiteral("gallerySection_%1").arg(info.category));
            QFont font = created.heading->font();
            font.setBold(true);
            created.heading->setFont(font);
            created.grid = new QGridLayout;
            created.grid->setSpacing(kSpacing);
            created.grid->setContentsMargins(0, 0, 0, 6);
            contentLayout->addWidget(created.heading);
            contentLayout->addLayout(created.grid);
            m_sections.append(created);
            section = m_sections.end() - 1;
        }
        auto* tile = new ErrorTile(info, m_content);
        connect(tile, &ErrorTile::clicked, this, [this, code = info.code] { emit reproduceRequested(code); });
        section->tiles.append(tile);
        m_tiles.append(tile);
    }
    for (Section& section : m_sections) {
        QString label = Badge::label(section.category);
        if (!label.isEmpty())
            label[0] = label[0].toUpper();
        section.heading->setText(QStringLiteral("%1 · %2").arg(label).arg(section.tiles.size()));
    }
    contentLayout->addStretch(1);
    m_scroll->setWidget(m_content);
    m_scroll->viewport()->installEventFilter(this);
    m_stack->addWidget(m_scroll);

    m_unavailable = new EmptyStateWidget(m_stack);
    m_unavailable->setObjectName(QStringLiteral("galleryUnavailable"));
    m_unavailable->setTitle(tr("The simulator is not available"));
    m_stack->addWidget(m_unavailable);

    setSimulatorAvailable(false);
    relayout(true);
}

ErrorGalleryWidget::~ErrorGalleryWidget() = default;

void ErrorGalleryWidget::setSimulatorAvailable(bool available, const QString& reason)
{
    m_available = available;
    m_unavailable->setText(reason.isEmpty()
                               ? tr("Reproducing an error needs the built-in simulator, which is not connected in this "
                                    "window. The Browse tab still explains every code.")
                               : reason.toHtmlEscaped());
    m_stack->setCurrentWidget(available ? static_cast<QWidget*>(m_scroll) : m_unavailable);
    for (ErrorTile* tile : std::as_const(m_tiles))
        tile->setEnabled(available && m_reproducing == 0);
    updateStatus();
}

void ErrorGalleryWidget::setReproducing(int code)
{
    m_reproducing = code;
    for (ErrorTile* tile : std::as_const(m_tiles)) {
        tile->setBusy(tile->info().code == code);
        // One at a time: the others wait (the busy one stays lit).
        tile->setEnabled(m_available && (code == 0 || tile->info().code == code));
    }
    updateStatus();
}

void ErrorGalleryWidget::updateStatus()
{
    QString state;
    if (!m_available)
        state = tr("Unavailable: no simulator.");
    else if (m_reproducing != 0)
        state = tr("Reproducing %1 on the simulator…").arg(m_reproducing);
    else
        state = tr("%1 codes, one click each.").arg(m_tiles.size());
    m_intro->setText(tr("<b>Try an error.</b> A tile loads a request that produces its code into the composer, sends "
                        "it to the built-in simulator, and the inspector explains the answer. <i>natural</i>: an "
                        "ordinary request; <i>fault header</i>: asked for with X-Simulator-Fault. <b>%1</b>")
                         .arg(state.toHtmlEscaped()));
}

QList<int> ErrorGalleryWidget::codes() const
{
    QList<int> list;
    for (const ErrorTile* tile : m_tiles)
        list << tile->info().code;
    return list;
}

ErrorTile* ErrorGalleryWidget::tile(int code) const
{
    for (ErrorTile* tile : m_tiles) {
        if (tile->info().code == code)
            return tile;
    }
    return nullptr;
}

void ErrorGalleryWidget::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    relayout();
}

bool ErrorGalleryWidget::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_scroll->viewport() && event->type() == QEvent::Resize)
        relayout();
    return QWidget::eventFilter(watched, event);
}

void ErrorGalleryWidget::relayout(bool force)
{
    // As many columns as tiles of the minimum width fit; the tiles share the rest.
    const int available = m_scroll->viewport()->width() - 4;
    const int columns = std::max(1, (available + kSpacing) / (ErrorTile::kMinWidth + kSpacing));
    if (columns == m_columns && !force)
        return;
    m_columns = columns;
    for (Section& section : m_sections) {
        for (ErrorTile* tile : std::as_const(section.tiles))
            section.grid->removeWidget(tile);
        for (int c = 0; c < section.grid->columnCount(); ++c) {
            section.grid->setColumnStretch(c, 0);
            section.grid->setColumnMinimumWidth(c, 0);
        }
        for (int i = 0; i < section.tiles.size(); ++i)
            section.grid->addWidget(section.tiles.at(i), i / columns, i % columns);
        // Empty columns keep their share too, so tiles are equally wide in every section.
        for (int c = 0; c < columns; ++c) {
            section.grid->setColumnStretch(c, 1);
            section.grid->setColumnMinimumWidth(c, ErrorTile::kMinWidth);
        }
    }
}
