#pragma once

#include "ApiRequest.h"

#include <QList>
#include <QString>

// Extra request headers as the composer edits them: one "Name: value" a line; blank lines and
// lines starting with '#' are ignored. Parsing checks what would make the call misleading or
// unsafe (a malformed or repeated name, a header the network layer owns, credentials, the secret
// key in a value) and reports each problem with its line, so nothing typed is silently dropped.
class HeaderLines
{
public:
    struct Problem
    {
        int line = 0; // 1-based
        QString message;
        QString toString() const; // "line 2: ..."
    };

    struct Result
    {
        QList<ApiRequest::Header> headers; // the valid lines, in order
        QList<Problem> problems;
        bool ok() const { return problems.isEmpty(); }
    };

    // secretKey: the secret of the call; a value containing it is a problem (the secret goes only
    // in the query string, never in a header, a draft or a file).
    static Result parse(const QString& text, const QString& secretKey = QString());
    static QString format(const QList<ApiRequest::Header>& headers);

    // An RFC 9110 token: letters, digits and !#$%&'*+-.^_`|~.
    static bool isValidName(const QString& name);
    // Set by the network layer from the request itself (Content-Length, Host, ...).
    static bool isTransportHeader(const QString& name);
    // accountID / secretKey: they belong in the query string (docs/design.md, The API in brief).
    static bool isCredentialName(const QString& name);
    // Exactly one of the headers ApiClient sends anyway (Content-Type: application/json, ...):
    // importing one adds nothing.
    static bool isDefault(const ApiRequest::Header& header);
};
