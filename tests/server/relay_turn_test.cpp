// TURN REST credentials end to end against a real coturn on loopback: what the relay hands a page
// in "joined" and "ice_servers" gets an allocation; a wrong secret or an expired username does not.
#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "server/turn_credentials.hpp"
#include "shared/codec.hpp"
#include "tests/server/relay_process.hpp"
#include "tests/server/temp_dir.hpp"
#include "tests/server/test_clients.hpp"
#include "tests/server/turn_client.hpp"
#include "tests/server/turn_server_process.hpp"

namespace p2p::relay::testing {
namespace {

const std::string kSecret = "e2e-shared-turn-secret";

// The relay's flags for minted TURN credentials for `turn`, with the secret in a file.
std::vector<std::string> turn_args(const TempDir& dir, const TurnServerProcess& turn, const std::string& secret,
                                   const std::string& ttl) {
    std::filesystem::path file = dir.write("secret-" + secret, secret + "\n");
    return loopback_args_with(dir.path(), {"--turn", turn.url(), "--turn-secret-file", file.string(), "--turn-ttl", ttl});
}

template <typename M>
M read_as(WsClient& client, std::chrono::milliseconds timeout = 3s) {
    std::optional<std::string> text = client.read(timeout);
    EXPECT_TRUE(text) << "nothing arrived";
    DecodeResult result = decode(text.value_or(""));
    bool right = result.ok() && std::holds_alternative<M>(result.message());
    EXPECT_TRUE(right) << text.value_or("");
    return right ? std::get<M>(result.message()) : M{};
}

// The one TURN entry of `servers`.
IceServer turn_entry(const std::vector<IceServer>& servers) {
    EXPECT_EQ(servers.size(), 1u);
    return servers.empty() ? IceServer{} : servers.front();
}

long long expiry_of(const IceServer& server) {
    return std::stoll(server.username.value_or("0").substr(0, server.username.value_or("").find(':')));
}

long long unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(WallClock::now().time_since_epoch()).count();
}

TEST(RelayTurn, JoinedCredentialsGetAnAllocation) {
    TempDir dir;
    TurnServerProcess turn(dir.path(), kSecret);
    RelayProcess relay(turn_args(dir, turn, kSecret, "3600"));
    WsClient client(relay.port(), "/ws?room=turn");
    IceServer server = turn_entry(read_as<Joined>(client).ice_servers);
    EXPECT_EQ(server.urls, std::vector<std::string>{turn.url()});
    EXPECT_TRUE(std::regex_match(server.username.value_or(""), std::regex(R"(\d{10}:[0-9a-f]{16})")))
        << server.username.value_or("");
    EXPECT_NEAR(static_cast<double>(expiry_of(server)), static_cast<double>(unix_now() + 3600), 5);
    AllocateOutcome outcome = TurnClient(turn.port()).allocate(*server.username, *server.credential);
    EXPECT_TRUE(outcome.allocated) << outcome.detail << "\n" << turn.log();
}

TEST(RelayTurn, EachPageGetsItsOwnUsername) {
    TempDir dir;
    TurnServerProcess turn(dir.path(), kSecret);
    RelayProcess relay(turn_args(dir, turn, kSecret, "3600"));
    WsClient a(relay.port(), "/ws?room=turn");
    WsClient b(relay.port(), "/ws?room=turn");
    IceServer first = turn_entry(read_as<Joined>(a).ice_servers);
    IceServer second = turn_entry(read_as<Joined>(b).ice_servers);
    EXPECT_NE(first.username, second.username);
    EXPECT_TRUE(TurnClient(turn.port()).allocate(*second.username, *second.credential).allocated);
}

TEST(RelayTurn, ARelayWithTheWrongSecretHandsOutRefusedCredentials) {
    TempDir dir;
    TurnServerProcess turn(dir.path(), kSecret);
    RelayProcess relay(turn_args(dir, turn, "not-the-turn-secret", "3600"));
    WsClient client(relay.port(), "/ws?room=turn");
    IceServer server = turn_entry(read_as<Joined>(client).ice_servers);
    AllocateOutcome outcome = TurnClient(turn.port()).allocate(*server.username, *server.credential);
    EXPECT_FALSE(outcome.allocated);
    EXPECT_EQ(outcome.error_code, 401) << outcome.detail;
}

// With the shortest TTL (10 s): renewed credentials come at 80% and still work after the first
// ones expired, which coturn then refuses.
TEST(RelayTurn, RenewedBeforeExpiryAndExpiredOnesAreRefused) {
    TempDir dir;
    TurnServerProcess turn(dir.path(), kSecret);
    RelayProcess relay(turn_args(dir, turn, kSecret, "10"));
    WsClient client(relay.port(), "/ws?room=turn");
    const auto joined_at = std::chrono::steady_clock::now();
    IceServer first = turn_entry(read_as<Joined>(client).ice_servers);
    IceServer renewed = turn_entry(read_as<IceServersUpdate>(client, 12s).ice_servers);
    const auto renewed_after = std::chrono::steady_clock::now() - joined_at;
    EXPECT_GE(renewed_after, 7s);
    EXPECT_LE(renewed_after, 9900ms) << "renewal must come before the first credentials expire";
    EXPECT_GT(expiry_of(renewed), expiry_of(first));
    EXPECT_EQ(renewed.username->substr(renewed.username->find(':')), first.username->substr(first.username->find(':')))
        << "the id part stays the same for one connection";
    // Expired means coturn's clock is past the expiry second. Its clock may trail ours by up to a
    // second (CI saw coturn accept them with ours already a second past), so wait one more.
    while (unix_now() <= expiry_of(first) + 1) std::this_thread::sleep_for(100ms);
    AllocateOutcome expired = TurnClient(turn.port()).allocate(*first.username, *first.credential);
    EXPECT_FALSE(expired.allocated);
    EXPECT_EQ(expired.error_code, 401) << expired.detail;
    AllocateOutcome fresh = TurnClient(turn.port()).allocate(*renewed.username, *renewed.credential);
    EXPECT_TRUE(fresh.allocated) << fresh.detail << "\n" << turn.log();
}

TEST(RelayTurn, StaticCredentialsAreNeverRenewed) {
    TempDir dir;
    RelayProcess relay(loopback_args_with(dir.path(), {"--turn", "turn:127.0.0.1:3478", "--turn-username", "u",
                                                       "--turn-credential", "c"}));
    WsClient client(relay.port(), "/ws?room=static");
    EXPECT_EQ(turn_entry(read_as<Joined>(client).ice_servers), (IceServer{{"turn:127.0.0.1:3478"}, "u", "c"}));
    EXPECT_TRUE(client.stays_silent(1500ms));
}

TEST(RelayTurn, ThePageMayNotSendIceServers) {
    TempDir dir;
    RelayProcess relay(loopback_args(dir.path() / "state", dir.path()));
    WsClient client(relay.port(), "/ws?room=x");
    read_as<Joined>(client);
    client.send(encode(IceServersUpdate{}));
    EXPECT_EQ(read_as<Error>(client).code, error_code::kNotAllowed);
}

TEST(RelayTurnCli, SecretFlagsAreCheckedBeforeStarting) {
    TempDir dir;
    std::filesystem::path file = dir.write("secret", "s\n");
    FinishedRun both = run_relay_to_exit(loopback_args_with(
        dir.path(), {"--turn", "turn:h", "--turn-secret", "s", "--turn-secret-file", file.string()}));
    EXPECT_EQ(both.exit_code, 2);
    EXPECT_NE(both.err.find("give --turn-secret or --turn-secret-file, not both"), std::string::npos) << both.err;
    FinishedRun missing = run_relay_to_exit(
        loopback_args_with(dir.path(), {"--turn", "turn:h", "--turn-secret-file", (dir.path() / "none").string()}));
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("does not exist"), std::string::npos) << missing.err;
}

TEST(RelayTurnCli, ASecretOnTheCommandLineIsWarnedAbout) {
    TempDir dir;
    // A missing certificate stops the relay right after the options were taken and warned about.
    FinishedRun run = run_relay_to_exit(loopback_args_with(
        dir.path(), {"--turn", "turn:h", "--turn-secret", "s", "--cert", "/nonexistent", "--key", "/nonexistent"}));
    EXPECT_EQ(run.exit_code, 1) << run.err;
    EXPECT_NE(run.err.find("level=warn msg=\"--turn-secret is visible to every local user in `ps`"), std::string::npos)
        << run.err;
    FinishedRun help = run_relay_to_exit({"--help"});
    EXPECT_NE(help.out.find("--turn-secret-file F"), std::string::npos);
    EXPECT_NE(help.out.find("default 21600 = 6 h"), std::string::npos) << help.out;
}

}  // namespace
}  // namespace p2p::relay::testing
