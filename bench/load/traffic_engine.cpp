#include "bench/load/traffic_engine.hpp"

#include <algorithm>
#include <cmath>

#include "shared/codec.hpp"

namespace p2p::load {
namespace {

using Clock = TrafficEngine::Clock;

std::int64_t now_ns(Clock::time_point t = Clock::now()) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

std::uint32_t room_of(std::size_t global) { return static_cast<std::uint32_t>(global / 2); }
std::uint32_t side_of(std::size_t global) { return static_cast<std::uint32_t>(global % 2); }

}  // namespace

TrafficEngine::TrafficEngine(EngineSlice slice)
    : slice_(std::move(slice)),
      keep_running_(net::make_work_guard(io_)),
      server_(net::ip::make_address_v4("127.0.0.1"), slice_.port),
      answer_server_(net::ip::make_address_v4("127.0.0.1"), slice_.answer_port ? slice_.answer_port : slice_.port),
      pace_timer_(io_) {
    tls_.set_verify_mode(ssl::verify_none);  // every server under test has a throwaway certificate
    handlers_.opened = [this](std::size_t i, beast::error_code ec) { on_opened(i, ec); };
    handlers_.message = [this](std::size_t i, std::string_view text) { on_message(i, text); };
    handlers_.ended = [this](std::size_t i, beast::error_code ec) { on_ended(i, ec); };
    connections_.reserve(slice_.count);
    for (std::size_t i = 0; i < slice_.count; ++i) {
        const std::size_t global = slice_.first + i;
        const std::size_t sender = slice_.target.receiver_of(global);  // receiving is symmetric
        connections_.emplace_back(std::make_shared<PeerConnection>(io_, tls_, i, handlers_),
                                  LoadFrame(room_of(global), side_of(global), slice_.message_bytes),
                                  DeliveryLedger(room_of(sender), side_of(sender)));
    }
    tally_.connections = slice_.count;
}

TrafficEngine::~TrafficEngine() {
    // Handlers hold the connections; dropping them before io_ goes keeps the sockets' order sane.
    keep_running_.reset();
    io_.stop();
    connections_.clear();
}

template <typename Done>
bool TrafficEngine::run_until_done(Done done, Clock::time_point deadline) {
    while (!done() && Clock::now() < deadline) io_.run_one_until(deadline);
    return done();
}

bool TrafficEngine::open_all(Clock::time_point deadline) {
    for (std::size_t i = 0; i < slice_.handshakes_in_flight; ++i) open_next();
    return run_until_done([this] { return ready_ + failed_ >= connections_.size(); }, deadline) &&
           ready_ == connections_.size();
}

void TrafficEngine::open_next() {
    if (next_to_open_ >= connections_.size()) return;
    const std::size_t index = next_to_open_++;
    const std::size_t global = slice_.first + index;
    const tcp::endpoint& server = side_of(global) == 1 ? answer_server_ : server_;
    connections_[index].peer->open(server, slice_.target.path_for(global, slice_.room_prefix));
}

void TrafficEngine::on_opened(std::size_t index, beast::error_code ec) {
    if (ec) {
        ++failed_;
        tally_.add_error("connection " + std::to_string(slice_.first + index) + " failed to open: " + ec.message());
    } else {
        connections_[index].opened = true;
        ++tally_.opened;
        if (!slice_.target.announces_pairing()) mark_ready(index);
    }
    open_next();
}

void TrafficEngine::mark_ready(std::size_t index) {
    if (connections_[index].ready) return;
    connections_[index].ready = true;
    ++ready_;
}

void TrafficEngine::set_window(Clock::time_point from, Clock::time_point to) {
    window_from_ = from;
    window_to_ = to;
}

void TrafficEngine::on_message(std::size_t index, std::string_view text) {
    if (auto stamp = LoadFrame::read(text)) {
        if (text.size() != slice_.message_bytes) {
            return tally_.add_error("a frame arrived with " + std::to_string(text.size()) + " bytes");
        }
        return on_frame(index, *stamp);
    }
    on_control(index, text);
}

void TrafficEngine::on_frame(std::size_t index, const LoadFrame::Stamp& stamp) {
    const Clock::time_point arrived = Clock::now();
    if (slice_.target.broadcasts() && stamp.sender.room != room_of(slice_.first + index)) {
        ++tally_.broadcast_dropped;  // another room's frame: the cost of the seed's design
        return;
    }
    DeliveryLedger& ledger = connections_[index].ledger;
    const std::uint64_t in_order_before = ledger.in_order();
    const std::uint64_t skipped_before = ledger.skipped();
    ledger.record(stamp.sender);
    skipped_ += ledger.skipped() - skipped_before;
    if (ledger.in_order() == in_order_before) return;  // the ledger counted the fault
    ++tally_.delivered;
    if (in_window(arrived)) {
        ++tally_.measured_delivered;
        if (stamp.sent_ns >= now_ns(window_from_)) tally_.latency.record(now_ns(arrived) - stamp.sent_ns);
    }
    if (pingpong_ && sending_) {
        // The ledger vouched for room and side, so the sender is one of ours; its partner answers.
        const std::size_t sender = std::size_t{stamp.sender.room} * 2 + stamp.sender.side - slice_.first;
        send_from(sender ^ 1);
    }
}

void TrafficEngine::on_control(std::size_t index, std::string_view text) {
    const std::string who = "connection " + std::to_string(slice_.first + index);
    if (!slice_.target.announces_pairing()) {
        return tally_.add_error(who + " got an unexpected message: " + std::string(text.substr(0, 200)));
    }
    DecodeResult decoded = decode(text);
    if (!decoded.ok()) return tally_.add_error(who + " got an undecodable message: " + decoded.error().detail);
    const Message& message = decoded.message();
    const auto* joined = std::get_if<Joined>(&message);
    if (std::holds_alternative<PeerJoined>(message) || (joined && joined->peers == 2)) return mark_ready(index);
    if (joined) return;                                                   // first in its room
    if (closing_ && std::holds_alternative<PeerLeft>(message)) return;  // the other side closed first
    tally_.add_error(who + " got an unexpected message: " + std::string(text.substr(0, 200)));
}

void TrafficEngine::on_ended(std::size_t index, beast::error_code ec) {
    connections_[index].ended = true;
    ++ended_;
    const std::string who = "connection " + std::to_string(slice_.first + index);
    if (!closing_) return tally_.add_error(who + " ended early: " + ec.message());
    if (ec && ec != websocket::error::closed) return tally_.add_error(who + " did not close cleanly: " + ec.message());
    ++tally_.closed_cleanly;
}

bool TrafficEngine::send_from(std::size_t index) {
    Connection& connection = connections_[index];
    if (!connection.ready || connection.ended) return false;
    const Clock::time_point now = Clock::now();
    connection.peer->send(connection.frame.stamped(connection.sent, now_ns(now)));
    ++connection.sent;
    ++tally_.sent;
    if (in_window(now)) ++tally_.measured_sent;
    tally_.max_write_queue = std::max(tally_.max_write_queue, connection.peer->queued());
    return true;
}

void TrafficEngine::start_pingpong(std::size_t window) {
    sending_ = true;
    pingpong_ = true;
    for (std::size_t room = 0; room < connections_.size(); room += 2) {
        for (std::size_t i = 0; i < window; ++i) send_from(room);
    }
}

void TrafficEngine::start_stream(double messages_per_second, Clock::time_point start) {
    sending_ = true;
    rate_ = messages_per_second;
    stream_start_ = start;
    schedule_pace();
}

void TrafficEngine::schedule_pace() {
    // The next frame is due at start + (paced + 1) / rate: one timer per frame keeps sends evenly
    // spaced instead of in bursts, which would show up as queueing latency at the server.
    const auto offset = std::chrono::duration<double>(static_cast<double>(paced_ + 1) / rate_);
    pace_timer_.expires_at(stream_start_ + std::chrono::duration_cast<Clock::duration>(offset));
    pace_timer_.async_wait([this](beast::error_code ec) {
        if (!ec) on_pace();
    });
}

void TrafficEngine::on_pace() {
    if (!sending_) return;
    const double elapsed = std::chrono::duration<double>(Clock::now() - stream_start_).count();
    const auto due = static_cast<std::uint64_t>(std::floor(elapsed * rate_));
    std::size_t skipped_in_a_row = 0;  // stops the loop once no connection can send at all
    while (paced_ < due && skipped_in_a_row < connections_.size()) {
        const std::size_t index = send_cursor_;
        send_cursor_ = (send_cursor_ + 1) % connections_.size();
        if (!send_from(index)) {
            ++skipped_in_a_row;
            continue;
        }
        skipped_in_a_row = 0;
        ++paced_;
    }
    schedule_pace();
}

void TrafficEngine::run_until(Clock::time_point until) { io_.run_until(until); }

void TrafficEngine::stop_sending() {
    sending_ = false;
    pace_timer_.cancel();
}

bool TrafficEngine::drain(Clock::time_point deadline) {
    // Frames skipped over will never arrive; the tally reports them as lost.
    return run_until_done([this] { return tally_.delivered + skipped_ >= tally_.sent; }, deadline);
}

bool TrafficEngine::close_all(Clock::time_point deadline) {
    closing_ = true;
    sending_ = false;
    std::size_t opened = 0;
    for (Connection& connection : connections_) {
        if (!connection.opened) continue;
        ++opened;
        if (!connection.ended) connection.peer->close();
    }
    return run_until_done([this, opened] { return ended_ >= opened; }, deadline);
}

TrafficTally TrafficEngine::tally() const {
    TrafficTally out = tally_;
    for (std::size_t i = 0; i < connections_.size(); ++i) {
        const DeliveryLedger& ledger = connections_[slice_.target.receiver_of(i)].ledger;
        const Connection& sender = connections_[i];
        out.duplicated += ledger.duplicated();
        out.misrouted += ledger.misrouted();
        out.lost += ledger.skipped() + (sender.sent - std::min(sender.sent, ledger.expected()));
    }
    out.ready = ready_;
    return out;
}

}  // namespace p2p::load
