// Hostile or late input: bad frames, stale generations, failures, closing, limits.
#include <gtest/gtest.h>

#include "tests/wasm/call_harness.hpp"

namespace p2p::client::test {
namespace {

TEST(Robustness, BadFramesAreLoggedAndIgnored) {
    CallHarness h = CallHarness::offering();
    for (const char* text : {"not json", "[]", "{\"type\":42}", "{\"type\":\"offer\"}", "{\"type\":\"dance\"}",
                             "{\"type\":\"offer_ice\",\"iceCandidate\":{\"candidate\":7}}"}) {
        h.raw(text);
        ASSERT_EQ(h.last.size(), 1u) << text;
        Log log = h.one<Log>();
        EXPECT_EQ(log.text, Text::BadMessage) << text;
        EXPECT_EQ(log.level, LogLevel::Error) << text;
        EXPECT_FALSE(log.detail.empty()) << text;
    }
    EXPECT_EQ(h.machine.call_state(), CallState::Negotiating);
}

TEST(Robustness, OversizedFrameIsRejectedByTheSharedLimit) {
    CallHarness h = CallHarness::offering();
    h.raw("{\"type\":\"answer\",\"sdp\":\"" + std::string(ProtocolLimits{}.max_message_bytes, 'x') + "\"}");
    EXPECT_EQ(h.one<Log>().text, Text::BadMessage);
    EXPECT_NE(h.one<Log>().detail.find("too_large"), std::string::npos);
}

TEST(Robustness, StaleGenerationResultsAreIgnored) {
    CallHarness h = CallHarness::offering();
    Generation old_gen = h.gen();
    h.relay(PeerLeft{});
    h.relay(PeerJoined{});
    ASSERT_NE(h.gen(), old_gen);
    CallState before = h.machine.call_state();

    const CallEvent stale[] = {
        LocalDescriptionCreated{old_gen, SdpType::Offer, "x"},
        LocalDescriptionSet{old_gen},
        RemoteDescriptionSet{old_gen},
        LocalIceCandidate{old_gen, candidate("x")},
        RemoteTrackArrived{old_gen},
        IceStateChanged{old_gen, "failed"},
        ConnectionStateChanged{old_gen, "connected"},
        PeerOperationFailed{old_gen, PeerOperation::SetRemoteDescription, "boom"},
    };
    for (const CallEvent& event : stale) {
        h.feed(event);
        ASSERT_EQ(h.last.size(), 1u);
        EXPECT_EQ(h.one<Log>().text, Text::StaleCallback);
        EXPECT_EQ(h.one<Log>().level, LogLevel::Debug);
    }
    EXPECT_EQ(h.machine.call_state(), before);
}

TEST(Robustness, LateMediaResultIsIgnored) {
    CallHarness h = CallHarness::offering();
    h.feed(MediaReady{});
    EXPECT_FALSE(h.has<CreatePeerConnection>());
    h.feed(MediaFailed{"AbortError", "late"});
    EXPECT_NE(h.machine.call_state(), CallState::Failed);
}

TEST(Robustness, FailedNegotiationStepFailsTheCall) {
    CallHarness h = CallHarness::offering();
    h.feed(PeerOperationFailed{h.gen(), PeerOperation::CreateOffer, "OperationError: nope"});
    EXPECT_EQ(h.one<SetCallState>().state, CallState::Failed);
    Log log = h.one<Log>();
    EXPECT_EQ(log.level, LogLevel::Error);
    EXPECT_NE(log.detail.find("createOffer"), std::string::npos);
}

TEST(Robustness, BadRemoteCandidateOnlyLogs) {
    CallHarness h = CallHarness::offering();
    h.feed(PeerOperationFailed{h.gen(), PeerOperation::AddIceCandidate, "bad candidate"});
    EXPECT_TRUE(h.logged(Text::PeerOperationFailed, LogLevel::Error));
    EXPECT_FALSE(h.has<SetCallState>());
}

TEST(Robustness, ConnectionFailureFailsTheCall) {
    CallHarness h = CallHarness::offering();
    h.feed(ConnectionStateChanged{h.gen(), "failed"});
    EXPECT_EQ(h.one<SetCallState>().state, CallState::Failed);
    EXPECT_TRUE(h.logged(Text::ConnectionFailed, LogLevel::Error));
}

TEST(Robustness, EndOfCandidatesIsNotSent) {
    CallHarness h = CallHarness::offering();
    Generation gen = h.gen();
    h.feed(LocalDescriptionCreated{gen, SdpType::Offer, "v=0"});
    h.feed(LocalDescriptionSet{gen});
    h.feed(LocalIceCandidate{gen, IceCandidate{}});
    EXPECT_TRUE(h.last.empty());
}

TEST(Robustness, SignallingCloseIsShownAndHidesStart) {
    CallHarness h(Role::Offer);
    h.feed(SignallingOpened{});
    h.feed(SignallingFailed{});
    EXPECT_TRUE(h.logged(Text::SignallingError, LogLevel::Error));
    h.feed(SignallingClosed{1006, ""});
    EXPECT_EQ(h.one<SetSignallingState>().state, SignallingState::Closed);
    EXPECT_FALSE(h.one<ShowStartButton>().visible);
    Log log = h.one<Log>();
    EXPECT_EQ(log.text, Text::SignallingClosed);
    EXPECT_NE(log.detail.find("1006"), std::string::npos);
}

TEST(Robustness, OtherRelayErrorsAreLoggedWithTheirCode) {
    CallHarness h(Role::Answer);
    h.relay(Error{"bad_message", "field 'sdp' must be a string"});
    Log log = h.one<Log>();
    EXPECT_EQ(log.text, Text::RelayError);
    EXPECT_NE(log.detail.find("bad_message"), std::string::npos);
    EXPECT_FALSE(h.has<SetCallState>());
}

TEST(Robustness, RemoteCandidateQueueIsBounded) {
    CallConfig config = CallHarness::config(Role::Answer, "default");
    config.max_queued_candidates = 2;
    CallMachine machine(config);
    machine.start();
    machine.handle(SignallingMessage{encode(Offer{"v=0"})});
    machine.handle(SignallingMessage{encode(OfferIce{candidate("1")})});
    machine.handle(SignallingMessage{encode(OfferIce{candidate("2")})});
    CallCommands third = machine.handle(SignallingMessage{encode(OfferIce{candidate("3")})});
    ASSERT_EQ(third.size(), 1u);
    EXPECT_EQ(std::get<Log>(third[0]).text, Text::CandidateDropped);
    machine.handle(MediaReady{});
    CallCommands drained = machine.handle(RemoteDescriptionSet{*machine.current_generation()});
    std::size_t added = 0;
    for (const CallCommand& c : drained) added += std::holds_alternative<AddIceCandidate>(c);
    EXPECT_EQ(added, 2u);
}

TEST(Robustness, EveryTextHasAString) {
    for (int i = 0; i <= static_cast<int>(Text::InvalidRoom); ++i) {
        EXPECT_NE(text(static_cast<Text>(i)), "?") << i;
        EXPECT_FALSE(text(static_cast<Text>(i)).empty()) << i;
    }
}

}  // namespace
}  // namespace p2p::client::test
