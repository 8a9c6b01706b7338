#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class Cli;

// Shell completion scripts for bash, zsh and fish, generated from the commands' own documentation
// (CliCommand::doc() and synopsis()), so that completions offer exactly what --help and the man
// page describe. The build writes them and the package installs them.
class ShellCompletion
{
public:
    struct Option
    {
        QString name;                // "--env"
        QString value;               // "NAME", "FILE", "code|method|day|env"; empty for a flag
        QString description;         // one line
        QStringList choices() const; // the words of a|b|c, else empty
        bool takesFile() const { return value == QLatin1String("FILE"); }
    };
    struct Command
    {
        QString name;        // "history" or "history show"
        QString description; // one line
        QList<Option> options;
        QStringList verbs;       // subcommands ("show", "diff", "prune")
        bool takesFiles = false; // positional FILE|-
    };

    explicit ShellCompletion(const Cli& cli);

    QList<Command> commands() const { return m_commands; }
    QString bash() const;
    QString zsh() const;
    QString fish() const;

private:
    QList<Command> m_commands;
};
