#pragma once

#include <QString>

class QSettings;

// What the composer keeps between runs and across failed sends: everything the user
// typed except the secret key, which has no member here on purpose.
struct ComposerDraft
{
    static constexpr int kDefaultTimeoutMs = 30000;

    QString method;
    QString params; // the editor's text as typed, valid JSON or not
    QString requestId;
    QString headers;             // the Headers tab as typed, "Name: value" a line
    QString rawBody;             // the Raw body tab as typed
    bool rawBodyEnabled = false; // send rawBody instead of the method/params/id envelope
    QString environmentId;
    QString accountId;
    int timeoutMs = kDefaultTimeoutMs;
    bool saved = false; // false: nothing was stored yet (first start)

    static ComposerDraft load(QSettings& settings);
    void save(QSettings& settings) const;

    bool operator==(const ComposerDraft& other) const;
    bool operator!=(const ComposerDraft& other) const { return !(*this == other); }
};
