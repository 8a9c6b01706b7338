#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QVarLengthArray>

// Compact JSON text in insertion order. The simulator writes its responses with it rather than
// QJsonDocument because QJsonObject sorts keys (the real API sends `result, error, id` in that
// order) and because a pre-serialised record can be spliced in with raw().
class JsonWriter
{
public:
    JsonWriter() { m_out.reserve(256); }

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }

    void key(QLatin1String name);
    void key(const QString& name);

    void value(const QString& text);
    void value(QLatin1String text);
    void value(qint64 number);
    void value(int number) { value(qint64(number)); }
    void value(bool flag);
    void value(const QJsonValue& json); // any JSON value (objects in QJsonObject's key order)
    void null();
    // Already serialised JSON text, inserted as one value.
    void raw(const QByteArray& json);

    QByteArray& buffer() { return m_out; }
    QByteArray take() { return std::move(m_out); }

    static void appendString(QByteArray& out, const QString& text);
    static void appendString(QByteArray& out, QLatin1String text);
    static QByteArray toJson(const QJsonValue& json);

private:
    void open(char c);
    void close(char c);
    void separate();

    QByteArray m_out;
    QVarLengthArray<bool, 16> m_needComma; // per open container
    bool m_afterKey = false;
};
