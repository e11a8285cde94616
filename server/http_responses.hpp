// Builders for the HTTP responses the relay sends; no I/O beyond opening the file to serve.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "server/net_types.hpp"

namespace p2p::relay {

// A short plain-text response (errors, 404, 405), honouring the request's version/keep-alive.
http::response<http::string_body> text_response(http::status status, std::string_view text,
                                                const Request& request);

// The headers a GET of `file` would get, without a body (for HEAD).
http::response<http::empty_body> head_response(const std::filesystem::path& file,
                                               std::uint64_t size, const Request& request);

// The whole file, or nullopt if it cannot be opened.
std::optional<http::response<http::file_body>> file_response(const std::filesystem::path& file,
                                                             const Request& request);

}  // namespace p2p::relay
