// The STUN/TURN servers an operator sets on the relay, handed to every page in "joined".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/messages.hpp"

namespace p2p::relay {

// --stun / --turn / --turn-username / --turn-credential, as given on the command line.
struct IceServerSettings {
    std::vector<std::string> stun_urls;
    std::vector<std::string> turn_urls;
    std::optional<std::string> turn_username;
    std::optional<std::string> turn_credential;
};

// Each returns an error message, or "" when the value was taken.
std::string add_stun_url(IceServerSettings& settings, std::string_view url);
std::string add_turn_url(IceServerSettings& settings, std::string_view url);

// "" when the settings are consistent (TURN URLs come with a username and a credential).
std::string check_ice_settings(const IceServerSettings& settings);

// The RTCConfiguration.iceServers entries for the pages: one for all STUN URLs, one for all TURN
// URLs with their credentials; empty on a LAN set-up (no flags).
std::vector<IceServer> ice_servers_for_pages(const IceServerSettings& settings);

}  // namespace p2p::relay
