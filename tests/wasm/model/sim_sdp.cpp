#include "tests/wasm/model/sim_sdp.hpp"

#include <charconv>
#include <cstdio>

#include "wasm/verification.hpp"

namespace p2p::client::model {

namespace {

// A fingerprint per connection: each RTCPeerConnection has its own certificate.
std::string fingerprint_of(int pc) {
    char text[64];
    std::snprintf(text, sizeof text, "5E:%02X:%02X:C0:FF:EE", (pc >> 8) & 0xff, pc & 0xff);
    return text;
}

std::optional<int> to_int(std::string_view text) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

bool has_line(std::string_view sdp, std::string_view start) {
    return sdp.find(std::string("\r\n") + std::string(start)) != std::string_view::npos;
}

}  // namespace

std::string write_sdp(const SimSdp& sdp) {
    std::string out = "v=0\r\no=- " + std::to_string(sdp.pc) + " " + std::to_string(sdp.offer_no) +
                      " IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    out += "a=x-sim-pc:" + std::to_string(sdp.pc) + "\r\n";
    out += "a=x-sim-offer:" + std::to_string(sdp.offer_pc) + "." + std::to_string(sdp.offer_no) + "\r\n";
    if (sdp.firefox) out += "a=x-sim-engine:firefox\r\n";
    out += "a=ice-ufrag:" + sdp.ufrag + "\r\na=ice-pwd:simsimsimsimsimsimsimsim\r\n";
    out += "a=fingerprint:sha-256 " + fingerprint_of(sdp.pc) + "\r\n";
    out += "a=setup:" + sdp.setup + "\r\n";
    const char* direction = sdp.media ? "a=sendrecv\r\na=msid:stream track\r\n" : "a=recvonly\r\n";
    out += std::string("m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n") + direction;
    out += std::string("m=video 9 UDP/TLS/RTP/SAVPF 96\r\n") + direction;
    if (sdp.data) out += "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n";
    return out;
}

std::optional<SimSdp> parse_sdp(std::string_view text, SdpType type) {
    SimSdp sdp;
    sdp.type = type;
    auto pc = sdp_attribute(text, "x-sim-pc");
    auto offer = sdp_attribute(text, "x-sim-offer");
    auto ufrag = sdp_attribute(text, "ice-ufrag");
    auto setup = sdp_attribute(text, "setup");
    if (!pc || !offer || !ufrag || !setup) return std::nullopt;
    std::size_t dot = offer->find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    auto pc_id = to_int(*pc);
    auto offer_pc = to_int(offer->substr(0, dot));
    auto offer_no = to_int(offer->substr(dot + 1));
    if (!pc_id || !offer_pc || !offer_no) return std::nullopt;
    sdp.pc = *pc_id;
    sdp.offer_pc = *offer_pc;
    sdp.offer_no = *offer_no;
    sdp.ufrag = std::string(*ufrag);
    sdp.setup = std::string(*setup);
    sdp.media = has_line(text, "a=sendrecv");
    sdp.data = has_line(text, "m=application");
    sdp.firefox = sdp_attribute(text, "x-sim-engine").has_value();
    return sdp;
}

std::string make_ufrag(int pc, int generation) {
    return "p" + std::to_string(pc) + "g" + std::to_string(generation);
}

int ufrag_owner(std::string_view ufrag) {
    std::size_t g = ufrag.find('g');
    if (ufrag.size() < 2 || ufrag[0] != 'p' || g == std::string_view::npos) return 0;
    return to_int(ufrag.substr(1, g - 1)).value_or(0);
}

std::string candidate_line(int pc, const std::string& ufrag, int index) {
    return "candidate:" + std::to_string(index) + " 1 udp 2122260223 10.0." + std::to_string(pc % 250) + "." +
           std::to_string(index) + " " + std::to_string(50000 + index) + " typ host generation 0 ufrag " + ufrag +
           " network-id 1";
}

std::string candidate_ufrag(const std::string& line, const std::optional<std::string>& username_fragment) {
    if (username_fragment) return *username_fragment;
    std::size_t at = line.find(" ufrag ");
    if (at == std::string::npos) return {};
    std::size_t start = at + 7;
    return line.substr(start, line.find(' ', start) - start);
}

std::string summarize_sdp(std::string_view text, SdpType type) {
    auto sdp = parse_sdp(text, type);
    if (!sdp) return "<foreign sdp>";
    std::string out = "pc" + std::to_string(sdp->pc) + " ";
    out += type == SdpType::Offer ? "offer#" + std::to_string(sdp->offer_no)
                                  : "answer(pc" + std::to_string(sdp->offer_pc) + "#" + std::to_string(sdp->offer_no) + ")";
    out += " " + sdp->ufrag + " " + sdp->setup;
    if (sdp->media) out += " +media";
    if (sdp->data) out += " +data";
    if (sdp->firefox) out += " (firefox)";
    return out;
}

}  // namespace p2p::client::model
