#include "tests/server/relay_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string_view>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace p2p::relay::testing {
namespace {

using Clock = std::chrono::steady_clock;

struct Child {
    pid_t pid = -1;
    int out = -1;
    int err = -1;  // -1 when stderr is inherited
};

// Starts the relay with stdout (and optionally stderr) connected to pipes we read.
Child spawn_relay(const std::vector<std::string>& args, bool capture_stderr) {
    int out_pipe[2];
    int err_pipe[2] = {-1, -1};
    if (pipe2(out_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    if (capture_stderr && pipe2(err_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
    if (capture_stderr) posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);

    std::vector<std::string> argv_storage{relay_binary()};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    // The tsan preset runs every relay on several threads, where a data race can show.
    const char* threads = std::getenv("P2P_TEST_RELAY_THREADS");
    if (threads && *threads && std::find(args.begin(), args.end(), "--threads") == args.end()) {
        argv_storage.insert(argv_storage.end(), {"--threads", threads});
    }
    std::vector<char*> argv;
    for (std::string& arg : argv_storage) argv.push_back(arg.data());
    argv.push_back(nullptr);

    Child child;
    int status = posix_spawn(&child.pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out_pipe[1]);
    if (capture_stderr) close(err_pipe[1]);
    if (status != 0) throw std::runtime_error("posix_spawn failed for " + argv_storage[0]);
    child.out = out_pipe[0];
    child.err = err_pipe[0];
    return child;
}

int exit_code_of(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

std::optional<int> wait_for_exit(pid_t pid, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (true) {
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid) return exit_code_of(status);
        if (Clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(5ms);
    }
}

void kill_and_reap(pid_t pid) {
    if (pid <= 0) return;
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
}

// Appends whatever `fd` has to `text`; false on EOF or error.
bool drain(int fd, std::string& text) {
    char chunk[4096];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    text.append(chunk, static_cast<std::size_t>(n));
    return true;
}

// The port in the relay's first line, "listening on <address>:<port>"; nullopt for any other line.
std::optional<std::uint16_t> listening_port(std::string_view line) {
    constexpr std::string_view kPrefix = "listening on ";
    const std::size_t colon = line.rfind(':');
    if (!line.starts_with(kPrefix) || colon == std::string_view::npos || colon + 1 == line.size()) return std::nullopt;
    unsigned long port = 0;
    for (char c : line.substr(colon + 1)) {
        if (c < '0' || c > '9' || (port = port * 10 + static_cast<unsigned long>(c - '0')) > 65535) return std::nullopt;
    }
    return static_cast<std::uint16_t>(port);
}

}  // namespace

std::string relay_binary() { return P2P_RELAY_BINARY; }

std::vector<std::string> loopback_args(const std::filesystem::path& state_dir,
                                       const std::filesystem::path& web_root) {
    return {"--port", "0", "--address", "127.0.0.1", "--state-dir", state_dir.string(),
            "--web-root", web_root.string()};
}

std::vector<std::string> loopback_args_with(const std::filesystem::path& dir, std::vector<std::string> extra) {
    std::vector<std::string> args = loopback_args(dir / "state", dir);
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

std::size_t resident_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("VmRSS:")) return std::stoul(line.substr(6));
    }
    return 0;
}

RelayProcess::RelayProcess(const std::vector<std::string>& args,
                           std::chrono::milliseconds startup_timeout) {
    Child child = spawn_relay(args, /*capture_stderr=*/false);
    pid_ = child.pid;
    stdout_fd_ = child.out;
    try {
        read_startup_lines(startup_timeout);
    } catch (...) {
        kill_and_reap(pid_);
        close(stdout_fd_);
        throw;
    }
}

RelayProcess::~RelayProcess() {
    kill_and_reap(pid_);
    if (stdout_fd_ >= 0) close(stdout_fd_);
}

void RelayProcess::read_startup_lines(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    std::string text;
    // The URL lines are written with the same flush as the first line, so wait for the last one.
    while (text.find("localhost") == std::string::npos || text.back() != '\n') {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        pollfd ready{stdout_fd_, POLLIN, 0};
        if (left.count() <= 0 || poll(&ready, 1, static_cast<int>(left.count())) <= 0 ||
            !drain(stdout_fd_, text)) {
            throw std::runtime_error("relay did not print its start-up lines; got: " + text);
        }
    }
    for (std::size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
        lines_.push_back(text.substr(start, end - start));
    }
    std::optional<std::uint16_t> port = lines_.empty() ? std::nullopt : listening_port(lines_[0]);
    if (!port) throw std::runtime_error("unexpected first line: " + text);
    port_ = *port;
}

std::optional<int> RelayProcess::stop(int signal_number, std::chrono::milliseconds timeout) {
    if (pid_ <= 0) return std::nullopt;
    kill(pid_, signal_number);
    std::optional<int> code = wait_for_exit(pid_, timeout);
    if (code) pid_ = -1;
    return code;
}

FinishedRun run_relay_to_exit(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
    Child child = spawn_relay(args, /*capture_stderr=*/true);
    FinishedRun run;
    const auto deadline = Clock::now() + timeout;
    bool out_open = true;
    bool err_open = true;
    while ((out_open || err_open) && Clock::now() < deadline) {
        pollfd fds[2] = {{out_open ? child.out : -1, POLLIN, 0}, {err_open ? child.err : -1, POLLIN, 0}};
        if (poll(fds, 2, 100) <= 0) continue;
        if (fds[0].revents) out_open = drain(child.out, run.out);
        if (fds[1].revents) err_open = drain(child.err, run.err);
    }
    run.exit_code = wait_for_exit(child.pid, std::chrono::duration_cast<std::chrono::milliseconds>(
                                                 std::max(deadline - Clock::now(), Clock::duration(0))));
    if (!run.exit_code) kill_and_reap(child.pid);
    close(child.out);
    close(child.err);
    return run;
}

}  // namespace p2p::relay::testing
