#pragma once

#include <QString>
#include <QVariant>

class QSettings;

// Every key the application keeps in QSettings, with its default, in one place: a new setting is
// one row in AppSettings.cpp. Callers pass the QSettings to use (the application's, or a test's
// own file). The secret key is never a setting (docs/design.md, Security).
class AppSettings
{
public:
    enum class Key
    {
        // Main window
        WindowGeometry,
        WindowState,
        WindowLegacyTab, // written by versions before the docks; removed on save
        GettingStartedShown,
        // Error browser
        ErrorBrowserSplitter,
        // Composer layout
        ComposerSplitter,
        ComposerEditorSplitter,
        ComposerMethodList, // absent: the list follows the window width
                            // Composer draft: what the user typed, restored on the next start
        DraftMethod,
        DraftParams,
        DraftRequestId,
        DraftHeaders,
        DraftRawBody,
        DraftRawBodyEnabled,
        DraftEnvironment,
        DraftAccountId,
        DraftTimeoutMs,
        // Inspector
        InspectorHighlightLimit,
        InspectorPrettyPrintLimit,
        InspectorReopenLimit,
        InspectorLastFile,
        InspectorLastRequestFile,
        InspectorSplitter,     // findings above, body below
        InspectorBodySplitter, // tree beside the body
        InspectorExplanationShown,
        // Files (RecentFiles)
        RecentFiles,
        LastFolder,
        // Call history
        HistoryEnabled,
        HistoryBodyLimit,
        HistoryKeepDays,
        HistoryMaxMegabytes,
        // Network (Preferences): the proxy as ProxyConfig::toUrl() writes it, never a password
        NetworkProxy,
        NetworkProxyBypass,
        NetworkProxyRememberPassword,
        // The embedded simulator's batch result shape ("observed" | "documented")
        SimulatorBatchShape,
    };

    // Groups whose members are records with ids of their own (EnvironmentStore's environments,
    // the recent accounts of each environment).
    enum class Group
    {
        Environments,
        RecentAccounts,
    };

    static QString path(Key key);
    static QString path(Group group);
    static QVariant defaultValue(Key key);

    // The stored value, or the key's default when there is none.
    static QVariant value(const QSettings& settings, Key key);
    static void setValue(QSettings& settings, Key key, const QVariant& value);
    static void remove(QSettings& settings, Key key);
    static bool contains(const QSettings& settings, Key key);
};
