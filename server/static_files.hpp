// Pure mapping from a request target to a file under the web root, and file content types.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace p2p::relay {

// The decoded path relative to the web root that a GET target names ("/" -> "index.html",
// "/p2p" -> "p2p.html"), or nullopt when it is malformed or tries to escape the root
// (.., encoded .., backslash, NUL, empty segments that would make it absolute).
std::optional<std::string> static_relative_path(std::string_view target);

// The canonical regular file `relative` names inside `root`, or nullopt if there is none or if
// it resolves (e.g. through a symlink) to somewhere outside the root.
std::optional<std::filesystem::path> resolve_in_root(const std::filesystem::path& root,
                                                     const std::string& relative);

// Content-Type header value chosen by file extension.
std::string_view content_type_for(const std::filesystem::path& file);

}  // namespace p2p::relay
