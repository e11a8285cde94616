#include "tests/soak/relay_flags.hpp"

namespace p2p::soak {

bool help_lists(std::string_view help_text, std::string_view flag) {
    for (auto at = help_text.find(flag); at != std::string_view::npos; at = help_text.find(flag, at + 1)) {
        const auto end = at + flag.size();
        const bool starts_token = at == 0 || help_text[at - 1] == ' ' || help_text[at - 1] == '\n' ||
                                  help_text[at - 1] == '\t' || help_text[at - 1] == ',';
        const bool ends_token = end == help_text.size() || help_text[end] == ' ' || help_text[end] == '\t' ||
                                help_text[end] == '=' || help_text[end] == '\n' || help_text[end] == ',';
        if (starts_token && ends_token) return true;
    }
    return false;
}

std::vector<std::string> supported_flags(std::string_view help_text,
                                         const std::vector<std::pair<std::string, std::string>>& wanted) {
    std::vector<std::string> args;
    for (const auto& [flag, value] : wanted) {
        if (!help_lists(help_text, flag)) continue;
        args.push_back(flag);
        args.push_back(value);
    }
    return args;
}

}  // namespace p2p::soak
