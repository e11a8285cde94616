#include "tests/server/ws_helpers.hpp"

#include <gtest/gtest.h>

#include "server/config.hpp"

namespace p2p::relay::testing {

Message decoded(const std::optional<std::string>& text) {
    EXPECT_TRUE(text) << "no message arrived";
    if (!text) return Error{"missing", ""};
    DecodeResult result = decode(*text);
    EXPECT_TRUE(result.ok()) << *text;
    return result.ok() ? result.message() : Message{Error{"undecodable", *text}};
}

Message joined(std::string room, unsigned peers) {
    const Config defaults;
    return Joined{std::move(room), peers, {}, static_cast<unsigned>(defaults.page_ping_interval.count()),
                  static_cast<unsigned>(defaults.page_pong_deadline.count()),
                  static_cast<unsigned>(defaults.resume_window.count())};
}

void expect_error_code(WsClient& client, std::string_view code) {
    Message message = decoded(client.read());
    ASSERT_TRUE(std::holds_alternative<Error>(message)) << type_name(message);
    EXPECT_EQ(std::get<Error>(message).code, code);
    EXPECT_FALSE(std::get<Error>(message).message.empty());
}

Pair join_pair(std::uint16_t port, const std::string& room) {
    Pair pair{std::make_unique<WsClient>(port, "/ws?room=" + room), nullptr};
    EXPECT_EQ(decoded(pair.first->read()), joined(room, 1));
    pair.second = std::make_unique<WsClient>(port, "/ws?room=" + room);
    EXPECT_EQ(decoded(pair.second->read()), joined(room, 2));
    EXPECT_EQ(decoded(pair.first->read()), Message(PeerJoined{}));
    return pair;
}

}  // namespace p2p::relay::testing
