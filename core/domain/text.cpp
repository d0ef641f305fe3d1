#include "domain/text.h"

namespace sl {

using spaces::isSpace;
using spaces::noBreakSpaceAt;
using spaces::noBreakSpaceBefore;

std::string_view trimmed(std::string_view text)
{
    // Most cells have nothing to trim: neither end is white space or the lead (trail) byte of a
    // no-break space.
    const auto mayTrimFront = [](char c) {
        return isSpace(c) || c == '\xC2' || c == '\xE2';
    };
    const auto mayTrimBack = [](char c) {
        return isSpace(c) || c == '\xA0' || c == '\xAF';
    };
    if (text.empty() || (!mayTrimFront(text.front()) && !mayTrimBack(text.back())))
        return text;
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end) {
        if (isSpace(text[begin]))
            ++begin;
        else if (const std::size_t width = noBreakSpaceAt(text.substr(0, end), begin))
            begin += width;
        else
            break;
    }
    while (end > begin) {
        if (isSpace(text[end - 1]))
            --end;
        else if (const std::size_t width = noBreakSpaceBefore(text.substr(begin), end - begin))
            end -= width;
        else
            break;
    }
    return text.substr(begin, end - begin);
}

} // namespace sl
