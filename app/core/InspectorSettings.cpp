#include "InspectorSettings.h"

#include <QSettings>

namespace {
QString key(const char* name)
{
    return QStringLiteral("Inspector/") + QLatin1String(name);
}

// A value that is missing, not a number or not positive keeps the default: a hand-edited
// settings file must not turn highlighting off by accident.
qint64 readLimit(const QSettings& settings, const char* name, qint64 fallback)
{
    bool ok = false;
    const qint64 value = settings.value(key(name)).toLongLong(&ok);
    return ok && value > 0 ? value : fallback;
}
} // namespace

InspectorSettings InspectorSettings::load()
{
    const QSettings settings;
    InspectorSettings s;
    s.highlightLimit = readLimit(settings, "highlightLimit", s.highlightLimit);
    s.prettyPrintLimit = readLimit(settings, "prettyPrintLimit", s.prettyPrintLimit);
    s.reopenLimit = readLimit(settings, "reopenLimit", s.reopenLimit);
    return s;
}

void InspectorSettings::save() const
{
    QSettings settings;
    settings.setValue(key("highlightLimit"), highlightLimit);
    settings.setValue(key("prettyPrintLimit"), prettyPrintLimit);
    settings.setValue(key("reopenLimit"), reopenLimit);
}

QString InspectorSettings::lastFile()
{
    return QSettings().value(key("lastFile")).toString();
}

QString InspectorSettings::lastRequestFile()
{
    return QSettings().value(key("lastRequestFile")).toString();
}

void InspectorSettings::setLastFile(const QString& responsePath, const QString& requestPath)
{
    QSettings settings;
    settings.setValue(key("lastFile"), responsePath);
    settings.setValue(key("lastRequestFile"), requestPath);
}
