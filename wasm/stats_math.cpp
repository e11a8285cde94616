#include "wasm/stats_math.hpp"

#include <cmath>

namespace p2p::client {

namespace {

double per_second(double delta, double seconds) {
    return seconds > 0 && delta > 0 ? delta / seconds : 0;
}

}  // namespace

StatsView compute_stats(const StatsSample& previous, const StatsSample& current) {
    StatsView view;
    view.rtt_ms = current.rtt_ms;
    view.width = current.frame_width;
    view.height = current.frame_height;
    view.local_type = current.candidate_type;
    view.remote_type = current.remote_candidate_type;
    view.path = media_path(current.candidate_type, current.remote_candidate_type);
    view.transport = media_transport(current);
    double seconds = (current.at_ms - previous.at_ms) / 1000.0;
    // Counters restart with a new connection; a negative delta then means "no data", not a huge rate.
    auto delta = [](auto now, auto before) { return now >= before ? double(now - before) : 0.0; };
    view.in_kbps = per_second(delta(current.bytes_received, previous.bytes_received) * 8 / 1000, seconds);
    view.out_kbps = per_second(delta(current.bytes_sent, previous.bytes_sent) * 8 / 1000, seconds);
    view.fps = per_second(delta(current.frames_decoded, previous.frames_decoded), seconds);
    double received = delta(current.packets_received, previous.packets_received);
    double lost = delta(current.packets_lost, previous.packets_lost);
    if (received + lost > 0) view.loss_percent = 100.0 * lost / (received + lost);
    return view;
}

std::string media_path(const std::string& local_type, const std::string& remote_type) {
    if (local_type.empty()) return "";
    if (local_type == "relay" || remote_type == "relay") return "relay";
    auto reflexive = [](const std::string& type) { return type == "srflx" || type == "prflx"; };
    if (reflexive(local_type) || reflexive(remote_type)) return "srflx";
    return "host";
}

std::optional<SignalledCandidate> parse_candidate(std::string_view line) {
    // foundation component protocol priority address port "typ" type ...
    std::string_view fields[8];
    std::size_t count = 0;
    while (count < 8 && !line.empty()) {
        std::size_t space = line.find(' ');
        std::string_view field = line.substr(0, space);
        if (!field.empty()) fields[count++] = field;
        line = space == std::string_view::npos ? std::string_view() : line.substr(space + 1);
    }
    if (count < 8 || fields[6] != "typ") return std::nullopt;
    return SignalledCandidate{std::string(fields[4]) + ":" + std::string(fields[5]), std::string(fields[7])};
}

std::string media_transport(const StatsSample& sample) {
    if (sample.candidate_type == "relay" && !sample.relay_protocol.empty()) return sample.relay_protocol;
    return sample.protocol;
}

std::string format_decimal(double value, int decimals) {
    // Digits by hand: std::to_string and printf would pull libc's formatting into the wasm.
    if (!std::isfinite(value) || std::fabs(value) >= 1e15) return "-";
    double scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    auto scaled = static_cast<unsigned long long>(std::fabs(value) * scale + 0.5);
    std::string digits;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + scaled % 10));
        scaled /= 10;
    } while (scaled > 0 || digits.size() <= static_cast<std::size_t>(decimals));
    if (decimals > 0) digits.insert(digits.end() - decimals, '.');
    return (value < 0 ? "-" : "") + digits;
}

}  // namespace p2p::client
