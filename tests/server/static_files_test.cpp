#include "server/static_files.hpp"

#include <gtest/gtest.h>

#include "tests/server/temp_dir.hpp"

namespace p2p::relay {
namespace {

using testing::TempDir;

TEST(StaticPath, NamedPages) {
    EXPECT_EQ(static_relative_path("/"), "index.html");
    EXPECT_EQ(static_relative_path("/p2p"), "p2p.html");
    EXPECT_EQ(static_relative_path("/p2p?type=offer"), "p2p.html");
    EXPECT_EQ(static_relative_path("/?x=1"), "index.html");
}

TEST(StaticPath, OrdinaryFilesIgnoreTheQuery) {
    EXPECT_EQ(static_relative_path("/app.js?v=3"), "app.js");
    EXPECT_EQ(static_relative_path("/assets/app%20one.wasm"), "assets/app one.wasm");
    EXPECT_EQ(static_relative_path("/.well-known/x"), ".well-known/x");
}

TEST(StaticPath, RefusesTraversalAndOddBytes) {
    for (const char* target :
         {"/..", "/../etc/passwd", "/a/../../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E%2Fetc",
          "/a/%2e%2e/%2e%2e/x", "/.%2e/x", "/a\\..\\b", "/a%5c..%5cb", "/a%00.html", "//etc/passwd",
          "/%2fetc/passwd", "/a//b", "/a/", "/./a", "relative", "", "/%", "/%zz"}) {
        EXPECT_FALSE(static_relative_path(target)) << target;
    }
}

TEST(StaticPath, ResolvesOnlyRegularFilesInsideTheRoot) {
    TempDir dir;
    dir.write("www/index.html", "hi");
    dir.write("www/sub/app.js", "js");
    dir.write("secret.txt", "no");
    std::filesystem::create_directories(dir.path() / "www/emptydir");
    const auto root = dir.path() / "www";
    const auto canonical_root = std::filesystem::canonical(root);
    EXPECT_EQ(resolve_in_root(root, "index.html"), canonical_root / "index.html");
    EXPECT_EQ(resolve_in_root(root, "sub/app.js"), canonical_root / "sub/app.js");
    EXPECT_FALSE(resolve_in_root(root, "missing.html"));
    EXPECT_FALSE(resolve_in_root(root, "emptydir")) << "directories are not served";
    EXPECT_FALSE(resolve_in_root(root, "../secret.txt")) << "the pure check is not the only guard";
    EXPECT_FALSE(resolve_in_root(dir.path() / "nowhere", "index.html"));
}

TEST(StaticPath, SymlinksOutOfTheRootAreRefused) {
    TempDir dir;
    dir.write("www/index.html", "hi");
    dir.write("outside/secret.txt", "no");
    const auto root = dir.path() / "www";
    std::filesystem::create_symlink(dir.path() / "outside/secret.txt", root / "leak.txt");
    std::filesystem::create_directory_symlink(dir.path() / "outside", root / "out");
    std::filesystem::create_symlink(root / "index.html", root / "alias.html");
    EXPECT_FALSE(resolve_in_root(root, "leak.txt"));
    EXPECT_FALSE(resolve_in_root(root, "out/secret.txt"));
    EXPECT_TRUE(resolve_in_root(root, "alias.html")) << "links that stay inside are fine";
}

TEST(StaticPath, RootThatIsItselfASymlinkStillWorks) {
    TempDir dir;
    dir.write("real/index.html", "hi");
    std::filesystem::create_directory_symlink(dir.path() / "real", dir.path() / "link");
    EXPECT_TRUE(resolve_in_root(dir.path() / "link", "index.html"));
}

TEST(ContentType, ByExtension) {
    EXPECT_EQ(content_type_for("a/index.html"), "text/html; charset=utf-8");
    EXPECT_EQ(content_type_for("style.css"), "text/css; charset=utf-8");
    EXPECT_EQ(content_type_for("app.js"), "text/javascript; charset=utf-8");
    EXPECT_EQ(content_type_for("app.wasm"), "application/wasm");
    EXPECT_EQ(content_type_for("m.json"), "application/json");
    EXPECT_EQ(content_type_for("i.svg"), "image/svg+xml");
    EXPECT_EQ(content_type_for("i.png"), "image/png");
    EXPECT_EQ(content_type_for("favicon.ico"), "image/x-icon");
    EXPECT_EQ(content_type_for("blob.bin"), "application/octet-stream");
    EXPECT_EQ(content_type_for("noext"), "application/octet-stream");
}

}  // namespace
}  // namespace p2p::relay
