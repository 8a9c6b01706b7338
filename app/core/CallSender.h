#pragma once

#include "ApiRequest.h"
#include "CallCapture.h"

#include <QObject>

// What the composer, the reproducer and `leadgen-diag send` need to make an API call, without Qt
// Network in sight: ApiClient implements it inside the network module (NetworkModule), which is
// loaded on the first call, so neither the GUI nor explain/inspect/lint load Qt Network to start.
class CallSender : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // Starts a call; a call still running is cancelled first. finished() always follows.
    virtual void send(const ApiRequest& request) = 0;
    // Aborts the running call; finished() (cancelled) is emitted before this returns.
    virtual void cancel() = 0;
    virtual bool isRunning() const = 0;

    // A new ApiClient with its own QNetworkAccessManager, owned by parent; nullptr with *error
    // when the network module cannot be loaded.
    static CallSender* create(QObject* parent, QString* error = nullptr);

    // Called once by the network module as it loads.
    using Factory = CallSender* (*)(QObject* parent);
    static bool registerFactory(Factory factory);

signals:
    void started(const QString& displayUrl);
    void uploadProgress(qint64 sent, qint64 total);
    void downloadProgress(qint64 received, qint64 total);
    void finished(const CallCapture& capture);
};
