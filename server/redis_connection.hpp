// A thin Asio adapter around one hiredis async connection: hiredis owns the socket and the
// protocol; Asio only waits until the socket is readable or writable and tells hiredis.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/net_types.hpp"
#include "server/redis_url.hpp"
#include "server/redis_value.hpp"

struct redisAsyncContext;

namespace p2p::relay {

// One connection to Redis. Every member must run on the strand given to the constructor, which
// is also where all handlers are called.
class RedisConnection : public std::enable_shared_from_this<RedisConnection> {
public:
    using Strand = net::strand<net::io_context::executor_type>;
    // The reply, or nullptr when the connection ended before it came.
    using ReplyHandler = std::function<void(const RedisValue*)>;
    using MessageHandler = std::function<void(std::string_view payload)>;
    using ClosedHandler = std::function<void(const std::string& why)>;

    explicit RedisConnection(Strand strand);
    ~RedisConnection();
    RedisConnection(const RedisConnection&) = delete;
    RedisConnection& operator=(const RedisConnection&) = delete;

    // Starts connecting (AUTH and SELECT go first when the URL asks for them). `on_closed` runs
    // once when the connection fails or ends, unless close() ended it. Returns an error when it
    // failed at once (e.g. an unresolvable host).
    std::string open(const RedisUrl& url, ClosedHandler on_closed);

    // Queues a command; `done` (may be empty) gets its reply. Binary-safe arguments.
    void command(const std::vector<std::string>& args, ReplyHandler done);
    // Subscribes to `channel`: `subscribed` once Redis confirmed, then `message` per publication.
    void subscribe(const std::string& channel, std::function<void()> subscribed, MessageHandler message);

    // Replies still to come for queued commands.
    std::size_t pending() const { return pending_; }
    bool is_open() const { return context_ != nullptr; }
    // Ends the connection now, without calling `on_closed`; queued handlers get nullptr. Must not
    // be called from inside one of this connection's handlers (post it instead).
    void close();

private:
    struct Subscription;
    static void on_reply(redisAsyncContext* context, void* reply, void* handler);
    static void on_message(redisAsyncContext* context, void* reply, void* subscription);
    static void add_read(void* self);
    static void del_read(void* self);
    static void add_write(void* self);
    static void del_write(void* self);
    static void cleanup(void* self);

    void attach();
    void arm_read();
    void arm_write();
    void on_cleanup();

    Strand strand_;
    redisAsyncContext* context_ = nullptr;
    std::optional<net::posix::stream_descriptor> socket_;  // hiredis' fd; released, never closed by us
    bool want_read_ = false;
    bool want_write_ = false;
    bool read_waiting_ = false;
    bool write_waiting_ = false;
    bool closing_ = false;  // our own close(): handlers get nullptr, on_closed stays silent
    std::size_t pending_ = 0;
    ClosedHandler on_closed_;
    std::unique_ptr<Subscription> subscription_;  // hiredis calls it for every message
};

}  // namespace p2p::relay
