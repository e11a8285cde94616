#include "tests/server/turn_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace p2p::relay::testing {
namespace {

// REQUESTED-TRANSPORT: UDP (17) and three reserved bytes.
const std::string kUdpTransport("\x11\0\0\0", 4);

}  // namespace

TurnClient::TurnClient(std::uint16_t port, std::chrono::milliseconds timeout) : timeout_(timeout) {
    fd_ = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error("no UDP socket");
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(port);
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<const sockaddr*>(&server), sizeof server) != 0) {
        close(fd_);
        throw std::runtime_error("UDP connect failed");
    }
}

TurnClient::~TurnClient() {
    close(fd_);
}

std::optional<StunMessage> TurnClient::exchange(const StunMessage& request, std::string_view integrity_key) {
    const std::string bytes = request.serialize(integrity_key);
    for (int attempt = 0; attempt < 3; ++attempt) {  // UDP: a lost datagram is retransmitted
        if (send(fd_, bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size())) continue;
        pollfd ready{fd_, POLLIN, 0};
        while (poll(&ready, 1, static_cast<int>(timeout_.count())) > 0) {
            char buffer[2048];
            ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) break;  // e.g. ICMP port unreachable while the server starts
            auto response = StunMessage::parse(std::string_view(buffer, static_cast<std::size_t>(n)));
            if (response && response->transaction_id() == request.transaction_id()) return response;
        }
    }
    return std::nullopt;
}

bool TurnClient::binding_answered() {
    auto response = exchange(StunMessage(stun::kBindingRequest));
    return response && response->type() == stun::kBindingSuccess;
}

AllocateOutcome TurnClient::allocate(std::string_view username, std::string_view password) {
    StunMessage probe(stun::kAllocateRequest);
    probe.add(stun::kRequestedTransport, kUdpTransport);
    auto challenge = exchange(probe);
    if (!challenge) return {false, 0, "no answer to the first Allocate"};
    auto realm = challenge->attribute(stun::kRealm);
    auto nonce = challenge->attribute(stun::kNonce);
    if (challenge->error_code() != 401 || !realm || !nonce) {
        return {false, challenge->error_code().value_or(0), "the first Allocate got no 401 with realm and nonce"};
    }
    StunMessage request(stun::kAllocateRequest);
    request.add(stun::kRequestedTransport, kUdpTransport);
    request.add(stun::kUsername, username);
    request.add(stun::kRealm, *realm);
    request.add(stun::kNonce, *nonce);
    auto response = exchange(request, StunMessage::long_term_key(username, *realm, password));
    if (!response) return {false, 0, "no answer to the authenticated Allocate"};
    if (response->type() == stun::kAllocateSuccess) return {true, 0, "allocated"};
    int code = response->error_code().value_or(0);
    return {false, code, "Allocate error " + std::to_string(code)};
}

}  // namespace p2p::relay::testing
