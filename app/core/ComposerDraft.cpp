#include "ComposerDraft.h"

#include <QSettings>

namespace {
const QString kGroup = QStringLiteral("composer/draft");
constexpr int kMinTimeoutMs = 1000;
constexpr int kMaxTimeoutMs = 3600 * 1000;
} // namespace

ComposerDraft ComposerDraft::load(QSettings& settings)
{
    ComposerDraft draft;
    settings.beginGroup(kGroup);
    draft.saved = settings.contains(QStringLiteral("method"));
    draft.method = settings.value(QStringLiteral("method")).toString();
    draft.params = settings.value(QStringLiteral("params")).toString();
    draft.requestId = settings.value(QStringLiteral("requestId")).toString();
    draft.headers = settings.value(QStringLiteral("headers")).toString();
    draft.rawBody = settings.value(QStringLiteral("rawBody")).toString();
    draft.rawBodyEnabled = settings.value(QStringLiteral("rawBodyEnabled"), false).toBool();
    draft.environmentId = settings.value(QStringLiteral("environment")).toString();
    draft.accountId = settings.value(QStringLiteral("accountId")).toString();
    bool ok = false;
    const int timeout = settings.value(QStringLiteral("timeoutMs")).toInt(&ok);
    // A hand-edited or damaged value falls back to the default instead of an unusable timeout.
    draft.timeoutMs = ok && timeout >= kMinTimeoutMs && timeout <= kMaxTimeoutMs ? timeout : kDefaultTimeoutMs;
    settings.endGroup();
    return draft;
}

void ComposerDraft::save(QSettings& settings) const
{
    settings.beginGroup(kGroup);
    settings.setValue(QStringLiteral("method"), method);
    settings.setValue(QStringLiteral("params"), params);
    settings.setValue(QStringLiteral("requestId"), requestId);
    settings.setValue(QStringLiteral("headers"), headers);
    settings.setValue(QStringLiteral("rawBody"), rawBody);
    settings.setValue(QStringLiteral("rawBodyEnabled"), rawBodyEnabled);
    settings.setValue(QStringLiteral("environment"), environmentId);
    settings.setValue(QStringLiteral("accountId"), accountId);
    settings.setValue(QStringLiteral("timeoutMs"), timeoutMs);
    settings.endGroup();
}

bool ComposerDraft::operator==(const ComposerDraft& other) const
{
    return method == other.method && params == other.params && requestId == other.requestId &&
           headers == other.headers && rawBody == other.rawBody && rawBodyEnabled == other.rawBodyEnabled &&
           environmentId == other.environmentId && accountId == other.accountId && timeoutMs == other.timeoutMs;
}
