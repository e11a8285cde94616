// A JSON string as it appears in the text, escapes and all. Reading one allocates nothing; the
// unescaped value is produced only when asked for.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "shared/utf8.hpp"

namespace p2p {

// The raw text between a JSON string's quotes, already checked by JsonReader (so every escape in
// it is well formed and every surrogate pair complete).
class JsonString {
public:
    JsonString(std::string_view raw, bool has_escapes) : raw_(raw), has_escapes_(has_escapes) {}

    std::string_view raw() const { return raw_; }
    bool has_escapes() const { return has_escapes_; }

    // Whether the unescaped value equals `plain`, without building the value.
    bool equals(std::string_view plain) const;
    // The unescaped value.
    std::string value() const;

    // Calls sink(std::string_view) with consecutive pieces of the unescaped value: runs of raw
    // text between escapes, and the UTF-8 bytes each escape stands for.
    template <class Sink>
    void for_each_piece(Sink&& sink) const;

private:
    // The code point of the escape at raw_[at] (a backslash) and the raw bytes it spans.
    struct Escape {
        std::uint32_t code_point;
        std::size_t length;
    };
    Escape escape_at(std::size_t at) const;

    std::string_view raw_;
    bool has_escapes_;
};

template <class Sink>
void JsonString::for_each_piece(Sink&& sink) const {
    std::size_t run_start = 0;
    std::size_t at = has_escapes_ ? raw_.find('\\') : std::string_view::npos;
    while (at != std::string_view::npos) {
        if (at > run_start) sink(raw_.substr(run_start, at - run_start));
        const Escape escape = escape_at(at);
        char bytes[4];
        sink(std::string_view(bytes, encode_utf8(escape.code_point, bytes)));
        run_start = at + escape.length;
        at = raw_.find('\\', run_start);
    }
    if (run_start < raw_.size()) sink(raw_.substr(run_start));
}

}  // namespace p2p
