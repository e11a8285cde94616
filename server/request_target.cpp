#include "server/request_target.hpp"

namespace p2p::relay {

std::string_view target_path(std::string_view target) {
    return target.substr(0, target.find('?'));
}

std::string_view target_query(std::string_view target) {
    auto mark = target.find('?');
    return mark == std::string_view::npos ? std::string_view() : target.substr(mark + 1);
}

}  // namespace p2p::relay
