#pragma once

#include "EmptyStateWidget.h"

// Honest stand-in for a main-window tab whose feature has not landed yet: says what the tab will
// do and points to what works today. Each feature's own widget replaces it.
class PlaceholderPage : public EmptyStateWidget
{
    Q_OBJECT

public:
    enum class Feature
    {
        Composer,
        Inspector
    };

    explicit PlaceholderPage(Feature feature, QWidget* parent = nullptr);

signals:
    // The "Browse error codes" button.
    void errorBrowserRequested();
};
