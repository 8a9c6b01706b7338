#pragma once

#include "HistoryRecord.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

// Reads a HAR file or a support bundle (or anything ImportSource reads) on a worker thread and
// diagnoses its API calls there, so that a HAR of hundreds of MB opens with the window answering
// throughout: progress() while reading, finished() once on the GUI thread.
class SupportFileLoader : public QObject
{
    Q_OBJECT

public:
    struct Contents
    {
        QStringList paths;
        QList<HistoryRecord> calls; // the API's calls, diagnosed, secrets masked
        QList<qint64> lines;        // each call's line in its file (0 = unknown)
        qint64 otherEntries = 0;    // entries that are not calls to the API
        QStringList problems;       // "FILE:LINE: message"
        QStringList secretSources;  // files that carried a secret key
        QString error;              // the file could not be read at all
    };

    explicit SupportFileLoader(QObject* parent = nullptr);
    ~SupportFileLoader() override;

    // Starts reading (a running load is abandoned). codeFilter: keep only calls with this code
    // or key ("" = all).
    void load(const QStringList& paths, const QString& codeFilter = QString());
    bool isRunning() const;
    const Contents& contents() const { return m_contents; }

    // The same, on the calling thread (the worker runs this).
    static Contents read(const QStringList& paths, const QString& codeFilter,
                         const std::function<void(int permille)>& progress = {});

signals:
    void progress(int permille);
    void finished();

private:
    QFutureWatcher<Contents>* m_watcher = nullptr;
    Contents m_contents;
};
