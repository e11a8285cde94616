#include "bench/load/load_run.hpp"

#include <unistd.h>

#include <algorithm>
#include <thread>

#include "bench/load/connection_budget.hpp"

namespace p2p::load {
namespace {

using Clock = LoadRun::Clock;

Clock::duration seconds(double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

// Frames still in flight when sending stops get this long to arrive before they count as lost.
constexpr double kDrainSeconds = 15;
constexpr double kCloseSeconds = 120;

}  // namespace

LoadResult LoadRun::run() {
    LoadResult result;
    result.options = options_;
    result.server_before_open = server_sample();
    result.connections = plan_connections(result);
    if (result.connections == 0) {
        result.notes.push_back("no connections to open");
        return result;
    }
    make_engines(result.connections);
    open_all(result);
    if (result.opened_all) {
        if (options_.mode == LoadOptions::Mode::idle) idle(result);
        else traffic(result);
    }
    close_all(result);
    for (const auto& engine : engines_) result.traffic.merge(engine->tally());
    add_notes(result);
    return result;
}

std::size_t LoadRun::plan_connections(LoadResult& result) const {
    if (options_.mode != LoadOptions::Mode::idle) return options_.rooms * 2;
    const ConnectionBudget budget = idle_connection_budget(result.server_before_open, options_.client_threads);
    if (options_.connections_max) {
        result.connection_limit = budget.limited_by;
        return budget.connections;
    }
    const std::size_t wanted = options_.connections ? options_.connections : options_.rooms * 2;
    if (wanted > budget.connections) {
        result.notes.push_back(std::to_string(wanted) + " connections do not fit: " + budget.limited_by +
                               " allows " + std::to_string(budget.connections) + "; use --connections max");
        return 0;
    }
    return wanted;
}

void LoadRun::make_engines(std::size_t connections) {
    const std::size_t rooms = connections / 2;
    const std::size_t threads = std::clamp<std::size_t>(options_.client_threads, 1, rooms);
    std::size_t first_room = 0;
    for (std::size_t t = 0; t < threads; ++t) {
        const std::size_t slice_rooms = rooms / threads + (t < rooms % threads ? 1 : 0);
        EngineSlice slice;
        slice.target = options_.target;
        slice.port = options_.port;
        slice.answer_port = options_.answer_port.value_or(0);
        slice.first = first_room * 2;
        slice.count = slice_rooms * 2;
        slice.message_bytes = options_.message_bytes;
        slice.handshakes_in_flight = options_.handshakes_in_flight;
        slice.room_prefix = options_.room_prefix;
        engines_.push_back(std::make_unique<TrafficEngine>(slice));
        first_room += slice_rooms;
    }
}

template <typename Job, typename Meanwhile>
void LoadRun::on_every_engine(Job job, Meanwhile meanwhile) {
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < engines_.size(); ++i) {
        threads.emplace_back([&job, this, i] { job(*engines_[i], i); });
    }
    meanwhile();
}  // the jthreads join here

void LoadRun::open_all(LoadResult& result) {
    const Clock::time_point start = Clock::now();
    const Clock::time_point deadline = start + seconds(options_.open_timeout);
    std::vector<char> opened(engines_.size(), 0);
    on_every_engine([&](TrafficEngine& engine, std::size_t i) { opened[i] = engine.open_all(deadline); }, [] {});
    result.open_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    result.opened_all = std::all_of(opened.begin(), opened.end(), [](char ok) { return ok != 0; });
    result.server_after_open = server_sample();
}

void LoadRun::traffic(LoadResult& result) {
    const Clock::time_point start = Clock::now() + std::chrono::milliseconds(100);
    const Clock::time_point from = start + seconds(options_.warmup);
    const Clock::time_point to = from + seconds(options_.seconds);
    const double total = static_cast<double>(result.connections);
    std::vector<char> drained(engines_.size(), 0);
    on_every_engine(
        [&](TrafficEngine& engine, std::size_t i) {
            engine.set_window(from, to);
            engine.run_until(start);
            if (options_.mode == LoadOptions::Mode::pingpong) engine.start_pingpong(options_.window);
            else engine.start_stream(options_.rate * static_cast<double>(engine.ready()) / total, start);
            engine.run_until(to);
            engine.stop_sending();
            drained[i] = engine.drain(Clock::now() + seconds(kDrainSeconds));
        },
        [&] { sample_window(result, from, to); });
    result.drained = std::all_of(drained.begin(), drained.end(), [](char ok) { return ok != 0; });
}

void LoadRun::idle(LoadResult& result) {
    // The warm-up lets the server finish what the handshakes left behind before memory is read.
    const Clock::time_point from = Clock::now() + seconds(options_.warmup);
    const Clock::time_point to = from + seconds(options_.seconds);
    on_every_engine([&](TrafficEngine& engine, std::size_t) { engine.run_until(to); },
                    [&] { sample_window(result, from, to); });
}

void LoadRun::close_all(LoadResult& result) {
    const Clock::time_point deadline = Clock::now() + seconds(kCloseSeconds);
    std::vector<char> closed(engines_.size(), 0);
    on_every_engine([&](TrafficEngine& engine, std::size_t i) { closed[i] = engine.close_all(deadline); }, [] {});
    result.closed_all = std::all_of(closed.begin(), closed.end(), [](char ok) { return ok != 0; });
    // The server notices the last closes and frees their memory a moment later.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    result.server_after_close = server_sample();
}

void LoadRun::sample_window(LoadResult& result, Clock::time_point from, Clock::time_point to) const {
    std::this_thread::sleep_until(from);
    result.server_from = server_sample();
    result.server_b_from = server_b_sample();
    result.client_from = ProcessSample::of(::getpid());
    std::this_thread::sleep_until(to);
    result.server_to = server_sample();
    result.server_b_to = server_b_sample();
    result.client_to = ProcessSample::of(::getpid());
    result.measured_seconds =
        result.client_from && result.client_to
            ? std::chrono::duration<double>(result.client_to->taken - result.client_from->taken).count()
            : std::chrono::duration<double>(to - from).count();
}

std::optional<ProcessSample> LoadRun::sample_of(std::optional<pid_t> pid) {
    if (!pid) return std::nullopt;
    return ProcessSample::of(*pid);
}

void LoadRun::add_notes(LoadResult& result) const {
    if (result.client_from && result.client_to) {
        const double client = cpu_percent(*result.client_from, *result.client_to);
        if (client > 90.0 * static_cast<double>(engines_.size())) {
            result.notes.push_back("the client used " + std::to_string(static_cast<int>(client)) +
                                   "% of a core: it may have been the bottleneck, so the server figures are a lower bound");
        }
    }
    if (options_.mode == LoadOptions::Mode::stream && result.measured_seconds > 0) {
        const double sent_rate = static_cast<double>(result.traffic.measured_sent) / result.measured_seconds;
        if (sent_rate < 0.97 * options_.rate) {
            result.notes.push_back("frames went out at " + std::to_string(static_cast<long>(sent_rate)) +
                                   "/s, below the requested --rate");
        }
    }
    if (!result.opened_all) result.notes.push_back("not every connection opened (and paired) in time");
    if (!result.drained) result.notes.push_back("frames were still missing " + std::to_string(kDrainSeconds) + " s after sending stopped");
    if (!result.closed_all) result.notes.push_back("not every connection closed cleanly");
    if (!options_.server_pid) result.notes.push_back("no --server-pid: no server CPU or memory figures");
}

}  // namespace p2p::load
