#include "CliCommand.h"

#include "JsonIndex.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QtGlobal>

std::unique_ptr<QIODevice> CliCommand::openStdin(CliIo& io)
{
    std::unique_ptr<QIODevice> device = io.openStdin ? io.openStdin() : nullptr;
    if (!device) {
        auto empty = std::make_unique<QBuffer>();
        empty->open(QIODevice::ReadOnly);
        device = std::move(empty);
    }
    return device;
}

std::optional<QByteArray> CliCommand::readInput(const QString& pathOrDash, CliIo& io, qint64 maxSize)
{
    const bool isStdin = pathOrDash == QLatin1String("-");
    const QString shown = isStdin ? QStringLiteral("standard input") : pathOrDash;
    const auto fail = [&](const QString& why) -> std::optional<QByteArray> {
        io.err << "leadgen-diag: cannot read " << shown << ": " << why << Qt::endl;
        return std::nullopt;
    };
    std::unique_ptr<QIODevice> device;
    if (isStdin) {
        device = openStdin(io);
    } else {
        const QFileInfo info(pathOrDash);
        if (info.isDir())
            return fail(QStringLiteral("it is a directory"));
        auto file = std::make_unique<QFile>(pathOrDash);
        if (!file->open(QIODevice::ReadOnly))
            return fail(file->errorString());
        if (info.isFile() && !file->isSequential() && file->size() > maxSize)
            return fail(QStringLiteral("%1 bytes is larger than the %2-byte limit %3")
                            .arg(file->size())
                            .arg(maxSize)
                            .arg(maxSizeHint(maxSize)));
        device = std::move(file);
    }
    // Chunk by chunk with the bound checked as it grows: the size of a device or pipe is unknown.
    constexpr qint64 kChunk = 1 << 20;
    QByteArray bytes;
    for (;;) {
        const qint64 room = qMin(kChunk, maxSize + 1 - bytes.size());
        const qsizetype at = bytes.size();
        bytes.resize(at + room);
        const qint64 n = device->read(bytes.data() + at, room);
        if (n < 0)
            return fail(device->errorString());
        bytes.resize(at + n);
        if (bytes.size() > maxSize)
            return fail(
                QStringLiteral("it is larger than the %1-byte limit %2").arg(maxSize).arg(maxSizeHint(maxSize)));
        if (n == 0)
            return bytes;
    }
}

std::optional<qint64> CliCommand::parseSize(const QString& text)
{
    QString digits = text.trimmed().toUpper();
    qint64 unit = 1;
    if (digits.endsWith(QLatin1Char('B')))
        digits.chop(1);
    if (digits.endsWith(QLatin1Char('K')) || digits.endsWith(QLatin1Char('M')) || digits.endsWith(QLatin1Char('G'))) {
        unit = digits.endsWith(QLatin1Char('K')) ? 1 << 10 : digits.endsWith(QLatin1Char('M')) ? 1 << 20 : 1 << 30;
        digits.chop(1);
    }
    bool ok = false;
    const qint64 value = digits.toLongLong(&ok);
    // 4G is accepted and means the index's own maximum (4 GiB - 2 bytes).
    if (!ok || value <= 0 || value > (JsonIndex::maxDocumentSize() + 2) / unit)
        return std::nullopt;
    return qMin(value * unit, JsonIndex::maxDocumentSize());
}

QString CliCommand::maxSizeHint(qint64 maxSize)
{
    Q_UNUSED(maxSize)
    return QStringLiteral("(set by --max-size, default 1G; it can be raised up to --max-size 4G)");
}

int CliCommand::usageError(CliIo& io, const QString& command, const QString& message)
{
    io.err << "leadgen-diag " << command << ": " << message << " (see leadgen-diag --help)" << Qt::endl;
    return ExitUsage;
}

int CliCommand::terminalWidth()
{
    bool ok = false;
    const int columns = qEnvironmentVariableIntValue("COLUMNS", &ok);
    // Very narrow values make every line a single word; very wide ones are not a terminal.
    return ok && columns >= 30 && columns <= 1000 ? columns : 100;
}

QString CliCommand::helpText() const
{
    const CliCommandDoc d = doc();
    QString text = QStringLiteral("Usage: leadgen-diag ") + synopsis() + QLatin1Char('\n');
    if (!d.summary.isEmpty())
        text += QLatin1Char('\n') + d.summary + QLatin1Char('\n');
    const auto appendOptions = [&text](const QList<CliOptionDoc>& options, const QString& indent) {
        for (const CliOptionDoc& option : options) {
            text += indent + option.flags + QLatin1Char('\n');
            QString description = option.description;
            if (!option.defaultValue.isEmpty())
                description += QStringLiteral(" (default: ") + option.defaultValue + QLatin1Char(')');
            text += indent + QStringLiteral("    ") + description + QLatin1Char('\n');
        }
    };
    if (!d.options.isEmpty()) {
        text += QStringLiteral("\nOptions:\n");
        appendOptions(d.options, QStringLiteral("  "));
    }
    // Each verb's block starts with "Subcommand: " so a reader (and tst_clidocs) can tell whose
    // options follow.
    for (const CliSubcommandDoc& sub : d.subcommands) {
        text += QStringLiteral("\nSubcommand: leadgen-diag ") + sub.usage + QLatin1Char('\n');
        if (!sub.summary.isEmpty())
            text += QStringLiteral("  ") + sub.summary + QLatin1Char('\n');
        if (!sub.options.isEmpty()) {
            text += QStringLiteral("  Options:\n");
            appendOptions(sub.options, QStringLiteral("    "));
        }
    }
    if (!d.examples.isEmpty()) {
        text += QStringLiteral("\nExamples:\n");
        for (const QString& example : d.examples)
            text += QStringLiteral("  leadgen-diag ") + example + QLatin1Char('\n');
    }
    return text;
}
