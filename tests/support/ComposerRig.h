#pragma once

// Header-only (widgets): for GUI tests, which link leadgen_ui; leadgen_testsupport does not.
#include "ComposerWidget.h"
#include "EnvironmentStore.h"
#include "FakeHttpServer.h"
#include "LoopbackSimulator.h"
#include "ScriptedPrompter.h"
#include "SecretStore.h"

#include <QFile>
#include <QLabel>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextDocumentFragment>

#include <memory>

namespace TestSupport {

// A composer on a loopback server standing in for the simulator, with its own settings file,
// a scripted prompter and the test's SecretStore.
struct ComposerRig
{
    explicit ComposerRig(SecretStore& store)
        : secrets(store)
    {
        settings = std::make_unique<QSettings>(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        environments = std::make_unique<EnvironmentStore>(settings.get());
        makeComposer();
    }

    QTemporaryDir dir;
    std::unique_ptr<QSettings> settings;
    FakeHttpServer server;
    LoopbackSimulator simulator{server};
    std::unique_ptr<EnvironmentStore> environments;
    SecretStore& secrets;
    ScriptedPrompter prompter;
    std::unique_ptr<ComposerWidget> composer;

    // (Re)creates the composer on the same settings, as a restart would.
    void makeComposer()
    {
        composer.reset();
        composer = std::make_unique<ComposerWidget>(*environments, secrets, settings.get(), &simulator);
        composer->setPrompter(&prompter);
        composer->resize(1366, 768);
        composer->show();
    }

    // A custom environment on the loopback server: not the simulator, so mutating methods ask.
    Environment addCustom(const QString& name = QStringLiteral("Staging"))
    {
        if (!simulator.isRunning())
            simulator.ensureRunning(nullptr);
        Environment environment;
        environment.name = name;
        environment.kind = Environment::Kind::Custom;
        environment.baseUrl = server.url();
        environment.accountId = QStringLiteral("ACC-STAGING");
        QString error;
        if (!environments->save(environment, &error))
            qFatal("cannot save the test environment: %s", qPrintable(error));
        return environment;
    }

    template<class T>
    T* child(const char* name) const
    {
        return composer->findChild<T*>(QString::fromLatin1(name));
    }

    QByteArray settingsFile()
    {
        settings->sync();
        QFile file(settings->fileName());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
};

// A label's rich text as the user reads it.
inline QString plainText(const QLabel* label)
{
    return QTextDocumentFragment::fromHtml(label->text()).toPlainText();
}

} // namespace TestSupport
