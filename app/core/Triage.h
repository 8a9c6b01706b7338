#pragma once

#include "HistoryRecord.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <vector>

struct Diagnosis;
struct ImportedCall;

// The summary of many calls from logs, HAR files, bundles and response folders
// (docs/design.md, Support workflow): verdict counts, and per code/key and per API method the
// count, first and last time seen and one example call. Calls are added one at a time and only
// the counters and one example per code are kept, so memory does not grow with the input.
class Triage
{
public:
    // Example bodies above this size are not kept (the example's place is still reported).
    static constexpr qint64 kExampleBodyLimit = 1 << 20;

    struct CodeRow
    {
        QVariant code; // int, or the catalogue key
        qint64 count = 0;
        QStringList methods; // sorted
        qint64 firstMs = -1;
        qint64 lastMs = -1;
        QString exampleSource;
        qint64 exampleIndex = -1;
        qint64 exampleLine = 0;
        HistoryRecord example; // the first call with this code, findings included
        QString codeText() const { return code.toString(); }
    };
    struct MethodRow
    {
        QString method;
        qint64 count = 0;
        qint64 failed = 0; // verdict other than ok
        QMap<QString, qint64> codes;
        qint64 firstMs = -1;
        qint64 lastMs = -1;
        QString exampleSource;
        qint64 exampleIndex = -1;
    };
    struct Problem
    {
        QString source;
        qint64 line = 0;
        QString message;
    };

    // Counts the call; API calls are diagnosed (secrets must already be masked).
    void addCall(const ImportedCall& call);
    // The same for many calls, in order: their diagnoses are made in parallel.
    void addCalls(const std::vector<ImportedCall>& calls);
    void addProblem(const QString& source, qint64 line, const QString& message);
    // A source file that carried a secret key (masked wherever it appeared).
    void addSecretSource(const QString& source);

    qint64 calls() const { return m_calls; }
    qint64 apiCalls() const { return m_apiCalls; }
    const QMap<QString, qint64>& verdicts() const { return m_verdicts; }
    // Most frequent first.
    QList<CodeRow> codeRows() const;
    QList<MethodRow> methodRows() const;
    // The first kMaxProblems problems; problemCount() counts them all.
    const QList<Problem>& problems() const { return m_problems; }
    qint64 problemCount() const { return m_problemCount; }
    static constexpr int kMaxProblems = 1000;
    const QStringList& secretSources() const { return m_secretSources; }

    // {"calls", "api_calls", "verdicts", "by_code": [...]} plus "by_method", "malformed",
    // "secrets_masked_in".
    QJsonObject toJson() const;
    QString toText() const;

private:
    // Whether the call's response says anything about the API (a body left out does not).
    static bool needsDiagnosis(const ImportedCall& call);
    void addDiagnosed(const ImportedCall& call, const Diagnosis* diagnosis);

    qint64 m_calls = 0;
    qint64 m_apiCalls = 0;
    QMap<QString, qint64> m_verdicts;
    QList<CodeRow> m_codes;
    QHash<QString, int> m_codeIndex;
    QList<MethodRow> m_methods;
    QHash<QString, int> m_methodIndex;
    QList<Problem> m_problems;
    qint64 m_problemCount = 0;
    QStringList m_secretSources;
};
