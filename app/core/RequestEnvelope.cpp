#include "RequestEnvelope.h"

#include <QJsonArray>
#include <QJsonParseError>
#include <QRandomGenerator>
#include <QStringList>

RequestEnvelope RequestEnvelope::make(const QString& method, const QJsonObject& params)
{
    RequestEnvelope envelope;
    envelope.setMethod(method);
    envelope.setParams(params);
    envelope.setId(generateId());
    return envelope;
}

QString RequestEnvelope::generateId()
{
    const quint64 value = QRandomGenerator::global()->generate64() & Q_UINT64_C(0xffffffffffff);
    return QStringLiteral("req-%1").arg(value, 12, 16, QLatin1Char('0'));
}

std::optional<RequestEnvelope> RequestEnvelope::parse(const QByteArray& body, QString* error)
{
    if (body.trimmed().isEmpty()) {
        if (error)
            *error = QStringLiteral("the request body is empty");
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (error) {
            *error = QStringLiteral("the request body is not valid JSON: %1 at %2")
                         .arg(parseError.errorString(), TextPosition::at(body, parseError.offset).toString());
        }
        return std::nullopt;
    }
    if (!document.isObject()) {
        if (error)
            *error =
                QStringLiteral("the request body is a JSON array, not the object {\"method\", \"params\", \"id\"}");
        return std::nullopt;
    }
    return RequestEnvelope(document.object());
}

QString RequestEnvelope::idText() const
{
    const QJsonValue value = id();
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d == static_cast<double>(static_cast<qint64>(d)))
            return QString::number(static_cast<qint64>(d));
        return QString::number(d, 'g', 17);
    }
    return QString();
}

namespace {
QJsonValue stripSecrets(const QJsonValue& value, const QString& path, QStringList* paths, std::optional<QString>* found)
{
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            array[i] = stripSecrets(array.at(i), path + QStringLiteral("[%1]").arg(i), paths, found);
        return array;
    }
    if (!value.isObject())
        return value;
    QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end();) {
        // Not only the exact name: " secretKey", "oldSecretKey" are where a customer's file may
        // carry the real key too, and no API parameter is named like that.
        if (it.key().trimmed().endsWith(QLatin1String("secretKey"), Qt::CaseInsensitive)) {
            const QString secret = it.value().toString();
            if (!found->has_value() && !secret.isEmpty())
                *found = secret;
            if (paths)
                paths->append(path + QLatin1Char('.') + it.key());
            it = object.erase(it);
        } else {
            it.value() = stripSecrets(it.value(), path + QLatin1Char('.') + it.key(), paths, found);
            ++it;
        }
    }
    return object;
}
} // namespace

std::optional<QString> RequestEnvelope::takeSecrets(QStringList* paths)
{
    std::optional<QString> found;
    m_object = stripSecrets(m_object, QStringLiteral("$"), paths, &found).toObject();
    return found;
}

QByteArray RequestEnvelope::toJson(QJsonDocument::JsonFormat format) const
{
    return QJsonDocument(m_object).toJson(format);
}

TextPosition TextPosition::at(const QByteArray& text, qsizetype offset)
{
    TextPosition position;
    const qsizetype end = qBound<qsizetype>(0, offset, text.size());
    for (qsizetype i = 0; i < end; ++i) {
        const char c = text.at(i);
        if (c == '\n') {
            ++position.line;
            position.column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            // Count characters, not UTF-8 continuation bytes.
            ++position.column;
        }
    }
    return position;
}

QString TextPosition::toString() const
{
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}
