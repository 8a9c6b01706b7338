#include "ApiClient.h"
#include "EmbeddedSimulatorProvider.h"
#include "EnvironmentDialog.h"
#include "EnvironmentStore.h"
#include "GuiApplication.h"
#include "ScriptedPrompter.h"
#include "TestSupport.h"

#include <QComboBox>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

// The environment dialog's network parts (docs/design.md, Network settings and packaging;
// Simulator): extra CA files per environment (checked when added, saved, read back), the trusted
// fingerprints with Revoke, and the embedded simulator's batch result shape.
class TestEnvironmentNetwork : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    template<typename T>
    static T* child(QWidget& parent, const char* name)
    {
        T* widget = parent.findChild<T*>(QLatin1String(name));
        if (!widget)
            qWarning("no %s", name);
        return widget;
    }

    static int rowOf(QListWidget* list, const QString& text)
    {
        for (int row = 0; row < list->count(); ++row) {
            if (list->item(row)->text() == text)
                return row;
        }
        return -1;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        GuiApplication::applyIdentity();
        QCoreApplication::setApplicationName(QStringLiteral("leadgen-diag-tst_environmentnetwork"));
    }

    void init() { QSettings().clear(); }

    // Add…: a PEM file is checked, listed, saved with the environment and shown again after a
    // reload; a file that is not PEM or cannot be read is refused with its name.
    void caFilesAreCheckedSavedAndReloaded_data()
    {
        QTest::addColumn<QString>("environment"); // "custom" or the built-in's id
        QTest::newRow("custom environment") << QStringLiteral("custom");
        QTest::newRow("production v1.2") << EnvironmentStore::productionV12Id();
    }
    void caFilesAreCheckedSavedAndReloaded()
    {
        QFETCH(QString, environment);
        const QString settingsPath = m_dir.filePath(QStringLiteral("ca-%1.ini").arg(QTest::currentDataTag()));
        QSettings settings(settingsPath, QSettings::IniFormat);
        EnvironmentStore store(&settings);
        QString id = environment;
        if (environment == QLatin1String("custom")) {
            Environment custom;
            custom.name = QStringLiteral("Behind the company CA");
            custom.kind = Environment::Kind::Custom;
            custom.baseUrl = QUrl(QStringLiteral("https://api.corp.example/pubapi/v1.2/"));
            QString error;
            QVERIFY2(store.save(custom, &error), qPrintable(error));
            id = store.find(custom.name)->id;
        }
        const QString ca = TestSupport::dataPath(QStringLiteral("tls/TEST-ONLY-selfsigned.crt"));
        const QString notPem = TestSupport::dataPath(QStringLiteral("tls/README.md"));
        const QString missing = m_dir.filePath(QStringLiteral("no-such-ca.pem"));
        {
            ScriptedPrompter prompter;
            EnvironmentDialog dialog(store, prompter);
            dialog.show();
            dialog.selectEnvironment(id);
            QCOMPARE(dialog.selectedId(), id);
            auto* list = child<QListWidget>(dialog, "caFiles");
            auto* add = child<QPushButton>(dialog, "addCaFile");
            auto* save = child<QPushButton>(dialog, "saveEnvironment");
            QVERIFY(list && add && save);
            QCOMPARE(list->count(), 0);

            // Refused, each with the file named; nothing listed, nothing to save.
            for (const QString& bad : {notPem, missing}) {
                prompter.openFileNameAnswer = bad;
                add->click();
                QVERIFY2(!prompter.warnings.isEmpty() && prompter.warnings.constLast().contains(bad),
                         qPrintable(prompter.warnings.join(QLatin1Char('\n'))));
                QCOMPARE(list->count(), 0);
                QVERIFY(!dialog.isDirty());
            }
            QCOMPARE(prompter.warnings.size(), 2);
            QVERIFY(prompter.warnings.constFirst().contains(QLatin1String("no PEM certificate")));

            prompter.openFileNameAnswer = ca;
            add->click();
            QCOMPARE(prompter.warnings.size(), 2);
            QCOMPARE(list->count(), 1);
            QCOMPARE(list->item(0)->text(), ca);
            QVERIFY2(list->item(0)->toolTip().contains(QLatin1String("leadgen-diag test server")),
                     qPrintable(list->item(0)->toolTip()));
            // The same file twice is listed once.
            add->click();
            QCOMPARE(list->count(), 1);
            QVERIFY(dialog.isDirty());
            QVERIFY(save->isEnabled());
            save->click();
            QVERIFY(!dialog.isDirty());
        }
        {
            // Another store on the same settings: what a restart (or `send --env`) reads.
            EnvironmentStore reloaded(&settings);
            QCOMPARE(reloaded.byId(id)->caCertificateFiles, QStringList{ca});
            ScriptedPrompter prompter;
            EnvironmentDialog dialog(reloaded, prompter);
            dialog.show();
            dialog.selectEnvironment(id);
            auto* list = child<QListWidget>(dialog, "caFiles");
            auto* remove = child<QPushButton>(dialog, "removeCaFile");
            QCOMPARE(list->count(), 1);
            QCOMPARE(list->item(0)->text(), ca);
            QVERIFY(!remove->isEnabled());
            list->setCurrentRow(0);
            QVERIFY(remove->isEnabled());
            remove->click();
            QCOMPARE(list->count(), 0);
            QVERIFY(dialog.applyChanges());
            QVERIFY(reloaded.byId(id)->caCertificateFiles.isEmpty());
        }
    }

    // A fingerprint trusted after a TLS error is listed for that environment only and Revoke
    // removes it from the store.
    void trustedFingerprintsAreRevocable()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("trust.ini")), QSettings::IniFormat);
        EnvironmentStore store(&settings);
        const QString fingerprint = QStringLiteral("ab").repeated(32);
        QVERIFY(store.trustCertificate(EnvironmentStore::productionV12Id(), fingerprint));
        ScriptedPrompter prompter;
        EnvironmentDialog dialog(store, prompter);
        dialog.show();
        auto* list = child<QListWidget>(dialog, "trustedCertificates");
        auto* revoke = child<QPushButton>(dialog, "distrustCertificate");
        QVERIFY(list && revoke);
        dialog.selectEnvironment(EnvironmentStore::productionV1Id());
        QCOMPARE(list->count(), 0);
        dialog.selectEnvironment(EnvironmentStore::productionV12Id());
        QCOMPARE(list->count(), 1);
        QCOMPARE(rowOf(list, fingerprint), 0);
        QVERIFY(revoke->text().contains(QLatin1String("voke")));
        QVERIFY(!revoke->isEnabled());
        list->setCurrentRow(0);
        revoke->click();
        QCOMPARE(list->count(), 0);
        QVERIFY(store.byId(EnvironmentStore::productionV12Id())->trustedCertificates.isEmpty());
    }

    // The Simulator environment's batch result shape: shown for it only, applied to the running
    // embedded simulator on Save (a failing createLeads batch then answers in the documented
    // shape), kept for the next start.
    void batchShapeAppliesToTheEmbeddedSimulator()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("shape.ini")), QSettings::IniFormat);
        EnvironmentStore store(&settings);
        EmbeddedSimulatorProvider simulator;
        QString error;
        QVERIFY2(simulator.ensureRunning(&error), qPrintable(error));
        QCOMPARE(simulator.batchShape(), QStringLiteral("observed"));

        // One new lead and the same address again: the second object fails (301).
        const auto send = [&simulator](const QByteArray& email) {
            ApiClient client(nullptr);
            ApiRequest request;
            request.endpoint = simulator.endpoint(ApiVersion::V1_2);
            request.accountId = simulator.demoAccounts().constFirst().accountId;
            request.secretKey = simulator.demoAccounts().constFirst().secretKey;
            request.body = "{\"method\":\"createLeads\",\"params\":{\"objects\":[{\"emailAddress\":\"" + email +
                           "\"},{\"emailAddress\":\"" + email + "\"}]},\"id\":\"shape-1\"}";
            QSignalSpy finished(&client, &ApiClient::finished);
            client.send(request);
            if (finished.isEmpty() && !finished.wait(10000))
                return QJsonObject();
            return QJsonDocument::fromJson(finished.constFirst().at(0).value<CallCapture>().body).object();
        };
        const auto failedItems = [](const QJsonObject& response) {
            QJsonArray failed;
            const QJsonArray creates =
                response.value(QLatin1String("result")).toObject().value(QLatin1String("creates")).toArray();
            for (const QJsonValue& item : creates) {
                const QJsonValue success = item.toObject().value(QLatin1String("success"));
                if (success == QJsonValue(false) || success == QJsonValue(QStringLiteral("false")))
                    failed.append(item);
            }
            return failed;
        };

        QJsonObject observed = send("shape-1@example.com");
        QJsonArray failed = failedItems(observed);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().toObject().value(QLatin1String("success")), QJsonValue(false));
        QVERIFY(observed.value(QLatin1String("error")).isArray());

        ScriptedPrompter prompter;
        EnvironmentDialog dialog(store, prompter);
        dialog.setSimulator(&simulator);
        dialog.show();
        auto* group = child<QGroupBox>(dialog, "simulatorGroup");
        auto* shape = child<QComboBox>(dialog, "batchShape");
        QVERIFY(group && shape);
        // Certificates only where there is TLS: not for the simulator (plain http on loopback),
        // whose form would otherwise squeeze them to a line.
        auto* caGroup = child<QGroupBox>(dialog, "caGroup");
        auto* trusted = child<QListWidget>(dialog, "trustedCertificates");
        QVERIFY(caGroup && trusted);
        dialog.selectEnvironment(EnvironmentStore::productionV12Id());
        QVERIFY(!group->isVisible());
        QVERIFY(caGroup->isVisible() && trusted->isVisible());
        dialog.selectEnvironment(EnvironmentStore::simulatorId());
        QVERIFY(group->isVisible());
        QVERIFY(!caGroup->isVisible() && !trusted->isVisible());
        QCOMPARE(shape->currentData().toString(), QStringLiteral("observed"));
        const int documented = shape->findData(QStringLiteral("documented"));
        QVERIFY(documented >= 0);
        shape->setCurrentIndex(documented);
        emit shape->activated(documented); // what a user's choice emits
        QVERIFY(dialog.isDirty());
        QCOMPARE(simulator.batchShape(), QStringLiteral("observed")); // applied on Save only
        child<QPushButton>(dialog, "saveEnvironment")->click();
        QCOMPARE(simulator.batchShape(), QStringLiteral("documented"));

        const QJsonObject documentedAnswer = send("shape-2@example.com");
        failed = failedItems(documentedAnswer);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().toObject().value(QLatin1String("success")), QJsonValue(QStringLiteral("false")));
        QVERIFY(documentedAnswer.value(QLatin1String("error")).isNull());
        QCOMPARE(
            failed.first().toObject().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toInt(),
            301);

        // Kept for the next start of the application.
        EmbeddedSimulatorProvider next;
        QCOMPARE(next.batchShape(), QStringLiteral("documented"));
        QCOMPARE(next.config().batchShape, SimConfig::BatchShape::Documented);
    }
};

QTEST_MAIN(TestEnvironmentNetwork)
#include "tst_environmentnetwork.moc"
