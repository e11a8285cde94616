// Pure HTTP caching and content-negotiation rules for static files: validators (ETag,
// Last-Modified), conditional GET, and whether a client takes gzip.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace p2p::relay {

// A weak validator from size and modification time: W/"<size hex>-<mtime hex>[-gz]".
std::string entity_tag(std::uint64_t size, std::time_t mtime, bool gzip = false);

// RFC 9110 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::time_t time);
std::optional<std::time_t> parse_http_date(std::string_view text);

// True when the client's copy is current: If-None-Match (weak comparison, "*") decides when it
// is present, otherwise If-Modified-Since >= mtime. Empty strings mean "header absent".
bool is_not_modified(std::string_view if_none_match, std::string_view if_modified_since,
                     std::string_view etag, std::time_t mtime);

// True when Accept-Encoding lists gzip (or *) with a non-zero q value.
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace p2p::relay
