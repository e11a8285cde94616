#include "server/metrics_text.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

namespace p2p::relay {
namespace {

MetricsSnapshot sample() {
    Metrics metrics;
    metrics.connection_opened();
    metrics.connection_opened();
    metrics.connection_closed();
    metrics.relayed(100);
    metrics.relayed(20);
    metrics.handshake_failed();
    metrics.error_sent("bad_message");
    metrics.error_sent("bad_message");
    metrics.error_sent("made_up");
    metrics.rejected(Rejection::per_ip);
    metrics.seat_held();
    metrics.seat_held();
    metrics.seat_resumed();
    return metrics.snapshot(3, 2);
}

TEST(MetricsText, ValuesAppearUnderTheirNames) {
    const std::string text = render_metrics(sample());
    for (const char* line : {"p2p_relay_connections 1\n", "p2p_relay_connections_total 2\n",
                             "p2p_relay_peers 3\n", "p2p_relay_rooms 2\n",
                             "p2p_relay_messages_relayed_total 2\n", "p2p_relay_bytes_relayed_total 120\n",
                             "p2p_relay_tls_handshake_failures_total 1\n", "p2p_relay_accepting 1\n",
                             "p2p_relay_errors_total{code=\"bad_message\"} 2\n",
                             "p2p_relay_errors_total{code=\"other\"} 1\n",
                             "p2p_relay_rejected_total{reason=\"per_ip\"} 1\n",
                             "p2p_relay_rejected_total{reason=\"origin\"} 0\n",
                             "p2p_relay_seats_total{outcome=\"held\"} 2\n",
                             "p2p_relay_seats_total{outcome=\"resumed\"} 1\n",
                             "p2p_relay_seats_total{outcome=\"expired\"} 0\n"}) {
        EXPECT_NE(text.find(line), std::string::npos) << line << text;
    }
}

TEST(MetricsText, EveryLineIsValidExpositionFormat) {
    static const std::regex help(R"(# HELP p2p_relay_[a-z_]+ .+)");
    static const std::regex type(R"(# TYPE (p2p_relay_[a-z_]+) (counter|gauge))");
    static const std::regex sample_line(R"(p2p_relay_[a-z_]+(\{[a-z]+="[a-z_]+"\})? [0-9]+)");
    std::istringstream lines(render_metrics(sample()));
    std::string line;
    int types = 0;
    while (std::getline(lines, line)) {
        std::smatch match;
        if (std::regex_match(line, match, type)) {
            ++types;
            const bool total = match[1].str().ends_with("_total");
            EXPECT_EQ(total, match[2] == "counter") << "counters and only counters end in _total: " << line;
            continue;
        }
        EXPECT_TRUE(std::regex_match(line, help) || std::regex_match(line, sample_line)) << line;
    }
    EXPECT_EQ(types, sample().heap_in_use_bytes ? 12 : 11);
}

TEST(MetricsText, HeapInUseShowsOnlyWhenKnown) {
    MetricsSnapshot snapshot = sample();
    snapshot.heap_in_use_bytes = 123456;
    EXPECT_NE(render_metrics(snapshot).find("p2p_relay_heap_in_use_bytes 123456\n"), std::string::npos);
    snapshot.heap_in_use_bytes.reset();
    EXPECT_EQ(render_metrics(snapshot).find("heap_in_use"), std::string::npos) << "no made-up zero";
}

TEST(MetricsText, ShuttingDownShowsInAccepting) {
    Metrics metrics;
    metrics.stop_accepting();
    EXPECT_FALSE(metrics.accepting());
    EXPECT_NE(render_metrics(metrics.snapshot(0, 0)).find("p2p_relay_accepting 0\n"), std::string::npos);
}

}  // namespace
}  // namespace p2p::relay
