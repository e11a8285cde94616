// Compact JSON output for encode(): byte for byte what nlohmann's dump() wrote before, so the
// wire format did not change when nlohmann left the client.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace p2p {

// Appends JSON tokens to a string and puts the commas in. The caller writes each object's keys in
// sorted order itself (nlohmann kept them in a std::map).
class JsonWriter {
public:
    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    void key(std::string_view name);
    // Escapes '"', '\' and control characters; invalid UTF-8 becomes U+FFFD, one per maximal
    // ill-formed subpart (nlohmann's error_handler_t::replace), so the output is always valid JSON.
    void string(std::string_view value);
    void unsigned_number(std::uint64_t value);
    void null();

    std::string take() { return std::move(out_); }

private:
    void before_value();
    std::size_t write_special(std::string_view value, std::size_t at);
    void escape_control(unsigned char byte);

    std::string out_;
    bool needs_comma_ = false;
};

}  // namespace p2p
