#include "server/credential_renewer.hpp"

#include "server/shared_state.hpp"

namespace p2p::relay {

CredentialRenewer::CredentialRenewer(net::io_context& io, std::shared_ptr<SharedState> state)
    : timer_(net::make_strand(io)), state_(std::move(state)) {}

void CredentialRenewer::start() {
    if (!state_->renewal_interval()) return;
    net::post(timer_.get_executor(), [this] {
        running_ = true;
        schedule();
    });
}

void CredentialRenewer::stop() {
    net::post(timer_.get_executor(), [this] {
        running_ = false;
        timer_.cancel();
    });
}

void CredentialRenewer::schedule() {
    timer_.expires_after(*state_->renewal_interval());
    timer_.async_wait([this](beast::error_code ec) {
        if (ec || !running_) return;
        state_->renew_credentials(WallClock::now());
        schedule();
    });
}

}  // namespace p2p::relay
