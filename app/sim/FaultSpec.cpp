#include "FaultSpec.h"

#include "ErrorCatalog.h"

#include <QStringList>

bool FaultSpec::parse(const QString& text, FaultSpec* spec, QString* error)
{
    FaultSpec result;
    const QStringList items = text.split(QLatin1Char(';'));
    bool sawItem = false;
    for (const QString& rawItem : items) {
        const QString item = rawItem.trimmed();
        if (item.isEmpty())
            continue;
        sawItem = true;
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const QString name = (eq < 0 ? item : item.left(eq)).trimmed().toLower();
        const QString value = eq < 0 ? QString() : item.mid(eq + 1).trimmed();
        const bool hasValue = eq >= 0;
        bool ok = false;
        if (name == QLatin1String("code")) {
            const int code = value.toInt(&ok);
            if (!ok || !ErrorCatalog::builtin().byCode(code)) {
                *error = QStringLiteral("fault 'code=%1': not a numeric code of the error catalogue "
                                        "(look codes up with: leadgen-diag explain CODE)")
                             .arg(value);
                return false;
            }
            result.code = code;
        } else if (name == QLatin1String("http")) {
            const int status = value.toInt(&ok);
            if (!ok || status < 400 || status > 599) {
                *error = QStringLiteral("fault 'http=%1': the status must be between 400 and 599").arg(value);
                return false;
            }
            result.httpStatus = status;
        } else if (name == QLatin1String("latency")) {
            const int ms = value.toInt(&ok);
            if (!ok || ms < 0 || ms > kMaxLatencyMs) {
                *error = QStringLiteral("fault 'latency=%1': milliseconds between 0 and %2 expected")
                             .arg(value)
                             .arg(kMaxLatencyMs);
                return false;
            }
            result.latencyMs = ms;
        } else if (name == QLatin1String("truncate") || name == QLatin1String("drop") ||
                   name == QLatin1String("not-json")) {
            if (hasValue) {
                *error = QStringLiteral("fault '%1' takes no value").arg(name);
                return false;
            }
            if (name == QLatin1String("truncate"))
                result.truncate = true;
            else if (name == QLatin1String("drop"))
                result.drop = true;
            else
                result.notJson = true;
        } else {
            *error =
                QStringLiteral("unknown fault '%1' (known: code=N, http=NNN, latency=MS, truncate, drop, not-json)")
                    .arg(item);
            return false;
        }
    }
    if (!sawItem) {
        *error = QStringLiteral("empty fault specification (known: code=N, http=NNN, latency=MS, truncate, drop, "
                                "not-json)");
        return false;
    }
    *spec = result;
    return true;
}

QString FaultSpec::toString() const
{
    QStringList items;
    if (code)
        items << QStringLiteral("code=%1").arg(code);
    if (httpStatus)
        items << QStringLiteral("http=%1").arg(httpStatus);
    if (latencyMs)
        items << QStringLiteral("latency=%1").arg(latencyMs);
    if (truncate)
        items << QStringLiteral("truncate");
    if (drop)
        items << QStringLiteral("drop");
    if (notJson)
        items << QStringLiteral("not-json");
    return items.join(QStringLiteral("; "));
}
