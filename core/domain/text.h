#pragma once

// White space as exports write it: ASCII white space and the no-break spaces spreadsheets pad
// and group numbers with. Below every layer that reads text (fields, CSV values, headers).

#include <cstddef>
#include <string_view>

namespace sl {

namespace spaces {

constexpr bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// No-break spaces are how spreadsheets pad and group numbers: U+00A0 and the narrow U+202F
// (French locales). The byte length of the one starting at `at` (ending at `end`), or 0;
// inline, as the number parsers ask once per byte.
inline std::size_t noBreakSpaceAt(std::string_view text, std::size_t at)
{
    if (at + 1 < text.size() && text[at] == '\xC2' && text[at + 1] == '\xA0')
        return 2;
    if (at + 2 < text.size() && text[at] == '\xE2' && text[at + 1] == '\x80' && text[at + 2] == '\xAF')
        return 3;
    return 0;
}

inline std::size_t noBreakSpaceBefore(std::string_view text, std::size_t end)
{
    if (end >= 2 && noBreakSpaceAt(text, end - 2) == 2)
        return 2;
    if (end >= 3 && noBreakSpaceAt(text, end - 3) == 3)
        return 3;
    return 0;
}

} // namespace spaces

// `text` without leading and trailing white space, no-break spaces included.
std::string_view trimmed(std::string_view text);

} // namespace sl
