#include "fuzz/temp_web_root.hpp"

#include <algorithm>

namespace p2p::fuzz {

TempWebRoot::TempWebRoot() {
    dir_.write("www/index.html", "<!doctype html>");
    dir_.write("www/p2p.html", "<!doctype html>");
    dir_.write("www/style.css", "body{}");
    dir_.write("www/assets/client.js", "0");
    dir_.write("secret.txt", "outside the root");
    dir_.write("www-sibling/index.html", "a sibling whose name starts like the root");
    // Links that lead out of the root: resolve_in_root must refuse to follow them.
    std::filesystem::create_symlink(dir_.path() / "secret.txt", dir_.path() / "www" / "leak.txt");
    std::filesystem::create_directory_symlink(dir_.path(), dir_.path() / "www" / "up");
    root_ = std::filesystem::canonical(dir_.path() / "www");
}

bool TempWebRoot::contains(const std::filesystem::path& file) const {
    auto [root_end, file_at] = std::mismatch(root_.begin(), root_.end(), file.begin(), file.end());
    return root_end == root_.end() && file_at != file.end();
}

}  // namespace p2p::fuzz
