#include "Cli.h"
#include "CliRun.h"
#include "ShellCompletion.h"
#include "TestPaths.h"
#include "TestSupport.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

// Help, manual page and shell completions describe the same options: for every command and
// subcommand ("history show"), the option flags printed by `leadgen-diag COMMAND --help` are
// those of the man page's subsection for it, those of the synopsis, and those the completions
// offer. A new option documented in one place only fails here.
namespace {
using Sections = QMap<QString, QSet<QString>>; // "send" / "history show" -> {"--env", ...}

const QRegularExpression& flagPattern()
{
    static const QRegularExpression pattern(QStringLiteral("--[a-z][a-z0-9-]*"));
    return pattern;
}

QSet<QString> flagsIn(const QString& text)
{
    QSet<QString> flags;
    for (const QRegularExpressionMatch& match : flagPattern().globalMatch(text))
        flags.insert(match.captured());
    return flags;
}

// The options of `COMMAND --help`, per command and per "Subcommand:" block.
Sections helpOptions(const QString& command)
{
    const TestSupport::CliRun run = TestSupport::runCli({command, QStringLiteral("--help")});
    [&] { QCOMPARE(run.status, 0); }();
    Sections sections;
    QString section = command;
    sections[section];
    static const QRegularExpression optionLine(QStringLiteral("^\\s+(--[a-z][a-z0-9-]*)"));
    for (const QString& line : run.out.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("Subcommand: leadgen-diag "))) {
            section = line.section(QLatin1Char(' '), 2, 3);
            sections[section];
        } else if (line.startsWith(QLatin1String("Examples:"))) {
            section.clear();
        } else if (const QRegularExpressionMatch match = optionLine.match(line);
                   match.hasMatch() && !section.isEmpty()) {
            sections[section].insert(match.captured(1));
        }
    }
    return sections;
}

// The man page's options: the flags on the line after each .TP, per .SS subsection of COMMANDS.
Sections manOptions(const QString& path)
{
    QFile file(path);
    [&] { QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path)); }();
    Sections sections;
    QString section;
    bool inCommands = false;
    bool entryHead = false;
    for (QString line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'))) {
        line.replace(QLatin1String("\\-"), QLatin1String("-"));
        if (line.startsWith(QLatin1String(".SH "))) {
            inCommands = line == QLatin1String(".SH COMMANDS");
            section.clear();
        } else if (inCommands && line.startsWith(QLatin1String(".SS "))) {
            section = line.mid(4).remove(QLatin1Char('"')).trimmed();
            sections[section];
        } else if (line == QLatin1String(".TP")) {
            entryHead = true;
            continue;
        } else if (entryHead && !section.isEmpty()) {
            const QRegularExpressionMatch match = flagPattern().match(line);
            if (match.hasMatch())
                sections[section].insert(match.captured());
        }
        entryHead = false;
    }
    return sections;
}

QString listed(const QSet<QString>& flags)
{
    QStringList list = flags.values();
    list.sort();
    return list.join(QLatin1Char(' '));
}

// What bash offers for `leadgen-diag WORDS...`, completing the last word.
QStringList bashOffers(const QString& script, const QStringList& words)
{
    QStringList quoted;
    for (const QString& word : words)
        quoted << QLatin1Char('\'') + word + QLatin1Char('\'');
    QProcess bash;
    bash.start(QStringLiteral("bash"), {QStringLiteral("-c"),
                                        QStringLiteral("source \"$0\"; COMP_WORDS=(leadgen-diag %1); "
                                                       "COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _leadgen_diag; "
                                                       "printf '%s\\n' \"${COMPREPLY[@]}\"")
                                            .arg(quoted.join(QLatin1Char(' '))),
                                        script});
    [&] {
        QVERIFY(bash.waitForFinished(30000));
        QCOMPARE(bash.exitCode(), 0);
    }();
    QStringList offers = QString::fromUtf8(bash.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    offers.sort();
    return offers;
}

QString bashScript(const QTemporaryDir& dir)
{
    return TestSupport::writeFile(dir.path(), QStringLiteral("leadgen-diag"), ShellCompletion(Cli()).bash().toUtf8());
}
} // namespace

class TestCliDocs : public QObject
{
    Q_OBJECT

private slots:
    void helpAndManPageAgree_data()
    {
        QTest::addColumn<QString>("command");
        for (const QString& name : Cli().commandNames())
            QTest::newRow(qPrintable(name)) << name;
    }
    void helpAndManPageAgree()
    {
        QFETCH(QString, command);
        const Sections help = helpOptions(command);
        const Sections man = manOptions(QStringLiteral(LEADGEN_SOURCE_DIR "/packaging/linux/leadgen-diag.1"));
        for (auto it = help.cbegin(); it != help.cend(); ++it) {
            QVERIFY2(man.contains(it.key()),
                     qPrintable(QStringLiteral("the man page has no subsection .SS \"%1\"").arg(it.key())));
            const QSet<QString> manFlags = man.value(it.key());
            QVERIFY2(manFlags == it.value(),
                     qPrintable(QStringLiteral("%1: only in --help: [%2]; only in the man page: [%3]")
                                    .arg(it.key(), listed(it.value() - manFlags), listed(manFlags - it.value()))));
        }
    }

    // No subsection of the man page describes a command or subcommand that does not exist.
    void manPageHasNoStaleSections()
    {
        Sections help;
        for (const QString& name : Cli().commandNames())
            help.insert(helpOptions(name));
        const Sections man = manOptions(QStringLiteral(LEADGEN_SOURCE_DIR "/packaging/linux/leadgen-diag.1"));
        for (auto it = man.cbegin(); it != man.cend(); ++it)
            QVERIFY2(help.contains(it.key()), qPrintable(QStringLiteral("stale man page section %1").arg(it.key())));
    }

    // The usage line names exactly the documented options, and each has words and an example.
    void synopsisMatchesDoc_data() { helpAndManPageAgree_data(); }
    void synopsisMatchesDoc()
    {
        QFETCH(QString, command);
        const Cli cli;
        const CliCommand* cmd = cli.command(command);
        QVERIFY(cmd);
        const CliCommandDoc doc = cmd->doc();
        QVERIFY(!doc.summary.isEmpty());
        QVERIFY(!doc.examples.isEmpty());
        QSet<QString> documented;
        QList<CliOptionDoc> options = doc.options;
        for (const CliSubcommandDoc& sub : doc.subcommands)
            options += sub.options;
        for (const CliOptionDoc& option : std::as_const(options)) {
            QVERIFY2(!option.description.isEmpty(), qPrintable(option.flags));
            QVERIFY2(!option.description.startsWith(QLatin1String("--")), qPrintable(option.flags));
            documented += flagsIn(option.flags.section(QLatin1Char(' '), 0, 0));
        }
        const QSet<QString> inSynopsis = flagsIn(cmd->synopsis());
        QVERIFY2(inSynopsis == documented,
                 qPrintable(QStringLiteral("only in the synopsis: [%1]; only in doc(): [%2]")
                                .arg(listed(inSynopsis - documented), listed(documented - inSynopsis))));
        for (const QString& example : doc.examples)
            QVERIFY2(example.startsWith(command + QLatin1Char(' ')) || example == command, qPrintable(example));
    }

    // bash completes exactly the options of --help (plus --help) for every command and subcommand.
    void bashCompletionOffersHelpOptions_data() { helpAndManPageAgree_data(); }
    void bashCompletionOffersHelpOptions()
    {
        QFETCH(QString, command);
        if (QStandardPaths::findExecutable(QStringLiteral("bash")).isEmpty())
            QSKIP("bash is not installed");
        QTemporaryDir dir;
        const QString script = bashScript(dir);
        const Sections help = helpOptions(command);
        for (auto it = help.cbegin(); it != help.cend(); ++it) {
            QStringList expected = (it.value() + QSet<QString>{QStringLiteral("--help")}).values();
            expected.sort();
            const QStringList offered = bashOffers(script, it.key().split(QLatin1Char(' ')) << QStringLiteral("--"));
            QVERIFY2(offered == expected,
                     qPrintable(QStringLiteral("%1: bash offers [%2], --help lists [%3]")
                                    .arg(it.key(), offered.join(QLatin1Char(' ')), expected.join(QLatin1Char(' ')))));
        }
    }

    void bashCompletesValues_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("stats --by") << QStringList{QStringLiteral("stats"), QStringLiteral("--by"), QString()}
                                    << QStringList{QStringLiteral("code"), QStringLiteral("day"), QStringLiteral("env"),
                                                   QStringLiteral("method")};
        QTest::newRow("sim --batch-shape")
            << QStringList{QStringLiteral("sim"), QStringLiteral("--batch-shape"), QStringLiteral("o")}
            << QStringList{QStringLiteral("observed")};
        QTest::newRow("history verbs") << QStringList{QStringLiteral("history"), QString()}
                                       << QStringList{QStringLiteral("diff"), QStringLiteral("export-har"),
                                                      QStringLiteral("prune"), QStringLiteral("show")};
        QTest::newRow("history prune options")
            << QStringList{QStringLiteral("history"), QStringLiteral("prune"), QStringLiteral("--")}
            << QStringList{QStringLiteral("--help"), QStringLiteral("--keep-days"), QStringLiteral("--max-mb")};
        // A free-form value (an environment name, a number): nothing, rather than option names.
        QTest::newRow("send --env") << QStringList{QStringLiteral("send"), QStringLiteral("--env"), QString()}
                                    << QStringList();
        QTest::newRow("history --code") << QStringList{QStringLiteral("history"), QStringLiteral("--code"), QString()}
                                        << QStringList();
    }
    void bashCompletesValues()
    {
        QFETCH(QStringList, words);
        QFETCH(QStringList, expected);
        if (QStandardPaths::findExecutable(QStringLiteral("bash")).isEmpty())
            QSKIP("bash is not installed");
        QTemporaryDir dir;
        QCOMPARE(bashOffers(bashScript(dir), words), expected);
    }

    // fish completes exactly the options of --help for every command and subcommand.
    void fishCompletionOffersHelpOptions_data() { helpAndManPageAgree_data(); }
    void fishCompletionOffersHelpOptions()
    {
        QFETCH(QString, command);
        if (QStandardPaths::findExecutable(QStringLiteral("fish")).isEmpty())
            QSKIP("fish is not installed (scripts/setup.sh installs it)");
        QTemporaryDir dir;
        const QString script = TestSupport::writeFile(dir.path(), QStringLiteral("leadgen-diag.fish"),
                                                      ShellCompletion(Cli()).fish().toUtf8());
        const Sections help = helpOptions(command);
        for (auto it = help.cbegin(); it != help.cend(); ++it) {
            QProcess fish;
            fish.start(QStringLiteral("fish"),
                       {QStringLiteral("--no-config"), QStringLiteral("-c"),
                        QStringLiteral("source $argv[1]; complete -C 'leadgen-diag %1 --'").arg(it.key()), script});
            QVERIFY(fish.waitForFinished(30000));
            QSet<QString> offered;
            for (const QString& line :
                 QString::fromUtf8(fish.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                offered.insert(line.section(QLatin1Char('\t'), 0, 0));
            QVERIFY2(offered == it.value(), qPrintable(QStringLiteral("%1: fish offers [%2], --help lists [%3]")
                                                           .arg(it.key(), listed(offered), listed(it.value()))));
        }
    }

    // zsh and fish parse their scripts (`-n`: syntax only), and each names every option.
    void zshAndFishScriptsParse_data()
    {
        QTest::addColumn<QString>("shell");
        QTest::newRow("zsh") << QStringLiteral("zsh");
        QTest::newRow("fish") << QStringLiteral("fish");
    }
    void zshAndFishScriptsParse()
    {
        QFETCH(QString, shell);
        const ShellCompletion completion{Cli()};
        const QString script = shell == QLatin1String("zsh") ? completion.zsh() : completion.fish();
        for (const ShellCompletion::Command& command : completion.commands()) {
            for (const ShellCompletion::Option& option : command.options) {
                const QString needle = shell == QLatin1String("zsh") ? option.name + QLatin1Char('[')
                                                                     : QStringLiteral("-l ") + option.name.mid(2);
                QVERIFY2(script.contains(needle), qPrintable(command.name + QLatin1Char(' ') + option.name));
            }
        }
        if (QStandardPaths::findExecutable(shell).isEmpty())
            QSKIP("the shell is not installed (scripts/setup.sh installs it)");
        QTemporaryDir dir;
        const QString path = TestSupport::writeFile(dir.path(), QStringLiteral("completion"), script.toUtf8());
        QProcess process;
        process.start(shell, {QStringLiteral("-n"), path});
        QVERIFY(process.waitForFinished(30000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    }
};

QTEST_GUILESS_MAIN(TestCliDocs)
#include "tst_clidocs.moc"
