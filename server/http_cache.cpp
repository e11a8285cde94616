#include "server/http_cache.hpp"

#include <cctype>
#include <cstdio>
#include <cstring>

namespace p2p::relay {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

std::string_view without_weak_prefix(std::string_view tag) {
    return tag.starts_with("W/") ? tag.substr(2) : tag;
}

// Calls `each` for every comma-separated item of a header list, trimmed.
template <typename Each>
bool any_item(std::string_view list, Each each) {
    while (!list.empty()) {
        auto comma = list.find(',');
        if (each(trim(list.substr(0, comma)))) return true;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

bool ieq(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
            return false;
        }
    }
    return true;
}

// "gzip;q=0.5" -> coding "gzip", q 0.5; a malformed q counts as 1 (lenient, as browsers expect).
bool coding_wanted(std::string_view item, std::string_view coding) {
    auto semicolon = item.find(';');
    if (!ieq(trim(item.substr(0, semicolon)), coding)) return false;
    if (semicolon == std::string_view::npos) return true;
    std::string_view param = trim(item.substr(semicolon + 1));
    if (!param.starts_with("q=") && !param.starts_with("Q=")) return true;
    std::string value(param.substr(2));
    return std::strtod(value.c_str(), nullptr) > 0.0;
}

}  // namespace

std::string entity_tag(std::uint64_t size, std::time_t mtime, bool gzip) {
    char text[64];
    std::snprintf(text, sizeof text, "W/\"%llx-%llx%s\"", static_cast<unsigned long long>(size),
                  static_cast<unsigned long long>(mtime), gzip ? "-gz" : "");
    return text;
}

std::string http_date(std::time_t time) {
    std::tm utc{};
    gmtime_r(&time, &utc);
    char text[64];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
    return text;
}

std::optional<std::time_t> parse_http_date(std::string_view text) {
    std::tm utc{};
    std::string copy(text);
    const char* end = strptime(copy.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &utc);
    if (end == nullptr || *end != '\0') return std::nullopt;
    return timegm(&utc);
}

bool is_not_modified(std::string_view if_none_match, std::string_view if_modified_since,
                     std::string_view etag, std::time_t mtime) {
    if (!if_none_match.empty()) {
        return any_item(if_none_match, [&](std::string_view tag) {
            return tag == "*" || without_weak_prefix(tag) == without_weak_prefix(etag);
        });
    }
    if (if_modified_since.empty()) return false;
    auto since = parse_http_date(if_modified_since);
    return since && mtime <= *since;
}

bool accepts_gzip(std::string_view accept_encoding) {
    // An explicit "gzip;q=0" wins over a "*" that would allow it.
    auto names = [](std::string_view coding) {
        return [coding](std::string_view item) { return ieq(trim(item.substr(0, item.find(';'))), coding); };
    };
    if (any_item(accept_encoding, names("gzip"))) {
        return any_item(accept_encoding, [](std::string_view item) { return coding_wanted(item, "gzip"); });
    }
    return any_item(accept_encoding, [](std::string_view item) { return coding_wanted(item, "*"); });
}

}  // namespace p2p::relay
