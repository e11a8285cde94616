#include "server/cluster_link.hpp"

#include <algorithm>

#include "server/log.hpp"

namespace p2p::relay {
namespace {

// Reconnect delays: quick at first (a restarting Redis is back in a second), capped so an outage
// costs one attempt every few seconds.
constexpr std::chrono::milliseconds kFirstRetry{250};
constexpr std::chrono::milliseconds kMaxRetry{4000};

}  // namespace

ClusterLink::ClusterLink(net::io_context& io, RedisUrl url, std::string channel, Events events)
    : strand_(net::make_strand(io)),
      url_(std::move(url)),
      channel_(std::move(channel)),
      events_(std::move(events)),
      retry_timer_(strand_),
      backoff_(kFirstRetry) {}

void ClusterLink::start() {
    net::post(strand_, [self = shared_from_this()] { self->connect(); });
}

void ClusterLink::connect() {
    if (stopped_) return;
    parts_ready_ = 0;
    commands_ = std::make_shared<RedisConnection>(strand_);
    subscriber_ = std::make_shared<RedisConnection>(strand_);
    std::weak_ptr<ClusterLink> weak = weak_from_this();
    auto closed = [weak](const std::string& why) {
        if (auto self = weak.lock()) self->on_closed(why);
    };
    std::string problem = commands_->open(url_, closed);
    if (problem.empty()) problem = subscriber_->open(url_, closed);
    if (!problem.empty()) return on_closed(problem);
    // PING proves AUTH and SELECT went through; a refused AUTH fails here.
    commands_->command({"PING"}, [weak](const RedisValue* reply) {
        auto self = weak.lock();
        if (!self) return;
        // No reply: the connection ended, and its closed handler says why.
        if (reply == nullptr) return;
        if (reply->is_error()) return self->on_closed(reply->text);
        self->on_part_ready();
    });
    subscriber_->subscribe(channel_, [weak] {
        if (auto self = weak.lock()) self->on_part_ready();
    }, [weak](std::string_view payload) {
        if (auto self = weak.lock()) self->events_.frame(payload);
    });
}

void ClusterLink::on_part_ready() {
    if (++parts_ready_ < 2) return;
    backoff_ = kFirstRetry;
    up_ = true;
    log(LogLevel::info, "connected to Redis", {{"url", url_.redacted()}, {"channel", channel_}});
    events_.up();
}

void ClusterLink::on_closed(const std::string& why) {
    if (stopped_ || (!commands_ && !subscriber_)) return;  // the other connection already reported
    {
        std::lock_guard lock(error_mutex_);
        last_error_ = why;
    }
    ++failures_;
    bool was_up = up_.exchange(false);
    // Closing from a posted handler: never from inside hiredis.
    net::post(strand_, [commands = std::move(commands_), subscriber = std::move(subscriber_)] {
        if (commands) commands->close();
        if (subscriber) subscriber->close();
    });
    log(LogLevel::error, was_up ? "lost Redis" : "cannot reach Redis",
        {{"url", url_.redacted()}, {"error", why}, {"retry_ms", std::to_string(backoff_.count())}});
    if (was_up) events_.down(why);
    retry_later();
}

void ClusterLink::retry_later() {
    retry_timer_.expires_after(backoff_);
    backoff_ = std::min(backoff_ * 2, kMaxRetry);
    retry_timer_.async_wait([weak = weak_from_this()](beast::error_code ec) {
        auto self = weak.lock();
        if (!ec && self) self->connect();
    });
}

void ClusterLink::command(std::vector<std::string> args, RedisConnection::ReplyHandler done) {
    ++in_flight_;
    net::post(strand_, [self = shared_from_this(), args = std::move(args), done = std::move(done)]() mutable {
        auto finish = [self, done = std::move(done)](const RedisValue* reply) {
            --self->in_flight_;
            if (done) done(reply);
        };
        if (!self->up_ || !self->commands_) return finish(nullptr);
        self->commands_->command(args, std::move(finish));
    });
}

std::string ClusterLink::last_error() const {
    std::lock_guard lock(error_mutex_);
    return last_error_;
}

void ClusterLink::shutdown() {
    stopped_ = true;
    up_ = false;
    retry_timer_.cancel();
    if (commands_) commands_->close();
    if (subscriber_) subscriber_->close();
    commands_.reset();
    subscriber_.reset();
}

}  // namespace p2p::relay
