// The call page's DOM: log panel, start button, the two videos and the body state attributes.
#pragma once

#include <emscripten/val.h>

#include <string_view>

#include "wasm/call_commands.hpp"
#include "wasm/call_states.hpp"

namespace p2p::client {

class DomView {
public:
    DomView();

    // Appends "[HH:MM:SS] line" to #log (red for errors); debug lines go to the console only.
    void log(LogLevel level, std::string_view line);
    void set_signalling(SignallingState state);
    void set_call(CallState state);
    void show_start(bool visible);
    void show_local(const emscripten::val& stream);
    void show_remote(const emscripten::val& stream);
    void clear_remote();

    void set_start_handler(const emscripten::val& handler);

private:
    static void attach(emscripten::val video, const emscripten::val& stream);

    emscripten::val document_;
    emscripten::val log_;
    emscripten::val start_;
    emscripten::val local_video_;
    emscripten::val remote_video_;
};

}  // namespace p2p::client
