#include "bench/micro/sample_messages.hpp"

#include "shared/codec.hpp"

namespace p2p::bench {
namespace {

// One media section; the codec lists are what make real SDPs 5-8 KB.
std::string media_section(const std::string& kind, int mid, int first_payload, int codecs) {
    std::string out = "m=" + kind + " 9 UDP/TLS/RTP/SAVPF";
    for (int i = 0; i < codecs; ++i) out += " " + std::to_string(first_payload + i);
    out += "\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\na=ice-ufrag:Hx3k\r\n"
           "a=ice-pwd:1m5CZfmYw0w3XkqT6pE8xk2b\r\na=ice-options:trickle\r\n"
           "a=fingerprint:sha-256 4C:1F:2A:90:8B:E5:61:0D:33:9A:7E:51:C0:44:19:AB:6E:02:F7:88:3D:"
           "C9:15:A2:7B:60:D4:E8:91:0F:2C:57\r\na=setup:actpass\r\na=mid:" +
           std::to_string(mid) + "\r\na=sendrecv\r\na=rtcp-mux\r\na=rtcp-rsize\r\n";
    for (int i = 0; i < codecs; ++i) {
        std::string pt = std::to_string(first_payload + i);
        out += "a=rtpmap:" + pt + (kind == "audio" ? " opus/48000/2\r\n" : " VP8/90000\r\n");
        out += "a=rtcp-fb:" + pt + " transport-cc\r\na=rtcp-fb:" + pt + " nack\r\n";
        out += "a=fmtp:" + pt + " minptime=10;useinbandfec=1;level-asymmetry-allowed=1\r\n";
    }
    out += "a=ssrc:1234567890 cname:k3Xq9pL2mN8vB4cR\r\na=msid:stream-0 track-" + kind + "\r\n";
    return out;
}

std::string sample_sdp(const std::string& setup) {
    std::string sdp = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                      "a=group:BUNDLE 0 1 2\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS stream-0\r\n";
    sdp += media_section("audio", 0, 111, 8);
    sdp += media_section("video", 1, 96, 24);
    sdp += "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\n"
           "a=setup:" + setup + "\r\na=sctp-port:5000\r\na=max-message-size:262144\r\n";
    return sdp;
}

}  // namespace

std::string sample_offer_json() { return encode(Offer{sample_sdp("actpass")}); }

std::string sample_answer_json() { return encode(Answer{sample_sdp("active")}); }

std::string sample_candidate_json() {
    return encode(OfferIce{IceCandidate{
        "candidate:1467250027 1 udp 2122260223 192.168.1.8 46243 typ host generation 0 ufrag Hx3k "
        "network-id 1",
        "0", 0u, "Hx3k"}});
}

}  // namespace p2p::bench
