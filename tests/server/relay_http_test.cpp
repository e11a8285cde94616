// The relay's static file server, over real HTTPS.
#include <gtest/gtest.h>

#include "tests/server/raw_clients.hpp"
#include "tests/server/relay_fixture.hpp"
#include "tests/server/test_clients.hpp"

namespace p2p::relay::testing {
namespace {

using RelayHttp = RelayFixture;

std::string header(const http::response<http::string_body>& response, http::field field) {
    return std::string(response[field]);
}

TEST_F(RelayHttp, RootAndCallPageAreServedAsHtmlWithNoCache) {
    auto root = https_request(port(), http::verb::get, "/");
    EXPECT_EQ(root.result(), http::status::ok);
    EXPECT_EQ(root.body(), "<!doctype html><title>index</title>");
    EXPECT_EQ(header(root, http::field::content_type), "text/html; charset=utf-8");
    EXPECT_EQ(header(root, http::field::cache_control), "no-cache");
    auto call = https_request(port(), http::verb::get, "/p2p?type=offer");
    EXPECT_EQ(call.result(), http::status::ok);
    EXPECT_EQ(call.body(), "<!doctype html><title>call</title>");
}

TEST_F(RelayHttp, ContentTypesFollowTheExtension) {
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"/app.js?v=3", "text/javascript; charset=utf-8"},
        {"/app.wasm", "application/wasm"},
        {"/style.css", "text/css; charset=utf-8"},
        {"/data/manifest.json", "application/json"},
        {"/icon.svg", "image/svg+xml"},
        {"/icon.png", "image/png"},
        {"/favicon.ico", "image/x-icon"},
        {"/blob.bin", "application/octet-stream"},
    };
    for (const auto& [target, type] : expected) {
        auto response = https_request(port(), http::verb::get, target);
        EXPECT_EQ(response.result(), http::status::ok) << target;
        EXPECT_EQ(header(response, http::field::content_type), type) << target;
    }
    EXPECT_EQ(https_request(port(), http::verb::get, "/app.wasm").body(), std::string("\0asm\1\0\0\0", 8));
}

TEST_F(RelayHttp, MissingFilesAndDirectoriesAre404) {
    EXPECT_EQ(https_request(port(), http::verb::get, "/nope.html").result(), http::status::not_found);
    EXPECT_EQ(https_request(port(), http::verb::get, "/data").result(), http::status::not_found);
}

TEST_F(RelayHttp, TraversalIsRefused) {
    std::filesystem::create_symlink(dir_.path() / "secret.txt", web_root() / "leak.txt");
    for (const char* target : {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt",
                               "/data/..%2f..%2fsecret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt",
                               "/index.html%00.js", "//etc/passwd", "/leak.txt"}) {
        auto response = https_request(port(), http::verb::get, target);
        EXPECT_EQ(response.result(), http::status::not_found) << target;
        EXPECT_EQ(response.body().find("outside"), std::string::npos) << target;
    }
}

TEST_F(RelayHttp, HeadGivesHeadersWithoutBody) {
    auto response = https_request(port(), http::verb::head, "/app.js");
    EXPECT_EQ(response.result(), http::status::ok);
    EXPECT_EQ(header(response, http::field::content_length), "18");
    EXPECT_EQ(header(response, http::field::content_type), "text/javascript; charset=utf-8");
    EXPECT_TRUE(response.body().empty());
}

// Every kind of response to HEAD, on one kept-alive connection: each must end at its blank line
// (a body byte there would start the next response), with the Content-Length a GET would get.
TEST_F(RelayHttp, HeadOfEveryKindOfResponseEndsAtItsHeaders) {
    for (const char* target : {"/healthz", "/metrics", "/nope.html", "/ws", "/app.js"}) {
        const std::string get_length = header(https_request(port(), http::verb::get, target),
                                              http::field::content_length);
        RawOutcome outcome = tls_trickle(
            port(), {"HEAD " + std::string(target) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                     "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
            50ms, 5s);
        const std::size_t end = outcome.received.find("\r\n\r\n");
        ASSERT_NE(end, std::string::npos) << target << ": " << outcome.received;
        const std::string head = outcome.received.substr(0, end);
        EXPECT_NE(head.find("Content-Length: " + get_length), std::string::npos) << target << ": " << head;
        EXPECT_EQ(outcome.received.substr(end + 4, 17), "HTTP/1.1 200 OK\r\n") << target << ": " << outcome.received;
        EXPECT_TRUE(outcome.received.ends_with("\r\n\r\nok\n")) << target << ": " << outcome.received;
    }
}

TEST_F(RelayHttp, OtherMethodsAre405) {
    for (http::verb method : {http::verb::post, http::verb::put, http::verb::delete_}) {
        auto response = https_request(port(), method, "/index.html");
        EXPECT_EQ(response.result(), http::status::method_not_allowed);
        EXPECT_EQ(header(response, http::field::allow), "GET, HEAD");
    }
}

TEST_F(RelayHttp, OversizedHeaderIsRefused) {
    auto response = https_request(port(), http::verb::get, "/", {{"X-Padding", std::string(9000, 'x')}});
    EXPECT_EQ(response.result(), http::status::request_header_fields_too_large);
}

TEST_F(RelayHttp, UpgradeWithBadRoomNameIs400) {
    const std::vector<std::pair<std::string, std::string>> upgrade = {
        {"Connection", "Upgrade"}, {"Upgrade", "websocket"}, {"Sec-WebSocket-Version", "13"},
        {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}};
    for (const char* target : {"/ws?room=a%20b", "/ws?room=", "/?room=../x",
                               "/ws?room=0123456789012345678901234567890123456789012345678901234567890123456789"}) {
        auto response = https_request(port(), http::verb::get, target, upgrade);
        EXPECT_EQ(response.result(), http::status::bad_request) << target;
        EXPECT_NE(response.body().find("room name"), std::string::npos) << response.body();
    }
    EXPECT_EQ(https_request(port(), http::verb::get, "/elsewhere", upgrade).result(), http::status::not_found);
    EXPECT_THROW(WsClient(port(), "/ws?room=bad%20name"), std::runtime_error);
}

TEST_F(RelayHttp, ValidatorsGive304) {
    auto first = https_request(port(), http::verb::get, "/app.js");
    const std::string etag = header(first, http::field::etag);
    const std::string modified = header(first, http::field::last_modified);
    EXPECT_TRUE(etag.starts_with("W/\"")) << etag;
    EXPECT_TRUE(modified.ends_with(" GMT")) << modified;
    auto by_tag = https_request(port(), http::verb::get, "/app.js", {{"If-None-Match", etag}});
    EXPECT_EQ(by_tag.result(), http::status::not_modified);
    EXPECT_TRUE(by_tag.body().empty());
    EXPECT_EQ(https_request(port(), http::verb::get, "/app.js", {{"If-Modified-Since", modified}}).result(),
              http::status::not_modified);
    EXPECT_EQ(https_request(port(), http::verb::get, "/app.js", {{"If-None-Match", "W/\"stale\""}}).result(),
              http::status::ok);
    dir_.write("www/app.js", "console.log('changed');");
    EXPECT_EQ(https_request(port(), http::verb::get, "/app.js", {{"If-None-Match", etag}}).result(), http::status::ok)
        << "a changed file gets a new tag";
}

TEST_F(RelayHttp, GzipSiblingIsServedToClientsThatAcceptIt) {
    const std::string gz("\x1f\x8b\x08\x00" "fake", 8);
    dir_.write("www/app.js.gz", gz);
    auto zipped = https_request(port(), http::verb::get, "/app.js", {{"Accept-Encoding", "gzip, br"}});
    EXPECT_EQ(zipped.body(), gz);
    EXPECT_EQ(header(zipped, http::field::content_encoding), "gzip");
    EXPECT_EQ(header(zipped, http::field::content_type), "text/javascript; charset=utf-8");
    EXPECT_EQ(header(zipped, http::field::vary), "Accept-Encoding");
    auto plain = https_request(port(), http::verb::get, "/app.js");
    EXPECT_EQ(plain.body(), "console.log('hi');");
    EXPECT_EQ(header(plain, http::field::content_encoding), "");
    EXPECT_EQ(header(plain, http::field::vary), "Accept-Encoding");
    EXPECT_NE(header(plain, http::field::etag), header(zipped, http::field::etag));
    auto head = https_request(port(), http::verb::head, "/app.js", {{"Accept-Encoding", "gzip"}});
    EXPECT_EQ(header(head, http::field::content_length), "8");
}

TEST_F(RelayHttp, GzipSiblingOutsideTheRootIsNotFollowed) {
    std::filesystem::create_symlink(dir_.path() / "secret.txt", web_root() / "style.css.gz");
    auto response = https_request(port(), http::verb::get, "/style.css", {{"Accept-Encoding", "gzip"}});
    EXPECT_EQ(response.body(), "body{}");
    EXPECT_EQ(header(response, http::field::content_encoding), "");
}

}  // namespace
}  // namespace p2p::relay::testing
