#include "server/secret_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

namespace p2p::relay {
namespace {

SecretFileResult failure(std::string_view flag, const std::filesystem::path& path, std::string_view why) {
    return {{}, std::string(flag) + ": '" + path.string() + "' " + std::string(why)};
}

}  // namespace

SecretFileResult read_secret_file(const std::filesystem::path& path, std::string_view flag) {
    std::error_code ec;
    auto status = std::filesystem::status(path, ec);
    if (status.type() == std::filesystem::file_type::not_found) return failure(flag, path, "does not exist");
    if (ec) return failure(flag, path, "cannot be read: " + ec.message());
    if (!std::filesystem::is_regular_file(status)) return failure(flag, path, "is not a regular file");
    std::ifstream in(path, std::ios::binary);
    if (!in) return failure(flag, path, std::string("cannot be read: ") + std::strerror(errno));
    std::string secret;
    secret.resize(kMaxSecretFileBytes + 1);
    in.read(secret.data(), static_cast<std::streamsize>(secret.size()));
    if (in.bad()) return failure(flag, path, "cannot be read");
    secret.resize(static_cast<std::size_t>(in.gcount()));
    if (secret.size() > kMaxSecretFileBytes) {
        return failure(flag, path, "is over " + std::to_string(kMaxSecretFileBytes) + " bytes; is it the right file?");
    }
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    if (secret.empty()) return failure(flag, path, "is empty");
    return {std::move(secret), {}};
}

}  // namespace p2p::relay
