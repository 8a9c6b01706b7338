#pragma once

#include "BulkOptions.h"
#include "CliCommand.h"
#include "ProxyConfig.h"

#include <QJsonObject>
#include <QUrl>

#include <optional>

struct CallCapture;
struct Environment;

// `leadgen-diag send FILE|- [--env NAME | --endpoint URL] [--account ID] [--secret-env VAR]
//  [--timeout MS] [--json]` (docs/design.md, Command line).
//
// Sends a request file (or a bare envelope) through ApiClient and reports the capture: status,
// timings, response and, when no HTTP response came, the failing layer with its explanation.
// Environments come from the GUI's settings; without --env/--endpoint the request goes to an
// in-process simulator with its demo credentials. The secret key comes only from the environment
// variable named by --secret-env or from the keychain, never from the command line, and is never
// printed. Exit status: 0 nothing wrong, 1 errors found, 2 usage or input problem, 3 no HTTP
// response.
class SendCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("send"); }
    QString synopsis() const override
    {
        return QStringLiteral(
            "send FILE|- [--env NAME | --endpoint URL] [--account ID] [--secret-env VAR] [--timeout MS] "
            "[--proxy URL] [--cacert FILE] [--json] "
            "[--all-pages [--max-pages N] [--resume-offset N]] [--split N] [--csv FILE | --jsonl FILE] [--excel] "
            "[--rate N] [--retries N] [--quiet] [--yes] | send --objects-csv FILE --method M [--results-csv OUT] "
            "[--split N] [--strict]");
    }
    int run(const QStringList& args, CliIo& io) override;
    CliCommandDoc doc() const override;

    struct Options
    {
        QString input;
        QString environment;
        QString endpoint;
        QString account;
        QString secretVariable;
        int timeoutMs = 30000;
        bool json = false;
        ProxyConfig proxy;              // Mode::System unless --proxy
        QStringList caCertificateFiles; // --cacert, in order
        BulkOptions bulk;               // docs/design.md, Bulk work
    };
    // Parses the arguments; on failure returns nullopt with a one-line message.
    static std::optional<Options> parseArguments(const QStringList& args, QString* error);
};
