#include "SimLogEntry.h"

#include <QDateTime>

QString SimLogEntry::toLine() const
{
    QString outcome;
    if (httpStatus == 0)
        outcome = QStringLiteral("dropped");
    else if (code)
        outcome = QStringLiteral("%1 error %2").arg(httpStatus).arg(code);
    else if (objectErrors)
        outcome = QStringLiteral("%1 ok, %2 failed object(s)").arg(httpStatus).arg(objectErrors);
    else if (httpStatus == 200)
        outcome = QStringLiteral("200 ok");
    else
        outcome = QString::number(httpStatus);
    QString line = QDateTime::fromMSecsSinceEpoch(timeMs).toString(QStringLiteral("HH:mm:ss.zzz"));
    line += QLatin1Char(' ') + (peer.isEmpty() ? QStringLiteral("-") : peer);
    line += QLatin1Char(' ') + httpMethod + QLatin1Char(' ') + path;
    line += QLatin1Char(' ') + (account.isEmpty() ? QStringLiteral("-") : account);
    line += QLatin1Char(' ') + (method.isEmpty() ? QStringLiteral("-") : method);
    line += QStringLiteral(" -> ") + outcome;
    if (!fault.isEmpty())
        line += QStringLiteral(" [fault: %1]").arg(fault);
    line += QStringLiteral(" %1 ms").arg(elapsedMs, 0, 'f', 2);
    return line;
}
