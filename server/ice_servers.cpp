#include "server/ice_servers.hpp"

#include <charconv>

#include "server/secret_file.hpp"

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

bool has_secret(const IceServerSettings& s) {
    return s.turn_secret.has_value() || s.turn_secret_file.has_value();
}

bool has_static(const IceServerSettings& s) {
    return s.turn_username.has_value() || s.turn_credential.has_value();
}

// The problem with the credential flags when --turn is given, or "".
std::string check_turn_credentials(const IceServerSettings& s) {
    if (s.turn_secret && s.turn_secret_file) return "give --turn-secret or --turn-secret-file, not both";
    if (has_secret(s) && has_static(s)) {
        return "--turn-secret/--turn-secret-file mint credentials per page; "
               "do not also give --turn-username/--turn-credential";
    }
    if (has_secret(s)) return {};
    if (!s.turn_username || !s.turn_credential) {
        return "--turn needs --turn-secret-file (or --turn-secret), or both --turn-username and --turn-credential";
    }
    if (s.turn_ttl) return "--turn-ttl applies to minted credentials: give it with --turn-secret-file";
    return {};
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

std::string set_turn_ttl(IceServerSettings& settings, std::string_view seconds) {
    long long value = 0;
    auto [end, ec] = std::from_chars(seconds.data(), seconds.data() + seconds.size(), value);
    if (ec != std::errc() || end != seconds.data() + seconds.size() || value < kMinTurnTtl.count() ||
        value > kMaxTurnTtl.count()) {
        return "--turn-ttl: '" + std::string(seconds) + "' must be a whole number of seconds " +
               std::to_string(kMinTurnTtl.count()) + "-" + std::to_string(kMaxTurnTtl.count());
    }
    settings.turn_ttl = std::chrono::seconds(value);
    return {};
}

std::string check_ice_settings(const IceServerSettings& settings) {
    if (!settings.turn_urls.empty()) return check_turn_credentials(settings);
    if (has_static(settings)) return "--turn-username/--turn-credential given without --turn";
    if (has_secret(settings)) return "--turn-secret/--turn-secret-file given without --turn";
    if (settings.turn_ttl) return "--turn-ttl given without --turn";
    return {};
}

std::string load_turn_secret(IceServerSettings& settings) {
    if (!settings.turn_secret_file) return {};
    SecretFileResult read = read_secret_file(*settings.turn_secret_file);
    if (!read.error.empty()) return read.error;
    settings.turn_secret = std::move(read.secret);
    return {};
}

bool mints_turn_credentials(const IceServerSettings& settings) {
    return !settings.turn_urls.empty() && settings.turn_secret.has_value();
}

std::chrono::seconds turn_ttl(const IceServerSettings& settings) {
    return settings.turn_ttl.value_or(kDefaultTurnTtl);
}

std::vector<IceServer> ice_servers_for_pages(const IceServerSettings& settings, std::string_view credential_id,
                                             WallClock::time_point now) {
    std::vector<IceServer> out;
    if (!settings.stun_urls.empty()) out.push_back(IceServer{settings.stun_urls, {}, {}});
    if (settings.turn_urls.empty()) return out;
    if (mints_turn_credentials(settings)) {
        TurnCredential minted = TurnCredentialMinter(*settings.turn_secret, turn_ttl(settings)).mint(credential_id, now);
        out.push_back(IceServer{settings.turn_urls, std::move(minted.username), std::move(minted.password)});
    } else {
        out.push_back(IceServer{settings.turn_urls, settings.turn_username, settings.turn_credential});
    }
    return out;
}

}  // namespace p2p::relay
