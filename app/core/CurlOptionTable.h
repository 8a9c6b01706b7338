#pragma once

#include <QChar>
#include <QString>
#include <QStringView>

#include <cstddef>

// The curl options a pasted command realistically contains: long and short names, whether they
// take a value, and what the importer does with them (CurlCommand). Aliases share an action
// (--data-ascii reads like -d). Options that change nothing for the request (-s, -v, -o FILE)
// are listed so they can be skipped with their value; anything not listed is an error.
class CurlOptionTable
{
public:
    enum class Action
    {
        Url,
        Method,
        Header,
        Data,       // -d, --data, --data-ascii: @file with CR/LF removed
        DataRaw,    // no @file
        DataBinary, // @file as is
        DataUrlencode,
        Json,
        Get,
        Head,
        Upload,
        UserAgent,
        Referer,
        UrlQuery,
        Form,
        Insecure,
        BasicAuth,
        SecretOption, // credentials for something else: value dropped, warning
        Proxy,
        Location,
        Ignore,
    };

    struct Option
    {
        const char* longName;
        char shortName; // 0 = none
        Action action;
        bool takesValue;

        // "-d" (short, when it has one) or "--data".
        QString label(bool useShort) const;
    };

    static const Option* byLong(QStringView name); // without the leading "--"
    static const Option* byShort(QChar c);
    // What a positional argument is read as.
    static const Option& url();

    static const Option* begin();
    static const Option* end();
};
