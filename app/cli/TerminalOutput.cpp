#include "TerminalOutput.h"

#include "TerminalText.h"

#include <QTextStream>

TerminalOutput::TerminalOutput(QTextStream& target)
    : m_target(target)
{
    open(QIODevice::WriteOnly);
}

TerminalOutput::~TerminalOutput() = default;

qint64 TerminalOutput::readData(char* /*data*/, qint64 /*maxSize*/)
{
    return -1;
}

qint64 TerminalOutput::writeData(const char* data, qint64 size)
{
    const QString text = m_decoder.decode(QByteArrayView(data, size));
    m_target << TerminalText::escape(text);
    // The writing QTextStream buffers and only writes here when flushed (Qt::endl, flush()) or
    // full, so passing each write on at once keeps `sim`'s log lines timely.
    m_target.flush();
    return size;
}
