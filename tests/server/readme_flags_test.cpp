// The README's flag table and --help name the same flags with the same numeric defaults, so a flag
// added, renamed or given a new default in one cannot drift from the other (issue 26).
#include "server/config.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

namespace p2p::relay {
namespace {

using Flags = std::map<std::string, std::string>;  // flag -> its default as written ("" if none)

std::string read_readme() {
    std::ifstream in(P2P_README);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> flags_in(const std::string& text) {
    static const std::regex flag(R"(--[a-z][a-z0-9-]*)");
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), flag); it != std::sregex_iterator(); ++it) {
        out.push_back(it->str());
    }
    return out;
}

std::string first_number(const std::string& text) {
    static const std::regex number(R"(\b[0-9]+\b)");
    std::smatch match;
    return std::regex_search(text, match, number) ? match.str() : "";
}

// Rows "| `--rate N` / `--burst N` | `50` / `200` | ...": the flags of the first cell, each with
// the default at the same place in the second.
Flags readme_flags(const std::string& readme) {
    Flags out;
    std::istringstream lines(readme);
    for (std::string line; std::getline(lines, line);) {
        if (!line.starts_with("| `--")) continue;
        const std::size_t first = line.find('|', 1);
        const std::size_t second = line.find('|', first + 1);
        const std::vector<std::string> flags = flags_in(line.substr(1, first - 1));
        std::vector<std::string> defaults;
        std::istringstream cell(line.substr(first + 1, second - first - 1));
        for (std::string part; std::getline(cell, part, '/');) defaults.push_back(first_number(part));
        for (std::size_t i = 0; i < flags.size(); ++i) {
            out[flags[i]] = flags.size() == defaults.size() ? defaults[i] : first_number(defaults.front());
        }
    }
    return out;
}

// Entries of --help: a line "  --flag ARG   text" (or "  --a A, --b B") and the indented lines
// after it; the default is the number after "(default " anywhere in the entry.
Flags help_flags(const std::string& help) {
    Flags out;
    std::vector<std::string> current;
    std::string entry;
    auto finish = [&] {
        const std::size_t at = entry.find("(default ");
        const std::string value = at == std::string::npos ? "" : first_number(entry.substr(at, 24));
        for (const std::string& flag : current) out[flag] = value;
        current.clear();
        entry.clear();
    };
    std::istringstream lines(help);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("  --")) {
            finish();
            const std::size_t gap = line.find("  ", 2);  // the flags end where the text begins
            current = flags_in(line.substr(0, gap));
        } else if (!line.starts_with("    ")) {
            finish();
            continue;
        }
        entry += line;
    }
    finish();
    out.erase("--help");  // the README shows it in the usage line, not the table
    return out;
}

TEST(ReadmeFlags, TheTableAndHelpNameTheSameFlagsWithTheSameDefaults) {
    const Flags readme = readme_flags(read_readme());
    const Flags help = help_flags(usage_text(Config{}));
    ASSERT_GT(help.size(), 30u) << "the --help text was not read as expected";
    for (const auto& [flag, value] : help) {
        auto found = readme.find(flag);
        if (found == readme.end()) {
            ADD_FAILURE() << flag << " is in --help but not in README's flag table";
            continue;
        }
        EXPECT_EQ(found->second, value) << flag << ": README says " << found->second << ", --help " << value;
    }
    for (const auto& [flag, value] : readme) {
        EXPECT_TRUE(help.contains(flag)) << flag << " is in README's flag table but not in --help";
    }
}

}  // namespace
}  // namespace p2p::relay
