// The STUN/TURN servers an operator sets on the relay, handed to every page in "joined" (and, for
// minted TURN credentials, again in "ice_servers" before they expire).
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/turn_credentials.hpp"
#include "shared/messages.hpp"

namespace p2p::relay {

// Minted TURN credentials live a few hours by default: long enough that a renewal lost to a
// relay restart does not matter, short enough that a leaked one soon stops working.
inline constexpr std::chrono::seconds kDefaultTurnTtl{6 * 60 * 60};
inline constexpr std::chrono::seconds kMinTurnTtl{10};
inline constexpr std::chrono::seconds kMaxTurnTtl{7 * 24 * 60 * 60};

// --stun / --turn and the TURN credentials: either static (--turn-username/--turn-credential)
// or minted per page from a secret shared with coturn (--turn-secret[-file], --turn-ttl).
struct IceServerSettings {
    std::vector<std::string> stun_urls;
    std::vector<std::string> turn_urls;
    std::optional<std::string> turn_username;
    std::optional<std::string> turn_credential;
    std::optional<std::string> turn_secret;  // from --turn-secret, or read from the file at start
    std::optional<std::filesystem::path> turn_secret_file;
    std::optional<std::chrono::seconds> turn_ttl;  // unset: kDefaultTurnTtl
};

// Each returns an error message, or "" when the value was taken.
std::string add_stun_url(IceServerSettings& settings, std::string_view url);
std::string add_turn_url(IceServerSettings& settings, std::string_view url);
std::string set_turn_ttl(IceServerSettings& settings, std::string_view seconds);

// "" when the settings are consistent: TURN URLs come with exactly one kind of credentials, and
// credential flags come with TURN URLs.
std::string check_ice_settings(const IceServerSettings& settings);

// Reads --turn-secret-file into turn_secret (call after check_ice_settings); the error, or "".
std::string load_turn_secret(IceServerSettings& settings);

// True when each page gets its own short-lived TURN credentials (a shared secret is set).
bool mints_turn_credentials(const IceServerSettings& settings);
std::chrono::seconds turn_ttl(const IceServerSettings& settings);

// The RTCConfiguration.iceServers entries for one page at `now`: one for all STUN URLs, one for
// all TURN URLs with static credentials or ones minted for `credential_id`; empty on a LAN set-up.
std::vector<IceServer> ice_servers_for_pages(const IceServerSettings& settings, std::string_view credential_id = {},
                                             WallClock::time_point now = WallClock::now());

}  // namespace p2p::relay
