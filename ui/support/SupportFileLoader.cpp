#include "SupportFileLoader.h"

#include "Diagnosis.h"
#include "ImportSource.h"

#include <QPromise>
#include <QtConcurrent>

SupportFileLoader::SupportFileLoader(QObject* parent)
    : QObject(parent)
{}

SupportFileLoader::~SupportFileLoader()
{
    if (m_watcher) {
        m_watcher->disconnect(this);
        m_watcher->waitForFinished();
    }
}

SupportFileLoader::Contents SupportFileLoader::read(const QStringList& paths, const QString& codeFilter,
                                                    const std::function<void(int)>& progress)
{
    Contents contents;
    contents.paths = paths;
    ImportSource::Handlers handlers;
    handlers.call = [&](ImportedCall&& call) {
        if (!call.isApiCall()) {
            ++contents.otherEntries;
            return true;
        }
        const Diagnosis diagnosis = call.diagnose();
        HistoryRecord record = call.toRecord(&diagnosis);
        record.id = call.index + 1;
        if (call.timeMs < 0)
            record.timeMs = 0;
        if (!codeFilter.isEmpty()) {
            bool has = false;
            for (const QVariant& code : record.codes())
                has = has || code.toString() == codeFilter;
            if (!has)
                return true;
        }
        contents.calls.append(record);
        contents.lines.append(call.line);
        return true;
    };
    handlers.problem = [&](const QString& source, qint64 line, const QString& message) {
        contents.problems.append(QStringLiteral("%1:%2: %3").arg(source).arg(line).arg(message));
    };
    handlers.secret = [&](const QString& source) { contents.secretSources.append(source); };
    int done = 0;
    handlers.progress = [&](double fraction) {
        if (progress)
            progress(int((done + fraction) * 1000 / qMax<qsizetype>(1, paths.size())));
        return true;
    };
    for (const QString& path : paths) {
        QString error;
        if (!ImportSource::read(path, handlers, &error))
            contents.error = error;
        ++done;
    }
    return contents;
}

void SupportFileLoader::load(const QStringList& paths, const QString& codeFilter)
{
    if (m_watcher) {
        m_watcher->disconnect(this);
        m_watcher->deleteLater(); // its worker finishes on its own; the result is dropped
    }
    m_watcher = new QFutureWatcher<Contents>(this);
    connect(m_watcher, &QFutureWatcher<Contents>::progressValueChanged, this, &SupportFileLoader::progress);
    connect(m_watcher, &QFutureWatcher<Contents>::finished, this, [this] {
        m_contents = m_watcher->result();
        emit finished();
    });
    m_watcher->setFuture(QtConcurrent::run([paths, codeFilter](QPromise<Contents>& promise) {
        promise.setProgressRange(0, 1000);
        promise.addResult(read(paths, codeFilter, [&promise](int permille) { promise.setProgressValue(permille); }));
    }));
}

bool SupportFileLoader::isRunning() const
{
    return m_watcher && m_watcher->isRunning();
}
