#include "bench/load/room_load.hpp"

#include <algorithm>

#include "bench/load/sequenced_message.hpp"
#include "shared/codec.hpp"

namespace p2p::load {
namespace {

using Clock = std::chrono::steady_clock;

std::int64_t now_us() {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch()).count();
}

constexpr std::size_t kErrorsKept = 10;

}  // namespace

RoomLoad::RoomLoad(LoadPlan plan)
    : plan_(std::move(plan)),
      keep_running_(net::make_work_guard(io_)),
      relay_(net::ip::make_address_v4("127.0.0.1"), plan_.port) {
    tls_.set_verify_mode(ssl::verify_none);  // the relay's certificate is self-signed
    handlers_.opened = [this](std::size_t i, beast::error_code ec) { on_opened(i, ec); };
    handlers_.message = [this](std::size_t i, std::string_view text) { on_message(i, text); };
    handlers_.ended = [this](std::size_t i, beast::error_code ec) { on_ended(i, ec); };
    const std::size_t connections = plan_.rooms * 2;
    peers_.reserve(connections);
    tallies_.reserve(connections);
    for (std::size_t i = 0; i < connections; ++i) {
        peers_.push_back(std::make_shared<PeerConnection>(io_, tls_, i, handlers_));
        tallies_.emplace_back(room_of(i), side_of(i));
    }
}

RoomLoad::~RoomLoad() {
    // Handlers hold the connections; dropping them before io_ goes keeps the sockets' order sane.
    keep_running_.reset();
    io_.stop();
    peers_.clear();
}

bool RoomLoad::open_all() {
    for (std::size_t i = 0; i < plan_.handshakes_in_flight; ++i) open_next();
    return run_until([this] { return paired_ == peers_.size(); }, plan_.open_timeout);
}

void RoomLoad::open_next() {
    if (next_to_open_ >= peers_.size()) return;
    const std::size_t index = next_to_open_++;
    ++opening_;
    peers_[index]->open(relay_, "/ws?room=" + plan_.room_prefix + std::to_string(room_of(index)));
}

void RoomLoad::on_opened(std::size_t index, beast::error_code ec) {
    --opening_;
    if (ec) error("connection " + std::to_string(index) + " failed to open: " + ec.message());
    else {
        tallies_[index].opened = true;
        ++opened_;
    }
    open_next();
}

void RoomLoad::on_message(std::size_t index, std::string_view text) {
    PeerTally& tally = tallies_[index];
    DecodeResult decoded = decode(text);
    if (!decoded.ok()) return error("relay sent an undecodable message: " + decoded.error().detail);
    const Message& message = decoded.message();
    if (auto stamp = read_sequenced(message)) {
        tally.from_other_side.record(*stamp);
        latency_.record(now_us() - stamp->sent_us);
        return;
    }
    const bool pairs = std::holds_alternative<PeerJoined>(message) ||
                       (std::holds_alternative<Joined>(message) && std::get<Joined>(message).peers == 2);
    if (pairs && !tally.paired) {
        tally.paired = true;
        ++paired_;
        return;
    }
    if (std::holds_alternative<Joined>(message)) return;                 // first in its room
    if (closing_ && std::holds_alternative<PeerLeft>(message)) return;  // the other side closed first
    error("connection " + std::to_string(index) + " got an unexpected message: " + std::string(text.substr(0, 200)));
}

void RoomLoad::on_ended(std::size_t index, beast::error_code ec) {
    tallies_[index].ended = true;
    ++ended_;
    if (!closing_) return error("connection " + std::to_string(index) + " ended early: " + ec.message());
    if (ec && ec != websocket::error::closed) {
        error("connection " + std::to_string(index) + " did not close cleanly: " + ec.message());
    }
}

void RoomLoad::stream(std::chrono::milliseconds duration, const std::function<void()>& each_second) {
    const auto start = Clock::now();
    auto next_second = start + std::chrono::seconds(1);
    while (Clock::now() - start < duration) {
        io_.run_for(std::chrono::milliseconds(2));
        send_due(start);
        if (Clock::now() >= next_second) {
            next_second += std::chrono::seconds(1);
            if (each_second) each_second();
        }
    }
    streaming_seconds_ = std::chrono::duration<double>(Clock::now() - start).count();
}

void RoomLoad::send_due(Clock::time_point start) {
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    const auto due = static_cast<std::uint64_t>(elapsed * plan_.messages_per_second);
    // Round-robin over every peer, so each one sends at the same steady per-connection rate.
    std::size_t skipped_in_a_row = 0;  // stops the loop once no peer can send at all
    while (sent_ < due && skipped_in_a_row < peers_.size()) {
        const std::size_t index = send_cursor_;
        send_cursor_ = (send_cursor_ + 1) % peers_.size();
        PeerTally& tally = tallies_[index];
        if (!tally.opened || tally.ended) {
            ++skipped_in_a_row;
            continue;
        }
        skipped_in_a_row = 0;
        SequenceStamp stamp{room_of(index), side_of(index), tally.sent, now_us()};
        peers_[index]->send(encode_sequenced(stamp));
        ++tally.sent;
        ++sent_;
        max_write_queue_ = std::max(max_write_queue_, peers_[index]->queued());
    }
}

bool RoomLoad::all_delivered() const {
    for (std::size_t i = 0; i < tallies_.size(); ++i) {
        // Peer i's messages are recorded by its partner i ^ 1.
        if (tallies_[i ^ 1].from_other_side.expected() < tallies_[i].sent) return false;
    }
    return true;
}

bool RoomLoad::drain(std::chrono::milliseconds timeout) {
    return run_until([this] { return all_delivered(); }, timeout);
}

bool RoomLoad::close_all(std::chrono::milliseconds timeout) {
    closing_ = true;
    for (std::size_t i = 0; i < peers_.size(); ++i) {
        if (tallies_[i].opened && !tallies_[i].ended) peers_[i]->close();
    }
    return run_until([this] { return ended_ == opened_; }, timeout);
}

bool RoomLoad::run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!done() && Clock::now() < deadline) io_.run_for(std::chrono::milliseconds(5));
    return done();
}

void RoomLoad::error(std::string what) {
    ++errors_;
    if (first_errors_.size() < kErrorsKept) first_errors_.push_back(std::move(what));
}

LoadReport RoomLoad::report() const {
    LoadReport report;
    report.rooms = plan_.rooms;
    report.connections = peers_.size();
    report.connections_opened = opened_;
    report.connections_paired = paired_;
    report.sent = sent_;
    for (std::size_t i = 0; i < tallies_.size(); ++i) {
        const DeliveryLedger& ledger = tallies_[i ^ 1].from_other_side;
        report.received += ledger.in_order();
        report.duplicated += ledger.duplicated();
        report.misrouted += ledger.misrouted();
        report.lost += ledger.skipped() + (tallies_[i].sent - std::min(tallies_[i].sent, ledger.expected()));
    }
    report.errors = errors_;
    report.first_errors = first_errors_;
    report.streaming_seconds = streaming_seconds_;
    report.latency_p50_us = latency_.percentile_us(0.50);
    report.latency_p99_us = latency_.percentile_us(0.99);
    report.latency_max_us = latency_.max_us();
    report.max_write_queue = max_write_queue_;
    return report;
}

}  // namespace p2p::load
