#include "server/http_responses.hpp"

#include "server/static_files.hpp"

namespace p2p::relay {
namespace {

template <typename Body>
void set_common_headers(http::response<Body>& response, const Request& request) {
    response.version(request.version());
    response.keep_alive(request.keep_alive());
    response.set(http::field::server, "p2p-relay");
    // The client bundle changes with every build; always revalidate.
    response.set(http::field::cache_control, "no-cache");
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
    return response;
}

http::response<http::empty_body> head_response(const std::filesystem::path& file,
                                               std::uint64_t size, const Request& request) {
    http::response<http::empty_body> response{http::status::ok, request.version()};
    set_common_headers(response, request);
    response.set(http::field::content_type, content_type_for(file));
    response.content_length(size);
    return response;
}

std::optional<http::response<http::file_body>> file_response(const std::filesystem::path& file,
                                                             const Request& request) {
    beast::error_code ec;
    http::file_body::value_type body;
    body.open(file.c_str(), beast::file_mode::scan, ec);
    if (ec) return std::nullopt;
    const std::uint64_t size = body.size();
    http::response<http::file_body> response{std::piecewise_construct,
                                             std::make_tuple(std::move(body)),
                                             std::make_tuple(http::status::ok, request.version())};
    set_common_headers(response, request);
    response.set(http::field::content_type, content_type_for(file));
    response.content_length(size);
    return response;
}

}  // namespace p2p::relay
