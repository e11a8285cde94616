// Hostile or late input: bad frames, stale generations and timers, failures, limits.
#include <gtest/gtest.h>

#include "tests/wasm/call_harness.hpp"

namespace p2p::client::test {
namespace {

TEST(Robustness, BadFramesAreLoggedAndIgnored) {
    CallHarness h = CallHarness::calling();
    for (const char* text : {"not json", "[]", "{\"type\":42}", "{\"type\":\"offer\"}", "{\"type\":\"dance\"}",
                             "{\"type\":\"offer_ice\",\"iceCandidate\":{\"candidate\":7}}"}) {
        h.raw(text);
        ASSERT_EQ(h.last.size(), 1u) << text;
        Log log = h.one<Log>();
        EXPECT_EQ(log.text, Text::BadMessage) << text;
        EXPECT_EQ(log.level, LogLevel::Error) << text;
    }
    EXPECT_EQ(h.machine.call_state(), CallState::Negotiating);
}

TEST(Robustness, OversizedFrameIsRejectedByTheSharedLimit) {
    CallHarness h = CallHarness::calling();
    h.raw("{\"type\":\"answer\",\"sdp\":\"" + std::string(ProtocolLimits{}.max_message_bytes, 'x') + "\"}");
    EXPECT_NE(h.one<Log>().detail.find("too_large"), std::string::npos);
}

TEST(Robustness, StaleGenerationResultsAreIgnored) {
    CallHarness h = CallHarness::connected();
    Generation old_gen = h.gen();
    h.relay(PeerJoined{});
    h.relay(Ready{});  // the peer reloaded: a new connection replaces the old one
    ASSERT_NE(h.gen(), old_gen);
    CallState before = h.machine.call_state();
    const CallEvent stale[] = {
        NegotiationNeeded{old_gen},
        LocalDescriptionSet{old_gen, SdpType::Offer, "x"},
        RemoteDescriptionSet{old_gen, SdpType::Answer},
        LocalIceCandidate{old_gen, candidate("x")},
        RemoteTrackArrived{old_gen},
        IceStateChanged{old_gen, "failed"},
        PeerOperationFailed{old_gen, PeerOperation::SetRemoteDescription, "boom"},
        DataChannelOpen{old_gen, true},
        DataReceived{old_gen, "chi"},
        StatsCollected{old_gen, {}},
    };
    for (const CallEvent& event : stale) {
        h.feed(event);
        ASSERT_EQ(h.last.size(), 1u);
        EXPECT_EQ(h.one<Log>().text, Text::StaleCallback);
        EXPECT_EQ(h.one<Log>().level, LogLevel::Debug);
    }
    EXPECT_EQ(h.machine.call_state(), before);
}

TEST(Robustness, StaleTimersAreIgnored) {
    CallHarness h = CallHarness::connected();
    h.feed(IceStateChanged{h.gen(), "disconnected"});
    StartTimer first = h.one<StartTimer>();
    h.feed(IceStateChanged{h.gen(), "connected"});
    h.feed(IceStateChanged{h.gen(), "disconnected"});
    StartTimer second = h.one<StartTimer>();
    h.feed(TimerFired{TimerKind::IceRestart, first.token});
    EXPECT_FALSE(h.has<RestartIce>()) << "a timer of the earlier drop";
    h.feed(TimerFired{TimerKind::IceRestart, second.token});
    EXPECT_TRUE(h.has<RestartIce>());
}

TEST(Robustness, LateMediaResultIsIgnored) {
    CallHarness h = CallHarness::calling();
    h.feed(MediaReady{});
    EXPECT_FALSE(h.has<CreatePeerConnection>());
    h.feed(MediaFailed{"AbortError", "late"});
    EXPECT_NE(h.machine.call_state(), CallState::Failed);
}

TEST(Robustness, FailedNegotiationStepFailsTheCall) {
    CallHarness h = CallHarness::calling();
    h.feed(PeerOperationFailed{h.gen(), PeerOperation::SetLocalDescription, "OperationError: nope"});
    EXPECT_EQ(h.one<SetCallState>().state, CallState::Failed);
    EXPECT_NE(h.one<Log>().detail.find("setLocalDescription"), std::string::npos);
}

TEST(Robustness, BadRemoteCandidateOnlyLogs) {
    CallHarness h = CallHarness::calling();
    h.feed(PeerOperationFailed{h.gen(), PeerOperation::AddIceCandidate, "bad candidate"});
    EXPECT_TRUE(h.logged(Text::PeerOperationFailed, LogLevel::Error));
    EXPECT_FALSE(h.has<SetCallState>());
}

TEST(Robustness, EndOfCandidatesIsNotSent) {
    CallHarness h = CallHarness::connected();
    h.feed(LocalIceCandidate{h.gen(), IceCandidate{}});
    EXPECT_TRUE(h.last.empty());
}

TEST(Robustness, SignallingCloseIsShownAndHidesStart) {
    CallHarness h(Role::Offer);
    h.feed(SignallingOpened{});
    h.feed(SignallingClosed{1006, ""});
    EXPECT_EQ(h.one<SetSignallingState>().state, SignallingState::Closed);
    EXPECT_FALSE(h.one<ShowControls>().start);
    EXPECT_TRUE(h.logged(Text::SignallingClosed, LogLevel::Error));
}

TEST(Robustness, OtherRelayErrorsAreLoggedWithTheirCode) {
    CallHarness h(Role::Answer);
    h.relay(Error{"bad_message", "field 'sdp' must be a string"});
    Log log = h.one<Log>();
    EXPECT_EQ(log.text, Text::RelayError);
    EXPECT_NE(log.detail.find("bad_message"), std::string::npos);
    EXPECT_FALSE(h.has<SetCallState>());
}

// Candidates queue only while the impolite page ignores a colliding offer (see Glare tests).
TEST(Robustness, RemoteCandidateQueueIsBounded) {
    CallConfig config = CallHarness::config(Role::Offer, "default");
    config.max_queued_candidates = 2;
    CallHarness h(config);
    h.feed(SignallingOpened{});
    h.relay(Joined{"default", 2, {}});
    h.feed(StartClicked{});
    h.feed(MediaReady{});
    h.feed(LocalDescriptionSet{h.gen(), SdpType::Offer, kSdpA});
    h.relay(Offer{kSdpB});
    ASSERT_TRUE(h.logged(Text::GlareIgnored));
    h.relay(AnswerIce{candidate("1")});
    h.relay(AnswerIce{candidate("2")});
    h.relay(AnswerIce{candidate("3")});
    ASSERT_EQ(h.last.size(), 1u);
    EXPECT_EQ(h.one<Log>().text, Text::CandidateDropped);
    h.relay(Answer{kSdpB});
    EXPECT_EQ(h.all<AddIceCandidate>().size(), 2u);
}

TEST(Robustness, HangupAndReadyWithoutACallAreIgnored) {
    CallHarness h = CallHarness::joined(Role::Offer, 2);
    h.relay(Hangup{});
    h.relay(Ready{});
    EXPECT_FALSE(h.has<ClosePeerConnection>());
    EXPECT_FALSE(h.has<SetCallState>());
}

}  // namespace
}  // namespace p2p::client::test
