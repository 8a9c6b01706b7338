#include "InspectorSettings.h"

#include <QSettings>

namespace {
// A value that is missing, not a number or not positive keeps the default: a hand-edited
// settings file must not turn highlighting off by accident.
qint64 readLimit(const QSettings& settings, AppSettings::Key key)
{
    bool ok = false;
    const qint64 value = AppSettings::value(settings, key).toLongLong(&ok);
    return ok && value > 0 ? value : AppSettings::defaultValue(key).toLongLong();
}
} // namespace

InspectorSettings InspectorSettings::load()
{
    const QSettings settings;
    InspectorSettings s;
    s.highlightLimit = readLimit(settings, AppSettings::Key::InspectorHighlightLimit);
    s.prettyPrintLimit = readLimit(settings, AppSettings::Key::InspectorPrettyPrintLimit);
    s.reopenLimit = readLimit(settings, AppSettings::Key::InspectorReopenLimit);
    return s;
}

void InspectorSettings::save() const
{
    QSettings settings;
    AppSettings::setValue(settings, AppSettings::Key::InspectorHighlightLimit, highlightLimit);
    AppSettings::setValue(settings, AppSettings::Key::InspectorPrettyPrintLimit, prettyPrintLimit);
    AppSettings::setValue(settings, AppSettings::Key::InspectorReopenLimit, reopenLimit);
}

QString InspectorSettings::lastFile()
{
    return AppSettings::value(QSettings(), AppSettings::Key::InspectorLastFile).toString();
}

QString InspectorSettings::lastRequestFile()
{
    return AppSettings::value(QSettings(), AppSettings::Key::InspectorLastRequestFile).toString();
}

void InspectorSettings::setLastFile(const QString& responsePath, const QString& requestPath)
{
    QSettings settings;
    AppSettings::setValue(settings, AppSettings::Key::InspectorLastFile, responsePath);
    AppSettings::setValue(settings, AppSettings::Key::InspectorLastRequestFile, requestPath);
}
