#include "ShellCompletion.h"

#include "Cli.h"

#include <QRegularExpression>

namespace {
const QString kHeader = QStringLiteral("generated from leadgen-diag's own --help texts by the build; do not edit");

// The first clause of a description, on one line, short enough for a completion menu.
QString oneLine(const QString& text)
{
    QString line = text.simplified();
    static const QRegularExpression end(QStringLiteral("[.:;](\\s|$)| \\(|, "));
    const QRegularExpressionMatch match = end.match(line);
    if (match.hasMatch())
        line.truncate(match.capturedStart());
    if (line.size() > 70)
        line = line.left(69) + QChar(0x2026);
    return line;
}

QList<ShellCompletion::Option> optionsOf(const QList<CliOptionDoc>& docs)
{
    QList<ShellCompletion::Option> options;
    for (const CliOptionDoc& doc : docs) {
        const QString name = doc.flags.section(QLatin1Char(' '), 0, 0);
        // "--" (end of options) is not something to complete.
        if (name.size() <= 2)
            continue;
        options.append({name, doc.flags.section(QLatin1Char(' '), 1).trimmed(), oneLine(doc.description)});
    }
    return options;
}

QString names(const QList<ShellCompletion::Option>& options, bool valuedOnly)
{
    QStringList list;
    for (const ShellCompletion::Option& option : options) {
        if (!valuedOnly || !option.value.isEmpty())
            list << option.name;
    }
    if (!valuedOnly)
        list << QStringLiteral("--help");
    return list.join(QLatin1Char(' '));
}

QString singleQuoted(QString text)
{
    return QLatin1Char('\'') + text.replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
}
} // namespace

QStringList ShellCompletion::Option::choices() const
{
    // "code|method|day|env" lists the words to type; "N|KEY" names two kinds of value.
    return value.contains(QLatin1Char('|')) && value == value.toLower() ? value.split(QLatin1Char('|')) : QStringList();
}

ShellCompletion::ShellCompletion(const Cli& cli)
{
    for (const QString& name : cli.commandNames()) {
        const CliCommand* command = cli.command(name);
        const CliCommandDoc doc = command->doc();
        Command entry;
        entry.name = name;
        entry.description = oneLine(doc.summary);
        entry.options = optionsOf(doc.options);
        // "inspect FILE|- ...": the positional argument is a file.
        entry.takesFiles = command->synopsis().section(QLatin1Char(' '), 1, 1).startsWith(QLatin1String("FILE"));
        QList<Command> subcommands;
        for (const CliSubcommandDoc& sub : doc.subcommands) {
            const QString verb = sub.usage.section(QLatin1Char(' '), 1, 1);
            entry.verbs << verb;
            subcommands.append(
                {name + QLatin1Char(' ') + verb, oneLine(sub.summary), optionsOf(sub.options), {}, false});
        }
        m_commands.append(entry);
        m_commands.append(subcommands);
    }
}

QString ShellCompletion::bash() const
{
    QString topLevel;
    QString perCommand;
    QString values;
    for (const Command& command : m_commands) {
        if (!command.name.contains(QLatin1Char(' ')))
            topLevel += command.name + QLatin1Char(' ');
        perCommand += QStringLiteral("        \"%1\") opts=\"%2\" valued=\"%3\" verbs=\"%4\" files=%5 ;;\n")
                          .arg(command.name, names(command.options, false), names(command.options, true),
                               command.verbs.join(QLatin1Char(' ')),
                               command.takesFiles ? QStringLiteral("1") : QStringLiteral("0"));
        for (const Option& option : command.options) {
            if (!option.choices().isEmpty())
                values += QStringLiteral("        \"%1:%2\") COMPREPLY=($(compgen -W \"%3\" -- \"$cur\")); return ;;\n")
                              .arg(command.name, option.name, option.choices().join(QLatin1Char(' ')));
            else if (option.takesFile())
                values += QStringLiteral("        \"%1:%2\") compopt -o filenames 2>/dev/null; "
                                         "COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n")
                              .arg(command.name, option.name);
        }
    }
    return QStringLiteral(
               "# bash completion for leadgen-diag (%1)\n"
               "# Sets opts, valued (options taking a value), verbs and files for one command.\n"
               "_leadgen_diag_command()\n"
               "{\n"
               "    opts=\"\" valued=\"\" verbs=\"\" files=0\n"
               "    case \"$1\" in\n%3"
               "        *) return 1 ;;\n"
               "    esac\n"
               "}\n"
               "_leadgen_diag()\n"
               "{\n"
               "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
               "    if [[ $COMP_CWORD -eq 1 ]]; then\n"
               "        if [[ $cur == -* ]]; then\n"
               "            COMPREPLY=($(compgen -W \"--help --version\" -- \"$cur\"))\n"
               "        else\n"
               "            compopt -o filenames 2>/dev/null\n"
               "            COMPREPLY=($(compgen -W \"%2\" -- \"$cur\") $(compgen -f -- \"$cur\"))\n"
               "        fi\n"
               "        return\n"
               "    fi\n"
               "    local command=${COMP_WORDS[1]} opts valued verbs files\n"
               "    _leadgen_diag_command \"$command\" || return\n"
               "    # A subcommand (history show) has options of its own.\n"
               "    if [[ -n $verbs && $COMP_CWORD -gt 2 && \" $verbs \" == *\" ${COMP_WORDS[2]} \"* ]]; then\n"
               "        command=\"$command ${COMP_WORDS[2]}\"\n"
               "        _leadgen_diag_command \"$command\" || return\n"
               "    fi\n"
               "    case \"$command:$prev\" in\n%4"
               "    esac\n"
               "    if [[ \" $valued \" == *\" $prev \"* ]]; then\n"
               "        COMPREPLY=()\n"
               "        return\n"
               "    fi\n"
               "    if [[ $cur == -* ]]; then\n"
               "        COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
               "    elif [[ -n $verbs && $COMP_CWORD -eq 2 ]]; then\n"
               "        COMPREPLY=($(compgen -W \"$verbs\" -- \"$cur\"))\n"
               "    elif [[ $files == 1 ]]; then\n"
               "        compopt -o filenames 2>/dev/null\n"
               "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
               "    fi\n"
               "}\n"
               "complete -F _leadgen_diag leadgen-diag\n")
        .arg(kHeader, topLevel.trimmed(), perCommand, values);
}

QString ShellCompletion::zsh() const
{
    // One _arguments spec per option: '--env[description]:NAME:' (a value) or '--json[description]'.
    const auto spec = [](const Option& option) {
        QString description = option.description;
        description.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
            .replace(QLatin1Char('['), QStringLiteral("\\["))
            .replace(QLatin1Char(']'), QStringLiteral("\\]"))
            .replace(QLatin1Char(':'), QStringLiteral("\\:"));
        QString text = option.name + QLatin1Char('[') + description + QLatin1Char(']');
        if (!option.value.isEmpty()) {
            QString action;
            if (!option.choices().isEmpty())
                action = QLatin1Char('(') + option.choices().join(QLatin1Char(' ')) + QLatin1Char(')');
            else if (option.takesFile())
                action = QStringLiteral("_files");
            text += QLatin1Char(':') + QString(option.value).replace(QLatin1Char(':'), QStringLiteral("\\:")) +
                    QLatin1Char(':') + action;
        }
        return singleQuoted(text);
    };
    QString commandList;
    QString cases;
    QStringList verbTests{QStringLiteral("false")};
    for (const Command& command : m_commands) {
        if (!command.verbs.isEmpty())
            verbTests << QStringLiteral("[[ $command == %1 && $words[2] == (%2) ]]")
                             .arg(command.name, command.verbs.join(QLatin1Char('|')));
        if (!command.name.contains(QLatin1Char(' '))) {
            QString description = command.description;
            commandList += QStringLiteral("        %1\n")
                               .arg(singleQuoted(command.name + QLatin1Char(':') +
                                                 description.replace(QLatin1Char(':'), QStringLiteral("\\:"))));
        }
        QStringList specs;
        for (const Option& option : command.options)
            specs << spec(option);
        if (command.takesFiles)
            specs << QStringLiteral("'1:file:_files'");
        if (!command.verbs.isEmpty())
            specs << singleQuoted(QStringLiteral("1::subcommand:(") + command.verbs.join(QLatin1Char(' ')) +
                                  QLatin1Char(')'));
        cases += QStringLiteral("        %1)\n            _arguments -s \\\n                %2\n            ;;\n")
                     .arg(singleQuoted(command.name), specs.join(QStringLiteral(" \\\n                ")));
    }
    return QStringLiteral("#compdef leadgen-diag\n"
                          "# zsh completion for leadgen-diag (%1)\n"
                          "_leadgen-diag() {\n"
                          "    local -a commands\n"
                          "    commands=(\n%2"
                          "    )\n"
                          "    if (( CURRENT == 2 )); then\n"
                          "        _describe -t commands 'leadgen-diag command' commands\n"
                          "        _files\n"
                          "        return\n"
                          "    fi\n"
                          "    local command=$words[2]\n"
                          "    shift words\n"
                          "    (( CURRENT-- ))\n"
                          "    # A subcommand (history show) has options of its own.\n"
                          "    if (( CURRENT > 2 )) && { %4 }; then\n"
                          "        command=\"$command $words[2]\"\n"
                          "        shift words\n"
                          "        (( CURRENT-- ))\n"
                          "    fi\n"
                          "    case $command in\n%3"
                          "    esac\n"
                          "}\n"
                          "_leadgen-diag \"$@\"\n")
        .arg(kHeader, commandList, cases, verbTests.join(QStringLiteral(" || ")));
}

QString ShellCompletion::fish() const
{
    QString text = QStringLiteral("# fish completion for leadgen-diag (%1)\n").arg(kHeader);
    QStringList topLevel;
    for (const Command& command : m_commands) {
        if (!command.name.contains(QLatin1Char(' ')))
            topLevel << command.name;
    }
    text += QStringLiteral("complete -c leadgen-diag -n __fish_use_subcommand -l help -d 'Print the usage'\n"
                           "complete -c leadgen-diag -n __fish_use_subcommand -l version -d 'Print the version'\n");
    for (const Command& command : m_commands) {
        const QString parent = command.name.section(QLatin1Char(' '), 0, 0);
        const QString verb = command.name.section(QLatin1Char(' '), 1, 1);
        QString condition;
        if (!verb.isEmpty()) {
            condition =
                QStringLiteral("__fish_seen_subcommand_from %1; and __fish_seen_subcommand_from %2").arg(parent, verb);
        } else {
            condition = QStringLiteral("__fish_seen_subcommand_from ") + command.name;
            text += QStringLiteral("complete -c leadgen-diag -f -n __fish_use_subcommand -a %1 -d %2\n")
                        .arg(command.name, singleQuoted(command.description));
        }
        if (!command.verbs.isEmpty()) {
            const QString verbs = command.verbs.join(QLatin1Char(' '));
            // The parent's own options only while no verb was typed.
            condition += QStringLiteral("; and not __fish_seen_subcommand_from ") + verbs;
            text += QStringLiteral("complete -c leadgen-diag -f -n %1 -a %2\n")
                        .arg(singleQuoted(condition), singleQuoted(verbs));
        }
        if (!command.takesFiles && verb.isEmpty())
            text += QStringLiteral("complete -c leadgen-diag -f -n %1\n").arg(singleQuoted(condition));
        for (const Option& option : command.options) {
            QString line =
                QStringLiteral("complete -c leadgen-diag -n %1 -l %2").arg(singleQuoted(condition), option.name.mid(2));
            if (!option.choices().isEmpty())
                line += QStringLiteral(" -x -a ") + singleQuoted(option.choices().join(QLatin1Char(' ')));
            else if (option.takesFile())
                line += QStringLiteral(" -r -F");
            else if (!option.value.isEmpty())
                line += QStringLiteral(" -x");
            text += line + QStringLiteral(" -d ") + singleQuoted(option.description) + QLatin1Char('\n');
        }
    }
    return text;
}
