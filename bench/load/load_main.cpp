// p2p-load: many WSS connections from one process against our relay, the Beast echo floor or the
// Node baseline; prints the command and the figures, optionally writes them as JSON.
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>

#include "bench/load/load_options.hpp"
#include "bench/load/load_run.hpp"

namespace {

bool write_json(const std::string& file, const p2p::load::LoadResult& result) {
    std::ofstream out(file);
    out << result.to_json().dump(2) << '\n';
    return static_cast<bool>(out);
}

int run(const p2p::load::LoadOptions& options) {
    p2p::load::LoadRun load(options);
    const p2p::load::LoadResult result = load.run();
    std::cout << result.to_text() << std::flush;
    if (options.json_file && !write_json(*options.json_file, result)) {
        std::cerr << "p2p-load: cannot write " << *options.json_file << '\n';
        return EXIT_FAILURE;
    }
    if (!result.ok()) {
        std::cerr << "p2p-load: FAILED: lost " << result.traffic.lost << ", duplicated " << result.traffic.duplicated
                  << ", misrouted " << result.traffic.misrouted << ", errors " << result.traffic.errors << '\n';
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}

}  // namespace

int main(int argc, char** argv) {
    const auto parsed = p2p::load::parse_load_options(std::vector<std::string_view>(argv + 1, argv + argc));
    if (parsed.help) {
        std::cout << p2p::load::load_usage();
        return EXIT_SUCCESS;
    }
    if (!parsed.options) {
        std::cerr << "p2p-load: " << parsed.error << "\n(see p2p-load --help)\n";
        return 2;
    }
    try {
        return run(*parsed.options);
    } catch (const std::exception& error) {
        std::cerr << "p2p-load: " << error.what() << '\n';
        return EXIT_FAILURE;
    }
}
