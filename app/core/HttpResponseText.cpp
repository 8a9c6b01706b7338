#include "HttpResponseText.h"

#include <QByteArrayView>
#include <QRegularExpression>

namespace {
struct Line
{
    QByteArrayView text; // without the line break
    qsizetype next;      // offset of the next line
};

Line lineAt(const QByteArray& text, qsizetype at)
{
    qsizetype end = text.indexOf('\n', at);
    const qsizetype next = end < 0 ? text.size() : end + 1;
    if (end < 0)
        end = text.size();
    if (end > at && text.at(end - 1) == '\r')
        --end;
    return {QByteArrayView(text.constData() + at, end - at), next};
}

// "HTTP/1.1 200 OK", "HTTP/2 502": status and reason, or nothing.
bool parseStatusLine(QByteArrayView line, int* status, QString* reason)
{
    static const QRegularExpression re(QStringLiteral("^HTTP/\\d(?:\\.\\d)? (\\d{3})(?: (.*))?$"));
    const QRegularExpressionMatch m = re.match(QString::fromLatin1(line));
    if (!m.hasMatch())
        return false;
    *status = m.captured(1).toInt();
    *reason = m.captured(2).trimmed();
    return true;
}
} // namespace

HttpResponseText HttpResponseText::parse(const QByteArray& text)
{
    HttpResponseText result;
    result.body = text;
    // Leading blank lines are common in pastes.
    qsizetype at = 0;
    while (at < text.size() && (text.at(at) == '\n' || text.at(at) == '\r' || text.at(at) == ' '))
        ++at;

    if (text.mid(at, 5) == "HTTP/") {
        // curl -i: the head, a blank line, the body. An interim "100 Continue" head comes first.
        int status = 0;
        QString reason;
        Line line = lineAt(text, at);
        while (parseStatusLine(line.text, &status, &reason)) {
            QList<QPair<QByteArray, QByteArray>> headers;
            at = line.next;
            for (line = lineAt(text, at); !line.text.isEmpty() && at < text.size(); line = lineAt(text, at)) {
                const qsizetype colon = line.text.indexOf(':');
                if (colon <= 0)
                    return result; // not a head after all: keep the paste as the body
                headers.append({line.text.first(colon).trimmed().toByteArray(),
                                line.text.sliced(colon + 1).trimmed().toByteArray()});
                at = line.next;
            }
            at = line.next; // the blank line
            result.httpStatus = status;
            result.reasonPhrase = reason;
            result.headers = headers;
            if (status >= 200 || text.mid(at, 5) != "HTTP/")
                break;
            line = lineAt(text, at);
        }
        if (result.httpStatus)
            result.body = text.mid(std::min(at, text.size()));
        return result;
    }

    if (text.mid(at, 2) == "* " || text.mid(at, 2) == "> " || text.mid(at, 2) == "< ") {
        // curl -v: keep the last "< " head; the body is whatever follows the "<" blank line.
        std::optional<int> status;
        QString reason;
        QList<QPair<QByteArray, QByteArray>> headers;
        qsizetype bodyStart = -1;
        while (at < text.size() && bodyStart < 0) {
            const Line line = lineAt(text, at);
            const QByteArrayView t = line.text;
            if (t.startsWith("< ")) {
                int s = 0;
                QString r;
                if (parseStatusLine(t.sliced(2), &s, &r)) {
                    status = s;
                    reason = r;
                    headers.clear();
                } else if (const qsizetype colon = t.indexOf(':'); colon > 2) {
                    headers.append(
                        {t.sliced(2, colon - 2).trimmed().toByteArray(), t.sliced(colon + 1).trimmed().toByteArray()});
                }
            } else if (t == "<" || t == "< ") {
                bodyStart = line.next;
            } else if (!t.startsWith("* ") && !t.startsWith("> ") && t != ">" && !t.startsWith("{ [") &&
                       !t.startsWith("} [")) {
                bodyStart = at; // no "<" separator line: the body starts here
                break;
            }
            at = line.next;
        }
        if (status) {
            result.httpStatus = status;
            result.reasonPhrase = reason;
            result.headers = headers;
            QByteArray body = bodyStart >= 0 ? text.mid(bodyStart) : QByteArray();
            // curl's closing notes ("* Connection #0 to host ... left intact") are not body.
            for (;;) {
                const qsizetype last = body.lastIndexOf('\n', body.endsWith('\n') ? body.size() - 2 : body.size() - 1);
                const QByteArray tail = body.mid(last + 1);
                if (!tail.startsWith("* ") || last < 0)
                    break;
                body.truncate(last + 1);
            }
            result.body = body;
        }
    }
    return result;
}
