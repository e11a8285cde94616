// libFuzzer target for the relay's request path: the Beast HTTP parser set up as the relay sets it
// up, then the relay's pure routing (target split, room choice, static file resolution, upgrade
// check) on every request it accepts. A resolved file outside the web root is a finding.
#include <boost/asio/buffer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz/temp_web_root.hpp"
#include "server/request_target.hpp"
#include "server/room_name.hpp"
#include "server/static_files.hpp"
#include "shared/room_name.hpp"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;

// The relay's defaults (server/config.hpp): 8 KiB of header, no body at all.
constexpr std::uint32_t kHeaderLimit = 8 * 1024;

using Parser = http::request_parser<http::empty_body>;

[[noreturn]] void fail(const char* what, std::string_view detail) {
    std::fprintf(stderr, "fuzz_request: %s\n  detail: %.*s\n", what, static_cast<int>(detail.size()),
                 detail.data());
    std::abort();
}

// Feeds `pending` to the parser as the relay's read loop would, keeping what it did not consume.
// Returns false once the parser reports an error.
bool feed(Parser& parser, std::string& pending) {
    while (!pending.empty() && !parser.is_done()) {
        beast::error_code ec;
        std::size_t used = parser.put(boost::asio::buffer(pending), ec);
        pending.erase(0, used);
        if (ec == http::error::need_more) return true;
        if (ec) return false;
        if (used == 0) return true;
    }
    return true;
}

void check_static_path(const p2p::fuzz::TempWebRoot& web_root, std::string_view target) {
    std::optional<std::string> relative = p2p::relay::static_relative_path(target);
    if (!relative) return;
    if (relative->find('\0') != std::string::npos || relative->find('\\') != std::string::npos ||
        relative->starts_with('/')) {
        fail("static_relative_path let through a NUL, backslash or absolute path", *relative);
    }
    if (auto file = p2p::relay::resolve_in_root(web_root.root(), *relative)) {
        if (!web_root.contains(*file)) fail("resolved a file outside the web root", file->string());
        (void)p2p::relay::content_type_for(*file);
    }
}

void route(const p2p::fuzz::TempWebRoot& web_root, const http::request<http::empty_body>& request) {
    const std::string_view target = request.target();
    std::string_view path = p2p::relay::target_path(target);
    std::string_view query = p2p::relay::target_query(target);
    if (path.size() + (query.empty() ? 0 : query.size() + 1) > target.size()) {
        fail("path and query are longer than the target", target);
    }
    p2p::relay::RoomChoice choice = p2p::relay::room_from_target(target);
    if (choice.ok() && !p2p::is_valid_room_name(choice.room)) fail("accepted an invalid room", choice.room);
    // The relay picks one branch; both run here so every request exercises all the pure code.
    (void)websocket::is_upgrade(request);
    check_static_path(web_root, target);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const p2p::fuzz::TempWebRoot web_root;

    Parser parser;
    parser.header_limit(kHeaderLimit);
    parser.body_limit(0);
    // Two reads, split mid-input, so the parser's resume-after-partial-header path runs too.
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    std::string pending(bytes.substr(0, size / 2));
    if (!feed(parser, pending)) return 0;
    pending.append(bytes.substr(size / 2));
    if (!feed(parser, pending)) return 0;
    if (!parser.is_header_done()) {
        beast::error_code ec;
        parser.put_eof(ec);
        if (!parser.is_header_done()) return 0;
    }
    route(web_root, parser.get());
    return 0;
}
