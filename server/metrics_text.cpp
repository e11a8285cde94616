#include "server/metrics_text.hpp"

namespace p2p::relay {
namespace {

void header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
    out.append("# HELP p2p_relay_").append(name).append(" ").append(help).append("\n");
    out.append("# TYPE p2p_relay_").append(name).append(" ").append(type).append("\n");
}

void metric(std::string& out, std::string_view name, std::string_view type, std::string_view help,
            std::uint64_t value) {
    header(out, name, type, help);
    out.append("p2p_relay_").append(name).append(" ").append(std::to_string(value)).append("\n");
}

void labelled(std::string& out, std::string_view name, std::string_view label, std::string_view help,
              const std::vector<std::pair<std::string_view, std::uint64_t>>& values) {
    header(out, name, "counter", help);
    for (const auto& [key, value] : values) {
        out.append("p2p_relay_").append(name).append("{").append(label).append("=\"").append(key);
        out.append("\"} ").append(std::to_string(value)).append("\n");
    }
}

}  // namespace

std::string render_metrics(const MetricsSnapshot& s) {
    std::string out;
    metric(out, "accepting", "gauge", "1 while accepting connections, 0 while shutting down.", s.accepting ? 1 : 0);
    metric(out, "connections", "gauge", "Open TCP connections (HTTPS and WSS).", s.connections_open);
    metric(out, "connections_total", "counter", "TCP connections accepted.", s.connections_total);
    metric(out, "peers", "gauge", "WebSocket peers in rooms.", s.peers);
    metric(out, "rooms", "gauge", "Rooms with at least one peer.", s.rooms);
    metric(out, "messages_relayed_total", "counter", "Signalling messages forwarded.", s.messages_relayed);
    metric(out, "bytes_relayed_total", "counter", "Bytes of signalling messages forwarded.", s.bytes_relayed);
    metric(out, "tls_handshake_failures_total", "counter", "TLS handshakes that failed or timed out.",
           s.handshake_failures);
    labelled(out, "errors_total", "code", "Error replies sent to peers, by code.", s.errors_by_code);
    labelled(out, "rejected_total", "reason", "Connections or peers refused or dropped, by reason.",
             s.rejected_by_reason);
    labelled(out, "seats_total", "outcome",
             "Seats of pages whose socket died: held for the resume window, resumed by the page, expired.",
             s.seats_by_outcome);
    if (s.heap_in_use_bytes) {
        metric(out, "heap_in_use_bytes", "gauge",
               "Heap bytes allocated and not freed (glibc mallinfo2), whether or not freed pages went back.",
               *s.heap_in_use_bytes);
    }
    return out;
}

}  // namespace p2p::relay
