// Which bytes answer a static-file request: the file or its pre-compressed .gz sibling, with the
// facts (size, mtime, validator) its response headers need.
#pragma once

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace p2p::relay {

// A static file chosen for one request.
struct ServedFile {
    std::filesystem::path content;  // the bytes to send: the file itself or file.gz
    std::string content_type;       // always from the uncompressed name
    bool gzip = false;              // content is the .gz sibling: Content-Encoding: gzip
    bool has_gzip_variant = false;  // the answer depends on Accept-Encoding: Vary
    std::uint64_t size = 0;
    std::time_t mtime = 0;
    std::string etag;
};

// The file a GET/HEAD of `target` gets from `root` (through static_relative_path and
// resolve_in_root, so the .gz sibling passes the same traversal checks), or nullopt for 404.
std::optional<ServedFile> choose_served_file(const std::filesystem::path& root, std::string_view target,
                                             std::string_view accept_encoding);

}  // namespace p2p::relay
