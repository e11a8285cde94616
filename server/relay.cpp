#include "server/relay.hpp"

#include <csignal>
#include <thread>

#include "server/certificate_store.hpp"
#include "server/host_addresses.hpp"
#include "server/listener.hpp"
#include "server/log.hpp"
#include "server/shared_state.hpp"
#include "server/tls_context.hpp"

namespace p2p::relay {
namespace {

// Long enough for close handshakes on a LAN, short enough that Ctrl-C feels immediate.
constexpr std::chrono::milliseconds kShutdownGrace{1000};
constexpr std::chrono::milliseconds kShutdownPoll{20};

CertificateFiles certificate_for(const Config& config) {
    if (config.cert_file && config.key_file) return {*config.cert_file, *config.key_file};
    StoredCertificate stored =
        ensure_certificate(config.state_dir, required_names(non_loopback_ipv4_addresses()));
    log_line((stored.generated ? "generated a self-signed certificate: " : "reusing certificate: ") +
             stored.files.cert.string());
    return stored.files;
}

}  // namespace

Relay::Relay(Config config)
    : config_(std::move(config)),
      io_(static_cast<int>(config_.threads)),
      tls_(make_tls_context(certificate_for(config_))),
      state_(std::make_shared<SharedState>(config_)),
      listener_(std::make_shared<Listener>(
          io_, tls_, tcp::endpoint(net::ip::make_address(config_.address), config_.port), state_)),
      signals_(io_, SIGINT, SIGTERM),
      grace_timer_(io_) {}

Relay::~Relay() = default;

tcp::endpoint Relay::local_endpoint() const { return listener_->local_endpoint(); }

void Relay::run() {
    signals_.async_wait([this](beast::error_code ec, int) {
        if (!ec) on_stop_signal();
    });
    listener_->run();
    std::vector<std::thread> extra_threads;
    for (unsigned i = 1; i < config_.threads; ++i) extra_threads.emplace_back([this] { io_.run(); });
    io_.run();
    for (std::thread& thread : extra_threads) thread.join();
}

void Relay::on_stop_signal() {
    log_line("stopping");
    listener_->stop();
    state_->close_all();
    wait_for_sessions(std::chrono::steady_clock::now() + kShutdownGrace);
}

void Relay::wait_for_sessions(std::chrono::steady_clock::time_point deadline) {
    // Unfinished TLS handshakes or idle HTTP keep-alives must not hold the process up, so stop
    // the loop outright once the WebSockets are gone (or the grace period is over).
    if (state_->session_count() == 0 || std::chrono::steady_clock::now() >= deadline) {
        return io_.stop();
    }
    grace_timer_.expires_after(kShutdownPoll);
    grace_timer_.async_wait([this, deadline](beast::error_code) { wait_for_sessions(deadline); });
}

}  // namespace p2p::relay
