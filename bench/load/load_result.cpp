#include "bench/load/load_result.hpp"

#include <cstdio>
#include <sstream>

namespace p2p::load {
namespace {

using nlohmann::json;

json optional_kib(const std::optional<ProcessSample>& sample) {
    return sample ? json(sample->rss_kib) : json(nullptr);
}

double per_second(std::uint64_t count, double seconds) {
    return seconds > 0 ? static_cast<double>(count) / seconds : 0;
}

double microseconds(std::int64_t ns) { return static_cast<double>(ns) / 1000.0; }

json latency_json(const HdrHistogram& latency) {
    return {{"samples", latency.count()},
            {"p50", microseconds(latency.percentile_ns(0.50))},
            {"p99", microseconds(latency.percentile_ns(0.99))},
            {"p999", microseconds(latency.percentile_ns(0.999))},
            {"max", microseconds(latency.max_ns())},
            {"mean", latency.mean_ns() / 1000.0}};
}

json server_json(const LoadResult& r) {
    if (!r.server_from || !r.server_to) return nullptr;
    json out = {{"cpu_percent_of_one_core", cpu_percent(*r.server_from, *r.server_to)},
                {"rss_kib_before_open", optional_kib(r.server_before_open)},
                {"rss_kib_after_open", optional_kib(r.server_after_open)},
                {"rss_kib_window_start", r.server_from->rss_kib},
                {"rss_kib_window_end", r.server_to->rss_kib},
                {"rss_kib_after_close", optional_kib(r.server_after_close)},
                {"hwm_kib", r.server_to->hwm_kib},
                {"open_files_window_end", r.server_to->open_files},
                {"open_files_limit", r.server_to->open_files_limit}};
    if (r.options.mode == LoadOptions::Mode::idle && r.server_before_open && r.connections > 0) {
        const double delta_kib = static_cast<double>(r.server_to->rss_kib) - static_cast<double>(r.server_before_open->rss_kib);
        out["idle_rss_bytes_per_connection"] = delta_kib * 1024.0 / static_cast<double>(r.connections);
    }
    return out;
}

// The second relay of a split run (--server-pid-b) over the measured window, and both relays' CPU.
json server_b_json(const LoadResult& r) {
    if (!r.server_b_from || !r.server_b_to) return nullptr;
    const double cpu_b = cpu_percent(*r.server_b_from, *r.server_b_to);
    json out = {{"cpu_percent_of_one_core", cpu_b},
                {"rss_kib_window_start", r.server_b_from->rss_kib},
                {"rss_kib_window_end", r.server_b_to->rss_kib},
                {"hwm_kib", r.server_b_to->hwm_kib}};
    if (r.server_from && r.server_to) out["both_cpu_percent_of_one_core"] = cpu_percent(*r.server_from, *r.server_to) + cpu_b;
    return out;
}

// CPU seconds the servers used in the measured window: both relays when the run was split over two.
double server_cpu_seconds(const LoadResult& r) {
    double cpu = r.server_to->cpu_seconds - r.server_from->cpu_seconds;
    if (r.server_b_from && r.server_b_to) cpu += r.server_b_to->cpu_seconds - r.server_b_from->cpu_seconds;
    return cpu;
}

json options_json(const LoadOptions& o) {
    return {{"target", o.target.name()}, {"mode", o.mode_name()},        {"port", o.port},
            {"answer_port", o.answer_port ? json(*o.answer_port) : json(nullptr)},
            {"rooms", o.rooms},          {"seconds", o.seconds},         {"warmup", o.warmup},
            {"rate", o.rate},            {"window", o.window},           {"client_threads", o.client_threads},
            {"message_bytes", o.message_bytes}, {"handshakes_in_flight", o.handshakes_in_flight}};
}

// Messages per second of server CPU: unlike messages/s it does not depend on how much CPU the
// server got, so it stays comparable on a busy machine. Split runs count both relays (not Redis).
json per_cpu_second(const LoadResult& r) {
    if (!r.server_from || !r.server_to) return nullptr;
    const double cpu = server_cpu_seconds(r);
    return cpu > 0 ? json(static_cast<double>(r.traffic.measured_delivered) / cpu) : json(nullptr);
}

json traffic_json(const LoadResult& r) {
    const TrafficTally& t = r.traffic;
    return {{"sent", t.sent},
            {"delivered", t.delivered},
            {"measured_delivered", t.measured_delivered},
            {"messages_per_second", per_second(t.measured_delivered, r.measured_seconds)},
            {"sent_per_second", per_second(t.measured_sent, r.measured_seconds)},
            {"messages_per_server_cpu_second", per_cpu_second(r)},
            {"lost", t.lost},
            {"duplicated", t.duplicated},
            {"misrouted", t.misrouted},
            {"broadcast_dropped", t.broadcast_dropped},
            {"errors", t.errors},
            {"first_errors", t.first_errors},
            {"max_client_write_queue", t.max_write_queue},
            {"latency_us", latency_json(t.latency)}};
}

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

}  // namespace

json LoadResult::to_json() const {
    json out = {{"command", options.command_line},
                {"options", options_json(options)},
                {"ok", ok()},
                {"connections", connections},
                {"connections_ready", traffic.ready},
                {"connections_closed_cleanly", traffic.closed_cleanly},
                {"measured_seconds", measured_seconds},
                {"open_seconds", open_seconds},
                {"traffic", traffic_json(*this)},
                {"server", server_json(*this)},
                {"server_b", server_b_json(*this)},
                {"client_cpu_percent_of_one_core",
                 client_from && client_to ? json(cpu_percent(*client_from, *client_to)) : json(nullptr)},
                {"notes", notes}};
    if (!connection_limit.empty()) out["connection_limit"] = connection_limit;
    return out;
}

std::string LoadResult::to_text() const {
    const json j = to_json();
    std::ostringstream out;
    out << "command: " << options.command_line << "\n"
        << "target " << options.target.name() << ", mode " << options.mode_name() << ", connections " << connections
        << " (ready " << traffic.ready << ", opened in " << fixed(open_seconds, 1) << " s), measured " << fixed(measured_seconds, 2) << " s\n";
    if (!connection_limit.empty()) out << "connections limited by " << connection_limit << "\n";
    if (options.mode != LoadOptions::Mode::idle) {
        const json& t = j["traffic"];
        const json& l = t["latency_us"];
        out << "messages/s " << fixed(t["messages_per_second"], 0) << " (sent/s " << fixed(t["sent_per_second"], 0)
            << ", per server CPU-second "
            << (t["messages_per_server_cpu_second"].is_null() ? std::string("?") : fixed(t["messages_per_server_cpu_second"], 0))
            << "), latency us p50 " << fixed(l["p50"], 1) << " p99 " << fixed(l["p99"], 1) << " p99.9 "
            << fixed(l["p999"], 1) << " max " << fixed(l["max"], 1) << " (" << l["samples"] << " samples)\n";
    }
    out << "sent " << traffic.sent << ", delivered " << traffic.delivered << ", lost " << traffic.lost
        << ", duplicated " << traffic.duplicated << ", misrouted " << traffic.misrouted << ", errors " << traffic.errors
        << "\n";
    if (const json& s = j["server"]; !s.is_null()) {
        out << "server CPU " << fixed(s["cpu_percent_of_one_core"], 2) << "% of a core, RSS KiB before open "
            << s["rss_kib_before_open"] << ", window start " << s["rss_kib_window_start"] << ", window end "
            << s["rss_kib_window_end"] << ", peak " << s["hwm_kib"] << "\n";
        if (s.contains("idle_rss_bytes_per_connection")) {
            out << "idle RSS per connection " << fixed(s["idle_rss_bytes_per_connection"], 0) << " bytes\n";
        }
    }
    if (const json& b = j["server_b"]; !b.is_null()) {
        out << "server B (--answer-port) CPU " << fixed(b["cpu_percent_of_one_core"], 2) << "% of a core, RSS KiB window end "
            << b["rss_kib_window_end"] << ", peak " << b["hwm_kib"] << "\n";
    }
    if (!j["client_cpu_percent_of_one_core"].is_null()) {
        out << "client CPU " << fixed(j["client_cpu_percent_of_one_core"], 1) << "% of a core ("
            << options.client_threads << " thread(s))\n";
    }
    for (const std::string& note : notes) out << "note: " << note << "\n";
    for (const std::string& error : traffic.first_errors) out << "error: " << error << "\n";
    out << (ok() ? "result: ok\n" : "result: FAILED\n");
    return out.str();
}

}  // namespace p2p::load
