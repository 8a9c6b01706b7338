#include "CurlCommand.h"

#include "CurlOptionTable.h"
#include "HeaderLines.h"
#include "Redactor.h"
#include "RequestEnvelope.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrlQuery>

namespace {
using Action = CurlOptionTable::Action;
using Option = CurlOptionTable::Option;
using Word = ShellLexer::Word;

QByteArray urlEncodeAll(const QByteArray& data)
{
    // curl_easy_escape: everything but unreserved characters.
    return QUrl::toPercentEncoding(QString::fromUtf8(data));
}

bool isCredentialName(const QString& name, const char* wanted)
{
    return name.compare(QLatin1String(wanted), Qt::CaseInsensitive) == 0;
}

// The warning for an option that is accepted but not taken over, or an empty string.
QString droppedOptionWarning(Action action, const QString& label)
{
    switch (action) {
    case Action::Insecure:
        return QStringLiteral("The command turns off TLS certificate checks (%1); this tool keeps them on and shows "
                              "any certificate problem.")
            .arg(label);
    case Action::BasicAuth:
        return QStringLiteral("%1 (HTTP basic authentication) was dropped: the API takes accountID and secretKey in "
                              "the URL.")
            .arg(label);
    case Action::SecretOption:
        return QStringLiteral("%1 carries credentials that the API does not use; dropped.").arg(label);
    case Action::Proxy:
        return QStringLiteral("The proxy given with %1 was not taken over; this tool uses the system's proxy settings.")
            .arg(label);
    case Action::Location:
        return QStringLiteral("%1 follows redirects; this tool shows a redirect instead of following it, so the "
                              "secret key never goes to another address.")
            .arg(label);
    default:
        return QString();
    }
}

// Reads the words of a curl command into a CurlCommand: options in curl's syntax (clusters of
// short options, --name=value), then the URL, the body and the effective method.
class Parser
{
public:
    Parser(const ShellLexer& lexer, const CurlCommand::Options& options, CurlCommand::ParseError* error)
        : m_lexer(lexer)
        , m_options(options)
        , m_error(error)
    {}

    std::optional<CurlCommand> parse(ShellLexer::Words words)
    {
        QList<Word>& list = words.list;
        // A copied prompt: "$ curl ..." or "% curl ...".
        while (!list.isEmpty() && (list.first().text == QLatin1String("$") || list.first().text == QLatin1String("%")))
            list.removeFirst();
        if (list.isEmpty()) {
            fail(m_lexer.text().size(), QStringLiteral("the text is empty: paste a command that starts with curl"));
            return std::nullopt;
        }
        const QString program = QFileInfo(list.first().text).fileName().toLower();
        if (program != QLatin1String("curl") && program != QLatin1String("curl.exe")) {
            fail(
                list.first().offset,
                QStringLiteral("expected a command that starts with curl, found “%1”").arg(list.first().text.left(40)));
            return std::nullopt;
        }
        m_command.warnings = words.warnings;
        if (words.dialect == ShellLexer::Dialect::Cmd)
            m_command.warnings.prepend(QStringLiteral("Read as a Windows cmd command line (^ escapes)."));
        if (!readArguments(list) || !finishUrl())
            return std::nullopt;
        finishBody();
        finishMethod();
        if (!words.ignoredTail.isEmpty())
            m_command.warnings << QStringLiteral("Ignored what follows the curl command: “%1”.")
                                      .arg(Redactor::redactText(words.ignoredTail.simplified().left(60)));
        return m_command;
    }

private:
    bool fail(qsizetype offset, const QString& message)
    {
        *m_error = m_lexer.errorAt(offset, message);
        return false;
    }

    bool readArguments(const QList<Word>& list)
    {
        bool optionsEnded = false;
        for (qsizetype t = 1; t < list.size(); ++t) {
            const Word& word = list.at(t);
            if (optionsEnded || !word.text.startsWith(QLatin1Char('-')) || word.text == QLatin1String("-")) {
                if (!apply(CurlOptionTable::url(), QString(), word.text, word.offset))
                    return false;
            } else if (word.text == QLatin1String("--")) {
                optionsEnded = true;
            } else if (!(word.text.startsWith(QLatin1String("--")) ? readLongOption(list, &t)
                                                                   : readShortOptions(list, &t))) {
                return false;
            }
        }
        return true;
    }

    // --name, --name value, --name=value.
    bool readLongOption(const QList<Word>& list, qsizetype* t)
    {
        const Word& word = list.at(*t);
        QString name = word.text.mid(2);
        QString inlineValue;
        const qsizetype eq = name.indexOf(QLatin1Char('='));
        if (eq > 0) {
            inlineValue = name.mid(eq + 1);
            name = name.left(eq);
        }
        const Option* option = CurlOptionTable::byLong(name);
        if (!option)
            return fail(word.offset, QStringLiteral("unknown curl option “--%1”").arg(name));
        const QString label = QStringLiteral("--") + name;
        if (!option->takesValue) {
            if (eq > 0)
                return fail(word.offset, QStringLiteral("%1 takes no value").arg(label));
            return apply(*option, label, QString(), word.offset);
        }
        if (eq > 0)
            return apply(*option, label, inlineValue, word.offset + 3 + eq);
        return applyNextWord(*option, label, list, t);
    }

    // A cluster of short options: -sSL, -XPOST, -sH 'X: y', -d'{}'.
    bool readShortOptions(const QList<Word>& list, qsizetype* t)
    {
        const Word& word = list.at(*t);
        const QString& text = word.text;
        for (qsizetype k = 1; k < text.size(); ++k) {
            const Option* option = CurlOptionTable::byShort(text.at(k));
            if (!option)
                return fail(word.offset + k,
                            QStringLiteral("unknown curl option “-%1”%2")
                                .arg(text.at(k))
                                .arg(text.size() > 2 ? QStringLiteral(" in “%1”").arg(text) : QString()));
            const QString label = option->label(true);
            if (!option->takesValue) {
                if (!apply(*option, label, QString(), word.offset))
                    return false;
                continue;
            }
            if (k + 1 < text.size())
                return apply(*option, label, text.mid(k + 1), word.offset + k + 1);
            return applyNextWord(*option, label, list, t);
        }
        return true;
    }

    // The option's value is the next word.
    bool applyNextWord(const Option& option, const QString& label, const QList<Word>& list, qsizetype* t)
    {
        if (*t + 1 >= list.size())
            return fail(list.at(*t).offset, QStringLiteral("%1 needs a value, but the command ends here").arg(label));
        ++*t;
        return apply(option, label, list.at(*t).text, list.at(*t).offset);
    }

    bool apply(const Option& option, const QString& label, const QString& value, qsizetype valueOffset)
    {
        switch (option.action) {
        case Action::Url:
            return applyUrl(value, valueOffset);
        case Action::Method:
            if (value.trimmed().isEmpty())
                return fail(valueOffset, QStringLiteral("%1 needs a method name such as POST").arg(label));
            m_explicitMethod = value.trimmed().toUpper();
            return true;
        case Action::Header:
            return applyHeader(label, value, valueOffset);
        case Action::Data:
        case Action::DataRaw:
        case Action::DataBinary:
        case Action::Json:
            return applyData(option.action, label, value, valueOffset);
        case Action::DataUrlencode:
        case Action::UrlQuery:
            return applyEncoded(option.action, label, value, valueOffset);
        case Action::Upload:
            return applyUpload(label, value, valueOffset);
        case Action::Form:
            return fail(valueOffset, QStringLiteral("%1 sends a multipart form; the API takes a JSON body: use -d "
                                                    "'{\"method\": ..., \"params\": ..., \"id\": ...}'")
                                         .arg(label));
        default:
            applyFlag(option.action, label, value);
            return true;
        }
    }

    // The options that cannot fail: switches, -A/-e, and the ones dropped with a warning.
    void applyFlag(Action action, const QString& label, const QString& value)
    {
        if (action == Action::Get) {
            m_get = true;
        } else if (action == Action::Head) {
            m_head = true;
            m_command.warnings << QStringLiteral("-I/--head asks only for the response headers; the API needs a POST.");
        } else if (action == Action::UserAgent) {
            m_command.headers.append({QStringLiteral("User-Agent"), value.trimmed()}); // as -H would read it
        } else if (action == Action::Referer) {
            m_command.headers.append({QStringLiteral("Referer"), value.trimmed()});
        } else if (const QString warning = droppedOptionWarning(action, label); !warning.isEmpty()) {
            m_command.warnings << warning;
        }
    }

    bool applyUrl(const QString& value, qsizetype valueOffset)
    {
        if (!m_urlText.isEmpty())
            return fail(valueOffset, QStringLiteral("a second URL (the first is at %1): import one request at a time")
                                         .arg(m_lexer.errorAt(m_urlOffset, QString()).toString().chopped(2)));
        m_urlText = value;
        m_urlOffset = valueOffset;
        return true;
    }

    bool applyHeader(const QString& label, const QString& value, qsizetype valueOffset)
    {
        if (value.startsWith(QLatin1Char('@')))
            return fail(valueOffset, QStringLiteral("%1 @file (headers from a file) is not supported: paste the "
                                                    "headers as -H 'Name: value'")
                                         .arg(label));
        const qsizetype colon = value.indexOf(QLatin1Char(':'));
        const qsizetype semicolon = value.indexOf(QLatin1Char(';'));
        if (colon <= 0 && !(semicolon > 0 && semicolon == value.size() - 1))
            return fail(valueOffset, QStringLiteral("the header “%1” has no ':' between name and value (expected "
                                                    "e.g. 'Content-Type: application/json')")
                                         .arg(value.left(60)));
        if (colon <= 0) { // "Name;" sends the header with an empty value
            const QString name = value.left(semicolon).trimmed();
            if (!HeaderLines::isValidName(name))
                return fail(valueOffset, QStringLiteral("“%1” is not a valid HTTP header name").arg(name.left(40)));
            m_command.headers.append({name, QString()});
            return true;
        }
        const QString name = value.left(colon).trimmed();
        if (!HeaderLines::isValidName(name))
            return fail(valueOffset, QStringLiteral("“%1” is not a valid HTTP header name (letters, digits and "
                                                    "!#$%&'*+-.^_`|~ only)")
                                         .arg(name.left(40)));
        const QString headerValue = value.mid(colon + 1).trimmed();
        if (headerValue.isEmpty()) { // "Name:" removes a header curl would send
            for (qsizetype k = m_command.headers.size() - 1; k >= 0; --k) {
                if (m_command.headers.at(k).first.compare(name, Qt::CaseInsensitive) == 0)
                    m_command.headers.removeAt(k);
            }
            return true;
        }
        m_command.headers.append({name, headerValue});
        return true;
    }

    // -d, --data-raw, --data-binary, --json: the value, or a file's content for @file.
    bool applyData(Action action, const QString& label, const QString& value, qsizetype valueOffset)
    {
        QByteArray data = value.toUtf8();
        if (action != Action::DataRaw && value.startsWith(QLatin1Char('@'))) {
            if (!readFile(value.mid(1), valueOffset, label, &data))
                return false;
            if (action == Action::Data) {
                data.replace("\r", "");
                data.replace("\n", "");
            }
        }
        if (action == Action::Json)
            m_dataIsJson = true;
        m_dataParts.append(data);
        return true;
    }

    // --data-urlencode and --url-query: [name]=content, [name]@file, or (--url-query) +encoded.
    bool applyEncoded(Action action, const QString& label, const QString& content, qsizetype valueOffset)
    {
        QByteArray encoded;
        if (action == Action::UrlQuery && content.startsWith(QLatin1Char('+'))) {
            encoded = content.mid(1).toUtf8(); // "+": already encoded
        } else {
            const qsizetype eq = content.indexOf(QLatin1Char('='));
            const qsizetype at = content.indexOf(QLatin1Char('@'));
            if (at >= 0 && (eq < 0 || at < eq)) {
                QByteArray fileContent;
                if (!readFile(content.mid(at + 1), valueOffset, label, &fileContent))
                    return false;
                const QString name = content.left(at);
                encoded = (name.isEmpty() ? QByteArray() : name.toUtf8() + '=') + urlEncodeAll(fileContent);
            } else if (eq == 0) {
                encoded = urlEncodeAll(content.mid(1).toUtf8());
            } else if (eq > 0) {
                encoded = content.left(eq).toUtf8() + '=' + urlEncodeAll(content.mid(eq + 1).toUtf8());
            } else {
                encoded = urlEncodeAll(content.toUtf8());
            }
        }
        if (action == Action::UrlQuery)
            m_queryAdditions << QString::fromLatin1(encoded);
        else
            m_dataParts.append(encoded);
        return true;
    }

    bool applyUpload(const QString& label, const QString& value, qsizetype valueOffset)
    {
        QByteArray data;
        if (!readFile(value, valueOffset, label, &data))
            return false;
        m_dataParts = {data};
        m_upload = true;
        return true;
    }

    bool readFile(const QString& name, qsizetype offset, const QString& option, QByteArray* content)
    {
        if (name == QLatin1String("-"))
            return fail(offset, QStringLiteral("%1 @- reads the body from standard input, which a pasted command does "
                                               "not have: paste the body instead")
                                    .arg(option));
        const QString base = m_options.baseDirectory.isEmpty() ? QDir::currentPath() : m_options.baseDirectory;
        const QString path = QDir(base).absoluteFilePath(name);
        if (!m_options.allowFiles)
            return fail(offset, QStringLiteral("%1 @%2 takes the body from the file “%2”, which is not read "
                                               "automatically: paste its content instead")
                                    .arg(option, name));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return fail(offset, QStringLiteral("%1 @%2: cannot read the file %3 (%4)")
                                    .arg(option, name, QDir::toNativeSeparators(path), file.errorString()));
        *content = file.readAll();
        return true;
    }

    // The URL as curl would read it: http:// when no scheme, no #fragment, the --url-query and
    // (-G) data parts appended to the query.
    bool finishUrl()
    {
        if (m_urlText.isEmpty())
            return fail(m_lexer.text().size(),
                        QStringLiteral("no URL: the command does not say where to send the request"));
        QString fullUrl = m_urlText.trimmed();
        static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://"));
        if (!scheme.match(fullUrl).hasMatch()) {
            fullUrl.prepend(QStringLiteral("http://"));
            m_command.warnings << QStringLiteral("The URL has no scheme; curl would use http://, the API needs "
                                                 "https://.");
        }
        QUrl url(fullUrl, QUrl::TolerantMode);
        if (!url.isValid() || url.host().isEmpty())
            return fail(m_urlOffset, QStringLiteral("“%1” is not a usable URL%2")
                                         .arg(Redactor::redactText(m_urlText.left(80)),
                                              url.isValid() ? QStringLiteral(" (no host name)")
                                                            : QStringLiteral(": ") + url.errorString()));
        if (url.hasFragment()) {
            // curl never sends the #fragment; a '#' meant as data must be written %23.
            m_command.warnings << QStringLiteral("The URL's #fragment (“%1”) is not sent by curl; it was dropped.")
                                      .arg(Redactor::redactText(url.fragment().left(40)));
            url.setFragment(QString());
        }
        const QString urlScheme = url.scheme().toLower();
        if (urlScheme != QLatin1String("http") && urlScheme != QLatin1String("https"))
            return fail(m_urlOffset,
                        QStringLiteral("the URL uses %1://; the API is reached over https://").arg(urlScheme));
        QStringList queryAdditions = m_queryAdditions;
        if (m_get && !m_dataParts.isEmpty())
            queryAdditions << QString::fromUtf8(joinedData());
        if (!queryAdditions.isEmpty()) {
            QString query = url.query(QUrl::FullyEncoded);
            for (const QString& addition : std::as_const(queryAdditions))
                query += (query.isEmpty() ? QString() : QStringLiteral("&")) + addition;
            url.setQuery(query, QUrl::TolerantMode);
        }
        if (m_get && !m_dataParts.isEmpty())
            m_command.warnings << QStringLiteral("-G moves the data into the URL and sends a GET; the API expects it "
                                                 "as the JSON body of a POST.");
        m_command.url = url;
        return true;
    }

    // The data parts as curl joins them: with '&', except --json parts.
    QByteArray joinedData() const
    {
        QByteArray body;
        for (qsizetype k = 0; k < m_dataParts.size(); ++k) {
            if (k > 0 && !m_dataIsJson)
                body += '&';
            body += m_dataParts.at(k);
        }
        return body;
    }

    void finishBody()
    {
        m_command.hasBody = !m_dataParts.isEmpty() && !m_get;
        m_command.body = m_command.hasBody ? joinedData() : QByteArray();
        if (!m_dataIsJson)
            return;
        for (const QString& name : {QStringLiteral("Content-Type"), QStringLiteral("Accept")}) {
            if (!hasHeader(name))
                m_command.headers.append({name, QStringLiteral("application/json")});
        }
    }

    bool hasHeader(const QString& name) const
    {
        for (const CurlCommand::Header& h : std::as_const(m_command.headers)) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }

    void finishMethod()
    {
        if (!m_explicitMethod.isEmpty()) {
            m_command.method = m_explicitMethod;
            m_command.methodExplicit = true;
        } else if (m_head) {
            m_command.method = QStringLiteral("HEAD");
        } else if (m_get) {
            m_command.method = QStringLiteral("GET");
        } else if (m_upload) {
            m_command.method = QStringLiteral("PUT");
        } else if (m_command.hasBody) {
            m_command.method = QStringLiteral("POST");
        } else {
            m_command.method = QStringLiteral("GET");
        }
    }

    const ShellLexer& m_lexer;
    const CurlCommand::Options& m_options;
    CurlCommand::ParseError* m_error;
    CurlCommand m_command;
    QList<QByteArray> m_dataParts;
    bool m_dataIsJson = false;
    bool m_get = false;
    bool m_head = false;
    bool m_upload = false;
    QString m_urlText;
    qsizetype m_urlOffset = -1;
    QString m_explicitMethod;
    QStringList m_queryAdditions;
};
} // namespace

std::optional<CurlCommand> CurlCommand::parse(const QString& text, ParseError* error)
{
    return parse(text, error, Options());
}

std::optional<CurlCommand> CurlCommand::parse(const QString& text, ParseError* error, const Options& options)
{
    ParseError ignored;
    ParseError* err = error ? error : &ignored;
    const ShellLexer lexer(text);
    std::optional<ShellLexer::Words> words = lexer.split(err);
    if (!words)
        return std::nullopt;
    return Parser(lexer, options, err).parse(std::move(*words));
}

CurlCommand CurlCommand::fromRequest(const ApiRequest& request)
{
    CurlCommand command;
    command.url = request.url();
    command.method = QStringLiteral("POST");
    const QList<ApiRequest::Header> headers = request.effectiveHeaders();
    for (const ApiRequest::Header& header : headers) {
        // Our own User-Agent is noise for whoever receives the command.
        if (header.first.compare("User-Agent", Qt::CaseInsensitive) == 0 && request.header("User-Agent").isEmpty())
            continue;
        command.headers.append({QString::fromLatin1(header.first), QString::fromUtf8(header.second)});
    }
    command.body = request.body;
    command.hasBody = true;
    return command;
}

QString CurlCommand::toCommandLine(Secret secret) const
{
    const bool redact = secret == Secret::Redacted;
    QStringList parts;
    parts << QStringLiteral("curl ") +
                 ShellLexer::quote(redact ? Redactor::redactEncodedUrl(url) : url.toString(QUrl::FullyEncoded));
    const QString implied = hasBody ? QStringLiteral("POST") : QStringLiteral("GET");
    if (method != implied)
        parts << QStringLiteral("-X ") + ShellLexer::word(redact ? Redactor::redactText(method) : method);
    for (const Header& header : headers) {
        const QString line = header.second.isEmpty() ? header.first + QLatin1Char(';')
                                                     : header.first + QStringLiteral(": ") + header.second;
        parts << QStringLiteral("-H ") + ShellLexer::quote(redact ? Redactor::redactText(line) : line);
    }
    if (hasBody) {
        const QString text = QString::fromUtf8(body);
        parts << QStringLiteral("--data-raw ") + ShellLexer::quote(redact ? Redactor::redactText(text) : text);
    }
    return parts.join(QStringLiteral(" \\\n  "));
}

QUrl CurlCommand::endpoint() const
{
    QUrl result = url;
    QStringList kept;
    const QString query = url.query(QUrl::FullyEncoded);
    const QStringList items = query.split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString& item : items) {
        const QString name = QUrl::fromPercentEncoding(item.section(QLatin1Char('='), 0, 0).toUtf8());
        if (!isCredentialName(name, "accountID") && !isCredentialName(name, "secretKey"))
            kept << item;
    }
    result.setQuery(kept.isEmpty() ? QString() : kept.join(QLatin1Char('&')), QUrl::StrictMode);
    return result;
}

namespace {
QString queryValue(const QUrl& url, const char* name)
{
    const QString query = url.query(QUrl::FullyEncoded);
    const QStringList items = query.split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString& item : items) {
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const QString itemName = QUrl::fromPercentEncoding(item.left(eq < 0 ? item.size() : eq).toUtf8());
        if (isCredentialName(itemName, name)) {
            // '+' in a query value means a space to form decoders, but the API receives keys
            // that contain '+' as is from most clients; keep it literal.
            return eq < 0 ? QString() : QUrl::fromPercentEncoding(item.mid(eq + 1).toUtf8());
        }
    }
    return QString();
}
} // namespace

QString CurlCommand::accountId() const
{
    return queryValue(url, "accountID");
}

QString CurlCommand::secretKey() const
{
    const QString value = queryValue(url, "secretKey");
    return Redactor::isMask(value) ? QString() : value;
}

bool CurlCommand::secretRedacted() const
{
    return Redactor::isMask(queryValue(url, "secretKey"));
}

QByteArray CurlCommand::header(const QString& name) const
{
    QByteArray value;
    for (const Header& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            value = h.second.toUtf8();
    }
    return value;
}

ApiRequest CurlCommand::toRequest(QStringList* notes) const
{
    QStringList n;
    ApiRequest request;
    request.endpoint = endpoint();
    request.accountId = accountId();
    request.secretKey = secretKey();
    request.body = body;
    if (secretRedacted())
        n << QStringLiteral("The secret key in the command was redacted (•••): enter the real key before sending.");
    if (method != QLatin1String("POST"))
        n << QStringLiteral("The command uses %1; the API only answers POST, so it will be sent as POST.").arg(method);

    // A legacy `header` object in the body may carry the secret too; it belongs in the secret
    // field, never in a draft or a file.
    if (auto envelope = RequestEnvelope::parse(body)) {
        QStringList paths;
        const std::optional<QString> found = envelope->takeSecrets(&paths);
        if (!paths.isEmpty()) {
            request.body = envelope->toJson(QJsonDocument::Compact);
            if (found && request.secretKey.isEmpty() && !Redactor::isMask(*found)) {
                request.secretKey = *found;
                n << QStringLiteral("The body carried the secret key (%1); it was moved to the secret field.")
                         .arg(paths.join(QStringLiteral(", ")));
            } else {
                n << QStringLiteral("The body carried a secret key (%1); it was removed from the body.")
                         .arg(paths.join(QStringLiteral(", ")));
            }
        }
    }

    for (const Header& h : headers) {
        if (!HeaderLines::isTransportHeader(h.first))
            request.headers.append({h.first.toLatin1(), h.second.toUtf8()});
    }
    if (notes)
        *notes = n;
    return request;
}

bool CurlCommand::sameRequestAs(const CurlCommand& other) const
{
    // The URL as it is sent: QUrl's own == tells a raw U+FFFF from its percent-encoded form,
    // which go out as the same bytes.
    return method == other.method && url.toEncoded() == other.url.toEncoded() && headers == other.headers &&
           hasBody == other.hasBody && body == other.body;
}
