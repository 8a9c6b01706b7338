#pragma once

#include <QIODevice>
#include <QStringDecoder>

class QTextStream;

// The CLI's single output choke point (Cli::run puts one in front of stdout and one in front of
// stderr): every character a command writes passes through TerminalText::escape on its way to
// the real stream, so text taken from a response or a request (messages, HTML titles, ids,
// method names) cannot move the cursor, retitle the window or reorder what is shown. Written by a
// QTextStream in UTF-8; a character split across two writes is decoded when it is complete.
class TerminalOutput : public QIODevice
{
public:
    explicit TerminalOutput(QTextStream& target);
    ~TerminalOutput() override;

    bool isSequential() const override { return true; }

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 size) override;

private:
    QTextStream& m_target;
    QStringDecoder m_decoder{QStringDecoder::Utf8};
};
