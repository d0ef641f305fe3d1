#include "domain/ticketfacts.h"

namespace sl {

ChannelClass channelClassOf(std::string_view channel)
{
    if (channel == "Phone")
        return ChannelClass::Phone;
    if (channel == "Chat")
        return ChannelClass::Chat;
    if (channel == "Social")
        return ChannelClass::Social;
    return ChannelClass::Other;
}

} // namespace sl
