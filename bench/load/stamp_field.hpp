// Reading the "<name> <number>" fields of the stamps load runs put into their candidates.
#pragma once

#include <charconv>
#include <string_view>

namespace p2p::load {

// Reads "<name> <unsigned>" at the front of `text`, and one following space if any, advancing
// `text` past them; false (text unchanged or partly consumed) when it is not there.
template <typename Number>
bool read_stamp_field(std::string_view& text, std::string_view name, Number& out) {
    if (!text.starts_with(name) || text.size() <= name.size() || text[name.size()] != ' ') return false;
    text.remove_prefix(name.size() + 1);
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (ec != std::errc()) return false;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    if (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    return true;
}

}  // namespace p2p::load
