// A throw-away web root for the request fuzzer: a few files, a subfolder, a symlink that points
// out of the root and a secret next to it, so an escape would resolve to something real.
#pragma once

#include <filesystem>

#include "tests/server/temp_dir.hpp"

namespace p2p::fuzz {

// The tree lives in a TempDir (removed with it): <dir>/www is the root, <dir>/secret.txt is not.
class TempWebRoot {
public:
    TempWebRoot();

    // The canonical root, as the relay would serve it.
    const std::filesystem::path& root() const { return root_; }

    // True when `file` lies strictly inside the root (compared segment by segment).
    bool contains(const std::filesystem::path& file) const;

private:
    relay::testing::TempDir dir_;
    std::filesystem::path root_;
};

}  // namespace p2p::fuzz
