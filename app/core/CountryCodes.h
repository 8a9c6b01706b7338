#pragma once

#include <QString>

// ISO 3166-1 country codes, for the `country` parameters the API checks (createClient → 215).
class CountryCodes
{
public:
    // An officially assigned alpha-2 code, upper case as the standard writes it ("GB", not "gb").
    static bool isAlpha2(const QString& code);
    // The alpha-2 code a user most likely meant, or an empty string: "UK" → GB, "EL" → GR (EU
    // usages), "gb" → GB, alpha-3 "DEU" → DE.
    static QString suggestAlpha2(const QString& text);
};
