// CallMachine, part 4: is the path still there? What the media watch and the browser's network
// events say about it, and what the page does about it before ICE itself notices (5 s for
// "disconnected", 30 s or more for "failed"): say so, restart sooner, and check the relay link.
#include "wasm/call_machine.hpp"

namespace p2p::client {

void CallMachine::on(const StatsCollected& e) {
    if (!current(e.gen)) return;
    switch (extras_.stats_collected(e.sample)) {
        case MediaChange::None: return;
        case MediaChange::Stalled: return media_stalled();
        case MediaChange::Resumed: return media_resumed();
    }
}

// Nothing arrives from the other person: whatever ICE says, the call is interrupted. Our own
// signalling socket may have died with the path (it is asked at once, not at its next
// heartbeat), and the session recovers as it would on ICE "disconnected".
void CallMachine::media_stalled() {
    link_.probe();
    if (!session_->media_stalled()) return;
    video_held_for_ = session_->gen();
    out_.emit(HoldVideo{session_->gen()});
    ice_down(IceChange::Interrupted, Text::MediaInterrupted);
}

// Media arrives again: the path is back, so a relay reconnect waiting out its backoff goes now.
void CallMachine::media_resumed() {
    link_.path_is_back();
    release_video();  // media arriving proves the path, whatever ICE says yet
    if (!session_->media_resumed()) return;
    out_.log(LogLevel::Info, Text::Reconnected);
    path_restored();
}

// The browser moved to another network (or back online): sockets and candidate pairs of the
// old one may be dead. The relay link is checked (or retried) now, and a session that is down
// recovers now rather than at its next timer.
void CallMachine::on(const NetworkChanged&) {
    out_.log(LogLevel::Info, Text::NetworkChanged);
    link_.path_is_back();
    link_.probe();
    if (session_ && session_->started() && session_->ice_down()) recover();
}

// The call's media flows again: timers of recovery stop and notices about it go.
void CallMachine::path_restored() {
    link_.hurry(false);
    release_video();
    out_.cancel_timer(TimerKind::IceRestart);
    out_.cancel_timer(TimerKind::IceConnect);
    for (Text text : {Text::ConnectionLost, Text::MediaInterrupted, Text::IceFailed, Text::IceFailedRelay,
                      Text::FreshConnection}) {
        out_.clear_notice(text);
    }
    set_call(CallState::Connected);
}

// The video sender held since the stall starts again with a key frame, once.
void CallMachine::release_video() {
    if (session_ && video_held_for_ == session_->gen()) out_.emit(RefreshVideo{session_->gen()});
    video_held_for_.reset();
}

// The relay link's own timers: its heartbeat, and the deadline of a Ping or of an opening socket.
void CallMachine::link_timer_fired(TimerKind kind) {
    if (kind == TimerKind::Heartbeat) return link_.heartbeat_due();
    if (!link_.deadline_passed(session_ && session_->started())) return;
    drop_held();  // as on a close: the peer cannot be reached through that socket
    update_controls();
}

}  // namespace p2p::client
