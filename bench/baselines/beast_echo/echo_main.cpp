// p2p-echo-baseline: the bare Beast TLS WebSocket echo server p2p-load uses as the floor for our
// relay's architecture. Prints "listening on ADDR:PORT", serves until SIGINT or SIGTERM.
#include <cstdlib>
#include <exception>
#include <iostream>
#include <thread>
#include <vector>

#include "bench/baselines/beast_echo/echo_listener.hpp"
#include "bench/baselines/beast_echo/echo_options.hpp"
#include "server/tls_context.hpp"

namespace {

using namespace p2p::echo;

int serve(const EchoOptions& options) {
    net::io_context io(static_cast<int>(options.threads));
    // The relay's own TLS profile (Mozilla intermediate, released idle buffers): same TLS cost.
    ssl::context tls = p2p::relay::make_tls_context({options.cert, options.key});
    auto listener = std::make_shared<EchoListener>(io, tls, tcp::endpoint(net::ip::make_address(options.address), options.port));
    listener->run();
    net::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&io](beast::error_code, int) { io.stop(); });
    const tcp::endpoint bound = listener->local_endpoint();
    std::cout << "listening on " << bound.address().to_string() << ":" << bound.port() << std::endl;
    std::vector<std::thread> extra_threads;
    for (unsigned i = 1; i < options.threads; ++i) extra_threads.emplace_back([&io] { io.run(); });
    io.run();
    for (std::thread& thread : extra_threads) thread.join();
    return EXIT_SUCCESS;
}

}  // namespace

int main(int argc, char** argv) {
    const ParsedEchoOptions parsed = parse_echo_options(std::vector<std::string_view>(argv + 1, argv + argc));
    if (parsed.help) {
        std::cout << echo_usage();
        return EXIT_SUCCESS;
    }
    if (!parsed.options) {
        std::cerr << "p2p-echo-baseline: " << parsed.error << "\n(see --help)\n";
        return 2;
    }
    try {
        return serve(*parsed.options);
    } catch (const std::exception& error) {
        std::cerr << "p2p-echo-baseline: " << error.what() << '\n';
        return EXIT_FAILURE;
    }
}
