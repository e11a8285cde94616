#include "tests/server/redis_server_process.hpp"

#include "tests/server/loopback_ports.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace p2p::relay::testing {
namespace {

using namespace std::chrono_literals;

std::string reply_text(const redisReply* reply) {
    if (reply == nullptr) return "(no reply)";
    switch (reply->type) {
        case REDIS_REPLY_INTEGER:
            return std::to_string(reply->integer);
        case REDIS_REPLY_NIL:
            return "(nil)";
        case REDIS_REPLY_ARRAY: {
            std::string text;
            for (std::size_t i = 0; i < reply->elements; ++i) text += (i ? "\n" : "") + reply_text(reply->element[i]);
            return text;
        }
        default:
            return std::string(reply->str, reply->len);
    }
}

struct ContextFree {
    void operator()(redisContext* context) const { redisFree(context); }
};

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

RedisServerProcess::RedisServerProcess(const std::filesystem::path& scratch_dir, std::uint16_t port)
    : port_(port != 0 ? port : free_tcp_port()), log_file_(scratch_dir / ("redis-" + std::to_string(port_) + ".log")) {
    std::vector<std::string> args{"redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1",
                                  "--save", "", "--appendonly", "no", "--dir", scratch_dir.string()};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int status = posix_spawnp(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (status != 0) throw std::runtime_error("cannot start redis-server (apt install redis-server)");
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (command({"PING"}) != "PONG") {
        int child = 0;
        if (waitpid(pid_, &child, WNOHANG) == pid_ || std::chrono::steady_clock::now() > deadline) {
            kill();
            throw std::runtime_error("redis-server did not answer:\n" + read_file(log_file_));
        }
        std::this_thread::sleep_for(20ms);
    }
}

RedisServerProcess::~RedisServerProcess() { kill(); }

void RedisServerProcess::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
}

std::string RedisServerProcess::command(const std::vector<std::string>& args) const {
    timeval timeout{2, 0};
    std::unique_ptr<redisContext, ContextFree> context(redisConnectWithTimeout("127.0.0.1", port_, timeout));
    if (!context || context->err) return "(cannot connect)";
    redisSetTimeout(context.get(), timeout);
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (const std::string& arg : args) {
        argv.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    auto* reply = static_cast<redisReply*>(
        redisCommandArgv(context.get(), static_cast<int>(argv.size()), argv.data(), lengths.data()));
    std::string text = reply_text(reply);
    if (reply != nullptr) freeReplyObject(reply);
    return text;
}

}  // namespace p2p::relay::testing
