#include "server/ice_servers.hpp"

namespace p2p::relay {
namespace {

// A URL of one of `schemes` ("stun:host[:port]"), with something after the scheme and no
// whitespace or quotes that could confuse a page or a log line.
bool has_scheme(std::string_view url, std::initializer_list<std::string_view> schemes) {
    for (char c : url) {
        if (static_cast<unsigned char>(c) <= ' ' || c == '"' || c == '\\') return false;
    }
    for (std::string_view scheme : schemes) {
        if (url.starts_with(scheme) && url.size() > scheme.size()) return true;
    }
    return false;
}

}  // namespace

std::string add_stun_url(IceServerSettings& settings, std::string_view url) {
    if (!has_scheme(url, {"stun:", "stuns:"})) {
        return "--stun: '" + std::string(url) + "' must look like stun:host[:port]";
    }
    settings.stun_urls.emplace_back(url);
    return {};
}

std::string add_turn_url(IceServerSettings& settings, std::string_view url) {
    if (!has_scheme(url, {"turn:", "turns:"})) {
        return "--turn: '" + std::string(url) + "' must look like turn:host[:port][?transport=udp|tcp]";
    }
    settings.turn_urls.emplace_back(url);
    return {};
}

std::string check_ice_settings(const IceServerSettings& settings) {
    bool has_credentials = settings.turn_username && settings.turn_credential;
    if (!settings.turn_urls.empty() && !has_credentials) {
        return "--turn needs --turn-username and --turn-credential";
    }
    if (settings.turn_urls.empty() && (settings.turn_username || settings.turn_credential)) {
        return "--turn-username/--turn-credential given without --turn";
    }
    return {};
}

std::vector<IceServer> ice_servers_for_pages(const IceServerSettings& settings) {
    std::vector<IceServer> out;
    if (!settings.stun_urls.empty()) out.push_back(IceServer{settings.stun_urls, {}, {}});
    if (!settings.turn_urls.empty()) {
        out.push_back(IceServer{settings.turn_urls, settings.turn_username, settings.turn_credential});
    }
    return out;
}

}  // namespace p2p::relay
