// Writes the bash, zsh and fish completion scripts of leadgen-diag into the directory given as
// the only argument. Run by the build (packaging/CMakeLists.txt); the package installs the output.
#include "Cli.h"
#include "ShellCompletion.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 2) {
        std::fputs("usage: generate-completions OUTPUT_DIR\n", stderr);
        return 2;
    }
    const QDir dir(args.at(1));
    const Cli cli;
    const ShellCompletion completion(cli);
    const QList<QPair<QString, QString>> files{
        {QStringLiteral("leadgen-diag"), completion.bash()},
        {QStringLiteral("_leadgen-diag"), completion.zsh()},
        {QStringLiteral("leadgen-diag.fish"), completion.fish()},
    };
    for (const auto& [name, text] : files) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text.toUtf8()) < 0) {
            std::fprintf(stderr, "generate-completions: %s: %s\n", qPrintable(file.fileName()),
                         qPrintable(file.errorString()));
            return 1;
        }
    }
    return 0;
}
