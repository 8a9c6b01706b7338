#include "HeaderLines.h"

#include <QByteArrayView>
#include <QHash>
#include <QStringList>

QString HeaderLines::Problem::toString() const
{
    return QStringLiteral("line %1: %2").arg(line).arg(message);
}

bool HeaderLines::isValidName(const QString& name)
{
    if (name.isEmpty())
        return false;
    for (QChar c : name) {
        const ushort u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                        (u < 0x7f && QByteArrayView("!#$%&'*+-.^_`|~").contains(char(u)));
        if (!ok)
            return false;
    }
    return true;
}

bool HeaderLines::isTransportHeader(const QString& name)
{
    static const char* const kTransport[] = {"Content-Length",   "Host", "Expect", "Connection", "Accept-Encoding",
                                             "Transfer-Encoding"};
    for (const char* transport : kTransport) {
        if (name.compare(QLatin1String(transport), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool HeaderLines::isCredentialName(const QString& name)
{
    return name.compare(QLatin1String("accountID"), Qt::CaseInsensitive) == 0 ||
           name.compare(QLatin1String("secretKey"), Qt::CaseInsensitive) == 0;
}

bool HeaderLines::isDefault(const ApiRequest::Header& header)
{
    const QList<ApiRequest::Header> defaults = ApiRequest().effectiveHeaders();
    for (const ApiRequest::Header& d : defaults) {
        if (d.first.compare(header.first, Qt::CaseInsensitive) == 0)
            return d.second.trimmed().compare(header.second.trimmed(), Qt::CaseInsensitive) == 0;
    }
    return false;
}

HeaderLines::Result HeaderLines::parse(const QString& text, const QString& secretKey)
{
    Result result;
    QHash<QString, int> seen; // lower-case name -> line
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const int number = i + 1;
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const auto problem = [&](const QString& message) { result.problems.append({number, message}); };
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon < 0) {
            problem(QStringLiteral("“%1” has no colon: write Name: value").arg(line.left(40)));
            continue;
        }
        const QString name = line.left(colon).trimmed();
        const QString value = line.mid(colon + 1).trimmed();
        if (name.isEmpty()) {
            problem(QStringLiteral("the header name before the colon is missing"));
            continue;
        }
        if (!isValidName(name)) {
            problem(QStringLiteral("“%1” is not a valid header name (letters, digits and - only; no spaces)")
                        .arg(name.left(40)));
            continue;
        }
        if (isTransportHeader(name)) {
            problem(QStringLiteral("%1 is set by the network layer from the request itself").arg(name));
            continue;
        }
        if (isCredentialName(name)) {
            problem(QStringLiteral("%1 goes in the query string: use the Account ID and Secret key fields").arg(name));
            continue;
        }
        bool printable = true;
        for (QChar c : value)
            printable = printable && c.unicode() >= 0x20 && c.unicode() < 0x7f;
        if (!printable) {
            problem(QStringLiteral("the value of %1 has characters other than printable ASCII").arg(name));
            continue;
        }
        if (secretKey.size() >= 4 && value.contains(secretKey)) {
            problem(QStringLiteral("the value of %1 contains the secret key; the secret goes only in the Secret key "
                                   "field (query string)")
                        .arg(name));
            continue;
        }
        const QString lower = name.toLower();
        if (const auto it = seen.constFind(lower); it != seen.constEnd()) {
            problem(QStringLiteral("%1 is already set on line %2: keep one").arg(name).arg(*it));
            continue;
        }
        seen.insert(lower, number);
        result.headers.append({name.toLatin1(), value.toLatin1()});
    }
    return result;
}

QString HeaderLines::format(const QList<ApiRequest::Header>& headers)
{
    QStringList lines;
    for (const ApiRequest::Header& header : headers)
        lines << QString::fromLatin1(header.first) + QStringLiteral(": ") + QString::fromLatin1(header.second);
    return lines.join(QLatin1Char('\n'));
}
