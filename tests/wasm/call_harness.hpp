// Drives a CallMachine in tests and reads its commands back as decoded, typed values.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "shared/codec.hpp"
#include "wasm/call_machine.hpp"

namespace p2p {
// Failures show each message as it goes on the wire.
template <class M>
    requires(!std::is_same_v<M, Message> && std::is_constructible_v<Message, const M&>)
void PrintTo(const M& message, std::ostream* os) {
    *os << encode(Message{message});
}
}  // namespace p2p

namespace p2p::client::test {

inline const std::string kSdpA = "v=0\r\na=fingerprint:sha-256 AA:AA\r\n";
// The ids a test page (CallConfig::page_id "page") gives its first sessions, and one of the peer's.
inline const SessionId kS1 = "page-1";
inline const SessionId kS2 = "page-2";
inline const SessionId kTheirs = "peer-1";
inline const std::string kSdpB = "v=0\r\na=fingerprint:sha-256 BB:BB\r\n";

// A CallMachine plus the commands of the last step and shorthands for the common events.
class CallHarness {
public:
    explicit CallHarness(Role role, std::string room = "default") : machine(config(role, std::move(room))) {
        last = machine.start();
    }
    explicit CallHarness(CallConfig custom) : machine(std::move(custom)) { last = machine.start(); }

    // A page whose signalling is open and that joined a room now holding `peers` peers.
    static CallHarness joined(Role role, unsigned peers) { return joined(config(role, "default"), peers, {}); }
    // `resume_window_s`: the relay holds a lost page's seat that long (0: an older relay).
    static CallHarness joined(CallConfig custom, unsigned peers, std::vector<IceServer> servers,
                              unsigned resume_window_s = 0) {
        CallHarness h(std::move(custom));
        h.feed(SignallingOpened{});
        h.relay(Joined{"default", peers, std::move(servers), 0, 0, resume_window_s});
        return h;
    }

    // A page with the peer present that pressed start and got its media: its connection exists,
    // holds the local tracks, and its offer is being made (SetLocalDescription was emitted).
    // `last` holds the commands of joining, the click and the media together: the offer page
    // prepares its connection and offer on joining, the answer page after the media.
    static CallHarness calling(Role role = Role::Offer) { return calling(config(role, "default"), {}); }
    static CallHarness calling(CallConfig custom, std::vector<IceServer> servers, unsigned resume_window_s = 0) {
        CallHarness h = joined(std::move(custom), 2, std::move(servers), resume_window_s);
        CallCommands steps = h.last;
        for (CallEvent event : {CallEvent{StartClicked{}}, CallEvent{MediaReady{}}}) {
            CallCommands& next = h.feed(event);
            steps.insert(steps.end(), next.begin(), next.end());
        }
        h.last = std::move(steps);
        return h;
    }

    // calling() plus a completed offer/answer with one of our pages: ICE connected, `local` and
    // `remote` SDPs set, session kS1 (ours: we made its first offer).
    static CallHarness connected(Role role = Role::Offer, unsigned resume_window_s = 0) {
        CallHarness h = calling(config(role, "default"), {}, resume_window_s);
        Generation g = h.gen();
        h.feed(LocalDescriptionSet{g, SdpType::Offer, kSdpA});
        h.relay(Answer{kSdpB, h.machine.session()->id()});  // one of our pages answers
        h.feed(RemoteDescriptionSet{g, SdpType::Answer});
        h.feed(IceStateChanged{g, "connected"});
        h.feed(DataChannelOpen{g, true});
        return h;
    }

    // A page whose session the other page started (kTheirs): it answered their offer, with its
    // camera on, and ICE connected.
    static CallHarness follower(Role role = Role::Offer) {
        CallHarness h = joined(role, 2);
        h.relay(Offer{kSdpB, kTheirs});
        h.feed(MediaReady{});
        h.feed(RemoteDescriptionSet{h.gen(), SdpType::Offer});
        h.feed(LocalDescriptionSet{h.gen(), SdpType::Answer, kSdpA});
        h.feed(IceStateChanged{h.gen(), "connected"});
        return h;
    }

    static CallConfig config(Role role, std::string room) {
        CallConfig c;
        c.role = role;
        c.room = std::move(room);
        return c;
    }

    CallCommands& feed(CallEvent event) { return last = machine.handle(event); }
    CallCommands& relay(const Message& message) { return feed(SignallingMessage{encode(message)}); }
    CallCommands& raw(std::string text) { return feed(SignallingMessage{std::move(text)}); }

    template <typename T>
    std::vector<T> all() const {
        std::vector<T> out;
        for (const CallCommand& c : last) {
            if (const T* t = std::get_if<T>(&c)) out.push_back(*t);
        }
        return out;
    }
    template <typename T>
    bool has() const {
        return !all<T>().empty();
    }
    template <typename T>
    T one() const {
        auto found = all<T>();
        EXPECT_EQ(found.size(), 1u) << "expected exactly one command of this type";
        return found.empty() ? T{} : found.front();
    }

    // Decoded SendMessage payloads of the last step.
    std::vector<Message> sent() const {
        std::vector<Message> out;
        for (const SendMessage& s : all<SendMessage>()) {
            DecodeResult r = decode(s.text);
            EXPECT_TRUE(r.ok()) << s.text;
            if (r.ok()) out.push_back(r.message());
        }
        return out;
    }
    template <typename M>
    bool sent_a() const {
        for (const Message& m : sent()) {
            if (std::holds_alternative<M>(m)) return true;
        }
        return false;
    }

    bool logged(Text text, LogLevel level) const {
        for (const Log& l : all<Log>()) {
            if (l.text == text && l.level == level) return true;
        }
        return false;
    }
    bool logged(Text text) const {
        for (const Log& l : all<Log>()) {
            if (l.text == text) return true;
        }
        return false;
    }
    // The text of the notice banner set by the last step, if any.
    bool noticed(Text text) const {
        for (const Log& l : all<Log>()) {
            if (l.text == text && l.notice) return true;
        }
        return false;
    }

    Generation gen() const { return machine.current_generation().value_or(0); }

    CallMachine machine;
    CallCommands last;
};

inline IceCandidate candidate(std::string text) {
    return IceCandidate{std::move(text), "0", 0u, "ufrag"};
}

}  // namespace p2p::client::test
