#include "wasm/diagnostics_json.hpp"

namespace p2p::client {

std::string json_quote(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\"";
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            out += "\\u00";
            out += kHex[byte >> 4];
            out += kHex[byte & 15];
        } else {
            out += c;  // UTF-8 passes through: JSON text is UTF-8
        }
    }
    return out + "\"";
}

namespace {

// One `"name": value` member of the lastStats object; numbers are finite by construction.
void member(std::string& out, std::string_view name, const std::string& value, bool last = false) {
    out += "    " + json_quote(name) + ": " + value + (last ? "\n" : ",\n");
}

}  // namespace

std::string diagnostics_json(const std::vector<std::string>& timeline, const StatsView& stats,
                             std::string_view call_state, std::string_view user_agent) {
    std::string out = "{\n  \"userAgent\": " + json_quote(user_agent) + ",\n  \"callState\": " +
                      json_quote(call_state) + ",\n  \"timeline\": [";
    for (std::size_t i = 0; i < timeline.size(); ++i) {
        out += (i ? ",\n    " : "\n    ") + json_quote(timeline[i]);
    }
    out += timeline.empty() ? "],\n" : "\n  ],\n";
    out += "  \"lastStats\": {\n";
    member(out, "rttMs", stats.rtt_ms < 0 ? "null" : format_decimal(stats.rtt_ms, 1));
    member(out, "inKbps", format_decimal(stats.in_kbps, 1));
    member(out, "outKbps", format_decimal(stats.out_kbps, 1));
    member(out, "fps", format_decimal(stats.fps, 1));
    member(out, "lossPercent", format_decimal(stats.loss_percent, 2));
    member(out, "width", format_decimal(stats.width, 0));
    member(out, "height", format_decimal(stats.height, 0));
    member(out, "candidateType", json_quote(stats.candidate_type), true);
    return out + "  }\n}\n";
}

}  // namespace p2p::client
