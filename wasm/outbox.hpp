// Where every part of the call machine writes what the browser should do: the commands of the
// current event, the timers (each kind has one live token; a fired timer with an older token is
// stale), and which notice the banner over the video shows now, so a part clears only its own.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <utility>

#include "shared/codec.hpp"
#include "wasm/call_commands.hpp"

namespace p2p::client {

class Outbox {
public:
    void emit(CallCommand command) { out_.push_back(std::move(command)); }
    CallCommands take() { return std::exchange(out_, {}); }

    void send(const Message& message) { emit(SendMessage{encode(message)}); }

    void log(LogLevel level, Text text, std::string detail = {}) {
        emit(Log{level, text, std::move(detail), false});
    }
    // A log line that also becomes the banner over the video.
    void notice(LogLevel level, Text text, std::string detail = {}) {
        notice_ = text;
        emit(Log{level, text, std::move(detail), true});
    }
    void clear_notice() {
        notice_.reset();
        emit(ClearNotice{});
    }
    // Clears the banner only while it shows `text`: a newer notice stays.
    void clear_notice(Text text) {
        if (notice_ == text) clear_notice();
    }
    bool showing(Text text) const { return notice_ == text; }

    void start_timer(TimerKind kind, int delay_ms) { emit(StartTimer{kind, ++token(kind), delay_ms}); }
    void cancel_timer(TimerKind kind) { ++token(kind); }
    bool is_current(const TimerFired& fired) const { return timers_[static_cast<int>(fired.kind)] == fired.token; }

private:
    unsigned& token(TimerKind kind) { return timers_[static_cast<int>(kind)]; }

    CallCommands out_;
    std::array<unsigned, kTimerKinds> timers_{};
    std::optional<Text> notice_;
};

}  // namespace p2p::client
