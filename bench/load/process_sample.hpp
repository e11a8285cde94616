// One look at a process through /proc: CPU time used so far, memory now and at peak, open files.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace p2p::load {

// Figures of one process at one moment; `taken` is when they were read.
struct ProcessSample {
    std::chrono::steady_clock::time_point taken;
    double cpu_seconds = 0;     // utime + stime
    std::size_t rss_kib = 0;    // VmRSS
    std::size_t hwm_kib = 0;    // VmHWM, the peak RSS so far
    std::size_t open_files = 0;
    std::size_t open_files_limit = 0;  // soft "Max open files"

    // Reads /proc/<pid>; nullopt when the process is gone.
    static std::optional<ProcessSample> of(pid_t pid);
};

// CPU use between two samples as a percentage of one core (200 = two cores busy).
double cpu_percent(const ProcessSample& before, const ProcessSample& after);

}  // namespace p2p::load
