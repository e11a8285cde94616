// One readable line per event, command and signalling message, for the trace of a failing run.
#pragma once

#include <string>
#include <string_view>

#include "wasm/call_commands.hpp"
#include "wasm/call_events.hpp"

namespace p2p::client::model {

std::string describe(const CallEvent& event);
// Empty for the commands a trace is better without (console logs, toggles' paint).
std::string describe(const CallCommand& command);
// "offer[pc3 offer#2 p3g1 actpass +media]" for a signalling frame.
std::string describe_message(std::string_view text);

// The unqualified name of a type, from the compiler's own spelling of it.
template <typename T>
constexpr std::string_view type_label() {
    std::string_view name = __PRETTY_FUNCTION__;
    std::size_t start = name.find("T = ");
    if (start == std::string_view::npos) return "?";
    start += 4;
    std::size_t end = name.find_first_of(";]", start);
    name = name.substr(start, end - start);
    std::size_t colon = name.rfind("::");
    return colon == std::string_view::npos ? name : name.substr(colon + 2);
}

}  // namespace p2p::client::model
