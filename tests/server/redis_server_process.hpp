// Runs `redis-server` on 127.0.0.1 as a child process for the rooms-across-relays tests: no
// persistence, no config file, a random free port. The destructor kills and reaps it.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace p2p::relay::testing {

// A running redis-server that answers PING on port().
class RedisServerProcess {
public:
    // Starts redis-server on `port` (0: a free one); throws if it does not answer in time.
    explicit RedisServerProcess(const std::filesystem::path& scratch_dir, std::uint16_t port = 0);
    ~RedisServerProcess();
    RedisServerProcess(const RedisServerProcess&) = delete;
    RedisServerProcess& operator=(const RedisServerProcess&) = delete;

    std::uint16_t port() const { return port_; }
    std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
    // SIGKILL and reap: Redis gone without a goodbye.
    void kill();

    // Runs one command over a fresh connection; the reply as text (arrays joined by '\n').
    std::string command(const std::vector<std::string>& args) const;

private:
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
    std::filesystem::path log_file_;
};

}  // namespace p2p::relay::testing
