#include "wasm/browser/stats_reader.hpp"

#include <string>

#include "wasm/browser/js.hpp"

namespace p2p::client {

using emscripten::val;

namespace {

double number(const val& stat, const char* field) {
    val v = stat[field];
    return v.isNumber() ? v.as<double>() : 0;
}

// The candidate pair in use: the transport's selectedCandidatePairId, else the nominated one.
val selected_pair(const val& report, const val& entries) {
    for (int i = 0, n = js::to_int(entries["length"], 0); i < n; ++i) {
        val s = entries[i];
        if (js::to_string(s["type"]) == "transport" && s["selectedCandidatePairId"].isString()) {
            return report.call<val>("get", s["selectedCandidatePairId"]);
        }
    }
    for (int i = 0, n = js::to_int(entries["length"], 0); i < n; ++i) {
        val s = entries[i];
        if (js::to_string(s["type"]) == "candidate-pair" && s["nominated"].as<bool>() &&
            js::to_string(s["state"]) == "succeeded") {
            return s;
        }
    }
    return val::undefined();
}

}  // namespace

StatsSample read_stats(const val& report) {
    StatsSample out;
    out.at_ms = val::global("performance").call<double>("now");
    val entries = val::global("Array").call<val>("from", report.call<val>("values"));
    for (int i = 0, n = js::to_int(entries["length"], 0); i < n; ++i) {
        val s = entries[i];
        std::string type = js::to_string(s["type"]);
        if (type == "inbound-rtp") {
            out.bytes_received += static_cast<std::uint64_t>(number(s, "bytesReceived"));
            out.packets_received += static_cast<std::uint64_t>(number(s, "packetsReceived"));
            out.packets_lost += static_cast<std::int64_t>(number(s, "packetsLost"));
            if (js::to_string(s["kind"]) != "video") continue;
            out.frames_decoded = number(s, "framesDecoded");
            out.frame_width = static_cast<int>(number(s, "frameWidth"));
            out.frame_height = static_cast<int>(number(s, "frameHeight"));
        } else if (type == "outbound-rtp") {
            out.bytes_sent += static_cast<std::uint64_t>(number(s, "bytesSent"));
        }
    }
    val pair = selected_pair(report, entries);
    if (pair.isUndefined() || pair.isNull()) return out;
    if (pair["currentRoundTripTime"].isNumber()) out.rtt_ms = number(pair, "currentRoundTripTime") * 1000;
    val local = report.call<val>("get", pair["localCandidateId"]);
    if (!local.isUndefined()) {
        out.candidate_type = js::to_string(local["candidateType"]);
        out.protocol = js::to_string(local["protocol"]);
        out.relay_protocol = js::to_string(local["relayProtocol"]);
    }
    val remote = report.call<val>("get", pair["remoteCandidateId"]);
    if (!remote.isUndefined()) {
        out.remote_candidate_type = js::to_string(remote["candidateType"]);
        // "address" in both engines now; "ip" in older ones.
        val address = remote["address"].isString() ? remote["address"] : remote["ip"];
        out.remote_address = js::to_string(address) + ":" + std::to_string(js::to_int(remote["port"], 0));
    }
    return out;
}

}  // namespace p2p::client
