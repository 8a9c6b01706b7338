#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

// The request body of the API: `{"method": ..., "params": {...}, "id": ...}` (docs/design.md, The API in brief).
// Keeps the whole JSON object, so members the caller did not set stay absent (the linter and the
// simulator care about "absent" vs "empty") and extra members (the legacy `header` object) survive
// a round trip.
class RequestEnvelope
{
public:
    RequestEnvelope() = default;
    explicit RequestEnvelope(const QJsonObject& object)
        : m_object(object)
    {}

    // A complete envelope with a fresh id.
    static RequestEnvelope make(const QString& method, const QJsonObject& params = QJsonObject());

    // A request id that is unique enough to match a response to its request: "req-" + 12 hex.
    static QString generateId();

    // Parses a request body. Fails (with a position in `error`) when the text is not JSON or not
    // a JSON object; missing or mistyped members are not errors here (that is the linter's job).
    static std::optional<RequestEnvelope> parse(const QByteArray& body, QString* error = nullptr);

    bool hasMethod() const { return m_object.contains(QLatin1String("method")); }
    bool hasParams() const { return m_object.contains(QLatin1String("params")); }
    bool hasId() const { return m_object.contains(QLatin1String("id")); }

    QString method() const { return m_object.value(QLatin1String("method")).toString(); }
    QJsonValue params() const { return m_object.value(QLatin1String("params")); }
    QJsonValue id() const { return m_object.value(QLatin1String("id")); }
    // The id as text ("" when absent; numbers without exponent).
    QString idText() const;

    void setMethod(const QString& method) { m_object.insert(QLatin1String("method"), method); }
    void setParams(const QJsonValue& params) { m_object.insert(QLatin1String("params"), params); }
    void setId(const QJsonValue& id) { m_object.insert(QLatin1String("id"), id); }

    // Removes every `secretKey` member (legacy `header` object and anything else) and returns
    // the first non-empty value found, so the secret can go to the secret field instead of a
    // file. `paths` receives the JSON paths removed ("$.header.secretKey").
    std::optional<QString> takeSecrets(QStringList* paths = nullptr);

    const QJsonObject& object() const { return m_object; }
    QByteArray toJson(QJsonDocument::JsonFormat format = QJsonDocument::Compact) const;

    bool operator==(const RequestEnvelope& other) const { return m_object == other.m_object; }
    bool operator!=(const RequestEnvelope& other) const { return !(*this == other); }

private:
    QJsonObject m_object;
};

// Line and column (1-based) of a byte offset in UTF-8 text, for error messages.
struct TextPosition
{
    int line = 1;
    int column = 1;
    static TextPosition at(const QByteArray& text, qsizetype offset);
    QString toString() const; // "line 3, column 14"
};
