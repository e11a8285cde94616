#include "server/http_responses.hpp"

#include "server/http_cache.hpp"

namespace p2p::relay {
namespace {

template <typename Body>
void set_common_headers(http::response<Body>& response, const Request& request) {
    response.version(request.version());
    response.keep_alive(request.keep_alive());
    response.set(http::field::server, "p2p-relay");
    // The client bundle changes with every build; always revalidate (cheap: ETag gives 304).
    response.set(http::field::cache_control, "no-cache");
}

template <typename Body>
void set_file_headers(http::response<Body>& response, const ServedFile& file, const Request& request) {
    set_common_headers(response, request);
    response.set(http::field::content_type, file.content_type);
    response.set(http::field::etag, file.etag);
    response.set(http::field::last_modified, http_date(file.mtime));
    if (file.gzip) response.set(http::field::content_encoding, "gzip");
    if (file.has_gzip_variant) response.set(http::field::vary, "Accept-Encoding");
}

// A HEAD gets the headers a GET would, Content-Length included, and no body (RFC 9110 §9.3.2):
// body bytes after them would be read as the start of the next response on a kept-alive connection.
void drop_body_for_head(http::response<http::string_body>& response, const Request& request) {
    if (request.method() == http::verb::head) response.body().clear();
}

}  // namespace

http::response<http::string_body> text_response(http::status status, std::string_view text,
                                                const Request& request) {
    http::response<http::string_body> response{status, request.version()};
    set_common_headers(response, request);
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    if (status == http::status::method_not_allowed) response.set(http::field::allow, "GET, HEAD");
    response.body() = std::string(text) + "\n";
    response.prepare_payload();
    drop_body_for_head(response, request);
    return response;
}

http::response<http::string_body> body_response(std::string body, std::string_view content_type,
                                                const Request& request) {
    http::response<http::string_body> response{http::status::ok, request.version()};
    set_common_headers(response, request);
    response.set(http::field::content_type, content_type);
    response.body() = std::move(body);
    response.prepare_payload();
    drop_body_for_head(response, request);
    return response;
}

http::response<http::empty_body> not_modified_response(const ServedFile& file, const Request& request) {
    http::response<http::empty_body> response{http::status::not_modified, request.version()};
    set_file_headers(response, file, request);
    return response;
}

http::response<http::empty_body> head_response(const ServedFile& file, const Request& request) {
    http::response<http::empty_body> response{http::status::ok, request.version()};
    set_file_headers(response, file, request);
    response.content_length(file.size);
    return response;
}

std::optional<http::response<http::file_body>> file_response(const ServedFile& file,
                                                             const Request& request) {
    beast::error_code ec;
    http::file_body::value_type body;
    body.open(file.content.c_str(), beast::file_mode::scan, ec);
    if (ec) return std::nullopt;
    const std::uint64_t size = body.size();
    http::response<http::file_body> response{std::piecewise_construct,
                                             std::make_tuple(std::move(body)),
                                             std::make_tuple(http::status::ok, request.version())};
    set_file_headers(response, file, request);
    response.content_length(size);
    return response;
}

}  // namespace p2p::relay
