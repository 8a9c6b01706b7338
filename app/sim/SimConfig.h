#pragma once

#include "ScenarioCatalog.h"

#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

// Settings of one simulator instance (docs/design.md, Simulator). The defaults are the demo set-up the GUI
// shows: the demo secrets are public by design, the UI displays them.
struct SimConfig
{
    static constexpr const char* kDemoAccountId = "SIMDEMO0001";
    static constexpr const char* kDemoSecretKey = "sim-demo-secret-0001";
    static constexpr const char* kAgencyAccountId = "SIMAGENCY001";
    static constexpr const char* kAgencySecretKey = "sim-agency-secret-001";
    static constexpr const char* kResellerAccountId = "SIMRESELLER01";
    static constexpr const char* kResellerSecretKey = "sim-reseller-secret-01";

    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0; // 0 = pick a free port

    // The main demo account (the one `--account/--secret` replace).
    QString accountId = QString::fromLatin1(kDemoAccountId);
    QString secretKey = QString::fromLatin1(kDemoSecretKey);
    // The agency (manages clients) and reseller (manages sub-accounts) demo accounts.
    QString agencyAccountId = QString::fromLatin1(kAgencyAccountId);
    QString agencySecretKey = QString::fromLatin1(kAgencySecretKey);
    QString resellerAccountId = QString::fromLatin1(kResellerAccountId);
    QString resellerSecretKey = QString::fromLatin1(kResellerSecretKey);

    // Per-account limits, as the real API applies them; 0 = unlimited.
    int perSecond = 10; // -> 107
    int daily = 50000;  // -> 106

    int leads = 1000; // demo leads of the main account
    quint32 seed = 1; // demo data generator seed: same seed, same data
    // Company Profile time zone of every demo account: v1 reports dates in it, v1.2 in UTC.
    QString timeZone = QStringLiteral("America/New_York");

    // How create/update/delete calls report failed objects. Observed: what clients see, failed
    // objects' errors copied into a top-level `error` array ([] when none failed). Documented: the
    // vendor's overview example, top-level `error` null and a failed object's `success` the
    // string "false".
    enum class BatchShape
    {
        Observed,
        Documented
    };
    BatchShape batchShape = BatchShape::Observed;
    // "observed" / "documented" (the `sim --batch-shape` values); nullopt for anything else.
    static std::optional<BatchShape> batchShapeFromName(const QString& name);
    static QString batchShapeName(BatchShape shape);

    // HTTP limits.
    qint64 maxBodyBytes = 8 * 1024 * 1024; // larger bodies get 413
    int requestTimeoutMs = 10000;          // from the first byte of a request to its last
    int idleTimeoutMs = 60000;             // keep-alive connection with no request in progress
    int maxConnections = 4096;             // beyond this, new connections get 503 and are closed

    // Bounds the options are checked against (CLI and EmbeddedSimulator::start).
    static constexpr int kMaxPerSecond = 1000000;
    static constexpr int kMinLeads = 3;
    static constexpr int kMaxLeads = 1000000;

    // Empty when usable, otherwise one message per problem.
    QStringList validate() const;
    // The credentials and limits scenarios are resolved against (ScenarioCatalog).
    ScenarioContext scenarioContext() const;
};
