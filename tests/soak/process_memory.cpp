#include "tests/soak/process_memory.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace p2p::soak {

std::optional<std::size_t> status_kib(pid_t pid, std::string_view field) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (!line.starts_with(field) || line.size() <= field.size() || line[field.size()] != ':') continue;
        std::istringstream value(line.substr(field.size() + 1));
        std::size_t kib = 0;
        if (value >> kib) return kib;
    }
    return std::nullopt;
}

std::optional<pid_t> child_named(std::string_view name) {
    const pid_t self = ::getpid();
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator("/proc", ec)) {
        const std::string pid_text = entry.path().filename().string();
        if (pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream stat(entry.path() / "stat");
        std::string line;
        if (!std::getline(stat, line)) continue;
        // "pid (comm) state ppid ...": comm may hold spaces, so read from the last ')'.
        auto close = line.rfind(')');
        auto open = line.find('(');
        if (close == std::string::npos || open == std::string::npos) continue;
        std::istringstream rest(line.substr(close + 1));
        char state = 0;
        pid_t parent = 0;
        if (!(rest >> state >> parent) || parent != self) continue;
        if (line.substr(open + 1, close - open - 1) == name) return static_cast<pid_t>(std::stoi(pid_text));
    }
    return std::nullopt;
}

}  // namespace p2p::soak
