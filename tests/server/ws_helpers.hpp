// Shared steps of the WebSocket integration tests: decode what arrived, join two peers.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "shared/codec.hpp"
#include "tests/server/test_clients.hpp"

namespace p2p::relay::testing {

// The decoded message (a failed EXPECT and a placeholder Error when none or undecodable).
Message decoded(const std::optional<std::string>& text);

// The "joined" a relay with default settings sends: `room`, `peers`, no ICE servers, the default
// pace of the page's ping (Config).
Message joined(std::string room, unsigned peers);

// Expects the next message on `client` to be an error with `code` and a non-empty text.
void expect_error_code(WsClient& client, std::string_view code);

// Two peers in `room`, past their joined/peer_joined messages.
struct Pair {
    std::unique_ptr<WsClient> first;
    std::unique_ptr<WsClient> second;
};
Pair join_pair(std::uint16_t port, const std::string& room);

}  // namespace p2p::relay::testing
