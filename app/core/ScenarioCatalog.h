#pragma once

#include "CatalogueFile.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

// What scenarios are resolved against: the credentials and limits of the simulator they are sent
// to (a simulator started with the same --account/--secret/--per-second/--daily options). The
// defaults are the simulator's demo set-up; this header knows nothing else about the simulator.
struct ScenarioContext
{
    QString accountId = QStringLiteral("SIMDEMO0001");
    QString secretKey = QStringLiteral("sim-demo-secret-0001");
    QString agencyAccountId = QStringLiteral("SIMAGENCY001");
    QString agencySecretKey = QStringLiteral("sim-agency-secret-001");
    QString resellerAccountId = QStringLiteral("SIMRESELLER01");
    QString resellerSecretKey = QStringLiteral("sim-reseller-secret-01");
    int perSecond = 10; // 0 = unlimited
    int daily = 50000;  // 0 = unlimited
};

// One request that makes the simulator answer a given catalogue code.
struct Scenario
{
    int code = 0;
    QString title;
    QString level;     // where the code shows: "api" (top-level error) or "object" (result.*[0].error)
    QString method;    // API method of the body, when it has one
    QString path;      // "/pubapi/v1.2/"
    QJsonObject query; // accountID / secretKey (placeholders substituted)
    QJsonObject headers;
    QJsonValue body;     // a JSON value, or a string sent as is
    int repeat = 1;      // send it this many times in a row; the last answer carries the code
    bool natural = true; // false: the X-Simulator-Fault header produces it
    QString note;

    // The exact bytes to POST.
    QByteArray bodyBytes() const;
    // base (scheme, host, port) + path + query, e.g. http://127.0.0.1:8099/pubapi/v1.2/?accountID=...
    QUrl url(const QUrl& base) const;
    // The `--scenarios --json` element.
    QJsonObject toJson() const;
};

// The scenarios of resources/scenarios.json (compiled in at :/leadgen/scenarios.json), one per
// numeric catalogue code. The file holds templates: placeholders {accountID}, {secretKey},
// {agencyAccountID}, {agencySecretKey}, {resellerAccountID}, {resellerSecretKey} in any string;
// {"$repeat": N, "item": X} in a body expands to N copies of X ("{i}" = index); "repeat_limit":
// "per_second" | "daily" makes the repeat count follow the context's limit, with "fallback"
// (extra headers, usually the fault header) used when the limit is off or too high to reach.
class ScenarioCatalog
{
public:
    // The catalogue compiled into the binary, loaded once; problems are reported by
    // validationErrors() (and loadError()), by a warning and by the tests, never by a crash.
    static const ScenarioCatalog& builtin();

    bool loadFromJson(const QByteArray& json, QStringList* errors = nullptr);
    bool loadFromFile(const QString& path, QStringList* errors = nullptr);
    const QStringList& validationErrors() const { return m_errors; }
    // Why nothing was loaded (unreadable file, not JSON, not an object); empty when it was parsed.
    const QString& loadError() const { return m_loadError; }

    // Every scenario, resolved, in code order.
    QList<Scenario> scenarios(const ScenarioContext& context = ScenarioContext()) const;
    std::optional<Scenario> scenario(int code, const ScenarioContext& context = ScenarioContext()) const;
    QList<int> codes() const;
    // {"scenarios": [...]}, the `leadgen-diag sim --scenarios --json` document.
    QJsonObject toJson(const ScenarioContext& context = ScenarioContext()) const;

    // A daily limit up to this many calls is reproduced by sending that many requests; above it
    // (50 000 by default) the scenario uses the fault header rather than exhaust the account.
    static constexpr int kMaxNaturalDailyRepeat = 1000;

private:
    bool load(const CatalogueFile::Root& file, QStringList* errors);
    Scenario resolve(const QJsonObject& entry, const ScenarioContext& context) const;

    QList<QJsonObject> m_entries; // validated templates, sorted by code
    QString m_version;
    QStringList m_errors;
    QString m_loadError;
};
