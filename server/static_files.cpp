#include "server/static_files.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "server/request_target.hpp"

namespace p2p::relay {
namespace {

bool is_safe_segment(std::string_view segment) {
    return !segment.empty() && segment != "." && segment != "..";
}

bool all_segments_safe(std::string_view relative) {
    while (true) {
        auto slash = relative.find('/');
        if (!is_safe_segment(relative.substr(0, slash))) return false;
        if (slash == std::string_view::npos) return true;
        relative = relative.substr(slash + 1);
    }
}

bool is_inside(const std::filesystem::path& root, const std::filesystem::path& candidate) {
    auto [root_end, candidate_at] =
        std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
    return root_end == root.end() && candidate_at != candidate.end();
}

}  // namespace

std::optional<std::string> static_relative_path(std::string_view target) {
    std::string_view path = target_path(target);
    if (path == "/") return "index.html";
    if (path == "/p2p") return "p2p.html";
    if (!path.starts_with('/')) return std::nullopt;
    auto decoded = percent_decode(path.substr(1));
    if (!decoded) return std::nullopt;
    // Check after decoding so %2e%2e, %5c and %00 are judged as what they really are.
    if (decoded->find('\0') != std::string::npos || decoded->find('\\') != std::string::npos) {
        return std::nullopt;
    }
    if (!all_segments_safe(*decoded)) return std::nullopt;
    return decoded;
}

std::optional<std::filesystem::path> resolve_in_root(const std::filesystem::path& root,
                                                     const std::string& relative) {
    std::error_code ec;
    std::filesystem::path canonical_root = std::filesystem::canonical(root, ec);
    if (ec) return std::nullopt;
    std::filesystem::path file = std::filesystem::canonical(canonical_root / relative, ec);
    if (ec || !is_inside(canonical_root, file)) return std::nullopt;
    if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
    return file;
}

std::string_view content_type_for(const std::filesystem::path& file) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kTypes{{
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".wasm", "application/wasm"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},
    }};
    const std::string extension = file.extension().string();
    for (const auto& [suffix, type] : kTypes) {
        if (extension == suffix) return type;
    }
    return "application/octet-stream";
}

}  // namespace p2p::relay
