#include "ByteSize.h"

#include <QLocale>

QString ByteSize::text(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}
