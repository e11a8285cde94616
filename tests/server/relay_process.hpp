// Runs the real p2p-relay binary as a child process for integration tests. The destructor kills
// and reaps the child, so a failing test never leaves a relay behind.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace p2p::relay::testing {

using namespace std::chrono_literals;

// The relay binary under test (from the P2P_RELAY_BINARY compile definition).
std::string relay_binary();

// --port 0 --address 127.0.0.1 --state-dir S --web-root W: what most integration tests run.
std::vector<std::string> loopback_args(const std::filesystem::path& state_dir,
                                       const std::filesystem::path& web_root);

// A running relay whose stdout has been read up to and including its start-up URLs.
class RelayProcess {
public:
    // Starts the relay and waits for "listening on ...:PORT"; throws if it does not appear in time.
    explicit RelayProcess(const std::vector<std::string>& args,
                          std::chrono::milliseconds startup_timeout = 10s);
    ~RelayProcess();
    RelayProcess(const RelayProcess&) = delete;
    RelayProcess& operator=(const RelayProcess&) = delete;

    std::uint16_t port() const { return port_; }
    pid_t pid() const { return pid_; }
    const std::vector<std::string>& stdout_lines() const { return lines_; }

    // Sends `signal_number` and waits; the exit code (128+N if killed by signal N) or nullopt.
    std::optional<int> stop(int signal_number, std::chrono::milliseconds timeout);

private:
    void read_startup_lines(std::chrono::milliseconds timeout);

    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    std::uint16_t port_ = 0;
    std::vector<std::string> lines_;
};

// Resident memory of process `pid` in KiB (VmRSS), for "memory does not grow" checks.
std::size_t resident_kib(pid_t pid);

// The relay binary's flags for a loopback relay plus `extra` flags.
std::vector<std::string> loopback_args_with(const std::filesystem::path& dir, std::vector<std::string> extra);

// Output and exit code of a relay run that is expected to exit by itself (e.g. --help).
struct FinishedRun {
    std::optional<int> exit_code;  // nullopt if it had to be killed after the timeout
    std::string out;
    std::string err;
};
FinishedRun run_relay_to_exit(const std::vector<std::string>& args,
                              std::chrono::milliseconds timeout = 10s);

}  // namespace p2p::relay::testing
