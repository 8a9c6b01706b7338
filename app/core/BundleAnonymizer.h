#pragma once

#include <QHash>
#include <QJsonValue>
#include <QString>

struct HistoryRecord;

// Replaces personal data in calls with placeholders before they leave the machine
// (docs/design.md, Support workflow): email addresses, names, phone numbers, street addresses and
// other free-text field values. The same original always gets the same placeholder within one
// anonymizer (one bundle), so a support engineer can still see that two calls are about the same
// lead. Ids, numbers, flags, dates, method names and the API's own error messages are kept.
class BundleAnonymizer
{
public:
    enum class Kind
    {
        Email,
        Name,
        Phone,
        Address,
        Text
    };

    void anonymize(HistoryRecord* call);
    QJsonValue anonymizeJson(const QJsonValue& value, const QString& key = QString());
    // Free text (finding messages, URLs): every original seen so far and every email address.
    QString anonymizeText(const QString& text);

    // Fields whose values are kept as they are (ids, codes, flags, dates, the API's messages).
    static bool isKeptKey(const QString& key);
    // The kind of personal data a field holds, judged by its name.
    static Kind kindOfKey(const QString& key);

    int replacements() const { return int(m_placeholders.size()); }

private:
    QString placeholder(const QString& original, Kind kind);
    QByteArray anonymizeBody(const QByteArray& body);

    QHash<QString, QString> m_placeholders; // original → placeholder
    QHash<QString, Kind> m_kinds;
    int m_counters[5] = {0, 0, 0, 0, 0};
};
