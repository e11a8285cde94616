// Builders for the HTTP responses the relay sends; no I/O beyond opening the file to serve.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "server/net_types.hpp"
#include "server/served_file.hpp"

namespace p2p::relay {

// A short plain-text response (errors, 404, 405), honouring the request's version/keep-alive.
// For a HEAD request this and body_response keep Content-Length and drop the body.
http::response<http::string_body> text_response(http::status status, std::string_view text,
                                                const Request& request);

// `body` exactly as given, with `content_type` (for /metrics).
http::response<http::string_body> body_response(std::string body, std::string_view content_type,
                                                const Request& request);

// 304 with the validators: the client's cached copy is current.
http::response<http::empty_body> not_modified_response(const ServedFile& file, const Request& request);

// The headers a GET of `file` would get, without a body (for HEAD).
http::response<http::empty_body> head_response(const ServedFile& file, const Request& request);

// The whole file, or nullopt if it cannot be opened.
std::optional<http::response<http::file_body>> file_response(const ServedFile& file,
                                                             const Request& request);

}  // namespace p2p::relay
