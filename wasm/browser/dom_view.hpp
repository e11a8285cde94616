// The call page's DOM: log and notice, buttons, videos, chat, stats, verification code, labels in
// the page language, and the body data attributes tests and CSS follow.
#pragma once

#include <emscripten/val.h>

#include <string>
#include <string_view>
#include <vector>

#include "wasm/call_commands.hpp"
#include "wasm/call_states.hpp"
#include "wasm/log_text.hpp"

namespace p2p::client {

class DomView {
public:
    explicit DomView(Lang lang);

    Lang lang() const { return lang_; }
    std::string_view t(Text id) const { return text(id, lang_); }

    // Writes every static label in the page language.
    void apply_labels();
    // Appends "[HH:MM:SS] line" to #log (red for errors) and to the timeline; debug lines go to
    // the console only, errors to both.
    void log(LogLevel level, std::string_view line);
    void show_notice(std::string_view line, bool error);
    void clear_notice();
    void set_attribute(const char* name, std::string_view value);
    void show_controls(const ShowControls& c);
    void show_toggles(const ShowToggles& c);
    void show_peer_state(const ShowPeerState& c);
    void show_chat(bool mine, std::string_view line);
    void enable_chat(bool enabled);
    void show_verify_code(std::string_view code);
    void show_stats(const ShowStats& c);
    void show_check(const CheckReport& report);
    void show_local(const emscripten::val& stream, bool mirrored);
    void show_remote(const emscripten::val& stream);
    void clear_remote();
    void fill_devices(const emscripten::val& devices);
    // Binds `exported` (a Module.p2p_* function) to `event` of element `id`.
    void on(const char* id, const char* event, const char* exported);

    // The timeline kept for the diagnostics download: one entry per logged line.
    const std::vector<std::string>& timeline() const { return timeline_; }
    std::string chat_input();  // the input's text, which is then cleared

private:
    emscripten::val element(const char* id) const;
    void set_text(const char* id, std::string_view text) const;
    static void attach(emscripten::val video, const emscripten::val& stream);

    Lang lang_;
    emscripten::val document_;
    std::vector<std::string> timeline_;
};

}  // namespace p2p::client
