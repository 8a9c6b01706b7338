#include "ComposerDraft.h"

#include "AppSettings.h"

#include <QSettings>

namespace {
constexpr int kMinTimeoutMs = 1000;
constexpr int kMaxTimeoutMs = 3600 * 1000;
} // namespace

ComposerDraft ComposerDraft::load(QSettings& settings)
{
    using Key = AppSettings::Key;
    ComposerDraft draft;
    draft.saved = AppSettings::contains(settings, Key::DraftMethod);
    draft.method = AppSettings::value(settings, Key::DraftMethod).toString();
    draft.params = AppSettings::value(settings, Key::DraftParams).toString();
    draft.requestId = AppSettings::value(settings, Key::DraftRequestId).toString();
    draft.headers = AppSettings::value(settings, Key::DraftHeaders).toString();
    draft.rawBody = AppSettings::value(settings, Key::DraftRawBody).toString();
    draft.rawBodyEnabled = AppSettings::value(settings, Key::DraftRawBodyEnabled).toBool();
    draft.environmentId = AppSettings::value(settings, Key::DraftEnvironment).toString();
    draft.accountId = AppSettings::value(settings, Key::DraftAccountId).toString();
    bool ok = false;
    const int timeout = AppSettings::value(settings, Key::DraftTimeoutMs).toInt(&ok);
    // A hand-edited or damaged value falls back to the default instead of an unusable timeout.
    draft.timeoutMs = ok && timeout >= kMinTimeoutMs && timeout <= kMaxTimeoutMs ? timeout : kDefaultTimeoutMs;
    return draft;
}

void ComposerDraft::save(QSettings& settings) const
{
    using Key = AppSettings::Key;
    AppSettings::setValue(settings, Key::DraftMethod, method);
    AppSettings::setValue(settings, Key::DraftParams, params);
    AppSettings::setValue(settings, Key::DraftRequestId, requestId);
    AppSettings::setValue(settings, Key::DraftHeaders, headers);
    AppSettings::setValue(settings, Key::DraftRawBody, rawBody);
    AppSettings::setValue(settings, Key::DraftRawBodyEnabled, rawBodyEnabled);
    AppSettings::setValue(settings, Key::DraftEnvironment, environmentId);
    AppSettings::setValue(settings, Key::DraftAccountId, accountId);
    AppSettings::setValue(settings, Key::DraftTimeoutMs, timeoutMs);
}

bool ComposerDraft::operator==(const ComposerDraft& other) const
{
    return method == other.method && params == other.params && requestId == other.requestId &&
           headers == other.headers && rawBody == other.rawBody && rawBodyEnabled == other.rawBodyEnabled &&
           environmentId == other.environmentId && accountId == other.accountId && timeoutMs == other.timeoutMs;
}
