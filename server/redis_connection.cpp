#include "server/redis_connection.hpp"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

namespace p2p::relay {
namespace {

RedisValue copy_reply(const redisReply& reply) {
    RedisValue value;
    switch (reply.type) {
        case REDIS_REPLY_INTEGER:
            value.type = RedisValue::Type::integer;
            value.integer = reply.integer;
            break;
        case REDIS_REPLY_STRING:
        case REDIS_REPLY_STATUS:
        case REDIS_REPLY_ERROR:
            value.type = reply.type == REDIS_REPLY_STRING   ? RedisValue::Type::string
                         : reply.type == REDIS_REPLY_STATUS ? RedisValue::Type::status
                                                            : RedisValue::Type::error;
            value.text.assign(reply.str, reply.len);
            break;
        case REDIS_REPLY_ARRAY:
            value.type = RedisValue::Type::array;
            for (std::size_t i = 0; i < reply.elements; ++i) value.items.push_back(copy_reply(*reply.element[i]));
            break;
        default:
            break;
    }
    return value;
}

RedisConnection& owner(void* self) { return *static_cast<RedisConnection*>(self); }

}  // namespace

// What hiredis calls for every message on the subscribed channel (it never frees it).
struct RedisConnection::Subscription {
    std::function<void()> subscribed;
    MessageHandler message;
};

RedisConnection::RedisConnection(Strand strand) : strand_(std::move(strand)) {}

RedisConnection::~RedisConnection() { close(); }

std::string RedisConnection::open(const RedisUrl& url, ClosedHandler on_closed) {
    context_ = redisAsyncConnect(url.host.c_str(), url.port);
    if (context_ == nullptr) return "out of memory";
    if (context_->err != 0) {
        std::string why = context_->errstr;
        redisAsyncFree(context_);
        context_ = nullptr;
        return why;
    }
    on_closed_ = std::move(on_closed);
    attach();
    if (!url.password.empty()) {
        command(url.user.empty() ? std::vector<std::string>{"AUTH", url.password}
                                 : std::vector<std::string>{"AUTH", url.user, url.password}, {});
    }
    if (url.db != 0) command({"SELECT", std::to_string(url.db)}, {});
    return {};
}

void RedisConnection::attach() {
    context_->data = this;
    context_->ev.data = this;
    context_->ev.addRead = &RedisConnection::add_read;
    context_->ev.delRead = &RedisConnection::del_read;
    context_->ev.addWrite = &RedisConnection::add_write;
    context_->ev.delWrite = &RedisConnection::del_write;
    context_->ev.cleanup = &RedisConnection::cleanup;
    socket_.emplace(strand_, context_->c.fd);
}

void RedisConnection::command(const std::vector<std::string>& args, ReplyHandler done) {
    if (context_ == nullptr) {
        if (done) net::post(strand_, [done = std::move(done)] { done(nullptr); });
        return;
    }
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (const std::string& arg : args) {
        argv.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    auto handler = std::make_unique<ReplyHandler>(std::move(done));
    int status = redisAsyncCommandArgv(context_, &RedisConnection::on_reply, handler.get(),
                                       static_cast<int>(argv.size()), argv.data(), lengths.data());
    if (status != REDIS_OK) {
        if (*handler) net::post(strand_, [done = std::move(*handler)] { done(nullptr); });
        return;
    }
    handler.release();  // on_reply owns it now
    ++pending_;
}

void RedisConnection::subscribe(const std::string& channel, std::function<void()> subscribed,
                                MessageHandler message) {
    subscription_ = std::make_unique<Subscription>(Subscription{std::move(subscribed), std::move(message)});
    if (context_ == nullptr) return;
    const char* argv[] = {"SUBSCRIBE", channel.data()};
    std::size_t lengths[] = {9, channel.size()};
    redisAsyncCommandArgv(context_, &RedisConnection::on_message, subscription_.get(), 2, argv, lengths);
}

void RedisConnection::on_reply(redisAsyncContext* context, void* reply, void* handler) {
    std::unique_ptr<ReplyHandler> done(static_cast<ReplyHandler*>(handler));
    RedisConnection& self = owner(context->data);
    --self.pending_;
    if (!*done) return;
    if (reply == nullptr || self.closing_) return (*done)(nullptr);
    RedisValue value = copy_reply(*static_cast<redisReply*>(reply));
    (*done)(&value);
}

void RedisConnection::on_message(redisAsyncContext*, void* reply, void* subscription) {
    // Pushes are ["subscribe", channel, count] once, then ["message", channel, payload].
    auto* r = static_cast<redisReply*>(reply);
    if (r == nullptr || r->type != REDIS_REPLY_ARRAY || r->elements != 3) return;
    auto& handlers = *static_cast<Subscription*>(subscription);
    std::string_view kind(r->element[0]->str, r->element[0]->len);
    if (kind == "subscribe" && handlers.subscribed) handlers.subscribed();
    if (kind == "message" && r->element[2]->type == REDIS_REPLY_STRING) {
        handlers.message(std::string_view(r->element[2]->str, r->element[2]->len));
    }
}

void RedisConnection::add_read(void* self) {
    owner(self).want_read_ = true;
    owner(self).arm_read();
}

void RedisConnection::del_read(void* self) { owner(self).want_read_ = false; }

void RedisConnection::add_write(void* self) {
    owner(self).want_write_ = true;
    owner(self).arm_write();
}

void RedisConnection::del_write(void* self) { owner(self).want_write_ = false; }

void RedisConnection::cleanup(void* self) { owner(self).on_cleanup(); }

void RedisConnection::arm_read() {
    if (read_waiting_ || !socket_) return;
    read_waiting_ = true;
    socket_->async_wait(net::posix::stream_descriptor::wait_read, [self = shared_from_this()](beast::error_code ec) {
        self->read_waiting_ = false;
        if (ec || self->context_ == nullptr || !self->want_read_) return;
        redisAsyncHandleRead(self->context_);  // may end the connection (cleanup)
        if (self->context_ != nullptr && self->want_read_) self->arm_read();
    });
}

void RedisConnection::arm_write() {
    if (write_waiting_ || !socket_) return;
    write_waiting_ = true;
    socket_->async_wait(net::posix::stream_descriptor::wait_write, [self = shared_from_this()](beast::error_code ec) {
        self->write_waiting_ = false;
        if (ec || self->context_ == nullptr || !self->want_write_) return;
        redisAsyncHandleWrite(self->context_);
        if (self->context_ != nullptr && self->want_write_) self->arm_write();
    });
}

void RedisConnection::on_cleanup() {
    // hiredis frees the context and closes the fd right after this hook returns.
    std::string why = context_->err != 0 ? context_->errstr : "connection closed";
    context_ = nullptr;
    if (socket_) {
        beast::error_code ignored;
        socket_->cancel(ignored);
        socket_->release();
        socket_.reset();
    }
    if (!closing_ && on_closed_) net::post(strand_, [done = std::move(on_closed_), why] { done(why); });
}

void RedisConnection::close() {
    if (context_ == nullptr) return;
    closing_ = true;
    redisAsyncFree(context_);  // pending handlers get nullptr, then cleanup runs
}

}  // namespace p2p::relay
