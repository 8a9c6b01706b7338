#pragma once

#include "ApiRequest.h"
#include "BulkRun.h"

#include <QJsonObject>
#include <QString>

class RecordSink;
struct MethodSpec;

// Fetches every page of a paginated method (docs/design.md, Bulk work): offset 0 (or a resume
// offset), limit, 2·limit, … until a page has fewer than `limit` records or says hasMore false,
// each page's records handed to a RecordSink as it arrives (nothing else is kept). Calls go
// through a ThrottledCaller (rate limiter, 107 back-off). A failed or cancelled run says at which
// offset it stopped, so it can be resumed from there. While a page is written the next one is
// already on its way. Used by `send --all-pages` and the GUI.
class PageRun : public BulkRun
{
    Q_OBJECT

public:
    struct Options
    {
        int maxPages = 0;        // 0 = no cap
        qint64 startOffset = -1; // -1 = the request's own offset (else 0)
    };
    // Done: a short page or hasMore false.
    using Stop = BulkRun::Stop;
    struct Progress : Counters
    {
        int pages = 0;
        qint64 records = 0;
        qint64 offset = 0; // of the next page
        int callsLastSecond = 0;
        qint64 callsToday = 0;
        qint64 quota = 0;
    };
    struct Outcome
    {
        Stop stop = Stop::Done;
        Progress progress;
        qint64 resumeOffset = -1; // where to continue (-1 = nothing left)
        QString message;          // why it stopped, for people
        ThrottledCaller::Result last;
    };

    PageRun(ThrottledCaller* caller, RecordSink* sink, const ApiRequest& base, const QJsonObject& envelope,
            const MethodSpec& method, const Options& options, QObject* parent = nullptr);

    // Whether `send --all-pages` can page this method (methods.json "paginated").
    static bool supports(const MethodSpec& method);
    int limit() const { return m_limit; }

    void start();
    const Progress& progress() const { return m_progress; }

signals:
    void progressed(const PageRun::Progress& progress);
    void finished(const PageRun::Outcome& outcome);

private:
    // Why no further page may be asked for: cancel, --max-pages, the day's quota.
    std::optional<std::pair<Stop, QString>> stopBeforePage() const;
    void sendPage();
    void onCallFinished(const ThrottledCaller::Result& result) override;
    void stop(Stop why, const QString& message, const ThrottledCaller::Result& last = {});
    void updateProgress() override;

    RecordSink* m_sink;
    ApiRequest m_base;
    QJsonObject m_envelope;
    QString m_resultKey;
    Options m_options;
    int m_limit = 500;
    qint64 m_offset = 0;
    qint64 m_startOffset = 0;
    qint64 m_sinkWrittenAtStart = 0;
    Progress m_progress;
};
