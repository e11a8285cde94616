// Reads another process's memory figures from /proc, for the soak test's leak check.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <string_view>

namespace p2p::soak {

// A "Name:   1234 kB" field of /proc/<pid>/status in KiB (VmRSS now, VmHWM the peak so far), or
// nullopt when the process or the field is gone.
std::optional<std::size_t> status_kib(pid_t pid, std::string_view field);

// The pid of this process's child whose command name (/proc/<pid>/comm) is `name`, if any:
// RelayProcess does not expose its child's pid.
std::optional<pid_t> child_named(std::string_view name);

}  // namespace p2p::soak
