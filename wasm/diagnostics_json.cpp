#include "wasm/diagnostics_json.hpp"

#include "wasm/connection_check.hpp"
#include "shared/ascii.hpp"

namespace p2p::client {

std::string json_quote(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20) {
            out += "\\u00";
            ascii::append_hex(out, byte);
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

// The connection check's last result, or null when none finished.
std::string check_json(const CheckReport& check) {
    if (check.state != CheckState::Done) return "null";
    std::string out = "{\n";
    member(out, "verdict", json_quote(verdict_name(check.verdict)));
    const char* names[] = {"stun", "turnUdp", "turnTcp", "turnTls"};
    for (std::size_t i = 0; i < kProbeKinds; ++i) member(out, names[i], json_quote(outcome_name(check.outcomes[i])));
    member(out, "nat", json_quote(mapping_name(check.mapping)));
    std::string mapped = "[";
    for (std::size_t i = 0; i < check.mapped.size(); ++i) mapped += (i ? ", " : "") + json_quote(check.mapped[i]);
    member(out, "reflexive", mapped + "]", true);
    return out + "  }";
}

}  // namespace

std::string diagnostics_json(const std::vector<std::string>& timeline, const StatsView& stats,
                             std::string_view call_state, std::string_view user_agent, const CheckReport& check) {
    std::string out = "{\n  \"userAgent\": " + json_quote(user_agent) + ",\n  \"callState\": " +
                      json_quote(call_state) + ",\n  \"timeline\": [";
    for (std::size_t i = 0; i < timeline.size(); ++i) {
        out += (i ? ",\n    " : "\n    ") + json_quote(timeline[i]);
    }
    out += timeline.empty() ? "],\n" : "\n  ],\n";
    out += "  \"connectionCheck\": " + check_json(check) + ",\n";
    out += "  \"lastStats\": {\n";
    member(out, "rttMs", stats.rtt_ms < 0 ? "null" : format_decimal(stats.rtt_ms, 1));
    member(out, "inKbps", format_decimal(stats.in_kbps, 1));
    member(out, "outKbps", format_decimal(stats.out_kbps, 1));
    member(out, "fps", format_decimal(stats.fps, 1));
    member(out, "lossPercent", format_decimal(stats.loss_percent, 2));
    member(out, "width", format_decimal(stats.width, 0));
    member(out, "height", format_decimal(stats.height, 0));
    member(out, "path", json_quote(stats.path));
    member(out, "transport", json_quote(stats.transport));
    member(out, "localCandidateType", json_quote(stats.local_type));
    member(out, "remoteCandidateType", json_quote(stats.remote_type), true);
    return out + "  }\n}\n";
}

}  // namespace p2p::client
