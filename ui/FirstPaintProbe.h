#pragma once

#include <QCoreApplication>
#include <QEvent>
#include <QObject>
#include <QTimer>
#include <QVariant>
#include <QWidget>

#include <cstdio>
#include <functional>
#include <utility>
#include <vector>

// "Just after the window's first paint". afterFirstPaint() runs work that nothing in the first
// frame needs (the window icon) once that frame is drawn. Header-only: the startup benchmark's
// minimal Qt program (tests/bench) uses the very same hook as leadgen-diag to see its first frame.
class FirstPaintProbe : public QObject
{
public:
    // Callbacks for one window run in the order they were registered, all in one event-loop turn
    // after the first paint pass.
    static void afterFirstPaint(QWidget* window, std::function<void()> then)
    {
        auto* probe = static_cast<FirstPaintProbe*>(window->property(kProperty).value<QObject*>());
        if (!probe) {
            probe = new FirstPaintProbe(window);
            window->setProperty(kProperty, QVariant::fromValue<QObject*>(probe));
            // Paint events go to the widgets being painted: watch them all (only until the first).
            QCoreApplication::instance()->installEventFilter(probe);
        }
        probe->m_callbacks.push_back(std::move(then));
    }
    // Prints "first-paint" on stdout and quits once the window's first frame is drawn: the
    // startup benchmark's stopwatch and the installed package's smoke test
    // (LEADGEN_EXIT_AFTER_FIRST_PAINT=1).
    static void quitAfterFirstPaint(QWidget* window)
    {
        afterFirstPaint(window, [] {
            std::fputs("first-paint\n", stdout);
            std::fflush(stdout);
            QCoreApplication::exit(0);
        });
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && watched->isWidgetType() &&
            static_cast<QWidget*>(watched)->window() == parent()) {
            QCoreApplication::instance()->removeEventFilter(this);
            // The rest of this paint pass (every visible widget) and its flush run first.
            QTimer::singleShot(0, this, [this] {
                const std::vector<std::function<void()>> callbacks = std::move(m_callbacks);
                for (const auto& callback : callbacks)
                    callback();
            });
        }
        return false;
    }

private:
    static constexpr const char* kProperty = "_leadgen_firstPaintProbe";

    explicit FirstPaintProbe(QWidget* window)
        : QObject(window)
    {}

    std::vector<std::function<void()>> m_callbacks;
};
