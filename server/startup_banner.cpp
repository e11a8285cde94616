#include "server/startup_banner.hpp"

#include <boost/asio/ip/address.hpp>

namespace p2p::relay {
namespace {

std::string host_port(const std::string& host, std::uint16_t port) {
    bool ipv6 = host.find(':') != std::string::npos;
    return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::vector<std::string> reachable_hosts(const std::string& bound_address,
                                         const std::vector<std::string>& host_addresses) {
    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address(bound_address, ec);
    if (!ec && address.is_unspecified()) {
        std::vector<std::string> hosts = host_addresses;
        hosts.push_back("localhost");
        return hosts;
    }
    if (!ec && address.is_loopback()) return {"localhost"};
    return {bound_address};
}

}  // namespace

std::vector<std::string> startup_lines(const std::string& bound_address, std::uint16_t port,
                                       const std::vector<std::string>& host_addresses) {
    std::vector<std::string> lines{"listening on " + host_port(bound_address, port)};
    for (const std::string& host : reachable_hosts(bound_address, host_addresses)) {
        for (const char* type : {"offer", "answer"}) {
            lines.push_back("https://" + host_port(host, port) + "/p2p?type=" + type);
        }
    }
    return lines;
}

}  // namespace p2p::relay
