// The deterministic core of the model test: simulated time, one seeded PRNG per run, the task
// queue every simulated component schedules on, and the optional trace of what happened.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace p2p::client::model {

// Simulated time in microseconds: milliseconds alone would make too many things simultaneous.
using SimTime = std::int64_t;
inline constexpr SimTime kMs = 1000;
inline constexpr SimTime kSecond = 1000 * kMs;

// xoshiro256** seeded through splitmix64: small, fast, and the same sequence on every machine
// (std::uniform_int_distribution is not specified bit for bit, so it is not used).
class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        for (auto& word : state_) word = splitmix(seed);
    }
    std::uint64_t next() {
        const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = rotl(state_[3], 45);
        return result;
    }
    // Inclusive on both ends.
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        if (hi <= lo) return lo;
        return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    SimTime ms(std::int64_t lo, std::int64_t hi) { return between(lo * kMs, hi * kMs); }
    bool chance(int percent) { return between(0, 99) < percent; }
    // An index into `weights`, each chosen in proportion to its weight.
    std::size_t pick(const std::vector<int>& weights) {
        int total = 0;
        for (int w : weights) total += w;
        auto roll = static_cast<int>(between(0, total - 1));
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (roll < weights[i]) return i;
            roll -= weights[i];
        }
        return weights.size() - 1;
    }

private:
    static std::uint64_t splitmix(std::uint64_t& x) {
        std::uint64_t z = (x += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t state_[4];
};

// Tasks ordered by time, then by the order they were scheduled: the same seed replays the same run.
class Scheduler {
public:
    SimTime now() const { return now_; }
    void at(SimTime when, std::function<void()> task) {
        heap_.push_back(Task{std::max(when, now_), next_seq_++, std::move(task)});
        std::push_heap(heap_.begin(), heap_.end(), Later{});
    }
    void after(SimTime delay, std::function<void()> task) { at(now_ + delay, std::move(task)); }

    // Runs every task due up to `until`; `after_each` sees the world after each one (the ICE
    // fabric re-evaluates connectivity there, and the continuous invariants are checked).
    template <typename AfterEach>
    void run_until(SimTime until, AfterEach&& after_each) {
        while (!heap_.empty() && heap_.front().when <= until) {
            std::pop_heap(heap_.begin(), heap_.end(), Later{});
            Task task = std::move(heap_.back());
            heap_.pop_back();
            now_ = task.when;
            task.run();
            ++tasks_run_;
            after_each();
        }
        now_ = std::max(now_, until);
    }
    std::uint64_t tasks_run() const { return tasks_run_; }

private:
    struct Task {
        SimTime when;
        std::uint64_t seq;
        std::function<void()> run;
    };
    struct Later {
        bool operator()(const Task& a, const Task& b) const {
            return a.when != b.when ? a.when > b.when : a.seq > b.seq;
        }
    };
    std::vector<Task> heap_;
    SimTime now_ = 0;
    std::uint64_t next_seq_ = 0;
    std::uint64_t tasks_run_ = 0;
};

// What a run did, line by line. Off in the bulk runs (formatting costs more than simulating);
// a failing seed is replayed with it on, which is exact because nothing here touches the PRNG.
class Trace {
public:
    explicit Trace(bool enabled) : enabled_(enabled) {}
    bool on() const { return enabled_; }
    void add(SimTime at, std::string line);
    // The last `count` lines (all of them for 0), one per line of text.
    std::string tail(std::size_t count) const;

private:
    bool enabled_;
    std::deque<std::string> lines_;
};

std::string format_time(SimTime at);

// What every simulated component needs: the clock, the run's PRNG and the trace.
struct SimEnv {
    Scheduler& clock;
    Rng& rng;
    Trace& trace;
};

}  // namespace p2p::client::model
