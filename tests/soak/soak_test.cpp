// Issue #4's soak: 2,000 WSS connections in 1,000 rooms against the real relay, messages flowing
// for 60 s (P2P_SOAK_SECONDS to shorten), every message counted at both ends, and the relay's
// resident memory back near its baseline once everyone has left.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bench/load/room_load.hpp"
#include "tests/server/relay_process.hpp"
#include "tests/server/temp_dir.hpp"
#include "tests/server/test_clients.hpp"
#include "tests/soak/open_file_limit.hpp"
#include "tests/soak/process_memory.hpp"
#include "tests/soak/relay_flags.hpp"

namespace p2p::soak {
namespace {

using namespace std::chrono_literals;
using relay::testing::RelayProcess;
using relay::testing::TempDir;

std::size_t env_number(const char* name, std::size_t fallback) {
    const char* text = std::getenv(name);
    if (!text || !*text) return fallback;
    return static_cast<std::size_t>(std::stoull(text));
}

// The relay's defaults are sized for real calls (a few connections per address, tens of messages a
// second); 2,000 loopback peers from one address need them lifted. Passed only if --help lists them.
std::vector<std::string> lifting_flags() {
    auto help = relay::testing::run_relay_to_exit({"--help"});
    return supported_flags(help.out + help.err, {
                                                    {"--max-connections", "8192"},
                                                    {"--max-connections-per-ip", "8192"},
                                                    {"--max-handshakes", "8192"},
                                                    {"--max-handshakes-per-ip", "8192"},
                                                    {"--max-rooms", "4096"},
                                                    {"--rate", "1000"},
                                                    {"--burst", "1000"},
                                                    {"--log-level", "warn"},
                                                });
}

std::size_t rss_kib(pid_t pid) { return status_kib(pid, "VmRSS").value_or(0); }

// The real relay on loopback with the caps lifted (plus `extra` flags), serving an empty page from
// temporary folders that live exactly as long as it.
class LiftedRelay {
public:
    explicit LiftedRelay(const std::vector<std::string>& extra = {}) : process_(arguments(extra)) {}
    std::uint16_t port() const { return process_.port(); }

private:
    std::vector<std::string> arguments(const std::vector<std::string>& extra) {
        web_root_.write("index.html", "<!doctype html>");
        std::vector<std::string> args = relay::testing::loopback_args(state_dir_.path(), web_root_.path());
        const std::vector<std::string> lifted = lifting_flags();
        args.insert(args.end(), lifted.begin(), lifted.end());
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    }

    TempDir state_dir_;  // both made before the relay starts, removed after it stops
    TempDir web_root_;
    RelayProcess process_;
};

// Opens, exercises and closes `rooms` rooms, so the relay's lazily built state (TLS context,
// registry tables, allocator arenas) exists before a baseline is taken.
void warm_up(std::uint16_t port, std::size_t rooms, std::chrono::seconds seconds) {
    load::LoadPlan plan;
    plan.port = port;
    plan.rooms = rooms;
    plan.room_prefix = "warmup-";
    plan.messages_per_second = 1000;
    load::RoomLoad warm(plan);
    ASSERT_TRUE(warm.open_all());
    warm.stream(seconds);
    ASSERT_TRUE(warm.drain(30s));
    ASSERT_TRUE(warm.close_all(60s));
    ASSERT_TRUE(warm.report().clean()) << warm.report().summary();
}

// Polls until the relay's RSS falls to `limit` KiB (freed memory may return to the OS lazily).
std::size_t settled_rss_kib(pid_t pid, std::size_t limit, std::chrono::seconds patience) {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    std::size_t rss = rss_kib(pid);
    while (rss > limit && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(250ms);
        rss = rss_kib(pid);
    }
    return rss;
}

// One full load: open every room, stream, drain, close; `peak_kib` keeps the highest RSS seen.
struct RoundResult {
    load::LoadReport report;
    bool opened = false;
    bool drained = false;
    bool closed = false;
    double open_seconds = 0;
};

RoundResult run_round(const load::LoadPlan& plan, std::chrono::seconds seconds, pid_t pid, std::size_t& peak_kib) {
    RoundResult result;
    load::RoomLoad soak(plan);
    const auto open_start = std::chrono::steady_clock::now();
    result.opened = soak.open_all();
    result.open_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - open_start).count();
    peak_kib = std::max(peak_kib, rss_kib(pid));
    if (result.opened) soak.stream(seconds, [&] { peak_kib = std::max(peak_kib, rss_kib(pid)); });
    result.drained = result.opened && soak.drain(30s);
    peak_kib = std::max(peak_kib, rss_kib(pid));
    result.closed = soak.close_all(60s);
    result.report = soak.report();
    return result;
}

TEST(Soak, TwoThousandConnectionsInAThousandRoomsForAMinute) {
    const std::size_t rooms = env_number("P2P_SOAK_ROOMS", 1000);
    const auto seconds = std::chrono::seconds(env_number("P2P_SOAK_SECONDS", 60));
    const double rate = static_cast<double>(env_number("P2P_SOAK_RATE", 4000));
    // Both ends of every connection live on this machine: ours here, the relay's in the child.
    ASSERT_GE(raise_open_file_limit(rooms * 2 + 1024), rooms * 2 + 256);

    // glibc keeps freed heap top up to a threshold it raises by itself after large frees, which
    // would hide "memory is back" behind allocator policy; a fixed threshold makes freed memory
    // show in RSS, so what stays is what the relay still holds.
    ::setenv("MALLOC_TRIM_THRESHOLD_", "131072", /*overwrite=*/0);
    LiftedRelay relay;
    const std::optional<pid_t> pid = child_named("p2p-relay");
    ASSERT_TRUE(pid) << "cannot find the relay's pid";

    // Cold baseline: after 50 connections. The relay hands freed pages back to the system when its
    // last connection closes (server/free_memory), but allocator fragmentation and first-use tables
    // sized for 2,000 peers stay, so the leak check compares against a warm baseline: after one
    // full-size open/stream/close round, RSS must come back to it. Both are printed.
    warm_up(relay.port(), 25, 1s);
    std::this_thread::sleep_for(1s);
    const std::size_t cold_baseline_kib = rss_kib(*pid);
    warm_up(relay.port(), rooms, 5s);
    std::this_thread::sleep_for(1s);
    const std::size_t baseline_kib = rss_kib(*pid);

    load::LoadPlan plan;
    plan.port = relay.port();
    plan.rooms = rooms;
    plan.room_prefix = "soak-";
    plan.messages_per_second = rate;
    // Extra rounds (P2P_SOAK_ROUNDS) tell a leak, which grows every round, from allocator reuse.
    const std::size_t rounds = std::max<std::size_t>(1, env_number("P2P_SOAK_ROUNDS", 1));
    // 25% (at least 8 MiB) absorbs allocator noise, not a leak of a few KiB per connection or tens
    // of bytes per message (2,000 connections, ~240,000 messages), which would show above it.
    const std::size_t slack_kib = std::max<std::size_t>(8 * 1024, baseline_kib / 4);
    std::size_t peak_kib = 0;
    std::size_t after_kib = 0;
    RoundResult result;
    for (std::size_t round = 1; round <= rounds; ++round) {
        result = run_round(plan, seconds, *pid, peak_kib);
        after_kib = settled_rss_kib(*pid, baseline_kib + slack_kib, 15s);
        std::cout << "soak: round " << round << " opened in " << result.open_seconds << " s, relay RSS after "
                  << after_kib << " KiB" << std::endl;
    }
    const load::LoadReport& report = result.report;
    const bool opened = result.opened;
    const bool drained = result.drained;
    const bool closed = result.closed;

    std::cout << "soak: relay RSS cold baseline (50 connections) " << cold_baseline_kib << " KiB, warm baseline ("
              << rooms * 2 << " connections) " << baseline_kib << " KiB\n";
    std::cout << "soak: relay flags:";
    for (const auto& arg : lifting_flags()) std::cout << ' ' << arg;
    std::cout << "\n" << report.summary() << "relay RSS: baseline " << baseline_kib << " KiB, peak " << peak_kib
              << " KiB (VmHWM " << status_kib(*pid, "VmHWM").value_or(0) << " KiB), after close " << after_kib
              << " KiB (limit " << baseline_kib + slack_kib << " KiB)" << std::endl;

    EXPECT_TRUE(opened) << "not every room got both peers in time";
    EXPECT_TRUE(drained) << "some messages never arrived";
    EXPECT_TRUE(closed) << "some connections did not close";
    EXPECT_EQ(report.connections_paired, rooms * 2);
    EXPECT_EQ(report.errors, 0u);
    EXPECT_EQ(report.lost, 0u);
    EXPECT_EQ(report.duplicated, 0u);
    EXPECT_EQ(report.misrouted, 0u);
    EXPECT_EQ(report.received, report.sent);
    EXPECT_GT(report.sent, 0u);
    EXPECT_LE(after_kib, baseline_kib + slack_kib) << "the relay kept memory after everyone left";
}

// What /metrics says for `name` (a gauge without labels), if it says anything.
std::optional<std::uint64_t> gauge(std::uint16_t port, std::string_view name) {
    const std::string text = relay::testing::https_request(port, relay::http::verb::get, "/metrics").body();
    std::string key = "\n";  // appended, not "\n" + ...: GCC 12's -O2 warns falsely on that (stringop-overflow)
    key.append(name).append(" ");
    const std::size_t at = text.find(key);
    if (at == std::string::npos) return std::nullopt;
    return std::stoull(text.substr(at + key.size()));
}

// The heap the relay holds once every connection of a wave has gone (the /metrics request itself is
// the one connection left).
std::optional<std::uint64_t> heap_after_close(std::uint16_t port) {
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    while (gauge(port, "p2p_relay_connections").value_or(0) > 1 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(100ms);
    }
    return gauge(port, "p2p_relay_heap_in_use_bytes");
}

// Issue 26, item 3: waves of idle WSS connections (both peers of each room joined, no traffic),
// each wave closed before the next. What a closed wave leaves behind must be small at once and
// gone once the keep-alive wheel has come round, and the heap then held must not creep up wave
// after wave: it is bounded by the largest wave, not by how many have come and gone.
TEST(SoakHeap, HeapAfterCloseLevelsOffWaveAfterWave) {
    const std::size_t rooms = env_number("P2P_HEAP_WAVE_ROOMS", 500);
    const std::size_t waves = std::max<std::size_t>(3, env_number("P2P_HEAP_WAVES", 4));
    const std::size_t connections = rooms * 2;
    // A short idle timeout turns the wheel in 3 s, so each wave can be seen after it has.
    const auto idle_timeout = 3s;
    ASSERT_GE(raise_open_file_limit(connections + 1024), connections + 256);
    LiftedRelay relay({"--idle-timeout", std::to_string(idle_timeout.count())});
    const std::optional<std::uint64_t> start = heap_after_close(relay.port());
    if (!start) GTEST_SKIP() << "this relay's C library cannot say how much heap it holds";

    std::vector<std::uint64_t> settled;
    for (std::size_t wave = 1; wave <= waves; ++wave) {
        load::LoadPlan plan;
        plan.port = relay.port();
        plan.rooms = rooms;
        plan.room_prefix = "wave" + std::to_string(wave) + "-";
        load::RoomLoad load(plan);
        ASSERT_TRUE(load.open_all()) << "wave " << wave;
        ASSERT_TRUE(load.close_all(60s)) << "wave " << wave;
        const std::uint64_t at_once = heap_after_close(relay.port()).value_or(0);
        std::this_thread::sleep_for(idle_timeout + 500ms);  // every slot of the wheel has come round
        settled.push_back(heap_after_close(relay.port()).value_or(0));
        std::cout << "[ figure ] heap after wave " << wave << " of " << connections << " connections: "
                  << at_once << " B as the last closed, " << settled.back() << " B once the wheel came round (before "
                  << "the first wave: " << *start << " B)" << std::endl;
        // What the wheel still holds of a closed session until its slot comes round: a weak_ptr's
        // control block, not the session (which is ~450 B: a whole wave would leave ~450 KB).
        EXPECT_LE(at_once, settled.back() + connections * 128) << "wave " << wave;
    }
    // The first two waves build what the relay keeps for good (tables sized for a wave: wave 1
    // settled 0.96-0.99 MB, wave 2 and later 1.015-1.018 MB in every run so far); later waves find
    // it in place. 64 KiB is below a leak of even 100 B per connection of one more wave.
    for (std::size_t wave = 3; wave <= waves; ++wave) {
        EXPECT_LE(settled[wave - 1], settled[1] + 64 * 1024) << "wave " << wave << " holds more than wave 2 did";
    }
}

}  // namespace
}  // namespace p2p::soak
