// One p2p-load run from start to finish: split the connections over client threads, open them,
// warm up, measure while sampling the server, drain, close, and gather the result.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "bench/load/load_options.hpp"
#include "bench/load/load_result.hpp"
#include "bench/load/traffic_engine.hpp"

namespace p2p::load {

// The calling thread only keeps time and samples /proc; each client thread owns one engine, so
// no connection state is ever shared between threads.
class LoadRun {
public:
    using Clock = std::chrono::steady_clock;

    explicit LoadRun(LoadOptions options) : options_(std::move(options)) {}
    LoadResult run();

private:
    std::size_t plan_connections(LoadResult& result) const;
    void make_engines(std::size_t connections);
    // Runs job(engine, index) on one thread per engine while `meanwhile()` runs here; joins all.
    template <typename Job, typename Meanwhile>
    void on_every_engine(Job job, Meanwhile meanwhile);
    void open_all(LoadResult& result);
    void traffic(LoadResult& result);
    void idle(LoadResult& result);
    void close_all(LoadResult& result);
    void sample_window(LoadResult& result, Clock::time_point from, Clock::time_point to) const;
    std::optional<ProcessSample> server_sample() const { return sample_of(options_.server_pid); }
    std::optional<ProcessSample> server_b_sample() const { return sample_of(options_.server_pid_b); }
    static std::optional<ProcessSample> sample_of(std::optional<pid_t> pid);
    void add_notes(LoadResult& result) const;

    LoadOptions options_;
    std::vector<std::unique_ptr<TrafficEngine>> engines_;
};

}  // namespace p2p::load
