// --turn-secret-file: the secret without its line break, and a clear error for every bad file.
#include "server/secret_file.hpp"

#include <gtest/gtest.h>

#include "tests/server/temp_dir.hpp"

namespace p2p::relay {
namespace {

using testing::TempDir;

std::string error_for(const std::filesystem::path& path) {
    SecretFileResult r = read_secret_file(path);
    EXPECT_TRUE(r.secret.empty());
    return r.error;
}

TEST(SecretFile, TrailingLineBreaksAreStrippedInnerSpacesKept) {
    TempDir dir;
    EXPECT_EQ(read_secret_file(dir.write("a", "s3cret\n")).secret, "s3cret");
    EXPECT_EQ(read_secret_file(dir.write("b", "s3cret\r\n")).secret, "s3cret");
    EXPECT_EQ(read_secret_file(dir.write("c", "two words \n\n")).secret, "two words ");
    EXPECT_EQ(read_secret_file(dir.write("d", "no-newline")).secret, "no-newline");
    EXPECT_TRUE(read_secret_file(dir.write("e", "x")).error.empty());
}

TEST(SecretFile, MissingFileNamesFlagAndPath) {
    TempDir dir;
    std::string error = error_for(dir.path() / "nope");
    EXPECT_NE(error.find("--turn-secret-file"), std::string::npos) << error;
    EXPECT_NE(error.find("nope' does not exist"), std::string::npos) << error;
}

TEST(SecretFile, EmptyOrOnlyALineBreakIsEmpty) {
    TempDir dir;
    EXPECT_NE(error_for(dir.write("empty", "")).find("is empty"), std::string::npos);
    EXPECT_NE(error_for(dir.write("newline", "\n")).find("is empty"), std::string::npos);
}

TEST(SecretFile, ADirectoryIsNotASecretFile) {
    TempDir dir;
    EXPECT_NE(error_for(dir.path()).find("is not a regular file"), std::string::npos);
}

TEST(SecretFile, UnreadableFileSaysSo) {
    TempDir dir;
    std::filesystem::path file = dir.write("locked", "s3cret\n");
    std::filesystem::permissions(file, std::filesystem::perms::none);
    SecretFileResult r = read_secret_file(file);
    if (r.error.empty()) GTEST_SKIP() << "running as root: permissions do not stop reads";
    EXPECT_NE(r.error.find("cannot be read"), std::string::npos) << r.error;
}

TEST(SecretFile, AtMostFourKibibytes) {
    TempDir dir;
    EXPECT_EQ(read_secret_file(dir.write("max", std::string(kMaxSecretFileBytes, 'k'))).secret.size(),
              kMaxSecretFileBytes);
    std::string error = error_for(dir.write("big", std::string(kMaxSecretFileBytes + 1, 'k')));
    EXPECT_NE(error.find("is over 4096 bytes"), std::string::npos) << error;
}

}  // namespace
}  // namespace p2p::relay
