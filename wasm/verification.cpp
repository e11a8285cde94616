#include "wasm/verification.hpp"

#include <algorithm>
#include <cctype>

#include "wasm/sha256.hpp"

namespace p2p::client {

std::optional<std::string_view> sdp_attribute(std::string_view sdp, std::string_view name) {
    std::size_t pos = 0;
    while (pos < sdp.size()) {
        std::size_t end = sdp.find('\n', pos);
        if (end == std::string_view::npos) end = sdp.size();
        std::string_view line = sdp.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.size() > name.size() + 2 && line.substr(0, 2) == "a=" && line.substr(2, name.size()) == name &&
            line[2 + name.size()] == ':') {
            return line.substr(3 + name.size());
        }
        pos = end + 1;
    }
    return std::nullopt;
}

std::string sdp_fingerprint(std::string_view sdp) {
    std::optional<std::string_view> found = sdp_attribute(sdp, "fingerprint");
    if (!found) return {};
    // Case differs between browsers ("SHA-256" vs "sha-256"); compare them normalised.
    std::string value(*found);
    for (char& c : value) c = char(std::tolower(static_cast<unsigned char>(c)));
    return value;
}

std::string verification_code(std::string_view fingerprint_a, std::string_view fingerprint_b) {
    if (fingerprint_a.empty() || fingerprint_b.empty()) return {};
    std::string_view low = std::min(fingerprint_a, fingerprint_b);
    std::string_view high = std::max(fingerprint_a, fingerprint_b);
    auto digest = sha256(std::string(low) + "\n" + std::string(high));
    std::uint32_t value = std::uint32_t(digest[0]) << 24 | std::uint32_t(digest[1]) << 16 |
                          std::uint32_t(digest[2]) << 8 | digest[3];
    std::string digits = std::to_string(value % 1000000);
    digits.insert(0, 6 - digits.size(), '0');
    return digits.substr(0, 3) + " " + digits.substr(3);
}

}  // namespace p2p::client
