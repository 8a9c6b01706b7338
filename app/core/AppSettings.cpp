#include "AppSettings.h"

#include "ComposerDraft.h"

#include <QSettings>

namespace {
struct Row
{
    AppSettings::Key key;
    const char* path;
    QVariant defaultValue;
};

// In the order of the enum: path() indexes this table.
const Row kRows[] = {
    {AppSettings::Key::WindowGeometry, "MainWindow/geometry", QVariant()},
    {AppSettings::Key::WindowState, "MainWindow/state", QVariant()},
    {AppSettings::Key::WindowLegacyTab, "MainWindow/tab", QVariant()},
    {AppSettings::Key::GettingStartedShown, "MainWindow/gettingStartedShown", false},
    {AppSettings::Key::ErrorBrowserSplitter, "ErrorBrowser/splitter", QVariant()},
    {AppSettings::Key::ComposerSplitter, "composer/layout/splitter", QVariant()},
    {AppSettings::Key::ComposerEditorSplitter, "composer/layout/editor", QVariant()},
    {AppSettings::Key::ComposerMethodList, "composer/layout/methodList", QVariant()},
    {AppSettings::Key::DraftMethod, "composer/draft/method", QString()},
    {AppSettings::Key::DraftParams, "composer/draft/params", QString()},
    {AppSettings::Key::DraftRequestId, "composer/draft/requestId", QString()},
    {AppSettings::Key::DraftHeaders, "composer/draft/headers", QString()},
    {AppSettings::Key::DraftRawBody, "composer/draft/rawBody", QString()},
    {AppSettings::Key::DraftRawBodyEnabled, "composer/draft/rawBodyEnabled", false},
    {AppSettings::Key::DraftEnvironment, "composer/draft/environment", QString()},
    {AppSettings::Key::DraftAccountId, "composer/draft/accountId", QString()},
    {AppSettings::Key::DraftTimeoutMs, "composer/draft/timeoutMs", ComposerDraft::kDefaultTimeoutMs},
    {AppSettings::Key::InspectorHighlightLimit, "Inspector/highlightLimit", qint64(5'000'000)},
    {AppSettings::Key::InspectorPrettyPrintLimit, "Inspector/prettyPrintLimit", qint64(64'000'000)},
    {AppSettings::Key::InspectorReopenLimit, "Inspector/reopenLimit", qint64(10'000'000)},
    {AppSettings::Key::InspectorLastFile, "Inspector/lastFile", QString()},
    {AppSettings::Key::InspectorLastRequestFile, "Inspector/lastRequestFile", QString()},
    {AppSettings::Key::InspectorSplitter, "Inspector/splitter", QVariant()},
    {AppSettings::Key::InspectorBodySplitter, "Inspector/bodySplitter", QVariant()},
    {AppSettings::Key::InspectorExplanationShown, "Inspector/explanationShown", true},
    {AppSettings::Key::RecentFiles, "Files/recent", QStringList()},
    {AppSettings::Key::LastFolder, "Files/lastFolder", QString()},
    {AppSettings::Key::HistoryEnabled, "History/enabled", true},
    {AppSettings::Key::HistoryBodyLimit, "History/bodyLimit", qint64(16 * 1000 * 1000)},
    {AppSettings::Key::HistoryKeepDays, "History/keepDays", 0},
    {AppSettings::Key::HistoryMaxMegabytes, "History/maxMegabytes", 0},
    {AppSettings::Key::NetworkProxy, "Network/proxy", QStringLiteral("system")},
    {AppSettings::Key::NetworkProxyBypass, "Network/noProxy", QString()},
    {AppSettings::Key::NetworkProxyRememberPassword, "Network/rememberProxyPassword", false},
    {AppSettings::Key::SimulatorBatchShape, "Simulator/batchShape", QStringLiteral("observed")},
};

const Row& row(AppSettings::Key key)
{
    return kRows[static_cast<int>(key)];
}
} // namespace

QString AppSettings::path(Key key)
{
    return QLatin1String(row(key).path);
}

QString AppSettings::path(Group group)
{
    switch (group) {
    case Group::Environments:
        return QStringLiteral("environments");
    case Group::RecentAccounts:
        return QStringLiteral("composer/recentAccounts");
    }
    return QString();
}

QVariant AppSettings::defaultValue(Key key)
{
    return row(key).defaultValue;
}

QVariant AppSettings::value(const QSettings& settings, Key key)
{
    return settings.value(path(key), defaultValue(key));
}

void AppSettings::setValue(QSettings& settings, Key key, const QVariant& value)
{
    settings.setValue(path(key), value);
}

void AppSettings::remove(QSettings& settings, Key key)
{
    settings.remove(path(key));
}

bool AppSettings::contains(const QSettings& settings, Key key)
{
    return settings.contains(path(key));
}
