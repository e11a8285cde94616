// A fresh directory under the system temp dir, removed with everything in it on destruction.
#pragma once

#include <filesystem>
#include <string_view>

namespace p2p::relay::testing {

// Scratch directory owned by one test.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // Writes `content` to `relative` (creating parent directories) and returns its full path.
    std::filesystem::path write(const std::filesystem::path& relative, std::string_view content) const;

private:
    std::filesystem::path path_;
};

}  // namespace p2p::relay::testing
