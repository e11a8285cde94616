// Reads the TURN shared secret from a file (--turn-secret-file), so it never shows in `ps`.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace p2p::relay {

// A secret file is a line or so; anything bigger is the wrong file (or /dev/zero).
inline constexpr std::size_t kMaxSecretFileBytes = 4096;

// The secret, or why not; exactly one of the two is non-empty.
struct SecretFileResult {
    std::string secret;
    std::string error;
};

// The file's content without its trailing line break(s) ("\n" or "\r\n", as editors leave them).
// Errors name `flag` and the path: missing, not a regular file, unreadable, empty, too big.
SecretFileResult read_secret_file(const std::filesystem::path& path, std::string_view flag = "--turn-secret-file");

}  // namespace p2p::relay
