#include "JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
const char kHex[] = "0123456789abcdef";

void appendEscapedUtf8(QByteArray& out, const char* data, qsizetype size)
{
    out += '"';
    qsizetype runStart = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(data + runStart, i - runStart);
        runStart = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 0xf];
        }
    }
    out.append(data + runStart, size - runStart);
    out += '"';
}
} // namespace

void JsonWriter::appendString(QByteArray& out, const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    appendEscapedUtf8(out, utf8.constData(), utf8.size());
}

void JsonWriter::appendString(QByteArray& out, QLatin1String text)
{
    appendEscapedUtf8(out, text.data(), text.size());
}

QByteArray JsonWriter::toJson(const QJsonValue& json)
{
    JsonWriter writer;
    writer.value(json);
    return writer.take();
}

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_needComma.isEmpty()) {
        if (m_needComma.back())
            m_out += ',';
        m_needComma.back() = true;
    }
}

void JsonWriter::open(char c)
{
    separate();
    m_out += c;
    m_needComma.append(false);
}

void JsonWriter::close(char c)
{
    m_out += c;
    if (!m_needComma.isEmpty())
        m_needComma.removeLast();
}

void JsonWriter::key(QLatin1String name)
{
    separate();
    appendString(m_out, name);
    m_out += ':';
    m_afterKey = true;
}

void JsonWriter::key(const QString& name)
{
    separate();
    appendString(m_out, name);
    m_out += ':';
    m_afterKey = true;
}

void JsonWriter::value(const QString& text)
{
    separate();
    appendString(m_out, text);
}

void JsonWriter::value(QLatin1String text)
{
    separate();
    appendString(m_out, text);
}

void JsonWriter::value(qint64 number)
{
    separate();
    m_out += QByteArray::number(number);
}

void JsonWriter::value(bool flag)
{
    separate();
    m_out += flag ? "true" : "false";
}

void JsonWriter::null()
{
    separate();
    m_out += "null";
}

void JsonWriter::raw(const QByteArray& json)
{
    separate();
    m_out += json;
}

void JsonWriter::value(const QJsonValue& json)
{
    switch (json.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        null();
        break;
    case QJsonValue::Bool:
        value(json.toBool());
        break;
    case QJsonValue::Double: {
        const double d = json.toDouble();
        // Integral values print as integers (ids, counts); others as the shortest round-trip.
        if (d == double(qint64(d)) && d > -9.0e15 && d < 9.0e15) {
            value(qint64(d));
        } else {
            separate();
            m_out += QByteArray::number(d, 'g', 17);
        }
        break;
    }
    case QJsonValue::String:
        separate();
        appendString(m_out, json.toString());
        break;
    case QJsonValue::Array: {
        beginArray();
        const QJsonArray array = json.toArray();
        for (const QJsonValue& item : array)
            value(item);
        endArray();
        break;
    }
    case QJsonValue::Object: {
        beginObject();
        const QJsonObject object = json.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            key(it.key());
            value(it.value());
        }
        endObject();
        break;
    }
    }
}
