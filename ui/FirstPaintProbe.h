#pragma once

#include <QCoreApplication>
#include <QEvent>
#include <QObject>
#include <QTimer>
#include <QWidget>

#include <cstdio>

// Startup measurement hook (tests/bench/bench_startup). With LEADGEN_EXIT_ON_FIRST_PAINT set,
// the first paint of the window prints "first-paint" on stdout and quits the application; without
// it, install() does nothing. Header-only so the benchmark's minimal Qt program uses the very same
// hook as leadgen-diag.
class FirstPaintProbe : public QObject
{
public:
    static constexpr const char* kEnvironmentVariable = "LEADGEN_EXIT_ON_FIRST_PAINT";

    static void install(QWidget* window)
    {
        if (!qEnvironmentVariableIsSet(kEnvironmentVariable))
            return;
        auto* probe = new FirstPaintProbe(window);
        // Paint events go to the widgets being painted: watch them all (only until the first).
        QCoreApplication::instance()->installEventFilter(probe);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (!m_seen && event->type() == QEvent::Paint && watched->isWidgetType() &&
            static_cast<QWidget*>(watched)->window() == parent()) {
            m_seen = true;
            // The rest of this paint pass (every visible widget) and its flush run first.
            QTimer::singleShot(0, this, [] {
                std::fputs("first-paint\n", stdout);
                std::fflush(stdout);
                QCoreApplication::exit(0);
            });
        }
        return false;
    }

private:
    explicit FirstPaintProbe(QWidget* window)
        : QObject(window)
    {}

    bool m_seen = false;
};
