#include "server/served_file.hpp"

#include <sys/stat.h>

#include "server/http_cache.hpp"
#include "server/static_files.hpp"

namespace p2p::relay {

std::optional<ServedFile> choose_served_file(const std::filesystem::path& root, std::string_view target,
                                             std::string_view accept_encoding) {
    auto relative = static_relative_path(target);
    if (!relative) return std::nullopt;
    auto file = resolve_in_root(root, *relative);
    if (!file) return std::nullopt;
    auto compressed = resolve_in_root(root, *relative + ".gz");
    ServedFile served;
    served.content = *file;
    served.content_type = content_type_for(*file);
    served.has_gzip_variant = compressed.has_value();
    if (compressed && accepts_gzip(accept_encoding)) {
        served.content = *compressed;
        served.gzip = true;
    }
    struct stat info {};
    if (::stat(served.content.c_str(), &info) != 0) return std::nullopt;
    served.size = static_cast<std::uint64_t>(info.st_size);
    served.mtime = info.st_mtime;
    served.etag = entity_tag(served.size, served.mtime, served.gzip);
    return served;
}

}  // namespace p2p::relay
