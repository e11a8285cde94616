// The relay as a process: flags, start-up output, certificate handling and signals.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <future>
#include <sstream>

#include "tests/server/relay_fixture.hpp"
#include "tests/server/test_clients.hpp"

namespace p2p::relay::testing {
namespace {

using RelayCli = RelayFixture;
using Clock = std::chrono::steady_clock;

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(RelayFlags, HelpExitsZeroAndMentionsEveryFlag) {
    FinishedRun run = run_relay_to_exit({"--help"});
    EXPECT_EQ(run.exit_code, 0);
    for (const char* flag : {"--address", "--port", "--cert", "--key", "--web-root", "--state-dir",
                             "--threads", "--help", "--max-message-bytes", "--idle-timeout", "--rate",
                             "--burst", "--max-connections-per-ip", "--allowed-origin", "--log-level", "--stun", "--turn",
                             "--turn-secret", "--turn-secret-file", "--turn-ttl", "--turn-username"}) {
        EXPECT_NE(run.out.find(flag), std::string::npos) << flag;
    }
}

TEST(RelayFlags, BadFlagsExitTwoWithAMessage) {
    const std::vector<std::vector<std::string>> bad = {
        {"--bogus"}, {"--port", "99999"}, {"--port"}, {"--threads", "0"}, {"--cert", "only.pem"},
        {"--address", "not-an-ip"}};
    for (const auto& args : bad) {
        FinishedRun run = run_relay_to_exit(args);
        EXPECT_EQ(run.exit_code, 2) << args[0];
        EXPECT_NE(run.err.find(args[0]), std::string::npos) << run.err;
        EXPECT_TRUE(run.out.empty()) << run.out;
    }
}

TEST_F(RelayCli, PrintsListeningLineThenUrls) {
    const std::string port_text = std::to_string(port());
    EXPECT_EQ(relay_->stdout_lines(),
              (std::vector<std::string>{"listening on 127.0.0.1:" + port_text,
                                        "https://localhost:" + port_text + "/p2p?type=offer",
                                        "https://localhost:" + port_text + "/p2p?type=answer"}));
}

TEST_F(RelayCli, GeneratesACertificateOnceAndReusesIt) {
    const auto cert = state_dir() / "cert.pem";
    const auto key = state_dir() / "key.pem";
    ASSERT_TRUE(std::filesystem::exists(cert));
    struct stat key_stat {};
    ASSERT_EQ(stat(key.c_str(), &key_stat), 0);
    EXPECT_EQ(key_stat.st_mode & 0777, 0600u);
    const std::string first_cert = read_file(cert);
    EXPECT_NE(first_cert.find("BEGIN CERTIFICATE"), std::string::npos);

    relay_.reset();
    RelayProcess again(loopback_args(state_dir(), web_root()));
    EXPECT_EQ(read_file(cert), first_cert);
    EXPECT_EQ(https_request(again.port(), http::verb::get, "/").result(), http::status::ok);
}

TEST_F(RelayCli, ExplicitCertificateFilesAreUsed) {
    const auto elsewhere = dir_.path() / "mine";
    std::filesystem::create_directories(elsewhere);
    std::filesystem::copy_file(state_dir() / "cert.pem", elsewhere / "c.pem");
    std::filesystem::copy_file(state_dir() / "key.pem", elsewhere / "k.pem");
    const auto fresh_state = dir_.path() / "unused-state";
    std::vector<std::string> args = loopback_args(fresh_state, web_root());
    for (const char* extra : {"--cert", "", "--key", ""}) args.emplace_back(extra);
    args[args.size() - 3] = (elsewhere / "c.pem").string();
    args[args.size() - 1] = (elsewhere / "k.pem").string();
    RelayProcess relay(args);
    EXPECT_EQ(https_request(relay.port(), http::verb::get, "/").result(), http::status::ok);
    EXPECT_FALSE(std::filesystem::exists(fresh_state / "cert.pem"));
}

TEST_F(RelayCli, SigtermClosesWebsocketsWith1001AndExitsZeroQuickly) {
    WsClient client(port(), "/ws?room=bye");
    client.read();
    const auto start = Clock::now();
    auto stopping = std::async(std::launch::async, [&] { return relay_->stop(SIGTERM, 5s); });
    EXPECT_EQ(client.wait_closed(), websocket::close_code::going_away);
    EXPECT_EQ(stopping.get(), 0);
    EXPECT_LT(Clock::now() - start, 2s);
}

TEST_F(RelayCli, SigintWithNoClientsExitsZeroAtOnce) {
    const auto start = Clock::now();
    EXPECT_EQ(relay_->stop(SIGINT, 5s), 0);
    EXPECT_LT(Clock::now() - start, 500ms);
}

}  // namespace
}  // namespace p2p::relay::testing
