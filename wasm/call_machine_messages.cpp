// CallMachine, part 2: the signalling messages of the other page, and which session each belongs to.
#include <algorithm>
#include <utility>

#include "wasm/call_machine.hpp"

namespace p2p::client {

namespace {

std::string describe(const SessionId& id) { return id ? *id : "(none)"; }

}  // namespace

// A message naming another session than ours is late (or early for a session we do not have):
// it is dropped, and the debug log says so. One without a session is the Node demo's: current.
bool CallMachine::of_current_session(const Message& message) {
    const SessionId& id = session_of(message);
    if (session_) session_->peer_is(id ? PeerKind::Ours : PeerKind::Legacy);
    if (!id || (session_ && session_->id() == id)) return true;
    std::string ours = session_ ? describe(session_->id()) : "(no session)";
    out_.log(LogLevel::Debug, Text::StaleSession, std::string(type_name(message)) + " " + *id + ", ours " + ours);
    return false;
}

void CallMachine::on(const Offer& m) {
    out_.log(LogLevel::Info, Text::OfferReceived, describe(m.session));
    if (ended_here(m.session)) {
        return out_.log(LogLevel::Debug, Text::StaleSession, "offer " + *m.session + ": that session ended");
    }
    drop_held();  // their call came first: our offer, never sent, goes
    if (!session_) return accept_offer(m);
    if (m.session && m.session != session_->id()) return offer_of_another_session(m);
    session_->peer_is(m.session ? PeerKind::Ours : PeerKind::Legacy);
    if (session_->repeats_their_offer(m.sdp)) return session_->answer_again();
    // A renegotiation of our session. Only a collision with our own offer needs a decision.
    Exchange exchange = session_->exchange();
    bool collision = exchange == Exchange::MakingOffer || exchange == Exchange::AwaitingAnswer ||
                     exchange == Exchange::ApplyingOffer || exchange == Exchange::MakingAnswer;
    if (collision && !polite()) return out_.log(LogLevel::Info, Text::GlareIgnored);
    if (collision) out_.log(LogLevel::Info, Text::GlareYield);  // setRemoteDescription rolls ours back
    session_->apply_remote(SdpType::Offer, m.sdp);
}

// The other page started a session of its own. If ours never reached an answer of theirs, both
// started at once (glare): the polite page drops its own and answers theirs; the other ignores
// it and waits for the answer to its own. If ours is bound to a connection of theirs, they
// dropped it (a reload, a fresh start after a failure): ours goes, theirs is answered.
void CallMachine::offer_of_another_session(const Offer& m) {
    if (!session_->bound()) {
        if (!polite()) {
            glare_ignored_ = m.session;
            return out_.log(LogLevel::Info, Text::GlareIgnored, describe(m.session));
        }
        out_.log(LogLevel::Info, Text::GlareWithdraw, describe(m.session));
        return withdraw_own_session(m);
    }
    out_.log(LogLevel::Info, Text::PeerRestarted);
    close_session();
    accept_offer(m);
}

// Their offer is answered on a fresh connection, not on ours rolled back: Chromium, rolled back
// while it gathers, may never gather again for the answer (no candidates, ICE failed: 17 of 20
// same-millisecond glares in tests/e2e/repeat.test.mjs). Ours did not drop while wanted, so it
// is not dropped_ (close_session would make it so); it is withdrawn_, which a later hang-up of
// theirs answers with a hang-up of it, in case they took our offer for a call meanwhile.
void CallMachine::withdraw_own_session(const Offer& m) {
    withdrawn_ = session_->id();
    SessionId dropped = dropped_;
    close_session();
    dropped_ = std::move(dropped);
    accept_offer(m);
}

void CallMachine::on(const Answer& m) {
    if (!session_ || session_->held() || session_->exchange() != Exchange::AwaitingAnswer) {
        return unexpected(m, "no offer is waiting for an answer");
    }
    if (!of_current_session(m)) return;
    out_.log(LogLevel::Info, Text::AnswerReceived);
    session_->apply_remote(SdpType::Answer, m.sdp);
}

void CallMachine::on(const OfferIce& m) { remote_candidate(m, m.ice_candidate); }

void CallMachine::on(const AnswerIce& m) { remote_candidate(m, m.ice_candidate); }

// offer_ice comes from an offer page and answer_ice from an answer page; either is accepted,
// since either page may start a session.
void CallMachine::remote_candidate(const Message& message, const IceCandidate& candidate) {
    if (!session_) return out_.log(LogLevel::Debug, Text::UnexpectedMessage, "candidate: no call");
    if (!of_current_session(message)) return;
    extras_.remote_candidate(candidate.candidate);  // names what a remote "prflx" in the stats is
    session_->remote_candidate(candidate, config_.max_queued_candidates);
}

bool CallMachine::ended_here(const SessionId& id) const {
    return id && std::find(ended_.begin(), ended_.end(), *id) != ended_.end();
}

// A hang-up of the current session, or of one that ended here while the peer could not be
// heard (the media path dropped meanwhile): either way the person at the other end is gone.
void CallMachine::on(const Hangup& m) {
    if (intent_ != CallIntent::Wanted) return unexpected(m, "no call");
    bool earlier = m.session && (m.session == glare_ignored_ || m.session == dropped_);
    if (!earlier && !of_current_session(m)) return;
    // They hung up a call of theirs that ours crossed, or the one that dropped before ours
    // replaced it: ours may have reached them as a call they would answer by themselves.
    if (earlier && session_ && session_->id() != m.session && link_.can_signal()) {
        out_.send(Hangup{session_->id()});
    }
    if (withdrawn_ && withdrawn_ != m.session && link_.can_signal()) out_.send(Hangup{withdrawn_});
    out_.notice(LogLevel::Info, Text::PeerHungUp);
    leave_call();
}

// What the peer still holds, said on every meeting. The same session: it goes on, and whatever
// waited for the peer goes out now. Another one, or none, while ours is bound to a connection of
// theirs: that connection is gone (a reload), so ours goes too and, if a call is wanted, a new
// one starts. Ours never reached them (unbound): its offer goes out again.
void CallMachine::on(const Ready& m) {
    if (std::exchange(call_on_ready_, false) && !session_ && intent_ == CallIntent::Wanted) return begin_call();
    if (!session_ || session_->held()) return unexpected(m, "no call to compare");
    session_->peer_is(PeerKind::Ours);
    if (m.session == session_->id()) {
        out_.log(LogLevel::Info, Text::PeerBack);
        out_.clear_notice(Text::PeerOffline);
        out_.clear_notice(Text::PeerReconnecting);
        session_->resume();
        // Steps taken while the peer could not hear them do not count: the first one now is a
        // restart (or a request for one), which the peer's own resumed restart meets, not a
        // fresh session that would cross it.
        session_->recovery_attempts() = 0;
        if (session_->ice_down()) recover();
        return;
    }
    if (!session_->bound()) return session_->resume();
    out_.log(LogLevel::Info, Text::PeerRestarted, describe(m.session));
    out_.clear_notice(Text::PeerOffline);
    out_.clear_notice(Text::PeerReconnecting);
    close_session();
    if (intent_ == CallIntent::Wanted && media_.on()) return begin_call();
    set_call(CallState::Ended);
}

void CallMachine::on(const RestartRequest& m) {
    if (!session_ || !session_->controller() || !of_current_session(m) || !session_->started()) {
        return unexpected(m, "not ours to restart");
    }
    // Our own timer retries a restart that did not help; the peer's request adds nothing to it.
    if (session_->restart_under_way()) return out_.log(LogLevel::Info, Text::RestartUnderWay);
    mend();
}

}  // namespace p2p::client
