#include "server/certificate_policy.hpp"

#include <boost/asio/ip/address.hpp>

#include <algorithm>

namespace p2p::relay {
namespace {

// Compares IPs by value so "::1" and "0:0:0:0:0:0:0:1" are the same address.
std::string normalised_ip(const std::string& text) {
    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address(text, ec);
    return ec ? text : address.to_string();
}

bool contains_all(std::vector<std::string> have, const std::vector<std::string>& need,
                  std::string (*normalise)(const std::string&)) {
    std::transform(have.begin(), have.end(), have.begin(), normalise);
    return std::all_of(need.begin(), need.end(), [&](const std::string& name) {
        return std::find(have.begin(), have.end(), normalise(name)) != have.end();
    });
}

std::string as_is(const std::string& text) { return text; }

}  // namespace

SubjectNames required_names(const std::vector<std::string>& host_addresses) {
    SubjectNames names{{"localhost"}, {"127.0.0.1", "::1"}};
    for (const std::string& address : host_addresses) {
        if (std::find(names.ips.begin(), names.ips.end(), address) == names.ips.end()) {
            names.ips.push_back(address);
        }
    }
    return names;
}

bool certificate_is_usable(const CertificateFacts& facts, const SubjectNames& required,
                           std::chrono::system_clock::time_point now) {
    return facts.not_before <= now && now + kRenewBeforeExpiry < facts.not_after &&
           contains_all(facts.names.dns, required.dns, as_is) &&
           contains_all(facts.names.ips, required.ips, normalised_ip);
}

}  // namespace p2p::relay
