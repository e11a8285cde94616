// Test fixture: a real relay on a loopback port with a scratch state dir and a small web root.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "tests/server/relay_process.hpp"
#include "tests/server/temp_dir.hpp"

namespace p2p::relay::testing {

// Starts one relay per test; the web root holds one file of each served content type.
class RelayFixture : public ::testing::Test {
protected:
    void SetUp() override {
        dir_.write("www/index.html", "<!doctype html><title>index</title>");
        dir_.write("www/p2p.html", "<!doctype html><title>call</title>");
        dir_.write("www/app.js", "console.log('hi');");
        dir_.write("www/app.wasm", std::string("\0asm\1\0\0\0", 8));
        dir_.write("www/style.css", "body{}");
        dir_.write("www/data/manifest.json", "{}");
        dir_.write("www/icon.svg", "<svg/>");
        dir_.write("www/icon.png", "png");
        dir_.write("www/favicon.ico", "ico");
        dir_.write("www/blob.bin", "bin");
        dir_.write("secret.txt", "outside the web root");
        relay_ = std::make_unique<RelayProcess>(loopback_args(state_dir(), web_root()));
    }

    std::uint16_t port() const { return relay_->port(); }
    std::filesystem::path state_dir() const { return dir_.path() / "state"; }
    std::filesystem::path web_root() const { return dir_.path() / "www"; }

    TempDir dir_;
    std::unique_ptr<RelayProcess> relay_;
};

}  // namespace p2p::relay::testing
