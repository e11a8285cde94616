#include "bench/load/process_sample.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>

namespace p2p::load {
namespace {

std::string proc_path(pid_t pid, std::string_view leaf) {
    return "/proc/" + std::to_string(pid) + "/" + std::string(leaf);
}

// utime + stime in seconds from /proc/<pid>/stat (fields 14 and 15; comm may hold spaces).
std::optional<double> cpu_seconds_of(pid_t pid) {
    std::ifstream stat(proc_path(pid, "stat"));
    std::string line;
    if (!std::getline(stat, line)) return std::nullopt;
    const auto close = line.rfind(')');
    if (close == std::string::npos) return std::nullopt;
    std::istringstream fields(line.substr(close + 2));
    std::string skipped;
    for (int field = 3; field < 14; ++field) fields >> skipped;
    unsigned long long utime = 0, stime = 0;
    if (!(fields >> utime >> stime)) return std::nullopt;
    return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// A "Name:   1234 kB" line of /proc/<pid>/status, in KiB.
std::size_t status_kib(const std::string& status, std::string_view field) {
    const std::string key = "\n" + std::string(field) + ":";
    const auto at = status.find(key);
    if (at == std::string::npos) return 0;
    return std::stoull(status.substr(at + key.size()));
}

std::size_t count_open_files(pid_t pid) {
    std::error_code ec;
    std::size_t count = 0;
    for (auto it = std::filesystem::directory_iterator(proc_path(pid, "fd"), ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        ++count;
    }
    return count;
}

std::size_t read_open_files_limit(pid_t pid) {
    std::ifstream limits(proc_path(pid, "limits"));
    std::string line;
    while (std::getline(limits, line)) {
        if (!line.starts_with("Max open files")) continue;
        std::istringstream values(line.substr(14));
        std::size_t soft = 0;
        if (values >> soft) return soft;
    }
    return 0;
}

}  // namespace

std::optional<ProcessSample> ProcessSample::of(pid_t pid) {
    ProcessSample sample;
    sample.taken = std::chrono::steady_clock::now();
    auto cpu = cpu_seconds_of(pid);
    if (!cpu) return std::nullopt;
    sample.cpu_seconds = *cpu;
    std::ifstream status_file(proc_path(pid, "status"));
    const std::string status = "\n" + std::string(std::istreambuf_iterator<char>(status_file), {});
    sample.rss_kib = status_kib(status, "VmRSS");
    sample.hwm_kib = status_kib(status, "VmHWM");
    sample.open_files = count_open_files(pid);
    sample.open_files_limit = read_open_files_limit(pid);
    return sample;
}

double cpu_percent(const ProcessSample& before, const ProcessSample& after) {
    const double wall = std::chrono::duration<double>(after.taken - before.taken).count();
    return wall > 0 ? 100.0 * (after.cpu_seconds - before.cpu_seconds) / wall : 0;
}

}  // namespace p2p::load
