// The relay's link to Redis: one connection for commands and PUBLISH (one connection keeps a
// relay's messages in order), one subscribed to the relay's own channel; reconnects with backoff.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "server/net_types.hpp"
#include "server/redis_connection.hpp"
#include "server/redis_url.hpp"

namespace p2p::relay {

// Both connections on one strand of the relay's io_context; callable from any thread.
class ClusterLink : public std::enable_shared_from_this<ClusterLink> {
public:
    struct Events {
        std::function<void()> up;                       // both connections ready again
        std::function<void(const std::string&)> down;   // Redis lost (once per outage)
        std::function<void(std::string_view)> frame;    // a publication on our channel
    };

    ClusterLink(net::io_context& io, RedisUrl url, std::string channel, Events events);

    void start();
    // Runs `args` on the command connection; `done` (may be empty) gets the reply, or nullptr
    // when Redis is not reachable. Commands posted from one thread run in that order.
    void command(std::vector<std::string> args, RedisConnection::ReplyHandler done);

    bool is_up() const { return up_; }
    // Commands posted but not answered yet (shutdown waits for the last leaves to reach Redis).
    std::size_t in_flight() const { return in_flight_; }
    // How many connection attempts failed so far, and why the last one did.
    unsigned failures() const { return failures_; }
    std::string last_error() const;
    RedisConnection::Strand& strand() { return strand_; }

    // Closes both connections; only once the io_context has stopped.
    void shutdown();

private:
    void connect();
    void on_part_ready();
    void on_closed(const std::string& why);
    void retry_later();

    RedisConnection::Strand strand_;
    RedisUrl url_;
    std::string channel_;
    Events events_;
    net::steady_timer retry_timer_;
    std::chrono::milliseconds backoff_;
    std::shared_ptr<RedisConnection> commands_;
    std::shared_ptr<RedisConnection> subscriber_;
    int parts_ready_ = 0;
    bool stopped_ = false;
    std::atomic<bool> up_{false};
    std::atomic<std::size_t> in_flight_{0};
    std::atomic<unsigned> failures_{0};
    mutable std::mutex error_mutex_;
    std::string last_error_;
};

}  // namespace p2p::relay
