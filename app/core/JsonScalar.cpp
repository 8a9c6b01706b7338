#include "JsonScalar.h"

#include <QVariant>

namespace JsonScalar {

QString text(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("1") : QStringLiteral("0");
    case QJsonValue::Double: {
        // The parser keeps a JSON integer that fits in 64 bits as an integer: print it exactly.
        const QVariant variant = value.toVariant();
        if (variant.typeId() == QMetaType::LongLong)
            return QString::number(variant.toLongLong());
        const double d = value.toDouble();
        // Integral doubles (1e3, 5.0) read as the integer they are; the range test comes first
        // (converting a double beyond qint64 is undefined).
        if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d, 'g', 15);
    }
    default:
        return QString();
    }
}

} // namespace JsonScalar
