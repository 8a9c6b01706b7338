#pragma once

#include <QtGlobal>

// Character classes of the JSON grammar, shared by the index builder (validation) and the
// decoders; inline because the builder calls them for every structural character.
namespace JsonChars {

inline constexpr bool isJsonWhitespace(uchar c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

inline constexpr bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// 0-15, or -1 for a character that is not a hex digit.
inline constexpr int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace JsonChars
