#include "wasm/log_text.hpp"

namespace p2p::client {

std::string_view text(Text id, Lang lang) {
    const TextTable& table = lang == Lang::En ? kTextEn : kTextZh;
    auto index = static_cast<std::size_t>(id);
    return index < table.size() ? table[index] : "?";
}

}  // namespace p2p::client
