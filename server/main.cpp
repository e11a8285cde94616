// p2p-relay: parse flags, start the relay, print where to reach it, serve until a stop signal.
#include <cstdlib>
#include <exception>
#include <iostream>

#include "server/config.hpp"
#include "server/host_addresses.hpp"
#include "server/log.hpp"
#include "server/relay.hpp"
#include "server/startup_banner.hpp"

namespace {

p2p::relay::Config defaults_from_environment() {
    p2p::relay::Config config;
    config.state_dir = p2p::relay::default_state_dir(std::getenv("XDG_STATE_HOME"), std::getenv("HOME"));
    return config;
}

int serve(const p2p::relay::Config& config) {
    p2p::relay::Relay relay(config);
    const auto endpoint = relay.local_endpoint();
    for (const std::string& line : p2p::relay::startup_lines(
             endpoint.address().to_string(), endpoint.port(), p2p::relay::non_loopback_ipv4_addresses())) {
        std::cout << line << '\n';
    }
    std::cout << std::flush;  // scripts wait for these lines; do not leave them in a pipe buffer
    relay.run();
    return EXIT_SUCCESS;
}

}  // namespace

int main(int argc, char** argv) {
    const p2p::relay::Config defaults = defaults_from_environment();
    const p2p::relay::ParsedOptions parsed =
        p2p::relay::parse_options(std::vector<std::string_view>(argv + 1, argv + argc), defaults);
    if (parsed.action == p2p::relay::ParsedOptions::Action::show_help) {
        std::cout << p2p::relay::usage_text(defaults);
        return EXIT_SUCCESS;
    }
    if (parsed.action == p2p::relay::ParsedOptions::Action::fail) {
        std::cerr << "p2p-relay: " << parsed.error << "\n(see p2p-relay --help)\n";
        return 2;
    }
    p2p::relay::set_log_level(parsed.config.log_level);  // so --log-level error silences the warnings too
    for (const std::string& warning : parsed.warnings) p2p::relay::log(p2p::relay::LogLevel::warn, warning);
    try {
        return serve(parsed.config);
    } catch (const std::exception& error) {
        std::cerr << "p2p-relay: " << error.what() << '\n';
        return EXIT_FAILURE;
    }
}
