#include "bench/load/load_report.hpp"

#include <sstream>

namespace p2p::load {

std::string LoadReport::summary() const {
    std::ostringstream out;
    const double rate = streaming_seconds > 0 ? static_cast<double>(received) / streaming_seconds : 0;
    out << "rooms " << rooms << ", connections " << connections << " (opened " << connections_opened
        << ", paired " << connections_paired << ")\n"
        << "messages sent " << sent << ", received " << received << " over " << streaming_seconds
        << " s (" << static_cast<long long>(rate) << " msgs/s)\n"
        << "lost " << lost << ", duplicated " << duplicated << ", misrouted " << misrouted << ", errors "
        << errors << "\n"
        << "latency p50 " << latency_p50_us << " us, p99 " << latency_p99_us << " us, max " << latency_max_us
        << " us; longest client write queue " << max_write_queue << "\n";
    for (const std::string& error : first_errors) out << "  error: " << error << "\n";
    return out.str();
}

}  // namespace p2p::load
