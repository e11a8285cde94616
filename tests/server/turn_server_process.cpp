#include "tests/server/turn_server_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "tests/server/loopback_ports.hpp"
#include "tests/server/turn_client.hpp"

extern char** environ;

namespace p2p::relay::testing {
namespace {

using namespace std::chrono_literals;

std::vector<std::string> turnserver_args(const std::filesystem::path& dir, const std::string& secret,
                                         std::uint16_t port) {
    // Relay ports: a random 200-port window, so concurrent test runs rarely compete for them.
    std::uint16_t min_port = static_cast<std::uint16_t>(40000 + std::random_device{}() % 100 * 200);
    std::ofstream(dir / "turnserver.conf").flush();  // empty: never read /etc/turnserver.conf
    return {"turnserver", "-c", (dir / "turnserver.conf").string(),
            "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + std::to_string(port),
            "--min-port=" + std::to_string(min_port), "--max-port=" + std::to_string(min_port + 199),
            "--use-auth-secret", "--static-auth-secret=" + secret, "--realm=p2p-call.test",
            "--no-tls", "--no-dtls", "--no-cli", "--allow-loopback-peers", "--no-software-attribute",
            "--userdb=" + (dir / "turndb").string(), "--pidfile=" + (dir / "turnserver.pid").string(),
            "--log-file=stdout", "--simple-log"};
}

pid_t spawn_logged(std::vector<std::string> args, const std::filesystem::path& log_file) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    int status = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (status != 0) throw std::runtime_error("cannot start turnserver (apt install coturn)");
    return pid;
}

}  // namespace

TurnServerProcess::TurnServerProcess(const std::filesystem::path& scratch_dir, const std::string& secret)
    : port_(free_udp_and_tcp_port()), log_file_(scratch_dir / "turnserver.log") {
    pid_ = spawn_logged(turnserver_args(scratch_dir, secret, port_), log_file_);
    TurnClient probe(port_, 100ms);
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!probe.binding_answered()) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("turnserver exited at start:\n" + log());
        }
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid_, SIGKILL);
            waitpid(pid_, &status, 0);
            throw std::runtime_error("turnserver did not answer:\n" + log());
        }
    }
}

TurnServerProcess::~TurnServerProcess() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
}

std::string TurnServerProcess::log() const {
    std::ifstream in(log_file_);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace p2p::relay::testing
