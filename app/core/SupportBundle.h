#pragma once

#include "HistoryRecord.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// A support bundle (`.lgdbundle`, docs/bundle-format.md): selected calls as the history keeps
// them (URL masked, request, response, headers, timings, verdict, findings), a manifest (app and
// catalogue versions, OS, creation time) and a Markdown summary for a ticket, in one file: the
// line "LGDBUNDLE <version>\n" followed by one gzip stream of a JSON document. Never the secret:
// recorded calls are already masked, and write() masks again what any text may still carry.
class SupportBundle
{
public:
    static constexpr int kVersion = 1;
    static QLatin1String formatName() { return QLatin1String("lgdbundle"); }
    static QLatin1String magic() { return QLatin1String("LGDBUNDLE "); }
    static QString fileSuffix() { return QStringLiteral("lgdbundle"); }

    QJsonObject manifest;
    QString summary; // Markdown
    QList<HistoryRecord> calls;
    int version = kVersion;

    // Builds a bundle of the calls: manifest for this machine and now, summary, and (when
    // anonymize) personal data replaced by placeholders (BundleAnonymizer).
    static SupportBundle make(QList<HistoryRecord> calls, bool anonymize);
    bool write(const QString& path, QString* error) const;
    QByteArray toBytes() const;

    static std::optional<SupportBundle> read(const QString& path, QString* error);
    static std::optional<SupportBundle> fromBytes(const QByteArray& bytes, QString* error);
    // True when the bytes start like a bundle.
    static bool looksLikeBundle(const QByteArray& head);

    // `bundle show --json`: {"format", "version", "manifest", "calls": [history show objects]}.
    QJsonObject toJson() const;
    // The Markdown summary of a list of calls (what make() stores).
    static QString summarize(const QList<HistoryRecord>& calls, const QJsonObject& manifest);

    // A call as stored in the bundle, and back.
    static QJsonObject callToJson(const HistoryRecord& call);
    static HistoryRecord callFromJson(const QJsonObject& stored);
};
