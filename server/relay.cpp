#include "server/relay.hpp"

#include <csignal>
#include <stdexcept>
#include <thread>

#include "server/certificate_store.hpp"
#include "server/connection_slot.hpp"
#include "server/host_addresses.hpp"
#include "server/http_session.hpp"
#include "server/listener.hpp"
#include "server/log.hpp"
#include "server/redirect_session.hpp"
#include "server/shared_state.hpp"
#include "server/tls_context.hpp"

namespace p2p::relay {
namespace {

// Long enough for close handshakes on a LAN, short enough that Ctrl-C feels immediate.
constexpr std::chrono::milliseconds kShutdownGrace{1000};
constexpr std::chrono::milliseconds kShutdownPoll{20};
// A Redis on the same network answers in milliseconds; this only bounds a black-holed address.
constexpr std::chrono::seconds kRedisStartTimeout{5};

CertificateFiles certificate_for(const Config& config) {
    if (config.cert_file && config.key_file) return {*config.cert_file, *config.key_file};
    StoredCertificate stored =
        ensure_certificate(config.state_dir, required_names(non_loopback_ipv4_addresses()));
    log(LogLevel::info, stored.generated ? "generated a self-signed certificate" : "reusing certificate",
        {{"file", stored.files.cert.string()}});
    return stored.files;
}

// Set first, so even the certificate lines obey --log-level.
Config with_log_level(Config config) {
    set_log_level(config.log_level);
    return config;
}

tcp::endpoint endpoint_of(const Config& config, std::uint16_t port) {
    return {net::ip::make_address(config.address), port};
}

}  // namespace

Relay::Relay(Config config)
    : config_(with_log_level(std::move(config))),
      io_(static_cast<int>(config_.threads)),
      tls_(make_tls_context(certificate_for(config_))),
      state_(std::make_shared<SharedState>(config_)),
      listener_(make_https_listener()),
      redirect_listener_(config_.http_redirect_port ? make_redirect_listener() : nullptr),
      signals_(io_, SIGINT, SIGTERM),
      grace_timer_(io_),
      renewer_(io_, state_) {
    state_->start_keep_alive(io_);
    if (config_.redis) connect_to_redis();
}

void Relay::connect_to_redis() {
    state_->start_cluster(io_);
    const auto deadline = std::chrono::steady_clock::now() + kRedisStartTimeout;
    // Nothing else runs yet: the listeners start accepting in run().
    while (!state_->cluster_ready()) {
        std::string error = state_->cluster_error();
        bool late = std::chrono::steady_clock::now() >= deadline;
        if (!error.empty() || late) {
            state_->stop_cluster();
            throw std::runtime_error("cannot use Redis at " + config_.redis->redacted() + ": " +
                                     (error.empty() ? "no answer within 5 s" : error));
        }
        io_.run_one_for(std::chrono::milliseconds(50));
    }
    io_.restart();
}

Relay::~Relay() = default;

tcp::endpoint Relay::local_endpoint() const { return listener_->local_endpoint(); }

std::shared_ptr<Listener> Relay::make_https_listener() {
    return std::make_shared<Listener>(
        io_, endpoint_of(config_, config_.port), state_,
        [this](tcp::socket&& socket, std::shared_ptr<ConnectionSlot> slot) {
            std::make_shared<HttpSession>(std::move(socket), tls_, state_, std::move(slot))->run();
        });
}

std::shared_ptr<Listener> Relay::make_redirect_listener() {
    return std::make_shared<Listener>(
        io_, endpoint_of(config_, *config_.http_redirect_port), state_,
        [this](tcp::socket&& socket, std::shared_ptr<ConnectionSlot> slot) {
            slot->handshake_done();  // plain HTTP: no handshake to wait for
            std::make_shared<RedirectSession>(std::move(socket), state_, std::move(slot),
                                              listener_->local_endpoint().port())
                ->run();
        });
}

void Relay::run() {
    signals_.async_wait([this](beast::error_code ec, int) {
        if (!ec) on_stop_signal();
    });
    listener_->run();
    if (redirect_listener_) redirect_listener_->run();
    renewer_.start();
    std::vector<std::thread> extra_threads;
    for (unsigned i = 1; i < config_.threads; ++i) extra_threads.emplace_back([this] { io_.run(); });
    io_.run();
    for (std::thread& thread : extra_threads) thread.join();
    state_->stop_cluster();
}

void Relay::on_stop_signal() {
    log(LogLevel::info, "stopping: closing peers with 1001");
    state_->metrics().stop_accepting();
    listener_->stop();
    if (redirect_listener_) redirect_listener_->stop();
    renewer_.stop();
    state_->stop_keep_alive();
    state_->close_all();
    wait_for_sessions(std::chrono::steady_clock::now() + kShutdownGrace);
}

void Relay::wait_for_sessions(std::chrono::steady_clock::time_point deadline) {
    // Unfinished TLS handshakes or idle HTTP keep-alives must not hold the process up, so stop
    // the loop outright once the WebSockets are gone (or the grace period is over).
    // With --redis, also until the closed peers' leaves reached Redis, so their rooms hear at once.
    bool settled = state_->session_count() == 0 && state_->cluster_idle();
    if (settled || std::chrono::steady_clock::now() >= deadline) {
        return io_.stop();
    }
    grace_timer_.expires_after(kShutdownPoll);
    grace_timer_.async_wait([this, deadline](beast::error_code) { wait_for_sessions(deadline); });
}

}  // namespace p2p::relay
