// Runs coturn's `turnserver` on 127.0.0.1 as a child process for the TURN tests: REST-API
// credentials (use-auth-secret) with a given secret, no TLS, no CLI, no config file from /etc,
// its log in a scratch directory. The destructor kills and reaps it.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace p2p::relay::testing {

// A running turnserver that answers STUN on port().
class TurnServerProcess {
public:
    // Starts turnserver with `secret` on a free loopback port; throws if it does not answer.
    TurnServerProcess(const std::filesystem::path& scratch_dir, const std::string& secret);
    ~TurnServerProcess();
    TurnServerProcess(const TurnServerProcess&) = delete;
    TurnServerProcess& operator=(const TurnServerProcess&) = delete;

    std::uint16_t port() const { return port_; }
    std::string url() const { return "turn:127.0.0.1:" + std::to_string(port_); }
    std::string log() const;  // its log so far, for failure messages

private:
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
    std::filesystem::path log_file_;
};

}  // namespace p2p::relay::testing
